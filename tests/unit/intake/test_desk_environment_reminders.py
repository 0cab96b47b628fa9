"""What intake keeps of environments' `environments.environment.reminders_changed` (environment_reminders) and the
desk's environments needing action read from it: the latest announcement of each environment, kept once, a late
or redelivered one changing nothing; the host's own environments only; nothing about a person."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from services.intake.db import clients, environment_reminders
from services.intake.handlers import desk
from services.intake.subscribers.environments import HANDLERS
from shared.auth.principal import Principal
from shared.events.catalogue import REGISTRY
from shared.events.envelope import Envelope
from shared.events.registry import InvalidEvent

TYPE = "environments.environment.reminders_changed"
PAJA, KIERRATYS, SAMKIN = (str(uuid.uuid4()) for _ in range(3))
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
TODAY = desk.Today(now=T0)


def announced(environment_id: str, name: str, missing: list[str], *, status: str = "completed",
              host: str = "sataedu", at: datetime = T0) -> Envelope:
    return REGISTRY.validate(Envelope(type=TYPE, organisation="verkosto", service="environments", occurred_at=at,
                                      payload={"environment_id": environment_id, "host_organisation": host,
                                               "name": name, "status": status, "missing": missing}))


@pytest.fixture
def work():
    engine = create_engine("sqlite://")
    clients.metadata.create_all(engine, tables=[environment_reminders])
    with Session(engine) as session, session.begin():
        yield SimpleNamespace(session=session)


def deliver(work, envelope: Envelope) -> None:
    HANDLERS[envelope.type](work, envelope)


def manager(organisation: str = "sataedu", *roles: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), organisation=organisation, roles=frozenset({"manager", *roles}))


def listed(work, principal: Principal) -> list[tuple[str, tuple[str, ...], tuple[str, str]]]:
    return [(i.values["environment"], i.values["missing"], i.link)
            for i in desk.collect(work, principal, TODAY, kinds=("environments",)).sections[0][1]]  # type: ignore[arg-type]


def counted(work, principal: Principal) -> int:
    return work.session.execute(desk.count_environments_needing_action(principal, TODAY)).scalar_one()


def test_each_environment_needing_action_is_one_item_with_what_it_misses_in_order_by_name(work):
    deliver(work, announced(PAJA, "Pelipaja", ["survey", "outcomes"]))
    deliver(work, announced(KIERRATYS, "Kierrätyspaja", ["review"], status="draft"))
    assert listed(work, manager()) == [
        ("Kierrätyspaja", ("review",), ("environments", f"environments/{KIERRATYS}")),
        ("Pelipaja", ("survey", "outcomes"), ("environments", f"environments/{PAJA}"))]
    assert counted(work, manager()) == 2


def test_a_redelivered_or_older_announcement_changes_nothing_and_a_newer_one_replaces_it(work):
    first = announced(PAJA, "Pelipaja", ["start_metrics"], status="running")
    deliver(work, first)
    deliver(work, first)  # redelivered: still one row, the same
    assert work.session.execute(select(func.count()).select_from(environment_reminders)).scalar_one() == 1
    later = announced(PAJA, "Pelipaja", ["end_metrics", "survey"], at=T0 + timedelta(hours=1))
    deliver(work, later)
    deliver(work, announced(PAJA, "Pelipaja", ["start_metrics"], status="running", at=T0 + timedelta(minutes=30)))
    [row] = work.session.execute(select(environment_reminders)).all()
    assert (row.status, row.missing, row.outstanding) == ("completed", ["end_metrics", "survey"], 2)
    deliver(work, later)  # redelivered after all: the same
    assert listed(work, manager()) == [("Pelipaja", ("end_metrics", "survey"), ("environments",
                                                                                f"environments/{PAJA}"))]


def test_nothing_missing_evaluated_or_cancelled_is_not_on_the_desk(work):
    deliver(work, announced(PAJA, "Pelipaja", ["review"], status="draft"))
    deliver(work, announced(PAJA, "Pelipaja", [], status="draft", at=T0 + timedelta(minutes=1)))  # reviewed
    deliver(work, announced(KIERRATYS, "Kierrätyspaja", ["start_metrics"], status="evaluated"))
    deliver(work, announced(SAMKIN, "Peruttu", ["start_metrics"], status="cancelled"))
    assert listed(work, manager()) == [] and counted(work, manager()) == 0


def test_a_manager_sees_their_own_organisations_environments_and_a_coordinator_every_one(work):
    deliver(work, announced(PAJA, "Pelipaja", ["outcomes"]))
    deliver(work, announced(SAMKIN, "Samkin paja", ["review"], status="draft", host="samk"))
    assert [name for name, _missing, _link in listed(work, manager("sataedu"))] == ["Pelipaja"]
    assert [name for name, _missing, _link in listed(work, manager("samk"))] == ["Samkin paja"]
    assert listed(work, manager("pori")) == [] and counted(work, manager("pori")) == 0
    both = manager("sataedu", "coordinator")  # environments' reminders answer a coordinator for every environment
    assert [name for name, _missing, _link in listed(work, both)] == ["Pelipaja", "Samkin paja"]
    assert counted(work, both) == 2 and counted(work, manager("samk")) == 1


def test_the_projection_holds_nothing_about_a_person_so_an_erasure_leaves_it_as_it_was():
    """Only the environment, its host, name and status and the kinds of what it misses: no participant, client or
    partner id travels in the event or is kept, so an erased client's data is not here to remove (environments
    keeps the anonymised participation, so what the environment misses does not change either)."""
    assert {c.name for c in environment_reminders.columns} == {
        "environment_id", "host_organisation", "name", "status", "missing", "outstanding", "announced_at",
        "updated_at"}
    assert set(REGISTRY.get(TYPE).schema().fields) == {"environment_id", "host_organisation", "name", "status",
                                                        "missing"}
    assert REGISTRY.get(TYPE).statistics is False  # nothing to count: reporting's raw log does not take it


def test_a_missing_kind_outside_environments_reminder_kinds_is_refused_by_the_contract():
    with pytest.raises(InvalidEvent):
        announced(PAJA, "Pelipaja", ["coffee"])
