"""A registration's consents are decided without reading the new client back (issue #18): a client inserted in
the same transaction has no consent, restriction, profile, skill or disclosure question yet, so what the reads
would find is known. Here the same decisions are recorded for two fresh clients in one transaction, once reading
the database as for any client and once with that knowledge, and must set exactly the same things in motion.

Two networks: the default register (guidance and statistics on a public task, ESF reporting on a legal
obligation) and one whose members base guidance and statistics on consent.
"""
from __future__ import annotations

import itertools
import uuid
from datetime import date

import pytest
from sqlalchemy import insert, select

from services.intake.db import clients, consents
from services.intake.domain import clients as client_rules
from services.intake.domain import consent as consent_rules
from services.intake.handlers import bases, registration
from services.intake.handlers.consents import NewClient
from shared import clock
from shared.auth.principal import Principal
from shared.events.envelope import utcnow

pytestmark = pytest.mark.integration
MANAGER = Principal(user_id=str(uuid.uuid4()), username="manager1", organisation="sataedu",
                    roles=frozenset({"manager"}))


def fresh_client(work):
    """A client row inserted in this work, as registration inserts one (the same person each time)."""
    now, birth = utcnow(), date(2004, 5, 17)
    return work.session.execute(insert(clients).returning(*clients.c), {
        "id": str(uuid.uuid4()), "organisation": "sataedu", "first_name": "Aino", "last_name": "Äijälä",
        "birth_date": birth, "person_key": client_rules.person_key("secret", "Aino", "Äijälä", birth),
        "person_key_version": 1, "languages": [], "entered_on": clock.today(), "home_municipality": "214",
        "gender": "woman", "field_of_education": "07", "status": "active", "created_at": now,
        "updated_at": now}).one()


def decided(work, decisions: dict[str, bool], asked: tuple[str, ...], new: NewClient | None):
    """The events and consent rows the registration's decisions give a fresh client, with its id left out."""
    row = fresh_client(work)
    first = len(work.emitted)
    after = registration.decide_consents(work, MANAGER, row, decisions, asked, version="2026-4",
                                         method="in_person", new=new)
    work.flush()  # the transaction goes on: what waits for the COMMIT (NewClient's decisions) is written now
    events = [(e.type, {k: v for k, v in e.payload.items() if k != "client_id"}, e.organisation)
              for e in work.emitted[first:]]
    stored = work.session.execute(select(consents.c.purpose, consents.c.given, consents.c.version,
                                         consents.c.method, consents.c.recorded_by)
                                  .where(consents.c.client_id == row.id).order_by(consents.c.id)).all()
    assert all(e.payload["client_id"] == row.id for e in work.emitted[first:])
    return events, stored, after.status


@pytest.mark.parametrize("register_of", ["public_task", "on_consent"])
def test_every_combination_of_decisions_sets_the_same_in_motion_known_or_read(request, register_of):
    runtime = request.getfixturevalue(register_of).runtimes["intake"]
    with runtime.work() as work:
        asked = bases.asked(work, "sataedu")
        for choice in itertools.product((True, False), repeat=len(asked)):
            decisions = dict(zip(asked, choice, strict=True))
            read = decided(work, decisions, asked, None)
            known = decided(work, decisions, asked, NewClient())
            assert known == read, decisions


def test_under_a_public_task_all_optional_consents_given(public_task):
    """Counted by hand: profile sharing given (announced, the profile shared), contact and overlap given
    (announced; the person key is published by registration itself), and the entry facts sent for statistics
    (public task) and the ESF report (legal obligation) without a statistics consent."""
    with public_task.runtimes["intake"].work() as work:
        asked = bases.asked(work, "sataedu")
        assert asked == ("profile_sharing", "contact_to_partner", "overlap")
        events, stored, status = decided(work, dict.fromkeys(asked, True), asked, NewClient())
        assert [(e[0], e[1].get("purpose")) for e in events] == [
            ("intake.consent.given", "profile_sharing"), ("intake.profile.shared", None),
            ("intake.consent.given", "contact_to_partner"), ("intake.consent.given", "overlap"),
            ("intake.statistics.recorded", None)]
        assert events[4][1]["bases"] == {"statistics": "public_task", "esf_reporting": "legal_obligation"}
        assert [(r.purpose, r.given) for r in stored] == [(p, True) for p in asked]
        assert status == "active"


def test_where_statistics_rest_on_consent_a_refusal_sends_only_the_esf_facts(on_consent):
    with on_consent.runtimes["intake"].work() as work:
        asked = bases.asked(work, "sataedu")
        assert consent_rules.STATISTICS in asked and consent_rules.SERVICE in asked
        decisions = {"service": True, "statistics": False}
        events, stored, _status = decided(work, decisions, asked, NewClient())
        # service given (announced); the refusal of statistics never given goes nowhere; ESF facts still travel
        assert [e[0] for e in events] == ["intake.consent.given", "intake.statistics.recorded"]
        assert events[1][1]["bases"] == {"esf_reporting": "legal_obligation"}
        assert [(r.purpose, r.given) for r in stored] == [("service", True), ("statistics", False)]
