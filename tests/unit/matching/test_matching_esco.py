"""The engine on the real ESCO taxonomy (13,896 skills) agrees with the per-pair scorer."""
from __future__ import annotations

import pytest

from services.matching.domain import CompetenceNeed, MatchingEngine, Profile, RequiredSkill
from services.matching.domain.synthetic import SyntheticPopulation
from shared.reference import esco


@pytest.fixture(scope="module")
def taxonomy():
    return esco.load_taxonomy()


def test_esco_relations_give_credit_through_the_hierarchy(taxonomy):
    child = next(i for i, broader in enumerate(taxonomy.broader) if broader)
    parent = taxonomy.broader[child][0]
    engine = MatchingEngine(taxonomy)
    engine.load([Profile("p", {child: 3})], [CompetenceNeed("n", (RequiredSkill(parent),))])
    [suggestion] = engine.suggestions("n")
    match = suggestion.explanation.matches[0]
    assert (match.skill, match.matched_skill, match.via) == (parent, child, "narrower")
    assert engine.relations.n_skills == len(taxonomy.uris) == 13_896


def test_engine_equals_per_pair_scorer_on_esco(taxonomy):
    occupations = [(o.essential, o.optional) for o in esco.occupations()]
    synthetic = SyntheticPopulation(len(taxonomy.uris), seed=1, occupations=occupations)
    profiles, needs = synthetic.profiles(400), synthetic.needs(15)
    engine = MatchingEngine(taxonomy, k=10)
    engine.load(profiles, needs)
    for need in needs:
        reference = {p.id: s for p in profiles if (s := engine.scorer.score(need, p)) is not None}
        assert engine.scores(need) == pytest.approx(reference, abs=1e-12)
        expected = sorted(reference, key=lambda pid: (-reference[pid], pid))[:10]
        assert [s.profile_id for s in engine.suggestions(need.id, explain=False)] == expected


def test_a_profile_of_more_than_64_skills_is_scored_against_every_need_as_by_the_per_pair_scorer(taxonomy):
    occupations = [(o.essential, o.optional) for o in esco.occupations()]
    synthetic = SyntheticPopulation(len(taxonomy.uris), seed=2, occupations=occupations)
    needs = synthetic.needs(20)
    held = sorted({r.skill for n in needs for r in n.skills})[:40] + list(range(1000, 1060))
    many = Profile("many", {s: 1 + s % 5 for s in held})
    engine = MatchingEngine(taxonomy, k=10)
    engine.load([many], needs)
    scores, ok = engine.needs.score_profile(many, engine.weights.preferences)
    for need in needs:
        expected = engine.scorer.score(need, many)
        row = engine.needs.row_of[need.id]
        assert bool(ok[row]) == (expected is not None)
        if expected is not None:
            assert scores[row] == pytest.approx(expected, abs=1e-12)
    assert len(many.skills) > 64 and engine.scorer.focus(needs[0], many).bearing > 0
