"""An offline benchmark of the ranking built from occupation-skill relations (ESCO's, or a small synthetic one).

Construction (seeded): occupations are taken from ISCO unit groups that hold several of them. Each
person is trained for one occupation and lists a share of its essential skills and a few optional ones;
some listed skills are replaced by a related skill from the taxonomy (a sibling under the same broader
skill or nearest group, a broader or narrower skill, or a skill-skill relation), and some noise skills
drawn from how often skills occur across all occupations are added. Each need is drawn from an occupation's
skills (essential ones marked essential). A person's relevance to a need is 2 for the need's occupation, 1
for another occupation of the same ISCO unit group, 0 otherwise. Rankings are scored by NDCG@10 (linear
gains) and P@10 (share of the first ten with relevance ≥ 1), averaged over the needs.

Scorers compared in the same run: the matching engine with given weights, Jaccard of the skill sets, and
an idf-weighted scorer giving half credit for a sibling (same broader skill or same nearest group).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from services.matching.domain.engine import DEFAULT_WEIGHTS, MatchingEngine
from services.matching.domain.model import CompetenceNeed, Profile, RequiredSkill
from services.matching.domain.quality import ndcg_at_k
from services.matching.domain.relations import SkillGraph
from services.matching.domain.scoring import ScoringWeights


@dataclass(frozen=True)
class OccupationSkills:
    """What the benchmark reads of an occupation."""

    isco_group: str
    essential: tuple[int, ...]
    optional: tuple[int, ...]


@dataclass(frozen=True)
class Benchmark:
    """Persons and needs with the occupation behind each (indices into `occupations`)."""

    occupations: tuple[OccupationSkills, ...]
    persons: tuple[Profile, ...]
    person_occupation: np.ndarray
    needs: tuple[CompetenceNeed, ...]
    need_occupation: np.ndarray

    def grades(self, need: int) -> np.ndarray:
        """Relevance of every person to a need: 2 same occupation, 1 same ISCO group, 0 otherwise."""
        occ = self.occupations[int(self.need_occupation[need])]
        same_group = np.array([self.occupations[o].isco_group == occ.isco_group for o in self.person_occupation])
        return np.where(self.person_occupation == self.need_occupation[need], 2, np.where(same_group, 1, 0))


@dataclass(frozen=True)
class Noise:
    """The noise model of the persons."""

    essential_share: float = 0.6  # of the occupation's essential skills listed
    optional: int = 2  # optional skills listed (at most)
    substitute: float = 0.3  # chance a listed skill is replaced by a related one
    extra: int = 2  # noise skills drawn by frequency across occupations


def neighbours(graph: SkillGraph) -> list[list[int]]:
    """Skills related to each skill: siblings (broader skill or nearest group), broader, narrower, related."""
    n = len(graph.broader)
    by_parent: dict[object, list[int]] = {}
    for s in range(n):
        for p in graph.broader[s]:
            by_parent.setdefault(("skill", p), []).append(s)
        for g in graph.groups[s]:
            by_parent.setdefault(("group", g), []).append(s)
    out: list[set[int]] = [set() for _ in range(n)]
    for members in by_parent.values():
        if len(members) <= 200:
            for s in members:
                out[s].update(members)
    for s in range(n):
        for p in graph.broader[s]:
            out[s].add(p)
            out[p].add(s)
        out[s].update(o for o, _ in graph.related[s])
    return [sorted(o - {s}) for s, o in enumerate(out)]


def build(graph: SkillGraph, occupations: Sequence[OccupationSkills], seed: int, n_occupations: int = 240,
          persons_per_occupation: int = 8, n_needs: int = 200, noise: Noise | None = None) -> Benchmark:
    """The benchmark for one seed (see the module's docstring)."""
    noise = noise or Noise()
    rng = np.random.default_rng(seed)
    by_group: dict[str, list[int]] = {}
    for i, candidate in enumerate(occupations):
        if len(candidate.essential) >= 4:
            by_group.setdefault(candidate.isco_group, []).append(i)
    groups = sorted(g for g, members in by_group.items() if len(members) >= 2)
    chosen: list[int] = []
    for g in rng.permutation(groups):
        chosen += by_group[str(g)][:4]
        if len(chosen) >= n_occupations:
            break
    chosen = chosen[:n_occupations]
    near = neighbours(graph)
    frequency = np.zeros(len(graph.broader))
    for occupation in occupations:
        frequency[list(occupation.essential) + list(occupation.optional)] += 1
    frequency /= frequency.sum()
    persons: list[Profile] = []
    person_occ: list[int] = []
    for o in chosen:
        occ = occupations[o]
        for _ in range(persons_per_occupation):
            k = max(1, round(noise.essential_share * len(occ.essential)))
            listed = list(rng.choice(occ.essential, k, replace=False))
            if occ.optional:
                listed += list(rng.choice(occ.optional, min(noise.optional, len(occ.optional)), replace=False))
            skills = set()
            for s in listed:
                s = int(s)
                if near[s] and rng.random() < noise.substitute:
                    s = int(near[s][rng.integers(len(near[s]))])
                skills.add(s)
            skills.update(int(x) for x in rng.choice(len(frequency), noise.extra, p=frequency))
            persons.append(Profile(id=f"p{len(persons):05d}", skills={s: 3 for s in sorted(skills)}))
            person_occ.append(o)
    order = rng.permutation(len(persons))  # ids carry no hint of the occupation
    persons = [Profile(id=f"p{i:05d}", skills=persons[j].skills) for i, j in enumerate(order)]
    person_occ = [person_occ[j] for j in order]
    needs: list[CompetenceNeed] = []
    need_occ: list[int] = []
    for i in range(n_needs):
        o = chosen[int(rng.integers(len(chosen)))]
        occ = occupations[o]
        m = min(len(occ.essential), int(rng.integers(4, 8)))
        req = [RequiredSkill(int(s), True, 1) for s in rng.choice(occ.essential, m, replace=False)]
        if occ.optional:
            req.append(RequiredSkill(int(rng.choice(occ.optional)), False, 1))
        needs.append(CompetenceNeed(id=f"n{i:04d}", skills=tuple(req)))
        need_occ.append(o)
    return Benchmark(tuple(occupations), tuple(persons), np.array(person_occ), tuple(needs), np.array(need_occ))


Ranker = Callable[[int], Sequence[str]]  # need index -> person ids, best first


def held_out_occupations(bench: Benchmark) -> list[tuple[int, ...]]:
    """The skills of the occupations no person or need was drawn from.

    The engine's co-occupation credit is computed from these only: the occupations that define
    relevance stay out of it, so the credit cannot simply re-read the benchmark's construction.
    """
    used = set(bench.person_occupation.tolist()) | set(bench.need_occupation.tolist())
    return [o.essential + o.optional for i, o in enumerate(bench.occupations) if i not in used]


def engine_ranker(graph: SkillGraph, bench: Benchmark, weights: ScoringWeights = DEFAULT_WEIGHTS,
                  k: int = 10) -> Ranker:
    """The matching engine's top-k (co-occupation credit from the held-out occupations only)."""
    engine = MatchingEngine(graph, weights, k=k, occupations=held_out_occupations(bench))
    engine.load(bench.persons, [], rank=False)
    return lambda i: [s.profile_id for s in engine.rank(bench.needs[i], k=k)]


def _matrix(bench: Benchmark, n_skills: int):
    from scipy.sparse import csr_matrix
    rows = [r for r, p in enumerate(bench.persons) for _ in p.skills]
    cols = [s for p in bench.persons for s in p.skills]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(bench.persons), n_skills)).tocsc()


