"""An attacker on a published document: for every hidden count, the least and the most it can be.

Written apart from the code under test (services/reporting/domain/bounds.py), from what a reader of the
document knows: every visible cell; every total the document states (a table's `totals`, the release's
`links` between tables); counts are whole and not negative; "<5" is 1–4, "x" is 0 or at least 5 (it
would be "<5" otherwise) and ".." any count; a mean beside a visible n of a distribution (columns n, mean and the answer
values) says what the row's counts weigh together, within its rounding: two decimals, one where a count
of the row is hidden. Everything is solved together, as one integer program per hidden cell.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

MARKS = ("<5", "x", "..")


def _cell(table: dict, row: str, column: str):
    for r in table["rows"]:
        if r["key"] == row:
            return r["cells"].get(column)
    raise KeyError((table["key"], row, column))


def intervals(tables: list[dict], links: list[dict] = ()) -> dict[tuple, tuple[float, float]]:
    """{(table, row, column): (least, most)} of every hidden count of the tables, solved together."""
    by_key = {t["key"]: t for t in tables}
    hidden = []
    for t in tables:
        kinds = {c["key"]: c["kind"] for c in t["columns"]}
        for r in t["rows"]:
            for column, value in r["cells"].items():
                if kinds[column] == "count" and value in MARKS:
                    hidden.append((t["key"], r["key"], column))
    if not hidden:
        return {}
    index = {cell: i for i, cell in enumerate(hidden)}
    marked_x = [cell for cell in hidden if _cell(by_key[cell[0]], cell[1], cell[2]) == "x"]
    size = len(hidden) + len(marked_x)
    ceiling = 1e6  # more persons than the network will ever count in one cell
    rows, lows, highs = [], [], []

    def relation(terms: list[tuple[tuple, float]], low: float, high: float) -> None:
        row = np.zeros(size)
        for cell, coefficient in terms:
            value = _cell(by_key[cell[0]], cell[1], cell[2])
            if cell in index:
                row[index[cell]] += coefficient
            else:
                low, high = low - coefficient * value, high - coefficient * value
        if row.any():
            rows.append(row)
            lows.append(low)
            highs.append(high)

    for t in tables:
        for line in t.get("totals", []):
            terms = [((t["key"], *part), 1.0) for part in line["parts"]] + [((t["key"], *line["total"]), -1.0)]
            relation(terms, 0.0, 0.0)
        scale = [c["key"] for c in t["columns"] if c["dimension"] == "scale_value"]
        if scale and any(c["key"] == "mean" for c in t["columns"]):
            for r in t["rows"]:
                n, mean = r["cells"].get("n"), r["cells"].get("mean")
                if isinstance(n, int) and isinstance(mean, float):
                    half = 0.05 if any(r["cells"][v] in MARKS for v in scale) else 0.005
                    terms = [((t["key"], r["key"], v), float(v)) for v in scale]
                    relation(terms, (mean - half) * n, (mean + half) * n)
    for link in links:
        relation([(tuple(link["cells"][0]), 1.0), (tuple(link["cells"][1]), -1.0)], 0.0, 0.0)
    for j, cell in enumerate(marked_x):  # x is 0 or at least 5
        for coefficients, low, high in (((1.0, -5.0), 0.0, np.inf), ((1.0, -ceiling), -np.inf, 0.0)):
            row = np.zeros(size)
            row[index[cell]], row[len(hidden) + j] = coefficients
            rows.append(row)
            lows.append(low)
            highs.append(high)
    small = [_cell(by_key[c[0]], c[1], c[2]) == "<5" for c in hidden]
    bounds = Bounds([1.0 if s else 0.0 for s in small] + [0.0] * len(marked_x),
                    [4.0 if s else ceiling for s in small] + [1.0] * len(marked_x))
    constraints = [LinearConstraint(np.array(rows), lows, highs)] if rows else []
    found = {}
    for cell, i in index.items():
        objective = np.zeros(size)
        objective[i] = 1.0
        least = milp(objective, integrality=np.ones(size), bounds=bounds, constraints=constraints)
        most = milp(-objective, integrality=np.ones(size), bounds=bounds, constraints=constraints)
        assert least.status == 0 and most.status == 0, f"the document contradicts itself at {cell}"
        found[cell] = (least.fun, -most.fun)
    return found


def recovered(tables: list[dict], links: list[dict] = (), protection: float = 2.0) -> dict[tuple, tuple]:
    """The hidden cells a reader narrows to less than `protection` (empty when the document is safe); one
    that can only be 0 is no person's and not counted."""
    return {cell: (low, high) for cell, (low, high) in intervals(tables, links).items()
            if high - low < protection - 1e-6 and high > 1e-6}  # a cell that can only be 0 shows nobody
