"""Steps of personal paths that fall due: each announced once, on its due date (`kampus intake steps-due`, run
daily), so that the portal notifies the client's managers; the event carries no title and no text."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from services.intake.db import clients, path_steps
from services.intake.domain.path import OPEN_STEPS
from shared.runtime import ServiceRuntime

ACTIVE_CLIENTS = ("active",)


def announce(runtime: ServiceRuntime, on: date) -> int:
    """Emit intake.step.due for every open step of an active client due on `on`; how many."""
    with runtime.work() as work:
        rows = work.session.execute(
            select(path_steps.c.id, path_steps.c.client_id, path_steps.c.due_date, clients.c.organisation)
            .join(clients, clients.c.id == path_steps.c.client_id)
            .where(path_steps.c.due_date == on, path_steps.c.status.in_(OPEN_STEPS),
                   clients.c.status.in_(ACTIVE_CLIENTS))
            .order_by(path_steps.c.id)).all()
        for row in rows:
            work.emit("intake.step.due", {"client_id": row.client_id, "step_id": row.id,
                                          "organisation": row.organisation, "due_date": row.due_date.isoformat()},
                      organisation=row.organisation)
    return len(rows)
