"""Matching: suggestions made and accepted, acceptance rates, fairness ratios between groups, and recruitment after
the introductions (issue 16).

The fairness ratio of a breakdown is the lowest group's acceptance rate over the highest one's,
among groups with at least five suggestions (the four-fifths rule warns under 0.8).
"""
from __future__ import annotations

import statistics

from sqlalchemy import case, func, select

from services.reporting.db import fairness_reports, need_titles, suggestions
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


RECRUITMENT = {"introductions": "decided_on", "interviews": "interviewed_on", "trials": "trial_on",
               "hires": "hired_on"}
HIDDEN_NEEDS = "hidden_jobs"  # every hidden job's need in one row: not even its id is published


def _recruitment_counts(ctx: Context, target, *more) -> dict[str, dict[str, int]]:
    s = suggestions
    scope = person_facts(s, ctx.filters)
    measures = {"suggestions_made": func.count(),
                "introductions": count_if(s.c.status == "accepted"),
                "interviews": count_if(s.c.interviewed_on.is_not(None)),
                "trials": count_if(s.c.trial_on.is_not(None)),
                "hires": count_if(s.c.hired_on.is_not(None))}
    key = target.label("key")
    found: dict[str, dict[str, int]] = {n: {} for n in measures}
    query = select(key, *measures.values()).select_from(scope.source.outerjoin(
        need_titles, need_titles.c.need_id == s.c.target_id)).where(
        scope.where(within(s.c.made_on, ctx.filters), *more)).group_by(key)
    for k, *values in ctx.session.execute(query):
        for name, value in zip(measures, values):
            found[name][k] = int(value or 0)
    return found


def _days_to_hire(ctx: Context, target, *more) -> dict[str, list[int]]:
    s = suggestions
    scope = person_facts(s, ctx.filters)
    query = select(target.label("key"), s.c.made_on, s.c.hired_on).select_from(scope.source.outerjoin(
        need_titles, need_titles.c.need_id == s.c.target_id)).where(
        scope.where(within(s.c.made_on, ctx.filters), s.c.hired_on.is_not(None), *more))
    found: dict[str, list[int]] = {}
    for k, made, hired in ctx.session.execute(query):
        found.setdefault(k, []).append((hired - made).days)
    return found


def recruitment(ctx: Context) -> Table | None:
    """Per need and per environment: suggestions, introductions, interviews, work try-outs and hires, and the
    median days from suggestion to hire (shown from five hires up). A hidden job's need is never a row of its own."""
    s = suggestions
    need_key = case((need_titles.c.hidden_job.is_(True), HIDDEN_NEEDS), else_=s.c.target_id)
    parts = [(_recruitment_counts(ctx, need_key, s.c.kind == "need"), _days_to_hire(ctx, need_key, s.c.kind == "need"),
              "need"),
             (_recruitment_counts(ctx, s.c.environment_id, s.c.kind == "environment_role"),
              _days_to_hire(ctx, s.c.environment_id, s.c.kind == "environment_role"), "environment")]
    rows: list[Header] = []
    counts: dict[tuple[str, str], int] = {}
    days: dict[str, list[int]] = {}
    for found, waited, dimension in parts:
        keys = sorted(k for k, n in found["suggestions_made"].items() if n and k is not None)
        rows += [Header(k, "hidden" if k == HIDDEN_NEEDS else dimension) for k in keys]
        counts.update({(k, c): v[k] for c, v in found.items() for k in keys if k in v})
        days.update(waited)
    if not rows:
        return None
    columns = ["suggestions_made", *RECRUITMENT]
    base = count_table("recruitment", N_("Recruitment: introductions, interviews, work try-outs and hires"),
                       rows=rows, columns=[Header(c) for c in columns], counts=counts, total_column=False,
                       row_dimension="target",
                       note=N_("By the need or the learning environment a student was suggested for in the period. "
                               "Median days from the suggestion to the hire, from five hires up."))
    values, hidden = dict(base.values), set(base.hidden)
    every = [d for waited in days.values() for d in waited]
    for row in base.rows:
        waited = every if row.key == TOTAL else days.get(row.key, [])
        values[(row.key, "median_days")] = statistics.median(waited) if waited else None
        if len(waited) < THRESHOLD or (row.key, "hires") in base.hidden:
            hidden.add((row.key, "median_days"))
    return Table(base.key, base.title, base.rows, [*base.columns, Header("median_days")], values, hidden,
                 kinds={"median_days": "number"}, note=base.note, row_dimension="target", lines=base.lines,
                 untold=base.untold)
