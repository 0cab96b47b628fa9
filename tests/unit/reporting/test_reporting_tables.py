"""Published tables: means only beside a visible n of five or more, distributions suppressed, rows kept."""
from __future__ import annotations

from datetime import date

from services.reporting.domain.filters import Filters, problems
from services.reporting.domain.tables import (
    TOTAL,
    Distribution,
    Header,
    distribution_table,
    measure_table,
    only_rows,
    shown,
)


def test_a_distribution_shows_n_mean_and_counts_with_small_counts_hidden():
    rows = [Header("learning", "survey_item"), Header("teamwork", "survey_item")]
    table = distribution_table("experience", "E", rows=rows, scale=(1, 2, 3, 4, 5), distributions={
        "learning": Distribution({4: 6, 5: 6}), "teamwork": Distribution({2: 1, 3: 9, 4: 10})})
    assert table.cell("learning", "n") == 12 and table.cell("learning", "mean") == 4.5
    # The 1 is "fewer than five"; the 9 is hidden with it (else 20 - 10 - 1 gives the 9 away) and marked "x".
    assert table.cell("teamwork", "2") == "<5" and table.cell("teamwork", "3") == "x"
    # n = 20 and a mean of 3.45 (published to one decimal, 3.5: 3.45–3.55) say c2 + c3 = 10 and
    # 69 <= 2·c2 + 3·c3 + 40 <= 71, i.e. c2 <= 1: the 1 would be given away, so the mean is hidden too.
    assert table.cell("teamwork", "n") == 20 and shown(table, "teamwork", "mean") == "x"


def test_a_mean_of_fewer_than_five_is_not_shown():
    table = distribution_table("fit", "F", rows=[Header("quality", "criterion")], scale=(1, 2, 3, 4, 5),
                               distributions={"quality": Distribution({5: 3})})
    assert table.cell("quality", "n") == "<5" and table.cell("quality", "mean") == "x"
    assert shown(table, "quality", "mean") == "x"


def test_a_measure_row_with_a_hidden_n_shows_nothing_and_the_total_protects_it():
    rows = [Header("sataedu", "organisation"), Header("samk", "organisation"), Header(TOTAL, "total")]
    values = {("sataedu", "n"): 3, ("sataedu", "mean"): 4.0, ("samk", "n"): 9, ("samk", "mean"): 3.0,
              (TOTAL, "n"): 12, (TOTAL, "mean"): 3.25}
    table = measure_table("x", "X", rows=rows, n_column="n", columns=[("mean", "mean")], values=values)
    assert table.cell("sataedu", "n") == "<5" and table.cell("sataedu", "mean") == "x"
    assert table.cell("samk", "n") == "x"  # otherwise 12 - 9 gives the 3 away; 9 is not small: "x"
    assert table.cell(TOTAL, "n") == 12 and table.cell(TOTAL, "mean") == 3.25


def test_a_hidden_share_shows_its_mark():
    rows = [Header("sataedu", "organisation"), Header("samk", "organisation"), Header(TOTAL, "total")]
    values = {("sataedu", "n"): 3, ("sataedu", "rate"): 0.5, ("samk", "n"): 9, ("samk", "rate"): 0.25,
              (TOTAL, "n"): 12, (TOTAL, "rate"): 0.3}
    table = measure_table("x", "X", rows=rows, n_column="n", columns=[("rate", "share")], values=values)
    assert [shown(table, r.key, "rate") for r in rows] == ["x", "x", "30 %"]


def test_a_manager_keeps_their_own_row_and_the_total():
    rows = [Header("sataedu", "organisation"), Header("samk", "organisation"), Header(TOTAL, "total")]
    table = measure_table("x", "X", rows=rows, n_column="n", columns=[],
                          values={("sataedu", "n"): 10, ("samk", "n"): 9, (TOTAL, "n"): 19})
    kept = only_rows(table, {"sataedu", TOTAL})
    assert [r.key for r in kept.rows] == ["sataedu", TOTAL] and kept.to_dict()["rows"][1]["cells"] == {"n": 19}


def test_filter_problems_name_the_field():
    areas, fields = {"pohjois-satakunta"}, {"07"}
    assert problems(Filters(start=date(2025, 2, 1), end=date(2025, 1, 1)), areas=areas, fields=fields) == {
        "end": ["The end of the period cannot be before its start."]}
    assert set(problems(Filters(area="x", field="99", gender="x"), areas=areas, fields=fields)) == {
        "area", "field", "gender"}
    assert problems(Filters(area="pohjois-satakunta", field="07", gender="woman"), areas=areas, fields=fields) == {}


def test_a_readers_table_writes_decimal_commas_and_the_per_cent_sign_after_a_space():
    """Pages and the PDF (a language given) as fi_FI and sv_FI write them; the RFC 4180 CSV (none) as machines."""
    rows = [Header("sataedu", "organisation"), Header("samk", "organisation"), Header(TOTAL, "total")]
    values = {("sataedu", "n"): 6, ("sataedu", "mean"): 4.06, ("sataedu", "rate"): 0.25,
              ("samk", "n"): 1234, ("samk", "mean"): 3.0, ("samk", "rate"): 0.5,
              (TOTAL, "n"): 1240, (TOTAL, "mean"): 3.01, (TOTAL, "rate"): 0.498}
    table = measure_table("x", "X", rows=rows, n_column="n", columns=[("mean", "mean"), ("rate", "share")],
                          values=values)
    assert [shown(table, "sataedu", c, "fi") for c in ("n", "mean", "rate")] == ["6", "4,1", "25\u00a0%"]
    assert [shown(table, "samk", c, "sv") for c in ("n", "mean", "rate")] == ["1\u00a0234", "3,0", "50\u00a0%"]
    assert [shown(table, TOTAL, c, "en") for c in ("n", "mean", "rate")] == ["1,240", "3.0", "50%"]
    assert [shown(table, "sataedu", c) for c in ("n", "mean", "rate")] == ["6", "4.1", "25 %"]
