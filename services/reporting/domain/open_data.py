"""Open data as CSV: every published cell by its keys (no labels, no language), the same for everyone.

Plain Python over the published (already suppressed) tables, so the API serves it without the pages' helpers.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from services.reporting.domain.tables import Table
from shared.spreadsheets import safe_row


def open_data_csv(tables: Iterable[Table]) -> str:
    """Every published cell as a line: table, row dimension, row, column, value (keys, not labels)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row_dimension", "row", "column", "value"])
    for table in tables:
        for row in table.rows:
            for column in table.columns:
                value = table.cell(row.key, column.key)
                writer.writerow(safe_row([table.key, table.row_dimension, row.key, column.key,
                                          "" if value is None else value]))
    return out.getvalue()
