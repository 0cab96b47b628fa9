"""Vectorised store of profiles and the per-need scorer over all of them.

Skills are kept as compressed columns built at the last compaction (the base) plus a
small delta of rows changed since; a query masks the changed rows out of the base and
gathers them from the delta, so an update costs little and a query stays exact.
"""
from __future__ import annotations

import numpy as np

from services.matching.domain.bitsets import BitColumn, Vocabularies
from services.matching.domain.columns import SkillColumns, spans
from services.matching.domain.model import OPEN_END, OPEN_START, Profile
from services.matching.domain.need_index import CompiledNeed
from services.matching.domain.relations import SkillRelations
from services.matching.domain.scoring import focus_factor


class ProfileIndex:
    """All profiles as arrays, rows never reused until the store is rebuilt."""

    _VECTORS = (("alive", False, bool), ("_stale_mask", False, bool), ("hours", 0.0, float),
                ("first", OPEN_START, np.int64), ("last", OPEN_END, np.int64), ("licence", False, bool),
                ("field", -1, np.int64), ("listed", 0, np.int64))
    # The columns above, set by name in __init__ and _grow.
    alive: np.ndarray
    _stale_mask: np.ndarray
    hours: np.ndarray
    first: np.ndarray
    last: np.ndarray
    licence: np.ndarray
    field: np.ndarray
    listed: np.ndarray  # number of skills the profile lists (the focus factor's denominator)

    def __init__(self, relations: SkillRelations, vocabularies: Vocabularies, capacity: int = 1024) -> None:
        self.relations, self.vocabularies = relations, vocabularies
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.profiles: list[Profile | None] = []
        self.fingerprints: list[str] = []
        self.skills: list[np.ndarray] = []
        self.levels: list[np.ndarray] = []
        self.holders = np.zeros(relations.n_skills, np.int64)
        for name, fill, dtype in self._VECTORS:
            setattr(self, name, np.full(capacity, fill, dtype))
        v = vocabularies
        self.work_types = BitColumn(v.work_types, capacity)
        self.areas = BitColumn(v.areas, capacity)
        self.languages = BitColumn(v.languages, capacity)
        empty = np.zeros(0, np.int64)
        self._base = SkillColumns(empty, empty, empty, relations)
        self._stale: set[int] = set()
        self._delta: SkillColumns | None = None
        self.compact_after = 2048

    @property
    def n_rows(self) -> int:
        """Rows in use, including removed ones."""
        return len(self.ids)

    @property
    def population(self) -> int:
        """Number of live profiles."""
        return len(self.row_of)

    def upsert(self, profile: Profile, defer: bool = False) -> int:
        """Store or replace a profile, returning its row (defer: the caller compacts later)."""
        for skill in profile.skills:
            if skill >= self.relations.n_skills:
                raise ValueError(f"unknown skill index {skill}")
        row = self.row_of.get(profile.id)
        if row is None:
            row = len(self.ids)
            self.row_of[profile.id] = row
            self.ids.append(profile.id)
            self.profiles.append(None)
            self.fingerprints.append("")
            self.skills.append(np.zeros(0, np.int64))
            self.levels.append(np.zeros(0, np.int64))
            if row >= len(self.alive):
                self._grow(2 * len(self.alive))
        else:
            self.holders[self.skills[row]] -= 1
        self.profiles[row] = profile
        self.fingerprints[row] = profile.fingerprint()
        self.skills[row] = np.fromiter(profile.skills.keys(), np.int64, len(profile.skills))
        self.levels[row] = np.fromiter(profile.skills.values(), np.int64, len(profile.skills))
        self.holders[self.skills[row]] += 1
        self.listed[row] = len(profile.skills)
        self.alive[row], self.hours[row] = True, profile.hours_per_week
        self.first[row], self.last[row] = profile.available.first, profile.available.last
        self.licence[row] = profile.driving_licence
        field = profile.field_of_education
        self.field[row] = -1 if field is None else self.vocabularies.fields.bit(field)
        self.work_types.set(row, profile.work_types)
        self.areas.set(row, profile.areas)
        self.languages.set(row, profile.languages)
        self._touch(row, defer)
        return row

    def remove(self, profile_id: str) -> int | None:
        """Forget a profile (consent withdrawn or erased); returns its former row."""
        row = self.row_of.pop(profile_id, None)
        if row is not None:
            self.holders[self.skills[row]] -= 1
            self.profiles[row] = None
            self.alive[row] = False
            self.skills[row] = self.levels[row] = np.zeros(0, np.int64)
            self.listed[row] = 0
            self._touch(row)
        return row

    def _touch(self, row: int, defer: bool = False) -> None:
        self._stale.add(row)
        self._stale_mask[row] = True
        self._delta = None
        if not defer and len(self._stale) > self.compact_after:
            self.compact()

    def _grow(self, capacity: int) -> None:
        for name, fill, dtype in self._VECTORS:
            old = getattr(self, name)
            setattr(self, name, np.full(capacity, fill, dtype))
            getattr(self, name)[:len(old)] = old
        for column in (self.work_types, self.areas, self.languages):
            column.grow(capacity)

    def compact(self) -> None:
        """Rebuild the base columns from every live row."""
        self._base = self._columns(np.flatnonzero(self.alive[:self.n_rows]).tolist())
        self._stale, self._delta = set(), None
        self._stale_mask[:] = False

    def _columns(self, rows: list[int]) -> SkillColumns:
        """Columns of the given live rows (ascending)."""
        lengths = np.fromiter((len(self.skills[r]) for r in rows), np.int64, len(rows))
        flat_rows = np.repeat(np.array(rows, np.int64), lengths)
        skills = np.concatenate([self.skills[r] for r in rows]) if rows else np.zeros(0, np.int64)
        levels = np.concatenate([self.levels[r] for r in rows]) if rows else np.zeros(0, np.int64)
        return SkillColumns(flat_rows, skills, levels, self.relations)

    def score(self, need: CompiledNeed, share: float) -> tuple[np.ndarray, np.ndarray]:
        """Eligible rows for the need and their scores (unordered).

        Hard constraints are checked on every row the need's skills reach, before the
        per-requirement maxima are taken, so only eligible rows are accumulated.
        """
        n = self.n_rows
        stores = [self._base]
        if self._stale:
            if self._delta is None:
                self._delta = self._columns([r for r in sorted(self._stale) if self.alive[r]])
            stores.append(self._delta)
        reached = [store.reach(need.plan) for store in stores]
        mark = np.zeros(n, bool)
        for parts in reached:
            for rows, _, _ in parts:
                mark[rows] = True
        keep = mark & self._hard(need, n)
        eligible = np.flatnonzero(keep)
        # rows changed since the base was built are read from the delta only
        masks = [keep & ~self._stale_mask[:n], keep] if self._stale else [keep]
        req, rows, value = (np.concatenate(x) for x in zip(
            *(store.credits(need.plan, parts, mask) for store, parts, mask in zip(stores, reached, masks))))
        position = np.zeros(n, np.int64)
        position[eligible] = np.arange(len(eligible))
        at = position[rows]
        m, e = len(need.weights), len(eligible)
        credit: np.ndarray = np.zeros(m * e)
        np.maximum.at(credit, req * e + at, value)
        credit = credit.reshape(m, e)
        fit = np.zeros(e)
        for j, weight in enumerate(need.weights):
            fit += weight * credit[j]
        positive = fit > 0.0
        eligible, fit = eligible[positive], fit[positive]
        if need.focus != 0.0:
            bearing = np.zeros(n, np.int64)
            for store, mask in zip(stores, masks):
                pos, _ = spans(store.ptr, need.bearing)
                rows = store.rows[pos]
                bearing += np.bincount(rows[mask[rows]], minlength=n)
            fit = fit * focus_factor(self.listed[eligible], bearing[eligible], need.focus, need.focus_prior)
        if need.preference_count == 0:
            return eligible, np.minimum(fit, 1.0)
        preference = self._preferences(need, eligible) / need.preference_count
        return eligible, np.minimum((1.0 - share) * fit + share * preference, 1.0)

    def _hard(self, compiled: CompiledNeed, n: int) -> np.ndarray:
        """Mask of the first n rows that meet every hard constraint (contiguous, so cheap)."""
        need = compiled.need
        ok = self.alive[:n].copy()
        if need.hours_per_week is not None:
            ok &= self.hours[:n] >= need.hours_per_week
        if need.period.last != OPEN_END:
            ok &= self.first[:n] <= need.period.last
        if need.period.first != OPEN_START:
            ok &= need.period.first <= self.last[:n]
        if need.driving_licence:
            ok &= self.licence[:n]
        if need.languages:
            ok &= self.languages.contains_all(n, self.languages.query(need.languages))
        if need.work_type is not None:
            ok &= self.work_types.meets(n, self.work_types.query([need.work_type]))
        if need.areas:
            ok &= self.areas.meets(n, self.areas.query(need.areas))
        return ok

    def _preferences(self, compiled: CompiledNeed, rows: np.ndarray) -> np.ndarray:
        need = compiled.need
        total = np.zeros(len(rows))
        if need.preferred_fields:
            bits = [self.vocabularies.fields.bit(f) for f in need.preferred_fields]
            total += np.isin(self.field[rows], bits).astype(float)
        if need.preferred_languages:
            common = self.languages.common(rows, self.languages.query(need.preferred_languages))
            total += common / len(need.preferred_languages)
        if need.period.bounded:
            first, last = need.period.first, need.period.last
            overlap = np.maximum(0, np.minimum(self.last[rows], last) - np.maximum(self.first[rows], first) + 1)
            total += overlap / (last - first + 1)
        return total
