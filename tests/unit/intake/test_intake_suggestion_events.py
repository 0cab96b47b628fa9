"""Matching's suggestions about intake's clients: kept, refreshed in place while open, withdrawn."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from services.intake.db import suggestions
from services.intake.subscribers.suggestions import HANDLERS
from shared.events.envelope import new_event
from tests.support.factories import manager


def deliver(runtime, type_: str, payload: dict) -> None:
    with runtime.work() as work:
        HANDLERS[type_](work, new_event(type_, payload, organisation="verkosto", service="matching"))


def stored(runtime, suggestion_id: str):
    with runtime.db.session() as session:
        return session.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).one()


def suggestion(client_id: str, score: float, missing: list[str]) -> dict:
    return {"suggestion_id": str(uuid.uuid4()), "client_id": client_id, "organisation": "sataedu",
            "target_kind": "need", "target_id": str(uuid.uuid4()), "environment_id": None, "score": score,
            "rank": 1, "explanation": {"score": score, "missing_essential": missing}}


def test_a_refreshed_suggestion_replaces_the_score_and_explanation_of_the_open_one(runtime, register):
    client = register(manager("sataedu"))
    made = suggestion(client.id, 0.237, ["hitsaus"])
    deliver(runtime, "matching.suggestion.made", made)
    deliver(runtime, "matching.suggestion.refreshed", {**made, "score": 0.9,
                                                       "explanation": {"score": 0.9, "missing_essential": []}})
    row = stored(runtime, made["suggestion_id"])
    assert (row.status, row.score, row.explanation["missing_essential"]) == ("new", 900, [])


def test_a_withdrawn_suggestion_is_not_refreshed(runtime, register):
    client = register(manager("sataedu"))
    made = suggestion(client.id, 0.5, [])
    deliver(runtime, "matching.suggestion.made", made)
    deliver(runtime, "matching.suggestion.withdrawn", {**made, "reason": "no_longer_eligible"})
    deliver(runtime, "matching.suggestion.refreshed", {**made, "score": 0.9})
    row = stored(runtime, made["suggestion_id"])
    assert (row.status, row.score) == ("withdrawn", 500)
