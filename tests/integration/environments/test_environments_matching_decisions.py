"""matching.suggestion.accepted for an environment's role: the student is enrolled under the seat rules,
once; a refusal does not fail the event and is shown to the environment's managers."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.environments.db import participants, refused_enrolments
from shared.bus.inbox import InboxProcessor
from tests.integration.environments.helpers import HTML, enrol, events, feed, opened, runtime
from tests.support import network as net

REFUSED = "Hyväksytty yhteensovituksessa, mutta ei ilmoitettu mukaan"  # the pages speak Finnish by default
FULL_ROLE = "Tämän roolin kaikki paikat on varattu."


def accept(network, environment: dict, role_index: int = 0, client_id: str | None = None,
           suggestion_id: str | None = None, organisation: str = "sataedu", source: str | None = None):
    """Matching publishes an acceptance; the network delivers it. The envelope."""
    payload = {"suggestion_id": suggestion_id or str(uuid.uuid4()), "client_id": client_id or str(uuid.uuid4()),
               "organisation": organisation, "target_kind": "environment_role",
               "target_id": environment["roles"][role_index]["id"], "environment_id": environment["id"],
               "reason": None}
    with network.runtimes["matching"].work() as work:
        envelope = work.emit("matching.suggestion.accepted", payload, organisation=source)
    assert network.settle()
    return envelope


def applied(network, envelope) -> bool:
    """Environments took the event into its inbox (it did not fail and wait for a retry)."""
    inbox = runtime(network).tables.inbox
    with runtime(network).db.session() as session:
        return session.execute(select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)).first() is not None


def rows(network, table, **where) -> list:
    with runtime(network).db.session() as session:
        stmt = select(table)
        for key, value in where.items():
            stmt = stmt.where(table.c[key] == value)
        return session.execute(stmt).all()


def enrolled_events(network, suggestion_id: str) -> list[dict]:
    return [e for e in events(network, "environments.participant.enrolled")
            if e["payload"].get("via_suggestion_id") == suggestion_id]


@pytest.fixture(scope="module")
def environment(network, manager):
    return opened(manager, network)


def test_an_accepted_role_suggestion_enrols_the_student(network, environment):
    client_id = str(uuid.uuid4())
    envelope = accept(network, environment, 1, client_id=client_id, organisation="samk")
    suggestion_id = envelope.payload["suggestion_id"]
    [person] = rows(network, participants, via_suggestion_id=suggestion_id)
    assert (person.client_id, person.client_organisation, person.role_id, person.status) == (
        client_id, "samk", environment["roles"][1]["id"], "enrolled")
    assert person.environment_id == environment["id"] and person.enrolled_by is None
    [event] = enrolled_events(network, suggestion_id)
    assert event["payload"]["client_id"] == client_id and event["payload"]["role_id"] == person.role_id
    assert not rows(network, refused_enrolments, suggestion_id=suggestion_id)


def test_a_redelivered_or_repeated_acceptance_enrols_only_once(network, environment):
    envelope = accept(network, environment, 1)
    suggestion_id = envelope.payload["suggestion_id"]
    [outcome] = InboxProcessor(runtime(network)).process_batch([envelope])
    assert outcome.status == "duplicate"
    again = accept(network, environment, 1, client_id=envelope.payload["client_id"], suggestion_id=suggestion_id)
    assert applied(network, again)
    assert len(rows(network, participants, via_suggestion_id=suggestion_id)) == 1
    assert len(enrolled_events(network, suggestion_id)) == 1
    assert not rows(network, refused_enrolments, suggestion_id=suggestion_id)


def test_a_full_role_refuses_without_failing_the_event_and_the_host_sees_it(network, manager, other_manager):
    environment = opened(manager, network)
    for _ in range(2):
        assert enrol(manager, environment, 0).status_code == 201
    envelope = accept(network, environment, 0)
    suggestion_id = envelope.payload["suggestion_id"]
    assert applied(network, envelope)
    assert not rows(network, participants, via_suggestion_id=suggestion_id)
    assert not enrolled_events(network, suggestion_id)
    [refusal] = rows(network, refused_enrolments, suggestion_id=suggestion_id)
    assert (refusal.environment_id, refusal.reason) == (environment["id"], "Every seat of this role is taken.")
    again = accept(network, environment, 0, client_id=envelope.payload["client_id"], suggestion_id=suggestion_id)
    assert applied(network, again) and len(rows(network, refused_enrolments, suggestion_id=suggestion_id)) == 1

    page = manager.get(f"/environments/environments/{environment['id']}", headers=HTML).get_data(as_text=True)
    assert REFUSED in page and FULL_ROLE in page
    assert f"/matching/environments/{environment['id']}" in page
    other = other_manager.get(f"/environments/environments/{environment['id']}", headers=HTML).get_data(as_text=True)
    assert REFUSED not in other  # another organisation's client


def test_a_refusal_goes_once_the_student_is_enrolled_or_erased(network, manager):
    environment = opened(manager, network)
    for _ in range(2):
        assert enrol(manager, environment, 0).status_code == 201
    late, erased = str(uuid.uuid4()), str(uuid.uuid4())
    accept(network, environment, 0, client_id=late)
    accept(network, environment, 0, client_id=erased)
    url = f"/environments/environments/{environment['id']}"
    assert manager.get(url, headers=HTML).get_data(as_text=True).count(FULL_ROLE) == 2
    assert enrol(manager, environment, 1, client_id=late).status_code == 201
    assert manager.get(url, headers=HTML).get_data(as_text=True).count(FULL_ROLE) == 1
    feed(network, "intake.client.erased", {"client_id": erased})
    assert not rows(network, refused_enrolments, client_id=erased)
    assert REFUSED not in manager.get(url, headers=HTML).get_data(as_text=True)


def test_a_draft_environment_refuses_with_its_reason(network, manager):
    from tests.integration.environments.helpers import create

    draft = create(manager)
    envelope = accept(network, draft, 0)
    assert applied(network, envelope)
    [refusal] = rows(network, refused_enrolments, suggestion_id=envelope.payload["suggestion_id"])
    assert refusal.reason == "Participants can be enrolled only while the environment is open or running."


def test_an_acceptance_not_published_by_the_network_enrols_nobody(network, environment):
    envelope = accept(network, environment, 1, source="sataedu")
    assert applied(network, envelope)
    assert not rows(network, participants, client_id=envelope.payload["client_id"])
    assert not rows(network, refused_enrolments, suggestion_id=envelope.payload["suggestion_id"])


def test_a_need_acceptance_is_not_for_environments(network, environment):
    payload = {"suggestion_id": str(uuid.uuid4()), "client_id": str(uuid.uuid4()), "organisation": "sataedu",
               "target_kind": "need", "target_id": str(uuid.uuid4()), "environment_id": None, "reason": None}
    with network.runtimes["matching"].work() as work:
        envelope = work.emit("matching.suggestion.accepted", payload)
    assert network.settle() and applied(network, envelope)
    assert not rows(network, participants, client_id=payload["client_id"])
    assert not rows(network, refused_enrolments, suggestion_id=payload["suggestion_id"])


def test_the_page_links_to_matchings_candidates_and_team_building(network, manager, environment):
    page = net.client_as(network, "manager3").get(f"/environments/environments/{environment['id']}", headers=HTML)
    assert f"/matching/environments/{environment['id']}" in page.get_data(as_text=True)
    partner_page = net.client_as(network, "partner1").get(f"/environments/environments/{environment['id']}",
                                                          headers=HTML)
    assert partner_page.status_code == 200 and "/matching/environments/" not in partner_page.get_data(as_text=True)
