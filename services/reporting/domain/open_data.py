"""Open data as CSV: every published cell of a release by its keys (no labels, no language).

Plain Python over a release's published (already suppressed) tables, as the release document holds them
(`Table.to_dict()`), so the API serves a published release exactly as it was published.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from shared.spreadsheets import safe_row


def open_data_csv(tables: Iterable[dict]) -> str:
    """Every published cell as a line: table, row dimension, row, column, value (keys, not labels); a hidden
    cell holds its mark ("<5", "x", ".."), as the release's legend explains."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row_dimension", "row", "column", "value"])
    for table in tables:
        for row in table["rows"]:
            for column in table["columns"]:
                value = row["cells"].get(column["key"])
                writer.writerow(safe_row([table["key"], table["row_dimension"], row["key"], column["key"],
                                          "" if value is None else value]))
    return out.getvalue()
