"""Team building for an environment: the optimal team of students with consent for its roles.

Candidates are the shared profiles, except students enrolled in an environment that is open or running.
A role's fields of education are hard here (a candidate's field must be one of them or inside one);
the multidisciplinary mix counts distinct fields and institutions (the client's organisation, used
for the mix only, never in a score). A manager sees the identity of their own organisation's members;
the others appear by organisation and field only.
"""
from __future__ import annotations

from sqlalchemy import func, select

from services.matching.db import environment_roles, environments, participants, profiles
from services.matching.domain import TeamCandidate, TeamEnvironment, TeamRole, build_teams, targets
from services.matching.handlers.live import LiveEngine
from services.matching.handlers.suggestions import busy_clients
from shared.auth import Principal
from shared.errors import N_, NotFound

SHORTLIST = 300  # best candidates per role given to the solver
MIN_FIELDS, MIN_INSTITUTIONS = 2, 1


def _field_fits(field: str | None, wanted: frozenset[str]) -> bool:
    return not wanted or (field is not None and any(field.startswith(w) for w in wanted))


def _role_scores(engine, index, environment_id: str, role, seats: int, planned: dict, busy: set[str],
                 shared: dict[str, str], fields_of: dict[str, str | None]) -> dict[tuple[str, str, str], float]:
    """The best SHORTLIST free candidates of one role whose field fits it, by fit."""
    need = targets.role(role.role_id, role.record, planned, index)
    if need is None or not seats:
        return {}
    wanted = frozenset(role.record.get("fields") or ())
    found = {}
    for client_id, score in sorted(engine.scores(need).items(), key=lambda item: (-item[1], item[0])):
        if client_id in busy or client_id not in shared:
            continue
        field = engine.profiles.profiles[engine.profiles.row_of[client_id]].field_of_education
        if _field_fits(field, wanted):
            fields_of[client_id] = field
            found[(environment_id, role.role_id, client_id)] = score
            if len(found) >= SHORTLIST:
                break
    return found


def plan(session, viewer: Principal, environment_id: str, live: LiveEngine, min_fields: int | None = None,
         min_institutions: int | None = None, time_limit: float = 30.0) -> dict:
    """The optimal team, its objective value and what a greedy pick would have scored."""
    env = session.execute(select(environments).where(environments.c.environment_id == str(environment_id))).first()
    if env is None:
        raise NotFound(N_("No such environment"))
    roles = session.execute(select(environment_roles).where(environment_roles.c.environment_id == env.environment_id)
                            .order_by(environment_roles.c.title, environment_roles.c.role_id)).all()
    enrolled = dict(session.execute(
        select(participants.c.role_id, func.count()).where(participants.c.environment_id == env.environment_id,
                                                           participants.c.status == "enrolled")
        .group_by(participants.c.role_id)).all())
    seats = {r.role_id: max(0, r.seats - enrolled.get(r.role_id, 0)) for r in roles}
    busy = busy_clients(session)
    shared = {r.client_id: r.organisation for r in session.execute(
        select(profiles.c.client_id, profiles.c.organisation).where(profiles.c.status == "shared"))}
    planned = {**env.record, "status": "open"}  # a draft can be planned too
    scores: dict[tuple[str, str, str], float] = {}
    fields_of: dict[str, str | None] = {}
    with live.reading(session) as engine:
        for role in roles:
            scores.update(_role_scores(engine, live.taxonomy.index, env.environment_id, role, seats[role.role_id],
                                       planned, busy, shared, fields_of))
    candidates = [TeamCandidate(c, fields_of[c], shared[c]) for c in sorted(fields_of)]
    mix_fields = min_fields if min_fields is not None else int(env.record.get("min_fields") or MIN_FIELDS)
    mix_institutions = (min_institutions if min_institutions is not None
                        else int(env.record.get("min_institutions") or MIN_INSTITUTIONS))
    environment = TeamEnvironment(env.environment_id, tuple(TeamRole(r.role_id, seats[r.role_id]) for r in roles),
                                  mix_fields, mix_institutions)
    result = build_teams([environment], candidates, scores, time_limit=time_limit)
    titles = {r.role_id: r.title for r in roles}
    team = result.teams[0] if result.teams else None
    members = [] if team is None else [
        {"role_id": m.role_id, "role_title": titles.get(m.role_id), "score": m.score,
         "field_of_education": fields_of[m.candidate_id], "organisation": shared[m.candidate_id],
         "client_id": m.candidate_id if shared[m.candidate_id] == viewer.organisation else None}
        for m in team.members]
    return {
        "environment_id": env.environment_id, "name": env.name, "status": result.status, "optimal": result.optimal,
        "objective": result.objective, "greedy_objective": result.greedy_objective,
        "greedy_meets_mix": result.greedy_meets_mix, "seconds": result.seconds, "min_fields": mix_fields,
        "min_institutions": mix_institutions, "candidates": len(candidates),
        "roles": [{"role_id": r.role_id, "title": r.title, "seats": seats[r.role_id]} for r in roles],
        "members": members,
        "fields": sorted(team.fields) if team else [], "institutions": len(team.institutions) if team else 0,
    }
