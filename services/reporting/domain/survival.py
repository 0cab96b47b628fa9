"""Time to transition: the Kaplan–Meier estimate with censoring, and its median.

Each person contributes a time (days from first intake) and whether the transition to education
or work happened then (an event) or the person was still on their way when last seen (censored).
At each distinct event time t, S(t) = S(t-) × (1 − d/n), with d events and n persons still at risk
(those whose time is ≥ t). A person censored at t is at risk at t (the usual convention: events
before censorings at the same time).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.reporting.domain.suppression import THRESHOLD


@dataclass(frozen=True)
class Step:
    """The curve just after time `time`."""

    time: int
    at_risk: int
    events: int
    censored: int
    survival: float


def kaplan_meier(observations: Iterable[tuple[int, bool, int]]) -> list[Step]:
    """Steps of the curve from (time, event, count) triples; a step for each time with an event or censoring."""
    events: dict[int, int] = {}
    censored: dict[int, int] = {}
    total = 0
    for time, event, count in observations:
        if count <= 0:
            continue
        if time < 0:
            raise ValueError("a time to transition cannot be negative")
        (events if event else censored)[time] = (events if event else censored).get(time, 0) + count
        total += count
    steps, at_risk, survival = [], total, 1.0
    for time in sorted(set(events) | set(censored)):
        d, c = events.get(time, 0), censored.get(time, 0)
        if d:
            survival *= 1.0 - d / at_risk
        steps.append(Step(time, at_risk, d, c, survival))
        at_risk -= d + c
    return steps


def median(steps: list[Step]) -> int | None:
    """The first time the curve is at or below one half; None while more than half are still on their way."""
    for step in steps:
        if step.events and step.survival <= 0.5 + 1e-12:
            return step.time
    return None


def survival_at(steps: list[Step], time: int) -> float:
    """S(time): the curve's value after every step at or before `time`."""
    value = 1.0
    for step in steps:
        if step.time > time:
            break
        value = step.survival
    return value


def at_risk_at(steps: list[Step], time: int) -> int:
    """How many were still at risk at `time` (time ≥ `time`)."""
    for step in steps:
        if step.time >= time:
            return step.at_risk
    return 0


@dataclass(frozen=True)
class Point:
    """The curve sampled at a day, for charts and tables."""

    day: int
    at_risk: int
    survival: float


def so_far(steps: list[Step], day: int) -> tuple[int, int]:
    """(events, censorings) strictly before `day` plus the events on it: what S(day) and at-risk reveal."""
    events = sum(s.events for s in steps if s.time <= day)
    censored = sum(s.censored for s in steps if s.time < day)
    return events, censored


def disclosive(steps: list[Step], day: int) -> bool:
    """Whether the curve at `day`, with the group's size, would give away a count of 1–4 persons:
    fewer than five still at risk, or 1–4 transitions or censorings so far."""
    events, censored = so_far(steps, day)
    return at_risk_at(steps, day) < THRESHOLD or 0 < events < THRESHOLD or 0 < censored < THRESHOLD


def sampled(steps: list[Step], every: int, until: int) -> list[Point]:
    """The curve at 0, every, 2×every, … where it gives no small count away, until fewer than five are at risk."""
    points = []
    for day in range(0, until + 1, every):
        at_risk = at_risk_at(steps, day)
        if at_risk < THRESHOLD:
            break
        if not disclosive(steps, day):
            points.append(Point(day, at_risk, survival_at(steps, day)))
    return points
