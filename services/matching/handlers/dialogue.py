"""The recruitment channel as a dialogue (issue 16): what students and partners see of matching and do in it.

A student browses the open environments and the needs open to students, answers their own suggestions and
expresses interest (which matching's consumer turns into a suggestion for their manager to review). A partner
sees its needs' candidates as pseudonymous competence summaries, asks to be introduced to one and, once the
manager has introduced them, tells what happened; a stored reminder asks for that when nothing is told.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from services.matching.db import (
    candidate_feedback,
    environment_roles,
    environments,
    feedback_reminders,
    needs,
    partners,
    profiles,
    suggestions,
)
from services.matching.domain import dialogue, targets
from services.matching.handlers.explanations import readable
from services.matching.handlers.suggestion_list import as_item, target_name, titled
from services.matching.handlers.suggestions import OPEN, named_ref
from shared.audit import record
from shared.auth import Principal
from shared.errors import N_, Conflict, NotFound, require
from shared.events.envelope import utcnow
from shared.runtime import Work

SHOWN_TO_STUDENT = ("new", "accepted", "declined")  # a withdrawn suggestion no longer concerns them
SHOWN_TO_PARTNER = ("new", "accepted")


# --- students ------------------------------------------------------------------------------------------------
def own_client(principal: Principal) -> str:
    """The signed-in student's own client id; anyone else has no suggestions of their own."""
    if not principal.has("student") or not principal.client_id:
        raise NotFound(N_("No such suggestion"))
    return str(principal.client_id)


def profile_shared(session: Session, client_id: str) -> bool:
    """Whether the client's competence profile is in matching (consent (b) given and the profile shared)."""
    return session.execute(select(profiles.c.status).where(profiles.c.client_id == client_id)).scalar() == "shared"


def _taken(session: Session, client_id: str) -> dict[tuple[str, str], str]:
    rows = session.execute(select(suggestions.c.target_kind, suggestions.c.target_id, suggestions.c.status)
                           .where(suggestions.c.client_id == client_id, suggestions.c.status != "withdrawn"))
    return {(r.target_kind, r.target_id): r.status for r in rows}


def browse(session: Session, principal: Principal) -> dict:
    """Open environments with their roles and the needs open to students (never a hidden job), with what the
    student has already been suggested for, and whether their profile is matched at all."""
    client_id = own_client(principal)
    taken = _taken(session, client_id)
    need_rows = session.execute(
        select(needs.c.need_id, needs.c.title, needs.c.status, needs.c.record, partners.c.name)
        .select_from(needs.outerjoin(partners, partners.c.partner_id == needs.c.partner_id))
        .where(needs.c.status == "open").order_by(needs.c.updated_at.desc())).all()
    open_needs = [{"need_id": n.need_id, "title": n.title, "partner": n.name,
                   "description": n.record.get("description"), "work_type": n.record.get("work_type"),
                   "hours_per_week": n.record.get("hours_per_week"), "municipality": n.record.get("municipality"),
                   "start_date": n.record.get("start_date"), "end_date": n.record.get("end_date"),
                   "suggested": taken.get((targets.NEED, n.need_id))}
                  for n in need_rows if dialogue.open_to_students(n.record, n.status)]
    env_rows = session.execute(select(environments).where(environments.c.status.in_(targets.TAKING_PEOPLE))
                               .order_by(environments.c.name)).all()
    roles: dict[str, list] = {}
    if env_rows:
        for r in session.execute(select(environment_roles).where(environment_roles.c.environment_id.in_(
                [e.environment_id for e in env_rows])).order_by(environment_roles.c.title)):
            roles.setdefault(r.environment_id, []).append(
                {"role_id": r.role_id, "title": r.title, "seats": r.seats,
                 "suggested": taken.get((targets.ROLE, r.role_id))})
    open_environments = [{"environment_id": e.environment_id, "name": e.name, "status": e.status,
                          "description": e.record.get("description"), "roles": roles.get(e.environment_id, [])}
                         for e in env_rows]
    return {"profile_shared": profile_shared(session, client_id), "needs": open_needs,
            "environments": open_environments}


