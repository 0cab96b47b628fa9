"""Forms of the environment pages, and the one way their input reaches the API's schemas and rules."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from marshmallow import ValidationError
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional

from services.environments.context import lang
from services.environments.domain import evaluation, review
from services.environments.domain import outcomes as outcome_rules
from shared.errors import Conflict, DomainError, Invalid
from shared.reference import education, municipalities
from shared.web import forms as shared_forms
from shared.web.forms import MultiCheckboxField, PageForm, PlainForm, choices
from shared.web.skills import typed_skills, unknown_skill

SKILL_ROWS = 4
# an environment has ended ("Päättynyt", as its move "Mark completed" says); a participant has completed
STATUS_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "running": _l("Running"),
                 "completed": lazy_pgettext("environment", "Completed"),
                 "evaluated": _l("Evaluated"), "cancelled": _l("Cancelled")}
MOVE_LABELS = {"open": _l("Open to participants"), "running": _l("Start"), "completed": _l("Mark completed"),
               "evaluated": _l("Mark evaluated"), "cancelled": _l("Cancel the environment")}
PARTICIPANT_STATUS_LABELS = {"enrolled": _l("Enrolled"), "withdrawn": _l("Withdrawn"), "completed": _l("Completed")}
GENDER_LABELS = {"woman": _l("Woman"), "man": _l("Man"), "other": _l("Other"),
                 "undisclosed": _l("Does not want to say")}
OUTCOME_LABELS = {"part_time": _l("Part-time job"), "short": _l("Short employment"),
                  "fixed_term": _l("Fixed-term job"), "thesis": _l("Thesis"), "traineeship": _l("Traineeship"),
                  "project": _l("New project"), "order": _l("Order")}
PARTNER_KIND_LABELS = {"company": _l("Company"), "association": _l("Association or NGO"),
                       "public_body": _l("Public body")}
LIKERT_LABELS = [("1", _l("1 – fully disagree")), ("2", _l("2")), ("3", _l("3")), ("4", _l("4")),
                 ("5", _l("5 – fully agree"))]
SCORE_LABELS = [("1", _l("1 – poor")), ("2", _l("2")), ("3", _l("3")), ("4", _l("4")), ("5", _l("5 – excellent"))]
# Messages of marshmallow's own validators, so that the pages can show them translated.
MARSHMALLOW_MESSAGES = (_l("Missing data for required field."), _l("Not a valid integer."), _l("Not a valid date."),
                        _l("Field may not be null."), _l("Not a valid UUID."), _l("Not a valid email address."))


LEVELS = [(str(i), str(i)) for i in range(1, 6)]


def field_choices() -> list[tuple[str, str]]:
    return [(f.code, f"{f.code} {f.name(lang())}") for f in education.all()]


def area_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(slug, a.name(lang())) for slug, a in municipalities.service_areas().items()]


def municipality_choices() -> list[tuple[str, str]]:
    items = sorted(municipalities.all(), key=lambda m: m.name(lang()))
    return [("", _("– choose –"))] + [(m.code, m.name(lang())) for m in items]


def blank_to_none(value):
    if isinstance(value, str):
        value = value.strip()
    return None if value in ("", None) else value


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def load_with(schema, data: dict) -> dict:
    """Validate form input with the API's own schema."""
    return schema.load({k: iso(v) for k, v in data.items() if v is not None})


def show_problems(form, problems: dict, aliases: dict[str, str] | None = None) -> None:
    """Put field errors beside the form's fields (a skill row's `uri` beside its `skill`); the rest above the form."""
    shared_forms.show_problems(form, problems, aliases, {"uri": "skill"})


def reason(exc: DomainError) -> str:
    """The reason of a refused command, translated (a conflict's reason with its details)."""
    if isinstance(exc, Conflict):
        params = {k: STATUS_LABELS.get(v, v) for k, v in exc.details.items()}
        return _(exc.reason, **params) if params else _(exc.reason)
    for messages in exc.fields.values():
        if isinstance(messages, list) and messages:
            return _(str(messages[0]))
    return _(exc.message)


