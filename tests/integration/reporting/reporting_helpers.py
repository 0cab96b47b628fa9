"""Feeding reporting a history and reading its published tables."""
from __future__ import annotations

from shared.bus.inbox import InboxProcessor


def feed(network, events, batch: int = 100) -> None:
    """Deliver events to reporting's consumer as the bus would: inbox and effects in one transaction."""
    processor = InboxProcessor(network.runtimes["reporting"])
    for start in range(0, len(events), batch):
        outcomes = processor.process_batch(events[start:start + batch])
        failed = [o for o in outcomes if o.status == "failed"]
        assert not failed, failed


def cells(report_json: dict) -> dict[str, dict[tuple[str, str], object]]:
    """{table key: {(row, column): published cell}} of an indicators or open-data answer."""
    return {t["key"]: {(r["key"], c): v for r in t["rows"] for c, v in r["cells"].items()}
            for t in report_json["tables"]}
