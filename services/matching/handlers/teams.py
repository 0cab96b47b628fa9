"""Team building for an environment: the optimal team of students with consent for its roles.

Candidates are the shared profiles, except students enrolled in an environment that is open or running.
A role's fields of education are hard here (a candidate's field must be one of them or inside one);
the multidisciplinary mix counts distinct fields and institutions (the client's organisation, used
for the mix only, never in a score). A manager sees the identity of their own organisation's members;
the others appear by organisation and field only. When no team meets the requested mix the answer says
which constraints fail and proposes the best team under a relaxed mix, labelled as such; `optimal` is
said only of a team that meets every constraint.
"""
from __future__ import annotations

from sqlalchemy import func, select

from services.matching.db import environment_roles, environments, participants, profiles
from services.matching.domain import TeamCandidate, TeamEnvironment, TeamRole, targets, team_fit, team_for
from services.matching.handlers.live import LiveEngine
from services.matching.handlers.suggestions import busy_clients
from shared.audit import record
from shared.auth import Principal
from shared.errors import N_, NotFound

SHORTLIST = 300  # best candidates per role given to the solver
MIN_FIELDS, MIN_INSTITUTIONS = 2, 1
AVAILABILITY = frozenset({"dates", "hours"})  # the hard constraints that are about a student's time


def _field_fits(field: str | None, wanted: frozenset[str]) -> bool:
    return not wanted or (field is not None and any(field.startswith(w) for w in wanted))


def _free_of_field(engine, busy: set[str], shared: dict[str, str], wanted: frozenset[str]):
    """The free shared profiles whose field fits a role."""
    for profile in engine.profiles.profiles:
        if (profile is not None and profile.id in shared and profile.id not in busy
                and _field_fits(profile.field_of_education, wanted)):
            yield profile


def _role_scores(engine, index, environment_id: str, role, seats: int, planned: dict, busy: set[str],
                 shared: dict[str, str], fields_of: dict[str, str | None],
                 unavailable: dict[str, int]) -> dict[tuple[str, str, str], float]:
    """The best SHORTLIST free candidates of one role whose field fits it, by fit.

    When the role cannot fill its seats, `unavailable` counts the students of its fields who would fit
    but for their time (availability dates or weekly hours).
    """
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
    if len(found) < seats:
        unavailable[role.role_id] = sum(1 for profile in _free_of_field(engine, busy, shared, wanted)
                                        if _only_time_fails(engine.scorer.explain(need, profile)))
    return found


def _only_time_fails(explanation) -> bool:
    failed = {note.name for note in explanation.constraints if note.hard and not note.ok}
    return bool(failed) and failed <= AVAILABILITY and bool(explanation.matched)


def _members(team, titles: dict, fields_of: dict, shared: dict, viewer: Principal) -> list[dict]:
    """A team's members as the viewer may see them (identities of their own organisation's students only)."""
    return [{"role_id": m.role_id, "role_title": titles.get(m.role_id), "score": m.score,
             "field_of_education": fields_of[m.candidate_id], "organisation": shared[m.candidate_id],
             "client_id": m.candidate_id if shared[m.candidate_id] == viewer.organisation else None}
            for m in team.members]


def plan(session, viewer: Principal, environment_id: str, live: LiveEngine, min_fields: int | None = None,
         min_institutions: int | None = None, time_limit: float = 30.0) -> dict:
    """The optimal team, its objective value and what a greedy pick would have scored.

    A mix that cannot be met is answered with status infeasible, no members, the `shortfalls` and a
    `proposal`: the best team under the least relaxed mix that can be met.
    """
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
    unavailable: dict[str, int] = {}
    with live.reading(session) as engine:
        for role in roles:
            scores.update(_role_scores(engine, live.taxonomy.index, env.environment_id, role, seats[role.role_id],
                                       planned, busy, shared, fields_of, unavailable))
    candidates = [TeamCandidate(c, fields_of[c], shared[c]) for c in sorted(fields_of)]
    mix_fields = min_fields if min_fields is not None else int(env.record.get("min_fields") or MIN_FIELDS)
    mix_institutions = (min_institutions if min_institutions is not None
                        else int(env.record.get("min_institutions") or MIN_INSTITUTIONS))
    environment = TeamEnvironment(env.environment_id, tuple(TeamRole(r.role_id, seats[r.role_id]) for r in roles),
                                  mix_fields, mix_institutions)
    answer = team_for(environment, candidates, scores, time_limit=time_limit, unavailable=unavailable)
    result = answer.plan
    titles = {r.role_id: r.title for r in roles}
    team = result.teams[0] if answer.feasible else None
    members = _members(team, titles, fields_of, shared, viewer) if team else []
    to_fill = sum(seats.values())
    proposal = _proposal(answer, titles, fields_of, shared, viewer, to_fill)
    named = [m["client_id"] for m in (*members, *(proposal or {}).get("members", [])) if m.get("client_id")]
    if named:  # only the viewer's own clients are named in a team proposal
        record(session, viewer, "read", "team", "matching", subjects=list(dict.fromkeys(named)),
               objects=[env.environment_id], organisation=viewer.organisation)
    return {
        "environment_id": env.environment_id, "name": env.name, "status": answer.status,
        "optimal": answer.feasible and result.optimal, "feasible": answer.feasible,
        "objective": result.objective, "greedy_objective": result.greedy_objective, "seats": to_fill,
        "fit": team_fit(result.objective, to_fill), "greedy_fit": team_fit(result.greedy_objective, to_fill),
        "greedy_meets_mix": result.greedy_meets_mix, "seconds": result.seconds, "min_fields": mix_fields,
        "min_institutions": mix_institutions, "candidates": len(candidates),
        "roles": [{"role_id": r.role_id, "title": r.title, "seats": seats[r.role_id]} for r in roles],
        "members": members,
        "fields": sorted(team.fields) if team else [], "institutions": len(team.institutions) if team else 0,
        "shortfalls": [{"constraint": s.constraint, "required": s.required, "available": s.available,
                        "excluded": s.excluded, "role_id": s.role_id, "role_title": titles.get(s.role_id)}
                       for s in answer.shortfalls],
        "proposal": proposal,
    }


def _proposal(answer, titles: dict, fields_of: dict, shared: dict, viewer: Principal, to_fill: int) -> dict | None:
    """The relaxed team of an infeasible request, labelled with the mix it meets."""
    if answer.proposal is None:
        return None
    team = answer.proposal.teams[0]
    return {"label": "relaxed", "min_fields": answer.relaxed.min_fields,
            "min_institutions": answer.relaxed.min_institutions, "optimal": answer.proposal.optimal,
            "objective": answer.proposal.objective, "fit": team_fit(answer.proposal.objective, to_fill),
            "members": _members(team, titles, fields_of, shared, viewer),
            "fields": sorted(team.fields), "institutions": len(team.institutions)}
