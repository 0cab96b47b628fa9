"""Matching's read models and pushed suggestions, events in and out, on a small taxonomy."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from services.matching.db import decisions, profiles, suggestions
from services.matching.handlers import decisions as decide_module
from services.matching.handlers import suggestions as suggestion_logic
from services.matching.handlers.live import LiveEngine, engine_for, install
from services.matching.handlers.maintenance import rebuild
from shared.auth import Principal
from shared.errors import Conflict, Invalid, NotFound
from shared.events.envelope import utcnow
from tests.support.matching import deliver, event, need_payload, outbox, profile_payload, rows, small_taxonomy

TAXONOMY = small_taxonomy()
U = TAXONOMY.uris
MANAGER = Principal(user_id=str(uuid.uuid4()), username="m1", organisation="sataedu", roles=frozenset({"manager"}))


def share(runtime, skills, client_id=None, organisation="sataedu", **overrides) -> str:
    payload = profile_payload(client_id, skills, **overrides)
    [outcome] = deliver(runtime, event("intake.profile.shared", payload, organisation))
    assert outcome.status == "applied", outcome.error
    return payload["client_id"]


def publish(runtime, skills, need_id=None, **overrides) -> str:
    payload = need_payload(need_id, skills, **overrides)
    [outcome] = deliver(runtime, event("intake.need.published", payload))
    assert outcome.status == "applied", outcome.error
    return payload["need_id"]


def open_suggestions(runtime, **where):
    conditions = [suggestions.c.status == "new"] + [getattr(suggestions.c, k) == v for k, v in where.items()]
    return rows(runtime, suggestions, *conditions)


def test_a_new_need_is_suggested_with_an_explanation_to_the_clients_organisation(runtime):
    welder = share(runtime, {U[1]: 4, U[2]: 3}, organisation="samk")
    other = share(runtime, {U[5]: 2})
    need_id = publish(runtime, [(U[1], True, 3), (U[9], True, 2)])
    made = outbox(runtime, "matching.suggestion.made")
    assert [e["payload"]["client_id"] for e in made] == [welder]
    payload = made[0]["payload"]
    assert payload["organisation"] == "samk" and made[0]["source"]["organisation"] == "verkosto"
    assert (payload["target_kind"], payload["target_id"], payload["rank"]) == ("need", need_id, 1)
    explanation = payload["explanation"]
    assert explanation["missing_essential"] == [U[9]]
    assert [s["uri"] for s in explanation["skills"] if s["held_uri"]] == [U[1]]
    assert {g["uri"] for g in explanation["learning_gaps"]} >= {U[9]}
    assert set(explanation["parts"]) == {"essential", "nice_to_have", "preferences"}
    assert not open_suggestions(runtime, client_id=other)


def test_a_profile_shared_after_the_need_is_suggested_incrementally(runtime):
    need_id = publish(runtime, [(U[1], True, 2)])
    assert not outbox(runtime, "matching.suggestion.made")
    client = share(runtime, {U[1]: 3})
    [row] = open_suggestions(runtime, target_id=need_id)
    assert row.client_id == client and row.explanation["skills"][0]["held_uri"] == U[1]


def test_the_same_state_again_makes_nothing_twice(runtime):
    client = share(runtime, {U[1]: 3})
    need = need_payload(None, [(U[1], True, 2)])
    deliver(runtime, event("intake.need.published", need))
    deliver(runtime, event("intake.need.published", need))  # a new event with the same content
    deliver(runtime, event("intake.profile.shared", profile_payload(client, {U[1]: 3})))
    assert len(outbox(runtime, "matching.suggestion.made")) == 1


def test_withdrawn_consent_removes_the_profile_at_once_and_withdraws_its_suggestions(runtime):
    first = share(runtime, {U[1]: 5})
    others = [share(runtime, {U[1]: level}) for level in (4, 3, 2)]
    need_id = publish(runtime, [(U[1], True, 3)])
    assert {r.client_id for r in open_suggestions(runtime)} == {first, *others[:2]}  # k = 3
    deliver(runtime, event("intake.consent.withdrawn", {"client_id": first, "purpose": "profile_sharing",
                                                         "version": "2026-1"}))
    [withdrawn] = outbox(runtime, "matching.suggestion.withdrawn")
    assert withdrawn["payload"]["client_id"] == first and withdrawn["payload"]["reason"] == "profile_withdrawn"
    assert {r.client_id for r in open_suggestions(runtime)} == set(others)  # the fourth moved up
    [profile] = rows(runtime, profiles, profiles.c.client_id == first)
    assert profile.status == "withdrawn" and profile.record is None
    engine = engine_for(runtime).engine
    assert first not in engine.profiles.row_of and suggestion_logic.showing(engine, first) == []
    assert all(suggestion_logic.showing(engine, c) == [f"need:{need_id}"] for c in others)


def test_a_late_older_share_does_not_bring_a_withdrawn_profile_back(runtime):
    client = share(runtime, {U[1]: 5})
    publish(runtime, [(U[1], True, 3)])
    earlier = utcnow() - timedelta(minutes=5)
    deliver(runtime, event("intake.profile.withdrawn", {"client_id": client}))
    deliver(runtime, event("intake.profile.shared", profile_payload(client, {U[1]: 5}), occurred_at=earlier))
    assert rows(runtime, profiles, profiles.c.client_id == client)[0].status == "withdrawn"
    assert not open_suggestions(runtime, client_id=client)


def test_a_filled_need_withdraws_its_suggestions(runtime):
    share(runtime, {U[1]: 5})
    need = need_payload(None, [(U[1], True, 3)])
    deliver(runtime, event("intake.need.published", need))
    deliver(runtime, event("intake.need.published", {**need, "status": "filled"}))
    [withdrawn] = outbox(runtime, "matching.suggestion.withdrawn")
    assert withdrawn["payload"]["reason"] == "target_closed"
    assert not open_suggestions(runtime)


def test_an_erased_client_leaves_only_a_bare_id(runtime):
    client = share(runtime, {U[1]: 5})
    publish(runtime, [(U[1], True, 3)])
    deliver(runtime, event("intake.client.erased", {"client_id": client}))
    assert not rows(runtime, suggestions, suggestions.c.client_id == client)
    [tombstone] = rows(runtime, profiles, profiles.c.client_id == client)
    assert (tombstone.status, tombstone.record) == ("erased", None)


def decline(runtime, suggestion_id: str, reason: str = "Ei sovi aikatauluun") -> None:
    with runtime.work() as work:
        decide_module.decide(work, MANAGER, suggestion_id, False, reason, TAXONOMY.index)
    [declined] = [e for e in outbox(runtime, "matching.suggestion.declined")
                  if e["payload"]["suggestion_id"] == suggestion_id]
    deliver(runtime, event("matching.suggestion.declined", declined["payload"], "verkosto"))


def test_a_declined_pair_stays_hidden_across_an_engine_rebuild_until_the_profile_changes(runtime):
    clients = [share(runtime, {U[1]: level}) for level in (5, 4, 3, 2)]
    need_id = publish(runtime, [(U[1], True, 3)])
    [top] = [r for r in open_suggestions(runtime) if r.client_id == clients[0]]
    decline(runtime, top.id)
    assert {r.client_id for r in open_suggestions(runtime)} == set(clients[1:])  # the next one moved up
    [decision] = rows(runtime, decisions)
    assert (decision.accepted, decision.reason, decision.in_force) == (False, "Ei sovi aikatauluun", True)

    install(runtime, LiveEngine(taxonomy=TAXONOMY, k=3))  # a new process: the engine from the database
    assert rebuild(runtime)["made"] == 0
    engine = engine_for(runtime).engine
    assert clients[0] not in [s.profile_id for s in engine.suggestions(f"need:{need_id}")]

    share(runtime, {U[1]: 5, U[2]: 1}, client_id=clients[0])  # the profile changed: the decline lapses
    [again] = open_suggestions(runtime, client_id=clients[0])
    assert again.id != top.id


def test_a_decision_is_the_clients_organisations_and_made_once(runtime):
    client = share(runtime, {U[1]: 5})
    publish(runtime, [(U[1], True, 3)])
    [row] = open_suggestions(runtime, client_id=client)
    outsider = Principal(user_id="x", organisation="samk", roles=frozenset({"manager"}))
    with pytest.raises(NotFound) as missing, runtime.work() as work:
        decide_module.decide(work, outsider, row.id, True, None, TAXONOMY.index)
    assert (missing.value.status, missing.value.message) == (404, "No such suggestion")
    with runtime.work() as work:
        decide_module.decide(work, MANAGER, row.id, True, None, TAXONOMY.index)
    with pytest.raises(Conflict) as twice, runtime.work() as work:
        decide_module.decide(work, MANAGER, row.id, False, "no", TAXONOMY.index)
    refused = twice.value  # the API answers these four as they are
    assert (refused.status, refused.code) == (409, "conflict")
    assert refused.message == "The suggestion has already been decided or withdrawn"
    assert refused.fields == {"status": ["accepted"]}
    [accepted] = outbox(runtime, "matching.suggestion.accepted")
    assert accepted["payload"]["suggestion_id"] == row.id and accepted["payload"]["organisation"] == "sataedu"


def test_a_decline_needs_a_reason_and_a_pair_that_left_matching_cannot_be_decided(runtime):
    client = share(runtime, {U[1]: 5})
    publish(runtime, [(U[1], True, 3)])
    [row] = open_suggestions(runtime, client_id=client)
    with pytest.raises(Invalid) as unexplained, runtime.work() as work:
        decide_module.decide(work, MANAGER, row.id, False, "  ", TAXONOMY.index)
    assert unexplained.value.status == 422 and unexplained.value.fields == {"reason": ["Give a reason for declining."]}
    with runtime.work() as work:
        work.session.execute(profiles.update().where(profiles.c.client_id == client).values(status="withdrawn"))
    with pytest.raises(Conflict) as gone, runtime.work() as work:
        decide_module.decide(work, MANAGER, row.id, True, None, TAXONOMY.index)
    assert (gone.value.status, gone.value.code, gone.value.fields) == (409, "conflict", {})
    assert gone.value.message == "The profile is no longer shared or the target is closed"
    assert [r.status for r in rows(runtime, suggestions, suggestions.c.id == row.id)] == ["new"]
    assert outbox(runtime, "matching.suggestion.accepted") == []


def test_a_rolled_back_batch_leaves_the_engine_in_step_with_the_database(runtime, monkeypatch):
    client = share(runtime, {U[1]: 5})
    need = need_payload(None, [(U[1], True, 3)])
    failing = event("intake.partner.registered", {"partner_id": str(uuid.uuid4()), "name": "X", "kind": "company"})

    def explode(work, envelope):
        raise RuntimeError("boom")

    monkeypatch.setitem(runtime.handlers, "intake.partner.registered", explode)
    outcomes = deliver(runtime, event("intake.need.published", need), failing)
    assert [o.status for o in outcomes] == ["applied", "failed"]  # the batch was retried one by one
    [row] = open_suggestions(runtime, client_id=client)
    assert row.target_id == need["need_id"]
    assert len(outbox(runtime, "matching.suggestion.made")) == 1
