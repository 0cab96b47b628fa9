"""Open suggestions stay fresh: a change to the profile, the need or the pair's constraints recomputes them."""
from __future__ import annotations

from services.matching.db import suggestions
from tests.support.matching import deliver, event, need_payload, outbox, profile_payload, rows, small_taxonomy

TAXONOMY = small_taxonomy()
U = TAXONOMY.uris


def share(runtime, client_id=None, skills=None, **overrides) -> str:
    payload = profile_payload(client_id, skills, **overrides)
    [outcome] = deliver(runtime, event("intake.profile.shared", payload, "sataedu"))
    assert outcome.status == "applied", outcome.error
    return payload["client_id"]


def publish(runtime, need_id=None, skills=None, **overrides) -> str:
    payload = need_payload(need_id, skills, **overrides)
    [outcome] = deliver(runtime, event("intake.need.published", payload))
    assert outcome.status == "applied", outcome.error
    return payload["need_id"]


def stored(runtime, client_id):
    [row] = rows(runtime, suggestions, suggestions.c.client_id == client_id)
    return row


def test_a_client_who_gains_the_missing_skill_sees_the_same_suggestion_recomputed(runtime):
    client = share(runtime, skills={U[1]: 4})
    need_id = publish(runtime, skills=[(U[1], True, 3), (U[9], True, 2)])
    before = stored(runtime, client)
    assert before.explanation["missing_essential"] == [U[9]]

    share(runtime, client, {U[1]: 4, U[9]: 3})

    after = stored(runtime, client)
    assert (after.id, after.status, after.target_id) == (before.id, "new", need_id)
    assert after.score > before.score and after.explanation["missing_essential"] == []
    assert U[9] in {s["held_uri"] for s in after.explanation["skills"]}
    assert after.profile_fingerprint != before.profile_fingerprint
    [refreshed] = outbox(runtime, "matching.suggestion.refreshed")
    assert refreshed["payload"]["suggestion_id"] == before.id
    assert refreshed["payload"]["explanation"] == after.explanation
    assert len(outbox(runtime, "matching.suggestion.made")) == 1


def test_a_changed_need_recomputes_its_open_suggestions(runtime):
    client = share(runtime, skills={U[1]: 4, U[2]: 3})
    need_id = publish(runtime, skills=[(U[1], True, 3)])
    before = stored(runtime, client)
    publish(runtime, need_id, [(U[1], True, 3), (U[3], True, 3)])
    after = stored(runtime, client)
    assert after.id == before.id and after.explanation["missing_essential"] == [U[3]]
    assert after.score < before.score


def test_nothing_moves_when_nothing_relevant_changed(runtime):
    client = share(runtime, skills={U[1]: 4})
    publish(runtime, skills=[(U[1], True, 3)])
    share(runtime, client, {U[1]: 4})
    assert not outbox(runtime, "matching.suggestion.refreshed")


def test_a_pair_that_stops_qualifying_is_withdrawn_with_the_failing_constraint(runtime):
    client = share(runtime, skills={U[1]: 4}, hours_per_week=30)
    publish(runtime, skills=[(U[1], True, 3)], hours_per_week=20)
    before = stored(runtime, client)

    share(runtime, client, {U[1]: 4}, hours_per_week=10)  # less time than the need asks for

    after = stored(runtime, client)
    assert (after.id, after.status, after.withdrawn_reason) == (before.id, "withdrawn", "no_longer_eligible")
    [hours] = [c for c in after.explanation["constraints"] if c["name"] == "hours"]
    assert hours["hard"] and not hours["ok"]
    [withdrawn] = outbox(runtime, "matching.suggestion.withdrawn")
    assert (withdrawn["payload"]["suggestion_id"], withdrawn["payload"]["reason"]) == (before.id,
                                                                                       "no_longer_eligible")
    assert not outbox(runtime, "matching.suggestion.refreshed")
