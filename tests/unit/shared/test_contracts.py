"""Generated contracts stay in step with the code: the AsyncAPI document (RabbitMQ's: test_definitions.py)."""
from __future__ import annotations

from pathlib import Path

from shared.events.asyncapi import build, render
from shared.events.catalogue import CONSUMERS, REGISTRY, subscriptions

ROOT = Path(__file__).resolve().parents[3]


def test_checked_in_asyncapi_document_is_up_to_date():
    checked_in = (ROOT / "docs" / "asyncapi.json").read_text(encoding="utf-8")
    assert checked_in == render(), "docs/asyncapi.json is out of date: run `kampus asyncapi`"


def test_asyncapi_has_a_channel_and_payload_schema_per_event_type():
    doc = build()
    assert doc["asyncapi"].startswith("2.")
    for spec in REGISTRY:
        key = "{organisation}." + spec.type + (".{recipient}" if spec.addressed else "")
        channel = doc["channels"][key]
        ref = channel["subscribe"]["message"]["$ref"].rsplit("/", 1)[1]
        payload_ref = doc["components"]["messages"][ref]["payload"]["allOf"][1]["properties"]["payload"]["$ref"]
        assert payload_ref.rsplit("/", 1)[1] in doc["components"]["schemas"]
        assert channel["x-producer"] == spec.producer


def test_asyncapi_says_the_contact_event_is_addressed_and_shows_its_routing_key():
    doc = build()
    channel = doc["channels"]["{organisation}.intake.contact.shared.{recipient}"]
    assert channel["x-addressed"] is True and set(channel["parameters"]) == {"organisation", "recipient"}
    assert "{organisation}.intake.contact.shared" not in doc["channels"]
    assert "x-addressed" not in doc["channels"]["{organisation}.intake.need.published"]
    message = doc["components"]["messages"]["IntakeContactShared"]["payload"]["allOf"][1]
    assert message["required"] == ["recipient"]
    assert "<organisation>.<type>.<recipient>" in doc["info"]["description"]


def test_only_the_contact_the_referral_note_and_messages_and_the_shared_client_events_are_addressed():
    assert REGISTRY.addressed_types() == {"intake.contact.shared", "intake.referral_note.shared",
                                          "intake.referral_note.erased", "intake.referral_message.posted",
                                          "intake.environment_message.posted", "intake.environment_message.erased",
                                          "matching.shared_client.found", "intake.overlap.agreed"}


def test_no_free_text_about_a_person_travels_to_every_subscriber():
    """A referral's note and a decline's reason stay with their owners: broadcast events only say they exist."""
    from shared.events.envelope import new_event

    sent = REGISTRY.validate(new_event("intake.referral.sent", {
        "client_id": "00000000-0000-4000-8000-000000000001", "referral_id": "00000000-0000-4000-8000-000000000002",
        "to_organisation": "samk", "service_id": None, "reference": "ABCD-EFHJ", "has_note": True,
        "note": "Haluaa ammattikorkeakouluun"}, organisation="sataedu", service="intake"))
    assert "note" not in sent.payload and sent.payload["has_note"] is True
    declined = REGISTRY.validate(new_event("matching.suggestion.declined", {
        "suggestion_id": "00000000-0000-4000-8000-000000000003", "client_id": "00000000-0000-4000-8000-000000000001",
        "organisation": "sataedu", "target_kind": "need", "target_id": "00000000-0000-4000-8000-000000000004",
        "has_reason": True, "reason": "Ei ehdi"}, organisation="verkosto", service="matching"))
    assert "reason" not in declined.payload and declined.payload["has_reason"] is True
    subs = subscriptions()
    for type_ in ("intake.referral_note.shared", "intake.referral_note.erased", "intake.referral_message.posted",
                  "intake.environment_message.posted", "intake.environment_message.erased"):
        assert type_ not in subs["reporting"] and type_ not in subs["matching"]
        assert type_ not in subs["environments"] and type_ not in subs["portal"]


def test_reporting_subscribes_to_every_event_and_subscriptions_name_known_types():
    subs = subscriptions()
    assert set(subs) == set(CONSUMERS)
    assert subs["reporting"] == sorted(spec.type for spec in REGISTRY if spec.statistics)
    assert "intake.contact.shared" not in subs["reporting"], "contact details never reach the raw log"
    for types in subs.values():
        assert all(t in REGISTRY for t in types)
