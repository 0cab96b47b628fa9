"""The network's one audit library: every service logs reads, changes, disclosures, exports and
command-line operations on personal data here, into an append-only, hash-chained store of its own."""
from __future__ import annotations

from shared.audit import codes
from shared.audit.entry import SYSTEM, Actor, Entry
from shared.audit.store import AuditStore, Verification

__all__ = ["SYSTEM", "Actor", "AuditStore", "Entry", "Verification", "codes", "open_store"]


def open_store(config) -> AuditStore:
    """The audit store of a service's settings (its database is created beside the service's if missing)."""
    from shared.audit.settings import ensure_database, signing_key, store_url

    url = store_url(config)
    derived = url.startswith("postgresql") and not config.extra.get("audit_database_url")
    return AuditStore(url, service=config.service, organisation=config.organisation, key=signing_key(config),
                      prepare=(lambda: ensure_database(config.database_url, url)) if derived else None)
