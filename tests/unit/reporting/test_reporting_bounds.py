"""The bounds proof (domain/bounds.py) and releases suppressed as one (domain/release.py), on small
scenarios worked out by hand."""
from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.reporting.domain import bounds, release
from services.reporting.domain.bounds import PROTECTION, Mean, secure, weak, widths
from services.reporting.domain.suppression import Line, grid_lines, suppress
from services.reporting.domain.tables import TOTAL, Distribution, Header, count_table, distribution_table
from tests.support.recovery import recovered

ROW = [Line(("a", "b"), "t")]
PROPERTIES = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")), deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.too_slow])


def test_a_small_count_beside_a_marked_one_is_pinned_down_by_the_marks():
    # a + b = 6 with a "<5" (1–4) and b "x" (0 or ≥ 5): b = 5 and a = 1 is the only way.
    values = {"a": 1, "b": 5, "t": 6}
    assert widths(values, ROW, {"a", "b"}) == {"a": 0.0, "b": 0.0}
    assert weak(values, ROW, {"a", "b"}) == ["a", "b"]
    secured = secure(values, ROW, {"a", "b"})
    # With the 6 hidden too ("x"): a can be 1–4 (b = 5, t = a + 5), b 5 or more.
    assert secured.hidden == {"a", "b", "t"} and secured.untold == set()
    assert weak(values, ROW, secured.hidden) == []


def test_the_issues_row_of_nine_keeps_its_total():
    # a + b = 9, a "<5", b "x": b = 9 - a lies in 5–8, so a can be 1–4: nothing more to hide.
    values = {"a": 4, "b": 5, "t": 9}
    assert widths(values, ROW, {"a", "b"}) == {"a": 3.0, "b": 3.0}
    assert secure(values, ROW, {"a", "b"}).hidden == {"a", "b"}


def test_three_small_counts_with_a_small_total_lose_their_marks():
    # 1 + 1 + 2 = 4, everything hidden: marked "<5" each would lie in 1–2 (they sum to at most 4).
    values = {"p": 1, "q": 1, "r": 2, "t": 4}
    lines = [Line(("p", "q", "r"), "t")]
    assert widths(values, lines, set(values)) == {"p": 1.0, "q": 1.0, "r": 1.0, "t": 1.0}
    secured = secure(values, lines, set(values))
    assert secured.hidden == set(values) and secured.untold == set(values)


def test_a_mean_that_gives_a_count_away_is_hidden():
    # n = 10 visible, counts of 1, 2 and 3: 5, 1 and 4, the 1 and 4 hidden ("<5"); c2 + c3 = 5.
    # A mean of 1.9 (to one decimal: 1.85–1.95) says 18.5 ≤ 5 + 2·c2 + 3·c3 ≤ 19.5, i.e. c3 = 4: given away.
    values = {"1": 5, "2": 1, "3": 4, "n": 10}
    lines = [Line(("1", "2", "3"), "n")]
    mean = Mean("mean", (("1", 1.0), ("2", 2.0), ("3", 3.0)), 10, 1.9, 1)
    assert weak(values, lines, {"2", "3"}, [mean]) == ["2", "3"]
    assert widths(values, lines, {"2", "3"}) == {"2": 3.0, "3": 3.0}  # without the mean: 1–4 each
    assert secure(values, lines, {"2", "3"}, [mean]).hidden == {"2", "3", "mean"}


def test_periods_are_calendar_half_years_and_years():
    assert release.period("2025") == release.Period("2025", date(2025, 1, 1), date(2025, 12, 31))
    assert release.period("2025-H2") == release.Period("2025-H2", date(2025, 7, 1), date(2025, 12, 31))
    assert [release.period(k) for k in ("2025-H3", "2025-03", "25", "", "1999")] == [None] * 5
    assert [p.key for p in release.ended_periods(date(2026, 12, 6), 2025)] == ["2026-H1", "2025", "2025-H2",
                                                                                "2025-H1"]
    assert release.problems("2025-03", date(2026, 1, 1)) == {"period": ["Choose a calendar half-year or year."]}
    assert release.problems("2025", date(2025, 12, 31)) == {
        "period": ["Only a period that has ended can be released."]}
    assert release.problems("2025", date(2026, 1, 1)) == {}
    assert release.period("2025").overlaps(release.period("2025-H1"))
    assert not release.period("2025-H1").overlaps(release.period("2025-H2"))


def _reach(breakdown: str, counts: dict[str, int]):
    rows = [Header(k, breakdown) for k in counts]
    return count_table("reach", "Reach", rows=rows, columns=[Header("clients_served")], total_column=False,
                       counts={(k, "clients_served"): v for k, v in counts.items()}, row_dimension=breakdown)


