"""Rarity that weighs and credit through the taxonomy's structure (values by hand)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

from services.matching.domain import MatchingEngine, RequiredSkill, ScoringWeights
from services.matching.domain.relations import RelationCredits, SkillRelations
from services.matching.domain.scoring import PairScorer, idf_weights
from tests.support.factories import need, profile


@dataclass(frozen=True)
class Taxonomy:
    broader: tuple
    related: tuple
    groups: tuple
    reuse_level: tuple = ()


# 0 has the narrower skills 1, 2, 3; 4 is under 1 (two steps under 0). 5 is transversal with 6 and 7 under it.
# 8, 9, 10 share the group "big"; 11 stands alone.
TAXONOMY = Taxonomy(
    broader=((), (0,), (0,), (0,), (1,), (), (5,), (5,), (), (), (), ()),
    related=((),) * 12,
    groups=tuple((f"own-{s}",) for s in range(8)) + (("big",), ("big",), ("big",), ("own-11",)),
    reuse_level=("",) * 5 + ("transversal",) + ("",) * 6)
CREDITS = RelationCredits(sibling=0.4, fanout=2, narrower_2=0.5, broader_2=0.3, transversal=0.5,
                          group_fanout=1)


def scorer(credits: RelationCredits = CREDITS, occupations=()) -> PairScorer:
    relations = SkillRelations(TAXONOMY, credits, occupations)
    return PairScorer(relations, ScoringWeights(credits=credits), np.ones(relations.n_skills))


def test_idf_weights_by_hand():
    weights = idf_weights(np.array([0, 1, 3]), 3, 1.0)
    assert weights == pytest.approx([math.log(8), math.log(8 / 3), math.log(8 / 7)])
    assert idf_weights(np.array([0, 1]), 3, 2.0) == pytest.approx([math.log(8) ** 2, math.log(8 / 3) ** 2])
    damped = idf_weights(np.array([0, 0]), 3, 1.0, np.array([True, False]), 0.5)
    assert damped == pytest.approx([0.5 * math.log(8), math.log(8)])


def test_engine_with_idf_rarity_damps_transversal_skills():
    weights = ScoringWeights(rarity="idf", rarity_strength=1.0, transversal=0.5, credits=CREDITS)
    engine = MatchingEngine(TAXONOMY, weights)
    engine.load([profile({5: 3}, "a"), profile({11: 3}, "b")], [])
    # both held by one of two people: ln(1 + 1.5 / 1.5) = ln 2, the transversal one halved
    assert engine.rarity[[5, 11]] == pytest.approx([0.5 * math.log(2), math.log(2)])
    assert engine.rarity[0] == pytest.approx(math.log(1 + 2.5 / 0.5))


@pytest.mark.parametrize("required, held, credit, via, link", [
    (1, 2, 0.4 * math.sqrt(2 / 3), "sibling", 0),  # three children of 0: scaled by sqrt(fanout 2 / 3)
    (6, 7, 0.4 * 0.5, "sibling", 5),  # two children of a transversal parent: halved
    (0, 4, 0.5, "narrower-2", 1),
    (4, 0, 0.3, "broader-2", 1),
    (8, 9, 0.25 * math.sqrt(1 / 3), "same-group", None),  # a group of three, group_fanout 1
])
def test_credit_through_the_hierarchy_names_its_link(required, held, credit, via, link):
    explanation = scorer().explain(need(RequiredSkill(required)), profile({held: 3}))
    match = explanation.matches[0]
    assert (match.credit, match.matched_skill, match.via, match.link) == (pytest.approx(credit), held, via, link)


def test_cousins_and_crowded_parents_earn_nothing():
    assert scorer().score(need(RequiredSkill(2)), profile({4: 3})) is None  # 4 is under 1, a sibling of 2
    crowded = RelationCredits(sibling=0.4, max_children=2)
    assert scorer(crowded).score(need(RequiredSkill(1)), profile({2: 3})) is None


def test_skills_that_occupations_ask_for_together():
    # 8 with 9 in two of three occupations: cosine 2 / sqrt(3 * 2); 10 with 8 only once: no link
    occupations = [(8, 9), (8, 9, 10), (8, 11)]
    credits = RelationCredits(co_occupation=0.6, same_group=0.0)
    explanation = scorer(credits, occupations).explain(need(RequiredSkill(8)), profile({9: 3}))
    match = explanation.matches[0]
    assert (match.credit, match.via) == (pytest.approx(0.6 * 2 / math.sqrt(6)), "co-occupation")
    assert scorer(credits, occupations).score(need(RequiredSkill(10)), profile({8: 3})) is None


def test_vectorised_engine_equals_the_per_pair_scorer_with_every_credit():
    weights = ScoringWeights(rarity="idf", credits=RelationCredits(
        sibling=0.4, fanout=2, narrower_2=0.5, broader_2=0.3, co_occupation=0.6, group_fanout=1),
        focus=0.5, focus_prior=2.0)
    occupations = [(8, 9), (8, 9, 10), (1, 6)]
    people = [profile({s: 1 + s % 5, (s + 3) % 12: 2}, f"p{s}") for s in range(12)]
    engine = MatchingEngine(TAXONOMY, weights, k=12, occupations=occupations)
    needs = [need(RequiredSkill(r, level=2), RequiredSkill((r + 5) % 12, essential=False), need_id=f"n{r}")
             for r in range(12)]
    engine.load(people, needs)
    for n in needs:
        for s in engine.suggestions(n.id):
            expected = engine.scorer.score(n, next(p for p in people if p.id == s.profile_id))
            assert s.score == pytest.approx(expected)
        assert len(engine.suggestions(n.id)) == sum(engine.scorer.score(n, p) is not None for p in people)
    for p in people:  # one profile against every need (the incremental path), with the focus factor
        scores, ok = engine.needs.score_profile(p, weights.preferences)
        for n in needs:
            expected = engine.scorer.score(n, p)
            row = engine.needs.row_of[n.id]
            assert bool(ok[row]) == (expected is not None)
            if expected is not None:
                assert scores[row] == pytest.approx(expected)
