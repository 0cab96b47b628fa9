"""Outcomes: a client's transitions to education, work, apprenticeship or other, recorded by the manager."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from services.intake.db import outcomes, suggestions
from services.intake.domain import N_
from services.intake.domain.outcomes import Outcome, outcome_problems
from services.intake.handlers.access import load_client
from services.intake.handlers.bases import statistics_bases
from shared.auth.principal import Principal
from shared.errors import Invalid, require
from shared.events.envelope import utcnow
from shared.reference import education
from shared.runtime import Work

FIELDS = ("kind", "work_form", "hidden_job", "description", "field_of_education", "qualification", "started_on",
          "ended_on", "via_environment_id", "via_suggestion_id")


def describe(row, lang: str, published: bool | None = None) -> dict:
    """An outcome with the name of its field of education."""
    data = dict(row._mapping)
    code = row.field_of_education
    data["field_of_education_name"] = education.name(code, lang) if code and education.is_valid(code) else None
    if published is not None:
        data["published"] = published
    return data


def outcomes_of(session, client_id: str, lang: str) -> list[dict]:
    """A client's outcomes, the newest transition first."""
    rows = session.execute(select(outcomes).where(outcomes.c.client_id == client_id)
                           .order_by(outcomes.c.started_on.desc(), outcomes.c.created_at.desc())).all()
    return [describe(row, lang) for row in rows]


def list_outcomes(work: Work, principal: Principal, client_id, lang: str) -> list[dict]:
    """A client's outcomes for someone who may see the client (the read is audited)."""
    client = load_client(work, principal, client_id, what="outcomes", why="guidance")
    return outcomes_of(work.session, client.id, lang)


def record_outcome(work: Work, principal: Principal, client_id, data: dict, lang: str) -> dict:
    """Record a transition; it travels (pseudonymously) for statistics or the funder's report, on the
    organisation's basis for them (handlers/bases.py)."""
    outcome = Outcome(**{k: data.get(k) for k in ("kind", "started_on", "ended_on", "work_form", "hidden_job",
                                                   "field_of_education", "qualification", "description")})
    session = work.session
    client = load_client(work, principal, client_id, what="outcomes", why="guidance",
                         action="create")
    require(outcome_problems(outcome, education.is_valid))
    suggestion = data.get("via_suggestion_id")
    if suggestion and session.execute(select(suggestions.c.id).where(
            suggestions.c.id == str(suggestion), suggestions.c.client_id == client.id)).first() is None:
        raise Invalid({"via_suggestion_id": [N_("No such suggestion for this client.")]})
    values = {k: data.get(k) for k in FIELDS}
    for key in ("via_environment_id", "via_suggestion_id"):
        values[key] = str(values[key]) if values[key] else None
    values["description"] = (values["description"] or "").strip() or None
    outcome_id, published = store_outcome(work, client, values, source="intake", recorded_by=principal.user_id)
    row = session.execute(select(outcomes).where(outcomes.c.id == outcome_id)).first()
    return describe(row, lang, published)


def store_outcome(work: Work, client, values: dict, *, source: str, recorded_by: str | None) -> tuple[str, bool]:
    """Insert a checked outcome and announce it on the organisation's basis; (its id, whether it travelled)."""
    outcome_id = str(uuid.uuid4())
    work.session.execute(insert(outcomes).values(id=outcome_id, client_id=client.id, source=source,
                                                 recorded_by=recorded_by, created_at=utcnow(), **values))
    published = bool(statistics_bases(work, client))
    if published:
        work.emit("intake.outcome.recorded", {
            "client_id": client.id, "outcome_id": outcome_id, "kind": values["kind"],
            "work_form": values["work_form"], "hidden_job": bool(values["hidden_job"]),
            "qualification": bool(values["qualification"]), "field_of_education": values["field_of_education"],
            "started_on": values["started_on"].isoformat(),
            "ended_on": values["ended_on"].isoformat() if values["ended_on"] else None,
            "via_environment_id": values["via_environment_id"], "via_suggestion_id": values["via_suggestion_id"],
        }, organisation=client.organisation)
    return outcome_id, published


def origins_of(session, client_id: str) -> dict:
    """What an outcome may have come through, by name: the client's environments and the suggestions made
    about them (a need by its title), for the outcome form's choices (the caller has read the client)."""
    from sqlalchemy import select as _select

    from services.intake.db import competence_needs, environment_participations, suggestions

    environments = session.execute(_select(environment_participations.c.environment_id,
                                           environment_participations.c.environment_name)
                                   .where(environment_participations.c.client_id == str(client_id))
                                   .order_by(environment_participations.c.updated_at.desc())).all()
    made = session.execute(_select(suggestions.c.id, suggestions.c.target_kind, suggestions.c.received_at,
                                   competence_needs.c.title)
                           .outerjoin(competence_needs, competence_needs.c.id == suggestions.c.target_id)
                           .where(suggestions.c.client_id == str(client_id))
                           .order_by(suggestions.c.received_at.desc())).all()
    return {"environments": [(str(r.environment_id), r.environment_name) for r in environments],
            "suggestions": [(str(r.id), r.title, r.target_kind, r.received_at) for r in made]}
