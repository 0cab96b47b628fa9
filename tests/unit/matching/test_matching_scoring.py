"""Scoring rules: essential vs nice-to-have, levels, related skills, rarity, constraints."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from services.matching.domain import CompetenceNeed, MatchingEngine, Period, Profile, RequiredSkill, ScoringWeights
from services.matching.domain.relations import SkillRelations
from services.matching.domain.scoring import PairScorer
from services.matching.domain.synthetic import SyntheticPopulation, SyntheticTaxonomy, synthetic_taxonomy
from tests.support.factories import need, profile

# 0 programming, 1 python < 0, 2 java < 0 (group ict); 3 sql, 4 databases (db); 5 spreadsheets (office);
# 6 nursing, 7 first aid (care); 8 welding (metal); 9 forklift (logistics).
TAXONOMY = SyntheticTaxonomy(
    broader=((), (0,), (0,), (), (), (), (), (), (), ()),
    related=((), (), (), ((4, "essential"), (5, "optional")), ((3, "essential"),), ((3, "optional"),),
             (), (), (), ()),
    groups=(("ict",), ("ict",), ("ict",), ("db",), ("db",), ("office",), ("care",), ("care",), ("metal",),
            ("logistics",)),
    occupations=())
FLAT = ScoringWeights(rarity_strength=0.0)


def scorer(weights: ScoringWeights = FLAT, rarity=None) -> PairScorer:
    relations = SkillRelations(TAXONOMY, weights.credits)
    return PairScorer(relations, weights, np.ones(relations.n_skills) if rarity is None else rarity)


def test_essential_skill_weighs_more_than_nice_to_have():
    n = need(RequiredSkill(8, essential=True), RequiredSkill(9, essential=False))
    has_essential, has_nice = scorer().score(n, profile({8: 3})), scorer().score(n, profile({9: 3}))
    assert has_essential == pytest.approx(1.0 / 1.35)
    assert has_nice == pytest.approx(0.35 / 1.35)
    assert scorer().score(n, profile({8: 3, 9: 3})) == pytest.approx(1.0)


@pytest.mark.parametrize("held, required, credit", [(2, 4, 0.5), (4, 4, 1.0), (5, 4, 1.0), (1, 5, 0.2)])
def test_level_shortfall_gives_partial_credit(held, required, credit):
    assert scorer().score(need(RequiredSkill(8, level=required)), profile({8: held})) == pytest.approx(credit)


@pytest.mark.parametrize("required, held, credit, via", [
    (0, 1, 0.8, "narrower"), (1, 0, 0.5, "broader"), (3, 4, 0.5, "related-essential"),
    (3, 5, 0.3, "related-optional"), (6, 7, 0.25, "same-group"), (1, 2, 0.25, "same-group")])
def test_related_skills_give_partial_credit(required, held, credit, via):
    explanation = scorer().explain(need(RequiredSkill(required)), profile({held: 3}))
    assert explanation.score == pytest.approx(credit)
    assert (explanation.matches[0].matched_skill, explanation.matches[0].via) == (held, via)


def test_related_credit_also_takes_the_level_into_account():
    assert scorer().score(need(RequiredSkill(0, level=4)), profile({1: 2})) == pytest.approx(0.8 * 0.5)


def test_best_held_skill_counts_once():
    assert scorer().score(need(RequiredSkill(0)), profile({0: 1, 1: 5})) == pytest.approx(1.0)
    assert scorer().score(need(RequiredSkill(0, level=5)), profile({0: 1, 1: 5})) == pytest.approx(0.8)


def test_unrelated_profile_is_not_eligible():
    assert scorer().score(need(RequiredSkill(8)), profile({9: 5})) is None


def test_rare_skill_weighs_more_than_common_one():
    holders = np.array([0, 0, 0, 0, 0, 0, 0, 0, 900, 3])  # welding common, forklift rare
    from services.matching.domain.scoring import rarity_weights
    s = scorer(ScoringWeights(), rarity_weights(holders, 1000, 0.5))
    n = need(RequiredSkill(8), RequiredSkill(9))
    assert s.score(n, profile({9: 3})) > 0.5 > s.score(n, profile({8: 3}))


def test_engine_takes_rarity_from_the_population():
    people = [profile({8: 3}, f"c{i}") for i in range(30)] + [profile({9: 3}, "rare"), profile({8: 3, 9: 1}, "x")]
    engine = MatchingEngine(TAXONOMY, k=3)
    engine.load(people, [need(RequiredSkill(8), RequiredSkill(9))])
    assert engine.rarity[9] > engine.rarity[8]
    assert [s.profile_id for s in engine.suggestions("n1")][:2] == ["x", "rare"]


BASE = profile({8: 3}, hours_per_week=20, available=Period(date(2025, 1, 1), date(2025, 12, 31)),
               work_types=frozenset({"part-time"}), areas=frozenset({"609"}),
               languages=frozenset({"fi", "en"}), driving_licence=False)


@pytest.mark.parametrize("constraint, holds, fails", [
    ("hours", dict(hours_per_week=20), dict(hours_per_week=25)),
    ("dates", dict(period=Period(date(2025, 12, 1), date(2026, 2, 1))), dict(period=Period(date(2026, 1, 1)))),
    ("work_type", dict(work_type="part-time"), dict(work_type="full-time")),
    ("area", dict(areas=frozenset({"609", "pohjois-satakunta"})), dict(areas=frozenset({"684"}))),
    ("languages", dict(languages=frozenset({"fi", "en"})), dict(languages=frozenset({"sv"}))),
    ("driving_licence", dict(driving_licence=False), dict(driving_licence=True)),
])
def test_hard_constraints_filter(constraint, holds, fails):
    engine = MatchingEngine(TAXONOMY)
    engine.load([BASE], [])
    ok, bad = need(RequiredSkill(8), **holds), need(RequiredSkill(8), **fails)
    assert scorer().score(ok, BASE) is not None and scorer().score(bad, BASE) is None
    assert [s.profile_id for s in engine.rank(ok)] == ["p1"] and engine.rank(bad) == []
    note = next(c for c in scorer().explain(bad, BASE).constraints if c.name == constraint)
    assert note.hard and not note.ok


def test_open_profile_sets_mean_no_restriction():
    open_profile = replace(BASE, work_types=frozenset(), areas=frozenset())
    assert scorer().score(need(RequiredSkill(8), work_type="thesis", areas=frozenset({"684"})), open_profile)


def test_soft_preferences_adjust_but_do_not_filter():
    n = need(RequiredSkill(8), preferred_fields=frozenset({"07"}), preferred_languages=frozenset({"en", "sv"}))
    preferred = scorer().explain(n, replace(BASE, field_of_education="07"))
    other = scorer().explain(n, replace(BASE, field_of_education="02"))
    assert preferred.score > other.score > 0
    assert preferred.parts.preferences == pytest.approx(0.15 * (1.0 + 0.5) / 2)
    assert preferred.parts.total == pytest.approx(preferred.score)


def test_partial_date_coverage_is_a_soft_preference():
    n = need(RequiredSkill(8), period=Period(date(2025, 12, 1), date(2026, 1, 30)))
    explanation = scorer().explain(n, BASE)
    assert explanation.eligible and explanation.parts.preferences == pytest.approx(0.15 * 31 / 61)


def test_vectorised_scores_equal_the_per_pair_scorer():
    taxonomy = synthetic_taxonomy(80, 8, seed=3)
    synthetic = SyntheticPopulation(80, seed=3, occupations=taxonomy.occupations)
    people, needs = synthetic.profiles(300, skills=6), synthetic.needs(25)
    engine = MatchingEngine(taxonomy, k=10)
    engine.load(people, needs)
    for n in needs:
        vectorised = engine.scores(n)
        reference = {p.id: s for p in people if (s := engine.scorer.score(n, p)) is not None}
        assert vectorised.keys() == reference.keys()
        assert all(vectorised[pid] == pytest.approx(s, abs=1e-12) for pid, s in reference.items())
        assert all(0.0 < s <= 1.0 for s in vectorised.values())
        expected = sorted(reference, key=lambda pid: (-reference[pid], pid))[:10]
        assert [s.profile_id for s in engine.suggestions(n.id)] == expected


def test_inputs_are_validated():
    with pytest.raises(ValueError):
        RequiredSkill(1, level=6)
    with pytest.raises(ValueError):
        Profile("p", {1: 0})
    with pytest.raises(ValueError):
        CompetenceNeed("n", (RequiredSkill(1), RequiredSkill(1, essential=False)))
    with pytest.raises(ValueError):
        MatchingEngine(TAXONOMY).upsert_profile(Profile("p", {99: 1}))


def test_focus_multiplies_the_skill_fit_by_the_share_of_listed_skills_that_bear_on_the_need():
    weights = replace(FLAT, focus=0.5, focus_prior=4.0)
    # python required; held: python (exact), java (same group ict), welding and forklift (nothing)
    explanation = scorer(weights).explain(need(RequiredSkill(1)), profile({1: 3, 2: 3, 8: 3, 9: 3}))
    factor = ((2 + 4) / (4 + 4)) ** 0.5
    assert (explanation.focus.listed, explanation.focus.bearing) == (4, 2)
    assert explanation.focus.factor == pytest.approx(factor)
    assert explanation.score == pytest.approx(factor)
    assert explanation.parts.essential == pytest.approx(factor) and explanation.parts.total == explanation.score
    assert explanation.as_payload([f"s{i}" for i in range(10)])["focus"] == {
        "listed": 4, "bearing": 2, "factor": round(factor, 6)}
    assert scorer(weights).score(need(RequiredSkill(1)), profile({1: 3, 2: 3})) == pytest.approx(1.0)
    assert scorer().explain(need(RequiredSkill(1)), profile({1: 3, 8: 3})).focus is None  # off: no factor
