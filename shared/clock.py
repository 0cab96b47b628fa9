"""The network's calendar: the day it is in Finland, where every user of the network lives and works.

Dates a person sees or enters ("closed today", "received on", the report period's end) are Finnish days. The
servers' own clocks run in UTC, where the day changes two or three hours later than in Helsinki; a day taken
from the UTC clock between 22:00 and 24:00 UTC (midnight to 2 or 3 a.m. in Finland) is yesterday, and would
disagree with a report that files the same moment under its Finnish day.
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Helsinki")


def day_of(moment: datetime) -> date:
    """The Finnish day of a moment (a naive moment is UTC, as databases without time zones give it back)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZONE).date()


def today() -> date:
    """Today in Finland."""
    return day_of(datetime.now(UTC))
