"""Marshmallow schemas of the environments API: what comes in and what goes out (the HTTP contract)."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, validate, validates_schema

from services.environments.domain import N_, lifecycle, participation
from services.environments.domain import badges as ob
from services.environments.domain import outcomes as outcome_rules
from shared.events.envelope import ORG_PATTERN
from shared.reference import municipalities
from shared.web import fields
from shared.web.dump import Dumped, as_day, as_int, as_text
from shared.web.schemas import Timestamps

LongText = lambda **kw: fields.String(allow_none=True, load_default=None, validate=validate.Length(max=10000), **kw)  # noqa: E731


class Municipality(fields.String):
    """An official municipality code, zero-padded ("50" -> "050"); blank means none."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allow_none=True, load_default=None,
                         metadata={"description": "Official municipality code, e.g. 214 (Kankaanpää)"}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = (super()._deserialize(value, attr, data, **kwargs) or "").strip()
        if not text:
            return None
        try:
            return municipalities.get(text).code
        except KeyError as exc:
            raise ValidationError("Unknown municipality code.") from exc


SEATS_RANGE = N_("Give a number from 1 to 500.")  # a role's seats and an environment's capacity


class SkillIn(Schema):
    uri = fields.String(required=True, validate=validate.Length(1, 300), metadata={"description": "ESCO skill URI"})
    level = fields.Integer(required=True, validate=validate.Range(1, 5))


class RoleIn(Schema):
    title = fields.String(required=True, validate=validate.Length(1, 200, error=N_("Give a title of at most 200 "
                                                                                       "characters.")))
    description = LongText()
    seats = fields.Integer(required=True, validate=validate.Range(1, 500, error=SEATS_RANGE))
    skills = fields.List(fields.Nested(SkillIn), load_default=list)
    fields = fields.List(fields.String(validate=validate.Length(2, 4)), load_default=list,  # last: it hides `fields`
                         validate=validate.Length(max=20), metadata={"description": "fields of education"})


class EnvironmentIn(Schema):
    name = fields.String(required=True, validate=validate.Length(1, 200, error=N_("Give a name of at most 200 "
                                                                                      "characters.")))
    description = LongText()
    fields_of_education = fields.List(fields.String(validate=validate.Length(2, 4)), load_default=list,
                                      validate=validate.Length(max=20))
    institutions = fields.List(fields.String(validate=validate.Regexp(ORG_PATTERN)), load_default=list,
                               validate=validate.Length(max=30),
                               metadata={"description": "participating member organisations (the host is added)"})
    municipality = Municipality()
    service_area = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=60))
    starts_on = fields.Date(allow_none=True, load_default=None)
    ends_on = fields.Date(allow_none=True, load_default=None)
    capacity = fields.Integer(required=True, validate=validate.Range(1, 500, error=SEATS_RANGE))
    learning_goals = LongText()
    partner_ids = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=30))
    need_ids = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=60))


class EnvironmentCreate(EnvironmentIn):
    roles = fields.List(fields.Nested(RoleIn), load_default=list, validate=validate.Length(max=30))


class EnvironmentQuery(Schema):
    status = fields.String(validate=validate.OneOf(lifecycle.STATUSES))
    service_area = fields.String(validate=validate.Length(1, 60))
    field = fields.String(validate=validate.Length(2, 4), metadata={"description": "a field of education"})
    partner_id = fields.UUID()


class TransitionIn(Schema):
    to = fields.String(required=True, validate=validate.OneOf(lifecycle.STATUSES))
    reason = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=2000),
                           metadata={"description": "required when cancelling"})
    on = fields.Date(load_default=None, metadata={
        "description": "the day the move happened (default today): not in the future, not before the previous step; "
                       "reporting dates the start and the end of the environment by it"})


class ReviewItemIn(Schema):
    item = fields.String(required=True, validate=validate.Length(1, 40))
    checked = fields.Boolean(required=True)
    note = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=2000))


class ReviewIn(Schema):
    items = fields.List(fields.Nested(ReviewItemIn), required=True, validate=validate.Length(1, 20))


class TextIn(Schema):
    text = fields.String(required=True, validate=validate.Length(max=20000))


class EnrolIn(Schema):
    client_id = fields.UUID(required=True, metadata={"description": "the client's pseudonymous id in intake"})
    role_id = fields.UUID(required=True)
    started_on = fields.Date(allow_none=True, load_default=None)
    team_name = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=80),
                              metadata={"description": "how the team knows the person, e.g. a first name"})
    learning_goals = LongText()
    gender = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(participation.GENDERS),
                           metadata={"description": "only from the client's record, under the statistics consent"})
    via_suggestion_id = fields.UUID(allow_none=True, load_default=None)


class WithdrawIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(1, 2000))


class CompleteIn(Schema):
    ended_on = fields.Date(allow_none=True, load_default=None)


class GoalsIn(Schema):
    learning_goals = LongText()


Answers = lambda **kw: fields.Dict(keys=fields.String(validate=validate.Length(1, 60)),  # noqa: E731
                                   values=fields.Integer(strict=True), **kw)


