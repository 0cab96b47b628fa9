"""Intake's path and referral handlers on SQLite: steps with their history, referrals and their events."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from services.intake.db import path_steps, referrals
from services.intake.handlers import catalogue, consents, path
from services.intake.handlers import referrals as referral_handlers
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.support.factories import manager, outbox, student

STEP = {"kind": "visit_company", "title": "  Visit the workshop ", "owner": "client"}


# --- path steps ------------------------------------------------------------------------------------------
def plan(runtime, principal, client_id, **data):
    with runtime.work() as work:
        return path.add_step(work, principal, client_id, {**STEP, **data})


def change(runtime, principal, client_id, step_id, **changes):
    with runtime.work() as work:
        return path.change_step(work, principal, client_id, step_id, changes)


def history(runtime, principal, client_id, step_id):
    with runtime.work() as work:
        return path.step_history(work, principal, client_id, step_id)


def test_a_planned_step_is_stored_with_its_creation_in_the_history(runtime, register):
    client = register()
    principal = manager()
    step_id = plan(runtime, principal, client.id)
    with runtime.db.session() as session:
        row = session.execute(select(path_steps).where(path_steps.c.id == step_id)).first()
    assert (row.client_id, row.title, row.status, row.created_by) == (client.id, "Visit the workshop", "planned",
                                                                      principal.user_id)
    [created] = history(runtime, principal, client.id, step_id)
    assert created["actor"] == principal.user_id and created["actor_role"] == "manager"
    assert created["change"]["title"] == [None, "Visit the workshop"]


def test_each_change_of_a_step_is_kept_and_an_unchanged_value_is_not(runtime, register):
    client = register()
    step_id = plan(runtime, manager(), client.id)
    changed = change(runtime, manager(), client.id, step_id, status="in_progress", title="Visit the workshop")
    assert changed["status"] == "in_progress"
    entries = history(runtime, manager(), client.id, step_id)
    assert len(entries) == 2 and entries[-1]["change"] == {"status": ["planned", "in_progress"]}


def test_a_student_may_only_mark_their_own_step_done(runtime, register):
    client = register()
    own = student(client.id)
    step_id = plan(runtime, manager(), client.id)
    with pytest.raises(Forbidden):
        change(runtime, own, client.id, step_id, title="Something else")
    assert change(runtime, own, client.id, step_id, status="done")["status"] == "done"
    assert history(runtime, own, client.id, step_id)[-1]["actor_role"] == "student"


def test_a_step_towards_a_goal_of_someone_else_or_of_an_unseen_client_is_refused(runtime, register):
    client, other = register(), register()
    with runtime.work() as work:
        goal_id = path.add_goal(work, manager(), other.id, {"kind": "education", "title": "Welder"})
    with pytest.raises(Invalid) as refused:
        plan(runtime, manager(), client.id, goal_id=goal_id)
    assert "goal_id" in refused.value.fields
    with pytest.raises(NotFound):
        plan(runtime, manager("samk"), client.id)
    with runtime.db.session() as session:
        assert session.execute(select(path_steps.c.id).where(path_steps.c.client_id == client.id)).all() == []


# --- referrals -------------------------------------------------------------------------------------------
@pytest.fixture
def samk_service(runtime):
    with runtime.work() as work:
        return catalogue.save_service(work, manager("samk"), {"name": "Työpaja", "description": None,
                                                              "target_group": None, "service_area": None,
                                                              "active": True})


def refer(runtime, principal, client_id, **data):
    body = {"client_id": client_id, "to_organisation": "samk", "service_id": None, "note": None,
            "client_agreed": True, **data}
    with runtime.work() as work:
        return referral_handlers.refer(work, principal, body)


def test_a_referral_is_stored_and_announced_and_its_note_goes_to_the_receiver_alone(runtime, register, samk_service):
    client = register()
    sent = refer(runtime, manager(), client.id, service_id=samk_service, note=" Needs a quiet place ")
    assert (sent["status"], sent["direction"], sent["service_name"]) == ("sent", "out", "Työpaja")
    with runtime.db.session() as session:
        row = session.execute(select(referrals).where(referrals.c.id == sent["id"])).first()
    assert (row.client_id, row.to_organisation, row.note) == (client.id, "samk", "Needs a quiet place")
    announced = [e for e in outbox(runtime) if e["type"] == "intake.referral.sent"]
    assert announced[0]["payload"] == {"client_id": client.id, "referral_id": sent["id"], "to_organisation": "samk",
                                       "service_id": samk_service, "reference": row.reference, "has_note": True}
    [note] = [e for e in outbox(runtime) if e["type"] == "intake.referral_note.shared"]
    assert note["payload"] == {"referral_id": sent["id"], "note": "Needs a quiet place"}
    assert note["recipient"] == {"organisation": "samk"}


@pytest.mark.bases(guidance="consent")
def test_a_referral_is_refused_without_agreement_consent_or_a_known_receiver(runtime, register, samk_service):
    client = register()
    with pytest.raises(Invalid) as not_agreed:
        refer(runtime, manager(), client.id, client_agreed=False)
    assert "client_agreed" in not_agreed.value.fields
    with pytest.raises(Invalid) as own:
        refer(runtime, manager(), client.id, to_organisation="sataedu")
    assert "to_organisation" in own.value.fields
    with pytest.raises(Invalid) as unknown:
        refer(runtime, manager(), client.id, to_organisation="nobody")
    assert "to_organisation" in unknown.value.fields
    with runtime.work() as work:
        consents.decide(work, manager(), client.id, "service", False, why="consent_decision")
    with pytest.raises(Conflict) as no_consent:
        refer(runtime, manager(), client.id)
    assert no_consent.value.code == "consent_required" and "client_id" in no_consent.value.fields
    with runtime.db.session() as session:
        assert session.execute(select(referrals.c.id)).all() == []


def test_the_receiver_accepts_and_an_illegal_move_is_a_conflict(runtime, register, samk_service):
    sent = refer(runtime, manager(), register().id)
    receiver = manager("samk")
    with pytest.raises(NotFound), runtime.work() as work:
        referral_handlers.decide(work, manager("pori"), sent["id"], "accept")
    with runtime.work() as work:
        accepted = referral_handlers.decide(work, receiver, sent["id"], "accept")
    assert (accepted["status"], accepted["direction"], accepted["client_id"]) == ("accepted", "in", None)
    assert outbox(runtime)[-1]["type"] == "intake.referral.updated"
    with pytest.raises(Conflict) as illegal, runtime.work() as work:
        referral_handlers.decide(work, receiver, sent["id"], "decline")
    assert illegal.value.fields == {"status": ["accepted"]}
