"""Which held skills count for a required one, and how much, from the skill taxonomy."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Protocol

import numpy as np

from services.matching.domain.explanation import (
    BROADER,
    BROADER_2,
    CO_OCCUPATION,
    EXACT,
    NARROWER,
    NARROWER_2,
    RELATED_ESSENTIAL,
    RELATED_OPTIONAL,
    SAME_GROUP,
    SIBLING,
)

KINDS = (EXACT, NARROWER, BROADER, RELATED_ESSENTIAL, RELATED_OPTIONAL, SAME_GROUP, SIBLING, NARROWER_2, BROADER_2,
         CO_OCCUPATION)
_SIBLING, _NARROWER_2, _BROADER_2, _CO_OCCUPATION = 6, 7, 8, 9


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
    # Credits through the whole hierarchy; 0 leaves them out (the engine's tuned weights turn them on).
    sibling: float = 0.0  # both under the same broader skill
    narrower_2: float = 0.0  # held skill two steps narrower
    broader_2: float = 0.0  # held skill two steps broader
    # A broad parent links loosely: sibling credit is scaled by sqrt(fanout / children) above `fanout`
    # children, by `transversal` under a transversal parent, and parents with more than
    # `max_children` children link nothing (they would add millions of weak links).
    fanout: int = 8
    transversal: float = 0.3
    max_children: int = 150
    # Same-group credit is scaled by sqrt(group_fanout / members) in groups larger than group_fanout.
    group_fanout: int = 1_000_000
    # Skills that occupations ask for together (ESCO's occupation-skill relations): credit
    # co_occupation * cosine of their occupation sets, for pairs shared by at least co_occupation_min occupations,
    # the `co_occupation_top` best per skill.
    co_occupation: float = 0.0
    co_occupation_top: int = 10
    co_occupation_min: int = 2  # occupations that must ask for both skills

    def by_kind(self) -> tuple[float, ...]:
        """Credits in KINDS order."""
        return (self.exact, self.narrower, self.broader, self.related_essential,
                self.related_optional, self.same_group, self.sibling, self.narrower_2, self.broader_2,
                self.co_occupation)

    def sibling_credit(self, children: int, transversal: bool) -> float:
        """Credit of two skills under a parent with `children` narrower skills."""
        if children > self.max_children:
            return 0.0
        credit = self.sibling * min(1.0, (self.fanout / children) ** 0.5)
        return credit * (self.transversal if transversal else 1.0)


class SkillRelations:
    """Relation credits as compressed rows: required skill -> held skills, and back."""

    def __init__(self, graph: SkillGraph, credits: RelationCredits = RelationCredits(),
                 occupations: Sequence[Sequence[int]] = ()) -> None:
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
        credit_list = list(np.asarray(by_kind, float)[kind])
        link = [-1] * len(req)
        for r_, h_, k_, c_, l_ in chain(self._hierarchy(graph, credits),
                                        _co_occupation(occupations, n, credits)):
            req.append(r_)
            held.append(h_)
            kind.append(k_)
            credit_list.append(c_)
            link.append(l_)
        r, h, k = np.array(req, np.int64), np.array(held, np.int64), np.array(kind, np.int8)
        c_arr, lk = np.array(credit_list, float), np.array(link, np.int64)
        keep = c_arr > 0.0
        keep[:n] = True  # exact always
        r, h, k, c_arr, lk = r[keep], h[keep], k[keep], c_arr[keep], lk[keep]
        order = np.lexsort((k, -c_arr, h, r))  # by required, held, best credit first
        r, h, k, c_arr, lk = r[order], h[order], k[order], c_arr[order], lk[order]
        first = np.ones(len(r), bool)
        first[1:] = (r[1:] != r[:-1]) | (h[1:] != h[:-1])
        r, h, k, c, lk = r[first], h[first], k[first], c_arr[first], lk[first]
        self.direct_ptr = np.searchsorted(r, np.arange(n + 1)).astype(np.int64)
        self.direct_held, self.direct_credit, self.direct_kind = h.astype(np.int64), c, k
        self.direct_link = lk
        back = np.lexsort((r, h))
        self.reverse_ptr = np.searchsorted(h[back], np.arange(n + 1)).astype(np.int64)
        self.reverse_required, self.reverse_credit = r[back].astype(np.int64), c[back]
        self._group_setup(graph.groups)
        reuse = getattr(graph, "reuse_level", ()) or ()
        self.transversal = np.array([level == "transversal" for level in reuse] if reuse else [False] * n, bool)
        self._rows: dict[int, dict[int, tuple[float, str, int | None]]] = {}

    @staticmethod
    def _hierarchy(graph: SkillGraph, credits: RelationCredits):
        """(required, held, kind, credit, link) of siblings and of skills two steps apart."""
        broader = graph.broader
        children: list[list[int]] = [[] for _ in broader]
        for s, parents in enumerate(broader):
            for p in parents:
                children[p].append(s)
        reuse = getattr(graph, "reuse_level", ()) or ()
        if credits.sibling > 0.0:
            for p, kids in enumerate(children):
                if len(kids) < 2:
                    continue
                credit = credits.sibling_credit(len(kids), bool(reuse) and reuse[p] == "transversal")
                if credit <= 0.0:
                    continue
                for a in kids:
                    for b in kids:
                        if a != b:
                            yield a, b, _SIBLING, credit, p
        if credits.narrower_2 > 0.0 or credits.broader_2 > 0.0:
            for s, parents in enumerate(broader):
                for p in parents:
                    for g in broader[p]:
                        if g != s:  # held s two steps narrower than required g, and back
                            yield g, s, _NARROWER_2, credits.narrower_2, p
                            yield s, g, _BROADER_2, credits.broader_2, p

    def _group_setup(self, groups: Sequence[Sequence[str]]) -> None:
        ids: dict[str, int] = {}
        skill_groups = [tuple(sorted({ids.setdefault(g, len(ids)) for g in gs})) for gs in groups]
        self.n_groups = len(ids)
        self.group_names = tuple(ids)  # group id -> the taxonomy's name of it (a URI in ESCO)
        self.skill_groups = skill_groups
        self.group_ptr, self.group_of = _compress(skill_groups, self.n_skills)
        members: list[list[int]] = [[] for _ in range(self.n_groups)]
        for s, gs in enumerate(skill_groups):
            for g in gs:
                members[g].append(s)
        self.member_ptr, self.members = _compress(members, self.n_groups)
        sizes = np.maximum(np.diff(self.member_ptr), 1)
        self.group_credits = self.group_credit * np.minimum(1.0, np.sqrt(self.credits.group_fanout / sizes))

    def direct(self, required: int) -> tuple[np.ndarray, np.ndarray]:
        """Held skills that answer a required skill directly, and their credits."""
        lo, hi = self.direct_ptr[required], self.direct_ptr[required + 1]
        return self.direct_held[lo:hi], self.direct_credit[lo:hi]

    def direct_row(self, required: int) -> dict[int, tuple[float, str, int | None]]:
        """held skill -> (credit, kind, linking skill or None) for a required skill (for per-pair code)."""
        row = self._rows.get(required)
        if row is None:
            lo, hi = self.direct_ptr[required], self.direct_ptr[required + 1]
            row = {int(s): (float(c), KINDS[k], None if link < 0 else int(link)) for s, c, k, link in zip(
                self.direct_held[lo:hi], self.direct_credit[lo:hi], self.direct_kind[lo:hi],
                self.direct_link[lo:hi])}
            self._rows[required] = row
        return row

    def answered_by(self, held: int) -> tuple[np.ndarray, np.ndarray]:
        """Required skills a held skill answers directly, and their credits."""
        lo, hi = self.reverse_ptr[held], self.reverse_ptr[held + 1]
        return self.reverse_required[lo:hi], self.reverse_credit[lo:hi]

    def group_members(self, group: int) -> np.ndarray:
        """Skills in a skill group."""
        return self.members[self.member_ptr[group]:self.member_ptr[group + 1]]


def _co_occupation(occupations: Sequence[Sequence[int]], n: int, credits: RelationCredits):
    """(required, held, kind, credit, -1) of skills that occupations ask for together."""
    if credits.co_occupation <= 0.0 or not occupations:
        return
    from scipy.sparse import csr_matrix
    rows = [o for o, skills in enumerate(occupations) for _ in set(skills)]
    cols = [s for skills in occupations for s in set(skills)]
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(occupations), n))
    both = (x.T @ x).tocsr()
    sizes = both.diagonal()
    for a in range(n):
        lo, hi = both.indptr[a], both.indptr[a + 1]
        other, count = both.indices[lo:hi], both.data[lo:hi]
        keep = (other != a) & (count >= credits.co_occupation_min)
        other, count = other[keep], count[keep]
        if not len(other):
            continue
        cosine = count / np.sqrt(sizes[a] * sizes[other])
        for i in np.argsort(-cosine, kind="stable")[:credits.co_occupation_top]:
            yield a, int(other[i]), _CO_OCCUPATION, credits.co_occupation * float(cosine[i]), -1


def _compress(rows: Sequence[Sequence[int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(r) for r in rows), np.int64, count=n)
    ptr = np.zeros(n + 1, np.int64)
    np.cumsum(lengths, out=ptr[1:])
    flat = np.fromiter((x for r in rows for x in r), np.int64, count=int(ptr[-1]))
    return ptr, flat
