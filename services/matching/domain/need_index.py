"""Competence needs compiled for scoring, and the per-profile scorer over all of them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.matching.domain.bitsets import BitColumn, Vocabularies
from services.matching.domain.model import MAX_LEVEL, OPEN_END, OPEN_START, CompetenceNeed, Profile
from services.matching.domain.relations import SkillRelations
from services.matching.domain.scoring import LEVEL_CREDIT, ScoringWeights, focus_factor, requirement_weights


@dataclass(frozen=True)
class CompiledNeed:
    """A need with its weights and the taxonomy columns to gather, ready for scoring."""

    need: CompetenceNeed
    fingerprint: str
    weights: tuple[float, ...]
    skills: np.ndarray  # required skill per requirement
    levels: np.ndarray  # required level per requirement
    plan: tuple[np.ndarray, ...]  # direct: cols, credit, req, level; groups: cols, credit, req, level
    preference_count: int
    bearing: np.ndarray  # skills that answer some requirement (for the focus factor; empty when it is off)
    focus: float = 0.0  # ScoringWeights.focus and focus_prior
    focus_prior: float = 0.0


def compile_need(need: CompetenceNeed, relations: SkillRelations, rarity: np.ndarray,
                 weights: ScoringWeights) -> CompiledNeed:
    """Weights and gather plan of a need under the current rarity snapshot."""
    cols: list[np.ndarray] = []
    credit: list[np.ndarray] = []
    req: list[np.ndarray] = []
    level: list[np.ndarray] = []
    gcols: list[int] = []
    greq: list[int] = []
    glevel: list[int] = []
    for j, r in enumerate(need.skills):
        if not 0 <= r.skill < relations.n_skills:
            raise ValueError(f"unknown skill index {r.skill}")
        held, c = relations.direct(r.skill)
        cols.append(held)
        credit.append(c)
        req.append(np.full(len(held), j))
        level.append(np.full(len(held), r.level))
        groups = relations.skill_groups[r.skill]
        gcols += groups
        greq += [j] * len(groups)
        glevel += [r.level] * len(groups)
    plan = (np.concatenate(cols), np.concatenate(credit), np.concatenate(req), np.concatenate(level),
            np.array(gcols, np.int64), relations.group_credits[np.array(gcols, np.int64)], np.array(greq, np.int64),
            np.array(glevel, np.int64))
    count = bool(need.preferred_fields) + bool(need.preferred_languages) + need.period.bounded
    bearing = np.zeros(0, np.int64)
    if weights.focus != 0.0:
        linked = [plan[0]] + [relations.group_members(g) for g in plan[4] if relations.group_credits[g] > 0.0]
        bearing = np.unique(np.concatenate(linked))
    return CompiledNeed(need, need.fingerprint(), requirement_weights(need, rarity, weights),
                        np.array([r.skill for r in need.skills]), np.array([r.level for r in need.skills]),
                        plan, count, bearing, weights.focus, weights.focus_prior)


class NeedIndex:
    """Compiled needs as padded arrays, so one profile is scored against all needs at once."""

    def __init__(self, relations: SkillRelations, vocabularies: Vocabularies, capacity: int = 256) -> None:
        self.relations, self.vocabularies = relations, vocabularies
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.compiled: list[CompiledNeed | None] = []
        self.width = 1
        self._alloc(capacity)

    _VECTORS = (("alive", False, bool), ("hours", -np.inf, float), ("first", OPEN_START, np.int64),
                ("last", OPEN_END, np.int64), ("bounded", False, bool), ("licence", False, bool),
                ("preference_count", 0, np.int64), ("focus", 0.0, float), ("focus_prior", 0.0, float))
    _MATRICES = (("req_skill", 0, np.int64), ("req_level", 1, np.int64), ("req_weight", 0.0, float),
                 ("req_used", False, bool))
    # The columns above, set by name in _alloc and _grow.
    alive: np.ndarray
    hours: np.ndarray
    first: np.ndarray
    last: np.ndarray
    bounded: np.ndarray
    licence: np.ndarray
    preference_count: np.ndarray
    focus: np.ndarray
    focus_prior: np.ndarray
    req_skill: np.ndarray
    req_level: np.ndarray
    req_weight: np.ndarray
    req_used: np.ndarray

    def _alloc(self, capacity: int) -> None:
        v = self.vocabularies
        for name, fill, dtype in self._VECTORS:
            setattr(self, name, np.full(capacity, fill, dtype))
        for name, fill, dtype in self._MATRICES:
            setattr(self, name, np.full((capacity, self.width), fill, dtype))
        self.work_type = BitColumn(v.work_types, capacity)
        self.areas = BitColumn(v.areas, capacity)
        self.languages = BitColumn(v.languages, capacity)
        self.preferred_fields = BitColumn(v.fields, capacity)
        self.preferred_languages = BitColumn(v.languages, capacity)

    def _grow(self, capacity: int, width: int) -> None:
        for name, fill, dtype in self._VECTORS:
            old = getattr(self, name)
            setattr(self, name, np.full(capacity, fill, dtype))
            getattr(self, name)[:len(old)] = old
        for name, fill, dtype in self._MATRICES:
            old = getattr(self, name)
            setattr(self, name, np.full((capacity, width), fill, dtype))
            getattr(self, name)[:old.shape[0], :old.shape[1]] = old
        for column in (self.work_type, self.areas, self.languages, self.preferred_fields,
                       self.preferred_languages):
            column.grow(capacity)
        self.width = width

    @property
    def n_rows(self) -> int:
        """Rows in use, including removed ones."""
        return len(self.compiled)

    def upsert(self, compiled: CompiledNeed) -> int:
        """Store a compiled need, returning its row."""
        need = compiled.need
        row = self.row_of.get(need.id)
        if row is None:
            row = len(self.compiled)
            self.ids.append(need.id)
            self.compiled.append(None)
            self.row_of[need.id] = row
        m = len(need.skills)
        if row >= len(self.alive) or m > self.width:
            self._grow(max(len(self.alive), 2 * (row + 1)), max(self.width, m))
        self.compiled[row] = compiled
        self.req_skill[row], self.req_level[row], self.req_weight[row], self.req_used[row] = 0, 1, 0.0, False
        self.req_skill[row, :m], self.req_level[row, :m] = compiled.skills, compiled.levels
        self.req_weight[row, :m], self.req_used[row, :m] = compiled.weights, True
        self.focus[row], self.focus_prior[row] = compiled.focus, compiled.focus_prior
        self.alive[row] = True
        self.hours[row] = -np.inf if need.hours_per_week is None else need.hours_per_week
        self.first[row], self.last[row] = need.period.first, need.period.last
        self.bounded[row], self.licence[row] = need.period.bounded, need.driving_licence
        self.preference_count[row] = compiled.preference_count
        self.work_type.set(row, [need.work_type] if need.work_type is not None else [])
        self.areas.set(row, need.areas)
        self.languages.set(row, need.languages)
        self.preferred_fields.set(row, need.preferred_fields)
        self.preferred_languages.set(row, need.preferred_languages)
        return row

    def remove(self, need_id: str) -> int | None:
        """Forget a need; its row stays unused."""
        row = self.row_of.pop(need_id, None)
        if row is not None:
            self.compiled[row] = None
            self.alive[row] = False
            self.req_weight[row], self.req_used[row] = 0.0, False
        return row

    def score_profile(self, profile: Profile, share: float) -> tuple[np.ndarray, np.ndarray]:
        """Scores of one profile against every need row, and which pairs are eligible."""
        n = self.n_rows
        table = self._credit_table(profile)
        values = table[self.req_level[:n], self.req_skill[:n]]
        fit = np.zeros(n)
        for j in range(self.width):
            fit += self.req_weight[:n, j] * values[:, j]
        focus = self.focus[:n]
        if focus.any():
            bearing = self._bearing(profile, n)
            with np.errstate(divide="ignore", invalid="ignore"):  # rows without focus: 1
                factor = focus_factor(len(profile.skills), bearing, focus, self.focus_prior[:n])
            fit *= np.where(focus != 0.0, factor, 1.0)
        ok = self.alive[:n] & (fit > 0.0) & self._hard(profile, n)
        count = self.preference_count[:n]
        preference = self._preferences(profile, n) / np.maximum(count, 1)
        score = np.minimum(np.where(count > 0, (1.0 - share) * fit + share * preference, fit), 1.0)
        return score, ok

    def _bearing(self, profile: Profile, n: int) -> np.ndarray:
        """Per need row: how many of the profile's skills answer some requirement (the focus factor's count)."""
        rel = self.relations
        answered = []  # per held skill, the required skills it answers
        for held in profile.skills:
            parts = [rel.answered_by(held)[0]]
            parts += [rel.group_members(g) for g in rel.skill_groups[held] if rel.group_credits[g] > 0.0]
            answered.append(np.concatenate(parts))
        count = np.zeros(n, np.int64)
        skills, used = self.req_skill[:n], self.req_used[:n]
        for first in range(0, len(answered), 64):  # bit i of bits[r]: held skill first + i answers r
            bits = np.zeros(rel.n_skills, np.uint64)
            for i, required in enumerate(answered[first:first + 64]):
                bits[required] |= np.uint64(1 << i)
            per_need = np.bitwise_or.reduce(np.where(used, bits[skills], np.uint64(0)), axis=1)
            count += np.bitwise_count(per_need)
        return count
        skills, used = self.req_skill[:n], self.req_used[:n]
        mark = np.zeros(rel.n_skills, bool)
        mark[np.concatenate(answered)] = True
        rows = np.flatnonzero((mark[skills] & used).any(axis=1))  # needs any held skill bears on
        skills, used = skills[rows], used[rows]
        for required in answered:
            mark[:] = False
            mark[required] = True
            count[rows] += (mark[skills] & used).any(axis=1)
        return count

    def _credit_table(self, profile: Profile) -> np.ndarray:
        """table[required level, required skill]: the profile's best credit."""
        rel = self.relations
        table = np.zeros((MAX_LEVEL + 1, rel.n_skills))
        for held, level in profile.skills.items():
            factors = LEVEL_CREDIT[level, 1:]
            required, credit = rel.answered_by(held)
            table[1:, required] = np.maximum(table[1:, required], np.outer(factors, credit))
            for group in rel.skill_groups[held]:
                members = rel.group_members(group)
                table[1:, members] = np.maximum(table[1:, members], (rel.group_credits[group] * factors)[:, None])
        return table

    def _hard(self, profile: Profile, n: int) -> np.ndarray:
        ok = (self.hours[:n] <= profile.hours_per_week)
        ok &= (self.first[:n] <= profile.available.last) & (profile.available.first <= self.last[:n])
        if profile.work_types:
            query = self.work_type.query(profile.work_types)
            ok &= self.work_type.meets(n, query)
        if profile.areas:
            query = self.areas.query(profile.areas)
            ok &= self.areas.meets(n, query)
        ok &= self.languages.within(n, self.languages.query(profile.languages))
        if not profile.driving_licence:
            ok &= ~self.licence[:n]
        return ok

    def _preferences(self, profile: Profile, n: int) -> np.ndarray:
        fields = [profile.field_of_education] if profile.field_of_education is not None else []
        total = np.zeros(n)
        total += self.preferred_fields.intersects(n, self.preferred_fields.query(fields)).astype(float)
        wanted = self.preferred_languages.size(n)
        common = self.preferred_languages.common(n, self.preferred_languages.query(profile.languages))
        total += np.where(wanted > 0, common / np.maximum(wanted, 1), 0.0)
        first, last = self.first[:n], self.last[:n]
        overlap = np.maximum(0, np.minimum(profile.available.last, last)
                             - np.maximum(profile.available.first, first) + 1)
        total += np.where(self.bounded[:n], overlap / (last - first + 1), 0.0)
        return total
