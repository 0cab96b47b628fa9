"""Forms of the partner and need pages, and how the pages of this area meet the API's rules.

Pages validate with the API's own marshmallow schemas and domain rules; the reasons come back in
marshmallow's shape and are put beside the form's fields, translated.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, FieldList, FormField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from services.intake.context import lang
from services.intake.domain.partners import COOPERATION_KINDS, NEED_STATUSES, PARTNER_KINDS
from services.intake.web.client_forms import municipality_choices, other_language_choices
from shared.errors import DomainError
from shared.events.contracts.intake import WORK_TYPES
from shared.reference import industries
from shared.web.forms import MultiCheckboxField, PageForm, PlainForm, choices
from shared.web.skills import typed_skills, unknown_skill

KIND_LABELS = {"company": _l("Company"), "association": _l("Association or NGO"), "public_body": _l("Public body")}
WORK_TYPE_LABELS = {"part_time": _l("Part-time"), "short_term": _l("Short-term"), "summer": _l("Summer job"),
                    "traineeship": _l("Traineeship"), "apprenticeship": _l("Apprenticeship"),
                    "thesis": _l("Thesis"), "full_time": _l("Full-time"), "fixed_term": _l("Fixed-term")}
STATUS_LABELS = {"open": _l("Open"), "filled": _l("Filled"), "closed": _l("Closed")}
COOPERATION_LABELS = {"order": _l("A new order"), "project": _l("A project"), "thesis": _l("A thesis topic")}
SKILL_ROWS = 3  # empty skill rows offered on a need form


def industry_choices() -> list:
    """TOL 2008 sections and divisions, with their codes, in the reader's language."""
    return choices([("", _("– choose –"))] + [(i.code, f"{i.code} {i.name(lang())}") for i in industries.all()])


class ContactForm(PlainForm):
    """One contact person of a partner."""
    name = StringField(_l("Name"))
    role = StringField(_l("Role"))
    email = StringField(_l("Email"))
    phone = StringField(_l("Phone"))


class PartnerForm(PageForm):
    """A partner's details and contacts."""
    required_by_command = ("name", "kind")
    name = StringField(_l("Name"))
    kind = SelectField(_l("Kind"), choices=choices((k, KIND_LABELS[k]) for k in PARTNER_KINDS))
    business_id = StringField(_l("Y-tunnus (business ID)"), description=_l("For example 2464491-9."))
    municipality = SelectField(_l("Municipality"), validate_choice=False)
    industry = SelectField(_l("Industry (TOL 2008)"), validate_choice=False)
    contacts = FieldList(FormField(ContactForm), min_entries=2)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality.choices = municipality_choices(lang())
        self.industry.choices = industry_choices()


class ContactsForm(PageForm):
    """A partner's contact persons, as the partner's own users keep them."""
    contacts = FieldList(FormField(ContactForm), min_entries=2)


class LinkForm(PageForm):
    """The login organisation whose users act for a partner (an administrator's form)."""
    organisation = StringField(_l("Partner's own user organisation"),
                               description=_l("The organisation identifier of the partner's users, if they log in "
                                              "to tell their needs themselves. Leave empty to unlink."))


class SkillRowForm(PlainForm):
    """One required skill of a need, typed by name."""
    skill = StringField(_l("Skill"), description=_l("A skill of the ESCO taxonomy: type its name."),
                        render_kw={"data-skill-search": "1", "list": "skill-options", "autocomplete": "off"})
    essential = SelectField(_l("Importance"), choices=choices([("1", _l("Essential")), ("0", _l("Nice to have"))]),
                            validate_choice=False)
    level = SelectField(_l("Level"), choices=choices((str(i), str(i)) for i in range(1, 6)), default="3",
                        validate_choice=False)


class CooperationForm(PageForm):
    """A cooperation opportunity with a partner that names nobody."""
    required_by_command = ("kind", "started_on")
    kind = SelectField(_l("Cooperation"), choices=choices((k, COOPERATION_LABELS[k]) for k in COOPERATION_KINDS))
    started_on = DateField(_l("Began on"), validators=[Optional()])
    description = TextAreaField(_l("Description"), description=_l("What was agreed; name no person."))


