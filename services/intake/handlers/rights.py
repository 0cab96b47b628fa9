"""The register of rights requests: received, due in a month (or extended by two), answered or refused.

Only the managers of the client's organisation see and handle its requests; reading a client's name
for the register is audited as any other read.
"""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select, update

from services.intake.db import clients, rights_requests
from services.intake.domain import N_
from services.intake.domain import rights as rules
from services.intake.handlers import access
from shared import clock
from shared.auth.principal import Principal
from shared.errors import Forbidden, Invalid, NotFound, require
from shared.events.contracts.intake import PROCESSING_PURPOSES
from shared.events.envelope import utcnow
from shared.runtime import Work


def _manager(principal: Principal) -> None:
    if not principal.has("manager") or not principal.organisation:
        raise Forbidden("Only a service manager handles rights requests")


def _client_of(work: Work, principal: Principal, client_id, what: str, *, erased: bool = False):
    """The client of the principal's own organisation (archived records too: a request may concern one; an
    erased one only to show a request made before the erasure)."""
    row = work.session.execute(select(clients).where(clients.c.id == str(client_id))).first()
    if row is None or (row.status == "erased" and not erased) or row.organisation != principal.organisation:
        raise NotFound("No such client")
    access.audit(work, principal, row.id, "read", what, "rights_request")
    return row


def register(work: Work, principal: Principal, client_id, kind: str, purpose: str | None,
             received_on: date | None) -> dict:
    """Enter a request into the register; an erasure request gets its decision drafted at once."""
    _manager(principal)
    today = clock.today()
    require(rules.request_problems(kind, purpose or None, received_on, today, PROCESSING_PURPOSES))
    assert received_on is not None
    row = _client_of(work, principal, client_id, "client_name")
    request_id = _enter(work, principal, row, kind, purpose or None, received_on)
    return request_view(work, principal, request_id)


def _enter(work: Work, principal: Principal, row, kind: str, purpose: str | None, received_on: date) -> str:
    """Insert a checked request into the client's organisation's register; an erasure gets its decision drafted."""
    request_id = str(uuid.uuid4())
    now = utcnow()
    work.session.execute(insert(rights_requests).values(
        id=request_id, organisation=row.organisation, client_id=row.id, kind=kind, purpose=purpose,
        received_on=received_on, due_on=rules.due_on(received_on), state="open", created_by=principal.user_id,
        created_at=now, updated_at=now))
    if kind == "erasure":
        from services.intake.handlers.erasure import draft

        draft(work, principal, row, request_id)
    return request_id


# --- the client's own requests --------------------------------------------------------------------
def _own_client(work: Work, principal: Principal, action: str):
    if not principal.has("student") or not principal.client_id:
        raise NotFound("No such client")
    return access.load_client(work, principal, principal.client_id, what="rights_request", why="own_use",
                              action=action)


def file_own(work: Work, principal: Principal, kind: str, purpose: str | None) -> dict:
    """The signed-in client files a request themselves, received today; one still open of the same kind (and
    purpose) is not filed twice. Returns the request as the client sees it."""
    row = _own_client(work, principal, action="update")
    today = clock.today()
    require(rules.request_problems(kind, purpose or None, today, today, PROCESSING_PURPOSES))
    same = work.session.execute(select(rights_requests.c.id).where(
        rights_requests.c.client_id == row.id, rights_requests.c.kind == kind,
        rights_requests.c.purpose.is_(None) if not purpose else rights_requests.c.purpose == purpose,
        rights_requests.c.state.in_(rules.OPEN_STATES))).first()
    request_id = same.id if same is not None else _enter(work, principal, row, kind, purpose or None, today)
    return next(r for r in _own_views(work, row.id) if str(r["id"]) == str(request_id))


def own_requests(work: Work, principal: Principal) -> list[dict]:
    """The signed-in client's requests, newest first, with their deadlines, answers and erasure decisions; still
    shown once the record is archived or erased, so that the person sees what was decided (the read is audited)."""
    if not principal.has("student") or not principal.client_id:
        raise NotFound("No such client")
    row = work.session.execute(select(clients.c.id, clients.c.organisation).where(
        clients.c.id == str(principal.client_id))).first()
    if row is None:
        raise NotFound("No such client")
    work.audit(principal, "read", "rights_request", "own_use", subjects=[row.id], organisation=row.organisation)
    return _own_views(work, row.id)


