"""The managers' list of suggestions, and what partners may see of them: their own organisation's, or counts only.

Read queries that the API and the pages share (not the bus inbox: that is shared.bus.inbox).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Integer, and_, bindparam, case, func, select

from services.matching.db import environment_roles, environments, needs, partners, suggestions
from services.matching.domain import targets
from shared.audit import record
from shared.auth import Principal
from shared.db import constants_written
from shared.errors import N_, NotFound

STATUSES = ("new", "accepted", "declined", "withdrawn")


def target_titles(session, rows) -> dict[tuple[str, str], dict]:
    """Titles of the needs and roles the rows point to: {(kind, id): {title, owner, ...}}."""
    need_ids = {r.target_id for r in rows if r.target_kind == targets.NEED}
    role_ids = {r.target_id for r in rows if r.target_kind == targets.ROLE}
    found: dict[tuple[str, str], dict] = {}
    if need_ids:
        for n in session.execute(select(needs.c.need_id, needs.c.title, needs.c.status, partners.c.name)
                                 .select_from(needs.outerjoin(partners, partners.c.partner_id == needs.c.partner_id))
                                 .where(needs.c.need_id.in_(need_ids))):
            found[(targets.NEED, n.need_id)] = {"title": n.title, "owner": n.name, "status": n.status,
                                               "environment_id": None}
    if role_ids:
        for r in session.execute(
                select(environment_roles.c.role_id, environment_roles.c.title, environments.c.name,
                       environments.c.status, environment_roles.c.environment_id)
                .select_from(environment_roles.outerjoin(
                    environments, environments.c.environment_id == environment_roles.c.environment_id))
                .where(environment_roles.c.role_id.in_(role_ids))):
            found[(targets.ROLE, r.role_id)] = {"title": r.title, "owner": r.name, "status": r.status,
                                               "environment_id": r.environment_id}
    return found


def target_name(session, kind: str, target_id: str) -> str | None:
    """What a notification calls a target: a need's title (not its partner's name, which may be a sole trader's own),
    or a role's title · its environment's name, as the pages show them; None when matching has not heard of it."""
    found = target_titles(session, [_Target(kind, str(target_id))]).get((kind, str(target_id)))
    if found is None:
        return None
    named = f"{found['title']} · {found['owner']}" if kind == targets.ROLE and found["owner"] else found["title"]
    return named[:200]


class _Target(NamedTuple):
    target_kind: str
    target_id: str


def _titled_from(rows):
    """`rows` (the suggestions table, or a page of it) with their targets' titles and owners (a need's partner, a
    role's environment; None when matching has not heard of the target) as `target_title` and `target_owner`."""
    is_need = rows.c.target_kind == targets.NEED
    return (select(rows, case((is_need, needs.c.title), else_=environment_roles.c.title).label("target_title"),
                   case((is_need, partners.c.name), else_=environments.c.name).label("target_owner"))
            .select_from(rows
                         .outerjoin(needs, and_(is_need, needs.c.need_id == rows.c.target_id))
                         .outerjoin(partners, partners.c.partner_id == needs.c.partner_id)
                         .outerjoin(environment_roles, and_(rows.c.target_kind == targets.ROLE,
                                                            environment_roles.c.role_id == rows.c.target_id))
                         .outerjoin(environments,
                                    environments.c.environment_id == environment_roles.c.environment_id)))


# Suggestions with their targets' titles and owners in one statement (`target_titles` read them in one more per
# kind). Built once: a statement of four joins costs Python work to build.
_TITLED = _titled_from(suggestions)
WANTED = ("new", "accepted")  # the suggestions a target's list shows


# A target's suggestions about one organisation's clients, best first, and the network's count of them: one
# statement object per kind of target, so that SQLAlchemy builds its cache key once (parameters: target_id,
# organisation). The kinds and the statuses are written into the SQL text (`constants_written`): as parameters, the
# generic plan of the prepared statement read every wanted suggestion of the organisation from ix_suggestions_org_status
# for a need's candidates (0.9 ms against 0.2 ms at 9,600 suggestions), and PostgreSQL planned it anew on every
# execution rather (the ninth round).
@lru_cache(maxsize=len(targets.TARGET_KINDS))
def _for_target(kind: str):
    where = (suggestions.c.target_kind == kind, suggestions.c.target_id == bindparam("target_id"),
             suggestions.c.status.in_(WANTED))
    return (constants_written(_TITLED.where(*where, suggestions.c.organisation == bindparam("organisation"))
                              .order_by(suggestions.c.score.desc(), suggestions.c.id)),
            constants_written(select(func.count()).select_from(suggestions).where(*where)))


def titled(*conditions):
    """The suggestions meeting `conditions`, each with its target's title and owner (`_TITLED`)."""
    return _TITLED.where(*conditions)