class NeedForm(PageForm):
    """A competence need."""
    required_by_command = ("title", "work_type")
    title = StringField(_l("Title"))
    description = TextAreaField(_l("Description"))
    work_type = SelectField(_l("Work type"), choices=choices((w, WORK_TYPE_LABELS[w]) for w in WORK_TYPES))
    hours_per_week = IntegerField(_l("Hours a week"), validators=[Optional()])
    municipality = SelectField(_l("Place (municipality)"), validate_choice=False)
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    people = IntegerField(_l("Number of people"), default=1, validators=[Optional()])
    hidden_job = BooleanField(_l("Hidden job (not publicly advertised)"))
    languages = MultiCheckboxField(_l("Languages"), validate_choice=False)
    driving_licence = BooleanField(_l("Driving licence needed"))
    status = SelectField(_l("Status"), choices=choices((s, STATUS_LABELS[s]) for s in NEED_STATUSES))
    skills = FieldList(FormField(SkillRowForm), min_entries=SKILL_ROWS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality.choices = municipality_choices(lang())
        self.languages.choices = other_language_choices(lang(), tuple(self.languages.data or ()))


def blank_to_none(value):
    """Blank text as None, other text stripped."""
    if isinstance(value, str):
        value = value.strip()
    return None if value in ("", None) else value


def reason(exc: DomainError) -> str:
    """The most telling message of a refused command, translated: a field's reason, else the error's own."""
    for messages in exc.fields.values():
        if isinstance(messages, list) and messages:
            return _(str(messages[0]))
    return _(exc.message)



def contacts_input(form) -> list[dict]:
    """The contact rows of a form as the API's input (empty rows left out)."""
    contacts = [{k: blank_to_none(v) for k, v in c.items() if k != "csrf_token"} for c in form.contacts.data]
    return [c for c in contacts if any(c.values())]


def partner_input(form: PartnerForm) -> dict:
    """The partner form as the API's input (its login organisation is an administrator's, not on this form)."""
    return {
        "name": form.name.data or "", "kind": form.kind.data, "business_id": blank_to_none(form.business_id.data),
        "municipality": blank_to_none(form.municipality.data), "industry": blank_to_none(form.industry.data),
        "contacts": contacts_input(form),
    }


def need_input(form: NeedForm) -> tuple[dict, dict, list[int]]:
    """The form as the API's input, the skill rows the taxonomy did not recognise, and each given skill's row."""
    skills, problems, rows = [], {}, []
    for index, row, text, uri in typed_skills(form.skills.entries, lang()):
        if uri is None:
            problems[str(index)] = {"skill": [unknown_skill(text, lang())]}
            continue
        rows.append(index)
        level = row.level.data
        skills.append({"uri": uri, "essential": row.essential.data != "0",
                       "level": int(level) if str(level).isdigit() else 3})
    languages = list(dict.fromkeys(c.strip().lower() for c in form.languages.data or [] if c.strip()))
    data = {
        "title": form.title.data or "", "description": blank_to_none(form.description.data),
        "work_type": form.work_type.data, "hours_per_week": form.hours_per_week.data,
        "municipality": blank_to_none(form.municipality.data), "start_date": form.start_date.data,
        "end_date": form.end_date.data, "people": form.people.data or 1, "hidden_job": form.hidden_job.data,
        "languages": languages, "driving_licence": form.driving_licence.data, "status": form.status.data,
        "skills": skills,
    }
    return data, problems, rows


def remap_skill_problems(problems: dict, rows: list[int]) -> dict:
    """Problems of the n-th given skill belong to the form row it came from (its `uri` is the row's `skill`)."""
    skills = problems.get("skills")
    if not isinstance(skills, dict):
        return dict(problems)
    remapped = {str(rows[int(i)]): {("skill" if k == "uri" else k): v for k, v in nested.items()}
                for i, nested in skills.items() if str(i).isdigit() and int(i) < len(rows) and isinstance(nested, dict)}
    return {**problems, "skills": remapped}


def load_with(schema, data: dict) -> dict:
    """Validate form input with the API's own schema (dates and numbers already typed by the form)."""
    plain = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    return schema.load(plain)
