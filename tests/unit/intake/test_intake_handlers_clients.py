"""Intake's client handlers on SQLite: registration, consent decisions and erasure, with their events."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from services.intake.db import clients, consents
from services.intake.handlers import consents as consent_handlers
from services.intake.handlers import erasure, gdpr, registration, rights
from services.intake.handlers.consents import has_consent
from shared import clock
from shared.errors import Invalid, NotFound
from tests.support.erasure import company_controller
from tests.support.factories import audit_entries, client_data, manager, outbox, student
from tests.unit.intake.conftest import TODAY


def row_of(runtime, client_id: str):
    with runtime.db.session() as session:
        return session.execute(select(clients).where(clients.c.id == client_id)).first()


def audit_actions(runtime, client_id: str) -> list[str]:
    """What was done with the client's data (the disclosures by events aside), oldest first."""
    return [e["action"] for e in audit_entries(runtime, client_id) if e["action"] != "disclose"]


# --- registration ----------------------------------------------------------------------------------------
def test_registration_stores_the_client_of_the_managers_organisation_and_announces_it(runtime, register):
    # The default register: guidance and statistics on a public task, so no consent is asked or recorded
    # for them; the entry facts travel for statistics and the ESF report on their own bases.
    row = register(manager("sataedu"), decisions={"statistics": True, "profile_sharing": False})
    stored = row_of(runtime, row.id)
    assert (stored.organisation, stored.status, stored.entered_on) == ("sataedu", "active", TODAY)
    assert stored.person_key and stored.search_name
    assert [e["type"] for e in outbox(runtime, row.id)] == [
        "intake.client.registered", "intake.person_key.published", "intake.statistics.recorded"]
    registered = outbox(runtime, row.id)[0]
    assert registered["payload"] == {"client_id": row.id, "entered_on": TODAY.isoformat()}
    assert registered["source"]["organisation"] == "sataedu"
    assert outbox(runtime, row.id)[-1]["payload"]["bases"] == {"statistics": "public_task",
                                                                "esf_reporting": "legal_obligation"}
    assert not has_consent_now(runtime, row.id, "service") and not has_consent_now(runtime, row.id, "statistics")
    assert audit_actions(runtime, row.id) == ["create"]
    disclosed = [e["detail"] for e in audit_entries(runtime, row.id) if e["action"] == "disclose"]
    assert sorted((d["event_type"], d["recipient"], d["count"]) for d in disclosed) == [
        ("intake.client.registered", "network", 1), ("intake.person_key.published", "network", 1),
        ("intake.statistics.recorded", "network", 1)]  # the three events above, each naming the one client


@pytest.mark.bases(guidance="consent", statistics="consent", esf_reporting="consent")
def test_where_everything_rests_on_consent_the_consents_are_recorded_and_the_facts_travel_under_them(
        runtime, register):
    row = register(manager("sataedu"), decisions={"statistics": True})
    assert [e["type"] for e in outbox(runtime, row.id)] == [
        "intake.client.registered", "intake.person_key.published", "intake.consent.given",
        "intake.consent.given", "intake.statistics.recorded"]
    assert outbox(runtime, row.id)[-1]["payload"]["bases"] == {"statistics": "consent", "esf_reporting": "consent"}
    assert has_consent_now(runtime, row.id, "service") and not has_consent_now(runtime, row.id, "profile_sharing")


@pytest.mark.bases(statistics="consent")
def test_without_the_statistics_consent_the_esf_facts_still_travel_on_the_legal_obligation(runtime, register):
    row = register(manager("sataedu"), decisions={"statistics": False})
    facts = [e for e in outbox(runtime, row.id) if e["type"] == "intake.statistics.recorded"]
    assert [e["payload"]["bases"] for e in facts] == [{"esf_reporting": "legal_obligation"}]
    decide(runtime, manager(), row.id, "statistics", True)
    facts = [e for e in outbox(runtime, row.id) if e["type"] == "intake.statistics.recorded"]
    assert facts[-1]["payload"]["bases"] == {"statistics": "consent", "esf_reporting": "legal_obligation"}


def test_the_person_key_comes_from_the_settings_secret(register):
    from services.intake.domain.clients import person_key

    row = register(first_name="Aino", last_name="Äijälä")
    assert row.person_key == person_key("k" * 40, "Aino", "Äijälä", client_data()["birth_date"])


def test_reporting_gets_a_pseudonym_of_its_own_not_the_person_key(runtime, register):
    """The same person at two organisations carries one statistics pseudonym, unlike the key matching compares,
    and a corrected name sends the entry facts again with the new pseudonym."""
    from services.intake.domain.clients import statistics_pseudonym

    first = register(manager("sataedu"), first_name="Aino", last_name="Äijälä")
    second = register(manager("samk"), first_name="AINO", last_name="äijälä")
    [one] = [e["payload"] for e in outbox(runtime, first.id) if e["type"] == "intake.statistics.recorded"]
    [two] = [e["payload"] for e in outbox(runtime, second.id) if e["type"] == "intake.statistics.recorded"]
    assert one["person_pseudonym"] == two["person_pseudonym"] == statistics_pseudonym("k" * 40, first.person_key)
    assert one["person_pseudonym"] != first.person_key and first.person_key not in json.dumps(one)
    with runtime.work() as work:
        registration.correct(work, manager("sataedu"), first.id, {"first_name": "Aina"}, today=TODAY)
    facts = [e["payload"] for e in outbox(runtime, first.id) if e["type"] == "intake.statistics.recorded"]
    assert len(facts) == 2 and facts[-1]["person_pseudonym"] != one["person_pseudonym"]


