"""Reach: clients served, participants, referrals, shared clients found and overlaps removed, the funnel."""
from __future__ import annotations

from sqlalchemy import distinct, func

from services.reporting.db import outcomes, overlap_resolutions, participations, persons, referrals
from services.reporting.domain.tables import N_, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import (
    count_if,
    counts,
    distinct_if,
    overlaps,
    person_facts,
    persons_scope,
    tally,
    within,
)

REFERRAL_STATUSES = ("accepted", "declined", "completed", "cancelled")


def _clients(ctx: Context, breakdown: str | None) -> dict[str, dict[str, int]]:
    """Persons served (their time as a client, first intake to last exit, touches the period) and new ones
    (first intake in the period): a person registered by two organisations once."""
    return tally(ctx.session, persons_scope(ctx.filters), breakdown, {
        "clients_served": count_if(overlaps(persons.c.entered_on, persons.c.exited_on, ctx.filters)),
        "new_clients": count_if(within(persons.c.entered_on, ctx.filters))}, persons.c.entered_on <= ctx.filters.end)


def _participants(ctx: Context, breakdown: str | None) -> dict[str, dict[str, int]]:
    scope = person_facts(participations, ctx.filters, environment_column=participations.c.environment_id)
    return tally(ctx.session, scope, breakdown, {
        "participants": func.count(distinct(scope.person)),
        "completed": distinct_if(scope.person, participations.c.status == "completed",
                                 within(participations.c.ended_on, ctx.filters))},
        overlaps(participations.c.enrolled_on, participations.c.ended_on, ctx.filters))


def _in_work(ctx: Context) -> int:
    """Distinct persons whose job started in the period."""
    scope = person_facts(outcomes, ctx.filters, environment_column=outcomes.c.environment_id)
    return counts(ctx.session, scope, None, func.count(distinct(scope.person)),
                  outcomes.c.category == "job", within(outcomes.c.started_on, ctx.filters))["total"]


def table(ctx: Context) -> Table:
    """Clients served, new clients, participants of environments and those who completed, per row."""
    b = ctx.breakdown
    columns: dict[str, dict[str, int]] = {}
    if b != "environment":
        columns.update(_clients(ctx, b))
    columns.update(_participants(ctx, b))
    totals = None
    if b == "environment":  # a person may take part in several environments: the total counts them once
        whole = _participants(ctx, None)
        totals = {("total", c): whole[c]["total"] for c in ("participants", "completed")}
    rows = ctx.rows(*columns.values())
    cells = {(r.key, c): v.get(r.key, 0) for c, v in columns.items() for r in rows}
    return count_table("reach", N_("Clients served and participants of environments"), rows=rows,
                       columns=[Header(c) for c in columns], counts=cells, total_column=False, totals=totals,
                       row_dimension=b,
                       note=N_("The columns overlap (a participant is also a client): they are not added up."))


def referrals_table(ctx: Context) -> Table | None:
    """Referrals sent in the period and what became of them; shared clients found and overlaps resolved."""
    b = ctx.breakdown
    if b == "environment":
        return None
    columns = tally(ctx.session, person_facts(referrals, ctx.filters), b, {
        "referrals_sent": func.count(),
        **{f"referrals_{status}": count_if(referrals.c.status == status) for status in REFERRAL_STATUSES}},
        within(referrals.c.sent_on, ctx.filters))
    columns["shared_found"] = counts(ctx.session, persons_scope(ctx.filters), b, func.count(),
                                     within(persons.c.shared_on, ctx.filters))
    columns.update(tally(ctx.session, person_facts(overlap_resolutions, ctx.filters), b, {
        "overlaps_removed": count_if(overlap_resolutions.c.resolution == "lead_agreed"),
        "overlaps_dismissed": count_if(overlap_resolutions.c.resolution == "dismissed")},
        within(overlap_resolutions.c.resolved_on, ctx.filters)))
    rows = ctx.rows(*columns.values())
    cells = {(r.key, c): v.get(r.key, 0) for c, v in columns.items() for r in rows}
    return count_table("referrals", N_("Referrals, shared clients found and overlaps removed"), rows=rows,
                       columns=[Header(c) for c in columns], counts=cells, total_column=False, row_dimension=b,
                       note=N_("A shared client is a person who is a client of two or more member organisations; "
                               "by organisation they are counted where they came first."))


def funnel(ctx: Context) -> Table:
    """Intake → environment → work: persons at each stage in the period (suppressed like every count)."""
    stages = {"clients_served": _clients(ctx, None)["clients_served"]["total"],
              "participants": _participants(ctx, None)["participants"]["total"], "in_work": _in_work(ctx)}
    return count_table("funnel", N_("From intake to environments and work"),
                       rows=[Header(k, "stage") for k in stages], columns=[Header("persons")],
                       counts={(k, "persons"): v for k, v in stages.items()}, total_row=False, total_column=False,
                       row_dimension="stage")
