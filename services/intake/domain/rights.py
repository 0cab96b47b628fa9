"""The register of the data subject's rights requests (GDPR Art. 12(3)): kinds, states and deadlines.

A request is answered without undue delay and within one month of receipt; the month may be extended by
two further months when the requests are complex or numerous, with the reasons given to the person.
Months are counted as in Regulation (EEC, Euratom) No 1182/71 Art. 3(2)(c): the period ends on the same
date of the month, or on the month's last day when it has no such date (31 January -> 28/29 February).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from services.intake.domain import N_

KINDS = ("access", "rectification", "erasure", "restriction", "objection", "portability")
PURPOSE_KINDS = ("restriction", "objection")  # requests about one purpose of processing
STATES = ("open", "extended", "done", "refused")
OPEN_STATES = ("open", "extended")
MONTHS_TO_ANSWER = 1
MONTHS_OF_EXTENSION = 2
NEAR_DAYS = 7  # a request due within this many days is near its deadline


def add_months(day: date, months: int) -> date:
    """The same date `months` later, or the last day of that month when it has no such date."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(received_on: date) -> date:
    """The last day to answer a request received on `received_on`."""
    return add_months(received_on, MONTHS_TO_ANSWER)


def extended_to(received_on: date) -> date:
    """The last day once the period is extended by two further months."""
    return add_months(received_on, MONTHS_TO_ANSWER + MONTHS_OF_EXTENSION)


@dataclass(frozen=True)
class Urgency:
    state: str  # overdue | near | in_time | answered
    days_left: int | None


def urgency(state: str, deadline: date, today: date) -> Urgency:
    """How urgent an open request is: overdue, near its deadline or in time (answered ones are not)."""
    if state not in OPEN_STATES:
        return Urgency("answered", None)
    left = (deadline - today).days
    if left < 0:
        return Urgency("overdue", left)
    return Urgency("near" if left <= NEAR_DAYS else "in_time", left)


def request_problems(kind: str, purpose: str | None, received_on: date | None, today: date,
                     purposes: tuple[str, ...]) -> dict[str, list[str]]:
    """What is wrong with a new request, by field (messages are translated where shown)."""
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = [N_("Unknown kind of request.")]
    if kind in PURPOSE_KINDS and purpose not in purposes:
        errors["purpose"] = [N_("Choose the purpose the request concerns.")]
    if kind not in PURPOSE_KINDS and purpose:
        errors["purpose"] = [N_("Only a restriction or an objection concerns one purpose.")]
    if received_on is None:
        errors["received_on"] = [N_("Give the day the request was received.")]
    elif received_on > today:
        errors["received_on"] = [N_("The day received cannot be in the future.")]
    return errors
