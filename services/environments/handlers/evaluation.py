"""The student's experience survey, the partner's assessment, and reminders of what is missing."""
from __future__ import annotations

import uuid

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from services.environments.db import assessments, outcomes, participant_metric_phases, participants, roles, surveys
from services.environments.domain import N_, Conflict, Forbidden, Invalid, evaluation, require
from services.environments.domain.competence import confirmation_problems
from services.environments.handlers import access as acl
from services.environments.handlers import participants as people
from services.environments.handlers import reminders, views
from services.environments.handlers.evidence import refresh_evidence
from services.environments.handlers.kept import read, read_of
from shared.auth.principal import Principal
from shared.db import Read, any_of
from shared.events.envelope import utcnow
from shared.runtime import Work


def answer_survey(work: Work, principal: Principal, person, data: dict) -> None:
    """The student's own experience survey: once, after their participation has completed."""
    if not acl.is_own_client(principal, person):
        raise Forbidden("Only the student themself answers their survey")
    evaluation.check_survey_allowed(person.status)
    answers = data.get("answers") or {}
    require(evaluation.score_problems(answers, evaluation.SURVEY_KEYS, "answers"))
    if views.survey_of(work.session, person.id) is not None:
        raise Conflict(N_("The survey has already been answered."))
    try:
        with work.session.begin_nested():
            work.session.execute(insert(surveys).values(
                participant_id=person.id, environment_id=person.environment_id, answers=answers,
                free_text=(data.get("free_text") or "").strip() or None, answered_at=utcnow()))
    except IntegrityError as exc:
        raise Conflict(N_("The survey has already been answered.")) from exc
    reminders.touched(work, person.environment_id)
    work.emit("environments.survey.answered", {"participant_id": person.id, "environment_id": person.environment_id,
                                                "organisation": person.client_organisation, "answers": answers})


def _acting_partner(access: acl.Access, partner_id) -> str:
    """The partner the user assesses for: the one named, or their only one."""
    if partner_id is None:
        if len(access.partner_ids) != 1:
            raise Invalid({"partner_id": [N_("Choose the partner you assess for.")]})
        return access.partner_ids[0]
    if str(partner_id) not in access.partner_ids:
        raise Forbidden("You do not act for this partner")
    return str(partner_id)


def give_assessment(work: Work, principal: Principal, row, access: acl.Access, data: dict) -> str:
    """A partner's assessment of one participant (with the skills they confirm) or of the team overall."""
    if not access.assess:
        raise Forbidden("Only the environment's partners assess")
    session = work.session
    partner_id = _acting_partner(access, data.get("partner_id"))
    person = people.named_in(session, row, data.get("participant_id"))
    evaluation.check_assessment_allowed(row.status, person.status if person else None)
    scores, skills = data.get("scores") or {}, data.get("skills") or []
    problems = evaluation.score_problems(scores, evaluation.CRITERIA_KEYS, "scores")
    if person is None and skills:
        problems["skills"] = [N_("Skills are confirmed for a participant, not for the team.")]
    elif person is not None:
        role = session.execute(select(roles).where(roles.c.id == person.role_id)).first()
        problems.update(confirmation_problems(skills, [s["uri"] for s in role.skills or []]))
    require(problems)
    subject = person.id if person else evaluation.OVERALL
    taken = session.execute(select(assessments.c.id).where(
        assessments.c.environment_id == row.id, assessments.c.partner_id == partner_id,
        assessments.c.subject == subject)).first()
    if taken is not None:
        raise Conflict(N_("This partner has already given this assessment."))
    assessment_id = str(uuid.uuid4())
    try:
        with session.begin_nested():
            session.execute(insert(assessments).values(
                id=assessment_id, environment_id=row.id, partner_id=partner_id, subject=subject,
                participant_id=person.id if person else None, scores=scores,
                skills=[{"uri": s["uri"], "level": s["level"]} for s in skills],
                free_text=(data.get("free_text") or "").strip() or None, given_by=principal.user_id,
                given_at=utcnow()))
    except IntegrityError as exc:
        raise Conflict(N_("This partner has already given this assessment.")) from exc
    reminders.touched(work, row.id)
    work.emit("environments.assessment.given", {
        "assessment_id": assessment_id, "environment_id": row.id, "partner_id": partner_id,
        "participant_id": person.id if person else None, "scores": scores})
    if person is not None:
        refresh_evidence(work, person.id, row.name)
    return assessment_id


def reminders_for(session, row, known: views.Parts | None = None, *, people: list | None = None,
                  given: list | None = None, outcomes: list | None = None) -> list[dict]:
    """What is still missing in an environment's review and evaluation (`known`: its parts; `people`, `given`,
    `outcomes`: its participants (views.team_rows), assessments (views.assessments_of) and outcomes
    (views.outcomes_of); each read already where given)."""
    return reminders_of_many(
        session, [row], [known] if known is not None else None,
        people=None if people is None else {row.id: people}, given=None if given is None else {row.id: given},
        recorded=None if outcomes is None else ({row.id} if outcomes else set()))[0]


