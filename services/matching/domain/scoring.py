"""Scoring rules and the straightforward per-pair scorer the vectorised engine must equal.

skill fit  = sum_j w_j * credit_j, with w_j = kind weight * rarity of skill j, normalised;
credit_j   = max over held skills s of relation credit(j, s) * min(1, held level / required level);
focus      = ((bearing + k) / (listed + k)) ** f: of the skills the profile lists, the share that bear on the
             need (answer some required skill with credit), smoothed by k; 1 when f = 0;
score      = skill fit * focus, or (1 - p) * skill fit * focus + p * preferences when the need states
             preferences.
A pair is eligible when every hard constraint holds and the skill fit is positive.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.matching.domain.constraints import hard_constraints, preferences
from services.matching.domain.explanation import SAME_GROUP, Explanation, Focus, ScoreParts, SkillMatch
from services.matching.domain.model import MAX_LEVEL, CompetenceNeed, Profile
from services.matching.domain.relations import RelationCredits, SkillRelations

# LEVEL_CREDIT[held, required]: partial credit for a level shortfall.
LEVEL_CREDIT = np.array([[min(1.0, held / req) if held and req else 0.0 for req in range(MAX_LEVEL + 1)]
                         for held in range(MAX_LEVEL + 1)])


@dataclass(frozen=True)
class ScoringWeights:
    """Tunable weights of the score."""

    essential: float = 1.0
    nice_to_have: float = 0.35
    rarity_strength: float = 0.5  # 0 = rarity ignored
    preferences: float = 0.15  # share of the score given to soft preferences
    credits: RelationCredits = RelationCredits()
    # "smooth": rarity_weights (nearly flat); "idf": idf_weights (rarity that weighs, common skills damped)
    rarity: str = "smooth"
    transversal: float = 1.0  # weight factor of transversal skills (ESCO reuse level) under "idf"
    # Focus: the skill fit times ((bearing + focus_prior) / (listed + focus_prior)) ** focus, where `listed` is
    # the number of skills the profile lists and `bearing` those that answer some required skill (any credit):
    # a long profile collects related credit for any need, a focused one does not. 0 leaves it out.
    focus: float = 0.0
    focus_prior: float = 4.0


def focus_factor(listed, bearing, strength, prior):
    """((bearing + prior) / (listed + prior)) ** strength: 1 when every listed skill bears on the need."""
    return ((np.asarray(bearing, float) + prior) / (np.asarray(listed, float) + prior)) ** strength


def idf_weights(holders: np.ndarray, population: int, strength: float,
                transversal: np.ndarray | None = None, damping: float = 1.0) -> np.ndarray:
    """Per-skill weight idf ** strength, idf = ln(1 + (N - h + 0.5) / (h + 0.5)) (BM25's, never negative).

    A skill held by half the population weighs ln 2 ** strength, one held by nobody ln(2N + 2) ** strength;
    transversal skills (think critically, work in teams) are multiplied by `damping` as well.
    """
    h = np.asarray(holders, float)
    weight = np.log1p((population - h + 0.5) / (h + 0.5)) ** strength
    if transversal is not None and damping != 1.0:
        weight = np.where(transversal, damping * weight, weight)
    return weight


def rarity_weights(holders: np.ndarray, population: int, strength: float) -> np.ndarray:
    """Per-skill weight (1 + ln((1 + N) / (1 + holders))) ** strength: rare skills weigh more."""
    return (1.0 + np.log((1.0 + population) / (1.0 + np.asarray(holders, float)))) ** strength


def requirement_weights(need: CompetenceNeed, rarity: np.ndarray, weights: ScoringWeights) -> tuple[float, ...]:
    """Normalised weight of each required skill, in the need's order."""
    raw = [(weights.essential if r.essential else weights.nice_to_have) * float(rarity[r.skill])
           for r in need.skills]
    total = 0.0
    for w in raw:
        total += w
    return tuple(w / total for w in raw)


def combine(skill_fit: float, preference: float | None, share: float) -> float:
    """The score from its skill fit and preference value, kept within [0, 1] against rounding."""
    return min(1.0, skill_fit if preference is None else (1.0 - share) * skill_fit + share * preference)


class PairScorer:
    """Scores and explains one (need, profile) pair in plain Python."""

    def __init__(self, relations: SkillRelations, weights: ScoringWeights, rarity: np.ndarray) -> None:
        self.relations, self.weights, self.rarity = relations, weights, rarity
        self._groups = [frozenset(g) for g in relations.skill_groups]

    def credit(self, skill: int, level: int, profile: Profile) -> tuple[float, int | None, str | None, int | None]:
        """Best (credit, held skill, via, held level) for one required skill."""
        row = self.relations.direct_row(skill)
        groups = self._groups[skill]
        group_credits = self.relations.group_credits
        best: tuple[float, int | None, str | None, int | None] = (0.0, None, None, None)
        for held, held_level in profile.skills.items():
            factor = min(1.0, held_level / level)
            hit = row.get(held)
            if hit is not None and hit[0] * factor > best[0]:
                best = (hit[0] * factor, held, hit[1], held_level)
            shared = groups.intersection(self._groups[held]) if groups else ()
            if shared:
                group_credit = max(float(group_credits[g]) for g in shared)
                if group_credit * factor > best[0]:
                    best = (group_credit * factor, held, SAME_GROUP, held_level)
        return best

    def bearing(self, need: CompetenceNeed, profile: Profile) -> int:
        """How many of the profile's skills answer some required skill of the need (any credit, any level)."""
        required = [(self.relations.direct_row(r.skill), self._groups[r.skill]) for r in need.skills]
        group_credits = self.relations.group_credits
        count = 0
        for held in profile.skills:
            groups = self._groups[held]
            if any(held in row or any(group_credits[g] > 0.0 for g in groups.intersection(req_groups))
                   for row, req_groups in required):
                count += 1
        return count

    def focus(self, need: CompetenceNeed, profile: Profile) -> Focus | None:
        """The focus factor of the pair, None when the weights leave it out."""
        if self.weights.focus == 0.0:
            return None
        listed, bearing = len(profile.skills), self.bearing(need, profile)
        w = self.weights
        return Focus(listed, bearing, float(focus_factor(listed, bearing, w.focus, w.focus_prior)))

    def shared_group(self, skill: int, held: int | None) -> str | None:
        """The skill group (its taxonomy name) through which a held skill earned same-group credit."""
        if held is None:
            return None
        shared = self._groups[skill].intersection(self._groups[held])
        if not shared:
            return None
        credits = self.relations.group_credits
        return self.relations.group_names[max(sorted(shared), key=lambda g: float(credits[g]))]

    def link(self, skill: int, held: int | None) -> int | None:
        """The skill linking a required skill to the held one that answered it (siblings, distance 2)."""
        hit = None if held is None else self.relations.direct_row(skill).get(held)
        return None if hit is None else hit[2]

    def score(self, need: CompetenceNeed, profile: Profile) -> float | None:
        """The pair's score, or None when it is not eligible."""
        if not all(note.ok for note in hard_constraints(need, profile)):
            return None
        fit = 0.0
        for w, req in zip(requirement_weights(need, self.rarity, self.weights), need.skills):
            fit += w * self.credit(req.skill, req.level, profile)[0]
        if fit <= 0.0:
            return None
        focus = self.focus(need, profile)
        if focus is not None:
            fit *= focus.factor
        return combine(fit, preferences(need, profile)[0], self.weights.preferences)

    def explain(self, need: CompetenceNeed, profile: Profile) -> Explanation:
        """The pair's score with its parts, matched and missing skills and constraint notes."""
        hard = hard_constraints(need, profile)
        preference, soft = preferences(need, profile)
        matches, fit, parts = [], 0.0, {True: 0.0, False: 0.0}
        for w, req in zip(requirement_weights(need, self.rarity, self.weights), need.skills):
            credit, held, via, held_level = self.credit(req.skill, req.level, profile)
            fit += w * credit
            parts[req.essential] += w * credit
            same_group = via == SAME_GROUP
            matches.append(SkillMatch(req.skill, req.essential, req.level, w, credit, held, via, held_level,
                                      None if same_group else self.link(req.skill, held),
                                      self.shared_group(req.skill, held) if same_group else None))
        share = 0.0 if preference is None else self.weights.preferences
        focus = self.focus(need, profile) if fit > 0.0 else None
        factor = 1.0 if focus is None else focus.factor
        score = combine(fit * factor, preference, self.weights.preferences)
        eligible = fit > 0.0 and all(note.ok for note in hard)
        return Explanation(
            need_id=need.id, profile_id=profile.id, score=score,
            parts=ScoreParts((1.0 - share) * factor * parts[True], (1.0 - share) * factor * parts[False],
                             share * (preference or 0.0)),
            matches=tuple(matches), constraints=hard + soft, eligible=eligible, focus=focus)

