"""Fairness monitoring by service area: suggestion and acceptance rates per month, small cells suppressed.

Matching never sees gender. Rates by gender are computed by reporting, which holds gender under the
statistics consent (d): it joins the pseudonymous client ids of `matching.suggestion.made` /
`accepted` and of `intake.profile.shared` / `withdrawn` with `intake.statistics.recorded` and applies
the same rules (`services.matching.domain.fairness`). Matching reports what it can by itself: rates by
the service areas a profile names (a client who names two areas counts in both; one who names none,
in "none").
"""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import and_, select

from services.matching.db import fairness_snapshots, profiles, suggestions
from services.matching.domain import GroupCounts, fairness_report, targets
from services.matching.domain.fairness import MIN_CELL, current_period, month_bounds
from shared.events.envelope import utcnow
from shared.reference import municipalities
from shared.runtime import Work

NO_AREA = "none"


def counts(session, period: str) -> list[GroupCounts]:
    """Per service area: profiles matchable in the month, of them suggested, of those accepted."""
    start, end = month_bounds(period)
    areas_of: dict[str, set[str]] = {}
    for r in session.execute(select(profiles.c.client_id, profiles.c.record).where(profiles.c.status == "shared")):
        areas_of[r.client_id] = set(targets.profile_service_areas(r.record)) or {NO_AREA}
    suggested: dict[str, bool] = {}
    for r in session.execute(select(suggestions.c.client_id, suggestions.c.service_areas, suggestions.c.status)
                             .where(and_(suggestions.c.made_at >= start, suggestions.c.made_at < end))):
        areas_of.setdefault(r.client_id, set(r.service_areas or ()) or {NO_AREA})
        suggested[r.client_id] = suggested.get(r.client_id, False) or r.status == "accepted"
    groups: dict[str, list[int]] = {}
    for client_id, areas in areas_of.items():
        for area in areas:
            row = groups.setdefault(area, [0, 0, 0])
            row[0] += 1
            if client_id in suggested:
                row[1] += 1
                row[2] += suggested[client_id]
    return [GroupCounts(area, *row) for area, row in sorted(groups.items())]


def report(session, period: str, min_cell: int = MIN_CELL) -> dict:
    """The month's report as the event carries it."""
    result = fairness_report(counts(session, period), min_cell=min_cell)
    return {"period": period, "group_kind": "service_area", "min_cell": min_cell,
            "groups": [asdict(g) for g in result.groups],
            "warnings": [{"metric": w.metric, "group": w.group, "compared_to": w.compared_to, "ratio": w.ratio}
                         for w in result.warnings]}


def publish(work: Work, period: str, min_cell: int = MIN_CELL) -> dict:
    """Store the month's report (replacing an earlier one of the month) and send it to reporting."""
    payload = report(work.session, period, min_cell)
    table = fairness_snapshots
    existing = work.session.execute(select(table.c.id).where(table.c.period == period,
                                                             table.c.group_kind == "service_area")).scalar()
    values = dict(report=payload, computed_at=utcnow())
    if existing is None:
        work.session.execute(table.insert().values(period=period, group_kind="service_area", **values))
    else:
        work.session.execute(table.update().where(table.c.id == existing).values(**values))
    work.emit("matching.fairness.reported", payload)
    return payload


def area_names(lang: str) -> dict[str, str]:
    """Names of the network's service areas in a language."""
    return {slug: area.names[lang] for slug, area in municipalities.service_areas().items()}


def history(session) -> list[dict]:
    """Stored monthly reports, newest first."""
    return [dict(r.report, computed_at=r.computed_at) for r in session.execute(
        select(fairness_snapshots).order_by(fairness_snapshots.c.period.desc()))]


def overview(session, period: str | None = None) -> dict:
    """The month's report (default: this month) and the stored monthly reports, newest first."""
    return {"current": report(session, period or current_period()), "history": history(session)}
