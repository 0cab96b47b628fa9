"""The HTTP contract of matching's API: what goes in and what comes out."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, validate, validates_schema

from services.matching.domain.targets import TARGET_KINDS
from services.matching.handlers.suggestion_list import STATUSES
from shared.errors import N_
from shared.web import fields
from shared.web.dump import as_float, as_int, as_moment, as_text
from shared.web.schemas import LangArgs, Language, PageArgs, PageOut


class SuggestionQuery(LangArgs, PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES), load_default=None)
    need_id = fields.UUID(load_default=None)
    environment_id = fields.UUID(load_default=None)
    role_id = fields.UUID(load_default=None)
    client_id = fields.UUID(load_default=None)


class SkillOut(Schema):
    uri = fields.String()
    label = fields.String()
    essential = fields.Boolean()
    required_level = fields.Integer()
    weight = fields.Float()
    credit = fields.Float()
    held_uri = fields.String(allow_none=True)
    held_label = fields.String(allow_none=True)
    held_level = fields.Integer(allow_none=True)
    via = fields.String(allow_none=True)
    link_uri = fields.String(allow_none=True)
    via_text = fields.String(metadata={"description": "How the held skill relates, in the language asked for"})
    link_text = fields.String(metadata={"description": "What links the held skill to the required one, naming "
                                                      "the concept, in the language asked for (empty when none)"})


class GapOut(Schema):
    uri = fields.String()
    label = fields.String()
    essential = fields.Boolean()
    target_level = fields.Integer()
    current_level = fields.Integer(allow_none=True)
    reason = fields.String()


class NoteOut(Schema):
    name = fields.String()
    hard = fields.Boolean()
    ok = fields.Boolean()
    detail = fields.String()
    text = fields.String(metadata={"description": "The note in the language asked for"})


class ExplanationOut(Schema):
    score = fields.Float()
    parts = fields.Dict(keys=fields.String(), values=fields.Float())
    skills = fields.List(fields.Nested(SkillOut))
    partly_covered = fields.List(fields.Nested(SkillOut), metadata={
        "description": "Essential skills answered only by a related skill, with the related skill and the link"})
    missing_essential = fields.List(fields.Dict())
    learning_gaps = fields.List(fields.Nested(GapOut))
    constraints = fields.List(fields.Nested(NoteOut))


class SuggestionOut(Schema):
    id = fields.String()
    client_id = fields.String()
    organisation = fields.String()
    target_kind = fields.String(validate=validate.OneOf(TARGET_KINDS))
    target_id = fields.String()
    environment_id = fields.String(allow_none=True)
    target_title = fields.String(allow_none=True)
    target_owner = fields.String(allow_none=True, metadata={"description": "The partner or the environment"})
    score = fields.Float()
    rank = fields.Integer()
    status = fields.String()
    made_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)
    withdrawn_reason = fields.String(allow_none=True)
    explanation = fields.Nested(ExplanationOut)
    origin = fields.String(metadata={"description": "engine, or student: the student's own interest"})
    student_answer = fields.String(allow_none=True, metadata={"description": "interested | not_interested"})
    student_reason = fields.String(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)
    introduction_requested_at = fields.DateTime(allow_none=True, metadata={
        "description": "When the need's partner asked to be introduced"})


class SuggestionPage(PageOut):
    items = fields.List(fields.Nested(SuggestionOut))


def suggestion_out(item: dict) -> dict:
    """What `SuggestionOut().dump(item)` gives for a suggestion with its labelled explanation
    (`explanations.labelled`), built by hand: the lists answer with it (issue 18);
    tests/unit/matching/test_matching_suggestion_out.py keeps the two equal."""
    explanation = item["explanation"]
    return {
        "id": as_text(item["id"]), "client_id": as_text(item["client_id"]),
        "organisation": as_text(item["organisation"]), "target_kind": as_text(item["target_kind"]),
        "target_id": as_text(item["target_id"]), "environment_id": as_text(item["environment_id"]),
        "target_title": as_text(item["target_title"]), "target_owner": as_text(item["target_owner"]),
        "score": as_float(item["score"]), "rank": as_int(item["rank"]), "status": as_text(item["status"]),
        "made_at": as_moment(item["made_at"]), "decided_at": as_moment(item["decided_at"]),
        "withdrawn_reason": as_text(item["withdrawn_reason"]),
        "explanation": None if explanation is None else _explanation(explanation),
        "origin": as_text(item["origin"]), "student_answer": as_text(item["student_answer"]),
        "student_reason": as_text(item["student_reason"]), "answered_at": as_moment(item["answered_at"]),
        "introduction_requested_at": as_moment(item["introduction_requested_at"]),
    }


def _picked(converters: dict):
    """A nested schema's dump of a dict: the keys it names, where present, each converted as its field does."""
    def pick(value: dict) -> dict:
        return {key: converters[key](each) for key, each in value.items() if key in converters}
    return pick