def _own_views(work: Work, client_id) -> list[dict]:
    from services.intake.handlers.erasure import decision_of

    today = clock.today()
    rows = work.session.execute(select(rights_requests).where(rights_requests.c.client_id == str(client_id))
                                .order_by(rights_requests.c.created_at.desc())).all()
    views = []
    for row in rows:
        view = _view(row, None, today)
        decision = decision_of(work, row.id) if row.kind == "erasure" else None
        views.append({key: view[key] for key in OWN_FIELDS} | {
            "erasure_decision": {"state": decision["state"], "items": decision["items"]} if decision else None})
    return views


OWN_FIELDS = ("id", "kind", "purpose", "received_on", "deadline", "state", "decision", "decided_on",
              "extension_reason")


def open_count(session, client_id) -> int:
    """How many of the client's requests wait for an answer (for their own page)."""
    return len(session.execute(select(rights_requests.c.id).where(
        rights_requests.c.client_id == str(client_id), rights_requests.c.state.in_(rules.OPEN_STATES))).all())


def open_erasure_request(session, client_id):
    """The client's open erasure request (for the manager's prompts), or None."""
    return session.execute(select(rights_requests).where(
        rights_requests.c.client_id == str(client_id), rights_requests.c.kind == "erasure",
        rights_requests.c.state.in_(rules.OPEN_STATES)).order_by(rights_requests.c.received_on).limit(1)).first()


def _load(work: Work, principal: Principal, request_id):
    _manager(principal)
    row = work.session.execute(select(rights_requests).where(
        rights_requests.c.id == str(request_id),
        rights_requests.c.organisation == principal.organisation)).first()
    if row is None:
        raise NotFound("No such request")
    return row


def _view(row, name: str | None, today: date) -> dict:
    deadline = row.extended_to or row.due_on
    urgency = rules.urgency(row.state, deadline, today)
    return {**dict(row._mapping), "client_name": name, "deadline": deadline, "urgency": urgency.state,
            "days_left": urgency.days_left}


def _name(row) -> str | None:
    return f"{row.first_name} {row.last_name}" if row.first_name or row.last_name else None


def request_view(work: Work, principal: Principal, request_id) -> dict:
    row = _load(work, principal, request_id)
    client = _client_of(work, principal, row.client_id, "client_name", erased=True)
    return _view(row, _name(client), clock.today())


def extend(work: Work, principal: Principal, request_id, reason: str) -> dict:
    """Extend the answer by two further months, with the reason the person is told (Art. 12(3))."""
    row = _load(work, principal, request_id)
    if row.state != "open":
        raise Invalid({"extension_reason": [N_("Only an open request can be extended, once.")]})
    if not reason.strip():
        raise Invalid({"extension_reason": [N_("Give the reason the person is told.")]})
    work.session.execute(update(rights_requests).where(rights_requests.c.id == row.id).values(
        state="extended", extended_to=rules.extended_to(row.received_on), extension_reason=reason.strip()[:500],
        updated_at=utcnow()))
    return request_view(work, principal, request_id)


def answer(work: Work, principal: Principal, request_id, state: str, decision: str) -> dict:
    """Close a request: done (carried out) or refused, with the decision the person is told."""
    row = _load(work, principal, request_id)
    errors = {}
    if state not in ("done", "refused"):
        errors["state"] = [N_("Choose one of the options.")]
    if not decision.strip():
        errors["decision"] = [N_("This field is required.")]
    require(errors)
    if row.state not in rules.OPEN_STATES:
        raise Invalid({"state": [N_("The request has been answered already.")]})
    work.session.execute(update(rights_requests).where(rights_requests.c.id == row.id).values(
        state=state, decision=decision.strip()[:2000], decided_on=clock.today(), decided_by=principal.user_id,
        updated_at=utcnow()))
    return request_view(work, principal, request_id)


def register_page(work: Work, principal: Principal, today: date | None = None, *, open_only: bool = False) -> list:
    """The organisation's requests, open ones first by deadline; each listed client's name read is audited."""
    _manager(principal)
    today = today or clock.today()
    t = rights_requests
    query = (select(t, clients.c.first_name, clients.c.last_name).join(clients, clients.c.id == t.c.client_id)
             .where(t.c.organisation == principal.organisation))
    if open_only:
        query = query.where(t.c.state.in_(rules.OPEN_STATES))
    rows = work.session.execute(query).all()
    for row in rows:
        access.audit(work, principal, row.client_id, "read", "client_name", "rights_request")
    views = [_view(row, _name(row), today) for row in rows]
    order = {"overdue": 0, "near": 1, "in_time": 2, "answered": 3}
    return sorted(views, key=lambda v: (order[v["urgency"]], v["deadline"], v["received_on"]))
