"""Forms of matching's pages and the labels of its coded values."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from shared.web.forms import PageForm, choices, month

STATUS_LABELS = {"new": _l("New"), "accepted": _l("Accepted"), "declined": _l("Declined"),
                 "withdrawn": _l("Withdrawn")}
KIND_LABELS = {"need": _l("Competence need"), "environment_role": _l("Role in a learning environment")}
WITHDRAWAL_LABELS = {
    "profile_withdrawn": _l("the client stopped sharing the profile"),
    "client_closed": _l("the client's case was closed"),
    "client_erased": _l("the client's data was erased"),
    "target_closed": _l("the need or role was closed"),
    "no_longer_eligible": _l("the client no longer fits"),
    "processing_restricted": _l("the client restricted or objected to matching"),
}
PART_LABELS = {"essential": _l("Essential skills"), "nice_to_have": _l("Nice-to-have skills"),
               "preferences": _l("Preferences")}
LANGUAGE_LABELS = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


class FilterForm(PageForm):
    """The inbox's filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    need_id = SelectField(_l("Competence need"), validators=[Optional()])
    environment_id = SelectField(_l("Learning environment"), validators=[Optional()])
    client_id = SelectField(_l("Client"), validators=[Optional()])
    page = IntegerField(default=1, validators=[Optional()])

    def fill(self, options: dict) -> None:
        self.status.choices = choices([("", _l("All")), *STATUS_LABELS.items()])
        self.need_id.choices = choices([("", _l("All")), *options["needs"]])
        self.environment_id.choices = choices([("", _l("All")), *options["environments"]])
        self.client_id.choices = choices([("", _l("All")), *options.get("clients", ())])


class DecisionForm(PageForm):
    decision = RadioField(_l("Decision"), choices=choices([("accept", _l("Accept")), ("decline", _l("Decline"))]),
                          validators=[InputRequired(_l("Choose accept or decline."))])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=500)],
                           description=_l("Required when you decline. No personal details: the reason is kept with "
                                          "the decision."))

    def validate_reason(self, field) -> None:
        if self.decision.data == "decline" and not (field.data or "").strip():
            raise ValidationError(_l("Give a reason for declining."))


class LearningGapForm(PageForm):
    skill_uri = HiddenField(validators=[DataRequired(), Length(max=200)])


class TeamForm(PageForm):
    """The mix a team must have (GET, no CSRF)."""

    class Meta:
        csrf = False

    min_fields = IntegerField(_l("Fields of education at least"), validators=[Optional(), NumberRange(0, 20)])
    min_institutions = IntegerField(_l("Organisations at least"), validators=[Optional(), NumberRange(0, 20)])


class DigestForm(PageForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(_l("Give your e-mail address.")),
                                                          Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                                                                 message=_l("Give a valid e-mail address.")),
                                                          Length(max=254)])
    locale = SelectField(_l("Language of the message"), choices=choices(LANGUAGE_LABELS.items()))


class FairnessForm(PageForm):
    class Meta:
        csrf = False

    period = StringField(_l("Month"), validators=[Optional(), month()], description=_l("YYYY-MM"))


# --- the dialogue (issue 16) ------------------------------------------------------------------------------------
ANSWER_LABELS = {"interested": _l("I am interested"), "not_interested": _l("I am not interested")}
STAGE_LABELS = {"contacted": _l("Contacted"), "interviewed": _l("Interviewed"), "trial": _l("Work try-out"),
                "hired": _l("Hired"), "not_suitable": _l("Not suitable")}
EMPLOYMENT_LABELS = {"part_time": _l("Part-time"), "short": _l("Short employment"), "fixed_term": _l("Fixed-term"),
                     "permanent": _l("Permanent"), "hidden_job": _l("Hidden job")}
CANDIDATE_STAGE_LABELS = {"suggested": _l("Suggested"), "introduction_requested": _l("Introduction asked for"),
                          "introduced": _l("Introduced")}
ORIGIN_LABELS = {"engine": _l("Matching"), "student": _l("The student's own interest")}


class AnswerForm(PageForm):
    answer = RadioField(_l("Your answer"), choices=choices(ANSWER_LABELS.items()),
                        validators=[InputRequired(_l("Choose interested or not interested."))])
    reason = TextAreaField(_l("Why"), validators=[Optional(), Length(max=1000)],
                           description=_l("Your service manager sees this."))


class InterestForm(PageForm):
    target_kind = HiddenField(validators=[DataRequired(), Length(max=20)])
    target_id = HiddenField(validators=[DataRequired(), Length(max=36)])


class IntroductionForm(PageForm):
    """Asking for an introduction: nothing to fill in, the CSRF token only."""


class FeedbackForm(PageForm):
    stage = SelectField(_l("What happened"), choices=choices(STAGE_LABELS.items()),
                        validators=[InputRequired(_l("Choose what happened."))])
    employment = SelectField(_l("Kind of employment"), validators=[Optional()],
                             choices=choices([("", _l("Only for a hire")), *EMPLOYMENT_LABELS.items()]),
                             description=_l("Choose when the candidate was hired."))
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=1000)],
                           description=_l("Required when the candidate was not suitable. Keep to the work: no "
                                          "health or other sensitive details."))

    def validate_employment(self, field) -> None:
        if self.stage.data == "hired" and not field.data:
            raise ValidationError(_l("Choose the kind of employment."))
        if self.stage.data != "hired" and field.data:
            raise ValidationError(_l("Only a hire has a kind of employment."))

    def validate_reason(self, field) -> None:
        if self.stage.data == "not_suitable" and not (field.data or "").strip():
            raise ValidationError(_l("Tell why the candidate was not suitable."))
