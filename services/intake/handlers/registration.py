"""Registering and correcting a client: validation, person key, consents and events in one transaction."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select, update

from services.intake.config import settings
from services.intake.db import clients
from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from services.intake.domain import minors
from services.intake.handlers import access, bases, person_keys
from services.intake.handlers.access import HIDDEN_STATUSES
from services.intake.handlers.clients import emit_statistics, fetch
from services.intake.handlers.consents import NewClient, record_decision
from shared.auth.principal import Principal
from shared.db import WRITTEN
from shared.errors import Invalid
from shared.events.envelope import utcnow
from shared.runtime import Work

PROFILE_FIELDS = ("field_of_education",)  # client fields that travel in a shared profile
_INSERT_RETURNING = insert(clients).returning(*clients.c)  # the new row as a read would give it


def _identity(values: dict, work: Work) -> dict:
    current = settings(work.runtime.config)
    return {"person_key": rules.person_key(current.person_key_secret, values["first_name"], values["last_name"],
                                           values["birth_date"]),
            "person_key_version": current.person_key_version,
            "search_name": rules.search_key(f"{values['first_name']} {values['last_name']}")}


def problems(work: Work, principal: Principal, data: dict, decisions: dict[str, bool], *, today: date,
             method: str = "in_person", version: str = consent_rules.CURRENT_VERSION,
             asked: tuple[str, ...] | None = None) -> dict:
    """What registering this client would refuse, by field (empty: nothing); stores nothing (an import's preview
    checks each row with it)."""
    asked = bases.asked(work, principal.organisation) if asked is None else asked
    age = settings(work.runtime.config).age_rules
    errors = rules.validate_client(data, today, minimum_age=age.minimum_age)
    consent_errors = consent_rules.registration_problems(decisions, asked)
    consent_errors.update(consent_rules.problems(consent_rules.Decision("service", True, version, method),
                                                 self_service=False))
    if data.get("birth_date") is not None and "birth_date" not in errors:
        for purpose, given in decisions.items():
            for reasons in minors.consent_problems(purpose, given, method, data["birth_date"], today, age).values():
                consent_errors[purpose] = reasons
    if consent_errors:
        errors["consents"] = consent_errors
    return errors


def register(work: Work, principal: Principal, data: dict, decisions: dict[str, bool], *, today: date,
             version: str = consent_rules.CURRENT_VERSION, method: str = "in_person"):
    """Register a client of the principal's organisation with their consents; returns the new row.

    Only the purposes the organisation asks consent for are decided; where service (guidance) rests on a
    public task the client is registered without consent, and decisions about purposes not asked are
    not recorded. A minor's consents follow the member's age rules.
    """
    asked = bases.asked(work, principal.organisation)
    errors = problems(work, principal, data, decisions, today=today, method=method, version=version, asked=asked)
    if errors:
        raise Invalid(errors)
    values = rules.clean(data)
    values.setdefault("entered_on", None)
    values["entered_on"] = values["entered_on"] or today
    values["languages"] = values.get("languages") or []
    now = utcnow()
    client_id = str(uuid.uuid4())
    row = WRITTEN.execute(work.session, _INSERT_RETURNING, {
        **values, **_identity(values, work), "id": client_id, "organisation": principal.organisation,
        "status": "active", "created_by": principal.user_id, "created_at": now, "updated_at": now}).one()
    access.audit(work, principal, client_id, "create", "client_record", "registration")
    work.emit("intake.client.registered", {"client_id": client_id, "entered_on": row.entered_on.isoformat()},
              organisation=row.organisation)
    person_keys.publish(work, row, overlap=person_keys.overlap_basis_configured(work)
                        or bool(decisions.get(consent_rules.OVERLAP)))
    return decide_consents(work, principal, row, decisions, asked, version=version, method=method,
                           new=NewClient())  # nothing of the client is read back: what this transaction did is known


def decide_consents(work: Work, principal: Principal, row, decisions: dict[str, bool], asked: tuple[str, ...], *,
                    version: str, method: str, new: NewClient | None):
    """Record a registration's consent decisions, the asked ones in order, and set their effects in motion (the
    person key is published by the caller); the entry facts travel where a basis other than consent holds.
    `new`: what is known of a client registered in this transaction (None: read from the database)."""
    for purpose in asked:
        if purpose in decisions:
            decision = consent_rules.Decision(purpose, decisions[purpose], version, method)
            row = record_decision(work, row, decision, principal, publish_key=False, new=new)
    if new is not None:
        new.store(work)
    if not decisions.get(consent_rules.STATISTICS) or consent_rules.STATISTICS not in asked:
        found = bases.statistics_bases(work, row, new)  # facts that travel without the statistics consent
        if found:
            emit_statistics(work, row, found)
    return row


def announce_clients(runtime, batch: int = 500) -> int:
    """Publish `intake.client.registered` again for every client not erased, and their entry facts where a
    statistics basis holds (with reporting's pseudonym of the person); idempotent for their readers."""
    done, after = 0, ""
    while True:
        with runtime.work() as work:
            rows = work.session.execute(
                select(clients.c.id, clients.c.organisation, clients.c.entered_on)
                .where(clients.c.status.not_in(HIDDEN_STATUSES), clients.c.id > after)
                .order_by(clients.c.id).limit(batch)).all()
            for row in rows:
                work.emit("intake.client.registered", {"client_id": row.id, "entered_on": row.entered_on.isoformat()},
                          organisation=row.organisation)
                whole = fetch(work.session, row.id)
                found = bases.statistics_bases(work, whole)
                if found:
                    emit_statistics(work, whole, found)
        done += len(rows)
        if len(rows) < batch:
            return done
        after = rows[-1].id


def correct(work: Work, principal: Principal, client_id, changes: dict, *, today: date):
    """Correct the data of a client the principal may see; returns the new row."""
    row = access.load_client(work, principal, client_id, what="client_record",
                             why="correction")
    return update_client(work, row, changes, principal, today=today)


def update_client(work: Work, row, changes: dict, principal: Principal, *, today: date):
    """Correct a client's data; re-publish what depends on the changed fields. Returns the new row."""
    before = dict(row._mapping)
    merged = {**before, **changes}
    errors = rules.validate_client({k: merged.get(k) for k in (*changes, *rules.IDENTITY_FIELDS,
                                                                "entered_on", "home_municipality")}, today,
                                   minimum_age=settings(work.runtime.config).age_rules.minimum_age)
    relevant = set(changes) | ({"birth_date", "entered_on"} if {"birth_date", "entered_on"} & set(changes) else set())
    errors = {k: v for k, v in errors.items() if k in relevant}
    if "entered_on" in changes and changes["entered_on"] is None:
        errors["entered_on"] = [rules.N_("This field is required.")]
    if errors:
        raise Invalid(errors)
    values = rules.clean(changes)
    if "languages" in values:
        values["languages"] = values["languages"] or []
    changed = {k for k, v in values.items() if before.get(k) != v}
    if not changed:
        return row
    if changed & set(rules.IDENTITY_FIELDS):
        values.update(_identity({**before, **values}, work))
    work.session.execute(update(clients).where(clients.c.id == row.id).values(**values, updated_at=utcnow()))
    access.audit(work, principal, row.id, "update", "client_record", "correction",
                 detail={"fields": sorted(changed)})
    row = fetch(work.session, row.id)
    if changed & set(rules.IDENTITY_FIELDS):
        person_keys.publish(work, row)
    # a new name or birth date gives a new statistics pseudonym too (clients.emit_statistics)
    touched = set(rules.STATISTICS_FIELDS) | set(rules.IDENTITY_FIELDS)
    found = bases.statistics_bases(work, row) if changed & touched else {}
    if found:
        emit_statistics(work, row, found)
    if changed & set(PROFILE_FIELDS) and bases.lawful(work, work.session, row, "matching"):
        from services.intake.handlers.profile import share_profile  # profile imports consents, as this does

        share_profile(work, row)
    return row