def _top(bench: Benchmark, scores: np.ndarray, k: int) -> list[str]:
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    return [bench.persons[i].id for i in order if scores[i] > 0]


def jaccard_ranker(graph: SkillGraph, bench: Benchmark, k: int = 10) -> Ranker:
    """|need ∩ person| / |need ∪ person| over skill sets."""
    x = _matrix(bench, len(graph.broader))
    sizes = np.asarray(x.sum(axis=1)).ravel()

    def rank(i: int) -> list[str]:
        q = sorted({r.skill for r in bench.needs[i].skills})
        common = np.asarray(x[:, q].sum(axis=1)).ravel()
        return _top(bench, common / (sizes + len(q) - common), k)
    return rank


def idf_sibling_ranker(graph: SkillGraph, bench: Benchmark, k: int = 10, sibling: float = 0.5) -> Ranker:
    """sum idf_j * credit_j / sum idf_j: credit 1 held, `sibling` when a sibling is held."""
    n = len(graph.broader)
    x = _matrix(bench, n)
    holders = np.asarray(x.sum(axis=0)).ravel()
    idf = np.log((1 + len(bench.persons)) / (1 + holders)) + 1.0
    parents: dict[object, list[int]] = {}
    for s in range(n):
        for key in [("skill", p) for p in graph.broader[s]] + [("group", g) for g in graph.groups[s]]:
            parents.setdefault(key, []).append(s)
    keys = [[("skill", p) for p in graph.broader[s]] + [("group", g) for g in graph.groups[s]] for s in range(n)]

    def rank(i: int) -> list[str]:
        total, norm = np.zeros(len(bench.persons)), 0.0
        for r in bench.needs[i].skills:
            sib = sorted({t for key in keys[r.skill] for t in parents[key]} - {r.skill})
            held = np.asarray(x[:, [r.skill]].sum(axis=1)).ravel() > 0
            near = np.asarray(x[:, sib].sum(axis=1)).ravel() > 0 if sib else np.zeros(len(held), bool)
            total += idf[r.skill] * np.where(held, 1.0, np.where(near, sibling, 0.0))
            norm += idf[r.skill]
        return _top(bench, total / norm, k)
    return rank


