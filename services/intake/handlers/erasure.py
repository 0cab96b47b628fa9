"""An erasure request as a decision: drafted from the controller's register, carried out by a manager.

The draft lists per record type what is erased, archived or kept and why (domain/erasure.py). A manager of
the client's own organisation sees it and carries it out: an erasure erases (gdpr.erase); an archiving
decision deletes what may go, marks the client record archived (out of daily work) and restricts every
purpose of processing but the archiving itself, so the network stops using the data.
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update

from services.intake.db import erasure_decisions, processing_restrictions, rights_requests
from services.intake.domain import erasure as rules
from services.intake.handlers import access, gdpr
from services.intake.handlers.clients import fetch
from services.intake.handlers.restrictions import announce, restricted_purposes
from shared import clock
from shared.auth.principal import Principal
from shared.errors import Conflict, Forbidden, NotFound
from shared.events.contracts.intake import PROCESSING_PURPOSES
from shared.events.envelope import utcnow
from shared.privacy.register import for_organisation
from shared.runtime import Work

ARCHIVE_STOPS = tuple(p for p in PROCESSING_PURPOSES if p != "esf_reporting")


def items_for(work: Work, organisation: str) -> tuple[str, list[rules.Item]]:
    """The controller's kind and the decision its register gives."""
    register = for_organisation(work.runtime.config, organisation)
    then = {name: rule.then for name, rule in register.retention_rules.items()}
    esf = "esf_reporting" in register.purposes and register.basis("esf_reporting") == "legal_obligation"
    return register.controller_kind, rules.decide(register.controller_kind, then, esf)


def draft(work: Work, principal: Principal, row, request_id: str | None) -> dict:
    kind, items = items_for(work, row.organisation)
    decision_id = str(uuid.uuid4())
    work.session.execute(insert(erasure_decisions).values(
        id=decision_id, client_id=row.id, request_id=request_id, controller_kind=kind, items=rules.as_rows(items),
        state="proposed", made_by=principal.user_id, made_at=utcnow()))
    return {"id": decision_id, "controller_kind": kind, "items": rules.as_rows(items), "state": "proposed"}


def decision_of(work: Work, request_id: str) -> dict | None:
    row = work.session.execute(select(erasure_decisions).where(
        erasure_decisions.c.request_id == str(request_id))).mappings().first()
    return dict(row) if row else None


def decision_for(work: Work, principal: Principal, request) -> dict | None:
    """An erasure request's decision, drafted now when it has none yet (a request moved from the earlier
    erasure requests of the young person's page); None for other kinds and for an answered request."""
    decision = decision_of(work, request["id"]) if request["kind"] == "erasure" else None
    if decision is None and request["kind"] == "erasure" and request["state"] in ("open", "extended"):
        row = fetch(work.session, request["client_id"])
        if row is not None and row.status != "erased":
            draft(work, principal, row, str(request["id"]))
            decision = decision_of(work, request["id"])
    return decision


def carry_out(work: Work, principal: Principal, request_id: str) -> dict:
    """Carry out a request's erasure decision: only a manager of the client's own organisation may."""
    if not principal.has("manager"):
        raise Forbidden("Only a service manager of the client's organisation carries out an erasure")
    request = work.session.execute(select(rights_requests).where(
        rights_requests.c.id == str(request_id), rights_requests.c.organisation == principal.organisation)).first()
    decision = decision_for(work, principal, request._mapping) if request is not None else None
    if request is None or decision is None:
        raise NotFound("No such request")
    if decision["state"] != "proposed":
        raise Conflict("The decision has been carried out already")
    row = fetch(work.session, request.client_id)
    if row is None or row.status == "erased" or row.organisation != principal.organisation:
        raise NotFound("No such client")
    if rules.archives_client(decision["items"]):
        _archive(work, principal, row, decision["items"])
        answer = "archived"
    else:
        access.audit(work, principal, row.id, "erase", "all_data", "erasure", detail={"by": "erasure decision"})
        gdpr.erase(work, row)
        answer = "erased"
    now = utcnow()
    work.session.execute(update(erasure_decisions).where(erasure_decisions.c.id == decision["id"]).values(
        state="executed", executed_by=principal.user_id, executed_at=now))
    work.session.execute(update(rights_requests).where(rights_requests.c.id == request.id).values(
        state="done", decision=f"erasure decision carried out: {answer}", decided_on=clock.day_of(now),
        decided_by=principal.user_id, updated_at=now))
    return {"request_id": str(request_id), "result": answer, "client_id": str(row.id)}


def _archive(work: Work, principal: Principal, row, items: list[dict]) -> None:
    from services.intake.handlers.retention import archive_client

    actions = {item["record_type"]: item["action"] for item in items}
    if actions.get("case_notes") == rules.ERASE:
        gdpr.delete_case_notes(work, row.id)
    archive_client(work, row, principal, ("erasure", {"kept": "official record"}))
    already = set(restricted_purposes(work.session, row.id))
    now = utcnow()
    for purpose in ARCHIVE_STOPS:
        if purpose not in already:
            work.session.execute(insert(processing_restrictions).values(
                client_id=row.id, kind="restriction", purpose=purpose, decision="restricted",
                reason="archived under an erasure decision", decided_by=principal.user_id, started_at=now))
    if row.status == "active":
        work.emit("intake.client.closed", {"client_id": row.id}, organisation=row.organisation)
    announce(work, row)
