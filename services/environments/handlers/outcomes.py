"""Recording outcomes: jobs and cooperation opportunities that followed from an environment."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from services.environments.db import environment_partners, outcomes
from services.environments.domain import N_, Forbidden, Invalid, require
from services.environments.domain import outcomes as rules
from services.environments.handlers import access as acl
from services.environments.handlers import participants as people
from services.environments.handlers import reminders
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.runtime import Work


def record_outcome(work: Work, principal: Principal, row, access: acl.Access, data: dict) -> str:
    """The host's managers record any partner's outcome; a partner's user records their own partner's."""
    if not (access.edit or access.assess):
        raise Forbidden("Only the host's managers and the environment's partners record outcomes")
    session = work.session
    partner_id = str(data["partner_id"]) if data.get("partner_id") else None
    if partner_id is None and len(access.partner_ids) == 1:
        partner_id = access.partner_ids[0]
    if partner_id is None:
        raise Invalid({"partner_id": [N_("Choose the partner.")]})
    if not access.edit and partner_id not in access.partner_ids:
        raise Forbidden("You do not act for this partner")
    in_environment = session.execute(select(environment_partners.c.partner_id).where(
        environment_partners.c.environment_id == row.id, environment_partners.c.partner_id == partner_id)
    ).first() is not None
    person = people.named_in(session, row, data.get("participant_id"))
    problems = rules.outcome_problems(data["kind"], person is not None, bool(data.get("hidden_job")),
                                      data.get("started_on"), data.get("ended_on"))
    if not in_environment:
        problems["partner_id"] = [N_("The partner is not a partner of this environment.")]
    require(problems)
    rules.check_outcome_allowed(row.status)
    outcome_id = str(uuid.uuid4())
    session.execute(insert(outcomes).values(
        id=outcome_id, environment_id=row.id, partner_id=partner_id, participant_id=person.id if person else None,
        kind=data["kind"], hidden_job=bool(data.get("hidden_job")),
        description=(data.get("description") or "").strip() or None, started_on=data["started_on"],
        ended_on=data.get("ended_on"), recorded_by=principal.user_id,
        recorded_by_organisation=principal.organisation, created_at=utcnow()))
    reminders.touched(work, row.id)
    about = person is not None and person.client_id is not None
    work.emit("environments.outcome.recorded", {
        "outcome_id": outcome_id, "environment_id": row.id, "environment_name": row.name, "partner_id": partner_id,
        "kind": data["kind"], "cooperation": rules.is_cooperation(data["kind"]),
        "hidden_job": bool(data.get("hidden_job")), "started_on": data["started_on"].isoformat(),
        "ended_on": data["ended_on"].isoformat() if data.get("ended_on") else None,
        "participant_id": person.id if person else None, "client_id": person.client_id if about else None,
        "organisation": person.client_organisation if about else None})
    return outcome_id
