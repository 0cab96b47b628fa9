"""The suggestions list's and the candidates' hand-built answer (`suggestion_out`) is what SuggestionOut dumps of the
same labelled suggestion (`explanations.labelled`'s form: the stored explanation with labels and texts)."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.matching.api.schemas import CandidatesOut, SuggestionOut, SuggestionPage, suggestion_out

SKILL = {"uri": "s/ten", "label": "rust", "essential": True, "required_level": 1, "weight": 1, "credit": 0.4,
         "held_uri": "s/eleven", "held_label": "go", "held_level": 3, "via": "sibling", "link_uri": "s/twelve",
         "via_text": "has a skill under the same broader skill", "link_text": "both are under programming"}
UNMATCHED = {**SKILL, "held_uri": None, "held_label": None, "held_level": None, "via": None, "link_uri": None,
             "via_text": "", "link_text": "", "credit": 0}
EXPLANATION = {"score": 0.5, "parts": {"essential": 0.4, "nice_to_have": 0, "preferences": 0.1},
               "skills": [SKILL, UNMATCHED], "matched": [SKILL], "partly_covered": [SKILL],
               "missing_essential": [{"uri": "s/one", "label": "welding"}],
               "learning_gaps": [{"uri": "s/one", "label": "welding", "essential": True, "target_level": 3,
                                  "current_level": None, "reason": "missing", "reason_text": "missing"},
                                 {"uri": "s/two", "label": "c", "essential": False, "target_level": 2,
                                  "current_level": 1, "reason": "level", "reason_text": "below the level asked for"}],
               "constraints": [{"name": "hours", "hard": True, "ok": False, "detail": "10 < 20",
                                "text": "Offers too few hours a week"}],
               "focus": {"listed": 14, "bearing": 9, "factor": 0.85}}
# a suggestion stored before some keys existed: what it lacks is left out, as marshmallow leaves it out
OLD = {"score": 1, "parts": {"essential": 1}, "skills": [{k: v for k, v in SKILL.items()
                                                          if k not in ("link_uri", "link_text", "held_level")}],
       "missing_essential": [], "constraints": []}


def item(**overrides) -> dict:
    made = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    values = {"id": uuid.uuid4(), "client_id": str(uuid.uuid4()), "organisation": "sataedu", "target_kind": "need",
              "target_id": str(uuid.uuid4()), "environment_id": None, "target_title": "Hitsaaja",
              "target_owner": "Konepaja Virtanen Oy", "score": 0.5, "rank": 1, "status": "new", "made_at": made,
              "decided_at": None, "withdrawn_reason": None, "explanation": EXPLANATION, "origin": "engine",
              "student_answer": None, "student_reason": None, "answered_at": None,
              "introduction_requested_at": None}
    values.update(overrides)
    return values


ITEMS = {
    "new, for a need, optional fields empty": item(),
    "decided, for a role, every field": item(
        target_kind="role", environment_id=str(uuid.uuid4()), status="withdrawn", score=1, rank=3,
        decided_at=datetime(2026, 12, 2, 9, 0), withdrawn_reason="profile changed", origin="student",
        student_answer="interested", student_reason="Haluan oppia", answered_at=datetime(2026, 12, 2, tzinfo=UTC),
        introduction_requested_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
    "an old explanation, no title": item(explanation=OLD, target_title=None, target_owner=None),
    "no explanation": item(explanation=None),
}


def test_suggestion_out_is_what_the_schema_dumps_for_every_kind_of_suggestion():
    for name, each in ITEMS.items():
        assert suggestion_out(each) == SuggestionOut().dump(each), name


def test_the_pages_around_them_are_the_schemas_too():
    items = list(ITEMS.values())
    page = {"items": items, "total": 41, "page": 2, "per_page": 4}
    assert {**page, "items": [suggestion_out(i) for i in items]} == SuggestionPage().dump(page)
    candidates = {"target_kind": "need", "target_id": str(uuid.uuid4()), "title": None, "network_suggested": 7,
                  "items": items}
    assert {**candidates, "items": [suggestion_out(i) for i in items]} == CandidatesOut().dump(candidates)


def test_the_cases_cover_what_the_answer_can_hold():
    dumped = {name: SuggestionOut().dump(each) for name, each in ITEMS.items()}
    new = dumped["new, for a need, optional fields empty"]
    assert new["explanation"]["skills"][0]["weight"] == 1.0 and isinstance(new["explanation"]["skills"][0]["weight"],
                                                                           float)
    assert "matched" not in new["explanation"] and "focus" not in new["explanation"]
    assert "reason_text" not in new["explanation"]["learning_gaps"][0]
    assert new["decided_at"] is None and new["made_at"] == "2026-12-01T08:30:00+00:00"
    decided = dumped["decided, for a role, every field"]
    assert decided["decided_at"] == "2026-12-02T09:00:00+00:00" and decided["score"] == 1.0
    old = dumped["an old explanation, no title"]["explanation"]
    assert "link_uri" not in old["skills"][0] and "learning_gaps" not in old
    assert dumped["no explanation"]["explanation"] is None