def as_item(row, titles: dict | None = None) -> dict:
    """A suggestion as the API and the pages show it; its target's title and owner from `titles` (`target_titles`),
    or from the row (`titled`)."""
    target = ({"title": row.target_title, "owner": row.target_owner} if titles is None
              else titles.get((row.target_kind, row.target_id), {}))
    return {"id": row.id, "client_id": row.client_id, "organisation": row.organisation,
            "target_kind": row.target_kind, "target_id": row.target_id, "environment_id": row.environment_id,
            "target_title": target.get("title"), "target_owner": target.get("owner"), "score": row.score,
            "rank": row.rank, "status": row.status, "made_at": row.made_at, "decided_at": row.decided_at,
            "withdrawn_reason": row.withdrawn_reason, "explanation": row.explanation,
            # the dialogue (issue 16): who proposed it, the student's answer, the partner's wish to meet
            "origin": row.origin, "student_answer": row.student_answer, "student_reason": row.student_reason,
            "answered_at": row.answered_at, "introduction_requested_at": row.introduction_requested_at}


# The list's filters: each a condition on its bound parameter (a need or a role: the kind of target too)
FILTERS = {
    "status": (suggestions.c.status == bindparam("status"),),
    "need_id": (suggestions.c.target_kind == targets.NEED, suggestions.c.target_id == bindparam("need_id")),
    "environment_id": (suggestions.c.environment_id == bindparam("environment_id"),),
    "role_id": (suggestions.c.target_kind == targets.ROLE, suggestions.c.target_id == bindparam("role_id")),
    "client_id": (suggestions.c.client_id == bindparam("client_id"),),
}


@lru_cache(maxsize=len(FILTERS) ** 2 * 2)
def _page_statements(given: tuple[str, ...]):
    """One page of what matches the filters `given`, each row with how many match in all, and that count alone for
    a page past the end: built once per process and combination, with their values as parameters (built per
    request, the joined statement cost more Python than its reading).

    The page is taken first, newest first from ix_suggestions_org_made, and only its rows are joined to their
    targets' titles; the count is a subquery beside it. (A window count, `count(*) OVER ()`, joined and sorted every
    suggestion of the organisation for each page.)"""
    where = and_(suggestions.c.organisation == bindparam("organisation"), *(c for name in given for c in FILTERS[name]))
    count = select(func.count()).select_from(suggestions).where(where)
    taken = (select(suggestions).where(where).order_by(*_newest_first(suggestions))
             .limit(bindparam("limit", type_=Integer, literal_execute=True))
             .offset(bindparam("offset", type_=Integer, literal_execute=True))
             .subquery("page"))
    return (constants_written(count), constants_written(
        _titled_from(taken).add_columns(count.scalar_subquery().label("listed_total")).order_by(*_newest_first(taken))))


def _newest_first(rows) -> tuple:
    """The list's order (newest first, then by rank) of the suggestions table or a page of it."""
    return rows.c.made_at.desc(), rows.c.rank, rows.c.id


def page(session, principal: Principal, filters: dict) -> dict:
    """A page of the organisation's suggestions, newest first, filtered by status, need, environment, role, client:
    the rows and how many match in one statement (the joins add no rows: each suggestion has one target)."""
    given = tuple(name for name in FILTERS if filters.get(name))
    values = {name: str(filters[name]) for name in given}
    count, rows_of = _page_statements(given)
    per_page, number = filters.get("per_page") or 25, filters.get("page") or 1
    rows = session.execute(rows_of, {"organisation": principal.organisation, **values, "limit": per_page,
                                     "offset": (number - 1) * per_page}).all()
    if rows:
        total = rows[0].listed_total
    else:  # none on this page: past the end, or none at all
        total = session.execute(count, {"organisation": principal.organisation, **values}).scalar_one() \
            if number > 1 else 0
    log_read(session, principal, rows)
    return {"items": [as_item(r) for r in rows], "total": total, "page": number, "per_page": per_page}


def log_read(session, principal: Principal, rows) -> None:
    """One audit entry naming the clients whose suggestions (scores, explanations) the principal is shown."""
    if rows:
        record(session, principal, "read", "suggestions", "matching", subjects=list(dict.fromkeys(
            r.client_id for r in rows)), objects=[r.id for r in rows], organisation=principal.organisation)


def suggestion_of(session, principal: Principal, suggestion_id: str):
    """The row of a suggestion the principal's organisation may see; another organisation's is not found."""
    row = session.execute(select(suggestions).where(suggestions.c.id == str(suggestion_id))).first()
    if row is None or row.organisation != principal.organisation:
        raise NotFound(N_("No such suggestion"))
    return row


