"""Suppression's second stage (the exposure test) on tables that need it, and properties of every table.

The first stage alone (a line with one hidden cell hides one more) leaves a cell pinned down when two
blocks of small counts are joined by one more small cell: each block is a cycle, the joining cell a bridge
between them, and every line through it already has two hidden cells (issue 22).
"""
from __future__ import annotations

import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.reporting.domain.suppression import (
    PROTECTING,
    SUPPRESSED,
    THRESHOLD,
    Line,
    _smallest,
    exposed,
    grid_lines,
    is_small,
    primary,
    suppress,
)
from services.reporting.domain.tables import TOTAL, Header, count_table
from tests.unit.reporting.test_reporting_suppression import assert_protected, feasible_range, table_values

# Fewer generated tables per mutant in `make mutation` (PROPERTY_EXAMPLES, set by tools/mutation.py).
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))
PROPERTIES = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.too_slow])

# Two 2×2 blocks of small counts (rows 0-1 × columns 0-1, rows 2-3 × columns 2-3) joined by the 3 at (1, 2).
JOINED_BLOCKS = [[1, 2, 20, 30, 40],
                 [3, 4, 3, 35, 45],
                 [50, 60, 1, 2, 70],
                 [55, 65, 3, 4, 75],
                 [80, 85, 90, 5, 95]]


def first_stage(values: dict, lines: list[Line]) -> set:
    """What suppression hides without its second stage: primary cells, then one more on any line with one."""
    totals = {line.total for line in lines}
    hidden = primary(values)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for c in line.cells if c in hidden) == 1:
                hidden.add(_smallest(line.cells, hidden, values, totals))
                changed = True
    return hidden


def test_a_cell_joining_two_blocks_of_small_counts_is_protected_by_the_second_stage():
    values, lines = table_values(JOINED_BLOCKS)
    alone = first_stage(values, lines)
    assert exposed(alone, lines) == [(1, 2)]  # the first stage alone would publish the 3 exactly
    assert feasible_range((1, 2), values, alone, lines) == (3.0, 3.0)
    hidden = suppress(values, lines)
    assert hidden == alone | {(0, 2)}  # the next smallest on a line through the exposed cell (20 before 35)
    assert exposed(hidden, lines) == []
    assert_protected(values, lines, hidden)


def test_the_joined_blocks_table_as_published_hides_the_joining_cell():
    keys = ["a", "b", "c", "d", "e"]
    rows, columns = [Header(k, "row") for k in keys], [Header(k, "column") for k in keys]
    table = count_table("t", "T", rows=rows, columns=columns,
                        counts={(r, c): JOINED_BLOCKS[i][j] for i, r in enumerate(keys) for j, c in enumerate(keys)})
    assert table.cell("b", "c") == SUPPRESSED and table.cell("a", "c") == PROTECTING
    assert table.cell(TOTAL, TOTAL) == sum(map(sum, JOINED_BLOCKS))


@st.composite
def joined_block_tables(draw):
    """Tables that need the second stage: two blocks of small counts joined by a small cell, large counts
    elsewhere, rows and columns shuffled."""
    size = draw(st.integers(5, 7)), draw(st.integers(5, 7))
    small = st.integers(1, THRESHOLD - 1)
    grid = [[draw(st.integers(THRESHOLD, 99)) for _ in range(size[1])] for _ in range(size[0])]
    for block_rows, block_columns in (((0, 1), (0, 1)), ((2, 3), (2, 3))):
        for r in block_rows:
            for c in block_columns:
                grid[r][c] = draw(small)
    grid[1][2] = draw(small)
    row_order = draw(st.permutations(range(size[0])))
    column_order = draw(st.permutations(range(size[1])))
    return [[grid[r][c] for c in column_order] for r in row_order]


@PROPERTIES
@given(joined_block_tables())
def test_tables_that_need_the_second_stage_are_protected(grid):
    values, lines = table_values(grid)
    assert exposed(first_stage(values, lines), lines), "the generator makes tables the first stage leaves open"
    hidden = suppress(values, lines)
    assert exposed(hidden, lines) == []
    assert_protected(values, lines, hidden)


@PROPERTIES
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 7, 9, 14, 30]), min_size=2, max_size=5),
                min_size=2, max_size=5).filter(lambda g: len({len(r) for r in g}) == 1))
def test_no_hidden_cell_of_a_table_can_be_worked_out_from_its_totals(grid):
    values, lines = table_values(grid)
    hidden = suppress(values, lines)
    assert primary(values) <= hidden
    assert_protected(values, lines, hidden)
    assert all(not is_small(values[c]) for c in set(values) - hidden)


def test_the_lines_of_a_grid_with_only_a_total_column():
    lines = grid_lines(["a", "b"], ["x", "y"], None, "T")
    assert lines == [Line((("a", "x"), ("a", "y")), ("a", "T")), Line((("b", "x"), ("b", "y")), ("b", "T"))]
    assert grid_lines(["a"], ["x"], None, None) == []


