"""Personal metrics answered at the start and the end of a participation: the same scales as intake's.

The keys and statements mirror `services/intake/metric_defaults.py`, so that answers given here and
in intake speak of the same things.
"""
from __future__ import annotations

from typing import Mapping

from services.environments.domain import N_

PHASES = ("start", "end")
MINIMUM, MAXIMUM = 1, 5
SCALES: tuple[tuple[str, dict[str, str]], ...] = (
    ("know_wanted_work", {"fi": "Tiedän, millaista työtä haluan", "sv": "Jag vet vilket slags arbete jag vill ha",
                          "en": "I know what work I want"}),
    ("show_competence", {"fi": "Osaan näyttää osaamiseni työnantajalle",
                         "sv": "Jag kan visa en arbetsgivare vad jag kan",
                         "en": "I can show my competence to an employer"}),
    ("multidisciplinary_team", {"fi": "Toimin hyvin monialaisessa tiimissä",
                                "sv": "Jag fungerar bra i ett mångprofessionellt team",
                                "en": "I work well in a multidisciplinary team"}),
    ("job_search", {"fi": "Osaan hakea töitä", "sv": "Jag vet hur man söker arbete",
                    "en": "I know how to look for work"}),
    ("find_my_place", {"fi": "Uskon löytäväni paikkani työelämässä tai koulutuksessa",
                       "sv": "Jag tror att jag hittar min plats i arbetslivet eller i utbildning",
                       "en": "I believe I will find my place in work or education"}),
)
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
