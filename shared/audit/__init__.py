"""The network's one audit library: every service logs reads, changes, disclosures, exports and
command-line operations on personal data here, into an append-only, hash-chained store of its own."""
from __future__ import annotations

from shared.audit import codes
from shared.audit.entry import SYSTEM, Actor, Entry
from shared.audit.store import AuditStore, Verification

__all__ = ["SYSTEM", "Actor", "AuditStore", "Entry", "Verification", "codes", "log", "open_store", "record",
           "record_by"]


def record(session, principal, action: str, object_type: str, purpose: str, *, subjects=(), objects=(),
           category: str = codes.PERSONAL, detail: dict | None = None, organisation: str | None = None) -> None:
    """Log an action on personal data from a handler that has only a session.

    In a unit of work (shared.runtime.Work) the entry is written when the work commits; in a read-only
    session (`runtime.db.session()`) it is written at once, before the caller shows anything.
    """
    work = session.info.get("work")
    if work is not None:
        work.audit(principal, action, object_type, purpose, subjects=subjects, objects=objects, category=category,
                   detail=detail, organisation=organisation)
        return
    store = session.info.get("audit")
    if store is None:
        raise RuntimeError("this session belongs to no service runtime: nowhere to log the read")
    log(store, principal, action, object_type, purpose, subjects=subjects, objects=objects, category=category,
        detail=detail, organisation=organisation)


def log(store: AuditStore, principal, action: str, object_type: str, purpose: str, *, subjects=(), objects=(),
        category: str = codes.PERSONAL, detail: dict | None = None, organisation: str | None = None) -> None:
    """Append one entry to `store` at once (e.g. a page that sends a download)."""
    actor = principal if isinstance(principal, Actor) else Actor.of(principal)
    store.append([Entry(action, object_type, purpose, actor, subject_ids=tuple(str(s) for s in subjects),
                        object_ids=tuple(str(o) for o in objects), category=category, detail=detail or {},
                        organisation=organisation)])


def record_by(session, principal, action: str, object_type: str, purpose: str, clients, **kwargs) -> None:
    """Log one entry per controller for `clients`, pairs of (client id, its organisation); nothing when empty."""
    by_organisation: dict[str | None, list[str]] = {}
    for client_id, organisation in clients:
        if client_id:
            by_organisation.setdefault(organisation, []).append(str(client_id))
    for organisation, ids in by_organisation.items():
        record(session, principal, action, object_type, purpose, subjects=list(dict.fromkeys(ids)),
               organisation=organisation, **kwargs)


def open_store(config, *, admin: bool = False) -> AuditStore:
    """The audit store of a service's settings, as its writer or (`admin`) its owner; a derived PostgreSQL
    database is created beside the service's if missing (development)."""
    from shared.audit.settings import admin_url, ensure_database, signing_key, store_url

    url = admin_url(config) if admin else store_url(config)
    derived = url.startswith("postgresql") and not (config.extra.get("audit_database_url")
                                                    or config.extra.get("audit_admin_database_url"))
    return AuditStore(url, service=config.service, organisation=config.organisation, key=signing_key(config),
                      prepare=(lambda: ensure_database(config.database_url, url)) if derived else None)
