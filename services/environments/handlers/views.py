"""Reading environments back: the rows an environment consists of, and how each principal sees them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from services.environments.db import (
    assessments,
    badges,
    environment_needs,
    environment_partners,
    environments,
    outcomes,
    participant_metric_phases,
    participants,
    review_items,
    roles,
    surveys,
)
from services.environments.domain import environment as rules
from services.environments.domain import review
from services.environments.domain.gender_language import default_check
from services.environments.domain.participation import ACTIVE, gender_balance
from services.environments.handlers import access as acl
from services.environments.handlers.kept import read, read_of
from shared.audit import record_by
from shared.auth.principal import Principal
from shared.db import Read, any_of
from shared.reference import education, esco, municipalities
from shared.web.dump import Dumped


@dataclass
class Parts:
    """An environment's row with its roles, partners, needs and review (read together; not changed after)."""

    row: object
    roles: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    needs: list = field(default_factory=list)
    review: dict = field(default_factory=dict)

    @cached_property
    def findings(self) -> list:
        """The language check of its texts: run once, when first asked (a page's description, its review and its
        reminders all ask; a list or the reminders of an environment that is no draft never do)."""
        return language_findings(self.row, self.roles)

    @property
    def multidisciplinarity(self) -> rules.Multidisciplinarity:
        return rules.multidisciplinarity(self.row.fields_of_education or [], [r.fields or [] for r in self.roles])

    @property
    def review_missing(self) -> list[str]:
        return review.missing_items(self.review, len(self.findings))


def parts(session: Session, row) -> Parts:
    """Everything an environment consists of (not its people)."""
    return parts_of_many(session, [row])[0]


# What a list shows of an environment (`summary`) and filters it by: the rest of the row and its parts is not read
LISTED = (environments.c.id, environments.c.name, environments.c.status, environments.c.host_organisation,
          environments.c.municipality, environments.c.service_area, environments.c.starts_on, environments.c.ends_on,
          environments.c.capacity, environments.c.fields_of_education)
LISTED_PARTNERS = (environment_partners.c.environment_id, environment_partners.c.partner_id,
                   environment_partners.c.name, environment_partners.c.kind, environment_partners.c.organisation)


# What the reminders read of an environment's row: its status and the texts the language check reads
REMINDED = (environments.c.id, environments.c.name, environments.c.status, environments.c.description,
            environments.c.learning_goals)
# What the reminders read of an environment's roles and partners (`parts_of_many(reminded=True)`): the texts the
# language check reads and the partners' ids, not the roles' skills and fields (JSON parsed for every row)
REMINDED_ROLES = (roles.c.environment_id, roles.c.id, roles.c.title, roles.c.description)
REMINDED_PARTNERS = (environment_partners.c.environment_id, environment_partners.c.partner_id)


def parts_of_many(session: Session, rows, *, listed: bool = False, reminded: bool = False) -> list[Parts]:
    """The parts of several environments, in the order of `rows`: four queries, whatever their number.

    `listed`: only what a list shows and filters by (`summary`), in two queries: each role's fields of education
    (not its texts or skills), the partners; no needs, no review (their lists stay empty). `reminded`: what the
    reminders read (`evaluation.reminders_of_many`), in three queries: the roles' ids, titles and descriptions, the
    partners' ids, the review; no needs."""
    rows = list(rows)
    by_id = {row.id: Parts(row) for row in rows}
    if not by_id:
        return []
    ids = list(by_id)
    shape = "listed" if listed else "reminded" if reminded else "whole"
    # (each result fetched at once: iterated, SQLAlchemy fetches its rows one by one, ~500 calls for 200 environments)
    for r in read_of(session, roles_read(ids, shape)).all():
        by_id[r.environment_id].roles.append(r)
    for r in read_of(session, partners_read(ids, shape)).all():
        by_id[r.environment_id].partners.append(r)
    if listed:
        return [by_id[row.id] for row in rows]
    if not reminded:
        for r in read_of(session, needs_read(ids)):
            by_id[r.environment_id].needs.append(r)
    for r in read_of(session, review_read(ids)):
        by_id[r.environment_id].review[r.item] = review.ItemReview(r.item, r.checked, r.note, r.reviewed_by,
                                                                   r.reviewer_name, r.reviewed_at)
    return [by_id[row.id] for row in rows]


def roles_read(ids: list[str], shape: str = "whole") -> Read:
    """The roles of the environments of `ids` (`parts_of_many`'s shapes: whole, listed, reminded)."""
    columns = (roles.c.environment_id, roles.c.fields) if shape == "listed" else \
        REMINDED_ROLES if shape == "reminded" else (roles,)
    return Read(f"parts.roles.{shape}", lambda d: select(*columns).where(
        any_of(d, roles.c.environment_id, "ids")).order_by(roles.c.position, roles.c.title), {"ids": ids})


