"""The default personal-metric scales, seeded once at start (a scale changed or retired by a user stays so)."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from services.intake.db import metric_scales
from shared.reference.metric_scales import DEFAULT_SCALES
from shared.runtime import ServiceRuntime

__all__ = ["DEFAULT_SCALES", "seed_default_scales"]


def seed_default_scales(runtime: ServiceRuntime) -> int:
    """Add the default scales that do not exist yet; returns how many were added.

    Processes starting together may race: the loser's transaction fails on the key and adds nothing.
    """
    try:
        with runtime.work() as work:
            existing = set(work.session.execute(select(metric_scales.c.key)).scalars())
            missing = [(position, key, labels) for position, (key, labels) in enumerate(DEFAULT_SCALES, start=1)
                       if key not in existing]
            for position, key, labels in missing:
                work.session.execute(insert(metric_scales).values(key=key, labels=labels, minimum=1, maximum=5,
                                                                  position=position, active=True))
    except IntegrityError:
        return 0
    return len(missing)
