"""What a suggestion says about itself: score parts, matched and missing skills, notes."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# How a held skill answered a required one.
EXACT, NARROWER, BROADER, RELATED_ESSENTIAL, RELATED_OPTIONAL, SAME_GROUP = (
    "exact", "narrower", "broader", "related-essential", "related-optional", "same-group")
# Through ESCO's hierarchy at distance 2: both under the same broader skill (the link), or the held
# skill two steps narrower or broader than the required one (the link is the skill between them).
SIBLING, NARROWER_2, BROADER_2 = "sibling", "narrower-2", "broader-2"
# Asked for together by the same occupations (ESCO's occupation-skill relations).
CO_OCCUPATION = "co-occupation"
# A held skill that answers a requirement in full: the skill itself or a narrower one.
FULL = (EXACT, NARROWER)


@dataclass(frozen=True)
class SkillMatch:
    """One required skill and the best held skill that answered it (None when missing)."""

    skill: int
    essential: bool
    required_level: int
    weight: float  # share of the skill fit this requirement carries (all add up to 1)
    credit: float  # 0..1: relation credit times level credit
    matched_skill: int | None = None
    via: str | None = None  # EXACT, NARROWER, ... ; None when missing
    held_level: int | None = None
    link: int | None = None  # the skill that links them (SIBLING, NARROWER_2, BROADER_2), else None
    link_group: str | None = None  # the skill group they share (SAME_GROUP), else None

    @property
    def missing(self) -> bool:
        """Whether nothing in the profile answered this requirement."""
        return self.matched_skill is None


@dataclass(frozen=True)
class ScoreParts:
    """The score's additive parts: essential skills, nice-to-have skills, preferences."""

    essential: float
    nice_to_have: float
    preferences: float

    @property
    def total(self) -> float:
        """The score the parts add up to."""
        return self.essential + self.nice_to_have + self.preferences


@dataclass(frozen=True)
class Focus:
    """How much of the profile bears on the need: the skill fit was multiplied by `factor`.

    `bearing` of the `listed` skills answer some required skill (by any relation above); the factor is
    ((bearing + prior) / (listed + prior)) ** strength (ScoringWeights.focus), 1 when all of them do.
    """

    listed: int
    bearing: int
    factor: float


@dataclass(frozen=True)
class ConstraintNote:
    """A hard constraint or soft preference and how the pair fared on it."""

    name: str  # hours, dates, work_type, area, languages, driving_licence, field, ...
    hard: bool
    ok: bool
    detail: str


@dataclass(frozen=True)
class LearningGap:
    """A skill the client could learn to fit the need better: missing or under the level."""

    skill: int
    essential: bool
    target_level: int
    current_level: int | None  # level of the skill itself, None when not held
    reason: str  # "missing", "level" or "related-only"


@dataclass(frozen=True)
class Explanation:
    """Why a profile fits a need, in parts a manager can defend."""

    need_id: str
    profile_id: str
    score: float
    parts: ScoreParts
    matches: tuple[SkillMatch, ...]
    constraints: tuple[ConstraintNote, ...]
    eligible: bool  # all hard constraints held and some skill matched
    focus: Focus | None = None  # None when the weights leave focus out (the parts are then the plain fit)

    @property
    def matched(self) -> tuple[SkillMatch, ...]:
        """Requirements answered directly or through a related skill."""
        return tuple(m for m in self.matches if not m.missing)

    @property
    def partly_covered(self) -> tuple[SkillMatch, ...]:
        """Essential skills answered only by a related skill (not the skill itself or a narrower one)."""
        return tuple(m for m in self.matches if m.essential and not m.missing and m.via not in FULL)

    @property
    def missing_essential(self) -> tuple[int, ...]:
        """Essential skills nothing in the profile answered."""
        return tuple(m.skill for m in self.matches if m.missing and m.essential)

    @property
    def learning_gaps(self) -> tuple[LearningGap, ...]:
        """Learning-gap proposals: missing skills, level shortfalls, skills answered only indirectly.

        A narrower held skill at the level asked counts as having the skill. Essential
        and missing ones come first, then by weight.
        """
        gaps = [m for m in self.matches if m.missing or m.via not in FULL
                or (m.held_level or 0) < m.required_level]
        gaps.sort(key=lambda m: (not m.essential, not m.missing, -m.weight, m.skill))
        return tuple(LearningGap(
            skill=m.skill, essential=m.essential, target_level=m.required_level,
            current_level=m.held_level if m.via == EXACT else None,
            reason="missing" if m.missing else ("level" if m.via in FULL else "related-only"),
        ) for m in gaps)

    def as_payload(self, uris: Sequence[str]) -> dict:
        """The explanation as the event and the stored suggestion carry it: skill URIs, no personal data."""
        parts = self.parts
        return {
            "score": round(self.score, 6),
            "parts": {"essential": round(parts.essential, 6), "nice_to_have": round(parts.nice_to_have, 6),
                      "preferences": round(parts.preferences, 6)},
            "skills": [{"uri": uris[m.skill], "essential": m.essential, "required_level": m.required_level,
                        "weight": round(m.weight, 6), "credit": round(m.credit, 6),
                        "held_uri": None if m.matched_skill is None else uris[m.matched_skill],
                        "held_level": m.held_level, "via": m.via,
                        "link_uri": uris[m.link] if m.link is not None else m.link_group} for m in self.matches],
            "missing_essential": [uris[s] for s in self.missing_essential],
            "learning_gaps": [{"uri": uris[g.skill], "essential": g.essential, "target_level": g.target_level,
                               "current_level": g.current_level, "reason": g.reason} for g in self.learning_gaps],
            "constraints": [{"name": c.name, "hard": c.hard, "ok": c.ok, "detail": c.detail}
                            for c in self.constraints],
            "focus": None if self.focus is None else {
                "listed": self.focus.listed, "bearing": self.focus.bearing, "factor": round(self.focus.factor, 6)},
        }


@dataclass(frozen=True)
class Suggestion:
    """A profile proposed for a competence need, with its rank and explanation."""

    need_id: str
    profile_id: str
    rank: int
    score: float
    explanation: Explanation | None = None
