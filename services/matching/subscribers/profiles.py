"""Competence profiles shared under consent (b): kept while shared, removed at once when sharing ends."""
from __future__ import annotations

from sqlalchemy import delete, select, update

from services.matching.db import candidate_feedback, decisions, feedback_reminders, participants, profiles
from services.matching.db import suggestions as suggestion_rows
from services.matching.domain import targets
from services.matching.domain.freshness import stale
from services.matching.handlers import suggestions
from services.matching.handlers.suggestions import follow
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def _current(work: Work, client_id: str):
    return work.session.execute(select(profiles.c.changed_at, profiles.c.organisation)
                                .where(profiles.c.client_id == client_id)).first()


def _store(work: Work, client_id: str, organisation: str, status: str, record: dict | None,
           envelope: Envelope, exists: bool) -> None:
    values = dict(organisation=organisation, status=status, record=record, changed_at=envelope.occurred_at,
                  updated_at=utcnow())
    if exists:
        work.session.execute(update(profiles).where(profiles.c.client_id == client_id).values(**values))
    else:
        work.session.execute(profiles.insert().values(client_id=client_id, **values))


def on_profile_shared(work: Work, envelope: Envelope) -> None:
    """Store the newest profile and suggest it where it now belongs in a target's top-k."""
    client_id = str(envelope.payload["client_id"])
    current = _current(work, client_id)
    if current is not None and stale(current.changed_at, envelope.occurred_at):
        return
    _store(work, client_id, envelope.organisation, "shared", dict(envelope.payload), envelope, current is not None)

    def change(engine, live):
        changes = engine.upsert_profile(targets.profile(client_id, envelope.payload, live.taxonomy.index))
        return [*changes, *suggestions.open_targets(work.session, client_id)]

    follow(work, change)


def remove(work: Work, envelope: Envelope, status: str, reason: str, always: bool = False) -> None:
    """Take a client's profile out of matching at once and withdraw its open suggestions."""
    client_id = str(envelope.payload["client_id"])
    current = _current(work, client_id)
    if not always and current is not None and stale(current.changed_at, envelope.occurred_at):
        return
    organisation = current.organisation if current is not None else envelope.organisation
    _store(work, client_id, organisation, status, None, envelope, current is not None)
    work.session.execute(update(decisions).where(decisions.c.client_id == client_id).values(in_force=False))
    suggestions.withdraw_client(work, client_id, reason)
    follow(work, lambda engine, live: engine.remove_profile(client_id))


def on_profile_withdrawn(work: Work, envelope: Envelope) -> None:
    remove(work, envelope, "withdrawn", "profile_withdrawn")


def on_consent_withdrawn(work: Work, envelope: Envelope) -> None:
    if envelope.payload["purpose"] == "profile_sharing":
        remove(work, envelope, "withdrawn", "profile_withdrawn")


def on_processing_restricted(work: Work, envelope: Envelope) -> None:
    """Matching restricted (Art. 18) or objected to (Art. 21): the profile leaves matching until intake shares
    it again when the restriction is lifted."""
    if "matching" in envelope.payload["purposes"]:
        remove(work, envelope, "restricted", "processing_restricted")


def on_client_closed(work: Work, envelope: Envelope) -> None:
    remove(work, envelope, "closed", "client_closed")


def on_client_erased(work: Work, envelope: Envelope) -> None:
    """Remove the profile, then everything else matching holds about the client; only the bare id stays."""
    remove(work, envelope, "erased", "client_erased", always=True)
    client_id = str(envelope.payload["client_id"])
    for table in (suggestion_rows, decisions, participants, candidate_feedback, feedback_reminders):
        work.session.execute(delete(table).where(table.c.client_id == client_id))
    from services.matching.subscribers.overlap import forget

    forget(work, client_id)  # and its person keys of overlap detection

HANDLERS = {
    "intake.profile.shared": on_profile_shared,
    "intake.profile.withdrawn": on_profile_withdrawn,
    "intake.consent.withdrawn": on_consent_withdrawn,
    "intake.processing.restricted": on_processing_restricted,
    "intake.client.closed": on_client_closed,
    "intake.client.erased": on_client_erased,
}
