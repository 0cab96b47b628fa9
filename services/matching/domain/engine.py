"""The matching engine: per-need top-k suggestions kept up to date incrementally."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from services.matching.domain.batch import rank_many
from services.matching.domain.bitsets import Vocabularies
from services.matching.domain.decline import Decline, DeclineMemory
from services.matching.domain.explanation import Explanation, Suggestion
from services.matching.domain.model import CompetenceNeed, Profile
from services.matching.domain.need_index import CompiledNeed, NeedIndex, compile_need
from services.matching.domain.profile_index import ProfileIndex
from services.matching.domain.ranking import RankedList, Shortlists, top_rows
from services.matching.domain.relations import RelationCredits, SkillGraph, SkillRelations
from services.matching.domain.scoring import PairScorer, ScoringWeights, idf_weights, rarity_weights

# Calibrated on `kampus matching evaluate --esco --seed 1` (docs/benchmarks.md), the co-occupation credit
# from occupations the benchmark does not draw from; reported on the held-out seeds 2-6.
# The focus factor (focus, focus_prior) was chosen on seed 1 as well (docs/benchmarks.md).
TUNED_CREDITS = RelationCredits(sibling=0.4, narrower_2=0.5, broader_2=0.3, same_group=0.35, max_children=40,
                                co_occupation=0.85, co_occupation_top=5, co_occupation_min=1)
DEFAULT_WEIGHTS = ScoringWeights(rarity="idf", rarity_strength=2.0, transversal=0.5, credits=TUNED_CREDITS,
                                 focus=0.5, focus_prior=4.0)


@dataclass(frozen=True)
class ListChange:
    """How a need's visible top-k changed: profiles that entered, left, or stayed with a new score."""

    need_id: str
    entered: tuple[str, ...]
    left: tuple[str, ...]
    rescored: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entered or self.left or self.rescored)


def build_relations(graph: SkillGraph, weights: ScoringWeights = DEFAULT_WEIGHTS,
                    occupations: Sequence[Sequence[int]] | None = None) -> SkillRelations:
    """The relation credits an engine with these weights scores by; `occupations` default to a synthetic
    taxonomy's own (essential, optional) occupations."""
    if occupations is None:
        occupations = [tuple(e) + tuple(o) for e, o in getattr(graph, "occupations", ())]
    return SkillRelations(graph, weights.credits, occupations)


