"""Small cells are hidden, and no hidden cell can be worked out from the totals published beside it."""
from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from services.reporting.domain.suppression import Line, exposed, grid_lines, primary, suppress
from services.reporting.domain.tables import TOTAL, Header, count_table


def table_values(grid: list[list[int]]) -> tuple[dict, list[Line]]:
    """Cells (r, c) of a grid with its row totals, column totals and grand total, and the lines that tie them."""
    rows, columns = range(len(grid)), range(len(grid[0]))
    values = {(r, c): grid[r][c] for r in rows for c in columns}
    for r in rows:
        values[(r, "T")] = sum(grid[r])
    for c in columns:
        values[("T", c)] = sum(grid[r][c] for r in rows)
    values[("T", "T")] = sum(map(sum, grid))
    return values, grid_lines(list(rows), list(columns), "T", "T")


def feasible_range(cell, values: dict, hidden: set, lines: list[Line]) -> tuple[float, float]:
    """The least and the most a hidden cell can be, given every published cell, the lines and x ≥ 0 (an LP)."""
    unknown = sorted(hidden, key=repr)
    index = {c: i for i, c in enumerate(unknown)}
    a_eq, b_eq = [], []
    for line in lines:
        row, known = np.zeros(len(unknown)), 0.0
        for c in line.parts:
            if c in index:
                row[index[c]] += 1
            else:
                known += values[c]
        if line.total in index:
            row[index[line.total]] -= 1
        else:
            known -= values[line.total]
        if row.any():
            a_eq.append(row)
            b_eq.append(-known)
    objective = np.zeros(len(unknown))
    objective[index[cell]] = 1
    bounds = [(0, None)] * len(unknown)
    low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
    high = linprog(-objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
    assert low.status == 0 and high.status in (0, 3)  # 3: unbounded above, as free as can be
    return low.fun, (-high.fun if high.status == 0 else float("inf"))


def assert_protected(values: dict, lines: list[Line], hidden: set) -> None:
    assert primary(values) <= hidden, "every cell of 1–4 is hidden"
    for cell in hidden:
        low, high = feasible_range(cell, values, hidden, lines)
        assert high - low >= 1 - 1e-6, f"{cell}={values[cell]} can be worked out: {low}..{high}"


def test_counts_of_one_to_four_are_hidden_and_zero_and_five_are_not():
    assert primary({"a": 0, "b": 1, "c": 4, "d": 5, "e": 12}) == {"b", "c"}


def test_a_row_with_one_hidden_cell_hides_its_next_smallest_cell():
    values, lines = table_values([[3, 10, 20], [8, 9, 30]])
    hidden = suppress(values, lines)
    # 3 alone in row 0 would be its total minus 30: the smallest other cell of its row (10) is hidden too,
    # and then column-wise the same again (8 in column 0, 9 in column 1).
    assert {(0, 0), (0, 1), (1, 0), (1, 1)} <= hidden
    assert ("T", "T") not in hidden
    assert_protected(values, lines, hidden)


def test_a_small_total_is_hidden_and_protected_too():
    values, lines = table_values([[2, 0, 1], [7, 6, 9], [10, 8, 12]])
    hidden = suppress(values, lines)
    assert (0, "T") in hidden  # the row total 3 is a small cell itself
    assert_protected(values, lines, hidden)


def test_without_small_cells_nothing_is_hidden():
    values, lines = table_values([[5, 10], [0, 7]])
    assert suppress(values, lines) == set()


def test_the_rank_test_finds_a_cell_two_lines_give_away_together():
    # Hidden a, b, c with a + b known and b + c known and a + c known -> each one is determined.
    lines = [Line(("a", "b"), "ab"), Line(("b", "c"), "bc"), Line(("a", "c"), "ac")]
    assert sorted(exposed({"a", "b", "c"}, lines)) == ["a", "b", "c"]
    assert exposed({"a", "b"}, [Line(("a", "b"), "ab")]) == []


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_are_protected(seed):
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 6), rng.randint(1, 5)
    grid = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 35]) for _ in range(columns)] for _ in range(rows)]
    values, lines = table_values(grid)
    hidden = suppress(values, lines)
    assert_protected(values, lines, hidden)


def test_a_published_table_shows_hidden_counts_as_less_than_five():
    rows = [Header("sataedu", "organisation"), Header("samk", "organisation")]
    columns = [Header("woman", "gender"), Header("man", "gender")]
    table = count_table("t", "T", rows=rows, columns=columns, counts={
        ("sataedu", "woman"): 3, ("sataedu", "man"): 12, ("samk", "woman"): 9, ("samk", "man"): 10})
    assert table.cell("sataedu", "woman") == "<5"
    assert table.cell(TOTAL, TOTAL) == 34
    published = {(r.key, c.key): table.cell(r.key, c.key) for r in table.rows for c in table.columns}
    assert [cell for cell, v in published.items() if v == "<5"] == [("sataedu", "woman")]
    assert sum(1 for v in published.values() if v == "x") >= 3  # three partners of the 3 in a rectangle
    assert published[("sataedu", TOTAL)] == 15 and published[(TOTAL, "woman")] == 12


@pytest.mark.parametrize("seed", range(300))
def test_the_graph_test_agrees_with_the_rank_test(seed):
    from services.reporting.domain.suppression import _rank_exposed

    rng = random.Random(seed)
    columns = rng.randint(1, 4)
    values, lines = table_values([[1] * columns for _ in range(rng.randint(1, 5))])
    hidden = set(rng.sample(sorted(values, key=repr), rng.randint(1, len(values))))
    assert exposed(hidden, lines) == _rank_exposed(hidden, lines)


def test_a_large_table_is_suppressed_quickly():
    import time

    rng = random.Random(1)
    values, lines = table_values([[rng.choice([0, 1, 2, 6, 9, 15]) for _ in range(6)] for _ in range(1500)])
    started = time.perf_counter()
    hidden = suppress(values, lines)
    assert time.perf_counter() - started < 5
    assert primary(values) <= hidden and exposed(hidden, lines) == []
