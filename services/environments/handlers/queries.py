"""The read queries the pages and the API share: lists, progress, and what each principal sees of a part."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, select

from services.environments.db import (
    assessments,
    competence_needs,
    environment_partners,
    environments,
    participants,
    partners,
    roles,
)
from services.environments.domain import lifecycle
from services.environments.domain.evaluation import OVERALL, PARTNERS_REMINDED, partners_reminders
from services.environments.domain.outcomes import is_cooperation
from services.environments.domain.participation import ACTIVE
from services.environments.domain.target import Progress
from services.environments.handlers import access as acl
from services.environments.handlers import views
from services.environments.handlers.evaluation import given_of_many, people_of_many, reminders_of_many
from services.environments.handlers.kept import read, read_of
from services.environments.handlers.participants import participations_of
from shared import figures
from shared.audit import record_by
from shared.db import Read, any_of
from shared.errors import NotFound


def list_environments(session, principal, query: dict, lang: str) -> list[dict]:
    """The environments the principal may see, filtered by status, service area, field or partner (only the columns
    and parts the list shows are read: `views.LISTED`)."""
    return [env for env, _p in _listed(session, principal, query, lang, whole=False)]


def _listed(session, principal, query: dict, lang: str, *, whole: bool = True) -> list[tuple[dict, views.Parts]]:
    """`list_environments` with each environment's parts (read for all of them at once); `whole`: the whole row and
    every part, else what the list shows."""
    status, area = query.get("status"), query.get("service_area")

    def build(dialect):
        stmt = select(*((environments,) if whole else views.LISTED)).where(
            acl.visible_condition(principal, named=True)).order_by(
            environments.c.starts_on.desc().nulls_last(), environments.c.name)
        if status:
            stmt = stmt.where(environments.c.status == bindparam("status"))
        if area:
            stmt = stmt.where(environments.c.service_area == bindparam("service_area"))
        return stmt.limit(bindparam("limit"))

    shape = (whole, *acl.visible_shape(principal), bool(status), bool(area))
    found = []
    rows = read(session, f"listed.{shape}", build, organisation=principal.organisation,
                client_id=principal.client_id, status=status, service_area=area, limit=2000).all()
    taken = views.taken_seats_of_many(session, [row.id for row in rows])
    keepers = views.conversation_keepers(session, rows) if principal.has("partner") else {}
    for p in views.parts_of_many(session, rows, listed=not whole):
        row = p.row
        if query.get("partner_id") and str(query["partner_id"]) not in {x.partner_id for x in p.partners}:
            continue
        if query.get("field") and not any(c == query["field"] or c.startswith(query["field"])
                                          for c in p.multidisciplinarity.fields + tuple(row.fields_of_education or ())):
            continue
        found.append(({**views.summary(p, lang, taken.get(row.id, {})), "conversation_at": keepers.get(row.id)}, p))
    return found


# What the partner's page shows of an environment (`partner_worklist`)
WORKLIST = (environments.c.id, environments.c.name, environments.c.status, environments.c.starts_on,
            environments.c.ends_on)


def partner_worklist(session, principal) -> list[dict]:
    """The environments the partner user's organisation takes part in (in the order of the list), each with its id,
    name, status and dates and the assessments its partners there still have to give (`reminders`). Only those are
    reminded to a partner, of a completed or evaluated environment (`evaluation.partners_reminders`), so only
    those environments' participants and assessments are read: at most four statements, whatever their number."""
    visible = acl.visible_shape(principal)
    rows = read(session, f"worklist.{visible}", lambda d: select(*WORKLIST).where(
        acl.visible_condition(principal, named=True)).order_by(
        environments.c.starts_on.desc().nulls_last(), environments.c.name).limit(bindparam("limit")),
        organisation=principal.organisation, client_id=principal.client_id, limit=2000).all()
    found = [{**row._mapping, "reminders": []} for row in rows]
    reminded = [row.id for row in rows if row.status in PARTNERS_REMINDED]
    own: dict[str, list[str]] = {}
    if reminded and principal.organisation:
        for x in read(session, "worklist.partners", lambda d: select(
                environment_partners.c.environment_id, environment_partners.c.partner_id).where(
                any_of(d, environment_partners.c.environment_id, "ids"),
                environment_partners.c.organisation == bindparam("organisation")).order_by(
                environment_partners.c.name), ids=reminded, organisation=principal.organisation).all():
            own.setdefault(x.environment_id, []).append(x.partner_id)
    if not own:
        return found
    people, given = people_of_many(session, list(own)), given_of_many(session, list(own))
    for env in found:
        if env["id"] in own:
            done = given[env["id"]]
            env["reminders"] = [r.as_dict() for r in partners_reminders(
                env["status"], own[env["id"]],
                [(x.id, x.status, frozenset(g.partner_id for g in done if g.subject == x.id))
                 for x in people[env["id"]]],
                [g.partner_id for g in done if g.subject == OVERALL])]
    return found