def test_under_a_public_task_a_client_is_registered_without_any_consent(runtime):
    with runtime.work() as work:
        row = registration.register(work, manager(), client_data(), {}, today=TODAY)
    assert row_of(runtime, row.id).status == "active"
    with runtime.work() as work:
        view = consent_handlers.consents_of(work, manager(), row.id)
    assert list(view["current"]) == ["profile_sharing", "contact_to_partner", "overlap"]  # only what rests on consent
    assert view["not_asked"] == ["service", "statistics"]


@pytest.mark.bases(guidance="consent")
def test_registration_without_consent_to_service_is_refused_and_stores_nothing(runtime, register):
    with pytest.raises(Invalid) as refused:
        register(decisions={"service": False})
    assert "service" in refused.value.fields["consents"]
    with pytest.raises(Invalid) as invalid:
        register(first_name=" ", home_municipality="999")
    assert {"first_name", "home_municipality"} <= set(invalid.value.fields)
    with runtime.db.session() as session:
        assert session.execute(select(clients.c.id)).all() == []
    assert outbox(runtime) == []


# --- consent decisions -----------------------------------------------------------------------------------
def has_consent_now(runtime, client_id: str, purpose: str) -> bool:
    with runtime.db.session() as session:
        return has_consent(session, client_id, purpose)


def decide(runtime, principal, client_id, purpose, given, **kwargs):
    with runtime.work() as work:
        return consent_handlers.decide(work, principal, client_id, purpose, given, why="consent_decision", **kwargs)


def test_giving_consent_to_profile_sharing_shares_the_profile_and_withdrawing_withdraws_it(runtime, register):
    row = register()
    before = len(outbox(runtime, row.id))
    state = decide(runtime, manager(), row.id, "profile_sharing", True)
    assert state["current"]["profile_sharing"]["given"] is True
    assert [e["type"] for e in outbox(runtime, row.id)[before:]] == ["intake.consent.given", "intake.profile.shared"]
    decide(runtime, student(row.id), row.id, "profile_sharing", False)
    assert not has_consent_now(runtime, row.id, "profile_sharing")
    assert [e["type"] for e in outbox(runtime, row.id)[before + 2:]] == [
        "intake.consent.withdrawn", "intake.profile.withdrawn"]
    with runtime.db.session() as session:
        methods = session.execute(select(consents.c.method).where(consents.c.client_id == row.id,
                                                                  consents.c.purpose == "profile_sharing")
                                  .order_by(consents.c.id)).scalars().all()
    assert methods == ["in_person", "self_service"]  # the manager records, the client decides alone


@pytest.mark.bases(guidance="consent")
def test_where_service_rests_on_consent_withdrawing_it_closes_the_case(runtime, register):
    row = register()
    decide(runtime, manager(), row.id, "service", False)
    assert row_of(runtime, row.id).status == "closed"
    assert outbox(runtime, row.id)[-1]["type"] == "intake.client.closed"


def test_withdrawing_an_optional_consent_keeps_the_case_open(runtime, register):
    row = register(decisions={"profile_sharing": True, "contact_to_partner": True})
    for purpose in ("profile_sharing", "contact_to_partner"):
        decide(runtime, manager(), row.id, purpose, False)
    assert row_of(runtime, row.id).status == "active"
    assert "intake.client.closed" not in [e["type"] for e in outbox(runtime, row.id)]
    # Service on a public task is no consent to withdraw: the decision is refused, the case stays open.
    with pytest.raises(Invalid) as refused:
        decide(runtime, manager(), row.id, "service", False)
    assert "purpose" in refused.value.fields
    assert row_of(runtime, row.id).status == "active"


def test_a_consent_decision_is_refused_for_an_unseen_client_or_an_unknown_purpose(runtime, register):
    row = register(manager("sataedu"))
    with pytest.raises(NotFound):
        decide(runtime, manager("samk"), row.id, "statistics", True)
    with pytest.raises(NotFound):
        decide(runtime, student("someone-else"), row.id, "statistics", True)
    with pytest.raises(Invalid) as refused:
        decide(runtime, manager(), row.id, "marketing", True)
    assert refused.value.fields
    assert not has_consent_now(runtime, row.id, "statistics")


# --- erasure ---------------------------------------------------------------------------------------------
def erase(runtime, principal, client_id) -> dict:
    """An erasure request in the register and its decision carried out, as a company (which erases)."""
    with company_controller():
        with runtime.work() as work:
            request = rights.register(work, principal, client_id, "erasure", None, clock.today())
        with runtime.work() as work:
            return erasure.carry_out(work, principal, request["id"])


def test_erasure_blanks_the_personal_data_announces_it_and_audits_it(runtime, register):
    row = register()
    assert erase(runtime, manager(), row.id)["result"] == "erased"
    erased = row_of(runtime, row.id)
    assert erased.status == "erased" and erased.first_name is None and erased.email is None
    assert erased.erased_at is not None
    assert outbox(runtime, row.id)[-1]["type"] == "intake.client.erased"
    assert audit_actions(runtime, row.id)[-1] == "erase"


def test_an_erased_client_or_another_organisations_is_not_found(runtime, register):
    row = register(manager("sataedu"))
    with pytest.raises(NotFound):
        erase(runtime, manager("samk"), row.id)
    assert row_of(runtime, row.id).status == "active"
    erase(runtime, manager(), row.id)
    events = len(outbox(runtime))
    with pytest.raises(NotFound):
        erase(runtime, manager(), row.id)
    assert len(outbox(runtime)) == events


def test_the_export_holds_the_clients_rows_and_is_audited(runtime, register):
    row = register()
    with runtime.work() as work:
        document = gdpr.export_for(work, student(row.id), row.id, why="right_of_access")
    assert json.dumps(document, default=str).count(row.first_name) >= 1
    assert audit_actions(runtime, row.id)[-1] == "export"
