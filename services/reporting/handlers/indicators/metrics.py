"""Personal metrics: the paired change from the first answer at the start to the latest at the end, per scale."""
from __future__ import annotations

from sqlalchemy import and_, case, func, select

from services.reporting.db import clients, metric_pairs
from services.reporting.domain.suppression import THRESHOLD
from services.reporting.domain.tables import N_, TOTAL, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import person_facts, within

DIRECTIONS = ("improved", "unchanged", "declined")
MEANS = ("mean_start", "mean_end", "mean_change")


def _pairs(ctx: Context):
    """One pair per person and scale: the first answer at the start and the latest at the end among the
    person's records (a person answering at two organisations is one person). On the same day the start is
    the earlier record's answer and the end the later record's. Only pairs whose end falls in the period."""
    t = metric_pairs
    scope = person_facts(t, ctx.filters)
    person = scope.person
    first = func.row_number().over(partition_by=(person, t.c.scale),
                                   order_by=(t.c.start_on, clients.c.entered_on, t.c.client_id))
    last = func.row_number().over(partition_by=(person, t.c.scale),
                                  order_by=(t.c.end_on.desc(), clients.c.entered_on.desc(), t.c.client_id.desc()))
    ranked = select(person.label("person"), t.c.scale, t.c.start_value, t.c.end_value, first.label("first"),
                    last.label("last")).select_from(scope.source).where(scope.where(
                        t.c.start_value.is_not(None), t.c.end_value.is_not(None),
                        within(t.c.end_on, ctx.filters))).subquery()
    starts = select(ranked.c.person, ranked.c.scale, ranked.c.start_value).where(ranked.c.first == 1).subquery()
    ends = select(ranked.c.person, ranked.c.scale, ranked.c.end_value).where(ranked.c.last == 1).subquery()
    return select(starts.c.scale, starts.c.start_value, ends.c.end_value).join_from(
        starts, ends, and_(ends.c.person == starts.c.person, ends.c.scale == starts.c.scale)).subquery()


def table(ctx: Context) -> Table:
    """Per scale: how many persons improved, stayed or declined (counts, suppressed), and the mean start, end
    and change."""
    p = _pairs(ctx)
    change = p.c.end_value - p.c.start_value
    query = select(
        p.c.scale, func.sum(case((change > 0, 1), else_=0)), func.sum(case((change == 0, 1), else_=0)),
        func.sum(case((change < 0, 1), else_=0)), func.avg(p.c.start_value), func.avg(p.c.end_value),
        func.avg(change),
    ).group_by(p.c.scale)
    counts, means = {}, {}
    for scale, up, same, down, start, end, delta in ctx.session.execute(query):
        counts.update({(scale, "improved"): int(up), (scale, "unchanged"): int(same), (scale, "declined"): int(down)})
        means[scale] = (float(start), float(end), float(delta))
    rows = [Header(s, "scale") for s in sorted(means)]
    base = count_table("metrics", N_("Personal metrics: change from start to end, per scale"), rows=rows,
                       columns=[Header(d, "direction") for d in DIRECTIONS], counts=counts, total_row=False,
                       row_dimension="scale",
                       note=N_("Pairs of a person's first answer at the start and latest answer at the end; "
                               "the period is that of the end answer."))
    columns = [Header(TOTAL, "pairs"), *[Header(m) for m in MEANS], *[Header(d, "direction") for d in DIRECTIONS]]
    values = dict(base.values)
    hidden = set(base.hidden)
    for row in rows:
        n = base.values[(row.key, TOTAL)]
        for name, value in zip(MEANS, means[row.key]):
            values[(row.key, name)] = round(value, 2)
            if n < THRESHOLD or (row.key, TOTAL) in base.hidden:
                hidden.add((row.key, name))
    return Table(base.key, base.title, rows, columns, values, hidden, kinds={m: "mean" for m in MEANS},
                 note=base.note, row_dimension="scale", lines=base.lines, untold=base.untold)