def my_suggestions(session: Session, principal: Principal) -> dict:
    """The student's own suggestions, newest first, and whether their profile is matched."""
    client_id = own_client(principal)
    rows = session.execute(titled(suggestions.c.client_id == client_id, suggestions.c.status.in_(SHOWN_TO_STUDENT))
                           .order_by(suggestions.c.made_at.desc(), suggestions.c.id)).all()
    if rows:
        record(session, principal, "read", "suggestions", "own_use", subjects=[client_id],
               objects=[r.id for r in rows], organisation=principal.organisation)
    return {"profile_shared": profile_shared(session, client_id), "items": [as_item(r) for r in rows]}


def own_suggestion(session: Session, principal: Principal, suggestion_id: str):
    """A suggestion of the signed-in student; anyone else's is not found."""
    client_id = own_client(principal)
    row = session.execute(select(suggestions).where(suggestions.c.id == str(suggestion_id))).first()
    if row is None or row.client_id != client_id or row.status == "withdrawn":
        raise NotFound(N_("No such suggestion"))
    return row


def answer(work: Work, principal: Principal, suggestion_id: str, answer: str | None, reason: str | None) -> dict:
    """The student tells their manager whether they are interested, before the manager decides."""
    reason = (reason or "").strip() or None
    require(dialogue.answer_problems(answer, reason))
    row = own_suggestion(work.session, principal, suggestion_id)
    if row.status != OPEN:
        raise Conflict(N_("Your service manager has already decided on this suggestion."))
    now = utcnow()
    work.session.execute(update(suggestions).where(suggestions.c.id == row.id).values(
        student_answer=answer, student_reason=reason, answered_at=now))
    work.emit("matching.suggestion.answered",
              {**named_ref(work.session, row), "answer": answer, "has_reason": bool(reason)})
    return {"id": row.id, "student_answer": answer, "student_reason": reason, "answered_at": now}


def _interest_target(session: Session, kind: str, target_id: str) -> str | None:
    """The environment of a target a student may express interest in (None for a need); NotFound otherwise."""
    if kind == targets.NEED:
        need = session.execute(select(needs.c.status, needs.c.record).where(needs.c.need_id == target_id)).first()
        if need is None or not dialogue.open_to_students(need.record, need.status):
            raise NotFound(N_("No such need"))
        return None
    role = session.execute(select(environment_roles.c.environment_id, environments.c.status)
                           .select_from(environment_roles.join(
                               environments, environments.c.environment_id == environment_roles.c.environment_id))
                           .where(environment_roles.c.role_id == target_id)).first()
    if role is None or role.status not in targets.TAKING_PEOPLE:
        raise NotFound(N_("No such role"))
    return role.environment_id


def express_interest(work: Work, principal: Principal, kind: str, target_id: str) -> dict:
    """The student wants this need or role: it reaches their manager as a suggestion to review."""
    client_id = own_client(principal)
    target_id = str(target_id)
    environment_id = _interest_target(work.session, kind, target_id)
    if not profile_shared(work.session, client_id):
        raise Conflict(N_("Your competence profile is not shared for matching: first give the consent “Sharing the "
                          "competence profile” on your own page."))
    if _taken(work.session, client_id).get((kind, target_id)) in ("new", "accepted"):
        raise Conflict(N_("You already have a suggestion for this."))
    organisation = work.session.execute(select(profiles.c.organisation)
                                        .where(profiles.c.client_id == client_id)).scalar_one()
    payload = {"client_id": client_id, "organisation": organisation, "target_kind": kind, "target_id": target_id,
               "environment_id": environment_id, "target_name": target_name(work.session, kind, target_id)}
    work.emit("matching.interest.expressed", payload)
    return payload


# --- partners ------------------------------------------------------------------------------------------------
def partner_need(session: Session, principal: Principal, need_id: str):
    """A need of the partner the principal is a user of; another's is not found."""
    row = session.execute(select(needs).select_from(needs.join(partners, partners.c.partner_id == needs.c.partner_id))
                          .where(needs.c.need_id == str(need_id),
                                 partners.c.organisation == principal.organisation)).first()
    if row is None or not principal.has("partner"):
        raise NotFound(N_("No such need"))
    return row


