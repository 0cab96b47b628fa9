"""Personal metrics: the paired change from the first answer at the start to the latest at the end, per scale."""
from __future__ import annotations

from sqlalchemy import case, func, select

from services.reporting.db import metric_pairs
from services.reporting.domain.suppression import THRESHOLD
from services.reporting.domain.tables import N_, TOTAL, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import person_facts, within

DIRECTIONS = ("improved", "unchanged", "declined")
MEANS = ("mean_start", "mean_end", "mean_change")


def table(ctx: Context) -> Table:
    """Per scale: how many improved, stayed or declined (counts, suppressed), and the mean start, end and change."""
    t = metric_pairs
    scope = person_facts(t, ctx.filters)
    change = t.c.end_value - t.c.start_value
    query = select(
        t.c.scale, func.sum(case((change > 0, 1), else_=0)), func.sum(case((change == 0, 1), else_=0)),
        func.sum(case((change < 0, 1), else_=0)), func.avg(t.c.start_value), func.avg(t.c.end_value),
        func.avg(change),
    ).select_from(scope.source).where(scope.where(
        t.c.start_value.is_not(None), t.c.end_value.is_not(None), within(t.c.end_on, ctx.filters),
    )).group_by(t.c.scale)
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
