"""Deterministic synthetic taxonomies, profiles and needs for tests, benchmarks and demos.

With occupations (essential and optional skill lists, e.g. ESCO's occupation-skill
relations) a profile or need is drawn around one occupation, so skill frequencies follow
how often skills occur across occupations; without them skills follow a Zipf law.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from services.matching.domain.model import CompetenceNeed, Period, Profile, RequiredSkill

WORK_TYPES = ("part-time", "full-time", "internship", "project", "summer-job", "thesis")
LANGUAGES = ("fi", "sv", "en", "ru", "et", "ar")
_LANGUAGE_SHARE = (0.92, 0.15, 0.7, 0.04, 0.03, 0.03)
_EPOCH = date(2025, 1, 1)
_LEVEL_CDF = np.cumsum((0.15, 0.3, 0.3, 0.17, 0.08))
_NEED_LEVEL_CDF = np.cumsum((0.2, 0.35, 0.3, 0.15))
_NEED_LANGUAGES = tuple(frozenset(x) for x in ((), ("fi",), ("fi", "en"), ("en",), ("sv",)))
_NEED_LANGUAGE_CDF = np.cumsum((0.05, 0.7, 0.1, 0.1, 0.05))


@dataclass(frozen=True)
class SyntheticTaxonomy:
    """A small skill graph with the shape of ESCO's (fits relations.SkillGraph)."""

    broader: tuple[tuple[int, ...], ...]
    related: tuple[tuple[tuple[int, str], ...], ...]
    groups: tuple[tuple[str, ...], ...]
    occupations: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # (essential, optional)

    def __len__(self) -> int:
        return len(self.broader)