def test_a_release_hides_small_slices_whole_and_links_the_totals_of_its_breakdowns():
    # By organisation 12 + 9 + 6 = 27; by gender 14 + 13 = 27. Alone, each table shows everything (no cell is
    # 1–4); in the release the organisation of 6 is a slice under MIN_SLICE (10) and is hidden, so one more
    # organisation must go with it (27 - 12 - 6 would give the 9 away), and the total stays shown.
    by_org = _reach("organisation", {"samk": 12, "sataedu": 9, "winnova": 6})
    by_gender = _reach("gender", {"woman": 14, "man": 13})
    assert not by_org.hidden and not by_gender.hidden
    tables = release.gather({"organisation": {"reach": by_org}, "gender": {"reach": by_gender}})
    assert [t.key for t in tables] == ["reach.organisation", "reach.gender"]
    assert release.small_slices(tables) == {("reach.organisation", "sataedu"), ("reach.organisation", "winnova")}
    out, same = release.suppress_together(tables)
    assert same == [(("reach.organisation", TOTAL, "clients_served"), ("reach.gender", TOTAL, "clients_served"))]
    org, gender = out
    assert [org.cell(k, "clients_served") for k in ("samk", "sataedu", "winnova", TOTAL)] == [12, "x", "x", 27]
    assert [gender.cell(k, "clients_served") for k in ("woman", "man", TOTAL)] == [14, 13, 27]
    doc = release.document("2025", date(2025, 1, 1), date(2025, 12, 31), out, same)
    assert doc["links"] == [{"cells": [["reach.organisation", TOTAL, "clients_served"],
                                       ["reach.gender", TOTAL, "clients_served"]]}]
    assert recovered(doc["tables"], doc["links"]) == {}


def test_a_total_hidden_in_one_breakdown_is_hidden_in_the_other():
    # By organisation 3 + 2 = 5, both "<5" and slices under MIN_SLICE. Whatever the organisation table must
    # hide of its total, the gender table (a single row of 5 and the same total) must hide too, or it would
    # give the total back; and with the total, its one row.
    by_org = _reach("organisation", {"samk": 3, "sataedu": 2})
    by_gender = _reach("gender", {"woman": 5})
    tables = release.gather({"organisation": {"reach": by_org}, "gender": {"reach": by_gender}})
    out, same = release.suppress_together(tables)
    doc = release.document("2025", date(2025, 1, 1), date(2025, 12, 31), out, same)
    org, gender = out
    assert org.cell(TOTAL, "clients_served") in ("x", "..") and gender.cell(TOTAL, "clients_served") in ("x", "..")
    assert recovered(doc["tables"], doc["links"]) == {}


@PROPERTIES
@given(st.lists(st.integers(0, 12), min_size=5, max_size=5))
def test_no_hidden_count_of_a_distribution_can_be_worked_out_from_its_n_and_mean(counts):
    scale = (1, 2, 3, 4, 5)
    table = distribution_table("d", "D", rows=[Header("item", "survey_item")], scale=scale,
                               distributions={"item": Distribution(dict(zip(scale, counts)))})
    assert recovered([table.to_dict()]) == {}


@PROPERTIES
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 9, 14]), min_size=2, max_size=4),
                min_size=2, max_size=4).filter(lambda g: len({len(r) for r in g}) == 1))
def test_no_hidden_count_of_a_published_table_can_be_narrowed_by_its_marks_and_totals(grid):
    rows = [Header(f"r{i}", "row") for i in range(len(grid))]
    columns = [Header(f"c{j}", "column") for j in range(len(grid[0]))]
    table = count_table("t", "T", rows=rows, columns=columns,
                        counts={(f"r{i}", f"c{j}"): v for i, line in enumerate(grid) for j, v in enumerate(line)})
    assert recovered([table.to_dict()]) == {}


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["samk", "sataedu", "winnova"]), st.sampled_from(["woman", "man"]),
                          st.booleans()), min_size=1, max_size=40))
def test_no_hidden_count_of_a_release_can_be_worked_out_from_all_its_tables(people):
    """Persons with an organisation, a gender and whether they took part: both breakdowns of two tables (one
    with a total column), suppressed as one release, attacked as one document."""
    tables = {}
    for breakdown, index in (("organisation", 0), ("gender", 1)):
        keys = sorted({p[index] for p in people})
        rows = [Header(k, breakdown) for k in keys]
        served = {(k, "clients_served"): sum(1 for p in people if p[index] == k) for k in keys}
        joined = {(k, c): sum(1 for p in people if p[index] == k and p[2] == (c == "took_part")) for k in keys
                  for c in ("took_part", "did_not")}
        tables[breakdown] = {
            "reach": count_table("reach", "Reach", rows=rows, columns=[Header("clients_served")], counts=served,
                                 total_column=False, row_dimension=breakdown),
            "joined": count_table("joined", "Joined", rows=rows, columns=[Header("took_part"), Header("did_not")],
                                  counts=joined, row_dimension=breakdown)}
    out, same = release.suppress_together(release.gather(tables))
    doc = release.document("2025", date(2025, 1, 1), date(2025, 12, 31), out, same)
    assert recovered(doc["tables"], doc["links"]) == {}


