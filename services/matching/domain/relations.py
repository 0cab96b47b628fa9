"""Which held skills count for a required one, and how much, from the skill taxonomy."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from services.matching.domain.explanation import (
    BROADER,
    EXACT,
    NARROWER,
    RELATED_ESSENTIAL,
    RELATED_OPTIONAL,
    SAME_GROUP,
)

KINDS = (EXACT, NARROWER, BROADER, RELATED_ESSENTIAL, RELATED_OPTIONAL, SAME_GROUP)


class SkillGraph(Protocol):
    """The part of a skill taxonomy matching reads (shared.reference.esco.SkillTaxonomy fits)."""

    @property
    def broader(self) -> Sequence[Sequence[int]]: ...  # direct broader skills of skill i

    @property
    def related(self) -> Sequence[Sequence[tuple[int, str]]]: ...  # (skill, 'essential'|'optional')

    @property
    def groups(self) -> Sequence[Sequence[str]]: ...  # nearest skill-group ids of skill i


@dataclass(frozen=True)
class RelationCredits:
    """Partial credit a held skill earns for a required one, by how they relate."""

    exact: float = 1.0
    narrower: float = 0.8  # held skill is narrower than the required one
    broader: float = 0.5  # held skill is broader than the required one
    related_essential: float = 0.5
    related_optional: float = 0.3
    same_group: float = 0.25

    def by_kind(self) -> tuple[float, ...]:
        """Credits in KINDS order."""
        return (self.exact, self.narrower, self.broader, self.related_essential,
                self.related_optional, self.same_group)


class SkillRelations:
    """Relation credits as compressed rows: required skill -> held skills, and back."""

    def __init__(self, graph: SkillGraph, credits: RelationCredits = RelationCredits()) -> None:
        self.credits = credits
        self.n_skills = n = len(graph.broader)
        self.group_credit = credits.same_group
        by_kind = credits.by_kind()
        req, held, kind = list(range(n)), list(range(n)), [0] * n
        for s, broader in enumerate(graph.broader):
            for b in broader:  # held s is narrower than required b; held b is broader than s
                req += (b, s)
                held += (s, b)
                kind += (1, 2)
        for s, related in enumerate(graph.related):
            for other, relation in related:
                code = 3 if relation == "essential" else 4
                req += (s, other)
                held += (other, s)
                kind += (code, code)
        r, h, k = np.array(req, np.int64), np.array(held, np.int64), np.array(kind, np.int8)
        c = np.asarray(by_kind, float)[k]
        order = np.lexsort((k, -c, h, r))  # by required, held, best credit first
        r, h, k, c = r[order], h[order], k[order], c[order]
        first = np.ones(len(r), bool)
        first[1:] = (r[1:] != r[:-1]) | (h[1:] != h[:-1])
        r, h, k, c = r[first], h[first], k[first], c[first]
        self.direct_ptr = np.searchsorted(r, np.arange(n + 1)).astype(np.int64)
        self.direct_held, self.direct_credit, self.direct_kind = h.astype(np.int64), c, k
        back = np.lexsort((r, h))
        self.reverse_ptr = np.searchsorted(h[back], np.arange(n + 1)).astype(np.int64)
        self.reverse_required, self.reverse_credit = r[back].astype(np.int64), c[back]
        self._group_setup(graph.groups)
        self._rows: dict[int, dict[int, tuple[float, str]]] = {}

    def _group_setup(self, groups: Sequence[Sequence[str]]) -> None:
        ids: dict[str, int] = {}
        skill_groups = [tuple(sorted({ids.setdefault(g, len(ids)) for g in gs})) for gs in groups]
        self.n_groups = len(ids)
        self.skill_groups = skill_groups
        self.group_ptr, self.group_of = _compress(skill_groups, self.n_skills)
        members: list[list[int]] = [[] for _ in range(self.n_groups)]
        for s, gs in enumerate(skill_groups):
            for g in gs:
                members[g].append(s)
        self.member_ptr, self.members = _compress(members, self.n_groups)

    def direct(self, required: int) -> tuple[np.ndarray, np.ndarray]:
        """Held skills that answer a required skill directly, and their credits."""
        lo, hi = self.direct_ptr[required], self.direct_ptr[required + 1]
        return self.direct_held[lo:hi], self.direct_credit[lo:hi]

    def direct_row(self, required: int) -> dict[int, tuple[float, str]]:
        """held skill -> (credit, kind) for a required skill, as a dict (for per-pair code)."""
        row = self._rows.get(required)
        if row is None:
            lo, hi = self.direct_ptr[required], self.direct_ptr[required + 1]
            row = {int(s): (float(c), KINDS[k]) for s, c, k in zip(
                self.direct_held[lo:hi], self.direct_credit[lo:hi], self.direct_kind[lo:hi])}
            self._rows[required] = row
        return row

    def answered_by(self, held: int) -> tuple[np.ndarray, np.ndarray]:
        """Required skills a held skill answers directly, and their credits."""
        lo, hi = self.reverse_ptr[held], self.reverse_ptr[held + 1]
        return self.reverse_required[lo:hi], self.reverse_credit[lo:hi]

    def group_members(self, group: int) -> np.ndarray:
        """Skills in a skill group."""
        return self.members[self.member_ptr[group]:self.member_ptr[group + 1]]


def _compress(rows: Sequence[Sequence[int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(r) for r in rows), np.int64, count=n)
    ptr = np.zeros(n + 1, np.int64)
    np.cumsum(lengths, out=ptr[1:])
    flat = np.fromiter((x for r in rows for x in r), np.int64, count=int(ptr[-1]))
    return ptr, flat