def partners_read(ids: list[str], shape: str = "whole") -> Read:
    """The partners of the environments of `ids` (`parts_of_many`'s shapes)."""
    columns = LISTED_PARTNERS if shape == "listed" else REMINDED_PARTNERS if shape == "reminded" else \
        (environment_partners,)
    return Read(f"parts.partners.{shape}", lambda d: select(*columns).where(
        any_of(d, environment_partners.c.environment_id, "ids")).order_by(environment_partners.c.name),
        {"ids": ids})


def needs_read(ids: list[str]) -> Read:
    return Read("parts.needs", lambda d: select(environment_needs).where(
        any_of(d, environment_needs.c.environment_id, "ids")).order_by(environment_needs.c.title), {"ids": ids})


def review_read(ids: list[str]) -> Read:
    return Read("parts.review", lambda d: select(review_items).where(
        any_of(d, review_items.c.environment_id, "ids")), {"ids": ids})


def language_findings(row, role_rows) -> list[dict]:
    """Gendered titles in the environment's texts and its roles' titles and descriptions."""
    check = default_check()
    found = [f.as_dict() for f in check.check_all({"name": row.name, "description": row.description,
                                                   "learning_goals": row.learning_goals}, kept=True)]
    for role in role_rows:
        for name in ("title", "description"):
            found.extend(dict(f.as_dict(), role_id=role.id, field=f"role_{name}")
                         for f in check.check(getattr(role, name), f"role_{name}", kept=True))
    return found


def field_name(code: str, lang: str) -> str:
    return education.name(code, lang) if education.is_valid(code) else code


def skill_label(uri: str, lang: str) -> str:
    taxonomy = esco.load_taxonomy()
    index = taxonomy.index.get(uri)
    return taxonomy.shown(index, lang) if index is not None else uri


def taken_seats(session: Session, environment_id: str) -> dict[str, int]:
    """Seats taken per role (enrolled and completed participants)."""
    return taken_seats_of_many(session, [environment_id]).get(environment_id, {})


def taken_seats_of_many(session: Session, environment_ids) -> dict[str, dict[str, int]]:
    """Seats taken per role of each environment, in one query."""
    ids = list(environment_ids)
    if not ids:
        return {}
    found: dict[str, dict[str, int]] = {}
    for env_id, role_id, n in read(session, "taken_seats", lambda d: select(
            participants.c.environment_id, participants.c.role_id, func.count()).where(
                any_of(d, participants.c.environment_id, "ids"), participants.c.status.in_(ACTIVE))
            .group_by(participants.c.environment_id, participants.c.role_id), ids=ids).all():
        found.setdefault(env_id, {})[role_id] = n
    return found


def seats_of(people) -> dict[str, int]:
    """`taken_seats` counted from an environment's participants (`team_rows`), read already."""
    taken: dict[str, int] = {}
    for x in people:
        if x.status in ACTIVE:
            taken[x.role_id] = taken.get(x.role_id, 0) + 1
    return taken


def describe_role(role, taken: int, lang: str) -> dict:
    return {"id": role.id, "title": role.title, "description": role.description, "seats": role.seats,
            "taken": taken, "free": max(role.seats - taken, 0), "position": role.position,
            "fields": [{"code": c, "name": field_name(c, lang)} for c in role.fields or []],
            "skills": [{"uri": s["uri"], "level": s["level"], "label": skill_label(s["uri"], lang)}
                       for s in role.skills or []]}


def describe_review(p: Parts) -> dict:
    missing = p.review_missing
    items = []
    for key, label in review.ITEMS:
        r = p.review.get(key)
        items.append({"item": key, "label": label, "checked": bool(r and r.checked), "note": r.note if r else None,
                      "reviewer_name": r.reviewer_name if r else None, "reviewed_by": r.reviewed_by if r else None,
                      "reviewed_at": r.reviewed_at if r else None, "satisfied": key not in missing})
    return {"complete": not missing, "missing": missing, "items": items}


# A list's fields of education and multidisciplinarity by the codes they come from and the language: a list of 200
# environments shows a few dozen combinations, each built once (~1,000 names looked up and 200 classifications
# made per list before). The values are shared and in their dumped form (Dumped, api/schemas.summary_out): read
# them, do not change them.
_fields_kept: dict[tuple, tuple[list, Dumped]] = {}
KEEP_FIELDS = 10_000


