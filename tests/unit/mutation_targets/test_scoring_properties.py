"""Scoring, generated (Hypothesis): invariant to name, gender, age and organisation, eligible exactly when
every hard constraint holds and some skill fits, and explained with the same score it ranks by (issue 22)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.matching.domain import CompetenceNeed, Profile, RequiredSkill, ScoringWeights
from services.matching.domain.constraints import hard_constraints
from services.matching.domain.model import profile_from_record
from services.matching.domain.scoring import combine, rarity_weights, requirement_weights
from tests.unit.matching.test_matching_scoring import TAXONOMY, scorer

PROPERTIES = settings(max_examples=80, deadline=None, derandomize=True)
SKILLS = st.integers(0, 9)
LEVELS = st.integers(1, 5)

required = st.lists(st.builds(RequiredSkill, SKILLS, st.booleans(), LEVELS), min_size=1, max_size=4,
                    unique_by=lambda r: r.skill)
needs = st.builds(lambda skills, langs, hours, licence: CompetenceNeed(
    "n", tuple(skills), languages=frozenset(langs), hours_per_week=hours, driving_licence=licence),
    required, st.sets(st.sampled_from(["fi", "sv", "en"]), max_size=1), st.sampled_from([None, 10, 30]),
    st.booleans())
profiles = st.builds(lambda skills, langs, hours, licence: Profile(
    "p", skills, hours_per_week=hours, languages=frozenset(langs), driving_licence=licence),
    st.dictionaries(SKILLS, LEVELS, max_size=4), st.sets(st.sampled_from(["fi", "sv", "en"]), min_size=1),
    st.sampled_from([5, 20, 40]), st.booleans())
protected = st.fixed_dictionaries({"name": st.text(max_size=12), "gender": st.sampled_from(["female", "male", "x"]),
                                   "age": st.integers(15, 70), "organisation": st.sampled_from(["samk", "sakky"])})


@PROPERTIES
@given(needs, profiles, protected, protected, st.text(min_size=1, max_size=8))
def test_the_score_ignores_name_gender_age_organisation_and_id(need, profile, one, other, new_id):
    record = {f.name: getattr(profile, f.name) for f in dataclasses.fields(profile) if f.name != "id"}
    first = profile_from_record("p", {**record, **one})
    second = profile_from_record(new_id, {**record, **other})
    s = scorer()
    assert s.score(need, first) == s.score(need, second)
    assert s.explain(need, first).score == s.explain(need, second).score


@PROPERTIES
@given(needs, profiles)
def test_a_pair_is_eligible_exactly_when_every_hard_constraint_holds_and_a_skill_fits(need, profile):
    s = scorer()
    explanation = s.explain(need, profile)
    holds = all(note.ok for note in hard_constraints(need, profile))
    assert explanation.eligible == (holds and explanation.score > 0)
    score = s.score(need, profile)
    assert (score is not None) == explanation.eligible
    if score is not None:
        assert score == pytest.approx(explanation.score)
        parts = explanation.parts
        assert sum(dataclasses.astuple(parts)) == pytest.approx(explanation.score)
    assert 0.0 <= explanation.score <= 1.0


def test_one_failing_hard_constraint_makes_a_fitting_pair_ineligible():
    need = CompetenceNeed("n", (RequiredSkill(8),), languages=frozenset({"sv"}), hours_per_week=10)
    fits_but_no_swedish = Profile("p", {8: 3}, hours_per_week=20, languages=frozenset({"fi"}))
    explanation = scorer().explain(need, fits_but_no_swedish)
    assert explanation.score == pytest.approx(1.0) and not explanation.eligible
    assert scorer().score(need, fits_but_no_swedish) is None


def test_requirement_weights_rarity_and_combination():
    rarity = np.array([1.0, 2.0, 4.0])
    weights = ScoringWeights(essential=1.0, nice_to_have=0.5)
    need = CompetenceNeed("n", (RequiredSkill(0, True), RequiredSkill(1, False), RequiredSkill(2, True)))
    assert requirement_weights(need, rarity, weights) == pytest.approx((1 / 6, 1 / 6, 4 / 6))
    assert rarity_weights(np.array([0, 9]), 9, 1.0) == pytest.approx([1 + np.log(10), 1.0])
    assert rarity_weights(np.array([0, 9]), 9, 0.0) == pytest.approx([1.0, 1.0])
    assert rarity_weights(np.array([1]), 3, 0.5) == pytest.approx([np.sqrt(1 + np.log(2))])
    assert combine(0.5, None, 0.2) == 0.5 and combine(0.5, 1.0, 0.2) == pytest.approx(0.6)
    assert combine(1.0, 1.0 + 1e-9, 0.5) == 1.0


def test_the_credit_of_a_level_shortfall_and_of_a_group():
    s = scorer()
    profile = Profile("p", {7: 2, 1: 5}, hours_per_week=20, languages=frozenset({"fi"}))
    assert s.credit(6, 4, profile) == (pytest.approx(0.25 * 0.5), 7, "same-group", 2)
    assert s.credit(0, 5, profile) == (pytest.approx(0.8), 1, "narrower", 5)
    assert s.credit(9, 1, profile) == (0.0, None, None, None)
    assert TAXONOMY.groups[6] == ("care",)


def test_an_explanation_names_the_pair_each_match_and_its_parts():
    from services.matching.domain.explanation import ScoreParts, SkillMatch

    need = CompetenceNeed("need-7", (RequiredSkill(8, True, 4), RequiredSkill(9, False, 2)),
                          preferred_languages=frozenset({"sv"}))
    profile = Profile("prof-3", {8: 2, 9: 5}, hours_per_week=20, languages=frozenset({"fi"}))
    explanation = scorer().explain(need, profile)
    share = ScoringWeights().preferences
    w8, w9 = 1.0 / 1.35, 0.35 / 1.35
    assert (explanation.need_id, explanation.profile_id) == ("need-7", "prof-3")
    assert explanation.matches == (SkillMatch(8, True, 4, pytest.approx(w8), 0.5, 8, "exact", 2),
                                   SkillMatch(9, False, 2, pytest.approx(w9), 1.0, 9, "exact", 5))
    assert explanation.parts == ScoreParts(pytest.approx((1 - share) * w8 * 0.5), pytest.approx((1 - share) * w9),
                                           0.0)
    assert explanation.score == pytest.approx((1 - share) * (w8 * 0.5 + w9))


def test_of_equally_good_held_skills_the_first_is_named():
    from services.matching.domain.relations import SkillRelations
    from services.matching.domain.scoring import PairScorer
    from services.matching.domain.synthetic import SyntheticTaxonomy

    flat = ScoringWeights(rarity_strength=0.0)
    same_group = SyntheticTaxonomy(broader=((), (), ()), related=((), (), ()), groups=(("g",), ("g",), ("g",)),
                                   occupations=())
    relations = SkillRelations(same_group, flat.credits)
    group_scorer = PairScorer(relations, flat, np.ones(3))
    held = Profile("p", {1: 3, 2: 3}, hours_per_week=20, languages=frozenset({"fi"}))
    assert group_scorer.credit(0, 3, held)[1:] == (1, "same-group", 3)
    narrower = Profile("p", {1: 3, 2: 3}, hours_per_week=20, languages=frozenset({"fi"}))
    assert scorer().credit(0, 3, narrower)[1:] == (1, "narrower", 3)  # python and java: python, listed first
