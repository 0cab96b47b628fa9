"""Labels and forms of the competence profile pages."""
from __future__ import annotations

from babel import Locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from services.intake.domain.profile import COMMON_LANGUAGES
from shared.reference import municipalities
from shared.web.forms import MultiCheckboxField, PageForm, choices

SATAKUNTA = "04"
WORK_TYPE_LABELS = {"part_time": _l("Part-time work"), "short_term": _l("Short-term work"),
                    "summer": _l("Summer job"), "traineeship": _l("Traineeship"),
                    "apprenticeship": _l("Apprenticeship"), "thesis": _l("Thesis")}
EVIDENCE_LABELS = {"self": _l("Own assessment"), "course": _l("Course"), "work": _l("Work"),
                   "project_environment": _l("Project learning environment"), "other": _l("Other evidence")}
LEVEL_LABELS = {1: _l("1 – beginner"), 2: _l("2 – basics"), 3: _l("3 – independent"), 4: _l("4 – skilled"),
                5: _l("5 – expert")}


def labels() -> dict:
    return {"work_type": WORK_TYPE_LABELS, "evidence": EVIDENCE_LABELS, "level": LEVEL_LABELS}


def municipality_choices(lang: str, keep=()) -> list:
    """Satakunta's municipalities, and any others already chosen."""
    shown = {m.code: m for m in municipalities.in_region(SATAKUNTA)}
    for code in keep:
        if municipalities.is_valid(code):
            shown.setdefault(municipalities.normalise_code(code), municipalities.get(code))
    return choices(sorted(((c, m.name(lang)) for c, m in shown.items()), key=lambda c: c[1]))


def language_choices(lang: str, keep=()) -> list:
    names = Locale(lang).languages
    return choices((code, names.get(code, code)) for code in dict.fromkeys([*COMMON_LANGUAGES, *keep]))


class AvailabilityForm(PageForm):
    hours_per_week = IntegerField(_l("Hours a week"), validators=[
        Optional(), NumberRange(1, 60, _l("Give the hours a week as a whole number from 1 to 60."))])
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_until = DateField(_l("Available until"), validators=[Optional()])
    work_types = MultiCheckboxField(_l("Wanted work"), choices=choices(WORK_TYPE_LABELS))
    municipalities = MultiCheckboxField(_l("Municipalities"))
    service_areas = MultiCheckboxField(_l("Service areas"))
    driving_licence = BooleanField(_l("Has a driving licence"))
    languages = MultiCheckboxField(_l("Languages"))

    def fill_choices(self, lang: str, stored=None) -> None:
        keep_codes = (stored.municipalities if stored else ()) + tuple(self.municipalities.data or ())
        self.municipalities.choices = municipality_choices(lang, keep_codes)
        self.service_areas.choices = choices((slug, area.name(lang))
                                             for slug, area in municipalities.service_areas().items())
        keep_languages = (stored.languages if stored else ()) + tuple(self.languages.data or ())
        self.languages.choices = language_choices(lang, keep_languages)


class SkillForm(PageForm):
    skill_query = StringField(_l("Find a skill"), validators=[Optional(), Length(max=100)],
                              description=_l("Type a word in Finnish, Swedish or English, e.g. hitsaus, svetsning "
                                             "or welding."))
    free_text = TextAreaField(_l("Or describe the competence in your own words"),
                              validators=[Optional(), Length(max=500)],
                              description=_l("We offer skills of the ESCO classification that match the text."))
    skill_uri = StringField(_l("Skill"), validators=[Optional(), Length(max=200)])
    level = RadioField(_l("Level"), choices=choices(LEVEL_LABELS), coerce=int, default=3,
                       validators=[InputRequired(_l("Choose a level."))])
    evidence = SelectField(_l("Shown in"), choices=choices(EVIDENCE_LABELS), default="self")
    evidence_ref = StringField(_l("Name of the course, workplace or environment"),
                               validators=[Optional(), Length(max=200)])


class SkillLevelForm(PageForm):
    level = SelectField(_l("Level"), choices=choices(LEVEL_LABELS), coerce=int)