class SurveyIn(Schema):
    answers = Answers(required=True, metadata={"description": "{item: 1–5}"})
    free_text = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=4000))


class AssessmentIn(Schema):
    participant_id = fields.UUID(allow_none=True, load_default=None,
                                 metadata={"description": "none: the overall assessment of the team"})
    partner_id = fields.UUID(allow_none=True, load_default=None,
                             metadata={"description": "needed only when the user acts for several partners"})
    scores = Answers(required=True, metadata={"description": "{criterion: 1–5}"})
    skills = fields.List(fields.Nested(SkillIn), load_default=list,
                         metadata={"description": "skills of the participant's role the partner confirms"})
    free_text = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=4000))


class OutcomeIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(outcome_rules.KINDS))
    partner_id = fields.UUID(allow_none=True, load_default=None)
    participant_id = fields.UUID(allow_none=True, load_default=None)
    hidden_job = fields.Boolean(load_default=False, metadata={"description": "a job never publicly advertised"})
    description = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=1000))
    started_on = fields.Date(required=True)
    ended_on = fields.Date(allow_none=True, load_default=None)


class BadgeIn(Schema):
    identity = fields.String(required=True, validate=validate.Length(3, 254),
                             metadata={"description": "e.g. your email; stored only as a salted hash"})
    identity_type = fields.String(load_default="email", validate=validate.OneOf(ob.IDENTITY_TYPES))

    @validates_schema
    def _email(self, data, **_kwargs):
        if data.get("identity_type", "email") == "email":
            try:
                validate.Email()(data.get("identity", "").strip())
            except ValidationError as exc:
                raise ValidationError({"identity": ["Not a valid email address."]}) from exc


# --- out -------------------------------------------------------------------------------------------
class CodeName(Schema):
    code = fields.String()
    name = fields.String()


class PartnerRef(Schema):
    id = fields.String()
    name = fields.String()
    kind = fields.String()
    organisation = fields.String(allow_none=True)


class NeedOut(Schema):
    id = fields.String()
    title = fields.String()
    status = fields.String()
    work_type = fields.String(allow_none=True)


class PartnerOut(PartnerRef):
    """A partner a manager may pick, with its open competence needs."""
    needs = fields.List(fields.Nested(NeedOut))


class MultidisciplinaryOut(Schema):
    value = fields.Boolean()
    count = fields.Integer()
    reason = fields.String()
    fields = fields.List(fields.Nested(CodeName))  # last: it hides `fields`


