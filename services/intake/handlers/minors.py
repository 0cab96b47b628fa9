"""Minors and guardians: the member's age rules, guardian records and requests, the young person's objection
to guardian access, and the consents to renew at 18."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.intake.config import settings
from services.intake.db import clients, consents, guardian_objections, guardian_requests, guardians
from services.intake.domain import minors as rules
from services.intake.domain.clients import clean
from services.intake.handlers import access
from shared import clock
from shared.auth.principal import Principal
from shared.errors import Conflict, Invalid, NotFound, require
from shared.events.envelope import utcnow
from shared.runtime import ServiceRuntime, Work

GUARDIAN_FIELDS = ("name", "email", "phone", "relation", "informed_on")


def age_rules(work: Work) -> rules.AgeRules:
    """The member's age rules (settings, else the defaults)."""
    return settings(work.runtime.config).age_rules


def check_consent(work: Work, row, purpose: str, given: bool, method: str, today: date) -> dict:
    """Field errors of a consent decision by the client's age (see domain.minors.consent_problems)."""
    return rules.consent_problems(purpose, given, method, row.birth_date, today, age_rules(work))


# --- guardians -------------------------------------------------------------------------------
def guardians_of(session: Session, client_id: str) -> list:
    return session.execute(select(guardians).where(guardians.c.client_id == client_id)
                           .order_by(guardians.c.created_at, guardians.c.id)).all()


def add_guardian(work: Work, principal: Principal, client_id, data: dict):
    """Record a guardian of a minor client the manager serves; returns the guardian row."""
    row = access.load_client(work, principal, client_id, what="guardians", why="guardian", action="update")
    require(rules.guardian_problems(data))
    if not rules.is_minor(row.birth_date, clock.today()):
        raise Invalid({"name": [rules.N_("Guardians are recorded only for a client under 18.")]})
    values = clean({k: data.get(k) for k in GUARDIAN_FIELDS})
    guardian_id = str(uuid.uuid4())
    work.session.execute(insert(guardians).values(**values, id=guardian_id, client_id=row.id,
                                                  created_by=principal.user_id, created_at=utcnow()))
    return work.session.execute(select(guardians).where(guardians.c.id == guardian_id)).first()


def _guardian_of(session: Session, client_id: str, guardian_id) -> object:
    row = session.execute(select(guardians).where(guardians.c.id == str(guardian_id),
                                                  guardians.c.client_id == client_id)).first()
    if row is None:
        raise NotFound("No such guardian")
    return row


def list_guardians(work: Work, principal: Principal, client_id) -> list:
    """A minor client's guardians (the read is audited)."""
    row = access.load_client(work, principal, client_id, what="guardians", why="guardian")
    return guardians_of(work.session, row.id)


def update_guardian(work: Work, principal: Principal, client_id, guardian_id, data: dict):
    """Change a guardian's details: the fields given replace the recorded ones; returns the guardian row."""
    row = access.load_client(work, principal, client_id, what="guardians", why="guardian", action="update")
    current = _guardian_of(work.session, row.id, guardian_id)
    merged = {name: data[name] if name in data else getattr(current, name) for name in GUARDIAN_FIELDS}
    require(rules.guardian_problems(merged))
    work.session.execute(update(guardians).where(guardians.c.id == current.id).values(**clean(merged)))
    return _guardian_of(work.session, row.id, current.id)


def remove_guardian(work: Work, principal: Principal, client_id, guardian_id) -> None:
    """Remove a guardian recorded by mistake or no longer the guardian; one whose requests are on record stays."""
    row = access.load_client(work, principal, client_id, what="guardians", why="guardian", action="update")
    current = _guardian_of(work.session, row.id, guardian_id)
    if work.session.execute(select(guardian_requests.c.id).where(
            guardian_requests.c.guardian_id == current.id).limit(1)).first() is not None:
        raise Conflict(rules.N_("The guardian's requests are on record, so the guardian stays with them."))
    work.session.execute(guardians.delete().where(guardians.c.id == current.id))


# --- the young person's objection -----------------------------------------------------------------
def objection_in_force(session: Session, client_id: str) -> tuple[bool, object]:
    """(whether the young person objects to guardian access now, since when)."""
    row = session.execute(select(guardian_objections.c.objects, guardian_objections.c.decided_at)
                          .where(guardian_objections.c.client_id == client_id)
                          .order_by(guardian_objections.c.decided_at.desc(), guardian_objections.c.id.desc())
                          .limit(1)).first()
    return (bool(row.objects), row.decided_at) if row else (False, None)


def object_to_guardian_access(work: Work, principal: Principal, client_id, objects: bool) -> bool:
    """Record the young person's objection to guardian access (or its withdrawal); the student's own or the
    manager's record of it. Returns whether the objection is in force now."""
    row = access.load_client(work, principal, client_id, what="guardian_objection", why="guardian",
                             action="update")
    work.session.execute(insert(guardian_objections).values(
        client_id=row.id, objects=objects, decided_at=utcnow(), recorded_by=principal.user_id,
        method="in_person" if principal.has("manager") else "self_service"))
    return objects