def reminders_of_many(session, rows, known: list[views.Parts] | None = None, *,
                      people: dict[str, list] | None = None, given: dict[str, list] | None = None,
                      recorded: set[str] | None = None) -> list[list[dict]]:
    """What is still missing in each of several environments, in the order of `rows` (`known`: their parts;
    `people`: their participants, each environment's in the order of their enrolment and ids; `given`: their
    assessments; `recorded`: those of them with an outcome; each read already where given): nine queries (five with
    `known`, fewer with the others), whatever their number."""
    rows = list(rows)
    if not rows:
        return []
    ids = [row.id for row in rows]
    parts = known if known is not None else views.parts_of_many(session, rows, reminded=True)
    if people is None:
        people = people_of_many(session, ids)
    if given is None:
        given = given_of_many(session, ids)
    surveyed = set(read_of(session, surveyed_read(ids)).scalars())
    phases = {(r.participant_id, r.phase) for r in read_of(session, phases_read(ids))}
    if recorded is None:
        recorded = set(read(session, "reminders.recorded", lambda d: select(outcomes.c.environment_id).where(
            any_of(d, outcomes.c.environment_id, "ids")).distinct(), ids=ids).scalars())
    found = []
    for row, p in zip(rows, parts, strict=True):
        states = [evaluation.ParticipantState(
            id=x.id, status=x.status, surveyed=x.id in surveyed,
            assessed_by=frozenset(g.partner_id for g in given[row.id] if g.subject == x.id),
            start_metrics=(x.id, "start") in phases, end_metrics=(x.id, "end") in phases) for x in people[row.id]]
        # the review's missing items need the texts' language check: only a draft is reminded of its review
        review_missing = len(p.review_missing) if evaluation.reminds_of_review(row.status) else 0
        found.append([r.as_dict() for r in evaluation.reminders(
            row.status, review_missing, [x.partner_id for x in p.partners], states,
            [g.partner_id for g in given[row.id] if g.subject == evaluation.OVERALL],
            outcomes_recorded=row.id in recorded)])
    return found


def surveyed_read(ids: list[str]) -> Read:
    """The participants of the environments of `ids` who answered the survey."""
    return Read("reminders.surveyed", lambda d: select(surveys.c.participant_id).where(
        any_of(d, surveys.c.environment_id, "ids")), {"ids": ids})


def phases_read(ids: list[str]) -> Read:
    """The phases in which each participant of the environments of `ids` answered the personal metrics (in intake)."""
    return Read("reminders.phases", lambda d: select(
        participant_metric_phases.c.participant_id, participant_metric_phases.c.phase).join(
        participants, participants.c.id == participant_metric_phases.c.participant_id).where(
        any_of(d, participants.c.environment_id, "ids")).distinct(), {"ids": ids})


def people_of_many(session, ids: list[str]) -> dict[str, list]:
    """The participants' ids and statuses of each environment of `ids`, in the order of their enrolment and ids:
    one query."""
    people: dict[str, list] = {i: [] for i in ids}
    for x in read(session, "reminders.people", lambda d: select(
            participants.c.environment_id, participants.c.id, participants.c.status)
            .where(any_of(d, participants.c.environment_id, "ids"))
            .order_by(participants.c.created_at, participants.c.id), ids=ids).all():
        people[x.environment_id].append(x)
    return people


def given_of_many(session, ids: list[str]) -> dict[str, list]:
    """The assessments given in each environment of `ids` (who gave each, of whom): one query."""
    given: dict[str, list] = {i: [] for i in ids}
    for g in read(session, "reminders.given", lambda d: select(
            assessments.c.environment_id, assessments.c.partner_id, assessments.c.subject)
            .where(any_of(d, assessments.c.environment_id, "ids")), ids=ids).all():
        given[g.environment_id].append(g)
    return given


def survey_averages(session, environment_id: str) -> dict | None:
    """Average answers per item, only when at least five students answered (no one's answers can be read off)."""
    rows = read_of(session, survey_answers_read(environment_id)).scalars().all()
    found = evaluation.averages(rows, evaluation.SURVEY_KEYS)
    return None if found["averages"] is None else {"count": found["count"], "items": found["averages"]}


def survey_answers_read(environment_id: str) -> Read:
    return Read("survey_answers", lambda d: select(surveys.c.answers).where(
        surveys.c.environment_id == bindparam("environment_id")), {"environment_id": environment_id})


def assessment_summary(session, environment_id: str) -> dict:
    """The partners' assessments as the coordinator sees them: how many were given of the participants and of the
    team, and the averages per criterion of each group of at least five; no individual assessment."""
    given = read_of(session, assessment_scores_read(environment_id)).all()
    return {"environment_id": environment_id, "smallest_group": evaluation.SMALLEST_GROUP,
            "participants": evaluation.averages([g.scores for g in given if g.subject != evaluation.OVERALL],
                                                evaluation.CRITERIA_KEYS),
            "team": evaluation.averages([g.scores for g in given if g.subject == evaluation.OVERALL],
                                        evaluation.CRITERIA_KEYS)}


def assessment_scores_read(environment_id: str) -> Read:
    return Read("assessment_scores", lambda d: select(assessments.c.subject, assessments.c.scores).where(
        assessments.c.environment_id == bindparam("environment_id")), {"environment_id": environment_id})
