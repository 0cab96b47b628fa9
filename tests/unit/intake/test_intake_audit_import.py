"""Intake's trail from before the shared audit store moves into it once, in codes where the sentence is known."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from services.intake.db import audit_log
from services.intake.handlers.audit_import import import_legacy
from tests.support.factories import audit_entries

AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
CLIENT = "0b4e8d8e-1111-4222-8333-444455556666"
ACTOR = "9a1c1d2e-aaaa-4bbb-8ccc-dddddddddddd"


def test_the_old_trail_is_imported_once_with_its_sentences_as_codes(runtime):
    with runtime.db.transaction() as session:
        session.execute(insert(audit_log), [
            dict(at=AT, actor=ACTOR, actor_organisation="sataedu", actor_role="manager", client_id=CLIENT,
                 action="read", what="client card", why="viewing the client card"),
            dict(at=AT, actor=None, actor_organisation="sataedu", actor_role=None, client_id=CLIENT,
                 action="anonymise", what="client record", why="retention time of 30 days after closing passed"),
            dict(at=AT, actor=ACTOR, actor_organisation="sataedu", actor_role="manager", client_id=CLIENT,
                 action="read", what="something new", why="a reason nobody coded")])
    assert import_legacy(runtime) == 3
    assert import_legacy(runtime) == 0  # the marker says how far it got
    entries = audit_entries(runtime, CLIENT)
    assert [(e["action"], e["object_type"], e["purpose"], e["actor"]) for e in entries] == [
        ("read", "client_card", "guidance", ACTOR), ("anonymise", "client_record", "retention", None),
        ("read", "legacy", "legacy", ACTOR)]
    assert entries[2]["detail"]["what"] == "something new"
    assert {e["at"].replace(tzinfo=UTC) for e in entries} == {AT}  # when it happened, not when it was imported
    assert runtime.audit.verify().ok