class EnvironmentSummary(Schema):
    id = fields.String()
    name = fields.String()
    status = fields.String()
    host_organisation = fields.String()
    municipality = fields.String(allow_none=True)
    municipality_name = fields.String(allow_none=True)
    service_area = fields.String(allow_none=True)
    service_area_name = fields.String(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    capacity = fields.Integer()
    participants = fields.Integer()
    fields_of_education = fields.List(fields.Nested(CodeName))
    partners = fields.List(fields.Nested(PartnerRef))
    multidisciplinary = fields.Nested(MultidisciplinaryOut)


def summary_out(env: dict) -> dict:
    """What `EnvironmentSummary().dump(env)` gives for a list's environment (`views.summary`), built by hand: the
    list answers with it (issue 18); tests/unit/environments/test_environments_summary_out.py keeps them equal."""
    md = env["multidisciplinary"]
    return {
        "id": as_text(env["id"]), "name": as_text(env["name"]), "status": as_text(env["status"]),
        "host_organisation": as_text(env["host_organisation"]), "municipality": as_text(env["municipality"]),
        "municipality_name": as_text(env["municipality_name"]), "service_area": as_text(env["service_area"]),
        "service_area_name": as_text(env["service_area_name"]), "starts_on": as_day(env["starts_on"]),
        "ends_on": as_day(env["ends_on"]), "capacity": as_int(env["capacity"]),
        "participants": as_int(env["participants"]),
        "fields_of_education": [_code_name(each) for each in env["fields_of_education"]],
        "partners": [{"id": as_text(x["id"]), "name": as_text(x["name"]), "kind": as_text(x["kind"]),
                      "organisation": as_text(x["organisation"])} for x in env["partners"]],
        "multidisciplinary": md if type(md) is Dumped else {  # (views.summary's are dumped already)
            "value": md["value"], "count": as_int(md["count"]), "reason": as_text(md["reason"]),
            "fields": [_code_name(each) for each in md["fields"]]},
    }


def _code_name(each: dict) -> dict:
    return each if type(each) is Dumped else {"code": as_text(each["code"]), "name": as_text(each["name"])}


class SkillOut(SkillIn):
    label = fields.String()


class RoleOut(Schema):
    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    seats = fields.Integer()
    taken = fields.Integer()
    free = fields.Integer()
    position = fields.Integer()
    skills = fields.List(fields.Nested(SkillOut))
    fields = fields.List(fields.Nested(CodeName))  # last: it hides `fields`


class ReviewItemOut(ReviewItemIn):
    label = fields.String()
    satisfied = fields.Boolean()
    reviewer_name = fields.String(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)


class ReviewOut(Schema):
    complete = fields.Boolean()
    missing = fields.List(fields.String())
    items = fields.List(fields.Nested(ReviewItemOut))


class FindingOut(Schema):
    field = fields.String()
    role_id = fields.String(allow_none=True)
    found = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    term = fields.String(allow_none=True)
    suggestion = fields.String(allow_none=True)
    note = fields.String()


class ParticipantOut(Schema):
    id = fields.String()
    environment_id = fields.String()
    role_id = fields.String()
    role_title = fields.String(allow_none=True)
    status = fields.String()
    level = fields.String(metadata={"description": "how much the viewer may see: full, team or summary"})
    started_on = fields.Date(allow_none=True)
    ended_on = fields.Date(allow_none=True)
    client_organisation = fields.String()
    client_id = fields.String(allow_none=True)
    team_name = fields.String(allow_none=True)
    learning_goals = fields.String(allow_none=True)
    gender = fields.String(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)
    demonstrated_skills = fields.List(fields.Dict())
    metrics = fields.Dict(keys=fields.String(), values=fields.DateTime(allow_none=True), allow_none=True, metadata={
        "description": "{start|end: when the participant answered intake's personal metrics, or null}"})
    survey_answered = fields.Boolean(allow_none=True)
    badge_url = fields.String(allow_none=True)


class AccessOut(Schema):
    edit = fields.Boolean()
    enrol = fields.Boolean()
    assess = fields.Boolean()
    student = fields.Boolean()
    partner_ids = fields.List(fields.String())


class EnvironmentOut(EnvironmentSummary, Timestamps):
    description = fields.String(allow_none=True)
    learning_goals = fields.String(allow_none=True)
    institutions = fields.List(fields.String())
    cancel_reason = fields.String(allow_none=True)
    needs = fields.List(fields.Dict())
    roles = fields.List(fields.Nested(RoleOut))
    review = fields.Nested(ReviewOut)
    language_warnings = fields.List(fields.Nested(FindingOut))
    access = fields.Nested(AccessOut)
    team = fields.List(fields.Nested(ParticipantOut))
    gender_balance = fields.Dict(allow_none=True, metadata={"description": "null when any group is under five"})
    opened_at = fields.DateTime(allow_none=True)
    started_at = fields.DateTime(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    evaluated_at = fields.DateTime(allow_none=True)
    cancelled_at = fields.DateTime(allow_none=True)


class ProgressOut(Schema):
    target = fields.Integer()
    started = fields.Integer(metadata={"description": "environments that have started: running, completed, evaluated"})
    multidisciplinary = fields.Integer(metadata={"description": "the started environments that are multidisciplinary: "
                                                                "what counts towards the target"})
    remaining = fields.Integer()
    percent = fields.Integer()


class ReminderOut(Schema):
    environment_id = fields.String()
    environment_name = fields.String()
    kind = fields.String()
    message = fields.String()
    participant_id = fields.String(allow_none=True)
    partner_id = fields.String(allow_none=True)


def reminder_out(reminder: dict) -> dict:
    """What `ReminderOut().dump(reminder)` gives, built by hand: the organisation's reminders answer with it (issue
    18, the tenth round: marshmallow's dump was ~9 % of that request);
    tests/unit/environments/test_environments_summary_out.py keeps them equal."""
    return {"environment_id": as_text(reminder["environment_id"]),
            "environment_name": as_text(reminder["environment_name"]), "kind": as_text(reminder["kind"]),
            "message": as_text(reminder["message"]), "participant_id": as_text(reminder["participant_id"]),
            "partner_id": as_text(reminder["partner_id"])}


class AssessmentOut(Schema):
    id = fields.String()
    environment_id = fields.String()
    partner_id = fields.String()
    participant_id = fields.String(allow_none=True)
    scores = fields.Dict()
    skills = fields.List(fields.Dict())
    free_text = fields.String(allow_none=True)
    given_at = fields.DateTime()


class ScoreAverages(Schema):
    count = fields.Integer(metadata={"description": "assessments given"})
    averages = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True,
                           metadata={"description": "per criterion; none while fewer than smallest_group"})


class AssessmentSummaryOut(Schema):
    """The partners' assessments of an environment in aggregate: what the coordinator sees."""
    environment_id = fields.String()
    smallest_group = fields.Integer()
    participants = fields.Nested(ScoreAverages, metadata={"description": "assessments of single participants"})
    team = fields.Nested(ScoreAverages, metadata={"description": "overall assessments of the team"})


class SurveyOut(SurveyIn):
    participant_id = fields.String()
    environment_id = fields.String()
    answered_at = fields.DateTime()


class OutcomeOut(OutcomeIn):
    id = fields.String()
    environment_id = fields.String()
    partner_id = fields.String()
    cooperation = fields.Boolean()
    created_at = fields.DateTime()


class BadgeOut(Schema):
    id = fields.String()
    url = fields.String(metadata={"description": "the hosted Open Badges 2.0 assertion"})
    issued_at = fields.DateTime()