class MatchingEngine:
    """Profiles and needs in memory, with each need's top-k kept exact on every change.

    Rarity weights are a snapshot of the population taken by `refresh_rarity` (and
    `load`); single changes do not move them, so incremental and full runs agree.
    Not thread-safe: one writer at a time (the service's consumer), readers between writes.
    `occupations` (skill lists, e.g. ESCO's occupation-skill relations) give the co-occupation credit.
    """

    def __init__(self, graph: SkillGraph, weights: ScoringWeights = DEFAULT_WEIGHTS,
                 k: int = 20, depth: int | None = None, occupations: Sequence[Sequence[int]] | None = None,
                 relations: SkillRelations | None = None) -> None:
        """`relations`, when given, are the graph's relations already built with `weights.credits` and these
        occupations (they depend on the reference data only, so a process may build them once)."""
        self.weights, self.k, self.depth = weights, k, depth or 2 * k
        if relations is None:
            relations = build_relations(graph, weights, occupations)
        elif relations.credits != weights.credits:
            raise ValueError("the relations were built with other credits than the weights'")
        self.relations = relations
        vocabularies = Vocabularies()
        self.profiles = ProfileIndex(self.relations, vocabularies)
        self.needs = NeedIndex(self.relations, vocabularies)
        self.declines = DeclineMemory()
        self.scorer = PairScorer(self.relations, weights, np.ones(self.relations.n_skills))
        self.shortlists = Shortlists()

    @property
    def rarity(self) -> np.ndarray:
        """The rarity weight of each skill in the current snapshot."""
        return self.scorer.rarity

    # -- bulk ---------------------------------------------------------------
    def load(self, profiles: Iterable[Profile], needs: Iterable[CompetenceNeed], workers: int = 1,
             rank: bool = True) -> None:
        """Add many profiles and needs, take a rarity snapshot and rank every need.

        With rank=False the caller runs `recompute_all` before asking for suggestions.
        """
        for profile in profiles:
            self.profiles.upsert(profile, defer=True)
        self.profiles.compact()
        self._set_rarity()
        for need in needs:
            self.needs.upsert(self._compile(need))
        if rank:
            self.recompute_all(workers)

    def refresh_rarity(self, workers: int = 1) -> None:
        """Take a new rarity snapshot from the live profiles and rank every need again."""
        self._set_rarity()
        for compiled in list(self.needs.compiled):
            if compiled is not None:
                self.needs.upsert(self._compile(compiled.need))
        self.recompute_all(workers)

    def _set_rarity(self) -> None:
        w = self.weights
        if w.rarity == "idf":
            self.scorer.rarity = idf_weights(self.profiles.holders, self.profiles.population, w.rarity_strength,
                                             self.relations.transversal, w.transversal)
        else:
            self.scorer.rarity = rarity_weights(self.profiles.holders, self.profiles.population, w.rarity_strength)

    def recompute_all(self, workers: int = 1) -> None:
        """Rank every need from scratch (the full recompute)."""
        self.profiles.compact()
        rows = [row for row, c in enumerate(self.needs.compiled) if c is not None]
        self.shortlists.reset(rank_many(self._rank, rows, workers))

    def compact(self) -> None:
        """Fold changed profiles into the base columns (about 0.5 s at 100,000 profiles).

        It also happens by itself after `profiles.compact_after` changes; a service can call
        it when idle so that no single update pays for it.
        """
        self.profiles.compact()

    # -- changes ------------------------------------------------------------
    def upsert_profile(self, profile: Profile) -> list[ListChange]:
        """Add or change a profile and update every affected need's top-k."""
        return self._reconsider(self.profiles.upsert(profile))

    def remove_profile(self, profile_id: str) -> list[ListChange]:
        """Remove a profile (consent withdrawn, erased) from every need's suggestions."""
        row = self.profiles.remove(profile_id)
        self.declines.forget_profile(profile_id)
        return [] if row is None else self._reconsider(row)

    def upsert_need(self, need: CompetenceNeed) -> ListChange:
        """Add or change a need and rank it from scratch."""
        row = self.needs.upsert(self._compile(need))
        before = self.shortlists.lists.get(row)
        return self._install(row, self._shown(before) if before else {}, self._rank(row))

    def remove_need(self, need_id: str) -> ListChange:
        """Forget a need and its suggestions."""
        row = self.needs.remove(need_id)
        self.declines.forget_need(need_id)
        ranked = None if row is None else self.shortlists.drop(row)
        if ranked is None:
            return ListChange(need_id, (), ())
        return ListChange(need_id, (), tuple(self.profiles.ids[r] for r in ranked.visible(self.k)))

    def decline(self, need_id: str, profile_id: str, reason: str = "") -> ListChange:
        """Record a manager's decline; the pair stays hidden until a fingerprint changes."""
        need_row, profile_row = self.needs.row_of[need_id], self.profiles.row_of[profile_id]
        self.declines.record(Decline(need_id, profile_id, self._compiled(need_row).fingerprint,
                                     self.profiles.fingerprints[profile_row], reason))
        if need_row not in self.shortlists.lists:
            return ListChange(need_id, (), ())
        return self._update_list(need_row, profile_row, None)

    # -- queries ------------------------------------------------------------
    def need_ids(self) -> list[str]:
        """Ids of the stored needs."""
        return list(self.needs.row_of)

    def suggestions(self, need_id: str, k: int | None = None, explain: bool = True) -> list[Suggestion]:
        """The need's current top-k, best first."""
        row = self.needs.row_of[need_id]
        ranked = self.shortlists.lists[row]
        return [self._suggestion(self._compiled(row).need, r, i + 1, -key[0], explain)
                for i, (key, r) in enumerate(zip(ranked.keys[:k or self.k], ranked.rows))]

    def rank(self, need: CompetenceNeed, k: int | None = None, explain: bool = False) -> list[Suggestion]:
        """Top-k for a need without storing it (what a new need would get)."""
        compiled = self._compile(need)
        rows, scores = self.profiles.score(compiled, self.weights.preferences)
        rows, scores = self._without_declined(compiled, rows, scores)
        entries = top_rows(rows, scores, self.profiles.ids, k or self.k)
        return [self._suggestion(need, r, i + 1, -key[0], explain) for i, (key, r) in enumerate(entries)]

    def scores(self, need: CompetenceNeed) -> dict[str, float]:
        """Every eligible profile's score for a need (e.g. a role, for team building)."""
        compiled = self._compile(need)
        rows, scores = self.profiles.score(compiled, self.weights.preferences)
        ids = self.profiles.ids
        return {ids[r]: float(s) for r, s in zip(rows.tolist(), scores.tolist())}

    def explain(self, need_id: str, profile_id: str) -> Explanation:
        """The explanation of any stored pair, suggested or not."""
        need = self._compiled(self.needs.row_of[need_id]).need
        return self.scorer.explain(need, self._profile(self.profiles.row_of[profile_id]))

    def order(self, need_id: str, profile_ids: Sequence[str]) -> list[str]:
        """Stored profiles ranked for a stored need by the current scores (for replaying decisions)."""
        need = self._compiled(self.needs.row_of[need_id]).need
        scored = []
        for pid in profile_ids:
            row = self.profiles.row_of.get(pid)
            score = None if row is None else self.scorer.score(need, self._profile(row))
            scored.append((score is None, -(score or 0.0), pid))
        return [pid for *_, pid in sorted(scored)]

    def _suggestion(self, need: CompetenceNeed, row: int, rank: int, score: float, explain: bool) -> Suggestion:
        profile = self._profile(row)
        explanation = self.scorer.explain(need, profile) if explain else None
        return Suggestion(need.id, profile.id, rank, score, explanation)

    # -- internals ----------------------------------------------------------
    def _compiled(self, row: int) -> CompiledNeed:
        """The compiled need of a live row (removed rows are never ranked or asked for)."""
        compiled = self.needs.compiled[row]
        assert compiled is not None, f"need row {row} was removed"
        return compiled

    def _profile(self, row: int) -> Profile:
        """The profile of a live row."""
        profile = self.profiles.profiles[row]
        assert profile is not None, f"profile row {row} was removed"
        return profile

    def _compile(self, need: CompetenceNeed) -> CompiledNeed:
        return compile_need(need, self.relations, self.scorer.rarity, self.weights)

    def _rank(self, row: int) -> RankedList:
        compiled = self._compiled(row)
        rows, scores = self.profiles.score(compiled, self.weights.preferences)
        rows, scores = self._without_declined(compiled, rows, scores)
        entries = top_rows(rows, scores, self.profiles.ids, self.depth)
        return RankedList(entries, complete=len(rows) <= self.depth)

    def _without_declined(self, compiled: CompiledNeed, rows: np.ndarray,
                          scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        declined = []
        for d in self.declines.for_need(compiled.need.id):
            row = self.profiles.row_of.get(d.profile_id)
            if row is not None and self.declines.applies(d.need_id, compiled.fingerprint, d.profile_id,
                                                         self.profiles.fingerprints[row]):
                declined.append(row)
        if not declined:
            return rows, scores
        keep = ~np.isin(rows, declined)
        return rows[keep], scores[keep]

    def _reconsider(self, row: int) -> list[ListChange]:
        profile = self.profiles.profiles[row]
        affected = self.shortlists.holding(row)
        scores: np.ndarray | None = None
        ok: np.ndarray | None = None
        if profile is not None:
            scores, ok = self.needs.score_profile(profile, self.weights.preferences)
            for d in self.declines.for_profile(profile.id):
                need_row = self.needs.row_of.get(d.need_id)
                if need_row is not None and self.declines.applies(
                        d.need_id, self._compiled(need_row).fingerprint, profile.id,
                        self.profiles.fingerprints[row]):
                    ok[need_row] = False
            affected.update(np.flatnonzero(ok & (scores >= self.shortlists.thresholds(len(scores)))).tolist())
        changes = []
        for need_row in sorted(affected):
            score = float(scores[need_row]) if scores is not None and ok is not None and ok[need_row] else None
            change = self._update_list(need_row, row, score)
            if change:
                changes.append(change)
        return changes

    def _update_list(self, need_row: int, row: int, score: float | None) -> ListChange:
        ranked = self.shortlists.lists[need_row]
        before = self._shown(ranked)
        old_rows = set(ranked.rows)
        ranked.discard(row)
        if score is not None:
            ranked.offer((-score, self.profiles.ids[row]), row, self.depth)
        if len(ranked.rows) < self.k and not ranked.complete:
            ranked = self._rank(need_row)
        return self._install(need_row, before, ranked, old_rows)

    def _shown(self, ranked: RankedList) -> dict[int, float]:
        return {row: key[0] for key, row in zip(ranked.keys[:self.k], ranked.rows)}

    def _install(self, need_row: int, before: dict[int, float], ranked: RankedList,
                 old_rows: set[int] | None = None) -> ListChange:
        self.shortlists.put(need_row, ranked, old_rows)
        after = self._shown(ranked)
        ids = self.profiles.ids
        return ListChange(self.needs.ids[need_row], tuple(ids[r] for r in after if r not in before),
                          tuple(ids[r] for r in before if r not in after),
                          tuple(ids[r] for r, score in after.items() if r in before and before[r] != score))
