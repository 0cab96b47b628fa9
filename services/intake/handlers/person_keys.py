"""A client's pseudonymous person key: publishing it to the network's services, rotating it, and the
disclosure of a shared client that overlap detection reports back.

The key (HMAC of the normalised name and birth date under the network's PERSON_KEY_SECRET, with its
version) goes to the network's matching only: it compares keys across organisations only when `overlap`
says the client's consent or the organisation's legal basis allows it, and tells only the two
organisations concerned. Member intakes never receive each other's keys, so none can test whether a
person it names is another member's client. Reporting never receives the key either: it counts distinct
persons by a pseudonym of its own (`statistics_pseudonym`, in `intake.statistics.recorded`), sent only
while the statistics or ESF basis holds, which cannot be linked to the key without the secret.
"""
from __future__ import annotations

from sqlalchemy import select, update

from services.intake.config import settings
from services.intake.db import clients
from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from services.intake.handlers.consents import has_consent
from shared.audit import record
from shared.auth.principal import Principal
from shared.runtime import Work

SYSTEM = Principal(user_id=None, username="overlap-detection", name="Overlap detection")


def overlap_basis_configured(work: Work) -> bool:
    """Whether the organisation's officer configured a legal basis for overlap detection (no consent needed):
    in its register of legal bases (purpose `overlap`), or with INTAKE_OVERLAP_BASIS."""
    from shared.privacy import register

    config = work.runtime.config
    in_register = register.for_organisation(config, config.organisation).basis("overlap")
    return in_register != "consent" or settings(config).overlap_basis != "consent"


def overlap_allowed(work: Work, client_id: str) -> bool:
    """Whether overlap detection may use the client's key: a configured legal basis, or their consent."""
    return overlap_basis_configured(work) or has_consent(work.session, client_id, consent_rules.OVERLAP)


def publish(work: Work, row, overlap: bool | None = None) -> None:
    """Publish the client's key, its version and whether overlap detection may use it (in the caller's work)."""
    if not row.person_key:
        return
    work.emit("intake.person_key.published", {
        "client_id": row.id, "person_key": row.person_key, "key_version": row.person_key_version,
        "overlap": overlap_allowed(work, row.id) if overlap is None else overlap}, organisation=row.organisation)


def rotate(runtime, batch: int = 500) -> int:
    """Derive every client's key again with the current PERSON_KEY_SECRET and version, and publish it.

    The network's matching accepts both versions meanwhile (it compares keys of one version), so shared
    clients keep being found while the members rotate one after another. Returns how many were rotated.
    """
    current = settings(runtime.config)
    done, after = 0, ""
    while True:
        with runtime.work() as work:
            rows = work.session.execute(select(clients).where(
                clients.c.status != "erased", clients.c.id > after, clients.c.first_name.is_not(None),
                clients.c.birth_date.is_not(None)).order_by(clients.c.id).limit(batch)).all()
            for row in rows:
                key = rules.person_key(current.person_key_secret, row.first_name, row.last_name or "", row.birth_date)
                if (key, current.person_key_version) != (row.person_key, row.person_key_version):
                    work.session.execute(update(clients).where(clients.c.id == row.id).values(
                        person_key=key, person_key_version=current.person_key_version))
                    fresh = work.session.execute(select(clients).where(clients.c.id == row.id)).one()
                    publish(work, fresh)
                    _statistics_again(work, fresh)
                    done += 1
        if len(rows) < batch:
            return done
        after = rows[-1].id


def _statistics_again(work: Work, row) -> None:
    """Send the entry facts again with the pseudonym of the new key, where a statistics basis holds."""
    from services.intake.handlers import bases  # bases imports consents, as this module does
    from services.intake.handlers.clients import emit_statistics

    found = bases.statistics_bases(work, row)
    if found:
        emit_statistics(work, row, found)


def record_disclosure(session, client_id: str, other_organisation: str, other_client_id: str) -> None:
    """Log that the network's overlap detection told this organisation that its client is also a client of
    `other_organisation`, and told that organisation the same of ours (both sides log it).

    One function, so the call can move to the network's shared audit library.
    """
    record(session, SYSTEM, "disclose", "overlap_notice", "overlap", subjects=[client_id],
           detail={"other_organisation": other_organisation, "other_client_id": other_client_id,
                   "told_both": True})