def progress(session, target: int) -> Progress:
    """Environments that have started against the network's target (shared/figures.py: the rule, defined once)."""
    rows = session.execute(select(environments).where(environments.c.status.in_(lifecycle.STARTED))).all()
    multidisciplinary = sum(1 for p in views.parts_of_many(session, rows) if figures.counts_toward_target(
        p.row.status, p.multidisciplinarity.value))
    return Progress(target=target, started=len(rows), multidisciplinary=multidisciplinary)


def partner_choices(session) -> list[dict]:
    """Every partner with its open needs, by name."""
    needs: dict[str, list] = {}
    for n in session.execute(select(competence_needs).where(competence_needs.c.status == "open")
                             .order_by(competence_needs.c.title)):
        needs.setdefault(n.partner_id, []).append(dict(n._mapping))
    return [dict(p._mapping, needs=needs.get(p.id, []))
            for p in session.execute(select(partners).order_by(partners.c.name))]


def describe_assessment(row) -> dict:
    data = dict(row._mapping)
    data["participant_id"] = None if row.subject == OVERALL else row.participant_id
    return data


def visible_assessments(session, principal, row, access, known_people: list | None = None,
                        known: list | None = None) -> list[dict]:
    """Host managers see every assessment; a partner its own; a student those of themself; managers those of
    their own clients. The coordinator sees none of them: only the aggregate (`assessment_summary`).
    `known_people`, `known`: the environment's participants (`views.team_rows`) and assessments
    (`views.assessments_of`), read already."""
    result = []
    people = {p.id: p for p in (known_people if known_people is not None else views.team_rows(session, row.id))}
    own = {p.id for p in people.values() if acl.is_own_client(principal, p) or acl.manages_client(principal, p)}
    for a in known if known is not None else views.assessments_of(session, row.id):
        if access.edit or a.partner_id in access.partner_ids or a.participant_id in own:
            result.append(describe_assessment(a))
    assessed = [people[a["participant_id"]] for a in result if a["participant_id"] in people]
    record_by(session, principal, "read", "assessments", "environment",
              [(p.client_id, p.client_organisation) for p in assessed], objects=[row.id])
    return result


def describe_outcome(row, with_text: bool) -> dict:
    data = dict(row._mapping)
    data["cooperation"] = is_cooperation(row.kind)
    if not with_text:
        data["description"] = None
    return data


def outcomes_for(session, row, access, known: list | None = None) -> list[dict]:
    """Host managers and the outcome's own partner see the description; others the facts (`known`: the
    environment's outcomes, read already)."""
    return [describe_outcome(o, access.edit or o.partner_id in access.partner_ids)
            for o in (known if known is not None else views.outcomes_of(session, row.id))]


def describe_person(session, principal, person, access, badge_url: Callable[[str], str]) -> dict:
    """A participant as the principal may see them; at the full level with metrics, survey and badge.

    `badge_url(assertion_id)` is where the badge's assertion is published (the web layer knows the URL).
    """
    titles = dict(session.execute(select(roles.c.id, roles.c.title).where(
        roles.c.environment_id == person.environment_id)).all())
    data = views.describe_participant(principal, access, person, titles)
    data["environment_id"] = person.environment_id
    if data["level"] == acl.FULL:
        data["metrics"] = views.metrics_of(session, person.id)
        data["survey_answered"] = views.survey_of(session, person.id) is not None
        badge = views.badge_of(session, person.id)
        data["badge_url"] = badge_url(badge.id) \
            if badge is not None and badge.revoked_at is None else None
    return data