def _fields_shown(environment_fields: tuple, role_fields: tuple, lang: str) -> tuple[list, Dumped]:
    key = (environment_fields, role_fields, lang)
    found = _fields_kept.get(key)
    if found is None:
        md = rules.multidisciplinarity(environment_fields, role_fields)
        found = ([Dumped(code=c, name=field_name(c, lang)) for c in environment_fields],
                 Dumped(value=md.value, fields=[Dumped(code=c, name=field_name(c, lang)) for c in md.fields],
                        reason=md.reason % {"count": len(md.fields)}, count=len(md.fields)))
        if len(_fields_kept) >= KEEP_FIELDS:
            _fields_kept.clear()
        _fields_kept[key] = found
    return found


def summary(p: Parts, lang: str, taken: dict[str, int] | None = None) -> dict:
    """An environment as a list shows it."""
    row = p.row
    taken = taken or {}
    area = municipalities.service_areas().get(row.service_area) if row.service_area else None
    fields_of_education, multidisciplinary = _fields_shown(
        tuple(row.fields_of_education or ()), tuple(tuple(r.fields or ()) for r in p.roles), lang)
    return {
        "id": row.id, "name": row.name, "status": row.status, "host_organisation": row.host_organisation,
        "municipality": row.municipality,
        "municipality_name": municipalities.name(row.municipality, lang) if row.municipality else None,
        "service_area": row.service_area, "service_area_name": area.name(lang) if area else None,
        "starts_on": row.starts_on, "ends_on": row.ends_on, "capacity": row.capacity,
        "participants": sum(taken.values()),
        "fields_of_education": fields_of_education,
        "partners": [{"id": x.partner_id, "name": x.name, "kind": x.kind, "organisation": x.organisation}
                     for x in p.partners],
        "multidisciplinary": multidisciplinary,
    }


def conversation_keepers(session: Session, rows) -> dict[str, str]:
    """Where the environments' conversations are opened: the intake of a member whose clients take part (the
    host's when its clients do), each of which keeps a copy of the one thread; none before anyone takes part."""
    hosts = {row.id: row.host_organisation for row in rows}
    if not hosts:
        return {}
    members: dict[str, set[str]] = {}
    for environment_id, organisation in read(session, "conversation_keepers", lambda d: select(
            participants.c.environment_id, participants.c.client_organisation).distinct().where(
                any_of(d, participants.c.environment_id, "ids"), participants.c.client_id.is_not(None)),
            ids=list(hosts)):
        members.setdefault(environment_id, set()).add(organisation)
    return {env: hosts[env] if hosts[env] in orgs else min(orgs) for env, orgs in members.items()}


def conversation_at(session: Session, principal: Principal, row, access: acl.Access,
                    people: list | None = None) -> str | None:
    """Whose intake the principal opens the environment's conversation at, if they are one of its parties: a
    partner's user at a taking-part member's; a manager whose clients take part, or a participant, at their own.
    `people`: the environment's participants (`team_rows`), read already."""
    if people is None:
        keeper = conversation_keepers(session, [row]).get(row.id)
    else:  # conversation_keepers of these participants
        members = {x.client_organisation for x in people if x.client_id is not None}
        keeper = (row.host_organisation if row.host_organisation in members else min(members)) if members else None
    if keeper is None:
        return None
    if access.assess:
        return keeper
    own = principal.organisation
    if access.student or (principal.has("manager") and _clients_of(session, row, own, people)):
        return own
    return None


def _clients_of(session: Session, row, organisation: str | None, people: list | None) -> bool:
    """Whether clients of `organisation` take part in the environment (`people`: its participants, if read)."""
    if people is not None:
        return any(x.client_organisation == organisation and x.client_id is not None for x in people)
    return read(session, "conversation_own", lambda d: select(participants.c.id).where(
        participants.c.environment_id == bindparam("environment_id"),
        participants.c.client_organisation == bindparam("organisation"),
        participants.c.client_id.is_not(None)), environment_id=row.id, organisation=organisation).first() is not None


