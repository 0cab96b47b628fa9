"""Reports sent to the funder, frozen: the figures and the document as they were sent.

The coordinator freezes a report when sending it; later withdrawals and erasures change the live
figures (the projections) but never a frozen report, which the funder's auditors can compare with
what was sent (EU 2021/1060 art. 82: the documents stay available).
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.reporting.db import frozen_reports
from services.reporting.handlers.indicators import Report
from shared.auth.principal import Principal
from shared.errors import Forbidden, NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work

LISTED = (frozen_reports.c.id, frozen_reports.c.period_start, frozen_reports.c.period_end,
          frozen_reports.c.frozen_at, frozen_reports.c.frozen_by, frozen_reports.c.filters,
          frozen_reports.c.filename)


def _coordinator(principal: Principal) -> None:
    if not principal.has("coordinator"):
        raise Forbidden("Only the coordinator sends the funder's report")


def figures_of(report: Report) -> dict:
    """The report's published figures as data: period, filters, cards and every table (suppressed)."""
    return {
        "period": {"start": report.filters.start.isoformat(), "end": report.filters.end.isoformat(),
                   "as_of": report.as_of.isoformat()},
        "filters": filters_of(report),
        "cards": [{"key": c.key, "value": c.value, "of": c.of} for c in report.cards],
        "tables": [t.to_dict() for t in report.tables.values()],
    }


def filters_of(report: Report) -> dict:
    f = report.filters
    return {"organisation": f.organisation, "area": f.area, "field": f.field, "gender": f.gender}


def freeze(work: Work, principal: Principal, report: Report, document: bytes, filename: str) -> dict:
    """Store the report as sent to the funder; returns its listing (without the document)."""
    _coordinator(principal)
    report_id = str(uuid.uuid4())
    work.session.execute(insert(frozen_reports).values(
        id=report_id, period_start=report.filters.start, period_end=report.as_of, frozen_at=utcnow(),
        frozen_by=principal.user_id, filters=filters_of(report), figures=figures_of(report), document=document,
        filename=filename))
    return _one(work.session, report_id)


def _one(session: Session, report_id: str) -> dict:
    row = session.execute(select(*LISTED).where(frozen_reports.c.id == report_id)).first()
    if row is None:
        raise NotFound("No such frozen report")
    return dict(row._mapping)


def listed(session: Session, principal: Principal) -> list[dict]:
    """Every frozen report, newest first (the coordinator's)."""
    _coordinator(principal)
    rows = session.execute(select(*LISTED).order_by(frozen_reports.c.frozen_at.desc(), frozen_reports.c.id))
    return [dict(row._mapping) for row in rows]


def stored(session: Session, principal: Principal, report_id: str) -> dict:
    """One frozen report with its figures and document, as it was sent."""
    _coordinator(principal)
    row = session.execute(select(frozen_reports).where(frozen_reports.c.id == str(report_id))).first()
    if row is None:
        raise NotFound("No such frozen report")
    return dict(row._mapping)
