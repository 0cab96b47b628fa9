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


# Partly covered: 0 and 1 are siblings under 2 (its only narrower skills); 3 and 4 share the group "lab".
SIBLINGS = SyntheticTaxonomy(
    broader=((2,), (2,), (), (), ()), related=((),) * 5, groups=(("x",), ("y",), ("z",), ("lab",), ("lab",)),
    occupations=())
URIS = ("s/ten", "s/eleven", "s/twelve", "s/thirteen", "s/fourteen")


def test_an_essential_skill_covered_only_by_a_related_one_is_partly_covered():
    engine = MatchingEngine(SIBLINGS)
    need = CompetenceNeed("need-2", (RequiredSkill(0, True, 1), RequiredSkill(3, True, 1), RequiredSkill(2, True, 1)))
    engine.load([Profile("client-9", {1: 3, 4: 3})], [need])
    explanation = engine.explain("need-2", "client-9")
    partly = {m.skill: (m.matched_skill, m.via, m.link, m.link_group) for m in explanation.partly_covered}
    # 0 by its sibling 1 under 2; 3 by 4 of the same group; 2 by its narrower skill 1, which covers it in full
    assert partly == {0: (1, "sibling", 2, None), 3: (4, "same-group", None, "lab")}
    assert explanation.missing_essential == ()
    payload = explanation.as_payload(URIS)
    assert [(s["uri"], s["via"], s["link_uri"]) for s in payload["skills"]] == [
        ("s/ten", "sibling", "s/twelve"), ("s/thirteen", "same-group", "lab"), ("s/twelve", "narrower", None)]


class _Labels:
    """The part of a taxonomy `readable` reads, with labels by hand (12 shares its label with another skill)."""

    index = {uri: i for i, uri in enumerate(URIS)}

    def label(self, i: int, lang: str) -> str:
        return ("rust", "go", "programming", "assay", "titration")[i]

    def shown(self, i: int, lang: str) -> str:
        return self.label(i, lang) + (" (computing)" if i == 2 else "")


def test_the_page_names_the_related_skill_and_the_linking_concept():
    from services.matching.handlers.explanations import readable

    engine = MatchingEngine(SIBLINGS)
    need = CompetenceNeed("need-2", (RequiredSkill(0, True, 1), RequiredSkill(2, False, 1)))
    engine.load([Profile("client-9", {1: 3})], [need])
    shown = readable(engine.explain("need-2", "client-9").as_payload(URIS), _Labels(), "en")
    [partly] = shown["partly_covered"]
    assert (partly["label"], partly["held_label"]) == ("rust", "go")
    assert partly["link_text"] == "both are under the broader skill programming (computing)"
    assert [s["link_text"] for s in shown["matched"]] == [  # every matched skill says what links it
        "both are under the broader skill programming (computing)", "ESCO places the held skill directly under it"]


def test_no_availability_note_when_neither_side_gave_dates():
    engine = MatchingEngine(TAXONOMY)
    undated = CompetenceNeed("need-3", (RequiredSkill(8, True, 1),))
    engine.load([Profile("client-1", {8: 3})], [undated])
    assert [c.name for c in engine.explain("need-3", "client-1").constraints] == []
    dated = Profile("client-1", {8: 3}, available=Period(date(2025, 1, 1), date(2025, 2, 1)))
    engine.upsert_profile(dated)
    [note] = engine.explain("need-3", "client-1").constraints
    assert (note.name, note.ok) == ("dates", True)