def one(session, principal: Principal, suggestion_id: str) -> dict:
    """One suggestion the principal's organisation may see, as the API and the page show it."""
    row = suggestion_of(session, principal, suggestion_id)
    log_read(session, principal, [row])
    return as_item(row, target_titles(session, [row]))


def target_options(session, principal: Principal) -> dict:
    """Needs and environments the organisation has suggestions for (the inbox's filter choices)."""
    rows = session.execute(select(suggestions.c.target_kind, suggestions.c.target_id, suggestions.c.environment_id)
                           .where(suggestions.c.organisation == principal.organisation).distinct()).all()
    titles = target_titles(session, rows)
    needs_seen = sorted({(titles.get((r.target_kind, r.target_id), {}).get("title") or r.target_id, r.target_id)
                         for r in rows if r.target_kind == targets.NEED})
    envs = {r.environment_id for r in rows if r.environment_id}
    names = dict(session.execute(select(environments.c.environment_id, environments.c.name)
                                 .where(environments.c.environment_id.in_(envs))).all()) if envs else {}
    return {"needs": [(i, t) for t, i in needs_seen],
            "environments": sorted(((e, names.get(e, e)) for e in envs), key=lambda x: x[1])}


def partner_needs(session, principal: Principal) -> list[dict]:
    """The partner's own needs with how many candidates were suggested and accepted, no identities."""
    own = session.execute(select(needs.c.need_id, needs.c.title, needs.c.status, needs.c.updated_at)
                          .select_from(needs.join(partners, partners.c.partner_id == needs.c.partner_id))
                          .where(partners.c.organisation == principal.organisation)
                          .order_by(needs.c.updated_at.desc())).all()
    counts: dict[str, dict[str, int]] = {}
    if own:
        for r in session.execute(select(suggestions.c.target_id, suggestions.c.status, func.count())
                                 .where(suggestions.c.target_kind == targets.NEED,
                                        suggestions.c.target_id.in_([n.need_id for n in own]))
                                 .group_by(suggestions.c.target_id, suggestions.c.status)):
            counts.setdefault(r[0], {})[r[1]] = r[2]
    result = []
    for n in own:
        c = counts.get(n.need_id, {})
        result.append({"need_id": n.need_id, "title": n.title, "status": n.status,
                       "candidates": c.get("new", 0) + c.get("accepted", 0), "accepted": c.get("accepted", 0)})
    return result


def for_target(session, principal: Principal, kind: str, target_id: str) -> dict:
    """A need's or role's suggestions about the organisation's clients, best first, and the network's count."""
    listed, counted = _for_target(kind)
    rows = session.execute(listed, {"target_id": str(target_id), "organisation": principal.organisation}).all()
    network = session.execute(counted, {"target_id": str(target_id)}).scalar_one()
    log_read(session, principal, rows)
    return {"target_kind": kind, "target_id": str(target_id), "network_suggested": network,
            "items": [as_item(r) for r in rows]}


def need_title(session, need_id: str) -> dict | None:
    """A need's title, status and partner, or None when matching has not heard of it."""
    row = session.execute(select(needs.c.title, needs.c.status, partners.c.name)
                          .select_from(needs.outerjoin(partners, partners.c.partner_id == needs.c.partner_id))
                          .where(needs.c.need_id == str(need_id))).first()
    return None if row is None else {"title": row.title, "status": row.status, "partner": row.name}


def need_candidates(session, principal: Principal, need_id: str) -> tuple[dict, dict]:
    """A need (title, status, partner) and its suggestions about the organisation's clients; NotFound if unheard of."""
    need = need_title(session, need_id)
    if need is None:
        raise NotFound(N_("No such need"))
    return need, for_target(session, principal, targets.NEED, str(need_id))


def for_environment(session, principal: Principal, environment_id: str) -> dict | None:
    """Every role of an environment with its suggestions about the organisation's clients."""
    env = session.execute(select(environments).where(environments.c.environment_id == str(environment_id))).first()
    if env is None:
        return None
    roles = session.execute(select(environment_roles).where(environment_roles.c.environment_id == env.environment_id)
                            .order_by(environment_roles.c.title, environment_roles.c.role_id)).all()
    return {"environment_id": env.environment_id, "name": env.name, "status": env.status,
            "roles": [{"role_id": r.role_id, "title": r.title, "seats": r.seats,
                       **for_target(session, principal, targets.ROLE, r.role_id)} for r in roles]}


def environment_candidates(session, principal: Principal, environment_id: str) -> dict:
    """`for_environment`, or NotFound when matching has not heard of the environment."""
    found = for_environment(session, principal, environment_id)
    if found is None:
        raise NotFound(N_("No such environment"))
    return found
