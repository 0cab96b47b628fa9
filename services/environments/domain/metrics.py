"""Personal metrics answered at the start and the end of a participation: the same scales as intake's.

The keys and statements are the network's defaults in shared/reference/metric_scales.py, so that
answers given here and in intake speak of the same things.
"""
from __future__ import annotations

from collections.abc import Mapping

from services.environments.domain import N_
from shared.reference.metric_scales import DEFAULT_SCALES, MAXIMUM, MINIMUM

PHASES = ("start", "end")
SCALES = DEFAULT_SCALES
KEYS = tuple(key for key, _ in SCALES)
LABELS = dict(SCALES)


def label(key: str, lang: str = "fi") -> str:
    labels = LABELS.get(key, {})
    return labels.get(lang) or labels.get("fi") or key


def answer_problems(phase: str, answers: Mapping[str, int]) -> dict:
    """A known phase; at least one statement; known statements with values on the scale."""
    problems: dict = {}
    if phase not in PHASES:
        problems["phase"] = [N_("Choose start or end.")]
    if not answers:
        problems["answers"] = [N_("Answer at least one statement.")]
        return problems
    per_scale = {}
    for key, value in answers.items():
        if key not in LABELS:
            per_scale[key] = [N_("No such statement in use.")]
        elif isinstance(value, bool) or not isinstance(value, int) or not MINIMUM <= value <= MAXIMUM:
            per_scale[key] = [N_("Choose a value on the scale.")]
    if per_scale:
        problems["answers"] = per_scale
    return problems