def _suppressed_grid(grid, total_column, more):
    """A two-way table of these counts with a total row (and column), suppressed, and the cells `more` names
    (by their place in repr order) hidden too."""
    rows, columns = [f"r{i}" for i in range(len(grid))], [f"c{j}" for j in range(len(grid[0]))]
    values = {(r, c): v for r, line in zip(rows, grid) for c, v in zip(columns, line)}
    lines = grid_lines(rows, columns, TOTAL, TOTAL if total_column else None)
    for c in columns:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    if total_column:
        for r in (*rows, TOTAL):
            values[(r, TOTAL)] = sum(values[(r, c)] for c in columns)
    ordered = sorted(values, key=repr)
    return values, lines, suppress(values, lines) | {ordered[i % len(ordered)] for i in more}


@PROPERTIES
@given(st.lists(st.lists(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 14]), min_size=1, max_size=4),
                min_size=2, max_size=6).filter(lambda g: len({len(r) for r in g}) == 1),
       st.booleans(), st.sets(st.integers(0, 40), max_size=6))
def test_a_cell_proved_by_a_trade_is_one_the_integer_programs_prove_too(grid, total_column, more):
    """`weak` skips the integer program of a cell two values of which fit everything published (a trade
    between two hidden counts weighed alike): it must name exactly the cells the integer programs find weak."""
    values, lines, hidden = _suppressed_grid(grid, total_column, more)
    exact = widths(values, lines, hidden)
    expected = sorted((cell for cell, width in exact.items()
                       if width < PROTECTION - 1e-6 and not (values[cell] == 0 and width < 1e-6)), key=repr)
    assert weak(values, lines, hidden) == expected


def test_a_long_table_of_small_rows_is_proved_and_gives_nothing_away():
    """A need per row (the recruitment table): 240 rows of one to seven suggestions, one line per column.
    Proved without an integer program per cell, and the attacker recovers no hidden count."""
    rows = [Header(f"need{i:03d}", "need") for i in range(240)]
    counts = {(f"need{i:03d}", "suggestions"): 1 + (i * 3) % 7 for i in range(240)}
    counts.update({(f"need{i:03d}", "hires"): (i * 5) % 3 for i in range(240)})
    table = count_table("recruitment", "R", rows=rows, columns=[Header("suggestions"), Header("hires")],
                        counts=counts, total_column=False, row_dimension="target")
    assert table.hidden and recovered([table.to_dict()]) == {}


@PROPERTIES
@given(st.lists(st.lists(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 14]), min_size=1, max_size=5),
                min_size=2, max_size=7).filter(lambda g: len({len(r) for r in g}) == 1),
       st.booleans(), st.sets(st.integers(0, 60), max_size=10), st.sets(st.integers(0, 60), max_size=6))
def test_what_the_network_bounds_decide_the_integer_programs_decide_alike(grid, total_column, more, untold):
    """The network's two bounds (`_Network`: "x" let into 1–4, or kept on its side) decide a count weak or
    protected only where the integer programs over everything published decide the same."""
    values, lines, hidden = _suppressed_grid(grid, total_column, more)
    ordered = sorted(values, key=repr)
    unmarked = {ordered[i % len(ordered)] for i in untold} & hidden
    exact = widths(values, lines, hidden, untold=unmarked)
    relations = dict(enumerate(bounds._constraints(values, lines, hidden, ())))
    signature: dict = {cell: [] for cell in hidden}
    for i, (coefficients, _low, _high) in relations.items():
        for cell, coefficient in coefficients.items():
            if coefficient:
                signature[cell].append((i, coefficient))
    network = bounds._Network(relations, signature, values, unmarked, 2.0 * sum(values.values()) + 10.0)
    assert network.ok  # a two-way table with totals is such a network
    for cell in sorted(hidden, key=repr):
        decided = network.width(cell)
        if decided is None:
            continue
        weak_there = decided < PROTECTION - 1e-6 and not (values[cell] == 0 and decided < 1e-6)
        weak_here = exact[cell] < PROTECTION - 1e-6 and not (values[cell] == 0 and exact[cell] < 1e-6)
        assert weak_there == weak_here, (cell, decided, exact[cell])
        if decided >= PROTECTION:  # the restricted network's width: a solution of the programs reaches it
            assert exact[cell] >= PROTECTION - 1e-6, (cell, decided, exact[cell])
        else:  # the relaxed network's width: the programs' solutions are flows of it
            assert exact[cell] <= decided + 1e-6, (cell, decided, exact[cell])
