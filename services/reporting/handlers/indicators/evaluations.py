"""Students' experience (survey items) and partners' assessment of competence fit (criteria): mean,
distribution and n per item, and the mean per row of the breakdown."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from services.reporting.db import assessments, survey_answers
from services.reporting.domain.tables import N_, Distribution, Header, Table, distribution_table, measure_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import UNKNOWN, Scope, mixed_facts, person_facts, within

SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Source:
    key: str
    table: object
    item: str
    person_only: bool
    respondent: str
    title: str
    by_title: str
    dimension: str


SURVEY = Source("experience", survey_answers, "item", True, "answer_id",
                N_("Students' experience of the project, per survey item"),
                N_("Students' experience of the project"), "survey_item")
FIT = Source("fit", assessments, "criterion", False, "assessment_id",
             N_("Partners' assessment of how competence met their needs, per criterion"),
             N_("Partners' assessment of competence fit"), "criterion")


def _scope(ctx: Context, source: Source) -> Scope:
    t = source.table
    if source.person_only:
        return person_facts(t, ctx.filters, environment_column=t.c.environment_id)
    return mixed_facts(t, ctx.filters)


def distributions(ctx: Context, source: Source) -> Table:
    """Per item: n, mean and the count of each answer 1–5."""
    t = source.table
    scope = _scope(ctx, source)
    item = t.c[source.item]
    query = select(item, t.c.value, func.count()).select_from(scope.source).where(
        scope.where(within(t.c.answered_on, ctx.filters))).group_by(item, t.c.value)
    found: dict[str, dict[int, int]] = {}
    for key, value, n in ctx.session.execute(query):
        found.setdefault(key, {})[int(value)] = int(n)
    rows = [Header(k, source.dimension) for k in sorted(found)]
    return distribution_table(source.key, source.title, rows=rows, scale=SCALE,
                              distributions={k: Distribution(v) for k, v in found.items()},
                              row_dimension=source.dimension)


def by_breakdown(ctx: Context, source: Source) -> Table:
    """Per row of the breakdown: respondents (answers or assessments), answers, and the mean of every item."""
    t = source.table
    scope = _scope(ctx, source)
    who = t.c[source.respondent]
    per_respondent = select(scope.key(ctx.breakdown), who.label("who"), func.count().label("n"),
                            func.sum(t.c.value).label("total")).select_from(scope.source).where(
        scope.where(within(t.c.answered_on, ctx.filters))).group_by(scope.key(ctx.breakdown), who).subquery()
    query = select(per_respondent.c.key, func.count(), func.sum(per_respondent.c.n),
                   func.sum(per_respondent.c.total)).group_by(per_respondent.c.key)
    values, respondents = {}, {}
    sums = [0, 0, 0]  # every row is a different respondent: the totals are the sums
    for k, n, answers, total in ctx.session.execute(query):
        k = k if k is not None else UNKNOWN
        respondents[k] = int(n)
        values.update({(k, "respondents"): int(n), (k, "answers"): int(answers),
                       (k, "mean"): round(float(total) / int(answers), 2)})
        sums = [sums[0] + int(n), sums[1] + int(answers), sums[2] + int(total)]
    values.update({("total", "respondents"): sums[0], ("total", "answers"): sums[1],
                   ("total", "mean"): round(sums[2] / sums[1], 2) if sums[1] else None})
    rows = ctx.rows(respondents) + [Header("total", "total")]
    return measure_table(f"{source.key}_by", source.by_title, rows=rows, n_column="respondents",
                         columns=[("answers", "number"), ("mean", "mean")], values=values,
                         row_dimension=ctx.breakdown,
                         note=N_("Respondents: survey answers (a student answers once in each environment) or "
                                 "assessments given."))