def synthetic_taxonomy(n_skills: int = 60, n_groups: int = 6, seed: int = 0) -> SyntheticTaxonomy:
    """Groups, a shallow broader hierarchy inside groups, some skill-skill relations, occupations."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, n_groups, n_skills)
    broader: list[tuple[int, ...]] = []
    for s in range(n_skills):
        parents = [p for p in range(s) if group[p] == group[s]]
        broader.append((int(parents[0]),) if parents and rng.random() < 0.5 else ())
    related: list[set[tuple[int, str]]] = [set() for _ in range(n_skills)]
    for _ in range(n_skills // 3):
        a, b = (int(x) for x in rng.choice(n_skills, 2, replace=False))
        kind = "essential" if rng.random() < 0.5 else "optional"
        related[a].add((b, kind))
        related[b].add((a, kind))
    occupations = []
    for _ in range(max(3, n_skills // 6)):
        skills = rng.choice(n_skills, min(n_skills, 10), replace=False).tolist()
        occupations.append((tuple(skills[:6]), tuple(skills[6:])))
    return SyntheticTaxonomy(tuple(broader), tuple(tuple(sorted(r)) for r in related),
                             tuple((f"group-{g}",) for g in group), tuple(occupations))


_AREAS = tuple(f"A{i:02}" for i in range(16))
_FIELDS = tuple(f"F{i:02}" for i in range(10))


class SyntheticPopulation:
    """Seeded generator of profiles and needs over a taxonomy of n_skills skills."""

    def __init__(self, n_skills: int, seed: int = 0, areas: Sequence[str] = _AREAS, fields: Sequence[str] = _FIELDS,
                 occupations: Sequence[tuple[Sequence[int], Sequence[int]]] = ()) -> None:
        self.n_skills, self.seed = n_skills, seed
        self.areas, self.fields = tuple(areas), tuple(fields)
        self.occupations = [(np.array(e, np.int64), np.array(o, np.int64)) for e, o in occupations if len(e)]
        rng = np.random.default_rng(seed)
        self._skill_cdf = np.cumsum(_zipf(n_skills, 1.1, rng))
        self._occupation_cdf = np.cumsum(_zipf(len(self.occupations), 0.8, rng)) if self.occupations else None

    def profiles(self, n: int, skills: int = 15, offset: int = 0) -> list[Profile]:
        """n profiles with about `skills` skills each; ids p<offset+i>."""
        rng = np.random.default_rng([self.seed, 1, offset])
        counts = rng.integers(max(1, skills - 4), skills + 5, n)
        levels = (_draw(_LEVEL_CDF, rng, int(counts.sum())) + 1).tolist()
        hours = rng.choice((10.0, 15.0, 20.0, 25.0, 30.0, 37.5), n).tolist()
        starts, lengths = rng.integers(0, 300, n).tolist(), rng.integers(60, 400, n).tolist()
        open_ended = (rng.random(n) < 0.3).tolist()
        areas = _subsets(self.areas, rng.integers(1, 5, n), rng.random(n) < 0.9, rng)
        work = _subsets(WORK_TYPES, rng.integers(1, 4, n), rng.random(n) < 0.8, rng)
        spoken = rng.random((n, len(LANGUAGES))) < _LANGUAGE_SHARE
        licence = (rng.random(n) < 0.65).tolist()
        fields = rng.integers(0, len(self.fields), n).tolist()
        out, used = [], 0
        for i in range(n):
            chosen, _ = self._skills(int(counts[i]), rng, 0.6)
            start = _EPOCH + timedelta(days=starts[i])
            languages = frozenset(lang for lang, has in zip(LANGUAGES, spoken[i]) if has) or frozenset({"fi"})
            out.append(Profile(
                id=f"p{offset + i}", skills=dict(zip(chosen, levels[used:used + len(chosen)])),
                hours_per_week=hours[i],
                available=Period(start, None if open_ended[i] else start + timedelta(days=lengths[i])),
                work_types=work[i], areas=areas[i], languages=languages, driving_licence=licence[i],
                field_of_education=self.fields[fields[i]]))
            used += len(chosen)
        return out

    def needs(self, n: int, offset: int = 0) -> list[CompetenceNeed]:
        """n competence needs with 3-9 required skills; ids n<offset+i>."""
        rng = np.random.default_rng([self.seed, 2, offset])
        return [self._need(f"n{offset + i}", rng) for i in range(n)]

    def _skills(self, count: int, rng: np.random.Generator, essential_share: float) -> tuple[list[int], int]:
        """Distinct skills, the first `n_essential` of them from the occupation's essential ones."""
        chosen: list[int] = []
        n_essential = 0
        if self._occupation_cdf is not None:  # there are occupations
            essential, optional = self.occupations[_draw(self._occupation_cdf, rng)]
            take_e = min(len(essential), max(1, round(count * essential_share)))
            chosen += essential[rng.permutation(len(essential))[:take_e]].tolist()
            n_essential = len(chosen)
            if len(optional):
                chosen += optional[rng.permutation(len(optional))[:count - take_e]].tolist()
        while len(chosen) < count:
            extra = _draw(self._skill_cdf, rng, count - len(chosen)).tolist()
            chosen += [s for s in dict.fromkeys(extra) if s not in chosen]
        return [int(s) for s in chosen[:count]], n_essential

    def _need(self, need_id: str, rng: np.random.Generator) -> CompetenceNeed:
        count = int(rng.integers(3, 10))
        skills, n_essential = self._skills(count, rng, 0.5)
        n_essential = n_essential or max(1, count // 2)
        levels = (_draw(_NEED_LEVEL_CDF, rng, len(skills)) + 1).tolist()
        required = tuple(RequiredSkill(s, i < n_essential, level) for i, (s, level) in enumerate(zip(skills, levels)))
        u = rng.random(8).tolist()
        start = _EPOCH + timedelta(days=int(u[0] * 365))
        period = Period(start, start + timedelta(days=30 + int(u[1] * 170))) if u[2] < 0.7 else Period(start)
        languages = _NEED_LANGUAGES[int(_draw(_NEED_LANGUAGE_CDF, rng))]
        preferred = _subsets(self.fields, np.array([1 + int(u[3] * 2)]), np.array([u[4] < 0.4]), rng)[0]
        return CompetenceNeed(
            id=need_id, skills=required,
            work_type=WORK_TYPES[int(u[5] * len(WORK_TYPES))] if u[6] < 0.8 else None,
            hours_per_week=float(rng.integers(8, 31)) if u[7] < 0.7 else None, period=period,
            areas=frozenset({self.areas[int(rng.integers(len(self.areas)))]}) if rng.random() < 0.8 else frozenset(),
            languages=languages, driving_licence=bool(rng.random() < 0.15), preferred_fields=preferred,
            preferred_languages=frozenset({("en", "sv")[int(rng.integers(2))]}) if rng.random() < 0.3 else frozenset())


def _subsets(values: Sequence[str], sizes: np.ndarray, present: np.ndarray,
             rng: np.random.Generator) -> list[frozenset[str]]:
    """One random subset per row: `sizes[i]` distinct values, or none where not present."""
    order = np.argsort(rng.random((len(sizes), len(values))), axis=1)
    return [frozenset(values[j] for j in row[:size]) if has else frozenset()
            for row, size, has in zip(order.tolist(), sizes.tolist(), present.tolist())]


def _draw(cdf: np.ndarray, rng: np.random.Generator, size: int | None = None):
    """Indices drawn from a cumulative distribution (much cheaper than choice(p=...))."""
    found = np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right")
    return np.minimum(found, len(cdf) - 1)


def _zipf(n: int, exponent: float, rng: np.random.Generator) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    weights = weights[rng.permutation(n)]
    return weights / weights.sum()