def _as_is(value):
    return value


def _each(convert):
    return lambda value: None if value is None else [convert(each) for each in value]


_skill = _picked({"uri": as_text, "label": as_text, "essential": _as_is, "required_level": as_int, "weight": as_float,
                  "credit": as_float, "held_uri": as_text, "held_label": as_text, "held_level": as_int,
                  "via": as_text, "link_uri": as_text, "via_text": as_text, "link_text": as_text})
_explanation = _picked({
    "score": as_float,
    "parts": lambda value: None if value is None else {as_text(k): as_float(v) for k, v in value.items()},
    "skills": _each(_skill), "partly_covered": _each(_skill),
    "missing_essential": _each(lambda value: None if value is None else dict(value)),
    "learning_gaps": _each(_picked({"uri": as_text, "label": as_text, "essential": _as_is, "target_level": as_int,
                                    "current_level": as_int, "reason": as_text})),
    "constraints": _each(_picked({"name": as_text, "hard": _as_is, "ok": _as_is, "detail": as_text,
                                  "text": as_text})),
})


class DecisionIn(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("accept", "decline")))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))

    @validates_schema
    def _reason_for_decline(self, data, **_kwargs):
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            raise ValidationError(N_("Give a reason for declining."), "reason")


class DecisionOut(Schema):
    id = fields.String()
    status = fields.String()
    decided_at = fields.DateTime()
    reason = fields.String(allow_none=True)


class CandidatesOut(Schema):
    target_kind = fields.String()
    target_id = fields.String()
    title = fields.String(allow_none=True)
    network_suggested = fields.Integer(
        metadata={"description": "Suggestions made in the whole network (no identities)"})
    items = fields.List(fields.Nested(SuggestionOut), metadata={"description": "Your organisation's clients"})


class RoleCandidatesOut(Schema):
    role_id = fields.String()
    title = fields.String()
    seats = fields.Integer()
    network_suggested = fields.Integer()
    items = fields.List(fields.Nested(SuggestionOut))


class EnvironmentCandidatesOut(Schema):
    environment_id = fields.String()
    name = fields.String()
    status = fields.String()
    roles = fields.List(fields.Nested(RoleCandidatesOut))


class TeamArgs(Schema):
    min_fields = fields.Integer(load_default=None, validate=validate.Range(0, 20))
    min_institutions = fields.Integer(load_default=None, validate=validate.Range(0, 20))


class MemberOut(Schema):
    role_id = fields.String()
    role_title = fields.String(allow_none=True)
    score = fields.Float()
    field_of_education = fields.String(allow_none=True)
    organisation = fields.String()
    client_id = fields.String(allow_none=True, metadata={"description": "Only for your organisation's clients"})


class ShortfallOut(Schema):
    constraint = fields.String(metadata={"description": "capacity, candidates, availability, fields or institutions"})
    required = fields.Integer(metadata={"description": "What the request asks for (seats, people, distinct values)"})
    available = fields.Integer(metadata={"description": "What there is"})
    excluded = fields.Integer(metadata={"description": "availability: students of the role's fields who would fit "
                                                       "but for their dates or weekly hours"})
    role_id = fields.String(allow_none=True, metadata={"description": "The role, when the shortfall is one role's"})
    role_title = fields.String(allow_none=True)


