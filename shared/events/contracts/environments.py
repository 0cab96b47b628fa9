"""Events of the environments service: project learning environments, participants, evaluation, outcomes.

Clients appear only by pseudonymous ids with their organisation; names, free texts and gender never
travel. Survey answers and assessments carry the 1–5 values for statistics, without free text.
The source organisation of every event is the environments service's own (the network); the
organisation a client belongs to travels in the payload.
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from shared.events.contracts import SkillLevel
from shared.events.registry import EventSpec

STATUSES = ("draft", "open", "running", "completed", "evaluated", "cancelled")
# What an environment may still miss in its review and evaluation (services/environments/domain/evaluation.py).
REMINDER_KINDS = ("review", "start_metrics", "end_metrics", "survey", "assessment", "overall_assessment", "outcomes")
OUTCOME_KINDS = ("part_time", "short", "fixed_term", "thesis", "traineeship", "project", "order")
# An environment's name (no personal data) for the notification that tells of an event; absent from older events.
NotifiedName = fields.String(load_default=None, allow_none=True, metadata={
    "description": "the environment's name, for the notification that tells of it (absent from older events)"})
Likert = fields.Dict(keys=fields.String(), values=fields.Integer(validate=validate.Range(1, 5)), required=True)


class RoleSummary(Schema):
    role_id = fields.UUID(required=True)
    title = fields.String(required=True)
    seats = fields.Integer(required=True)
    fields_of_education = fields.List(fields.String(), required=True)
    skills = fields.List(fields.Nested(SkillLevel), required=True)


class EnvironmentRef(Schema):
    environment_id = fields.UUID(required=True)
    host_organisation = fields.String(required=True)


class EnvironmentDescribed(EnvironmentRef):
    """What matching and reporting need of an environment: no people, only its shape."""
    name = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    fields_of_education = fields.List(fields.String(), required=True)
    multidisciplinary = fields.Boolean(required=True)
    institutions = fields.List(fields.String(), required=True)
    partner_ids = fields.List(fields.UUID(), required=True)
    need_ids = fields.List(fields.UUID(), required=True)
    municipality = fields.String(allow_none=True)
    service_area = fields.String(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    capacity = fields.Integer(required=True)
    roles = fields.List(fields.Nested(RoleSummary), required=True)


class EnvironmentPartners(EnvironmentRef):
    """An environment's partners after a change (their users are parties of the team's conversation)."""
    partner_ids = fields.List(fields.UUID(), required=True)


class EnvironmentMoved(EnvironmentRef):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    previous_status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    multidisciplinary = fields.Boolean(required=True)
    on = fields.Date(required=True)
    environment_name = NotifiedName


class EnvironmentReminders(EnvironmentRef):
    """What an environment still misses, by kind in the order to do it: no people (intake's desk keeps it)."""
    name = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    missing = fields.List(fields.String(validate=validate.OneOf(REMINDER_KINDS)), required=True)


class ParticipantRef(Schema):
    participant_id = fields.UUID(required=True)
    environment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    organisation = fields.String(required=True, metadata={"description": "the client's organisation"})


class ParticipantEnrolled(ParticipantRef):
    role_id = fields.UUID(required=True)
    started_on = fields.Date(allow_none=True)
    via_suggestion_id = fields.UUID(allow_none=True)
    environment_name = NotifiedName


class ParticipantWithdrew(ParticipantRef):
    on = fields.Date(required=True)


class ParticipantCompleted(ParticipantRef):
    ended_on = fields.Date(required=True)


class SurveyAnswered(Schema):
    """The Likert values of an experience survey, for statistics: the participant only by a pseudonym."""
    participant_id = fields.UUID(required=True)
    environment_id = fields.UUID(required=True)
    organisation = fields.String(required=True, metadata={"description": "the student's organisation"})
    answers = Likert


class AssessmentGiven(Schema):
    assessment_id = fields.UUID(required=True)
    environment_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    participant_id = fields.UUID(allow_none=True, metadata={"description": "null: the overall assessment"})
    scores = Likert


class EnvironmentOutcome(Schema):
    """A job or a cooperation opportunity that followed; about a person: their pseudonymous id."""
    outcome_id = fields.UUID(required=True)
    environment_id = fields.UUID(required=True)
    environment_name = fields.String(required=True)
    partner_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(OUTCOME_KINDS))
    cooperation = fields.Boolean(required=True, metadata={"description": "a cooperation opportunity, not a job"})
    hidden_job = fields.Boolean(required=True)
    started_on = fields.Date(required=True)
    ended_on = fields.Date(allow_none=True)
    participant_id = fields.UUID(allow_none=True)
    client_id = fields.UUID(allow_none=True)
    organisation = fields.String(allow_none=True, metadata={"description": "the client's organisation"})


class CompetenceDemonstrated(Schema):
    """Skills a participant demonstrated, confirmed by a partner: evidence for the competence profile.

    The list is everything demonstrated in the environment so far; a later event replaces an earlier one.
    """
    client_id = fields.UUID(required=True)
    organisation = fields.String(required=True)
    environment_id = fields.UUID(required=True)
    environment_name = fields.String(required=True)
    skills = fields.List(fields.Nested(SkillLevel), required=True)


SPECS: list[EventSpec] = [
    EventSpec("environments.environment.created", EnvironmentDescribed, "A project learning environment was drafted."),
    EventSpec("environments.environment.opened", EnvironmentDescribed,
              "An environment passed its gender-neutral review and opened to participants."),
    EventSpec("environments.environment.changed", EnvironmentDescribed,
              "An open environment's details or roles were changed (its whole shape again, roles included)."),
    EventSpec("environments.environment.partners_changed", EnvironmentPartners,
              "A draft or open environment's partners were changed (intake: who takes part in its conversation)."),
    EventSpec("environments.environment.started", EnvironmentMoved, "An environment started running."),
    EventSpec("environments.environment.completed", EnvironmentMoved, "An environment's project was completed."),
    EventSpec("environments.environment.evaluated", EnvironmentMoved, "An environment's evaluation was finished."),
    EventSpec("environments.environment.cancelled", EnvironmentMoved, "An environment was cancelled."),
    EventSpec("environments.environment.reminders_changed", EnvironmentReminders,
              "What an environment still misses in its review and evaluation, after a change that may move it "
              "(the kinds only; intake's desk lists the host's environments needing action).",
              personal_data="none: an environment's name, status and the kinds of what it misses", statistics=False),
    EventSpec("environments.participant.enrolled", ParticipantEnrolled, "A client was enrolled into a role."),
    EventSpec("environments.participant.withdrew", ParticipantWithdrew, "A participant withdrew (no reason travels)."),
    EventSpec("environments.participant.completed", ParticipantCompleted, "A participant completed the project."),
    EventSpec("environments.survey.answered", SurveyAnswered,
              "A student answered the experience survey (values only, for statistics)."),
    EventSpec("environments.assessment.given", AssessmentGiven,
              "A partner assessed a participant, or the team overall, on the 1–5 criteria."),
    EventSpec("environments.outcome.recorded", EnvironmentOutcome,
              "A job or a cooperation opportunity followed from an environment."),
    EventSpec("environments.competence.demonstrated", CompetenceDemonstrated,
              "A participant demonstrated skills that a partner confirmed (evidence for the competence profile)."),
]
