"""Fairness monitoring by service area: counts from the read models, suppression, four-fifths, the event."""
from __future__ import annotations

from datetime import UTC, datetime

from services.matching.db import fairness_snapshots, suggestions
from services.matching.domain.fairness import current_period, month_bounds
from services.matching.handlers import decisions as decide_module
from services.matching.handlers import fairness
from shared.auth import Principal
from tests.support.matching import deliver, event, need_payload, outbox, profile_payload, rows, small_taxonomy

TAXONOMY = small_taxonomy()
U = TAXONOMY.uris
K = 50  # top-k per target of the `runtime` fixture (conftest.py)


def share(runtime, skills, **overrides) -> str:
    payload = profile_payload(None, skills, **overrides)
    deliver(runtime, event("intake.profile.shared", payload))
    return payload["client_id"]


def test_rates_by_service_area_with_small_cells_suppressed_and_a_four_fifths_warning(runtime):
    north = [share(runtime, {U[1]: 4}, service_areas=["pohjois-satakunta"]) for _ in range(10)]
    south = [share(runtime, {U[2]: 4}, service_areas=["kaakkois-satakunta"]) for _ in range(10)]
    unplaced = [share(runtime, {U[1]: 4}, municipalities=[], service_areas=[]) for _ in range(3)]
    deliver(runtime, event("intake.need.published", need_payload(None, [(U[1], True, 2)], municipality=None)))
    manager = Principal(user_id="m", organisation="sataedu", roles=frozenset({"manager"}))
    for row in rows(runtime, suggestions)[:6]:
        with runtime.work() as work:
            decide_module.decide(work, manager, row.id, True, None, TAXONOMY.index)
    period = current_period()
    with runtime.work() as work:
        report = fairness.publish(work, period)
    groups = {g["group"]: g for g in report["groups"]}
    assert groups["pohjois-satakunta"]["population"] == 10 and groups["pohjois-satakunta"]["suggested"] == 10
    assert groups["kaakkois-satakunta"]["suggested"] is None  # 0 < 5: suppressed
    assert groups["kaakkois-satakunta"]["suggestion_rate"] is None
    assert groups["none"]["population"] is None  # 3 < 5
    warnings = {(w["metric"], w["group"]) for w in report["warnings"]}
    assert ("suggestion_rate", "kaakkois-satakunta") in warnings
    [sent] = outbox(runtime, "matching.fairness.reported")
    assert sent["payload"]["group_kind"] == "service_area" and sent["payload"]["period"] == period
    assert "gender" not in str(sent["payload"])
    with runtime.work() as work:
        fairness.publish(work, period)  # the month's report is replaced, not added
    assert len(rows(runtime, fairness_snapshots)) == 1
    assert len(north) == len(south) == 10 and len(unplaced) == 3


def test_a_profile_without_named_areas_counts_in_its_municipalitys_area():
    from services.matching.domain.targets import profile_service_areas
    from shared.reference import municipalities

    expected = municipalities.service_area_of("214")
    assert profile_service_areas({"municipalities": ["214"], "service_areas": []}) == sorted(expected)
    assert profile_service_areas({"municipalities": [], "service_areas": ["b", "a"]}) == ["a", "b"]


def test_month_bounds():
    start, end = month_bounds("2026-12")  # Finnish midnights: UTC+2 in winter
    assert (start, end) == (datetime(2026, 11, 30, 22, tzinfo=UTC), datetime(2026, 12, 31, 22, tzinfo=UTC))
    start, end = month_bounds("2026-06")  # UTC+3 in summer
    assert (start, end) == (datetime(2026, 5, 31, 21, tzinfo=UTC), datetime(2026, 6, 30, 21, tzinfo=UTC))
