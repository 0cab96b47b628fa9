"""Overlap detection on RabbitMQ and PostgreSQL, each service as its generated least-privilege user: the two
member intakes never receive each other's person keys, a member that registers a person it knows learns
nothing without a basis, and with a basis on both sides each of the two (and no one else) is told and logs
the disclosure."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from services.intake.db import shared_client_notices
from services.intake.handlers.registration import register
from services.matching.db import person_keys
from shared import clock
from shared.auth.principal import Principal
from tests.integration.test_bus_least_privilege import network  # noqa: F401  (the deployed network fixture)
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def registered(net, name: str, first: str, last: str, **consents) -> str:  # noqa: F811
    runtime = net.runtime(name, "intake")
    org = net.slugs[name]
    manager = Principal(user_id=str(uuid.uuid4()), username="m", name="M", organisation=org,
                        roles=frozenset({"manager"}))
    with runtime.work() as work:
        row = register(work, manager, {"first_name": first, "last_name": last, "birth_date": date(2002, 9, 14),
                                       "home_municipality": "050"}, {"service": True, **consents}, today=clock.today())
    return row.id


def rows(runtime, table, *where):
    with runtime.db.session() as session:
        return session.execute(select(table).where(*where)).all()


def overlap_disclosures(runtime) -> list[list[str]]:
    """The clients named by each overlap disclosure in the instance's audit store."""
    from tests.support.factories import audit_entries

    return [e["subject_ids"] for e in audit_entries(runtime) if e["action"] == "disclose"
            and e["object_type"] == "overlap_notice"]


def types_received(runtime) -> set[str]:
    with runtime.db.session() as session:
        return set(session.execute(select(runtime.tables.inbox.c.type)).scalars())


def test_overlap_detection_over_the_broker_tells_only_the_two_with_a_basis(network):  # noqa: F811
    network.start(*[(name, service, role) for name, service in (("sataedu", "intake"), ("samk", "intake"),
                                                                 ("verkosto", "matching"))
                    for role in ("relay", "consumer")])
    sataedu, samk = network.runtime("sataedu", "intake"), network.runtime("samk", "intake")
    matching = network.runtime("verkosto", "matching")
    sataedu_org, samk_org = network.slugs["sataedu"], network.slugs["samk"]

    # the oracle: sataedu's client gave no consent; samk registers the same person it knows, with consent
    hidden = registered(network, "sataedu", "Veera", "Lahtinen")
    probe = registered(network, "samk", "VEERA", "Lahtinen", overlap=True)
    eventually(lambda: {r.client_id for r in rows(matching, person_keys)} == {probe}, timeout=120,
               message="matching keeps the key with a basis only")
    assert rows(samk, shared_client_notices) == [] and rows(sataedu, shared_client_notices) == []

    # with consent on both sides: each is told, and logs it
    ours = registered(network, "sataedu", "Aada", "Nieminen", overlap=True)
    theirs = registered(network, "samk", "Aada", "Nieminen", overlap=True)
    eventually(lambda: len(rows(sataedu, shared_client_notices)) == 1 and len(rows(samk, shared_client_notices)) == 1,
               timeout=120, message="both sides got a notice")
    [here] = rows(sataedu, shared_client_notices)
    [there] = rows(samk, shared_client_notices)
    assert (here.client_id, here.other_organisation, here.other_client_id) == (ours, samk_org, theirs)
    assert (there.client_id, there.other_organisation, there.other_client_id) == (theirs, sataedu_org, ours)
    assert overlap_disclosures(sataedu) == [[ours]] and overlap_disclosures(samk) == [[theirs]]
    assert hidden not in {here.client_id, there.other_client_id}
    for intake in (sataedu, samk):
        assert "intake.person_key.published" not in types_received(intake), "no member receives another's keys"