def score(bench: Benchmark, rank: Ranker, k: int = 10) -> tuple[float, float]:
    """Mean NDCG@k and P@k of a ranker over the benchmark's needs."""
    ids = [p.id for p in bench.persons]
    ndcg, precision = [], []
    for i in range(len(bench.needs)):
        grades = bench.grades(i)
        gains = {ids[j]: float(g) for j, g in enumerate(grades) if g > 0}
        ranked = list(rank(i))
        ndcg.append(ndcg_at_k(ranked, gains, k))
        precision.append(sum(1 for p in ranked[:k] if p in gains) / k)
    return float(np.mean(ndcg)), float(np.mean(precision))


def evaluate(graph: SkillGraph, bench: Benchmark, weights: ScoringWeights = DEFAULT_WEIGHTS) -> dict[str, tuple]:
    """NDCG@10 and P@10 of the engine and both baselines."""
    return {"engine": score(bench, engine_ranker(graph, bench, weights)),
            "jaccard": score(bench, jaccard_ranker(graph, bench)),
            "idf + siblings": score(bench, idf_sibling_ranker(graph, bench))}


def table(results: dict[str, tuple[float, float]]) -> str:
    """The results as a text table, with the engine's lead over the best baseline."""
    lines = [f"{'scorer':<16} {'NDCG@10':>8} {'P@10':>6}"]
    lines += [f"{name:<16} {ndcg:>8.3f} {p:>6.3f}" for name, (ndcg, p) in results.items()]
    best = max(ndcg for name, (ndcg, _) in results.items() if name != "engine")
    lines.append(f"engine - best baseline NDCG@10: {results['engine'][0] - best:+.3f}")
    return "\n".join(lines)


def esco_occupations() -> tuple[OccupationSkills, ...]:
    """ESCO's occupations as the benchmark reads them."""
    from shared.reference import esco
    return tuple(OccupationSkills(o.isco_group, o.essential, o.optional) for o in esco.occupations())