class ProposalOut(Schema):
    label = fields.String(metadata={"description": "Always `relaxed`: the team does not meet the requested mix"})
    min_fields = fields.Integer(metadata={"description": "The relaxed minimum of fields the proposal meets"})
    min_institutions = fields.Integer(metadata={"description": "The relaxed minimum of organisations it meets"})
    optimal = fields.Boolean(metadata={"description": "Proven best under the relaxed mix"})
    objective = fields.Float()
    fit = fields.Float(allow_none=True, metadata={"description": "The team's fit, 0..1 (see TeamOut.fit)"})
    members = fields.List(fields.Nested(MemberOut))
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    institutions = fields.Integer()


class TeamOut(Schema):
    environment_id = fields.String()
    name = fields.String()
    status = fields.String(metadata={"description": "optimal (every constraint met, proven best), time-limit, or "
                                                    "infeasible (no team meets the mix: see shortfalls, proposal)"})
    optimal = fields.Boolean(metadata={"description": "True only for a non-empty team meeting every constraint"})
    feasible = fields.Boolean(metadata={"description": "Whether a team meeting every requested constraint exists"})
    objective = fields.Float(metadata={"description": "Total fit of the proposed team"})
    greedy_objective = fields.Float(metadata={"description": "What a best-first pick would have scored"})
    seats = fields.Integer(metadata={"description": "Seats the team is built for (not yet taken)"})
    fit = fields.Float(allow_none=True, metadata={
        "description": "The team's fit, 0..1: the objective over the seats, an empty seat counting 0 (none: no seats)"})
    greedy_fit = fields.Float(allow_none=True, metadata={"description": "A best-first pick's fit, the same way"})
    greedy_meets_mix = fields.Boolean()
    seconds = fields.Float()
    min_fields = fields.Integer()
    min_institutions = fields.Integer()
    candidates = fields.Integer()
    roles = fields.List(fields.Dict())
    members = fields.List(fields.Nested(MemberOut))
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    institutions = fields.Integer()
    shortfalls = fields.List(fields.Nested(ShortfallOut), metadata={
        "description": "The constraints an infeasible request fails; empty when the team meets them"})
    proposal = fields.Nested(ProposalOut, allow_none=True, metadata={
        "description": "The best team under the least relaxed mix that can be met, when the request is infeasible"})


class PartnerNeedOut(Schema):
    need_id = fields.String()
    title = fields.String()
    status = fields.String()
    candidates = fields.Integer(metadata={"description": "Clients suggested and not declined"})
    accepted = fields.Integer()


class FairnessArgs(Schema):
    period = fields.Month(load_default=None)


class GroupOut(Schema):
    group = fields.String()
    population = fields.Integer(allow_none=True)
    suggested = fields.Integer(allow_none=True)
    accepted = fields.Integer(allow_none=True)
    suggestion_rate = fields.Float(allow_none=True)
    acceptance_rate = fields.Float(allow_none=True)


class WarningOut(Schema):
    metric = fields.String()
    group = fields.String()
    compared_to = fields.String()
    ratio = fields.Float(allow_none=True)


class FairnessReportOut(Schema):
    period = fields.String()
    group_kind = fields.String()
    min_cell = fields.Integer()
    groups = fields.List(fields.Nested(GroupOut))
    warnings = fields.List(fields.Nested(WarningOut))
    computed_at = fields.DateTime(allow_none=True)


class FairnessOut(Schema):
    current = fields.Nested(FairnessReportOut)
    history = fields.List(fields.Nested(FairnessReportOut))