def apply_errors(form, exc: Exception, aliases: dict[str, str] | None = None,
                 scale: tuple[str, str] | None = None) -> None:
    """A command's refusal on the form: field problems beside fields, a conflict above the form.

    `scale` = (field, prefix): the problems of a nested answer dict go beside the form's `prefix<key>` fields.
    """
    if isinstance(exc, ValidationError):
        show_problems(form, exc.messages, aliases)
    elif isinstance(exc, Invalid) and scale and isinstance(exc.fields.get(scale[0]), dict):
        show_problems(form, {f"{scale[1]}{k}": v for k, v in exc.fields[scale[0]].items()})
    elif isinstance(exc, Invalid):
        show_problems(form, exc.fields, aliases)
    elif isinstance(exc, DomainError):
        form.form_errors.append(reason(exc))
    else:
        raise exc


# --- environments -----------------------------------------------------------------------------------
class EnvironmentForm(PageForm):
    required_by_command = ("capacity",)
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give a name."))])
    description = TextAreaField(_l("Description"), description=_l("What the project is about, for students and "
                                                                  "partners. Use gender-neutral titles."))
    fields_of_education = MultiCheckboxField(_l("Fields of education"), validate_choice=False, description=_l(
        "An environment with at least two different fields is multidisciplinary."))
    partner_ids = MultiCheckboxField(_l("Partners"), validate_choice=False)
    need_ids = MultiCheckboxField(_l("Competence needs it answers"), validate_choice=False)
    institutions = MultiCheckboxField(_l("Participating institutions"), validate_choice=False,
                                      description=_l("Your own organisation takes part in any case."))
    municipality = SelectField(_l("Municipality"), validate_choice=False)
    service_area = SelectField(_l("Service area"), validate_choice=False)
    starts_on = DateField(_l("Starts on"), validators=[Optional()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    capacity = IntegerField(_l("Capacity (participants)"), validators=[Optional()], default=10)
    learning_goals = TextAreaField(_l("Learning goals"))

    def __init__(self, *args, partner_choices=(), need_choices=(), institution_choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.institutions.choices = choices(institution_choices)
        self.fields_of_education.choices = choices(field_choices())
        self.partner_ids.choices = choices(partner_choices)
        self.need_ids.choices = choices(need_choices)
        self.municipality.choices = choices(municipality_choices())
        self.service_area.choices = choices(area_choices(_("– from the municipality –")))

    def data_for_api(self) -> dict:
        institutions = [c.strip() for c in self.institutions.data or [] if c.strip()]
        return {"name": self.name.data or "", "description": blank_to_none(self.description.data),
                "fields_of_education": list(self.fields_of_education.data or []),
                "partner_ids": list(self.partner_ids.data or []), "need_ids": list(self.need_ids.data or []),
                "institutions": institutions, "municipality": blank_to_none(self.municipality.data),
                "service_area": blank_to_none(self.service_area.data), "starts_on": self.starts_on.data,
                "ends_on": self.ends_on.data, "capacity": self.capacity.data,
                "learning_goals": blank_to_none(self.learning_goals.data)}


class SkillRowForm(PlainForm):
    skill = StringField(_l("Skill"), description=_l("A skill of the ESCO taxonomy: its name or address."))
    level = SelectField(_l("Level"), choices=choices(LEVELS), default="3")


class RoleForm(PageForm):
    required_by_command = ("title", "seats")  # the role is refused without them
    title = StringField(_l("Title of the role"), description=_l("A gender-neutral title, e.g. myyjä, not "
                                                                 "myyntimies."))
    description = TextAreaField(_l("Description"))
    seats = IntegerField(_l("Seats"), validators=[Optional()], default=1)
    fields = MultiCheckboxField(_l("Fields of education"), validate_choice=False)
    skills = FieldList(FormField(SkillRowForm), min_entries=SKILL_ROWS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.choices = choices(field_choices())

    def data_for_api(self) -> tuple[dict, dict]:
        """The role as the API's input, and the skill rows the taxonomy did not recognise."""
        skills, problems = [], {}
        for index, row, text, uri in typed_skills(self.skills.entries, lang()):
            if uri is None:
                problems[str(index)] = {"skill": [unknown_skill(text, lang())]}
                continue
            skills.append({"uri": uri, "level": int(row.level.data)})
        return {"title": self.title.data or "", "description": blank_to_none(self.description.data),
                "seats": self.seats.data, "fields": list(self.fields.data or []), "skills": skills}, \
            ({"skills": problems} if problems else {})


class MoveForm(PageForm):
    to = HiddenField()
    reason = TextAreaField(_l("Reason for cancelling"))
    on = DateField(_l("Date"), validators=[Optional()], description=_l("Leave empty for today."))


class CancelForm(MoveForm):
    """The cancel form as shown: its reason is required (the move view checks it with the domain's rule)."""

    reason = TextAreaField(_l("Reason for cancelling"), validators=[DataRequired()])


class ReviewItemForm(PlainForm):
    item = HiddenField()
    checked = BooleanField()
    note = StringField(_l("Note"))


class ReviewForm(PageForm):
    items = FieldList(FormField(ReviewItemForm), min_entries=len(review.ITEMS))


# --- participants -----------------------------------------------------------------------------------
class EnrolForm(PageForm):
    required_by_command = ("client_id", "role_id")  # the enrolment refuses without them
    client_id = SelectField(_l("Client"), validate_choice=False, description=_l(
        "A client of your own organisation, by name."))
    role_id = SelectField(_l("Role"), validate_choice=False)
    team_name = StringField(_l("Name in the team"), description=_l(
        "How the team and the partner know the person, e.g. a first name."))
    started_on = DateField(_l("Starts on"), validators=[Optional()])
    learning_goals = TextAreaField(_l("Own learning goals"))
    gender = SelectField(_l("Gender for statistics"), validate_choice=False, description=_l(
        "Only from the client's record and only under the statistics consent. Shown only as a balance of five or "
        "more."))

    def __init__(self, *args, role_choices=(), client_choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role_id.choices = choices(role_choices)
        self.client_id.choices = choices([("", _("– choose a client –")), *client_choices])
        self.gender.choices = choices([("", _("– not recorded –")), *GENDER_LABELS.items()])


class WithdrawForm(PageForm):
    reason = TextAreaField(_l("Reason for the withdrawal"))


class GoalsForm(PageForm):
    """The participant's learning goals under the page's heading "Own learning goals": the field asks the question
    (to the student themself, or about them to their manager) instead of repeating the heading."""
    learning_goals = TextAreaField(_l("What does the participant want to learn in this project?"))

    def __init__(self, *args, own: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if own:
            self.learning_goals.label.text = _("What do you want to learn in this project?")


# --- evaluation ----------------------------------------------------------------------------------------
def survey_form():
    class SurveyForm(PageForm):
        required_by_command = tuple(f"answer_{key}" for key, _label in evaluation.SURVEY_ITEMS)  # every statement
        free_text = TextAreaField(_l("Anything else about the project?"))

    for key, label in evaluation.SURVEY_ITEMS:
        setattr(SurveyForm, f"answer_{key}", RadioField(_l(label), validators=[Optional()],
                                                         choices=choices(LIKERT_LABELS)))
    return SurveyForm()


def assessment_form(skill_choices=()):
    class AssessmentForm(PageForm):
        required_by_command = tuple(f"score_{key}" for key, _label in evaluation.CRITERIA)  # every criterion
        skills = MultiCheckboxField(_l("Skills the participant demonstrated"), validate_choice=False,
                                     description=_l("Skills of the participant's role that you confirm."))
        skill_level = SelectField(_l("Level of the confirmed skills"), default="3", choices=choices(LEVELS))
        free_text = TextAreaField(_l("Free text"))

    for key, label in evaluation.CRITERIA:
        setattr(AssessmentForm, f"score_{key}", RadioField(_l(label), validators=[Optional()],
                                                           choices=choices(SCORE_LABELS)))
    form = AssessmentForm()
    form.skills.choices = choices(skill_choices)
    return form


class OutcomeForm(PageForm):
    required_by_command = ("started_on",)  # an outcome is refused without its start
    required_for_some = ("participant_id",)  # a job or a traineeship names its participant (outcome_problems)
    kind = SelectField(_l("Outcome"), choices=choices((k, OUTCOME_LABELS[k]) for k in outcome_rules.KINDS))
    partner_id = SelectField(_l("Partner"), validate_choice=False)
    participant_id = SelectField(_l("Participant"), validate_choice=False, description=_l(
        "Required for a job and a traineeship; a thesis, a new project or an order may be recorded without."))
    hidden_job = BooleanField(_l("Hidden job (never publicly advertised)"))
    description = TextAreaField(_l("Description"))
    started_on = DateField(_l("Starts on"), validators=[Optional()])
    ended_on = DateField(_l("Ends on"), validators=[Optional()])


class BadgeForm(PageForm):
    identity = StringField(_l("Your email address"), description=_l(
        "Give the address you use in your badge backpack: then the badge is linked to you. The address is not "
        "stored or shown; the badge keeps only a code made from it, and the address cannot be read from the code."))
    identity_type = HiddenField(default="email")