def _feedback_of(session: Session, suggestion_ids: list[str]) -> dict[str, list]:
    found: dict[str, list] = {}
    if suggestion_ids:
        for f in session.execute(select(candidate_feedback).where(candidate_feedback.c.suggestion_id.in_(
                suggestion_ids)).order_by(candidate_feedback.c.recorded_at, candidate_feedback.c.id)):
            found.setdefault(f.suggestion_id, []).append(
                {"stage": f.stage, "employment": f.employment, "reason": f.reason, "recorded_at": f.recorded_at})
    return found


def candidates(session: Session, principal: Principal, need_id: str) -> dict:
    """A need's candidates as pseudonymous competence summaries with their explanations, best first.

    A candidate who said they are not interested is not shown. What stage each is at: suggested, the partner
    asked for an introduction, introduced (the manager accepted), and what the partner told since; whether the
    introduction's conversation (in intake) is open to the partner: once the contact details went to them."""
    need = partner_need(session, principal, need_id)
    joined = suggestions.outerjoin(profiles, profiles.c.client_id == suggestions.c.client_id)
    rows = session.execute(select(suggestions, profiles.c.record.label("profile")).select_from(joined)
                           .where(suggestions.c.target_kind == targets.NEED, suggestions.c.target_id == need.need_id,
                                  suggestions.c.status.in_(SHOWN_TO_PARTNER),
                                  func.coalesce(suggestions.c.student_answer, "") != "not_interested")
                           .order_by(suggestions.c.score.desc(), suggestions.c.made_at, suggestions.c.id)).all()
    feedback = _feedback_of(session, [r.id for r in rows])
    items = []
    for position, r in enumerate(rows):
        disclosed = r.status == "accepted" and r.contact_disclosed_at is not None
        stage = "introduced" if r.status == "accepted" else (
            "introduction_requested" if r.introduction_requested_at else "suggested")
        items.append({"id": r.id, "label": dialogue.candidate_label(position), "score": r.score,
                      "explanation": r.explanation, "summary": dialogue.candidate_summary(r.profile),
                      "stage": stage, "student_interested": r.student_answer == "interested",
                      "may_request": dialogue.may_request_introduction(r.status, r.student_answer,
                                                                       r.introduction_requested_at is not None),
                      "conversation": disclosed,
                      # where the thread is kept; told only once the contact (which names the school) went
                      "client_organisation": r.organisation if disclosed else None,
                      "feedback": feedback.get(r.id, [])})
    if rows:
        record(session, principal, "read", "candidate_summaries", "matching",
               subjects=list(dict.fromkeys(r.client_id for r in rows)), objects=[need.need_id])
    hires = sum(1 for i in items for f in i["feedback"] if f["stage"] == "hired")
    return {"need_id": need.need_id, "title": need.title, "status": need.status,
            "people": int(need.record.get("people") or 1), "hires": hires, "items": items}


def _partner_suggestion(session: Session, principal: Principal, suggestion_id: str):
    row = session.execute(select(suggestions).where(suggestions.c.id == str(suggestion_id),
                                                    suggestions.c.target_kind == targets.NEED)).first()
    if row is None:
        raise NotFound(N_("No such candidate"))
    partner_need(session, principal, row.target_id)
    if row.status not in SHOWN_TO_PARTNER or row.student_answer == "not_interested":
        raise NotFound(N_("No such candidate"))
    return row


def need_of_candidate(session: Session, principal: Principal, suggestion_id: str) -> str:
    """The need of a candidate on the partner's own list (NotFound otherwise)."""
    return _partner_suggestion(session, principal, suggestion_id).target_id


def request_introduction(work: Work, principal: Principal, suggestion_id: str) -> dict:
    """The partner asks the candidate's service manager to introduce them; the manager decides."""
    row = _partner_suggestion(work.session, principal, suggestion_id)
    if not dialogue.may_request_introduction(row.status, row.student_answer,
                                             row.introduction_requested_at is not None):
        raise Conflict(N_("An introduction has already been asked for or made."))
    now = utcnow()
    work.session.execute(update(suggestions).where(suggestions.c.id == row.id)
                         .values(introduction_requested_at=now))
    work.emit("matching.introduction.requested", named_ref(work.session, row))
    return {"id": row.id, "introduction_requested_at": now}