class DigestIn(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    locale = Language()


class DigestOut(Schema):
    subscribed = fields.Boolean()
    email = fields.String(allow_none=True)
    locale = fields.String(allow_none=True)
    last_sent_at = fields.DateTime(allow_none=True)


# --- the dialogue (issue 16): students and partners ---------------------------------------------------------
class OpenRoleOut(Schema):
    role_id = fields.String()
    title = fields.String()
    seats = fields.Integer()
    suggested = fields.String(allow_none=True, metadata={"description": "Your suggestion's status, if any"})


class OpenEnvironmentOut(Schema):
    environment_id = fields.String()
    name = fields.String()
    status = fields.String()
    description = fields.String(allow_none=True)
    roles = fields.List(fields.Nested(OpenRoleOut))


class OpenNeedOut(Schema):
    need_id = fields.String()
    title = fields.String()
    partner = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    work_type = fields.String(allow_none=True)
    hours_per_week = fields.Integer(allow_none=True)
    municipality = fields.String(allow_none=True)
    start_date = fields.String(allow_none=True)
    end_date = fields.String(allow_none=True)
    suggested = fields.String(allow_none=True, metadata={"description": "Your suggestion's status, if any"})


class OpportunitiesOut(Schema):
    profile_shared = fields.Boolean(metadata={"description": "Whether your competence profile is matched "
                                                             "(consent (b)); without it nothing is suggested"})
    needs = fields.List(fields.Nested(OpenNeedOut), metadata={"description": "Needs open to students; a hidden "
                                                                              "job is never listed"})
    environments = fields.List(fields.Nested(OpenEnvironmentOut))


class MySuggestionsOut(Schema):
    profile_shared = fields.Boolean()
    items = fields.List(fields.Nested(SuggestionOut))


class AnswerIn(Schema):
    answer = fields.String(required=True, validate=validate.OneOf(("interested", "not_interested")))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class AnswerOut(Schema):
    id = fields.String()
    student_answer = fields.String()
    student_reason = fields.String(allow_none=True)
    answered_at = fields.DateTime()


class InterestIn(Schema):
    target_kind = fields.String(required=True, validate=validate.OneOf(TARGET_KINDS))
    target_id = fields.UUID(required=True, metadata={"description": "The need, or the environment's role"})


class InterestOut(InterestIn):
    environment_id = fields.String(allow_none=True)


class SkillLevelOut(Schema):
    uri = fields.String()
    label = fields.String()
    level = fields.Integer()


class CandidateSummaryOut(Schema):
    """What a partner sees of a candidate: never name, gender, age, school or place."""
    skills = fields.List(fields.Nested(SkillLevelOut))
    fields_of_education = fields.List(fields.String())
    hours_per_week = fields.Integer(allow_none=True)
    available_from = fields.String(allow_none=True)
    available_until = fields.String(allow_none=True)
    work_types = fields.List(fields.String())
    languages = fields.List(fields.String())
    driving_licence = fields.Boolean()


class FeedbackIn(Schema):
    stage = fields.String(required=True, validate=validate.OneOf(
        ("contacted", "interviewed", "trial", "hired", "not_suitable")))
    employment = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(
        ("part_time", "short", "fixed_term", "permanent", "hidden_job")))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class FeedbackOut(FeedbackIn):
    recorded_at = fields.DateTime()


class CandidateOut(Schema):
    id = fields.String(metadata={"description": "The candidate's suggestion (no person's id)"})
    label = fields.String(metadata={"description": "A, B, C ... on this need's list"})
    score = fields.Float()
    stage = fields.String(metadata={"description": "suggested | introduction_requested | introduced"})
    student_interested = fields.Boolean()
    may_request = fields.Boolean()
    conversation = fields.Boolean(metadata={
        "description": "The candidate's contact details went to you: the introduction's conversation is open to you "
                       "(intake: /api/v1/conversations/introduction/{id}/messages)"})
    summary = fields.Nested(CandidateSummaryOut)
    explanation = fields.Nested(ExplanationOut)
    feedback = fields.List(fields.Nested(FeedbackOut))


class NeedCandidatesOut(Schema):
    need_id = fields.String()
    title = fields.String()
    status = fields.String()
    people = fields.Integer()
    hires = fields.Integer()
    items = fields.List(fields.Nested(CandidateOut))


class IntroductionOut(Schema):
    id = fields.String()
    introduction_requested_at = fields.DateTime()


class FeedbackRecordedOut(Schema):
    id = fields.String()
    stage = fields.String()
    employment = fields.String(allow_none=True)
    recorded_at = fields.DateTime()
    need_hires = fields.Integer()


class ReminderOut(Schema):
    need_id = fields.String()
    title = fields.String()
    introduced_at = fields.DateTime()
    reminded_at = fields.DateTime()
