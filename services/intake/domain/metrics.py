"""Personal metrics: self-assessment scales answered at start, during and end, and the chart of their change."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from services.intake.domain import N_

PHASES = ("start", "during", "end")
LANGS = ("fi", "sv", "en")
# The questionnaire is the network's: the coordinator or an administrator configures it, everyone answers it.
CONFIGURERS = ("coordinator", "admin")
KEY = re.compile(r"^[a-z][a-z0-9_]{1,59}$")

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class Scale:
    """A self-assessment statement answered on a range, e.g. 1 (not at all) to 5 (fully)."""

    key: str
    labels: Mapping[str, str]
    minimum: int = 1
    maximum: int = 5
    position: int = 0
    active: bool = True

    def label(self, lang: str = "fi") -> str:
        return self.labels.get(lang) or self.labels.get("fi") or self.key


def check_scale(key: str, labels: Mapping[str, str], minimum: int, maximum: int) -> Errors:
    """Field errors of a scale definition: a slug key, a label in every language, a sensible range."""
    errors: Errors = {}
    if not KEY.match(key or ""):
        errors["key"] = [N_("Use lower-case letters, digits and underscores, starting with a letter.")]
    missing = [lang for lang in LANGS if not (labels.get(lang) or "").strip()]
    if missing:
        errors["labels"] = [N_("Give the statement in Finnish, Swedish and English.")]
    if not (0 <= minimum < maximum <= 10):
        errors["maximum"] = [N_("The range must go up from its minimum and stay within 0 to 10.")]
    return errors


def key_for(statement: str, taken: Iterable[str]) -> str:
    """A scale key made from its English statement ("I can name my strengths" -> "i_can_name_my_strengths"),
    unique among `taken` (a number is added when needed), so that nobody has to invent an identifier."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", statement).encode("ascii", "ignore").decode().lower()
    base = "_".join(re.findall(r"[a-z0-9]+", folded))[:50].strip("_")
    if not base or not base[0].isalpha():
        base = ("scale_" + base).strip("_")
    taken = set(taken)
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def check_answers(phase: str, answers: Mapping[str, int], scales: Mapping[str, Scale]) -> Errors:
    """Field errors of one questionnaire: a known phase, active scales only, each value within its range."""
    errors: Errors = {}
    if phase not in PHASES:
        errors["phase"] = [N_("Choose start, during or end.")]
    if not answers:
        errors["answers"] = [N_("Answer at least one statement.")]
    per_scale: dict[str, list[str]] = {}
    for key, value in answers.items():
        scale = scales.get(key)
        if scale is None or not scale.active:
            per_scale[key] = [N_("No such statement in use.")]
        elif not isinstance(value, int) or isinstance(value, bool) or not scale.minimum <= value <= scale.maximum:
            per_scale[key] = [N_("Choose a value on the scale.")]
    if per_scale:
        errors["answers"] = per_scale  # type: ignore[assignment]
    return errors


def answered_at(answered_on: date | None, now: datetime, today: date, zone: ZoneInfo) -> tuple[datetime, Errors]:
    """When a questionnaire was answered: now, or noon of the (past) day it was filled in on paper and entered
    later, in the network's time zone; with a field error for a day in the future."""
    if answered_on is None or answered_on == today:
        return now, {}
    if answered_on > today:
        return now, {"answered_on": [N_("The answer date cannot be in the future.")]}
    return datetime.combine(answered_on, time(12), zone).astimezone(UTC), {}


@dataclass(frozen=True)
class Answer:
    scale_key: str
    phase: str
    value: int
    answered_at: datetime


@dataclass(frozen=True)
class Point:
    phase: str
    answered_at: datetime
    value: int
    x: float
    y: float


@dataclass(frozen=True)
class ScaleChart:
    """One scale's answers over time, placed on an SVG canvas of the chart's size."""

    key: str
    label: str
    minimum: int
    maximum: int
    points: tuple[Point, ...]
    ticks: tuple[tuple[int, float], ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)

    @property
    def change(self) -> int | None:
        """The latest answer at the end less the first at the start: a person's change as the network's report
        counts it (reporting's figure "metrics"), so the client card and the report agree; None until both the
        start and the end are answered (answers during the project show on the line, not in the change)."""
        starts = [p for p in self.points if p.phase == "start"]
        ends = [p for p in self.points if p.phase == "end"]
        return ends[-1].value - starts[0].value if starts and ends else None


@dataclass(frozen=True)
class Canvas:
    width: int = 360
    height: int = 150
    left: int = 44
    right: int = 44
    top: int = 14
    bottom: int = 34

    def x(self, i: int, n: int) -> float:
        plot = self.width - self.left - self.right
        return round(self.left + (plot / 2 if n == 1 else i * plot / (n - 1)), 1)

    def y(self, value: int, minimum: int, maximum: int) -> float:
        plot = self.height - self.top - self.bottom
        return round(self.top + (maximum - value) * plot / (maximum - minimum), 1)


def _phase_order(answer: Answer) -> tuple[int, datetime]:
    return (PHASES.index(answer.phase) if answer.phase in PHASES else len(PHASES), answer.answered_at)


def chart(scales: Iterable[Scale], answers: Iterable[Answer], lang: str = "fi",
          canvas: Canvas = Canvas()) -> list[ScaleChart]:
    """A line per scale through its answers in phase order (start, during, end; several of a phase by when
    they were given), so the change runs from the start to the end whenever each was answered; scales
    without answers are left out."""
    by_scale: dict[str, list[Answer]] = {}
    for answer in sorted(answers, key=_phase_order):
        by_scale.setdefault(answer.scale_key, []).append(answer)
    charts = []
    for scale in sorted(scales, key=lambda s: (s.position, s.key)):
        series = by_scale.get(scale.key)
        if not series:
            continue
        lo, hi = scale.minimum, scale.maximum
        points = tuple(Point(a.phase, a.answered_at, a.value, canvas.x(i, len(series)), canvas.y(a.value, lo, hi))
                       for i, a in enumerate(series))
        ticks = tuple((v, canvas.y(v, lo, hi)) for v in range(lo, hi + 1))
        charts.append(ScaleChart(scale.key, scale.label(lang), lo, hi, points, ticks))
    return charts
