"""Who takes part in an environment's conversation: its participants here, their managers and the users of the
environment's own partners, known from environments' events (kept once, a late description changing nothing)."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from services.intake.db import clients, environment_participations, environment_parties, partner_names, partners
from services.intake.handlers.conversations import environment_subject, subject_for, taking_part
from services.intake.subscribers.environments import HANDLERS
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.events.envelope import Envelope

HERE, THERE = str(uuid.uuid4()), str(uuid.uuid4())  # the environment, and another one with another partner
KONEPAJA, NUORISOSEURA = str(uuid.uuid4()), str(uuid.uuid4())  # partners: Konepaja's users log in as konepaja
STUDENT = str(uuid.uuid4())
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def event(type_: str, payload: dict, at: datetime = T0) -> Envelope:
    return Envelope(type=type_, payload=payload, organisation="verkosto", service="environments", occurred_at=at)


def described(environment_id: str, partner_ids: list[str], at: datetime = T0) -> Envelope:
    return event("environments.environment.created", {"environment_id": environment_id, "partner_ids": partner_ids},
                 at)


def enrolled(environment_id: str, client_id: str, organisation: str, **named) -> Envelope:
    return event("environments.participant.enrolled", {
        "participant_id": str(uuid.uuid4()), "environment_id": environment_id, "client_id": client_id,
        "organisation": organisation, "role_id": str(uuid.uuid4()), "started_on": None, "via_suggestion_id": None,
        **named})


@pytest.fixture
def work():
    engine = create_engine("sqlite://")
    clients.metadata.create_all(engine, tables=[clients, environment_participations, environment_parties, partners,
                                                partner_names])
    with Session(engine) as session, session.begin():
        now = T0
        session.execute(insert(clients).values(id=STUDENT, organisation="sataedu", first_name="Aino",
                                               last_name="Virtanen", languages=[], entered_on=date(2026, 1, 1),
                                               status="active", created_at=now, updated_at=now))
        session.execute(insert(partner_names), [
            {"partner_id": KONEPAJA, "name": "Konepaja Virtanen Oy", "organisation": "konepaja", "received_at": now},
            {"partner_id": NUORISOSEURA, "name": "Nuorisoseura", "organisation": "nuorisoseura",
             "received_at": now}])
        yield SimpleNamespace(session=session)


def deliver(work, envelope: Envelope) -> None:
    HANDLERS[envelope.type](work, envelope)


def partner_user(organisation: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), organisation=organisation, roles=frozenset({"partner"}))


def test_the_partner_of_this_environment_is_a_party_and_the_partner_of_another_is_not(work):
    deliver(work, described(HERE, [KONEPAJA]))
    deliver(work, described(THERE, [NUORISOSEURA]))
    deliver(work, enrolled(HERE, STUDENT, "sataedu"))
    deliver(work, enrolled(THERE, STUDENT, "sataedu"))

    subject = environment_subject(work.session, HERE)
    assert subject is not None
    assert subject.parties.partner_organisations == ("konepaja",)
    assert subject.parties.manager_organisations == ("sataedu",) and subject.parties.client_ids == (STUDENT,)
    assert subject_for(work.session, partner_user("konepaja"), "environment", HERE).id == HERE
    with pytest.raises(NotFound):
        subject_for(work.session, partner_user("nuorisoseura"), "environment", HERE)
    assert subject_for(work.session, partner_user("nuorisoseura"), "environment", THERE).id == THERE
    with pytest.raises(NotFound):
        subject_for(work.session, partner_user("konepaja"), "environment", THERE)


def test_without_a_participant_here_there_is_no_thread_here_even_for_its_partner(work):
    deliver(work, described(HERE, [KONEPAJA]))
    deliver(work, enrolled(HERE, str(uuid.uuid4()), "samk"))  # another member's client: not held here
    assert environment_subject(work.session, HERE) is None
    with pytest.raises(NotFound):
        subject_for(work.session, partner_user("konepaja"), "environment", HERE)
    assert taking_part(work.session, HERE) == ["samk"]


def test_the_partners_and_members_are_kept_once_and_a_late_description_changes_nothing(work):
    deliver(work, described(HERE, [KONEPAJA], T0))
    deliver(work, described(HERE, [KONEPAJA, NUORISOSEURA], T0 + timedelta(days=1)))  # opened, a partner added
    deliver(work, described(HERE, [KONEPAJA], T0 - timedelta(days=1)))  # a late retry of an older description
    for organisation in ("samk", "sataedu", "samk"):
        deliver(work, enrolled(HERE, str(uuid.uuid4()), organisation))
    [row] = work.session.execute(select(environment_parties)).all()
    assert row.partner_ids == sorted([KONEPAJA, NUORISOSEURA])
    assert row.organisations == ["samk", "sataedu"]


def test_a_partner_taken_out_of_the_environment_is_no_longer_a_party(work):
    deliver(work, described(HERE, [KONEPAJA, NUORISOSEURA]))
    deliver(work, enrolled(HERE, STUDENT, "sataedu"))
    assert subject_for(work.session, partner_user("nuorisoseura"), "environment", HERE).id == HERE
    deliver(work, event("environments.environment.partners_changed", {
        "environment_id": HERE, "host_organisation": "sataedu", "partner_ids": [KONEPAJA]}, T0 + timedelta(hours=1)))
    with pytest.raises(NotFound):
        subject_for(work.session, partner_user("nuorisoseura"), "environment", HERE)
    assert subject_for(work.session, partner_user("konepaja"), "environment", HERE).id == HERE


def test_the_thread_is_named_by_the_environment_its_enrolment_named_and_unnamed_before_names_travelled(work):
    deliver(work, described(HERE, [KONEPAJA]))
    deliver(work, described(THERE, [NUORISOSEURA]))
    deliver(work, enrolled(HERE, STUDENT, "sataedu", environment_name="Kylätalon kotisivut"))
    deliver(work, enrolled(THERE, STUDENT, "sataedu"))  # an event from before the name travelled

    assert environment_subject(work.session, HERE).name == "Kylätalon kotisivut"
    assert environment_subject(work.session, THERE).name is None