def describe(session: Session, principal: Principal, row, access: acl.Access, lang: str,
             known: Parts | None = None, people: list | None = None) -> dict:
    """An environment with everything the principal may see of it (`known`: its parts, `people`: its participants
    (`team_rows`), read already)."""
    p = known if known is not None else parts(session, row)
    if people is None:
        people = team_rows(session, row.id)
    taken = seats_of(people)
    data = summary(p, lang, taken)
    data.update({
        "description": row.description, "learning_goals": row.learning_goals, "institutions": row.institutions or [],
        "cancel_reason": row.cancel_reason if (access.edit or access.enrol or access.coordinator) else None,
        "needs": [{"id": n.need_id, "partner_id": n.partner_id, "title": n.title} for n in p.needs],
        "roles": [describe_role(r, taken.get(r.id, 0), lang) for r in p.roles],
        "review": describe_review(p),
        "language_warnings": p.findings,
        "access": access.as_dict(),
        "created_at": row.created_at, "updated_at": row.updated_at, "opened_at": row.opened_at,
        "started_at": row.started_at, "completed_at": row.completed_at, "evaluated_at": row.evaluated_at,
        "cancelled_at": row.cancelled_at,
        "conversation_at": conversation_at(session, principal, row, access, people),
    })
    data["gender_balance"] = gender_balance([x.gender for x in people if x.status in ACTIVE])
    if access.student and not (access.enrol or access.assess or access.coordinator):
        people = [x for x in people if acl.is_own_client(principal, x)]  # a student sees only themself
    data["team"] = [describe_participant(principal, access, x, {r.id: r.title for r in p.roles}) for x in people]
    log_team_read(session, principal, access, row.id, people)
    return data


def team_rows(session: Session, environment_id: str) -> list:
    """An environment's participants, in the order they were enrolled (and of their ids: the reminders' order)."""
    return read_of(session, team_read(environment_id)).all()


def team_read(environment_id: str) -> Read:
    return Read("team", lambda d: select(participants).where(
        participants.c.environment_id == bindparam("environment_id")).order_by(
        participants.c.created_at, participants.c.id), {"environment_id": str(environment_id)})


def log_team_read(session: Session, principal: Principal, access: acl.Access, environment_id: str, people) -> None:
    """Log the read of the participants shown beyond their role and status (names, goals, client ids)."""
    shown = [x for x in people if acl.participant_level(principal, access, x) != acl.SUMMARY]
    record_by(session, principal, "read", "participants", "environment",
              [(x.client_id, x.client_organisation) for x in shown], objects=[environment_id])


def describe_participant(principal: Principal, access: acl.Access, row, role_titles: dict[str, str]) -> dict:
    """A participant at the level the principal may see them."""
    level = acl.participant_level(principal, access, row)
    data = {"id": row.id, "role_id": row.role_id, "role_title": role_titles.get(row.role_id), "status": row.status,
            "started_on": row.started_on, "ended_on": row.ended_on, "client_organisation": row.client_organisation,
            "level": level}
    if level in (acl.TEAM, acl.FULL):
        data.update(team_name=row.team_name, learning_goals=row.learning_goals,
                    demonstrated_skills=row.demonstrated_skills or [])
    if level == acl.FULL:
        data.update(client_id=row.client_id, gender=row.gender, withdrawal_reason=row.withdrawal_reason)
    return data


def load_participant(session: Session, participant_id):
    """A participant row, or None (also for a malformed id)."""
    return session.execute(select(participants).where(participants.c.id == str(participant_id))).first()


def metrics_of(session: Session, participant_id: str) -> dict[str, datetime | None]:
    """{"start": when answered or None, "end": ...}: when the participant answered intake's personal metrics."""
    result: dict[str, datetime | None] = {"start": None, "end": None}
    for r in session.execute(select(participant_metric_phases).where(
            participant_metric_phases.c.participant_id == participant_id)):
        result[r.phase] = r.answered_at
    return result


def survey_of(session: Session, participant_id: str):
    return session.execute(select(surveys).where(surveys.c.participant_id == participant_id)).first()


def badge_of(session: Session, participant_id: str):
    return session.execute(select(badges).where(badges.c.participant_id == participant_id)).first()


def assessments_of(session: Session, environment_id: str) -> list:
    return read_of(session, assessments_read(environment_id)).all()


def assessments_read(environment_id: str) -> Read:
    return Read("assessments", lambda d: select(assessments).where(
        assessments.c.environment_id == bindparam("environment_id")).order_by(assessments.c.given_at),
        {"environment_id": environment_id})


def outcomes_of(session: Session, environment_id: str) -> list:
    return read_of(session, outcomes_read(environment_id)).all()


def outcomes_read(environment_id: str) -> Read:
    return Read("outcomes", lambda d: select(outcomes).where(
        outcomes.c.environment_id == bindparam("environment_id")).order_by(
        outcomes.c.started_on.desc(), outcomes.c.created_at.desc()), {"environment_id": environment_id})


def environment_row(session: Session, environment_id: str):
    return session.execute(select(environments).where(environments.c.id == str(environment_id))).first()
