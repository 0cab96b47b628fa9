"""Time from a person's first intake to education or work: Kaplan–Meier curves and medians by cohort.

A cohort is the calendar year of first intake; the period chooses the cohorts (first intake in it)
and the day the report looks from (its end, or today). A person not yet in education or work then
is censored: at their exit if they left without one, else at that day.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, extract, func, literal, select

from services.reporting.db import persons
from services.reporting.domain import survival
from services.reporting.domain.suppression import THRESHOLD
from services.reporting.domain.tables import N_, TOTAL, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import persons_scope, within
from services.reporting.subscribers.projections.common import day_number

ALL = TOTAL  # every cohort together: the table's total row
MILESTONES = (90, 180, 365)  # days: within three months, six months, a year
SAMPLE_EVERY, SAMPLE_UNTIL = 30, 720


@dataclass(frozen=True)
class Curves:
    """Each cohort's curve, sampled where at least five are at risk, and the table of medians."""

    table: Table
    curves: dict[str, list[survival.Point]]


def _observations(ctx: Context) -> dict[str, list[tuple[int, bool, int]]]:
    p = persons
    as_of = day_number(ctx.as_of)
    event = and_(p.c.transition_day.is_not(None), p.c.transition_day <= as_of)
    last_seen = case((and_(p.c.exited_day.is_not(None), p.c.exited_day < as_of), p.c.exited_day), else_=literal(as_of))
    time = case((event, p.c.transition_day), else_=last_seen) - p.c.entered_day
    happened = case((event, 1), else_=0)
    cohort = extract("year", p.c.entered_on)
    scope = persons_scope(ctx.filters)
    query = select(cohort, time, happened, func.count()).select_from(scope.source).where(scope.where(
        within(p.c.entered_on, ctx.filters), p.c.entered_day <= as_of)).group_by(cohort, time, happened)
    found: dict[str, list[tuple[int, bool, int]]] = {}
    for year, days, yes, n in ctx.session.execute(query):
        observation = (max(0, int(days)), bool(yes), int(n))
        found.setdefault(str(int(year)), []).append(observation)
        found.setdefault(ALL, []).append(observation)
    return found


def curves(ctx: Context) -> Curves:
    observations = _observations(ctx)
    years = sorted(k for k in observations if k != ALL)
    steps = {c: survival.kaplan_meier(observations.get(c, [])) for c in (*years, ALL)}
    counts = {}
    for c in years:
        counts[(c, "transitioned")] = sum(s.events for s in steps[c])
        counts[(c, "on_their_way")] = sum(s.censored for s in steps[c])
    base = count_table("transition", N_("Time from first intake to education or work, by cohort"),
                       rows=[Header(c, "cohort") for c in years],
                       columns=[Header("transitioned"), Header("on_their_way")], counts=counts,
                       row_dimension="cohort",
                       note=N_("Kaplan–Meier estimate: persons still on their way are counted as censored. "
                               "Cohort: the year of first intake."))
    columns = [Header(TOTAL, "persons"), Header("transitioned"), Header("on_their_way"), Header("median_days"),
               *[Header(f"within_{d}", "within_days") for d in MILESTONES]]
    values, hidden = dict(base.values), set(base.hidden)
    shown_cohorts = []
    for row in base.rows:
        c = row.key
        n = base.values[(c, TOTAL)]
        small = n < THRESHOLD or (c, TOTAL) in base.hidden
        if not small:
            shown_cohorts.append(c)
        values[(c, "median_days")] = survival.median(steps[c])
        if small or values[(c, "median_days")] is None:
            hidden.add((c, "median_days"))
        for d in MILESTONES:
            values[(c, f"within_{d}")] = round(1.0 - survival.survival_at(steps[c], d), 3)
            if small or survival.disclosive(steps[c], d):
                hidden.add((c, f"within_{d}"))
    kinds = {"median_days": "number", **{f"within_{d}": "share" for d in MILESTONES}}
    table = Table(base.key, base.title, base.rows, columns, values, hidden, kinds=kinds, note=base.note,
                  row_dimension="cohort", lines=base.lines, untold=base.untold)
    sampled = {c: survival.sampled(steps[c], SAMPLE_EVERY, SAMPLE_UNTIL) for c in shown_cohorts}
    return Curves(table, sampled)