def team(session, principal, environment_id, badge_url: Callable[[str], str]) -> list[dict]:
    """The team of an environment, each person at the level the principal may see them (a student: themself)."""
    _row, access = acl.load_environment(session, principal, environment_id)
    people = session.execute(select(participants).where(participants.c.environment_id == str(environment_id))
                             .order_by(participants.c.created_at)).all()
    if access.student and not (access.enrol or access.assess or access.coordinator):
        people = [p for p in people if acl.is_own_client(principal, p)]
    views.log_team_read(session, principal, access, str(environment_id), people)
    return [describe_person(session, principal, p, access, badge_url) for p in people]


def own_participations(session, principal, badge_url: Callable[[str], str]) -> list[dict]:
    """A student's own participations, each with its environment's name and status."""
    result = []
    mine = participations_of(session, principal)
    for person in mine:
        _row, access = acl.load_environment(session, principal, person.environment_id)
        result.append(dict(describe_person(session, principal, person, access, badge_url),
                           environment_name=person.environment_name, environment_status=person.environment_status))
    record_by(session, principal, "read", "participation", "own_use",
              [(p.client_id, p.client_organisation) for p in mine], objects=[p.environment_id for p in mine])
    return result


def open_reminders(session, principal) -> list[dict]:
    """What is missing in every environment the principal's organisation hosts (the coordinator: every one)."""
    coordinator = principal.has("coordinator")

    def build(dialect):
        # (the two statuses given at execution: a kept statement takes no constants of its own)
        stmt = select(*views.REMINDED).where(environments.c.status != bindparam("cancelled"),
                                             environments.c.status != bindparam("evaluated"))
        if not coordinator:
            stmt = stmt.where(environments.c.host_organisation == bindparam("organisation"))
        return stmt.order_by(environments.c.name)

    given = {} if coordinator else {"organisation": principal.organisation}
    rows = read(session, f"open_reminders.{coordinator}", build, cancelled=lifecycle.CANCELLED,
                evaluated=lifecycle.EVALUATED, **given).all()
    return [dict(r, environment_id=row.id, environment_name=row.name)
            for row, found in zip(rows, reminders_of_many(session, rows), strict=True) for r in found]


def partner_names(session) -> list:
    """Every partner's id and name, by name (the front page's filter)."""
    return session.execute(select(partners.c.id, partners.c.name).order_by(partners.c.name)).all()


def assessment_subject(session, row, subject: str):
    """The active participant a partner assesses in `row`, or None for the team overall; NotFound otherwise."""
    if subject == OVERALL:
        return None
    person = session.execute(select(participants).where(participants.c.id == subject,
                                                        participants.c.environment_id == row.id)).first()
    if person is None or person.status not in ACTIVE:
        raise NotFound("No such participant")
    return person


def assessed_already(session, row, partner_ids, subject: str) -> bool:
    """Whether one of these partners assessed the subject in `row` already."""
    return session.execute(select(assessments.c.id).where(
        assessments.c.environment_id == row.id, assessments.c.partner_id.in_(partner_ids),
        assessments.c.subject == subject)).first() is not None


def assessed_by(session, row, partner_ids) -> set[str]:
    """The subjects (participant ids, or "team") these partners have assessed in `row`."""
    if not partner_ids:
        return set()
    return set(read_of(session, assessed_by_read(row, partner_ids)).scalars())


def assessed_by_read(row, partner_ids) -> Read:
    return Read("assessed_by", lambda d: select(assessments.c.subject).where(
        assessments.c.environment_id == bindparam("environment_id"),
        any_of(d, assessments.c.partner_id, "partner_ids")),
        {"environment_id": row.id, "partner_ids": list(partner_ids)})


def active_participants(session, environment_id: str) -> list:
    """The participants of an environment who are enrolled or completed."""
    return session.execute(select(participants).where(participants.c.environment_id == environment_id,
                                                      participants.c.status.in_(ACTIVE))).all()