@st.composite
def line_systems(draw):
    """Lines over a few cells, balanced or not, and a set of hidden cells among them."""
    cells = [f"c{i}" for i in range(draw(st.integers(3, 7)))]
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        total = draw(st.sampled_from(cells))
        parts = draw(st.lists(st.sampled_from([c for c in cells if c != total]), min_size=1, max_size=3, unique=True))
        lines.append(Line(tuple(parts), total))
    hidden = set(draw(st.lists(st.sampled_from(cells), min_size=1, unique=True)))
    return hidden, lines


def pinned_by_rank(hidden: set, lines: list[Line]) -> list:
    """Hidden cells whose unit vector lies in the row space of the lines (an independent computation)."""
    order = sorted(hidden, key=repr)
    matrix = np.array([[(c in line.parts) - (c == line.total) for c in order] for line in lines], dtype=float)
    rank = np.linalg.matrix_rank(matrix) if matrix.size else 0
    return [c for i, c in enumerate(order)
            if np.linalg.matrix_rank(np.vstack([matrix, np.eye(len(order))[i]])) == rank]


@settings(max_examples=EXAMPLES * 5 // 2, deadline=None, derandomize=True)
@given(line_systems())
def test_exposed_cells_are_those_the_lines_pin_down(system):
    from services.reporting.domain.suppression import _rank_exposed

    hidden, lines = system
    expected = pinned_by_rank(hidden, lines)
    assert _rank_exposed(hidden, lines) == expected
    assert sorted(exposed(hidden, lines), key=repr) == expected


def test_the_simple_rule_runs_to_its_end_before_the_exposure_test():
    # Hiding the next smallest on each line with one hidden cell, round after round, settles this table with
    # eight hidden cells; going to the exposure test after the first round would hide (0, 1) and (3, 1) too.
    values, lines = table_values([[7, 9, 3, 0], [8, 20, 9, 5], [9, 6, 3, 1], [12, 5, 1, 3]])
    hidden = suppress(values, lines)
    assert hidden == {(0, 0), (0, 2), (1, 0), (1, 3), (2, 2), (2, 3), (3, 2), (3, 3)}
    assert_protected(values, lines, hidden)


def test_nothing_is_left_to_hide_among_hidden_or_no_cells():
    assert _smallest([], set(), {}, set()) is None
    assert _smallest(["a", "b"], {"a", "b"}, {"a": 3, "b": 9}, set()) is None
    assert _smallest(["t", "a", "z", "b"], set(), {"t": 2, "a": 7, "z": 0, "b": 7}, {"t"}) == "a"


def test_an_unbalanced_part_after_a_balanced_one_sends_the_system_to_the_rank_test():
    # x and y on two lines (balanced), then a, b, c on the three lines a+b, b+c, a+c (not balanced): each of a,
    # b and c is pinned down, which the graph test cannot see.
    lines = [Line(("x", "y"), "t1"), Line(("x", "y"), "t2"), Line(("a", "b"), "ab"), Line(("b", "c"), "bc"),
             Line(("a", "c"), "ac")]
    assert exposed({"x", "y", "a", "b", "c"}, lines) == ["a", "b", "c"]


def test_ties_are_broken_by_the_cell_s_repr_not_by_the_order_given():
    assert _smallest(["b", "a"], set(), {"a": 7, "b": 7}, set()) == "a"
    assert _smallest([("r", "y"), ("r", "x")], set(), {("r", "x"): 0, ("r", "y"): 0}, set()) == ("r", "x")


def test_the_lines_of_a_grid_with_only_a_total_row():
    assert grid_lines(["a", "b"], ["x"], "T", None) == [Line((("a", "x"), ("b", "x")), ("T", "x"))]


def test_the_rank_test_orders_cells_of_mixed_keys_by_repr():
    from services.reporting.domain.suppression import _rank_exposed

    lines = [Line(((0, 0),), "s1"), Line((("T", 0),), "s2")]
    assert _rank_exposed({(0, 0), ("T", 0)}, lines) == [("T", 0), (0, 0)]


def test_the_graph_test_orders_cells_of_mixed_keys_by_repr():
    # Each hidden cell alone on its line (a bridge to the free node): the graph test, not the rank test, finds
    # both, and keys of different types are not compared with each other.
    lines = [Line(((0, 0), "a"), "s1"), Line((("T", 0), "b"), "s2")]
    assert exposed({(0, 0), ("T", 0)}, lines) == [("T", 0), (0, 0)]


def test_the_lines_of_a_grid_with_both_totals():
    assert grid_lines(["a"], ["x"], "T", "C") == [
        Line((("a", "x"),), ("a", "C")), Line((("T", "x"),), ("T", "C")),
        Line((("a", "x"),), ("T", "x")), Line((("a", "C"),), ("T", "C"))]