# --- guardian requests ----------------------------------------------------------------------------
def record_request(work: Work, principal: Principal, client_id, guardian_id: str, kind: str, received_on: date):
    """Record a guardian's request for access to or information about the minor's data; the manager decides."""
    row = access.load_client(work, principal, client_id, what="guardian_request", why="guardian", action="update")
    errors: dict = {}
    if kind not in rules.REQUEST_KINDS:
        errors["kind"] = [rules.N_("Choose one of the options.")]
    if not any(g.id == guardian_id for g in guardians_of(work.session, row.id)):
        errors["guardian_id"] = [rules.N_("Choose one of the options.")]
    if received_on is None or received_on > clock.today():
        errors["received_on"] = [rules.N_("Give a date that is not in the future.")]
    require(errors)
    request_id = str(uuid.uuid4())
    work.session.execute(insert(guardian_requests).values(
        id=request_id, client_id=row.id, guardian_id=guardian_id, kind=kind, received_on=received_on,
        status="open", recorded_by=principal.user_id, created_at=utcnow()))
    return request_id


def list_requests(work: Work, principal: Principal, client_id) -> list[dict]:
    """A minor client's guardian requests, newest first, with the guardian's name (the read is audited)."""
    row = access.load_client(work, principal, client_id, what="guardian_request", why="guardian")
    return sorted(_requests(work.session, row.id), key=lambda r: r["created_at"], reverse=True)


def request_of(work: Work, client_id, request_id) -> dict:
    """One guardian request of a client already loaded (for the answer after recording or deciding it)."""
    found = [r for r in _requests(work.session, client_id) if str(r["id"]) == str(request_id)]
    if not found:
        raise NotFound("No such request")
    return found[0]


def _requests(session: Session, client_id) -> list[dict]:
    names = {g.id: g.name for g in guardians_of(session, str(client_id))}
    rows = session.execute(select(guardian_requests).where(guardian_requests.c.client_id == str(client_id))).all()
    return [{**r._mapping, "guardian_name": names.get(r.guardian_id)} for r in rows]


def objection_of(work: Work, principal: Principal, client_id) -> dict:
    """Whether the young person objects to guardian access, and since when (the read is audited)."""
    row = access.load_client(work, principal, client_id, what="guardian_objection", why="guardian")
    objects, since = objection_in_force(work.session, row.id)
    return {"objects": objects, "since": since}


def decide_request(work: Work, principal: Principal, client_id, request_id: str, grant: bool) -> str:
    """Grant or refuse an open guardian request; a grant is refused while the young person objects."""
    row = access.load_client(work, principal, client_id, what="guardian_request", why="guardian", action="update")
    if not principal.has("manager"):
        raise NotFound("No such request")
    request = work.session.execute(select(guardian_requests).where(
        guardian_requests.c.id == str(request_id), guardian_requests.c.client_id == row.id)).first()
    if request is None:
        raise NotFound("No such request")
    if request.status != "open":
        raise Conflict(rules.N_("The request has already been decided."))
    problem = rules.request_decision_problem(grant, objection_in_force(work.session, row.id)[0])
    if problem:
        raise Conflict(problem)
    status = "granted" if grant else "refused"
    work.session.execute(update(guardian_requests).where(guardian_requests.c.id == request.id).values(
        status=status, decided_by=principal.user_id, decided_at=utcnow()))
    if grant:
        access.audit(work, principal, row.id, "disclose", "guardian_request", "guardian",
                     detail={"kind": request.kind, "granted": True})
    return status


def guardian_view(session: Session, client_row, today: date, age: rules.AgeRules) -> dict:
    """What the card and the student's page show of guardians (the caller has loaded and audited the client)."""
    objects, since = objection_in_force(session, client_row.id)
    names = {g.id: g.name for g in guardians_of(session, client_row.id)}
    requests = session.execute(select(guardian_requests).where(guardian_requests.c.client_id == client_row.id)
                               .order_by(guardian_requests.c.created_at.desc())).all()
    return {"minor": rules.is_minor(client_row.birth_date, today),
            "group": rules.age_group(client_row.birth_date, today, age),
            "guardians": guardians_of(session, client_row.id), "objects": objects, "objected_at": since,
            "requests": [{"row": r, "guardian": names.get(r.guardian_id, "")} for r in requests]}


# --- coming of age ----------------------------------------------------------------------------------
def renewal_due(session: Session, client_row, today: date) -> date | None:
    """The 18th birthday when the client's consents in force were given before it, else None."""
    history = session.execute(select(consents.c.purpose, consents.c.given, consents.c.decided_at)
                              .where(consents.c.client_id == client_row.id)
                              .order_by(consents.c.decided_at, consents.c.id)).all()
    newest: dict = {}
    for purpose, given, decided_at in history:
        newest[purpose] = (given, decided_at)
    given_on = [clock.day_of(decided_at) for given, decided_at in newest.values() if given]
    return rules.renewal_due(client_row.birth_date, given_on, today)


def adulthood_check(runtime: ServiceRuntime, today: date) -> list[tuple[str, str, date]]:
    """(organisation, client id, 18th birthday) of every active client whose consents need renewing."""
    found = []
    with runtime.db.session() as session:
        rows = session.execute(select(clients).where(clients.c.status == "active",
                                                     clients.c.birth_date.is_not(None))).all()
        for row in rows:
            due = renewal_due(session, row, today)
            if due is not None:
                found.append((row.organisation, row.id, due))
    return sorted(found, key=lambda item: (item[0], item[2], item[1]))


def renew_consents(work: Work, principal: Principal, client_id) -> list[str]:
    """The client of age confirms every consent in force anew (their own decision now); returns the purposes."""
    from services.intake.handlers.consents import current_consents, decide

    row = access.load_client(work, principal, client_id, what="consents", why="consent_decision",
                             detail={"renewal": "adulthood"})
    given = [purpose for purpose, on in current_consents(work.session, row.id).items() if on]
    for purpose in given:
        decide(work, principal, row.id, purpose, True, why="consent_decision")
    return given
