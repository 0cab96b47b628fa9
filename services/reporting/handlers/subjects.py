"""What reporting holds about one client: the raw events about them and their rows in the projections."""
from __future__ import annotations

from sqlalchemy import select

from services.reporting.db import clients as client_rows
from services.reporting.db import metadata, raw_events
from shared.auth.principal import Principal
from shared.privacy.holdings import collect
from shared.runtime import Work

PROJECTIONS_BY_CLIENT = ("clients", "participations", "survey_answers", "assessments", "outcomes", "metric_pairs",
                         "referrals", "overlap_resolutions", "suggestions")


def holdings(work: Work, principal: Principal, client_id: str) -> dict[str, list[dict]]:
    """Reporting's rows about a client of the principal's own organisation (nothing for anyone else's)."""
    own = work.session.execute(select(client_rows.c.client_id).where(
        client_rows.c.client_id == client_id, client_rows.c.organisation == principal.organisation)).first()
    if own is None:
        return {}
    queries = {"raw_events": select(raw_events).where(raw_events.c.subject == client_id).order_by(raw_events.c.seq)}
    for name in PROJECTIONS_BY_CLIENT:
        table = metadata.tables[name]
        if "client_id" in table.c:
            queries[name] = select(table).where(table.c.client_id == client_id)
    return collect(work.session, queries)
