"""Commands on participants: enrolment into a role, withdrawal, completion, own goals and personal metrics."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update

from services.environments.db import environments, participants, roles
from services.environments.domain import (
    N_,
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    lifecycle,
    participation,
    require,
)
from services.environments.handlers import access as acl
from services.environments.handlers import payloads, reminders, views
from services.environments.handlers.evidence import complete_participant
from shared import clock
from shared.audit import record_by
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.runtime import Work


def _in_other_running(session, client_id: str, organisation: str, environment_id: str) -> bool:
    return session.execute(select(participants.c.id).join(
        environments, environments.c.id == participants.c.environment_id).where(
        participants.c.client_id == client_id, participants.c.client_organisation == organisation,
        participants.c.status == participation.ENROLLED, environments.c.status == lifecycle.RUNNING,
        environments.c.id != environment_id)).first() is not None


def enrol(work: Work, principal: Principal, row, access: acl.Access, data: dict) -> str:
    """Enrol a client of the manager's own organisation into a role, if a seat is free.

    Another organisation's student is suggested to their own manager (matching), whose acceptance enrols them.
    """
    if not access.enrol:
        raise Forbidden("Only service managers enrol participants")
    if not acl.is_known_client(work.session, principal.organisation, str(data["client_id"])):
        raise Invalid({"client_id": [N_("No such client of your organisation.")]})
    return enrol_client(work, row, data, organisation=principal.organisation, enrolled_by=principal.user_id)


def enrol_client(work: Work, row, data: dict, *, organisation: str, enrolled_by: str | None) -> str:
    """Enrol a client of `organisation` into a role of the environment `row` under the seat rules."""
    session = work.session
    client_id = str(data["client_id"])
    role = session.execute(select(roles).where(roles.c.id == str(data["role_id"]),
                                               roles.c.environment_id == row.id)).first()
    if role is None:
        raise Invalid({"role_id": [N_("No such role in this environment.")]})
    require(participation.period_problems(data.get("started_on"), None))
    taken = views.taken_seats(session, row.id)
    already = session.execute(select(participants.c.id).where(
        participants.c.environment_id == row.id, participants.c.client_id == client_id,
        participants.c.client_organisation == organisation)).first() is not None
    participation.check_enrolment(participation.Seats(
        environment_status=row.status, capacity=row.capacity, taken=sum(taken.values()), role_seats=role.seats,
        role_taken=taken.get(role.id, 0), already_in_environment=already,
        in_other_running=_in_other_running(session, client_id, organisation, row.id)))
    participant_id, now = str(uuid.uuid4()), utcnow()
    started_on = data.get("started_on") or (clock.day_of(now) if row.status == lifecycle.RUNNING else row.starts_on)
    suggestion = str(data["via_suggestion_id"]) if data.get("via_suggestion_id") else None
    session.execute(insert(participants).values(
        id=participant_id, environment_id=row.id, role_id=role.id, client_id=client_id,
        client_organisation=organisation, team_name=(data.get("team_name") or "").strip() or None,
        status=participation.ENROLLED, started_on=started_on,
        learning_goals=(data.get("learning_goals") or "").strip() or None, gender=data.get("gender"),
        enrolled_by=enrolled_by, via_suggestion_id=suggestion, demonstrated_skills=[], created_at=now,
        updated_at=now))
    person = views.load_participant(session, participant_id)
    reminders.touched(work, row.id)
    work.emit("environments.participant.enrolled", payloads.participant(
        person, role_id=role.id, started_on=started_on.isoformat() if started_on else None,
        via_suggestion_id=suggestion, environment_name=row.name))
    return participant_id


def load_person(session, principal: Principal, participant_id):
    """A participant, its environment and the principal's access; 404 unless the principal may see them."""
    person = views.load_participant(session, participant_id)
    if person is None:
        raise NotFound("No such participant")
    row, access = acl.load_environment(session, principal, person.environment_id)
    if access.student and not acl.is_own_client(principal, person) and not (access.enrol or access.assess):
        raise NotFound("No such participant")
    if acl.participant_level(principal, access, person) != acl.SUMMARY:
        record_by(session, principal, "read", "participation",
                  "own_use" if acl.is_own_client(principal, person) else "environment",
                  [(person.client_id, person.client_organisation)], objects=[row.id])
    return person, row, access


def may_withdraw(principal: Principal, person, access: acl.Access) -> bool:
    """The host's managers and the client's own manager record a participant's withdrawal."""
    return access.edit or acl.manages_client(principal, person)


def withdraw(work: Work, principal: Principal, person, row, access: acl.Access, reason: str | None) -> None:
    """A participant leaves; the host's managers or the client's own manager record it with the reason."""
    if not may_withdraw(principal, person, access):
        raise Forbidden("Only the host's managers or the client's own manager record a withdrawal")
    participation.check_withdrawal(person.status, reason)
    today = clock.today()
    work.session.execute(update(participants).where(participants.c.id == person.id).values(
        status=participation.WITHDRAWN, ended_on=today, withdrawal_reason=reason.strip(), updated_at=utcnow()))
    reminders.touched(work, row.id)
    if person.client_id:
        work.emit("environments.participant.withdrew", payloads.participant(person, on=today.isoformat()))


def complete(work: Work, person, row, access: acl.Access, ended_on=None) -> None:
    """The host's managers mark one participant completed before the environment completes."""
    acl.require_edit(access)
    participation.check_completion(person.status, row.status)
    if ended_on and person.started_on and ended_on < person.started_on:
        raise Invalid({"ended_on": [N_("The end date cannot be before the start date.")]})
    complete_participant(work, person, row.name, ended_on or clock.today())


def _own_or_managed(principal: Principal, person) -> None:
    if not (acl.is_own_client(principal, person) or acl.manages_client(principal, person)):
        raise Forbidden("Only the participant or their own service manager may change this")


def set_goals(work: Work, principal: Principal, person, goals: str | None) -> None:
    """The participant's own learning goals, by them or their own manager."""
    _own_or_managed(principal, person)
    if person.status == participation.WITHDRAWN:
        raise Conflict(N_("The participant has withdrawn."))
    work.session.execute(update(participants).where(participants.c.id == person.id).values(
        learning_goals=(goals or "").strip() or None, updated_at=utcnow()))


def participations_of(session, principal: Principal) -> list:
    """The signed-in student's own participations, the newest first."""
    if not principal.client_id:
        return []
    return session.execute(select(participants, environments.c.name.label("environment_name"),
                                  environments.c.status.label("environment_status"))
                           .join(environments, environments.c.id == participants.c.environment_id)
                           .where(participants.c.client_id == principal.client_id,
                                  participants.c.client_organisation == principal.organisation)
                           .order_by(participants.c.created_at.desc())).all()


def named_in(session, row, participant_id):
    """The participant a command names in the environment `row` (None when it names none); Invalid otherwise."""
    if not participant_id:
        return None
    person = session.execute(select(participants).where(participants.c.id == str(participant_id),
                                                        participants.c.environment_id == row.id)).first()
    if person is None:
        raise Invalid({"participant_id": [N_("No such participant in this environment.")]})
    return person
