"""Explanations name the matched and missing skills, the constraints and the learning gaps."""
from __future__ import annotations

from datetime import date

import pytest

from services.matching.domain import CompetenceNeed, MatchingEngine, Period, Profile, RequiredSkill
from services.matching.domain.synthetic import SyntheticTaxonomy

# 0 programming, 1 python < 0, 2 java < 0 (ict); 3 sql ~ 4 databases (db); 6 nursing; 8 welding.
TAXONOMY = SyntheticTaxonomy(
    broader=((), (0,), (0,), (), (), (), (), (), (), ()),
    related=((), (), (), ((4, "essential"),), ((3, "essential"),), (), (), (), (), ()),
    groups=(("ict",), ("ict",), ("ict",), ("db",), ("db",), ("office",), ("care",), ("care",), ("metal",),
            ("logistics",)),
    occupations=())
NEED = CompetenceNeed("need-1", (RequiredSkill(0, True, 3), RequiredSkill(3, True, 2), RequiredSkill(8, True, 2),
                                 RequiredSkill(2, False, 4)),
                      languages=frozenset({"fi"}), period=Period(date(2025, 3, 1), date(2025, 5, 31)),
                      preferred_fields=frozenset({"06"}))
PROFILE = Profile("client-7", {1: 4, 4: 2, 2: 2}, hours_per_week=20, languages=frozenset({"fi", "en"}),
                  available=Period(date(2025, 1, 1)), field_of_education="06")


@pytest.fixture
def engine() -> MatchingEngine:
    engine = MatchingEngine(TAXONOMY)
    engine.load([PROFILE, Profile("client-8", {6: 3}, languages=frozenset({"fi"}))], [NEED])
    return engine


def test_explanation_names_matched_skills_and_how(engine):
    [suggestion] = engine.suggestions("need-1")
    explanation = suggestion.explanation
    assert suggestion.profile_id == "client-7" and explanation.eligible
    matched = {m.skill: (m.matched_skill, m.via, m.held_level) for m in explanation.matched}
    assert matched == {0: (1, "narrower", 4), 3: (4, "related-essential", 2), 2: (2, "exact", 2)}
    assert explanation.missing_essential == (8,)
    assert explanation.score == pytest.approx(suggestion.score)
    assert explanation.parts.total == pytest.approx(explanation.score)
    assert explanation.parts.essential > explanation.parts.nice_to_have > 0
    assert sum(m.weight for m in explanation.matches) == pytest.approx(1.0)


def test_constraint_notes_say_what_held(engine):
    notes = {c.name: c for c in engine.explain("need-1", "client-7").constraints}
    assert notes["languages"].hard and notes["languages"].ok and "fi" in notes["languages"].detail
    assert notes["dates"].ok and notes["field"].ok and not notes["field"].hard
    assert notes["coverage"].ok


def test_learning_gaps_propose_missing_and_weak_skills_essential_first(engine):
    gaps = engine.explain("need-1", "client-7").learning_gaps
    assert [(g.skill, g.reason) for g in gaps] == [(8, "missing"), (3, "related-only"), (2, "level")]
    assert gaps[0].essential and gaps[0].target_level == 2 and gaps[0].current_level is None
    assert gaps[2].current_level == 2 and gaps[2].target_level == 4


def test_explanation_of_an_ineligible_pair_says_why(engine):
    explanation = engine.explain("need-1", "client-8")
    assert not explanation.eligible and explanation.matched == ()
    assert explanation.missing_essential == (0, 3, 8)
