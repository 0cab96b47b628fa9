"""Anonymising closed cases whose retention time has passed (run by an operator's `kampus` command)."""
from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from services.intake import access, client_records, privacy
from services.intake.db import clients
from services.intake.domain.gdpr import DEFAULT_RETENTION_DAYS, retention_cutoff
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.runtime import ServiceRuntime


def retention_days(config) -> int:
    """Days a closed case is kept: settings, else $INTAKE_RETENTION_DAYS, else five years."""
    value = config.extra.get("retention_days") or os.environ.get("INTAKE_RETENTION_DAYS")
    return int(value) if value else DEFAULT_RETENTION_DAYS


def anonymise_closed(runtime: ServiceRuntime, older_than_days: int, today: date | None = None) -> int:
    """Anonymise every case closed more than `older_than_days` ago, one transaction each; returns how many."""
    cutoff = retention_cutoff(today or utcnow().date(), older_than_days)
    with runtime.db.session() as session:
        due = session.execute(select(clients.c.id).where(
            clients.c.status == "closed", clients.c.closed_on < cutoff)).scalars().all()
    done = 0
    for client_id in due:
        with runtime.work() as work:
            row = client_records.fetch(work.session, client_id)
            if row is None or row.status != "closed" or row.closed_on is None or row.closed_on >= cutoff:
                continue  # reopened or handled by another run meanwhile
            system = Principal(organisation=row.organisation)
            access.audit(work.session, system, row.id, "anonymise", "client record",
                         f"retention time of {older_than_days} days after closing passed")
            privacy.erase(work, row, retention=True)
        done += 1
    return done
