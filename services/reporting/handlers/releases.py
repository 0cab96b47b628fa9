"""Open-data releases: a coordinator builds a draft for an ended period, reviews it and publishes it.

A published release never changes and is the only thing the public endpoint serves. An erasure marks
every unpublished release stale (subscribers/raw_log.py): it must be built again, from figures without
the erased person, before it can be reviewed or published.
"""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from services.reporting.db import open_data_releases as releases
from services.reporting.domain import release as rules
from services.reporting.domain.filters import Filters
from services.reporting.handlers import indicators
from shared import clock
from shared.auth.principal import Principal
from shared.errors import N_, Conflict, Invalid, NotFound
from shared.events.envelope import utcnow

FIRST_YEAR = 2015  # the project's first year: the earliest period a release may cover


def _who(principal: Principal) -> str:
    return principal.name or principal.username or ""


def build_draft(work, principal: Principal, period_key: str, *, today: date | None = None, target: int = 20) -> str:
    """Build a draft release of an ended period (replacing the period's unpublished ones); its id."""
    today = today or clock.today()
    errors = rules.problems(period_key, today)
    if errors:
        raise Invalid(errors)
    period = rules.period(period_key)
    assert period is not None
    _refuse_overlap(work.session, period)
    filters = Filters(start=period.start, end=period.end)
    reports = {b: indicators.build(work.session, filters, breakdown=b, target=target, today=today).tables
               for b in rules.DIMENSIONS}
    tables, same = rules.suppress_together(rules.gather(reports))
    document = rules.document(period.key, period.start, period.end, tables, same)
    work.session.execute(delete(releases).where(releases.c.period == period.key,
                                                releases.c.status != "published"))
    release_id = str(uuid.uuid4())
    work.session.execute(releases.insert().values(
        release_id=release_id, period=period.key, period_start=period.start, period_end=period.end,
        status="draft", stale=False, document=document, built_at=utcnow(), built_by=_who(principal)))
    return release_id


def _refuse_overlap(session: Session, period: rules.Period) -> None:
    for key, start, end in session.execute(select(releases.c.period, releases.c.period_start, releases.c.period_end)
                                           .where(releases.c.status == "published")):
        if period.overlaps(rules.Period(key, start, end)):
            raise Conflict(N_("A published release already covers part of this period: releases never overlap, "
                              "so that no figure can be worked out from the difference of two."))


def _release(session: Session, release_id: str) -> dict:
    row = session.execute(select(releases).where(releases.c.release_id == release_id)).mappings().first()
    if row is None:
        raise NotFound(N_("No such release."))
    return dict(row)


def review(work, principal: Principal, release_id: str) -> None:
    """Record that the coordinator has reviewed a draft."""
    row = _release(work.session, release_id)
    if row["status"] != "draft":
        raise Conflict(N_("Only a draft can be reviewed."))
    if row["stale"]:
        raise Conflict(N_("A client has been erased since this draft was built: build it again."))
    work.session.execute(update(releases).where(releases.c.release_id == release_id).values(
        status="reviewed", reviewed_at=utcnow(), reviewed_by=_who(principal)))


def publish(work, principal: Principal, release_id: str) -> None:
    """Publish a reviewed release: from now on the public may read it, and it never changes."""
    row = _release(work.session, release_id)
    if row["status"] != "reviewed":
        raise Conflict(N_("Only a reviewed release can be published."))
    if row["stale"]:
        raise Conflict(N_("A client has been erased since this draft was built: build it again."))
    _refuse_overlap(work.session, rules.Period(row["period"], row["period_start"], row["period_end"]))
    work.session.execute(update(releases).where(releases.c.release_id == release_id).values(
        status="published", published_at=utcnow(), published_by=_who(principal)))


def discard(work, principal: Principal, release_id: str) -> None:
    """Throw an unpublished release away."""
    row = _release(work.session, release_id)
    if row["status"] == "published":
        raise Conflict(N_("A published release is never changed or removed."))
    work.session.execute(delete(releases).where(releases.c.release_id == release_id))


def all_releases(session: Session) -> list[dict]:
    """Every release, newest period first, without their documents (the coordinator's list)."""
    columns = [c for c in releases.c if c.name != "document"]
    rows = session.execute(select(*columns).order_by(releases.c.period_start.desc(), releases.c.period.desc(),
                                                     releases.c.built_at.desc()))
    return [dict(r) for r in rows.mappings()]


def one(session: Session, release_id: str) -> dict:
    """A release with its document (the coordinator's review page)."""
    return _release(session, release_id)


def published(session: Session) -> list[dict]:
    """The published releases, newest period first: period, its days and when it was published."""
    rows = session.execute(select(releases.c.period, releases.c.period_start, releases.c.period_end,
                                  releases.c.published_at).where(releases.c.status == "published")
                           .order_by(releases.c.period_start.desc(), releases.c.period.desc()))
    return [dict(r) for r in rows.mappings()]


def published_document(session: Session, period_key: str) -> dict:
    """The document of the published release of a period; NotFound when there is none."""
    document = session.execute(select(releases.c.document).where(releases.c.period == period_key,
                                                                 releases.c.status == "published")).scalar()
    if document is None:
        raise NotFound(N_("No release of this period has been published."))
    return document


def ended_periods(today: date | None = None) -> list[rules.Period]:
    """The periods a release may cover, newest first."""
    return rules.ended_periods(today or clock.today(), FIRST_YEAR)
