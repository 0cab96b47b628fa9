"""The network's day is the Finnish day: from 22:00 UTC in winter (21:00 in summer) it is already tomorrow."""
from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from shared import clock

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("moment", "day"), [
    (datetime(2026, 12, 6, 21, 59, tzinfo=UTC), date(2026, 12, 6)),   # 23.59 in Helsinki (UTC+2)
    (datetime(2026, 12, 6, 22, 0, tzinfo=UTC), date(2026, 12, 7)),    # midnight in Helsinki
    (datetime(2026, 12, 6, 23, 30), date(2026, 12, 7)),               # naive: UTC, as SQLite gives it back
    (datetime(2026, 6, 30, 20, 59, tzinfo=UTC), date(2026, 6, 30)),   # 23.59 in summer time (UTC+3)
    (datetime(2026, 6, 30, 21, 0, tzinfo=UTC), date(2026, 7, 1)),
])
def test_the_day_of_a_moment_is_its_day_in_helsinki(moment, day):
    assert clock.day_of(moment) == day


def test_today_is_the_day_of_now_in_helsinki():
    before = clock.day_of(datetime.now(UTC))
    today = clock.today()
    assert today in {before, clock.day_of(datetime.now(UTC))}


def _called(call: ast.Call) -> str | None:
    """The name a call calls: `now` of datetime.now(UTC), `utcnow` of utcnow()."""
    return getattr(call.func, "attr", getattr(call.func, "id", None))


def _days_from_the_utc_clock(path: Path) -> list[int]:
    """Lines that take a day from the server's clock: date.today(), datetime.now(...).date(), utcnow().date()."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        target = node.func.value
        from_date = node.func.attr == "today" and isinstance(target, ast.Name) and target.id == "date"
        from_now = node.func.attr == "date" and isinstance(target, ast.Call) and _called(target) in {"now", "utcnow"}
        if from_date or from_now:
            lines.append(node.lineno)
    return lines


def test_no_code_takes_the_day_from_the_servers_clock():
    """A day from the UTC clock is yesterday for two hours each night; every "today" goes through shared.clock."""
    found = {str(p.relative_to(ROOT)): lines for folder in ("services", "shared", "demo", "tests")
             for p in sorted((ROOT / folder).rglob("*.py"))
             if p.name != "clock.py" and (lines := _days_from_the_utc_clock(p))}
    assert found == {}


def test_the_guard_finds_each_way_of_asking(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("a = date.today()\nb = datetime.now(UTC).date()\nc = utcnow().date()\nd = clock.today()\n")
    assert _days_from_the_utc_clock(sample) == [1, 2, 3]
