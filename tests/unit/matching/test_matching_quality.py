"""Quality metrics from decisions, and the synthetic data generator."""
from __future__ import annotations

import math
from collections import Counter

import pytest

from services.matching.domain import Decision, MatchingEngine, evaluate, ndcg_at_k, precision_at_k
from services.matching.domain.synthetic import SyntheticPopulation, synthetic_taxonomy


def test_precision_at_k():
    assert precision_at_k(["a", "b", "c", "d"], {"a", "c"}, 2) == 0.5
    assert precision_at_k(["a"], {"a"}, 5) == 1.0
    assert precision_at_k([], {"a"}, 5) == 0.0


def test_ndcg_at_10():
    assert ndcg_at_k(["a", "b", "c"], {"a": 1.0}) == 1.0
    assert ndcg_at_k(["b", "a"], {"a": 1.0}) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(["x"], {}) == 0.0


def test_evaluate_replays_decisions_with_the_engine():
    taxonomy = synthetic_taxonomy(60, 6, seed=4)
    synthetic = SyntheticPopulation(60, seed=4, occupations=taxonomy.occupations)
    engine = MatchingEngine(taxonomy, k=5)
    needs = synthetic.needs(5)
    engine.load(synthetic.profiles(150, skills=6), needs)
    decisions = []
    for need in needs:
        shown = engine.suggestions(need.id, explain=False)
        decisions += [Decision(need.id, s.profile_id, s.rank <= 2) for s in shown]
    report = evaluate(decisions, engine.order, k=2)
    assert report.precision_at_k == 1.0 and report.ndcg_at_10 == 1.0
    flipped = [Decision(d.need_id, d.profile_id, not d.accepted) for d in decisions]
    worse = evaluate(flipped, engine.order, k=2)
    assert worse.precision_at_k < 1.0 and worse.ndcg_at_10 < 1.0 and worse.needs == report.needs


def test_generator_is_deterministic_and_skewed():
    a = SyntheticPopulation(500, seed=9)
    b = SyntheticPopulation(500, seed=9)
    assert a.profiles(50) == b.profiles(50) and a.needs(20) == b.needs(20)
    assert SyntheticPopulation(500, seed=10).profiles(50) != a.profiles(50)
    counts = Counter(s for p in a.profiles(400) for s in p.skills)
    top_share = sum(c for _, c in counts.most_common(25)) / sum(counts.values())
    assert top_share > 0.2  # Zipf: 5% of the skills carry far more than 5% of the mentions
    assert all(1 <= level <= 5 for p in a.profiles(20) for level in p.skills.values())


def test_generator_draws_around_occupations():
    occupations = [((1, 2, 3, 4), (5, 6)), ((7, 8, 9), (10,))]
    synthetic = SyntheticPopulation(50, seed=1, occupations=occupations)
    for need in synthetic.needs(10):
        essential = {r.skill for r in need.skills if r.essential}
        assert essential <= {1, 2, 3, 4} or essential <= {7, 8, 9}