def record_feedback(work: Work, principal: Principal, suggestion_id: str, stage: str | None,
                    employment: str | None, reason: str | None) -> dict:
    """What happened with one introduced candidate; a hire is an outcome on the student's path (intake)."""
    reason = (reason or "").strip() or None
    employment = employment or None
    require(dialogue.feedback_problems(stage, employment, reason))
    row = _partner_suggestion(work.session, principal, suggestion_id)
    if row.status != "accepted":
        raise Conflict(N_("Tell what happened once the service manager has introduced the candidate."))
    session, now = work.session, utcnow()
    if stage == "hired" and session.execute(select(candidate_feedback.c.id).where(
            candidate_feedback.c.suggestion_id == row.id, candidate_feedback.c.stage == "hired")).first():
        raise Conflict(N_("This candidate's hire is already recorded."))
    session.execute(insert(candidate_feedback).values(
        suggestion_id=row.id, client_id=row.client_id, need_id=row.target_id, stage=stage, employment=employment,
        reason=reason, recorded_at=now, recorded_by=principal.user_id))
    session.execute(update(feedback_reminders).where(feedback_reminders.c.suggestion_id == row.id,
                                                     feedback_reminders.c.done_at.is_(None)).values(done_at=now))
    hires = session.execute(select(func.count()).select_from(candidate_feedback).where(
        candidate_feedback.c.need_id == row.target_id, candidate_feedback.c.stage == "hired")).scalar_one()
    work.emit("matching.candidate.feedback_recorded", {
        **named_ref(work.session, row), "stage": stage, "employment": employment, "has_reason": bool(reason),
        "suggested_at": row.made_at.isoformat(), "need_hires": hires})
    return {"id": row.id, "stage": stage, "employment": employment, "recorded_at": now, "need_hires": hires}


# --- reminders -----------------------------------------------------------------------------------------------
def remind(work: Work, days: int, now: datetime | None = None) -> int:
    """Store a reminder for each introduction older than `days` that its partner has told nothing about."""
    now = now or utcnow()
    told = select(candidate_feedback.c.id).where(candidate_feedback.c.suggestion_id == suggestions.c.id).exists()
    reminded = select(feedback_reminders.c.id).where(feedback_reminders.c.suggestion_id == suggestions.c.id).exists()
    rows = work.session.execute(
        select(suggestions.c.id, suggestions.c.client_id, suggestions.c.target_id, suggestions.c.decided_at,
               partners.c.organisation)
        .select_from(suggestions.join(needs, needs.c.need_id == suggestions.c.target_id)
                     .join(partners, partners.c.partner_id == needs.c.partner_id))
        .where(suggestions.c.target_kind == targets.NEED, suggestions.c.status == "accepted",
               suggestions.c.decided_at <= now - timedelta(days=days), partners.c.organisation.is_not(None),
               ~told, ~reminded)).all()
    for r in rows:
        work.session.execute(insert(feedback_reminders).values(
            suggestion_id=r.id, client_id=r.client_id, need_id=r.target_id, partner_organisation=r.organisation,
            introduced_at=r.decided_at, reminded_at=now))
    return len(rows)


def reminders_of(session: Session, principal: Principal) -> list[dict]:
    """The partner's open reminders: introductions waiting for their feedback, with the need's title."""
    joined = feedback_reminders.join(needs, needs.c.need_id == feedback_reminders.c.need_id)
    rows = session.execute(select(feedback_reminders.c.need_id, feedback_reminders.c.introduced_at,
                                  feedback_reminders.c.reminded_at, needs.c.title).select_from(joined)
                           .where(feedback_reminders.c.partner_organisation == principal.organisation,
                                  feedback_reminders.c.done_at.is_(None))
                           .order_by(feedback_reminders.c.introduced_at)).all()
    return [dict(r._mapping) for r in rows]


def labelled_candidates(result: dict, taxonomy, lang: str) -> dict:
    """A need's candidates with skill labels and notes in `lang`."""
    index = taxonomy.index

    def label(uri: str) -> str:
        i = index.get(uri)
        return taxonomy.label(i, lang) if i is not None else uri

    items = [{**item, "explanation": readable(item["explanation"], taxonomy, lang),
              "summary": {**item["summary"], "skills": [{**s, "label": label(s["uri"])}
                                                        for s in item["summary"]["skills"]]}}
             for item in result["items"]]
    return {**result, "items": items}
