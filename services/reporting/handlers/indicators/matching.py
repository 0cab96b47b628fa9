"""Matching: suggestions made and accepted, acceptance rates, and fairness ratios between groups.

The fairness ratio of a breakdown is the lowest group's acceptance rate over the highest one's,
among groups with at least five suggestions (the four-fifths rule warns under 0.8).
"""
from __future__ import annotations

from sqlalchemy import func, select

from services.reporting.db import fairness_reports, suggestions
from services.reporting.domain.suppression import THRESHOLD
from services.reporting.domain.tables import N_, TOTAL, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import count_if, distinct_counts, person_facts, tally, within
from services.reporting.subscribers.projections.matching import RATES

FOUR_FIFTHS = 0.8


def table(ctx: Context) -> Table | None:
    if ctx.breakdown == "environment":
        return None
    scope, made = person_facts(suggestions, ctx.filters), within(suggestions.c.made_on, ctx.filters)
    columns = tally(ctx.session, scope, ctx.breakdown, {
        "suggestions_made": func.count(), "accepted": count_if(suggestions.c.status == "accepted"),
        "declined": count_if(suggestions.c.status == "declined")}, made)
    columns = {"suggestions_made": columns["suggestions_made"],
               "persons_suggested": distinct_counts(ctx.session, scope, ctx.breakdown, scope.person, made),
               "accepted": columns["accepted"], "declined": columns["declined"]}
    rows = ctx.rows(*columns.values())
    cells = {(r.key, c): v.get(r.key, 0) for c, v in columns.items() for r in rows}
    base = count_table("matching", N_("Matching: suggestions made and accepted"), rows=rows,
                       columns=[Header(c) for c in columns], counts=cells, total_column=False,
                       row_dimension=ctx.breakdown,
                       note=N_("Acceptance rate: accepted of the suggestions made. Fairness ratio: the lowest "
                               "group's rate over the highest one's (under 0.8 is a warning)."))
    values, hidden = dict(base.values), set(base.hidden)
    rates = {}
    for row in base.rows:
        n = base.values[(row.key, "suggestions_made")]
        rate = base.values[(row.key, "accepted")] / n if n else None
        values[(row.key, "acceptance_rate")] = round(rate, 3) if rate is not None else None
        if rate is None or n < THRESHOLD or (row.key, "accepted") in base.hidden \
                or (row.key, "suggestions_made") in base.hidden:
            hidden.add((row.key, "acceptance_rate"))
        elif row.key != TOTAL:
            rates[row.key] = rate
    ratio = min(rates.values()) / max(rates.values()) if len(rates) >= 2 and max(rates.values()) > 0 else None
    values[(TOTAL, "fairness_ratio")] = round(ratio, 3) if ratio is not None else None
    for row in base.rows:
        if row.key != TOTAL or ratio is None:
            hidden.add((row.key, "fairness_ratio"))
    columns = [*base.columns, Header("acceptance_rate"), Header("fairness_ratio")]
    return Table(base.key, base.title, base.rows, columns, values, hidden,
                 kinds={"acceptance_rate": "share", "fairness_ratio": "ratio"}, note=base.note,
                 row_dimension=ctx.breakdown, lines=base.lines, untold=base.untold)


def reported_fairness(ctx: Context) -> Table | None:
    """The matching service's own figures of the newest month in the period, by group (it suppressed them)."""
    f = fairness_reports
    month = ctx.session.execute(select(func.max(f.c.period)).where(
        f.c.period <= ctx.as_of.strftime("%Y-%m"), f.c.period >= ctx.filters.start.strftime("%Y-%m"))).scalar()
    if month is None:
        return None
    rows = ctx.session.execute(select(f).where(f.c.period == month).order_by(f.c.group_kind, f.c.group_key)).all()
    values, headers = {}, []
    for r in rows:
        key = f"{r.group_kind}:{r.group_key}"
        headers.append(Header(key, "fairness_group"))
        values.update({(key, m): getattr(r, m) for m in RATES})
    ratios = {}
    for measure in ("suggestion_rate", "acceptance_rate"):
        rates = [values[(h.key, measure)] for h in headers if values[(h.key, measure)] is not None]
        ratios[measure] = round(min(rates) / max(rates), 3) if len(rates) >= 2 and max(rates) > 0 else None
    headers.append(Header(TOTAL, "fairness_ratio"))
    values.update({(TOTAL, f"{m}"): ratios[m] for m in ratios})
    kinds = {"population": "number", "suggested": "number", "accepted": "number", "suggestion_rate": "share",
             "acceptance_rate": "share"}
    return Table("fairness", N_("Fairness figures reported by the matching service"), headers,
                 [Header(m, "column") for m in RATES], values, kinds=kinds, row_dimension="fairness_group",
                 note=N_("The newest month in the period (%(month)s). Last row: the lowest group's rate over the "
                         "highest one's."), note_values={"month": month})
