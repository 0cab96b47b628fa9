"""Who may see and do what with environments (the access design of this service).

- **Managers of the host organisation** edit their environments: details, roles, the gender-neutral
  review, moves through the lifecycle, completing participants and recording outcomes.
- **Managers of the other member organisations** read every environment and enrol *their own*
  organisation's clients (the client's organisation is always the manager's own, and the client one
  that organisation's intake announced: `known_clients`); they may withdraw their own clients and keep
  their goals and metrics. They cannot edit. Another organisation's student joins through matching:
  their own manager accepts the suggestion.
- **Partners** (users of a partner's own organisation) see only the environments where their partner
  takes part: they read them, assess the participants and the team overall, and record the outcomes
  that concern their partner. A partner that is not in an environment gets 404 for it.
- **Students** see only their own participation (principal.client_id and organisation match the
  participant's): the environment they are in, their goals and metrics, their own survey, the
  assessments of themselves and their badge.
- **The coordinator** reads every environment, without the team's names and without free texts of
  individuals; the progress towards the target and aggregates are for them. The partners' assessments
  reach them only as counts and averages over groups of at least five, never one by one.
- **The administrator** has nothing special here.

People are shown at three levels: *full* (the client's own organisation's manager and the student
themself: the client id, gender and everything else), *team* (host managers and the environment's
partners: the name the team knows them by, role, goals, assessments) and *summary* (anyone else who
reads the environment: the role and status only). Something a principal may not see answers 404,
so that its existence does not leak.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, exists, false, or_, select, true
from sqlalchemy.orm import Session

from services.environments.db import environment_partners, environments, known_clients, participants
from services.environments.handlers.kept import read
from shared.auth.principal import Principal
from shared.errors import Forbidden, NotFound

FULL, TEAM, SUMMARY = "full", "team", "summary"


@dataclass(frozen=True)
class Access:
    """What a principal may do with one environment."""

    edit: bool = False  # a manager of the host organisation
    enrol: bool = False  # any manager: their own organisation's clients
    partner_ids: tuple[str, ...] = ()  # the environment's partners the principal acts for
    student: bool = False  # a student who takes part
    coordinator: bool = False

    @property
    def assess(self) -> bool:
        return bool(self.partner_ids)

    @property
    def sees_team(self) -> bool:
        return self.edit or self.assess

    def as_dict(self) -> dict:
        return {"edit": self.edit, "enrol": self.enrol, "assess": self.assess, "partner_ids": list(self.partner_ids),
                "student": self.student}


def is_own_client(principal: Principal, participant) -> bool:
    """The student themself (by their client record and organisation)."""
    return bool(principal.has("student") and principal.client_id and participant.client_id
                and principal.client_id == participant.client_id
                and principal.organisation == participant.client_organisation)


def is_known_client(session: Session, organisation: str | None, client_id: str) -> bool:
    """Whether `organisation`'s intake announced (and has not erased) this client."""
    return bool(organisation) and session.execute(select(known_clients.c.client_id).where(
        known_clients.c.organisation == organisation, known_clients.c.client_id == client_id)).first() is not None


def manages_client(principal: Principal, participant) -> bool:
    """A manager of the participant's own organisation."""
    return principal.has("manager") and principal.organisation == participant.client_organisation


def visible_condition(principal: Principal, *, named: bool = False):
    """A WHERE clause for the environments this principal may see; `named`: with the principal's organisation and
    client id as the parameters `organisation` and `client_id` (given at execution), the same for every principal
    of the same `visible_shape`."""
    all_of, partner, student = visible_shape(principal)
    if all_of:
        return true()
    organisation = bindparam("organisation") if named else principal.organisation
    conditions = []
    if partner:
        conditions.append(exists().where(environment_partners.c.environment_id == environments.c.id,
                                         environment_partners.c.organisation == organisation))
    if student:
        conditions.append(exists().where(participants.c.environment_id == environments.c.id,
                                         participants.c.client_id == (bindparam("client_id") if named
                                                                      else principal.client_id),
                                         participants.c.client_organisation == organisation))
    return or_(*conditions) if conditions else false()


def visible_shape(principal: Principal) -> tuple[bool, bool, bool]:
    """Which conditions `visible_condition` makes: all environments (a manager, the coordinator); a partner's;
    a student's."""
    if principal.has("manager", "coordinator"):
        return True, False, False
    return (False, bool(principal.has("partner") and principal.organisation),
            bool(principal.has("student") and principal.client_id))


def access_to(session: Session, principal: Principal, environment) -> Access | None:
    """What the principal may do with an environment, or None when they may not see it at all."""
    partner_ids: tuple[str, ...] = ()
    if principal.has("partner") and principal.organisation:
        partner_ids = tuple(read(session, "access.partner_ids", lambda d: select(
            environment_partners.c.partner_id).where(
            environment_partners.c.environment_id == bindparam("environment_id"),
            environment_partners.c.organisation == bindparam("organisation")),
            environment_id=environment.id, organisation=principal.organisation).scalars())
    student = False
    if principal.has("student") and principal.client_id:
        student = read(session, "access.student", lambda d: select(participants.c.id).where(
            participants.c.environment_id == bindparam("environment_id"),
            participants.c.client_id == bindparam("client_id"),
            participants.c.client_organisation == bindparam("organisation")),
            environment_id=environment.id, client_id=principal.client_id,
            organisation=principal.organisation).first() is not None
    manager = principal.has("manager")
    coordinator = principal.has("coordinator")
    if not (manager or coordinator or partner_ids or student):
        return None
    return Access(edit=manager and principal.organisation == environment.host_organisation, enrol=manager,
                  partner_ids=partner_ids, student=student, coordinator=coordinator)


def load_environment(session: Session, principal: Principal, environment_id, *, lock: bool = False):
    """The environment and the principal's access to it, or a 404 when they may not see it."""
    if lock and session.get_bind().dialect.name == "postgresql":
        row = session.execute(select(environments).where(environments.c.id == str(environment_id))
                              .with_for_update()).first()
    else:
        row = read(session, "environment", lambda d: select(environments).where(
            environments.c.id == bindparam("environment_id")), environment_id=str(environment_id)).first()
    access = access_to(session, principal, row) if row is not None else None
    if access is None:
        raise NotFound("No such environment")
    return row, access


def require_edit(access: Access) -> None:
    if not access.edit:
        raise Forbidden("Only the host organisation's managers edit this environment")


def participant_level(principal: Principal, access: Access, participant) -> str:
    """How much of a participant this principal sees: full, team or summary."""
    if is_own_client(principal, participant) or manages_client(principal, participant):
        return FULL
    if access.sees_team:
        return TEAM
    return SUMMARY
