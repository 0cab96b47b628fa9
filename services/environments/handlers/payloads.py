"""The payloads of this service's events, built from rows: pseudonymous, no free text, no names of people."""
from __future__ import annotations

from datetime import date

from services.environments.handlers.views import Parts


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def described(p: Parts) -> dict:
    """environments.environment.created / opened: the environment's shape, for matching and reporting."""
    row = p.row
    return {
        "environment_id": row.id, "host_organisation": row.host_organisation, "name": row.name, "status": row.status,
        "fields_of_education": list(row.fields_of_education or []),
        "multidisciplinary": p.multidisciplinarity.value, "institutions": list(row.institutions or []),
        "partner_ids": [x.partner_id for x in p.partners], "need_ids": [n.need_id for n in p.needs],
        "municipality": row.municipality, "service_area": row.service_area, "starts_on": _iso(row.starts_on),
        "ends_on": _iso(row.ends_on), "capacity": row.capacity,
        "roles": [{"role_id": r.id, "title": r.title, "seats": r.seats, "fields_of_education": list(r.fields or []),
                   "skills": [{"uri": s["uri"], "level": s["level"]} for s in r.skills or []]} for r in p.roles],
    }


def moved(p: Parts, status: str, previous: str, on: date) -> dict:
    return {"environment_id": p.row.id, "host_organisation": p.row.host_organisation, "status": status,
            "previous_status": previous, "multidisciplinary": p.multidisciplinarity.value, "on": on.isoformat(),
            "environment_name": p.row.name}


def participant(row, **extra) -> dict:
    return {"participant_id": row.id, "environment_id": row.environment_id, "client_id": row.client_id,
            "organisation": row.client_organisation, **extra}
