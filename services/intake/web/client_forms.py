"""Forms of the client pages: registration and correction, search, consent decisions, erasure."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from shared.reference import education, municipalities
from shared.web.forms import CachedSelect, MultiCheckboxField, PageForm, choices

GENDER_LABELS = {"woman": _l("Woman"), "man": _l("Man"), "other": _l("Other"),
                 "undisclosed": _l("Does not want to tell")}
EDUCATION_LABELS = {"studying": _l("Studying"), "graduated": _l("Graduated"), "interrupted": _l("Studies interrupted"),
                    "not_in_education": _l("Not in education")}
EMPLOYMENT_LABELS = {"employed": _l("Employed"), "unemployed": _l("Unemployed"),
                     "long_term_unemployed": _l("Long-term unemployed"),
                     "inactive": _l("Outside the labour force")}
STATUS_LABELS = {"active": _l("Active"), "closed": _l("Closed"), "erased": _l("Erased")}

ACTION_LABELS = {"read": _l("Read"), "create": _l("Registered"), "update": _l("Changed"), "export": _l("Exported"),
                 "erase": _l("Erased"), "anonymise": _l("Anonymised"), "disclose": _l("Disclosed")}
LABELS = {"gender": GENDER_LABELS, "education_status": EDUCATION_LABELS, "employment_status": EMPLOYMENT_LABELS,
          "status": STATUS_LABELS, "action": ACTION_LABELS}


def labels(kind: str, code) -> str:
    """The translated label of a coded value, e.g. labels("gender", "woman") -> "Nainen": translated once per
    language and process (`_LABEL_TEXTS`; the catalogue does not change while a process runs). A lazy text looked
    itself up in the request's translations each time it was shown: 25 times on a page of clients."""
    if not code:
        return ""
    key = (kind, code, get_locale())
    text = _LABEL_TEXTS.get(key)
    if text is None:
        text = str(LABELS[kind].get(code, code))
        if len(_LABEL_TEXTS) >= _KEEP_LABELS:
            _LABEL_TEXTS.clear()
        _LABEL_TEXTS[key] = text
    return text


_LABEL_TEXTS: dict[tuple, str] = {}  # (kind, code, locale) -> the label in that language
_KEEP_LABELS = 2_000  # kinds x codes x languages: ~60 are known; an unknown code is shown as it is, and kept too


def _blank(label) -> list:
    return [("", label)]


def municipality_choices(lang: str) -> list:
    return choices(_blank(_("Choose a municipality"))) + list(municipalities_by_name(lang))


@lru_cache(maxsize=8)
def municipalities_by_name(lang: str) -> tuple:
    """The municipalities' choices in the order of their names in `lang`, made once per language and process (the
    reference data does not change while it runs): sorting and wrapping the 309 of them was a tenth of the client
    list page's CPU."""
    return tuple(choices(sorted(((m.code, m.name(lang)) for m in municipalities.all()), key=lambda c: c[1])))


def area_choices(lang: str) -> list:
    return choices(_blank(_("All areas")) + [(slug, area.name(lang))
                                             for slug, area in municipalities.service_areas().items()])


FIRST_LANGUAGES = ("fi", "sv", "en")  # every language list starts with Finnish, Swedish and English


def language_choices(lang: str) -> list:
    """Every language by its name in `lang`: suomi, svenska, English first, then the rest alphabetically."""
    from babel import Locale

    names = Locale(lang).languages
    rest = sorted(((c, names.get(c, c)) for c in rules.language_codes() if c not in FIRST_LANGUAGES),
                  key=lambda c: c[1].casefold())
    return choices(_blank(_("Not given")) + [(c, names.get(c, c)) for c in FIRST_LANGUAGES] + rest)


def other_language_choices(lang: str, keep=()) -> list:
    """The languages offered as checkboxes: the common ones (Finnish, Swedish and English first) and any kept."""
    from babel import Locale

    from services.intake.domain.profile import COMMON_LANGUAGES

    names = Locale(lang).languages
    return choices((code, names.get(code, code)) for code in dict.fromkeys([*COMMON_LANGUAGES, *keep]))


def field_choices(lang: str) -> list:
    return choices(_blank(_("Not given")) + [(f.code, ("" if f.level == 1 else "– ") + f"{f.code} {f.name(lang)}")
                                             for f in education.all()])


def isced_choices(lang: str) -> list:
    return choices(_blank(_("Not given")) + [(str(level.level), f"{level.level} {level.name(lang)}")
                                             for level in education.isced_levels()])


def _labelled(labels: dict, blank=None) -> list:
    return choices((_blank(blank) if blank is not None else []) + list(labels.items()))


class ClientForm(PageForm):
    """A client's data, as the manager records it with the client."""

    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    birth_date = DateField(_l("Birth date"), validators=[InputRequired()])
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    home_municipality = SelectField(_l("Home municipality"), validators=[DataRequired()], widget=CachedSelect())
    gender = SelectField(_l("Gender"), description=_l("As the client tells it; optional"))
    mother_tongue = SelectField(_l("Mother tongue"))
    languages = MultiCheckboxField(_l("Other languages"), validate_choice=False)
    another_language = SelectField(_l("Another language"), validate_choice=False,
                                   description=_l("A language not in the list above."))
    education_status = SelectField(_l("Education situation"))
    institution = StringField(_l("Educational institution"), validators=[Optional(), Length(max=200)])
    field_of_education = SelectField(_l("Field of education"))
    employment_status = SelectField(_l("Employment situation at entry"))
    education_level = SelectField(_l("Level of education at entry (ISCED)"))
    disadvantaged = SelectField(_l("Disadvantaged participant (ESF)"))
    entered_on = DateField(_l("Date of entry"), validators=[Optional()], description=_l("Today when left empty"))

    def fill_choices(self, lang: str) -> None:
        self.home_municipality.choices = municipality_choices(lang)
        self.gender.choices = _labelled(GENDER_LABELS, _("Not given"))
        self.mother_tongue.choices = language_choices(lang)
        self.another_language.choices = language_choices(lang)
        self.languages.choices = other_language_choices(lang, tuple(self.languages.data or ()))
        self._lang = lang
        self.education_status.choices = _labelled(EDUCATION_LABELS, _("Not given"))
        self.field_of_education.choices = field_choices(lang)
        self.employment_status.choices = _labelled(EMPLOYMENT_LABELS, _("Not given"))
        self.education_level.choices = isced_choices(lang)
        self.disadvantaged.choices = choices([("", _("Not given")), ("yes", _("Yes")), ("no", _("No"))])

    def client_data(self) -> dict:
        """The form's values in the shape the domain validates."""
        data = {name: self[name].data for name in ("first_name", "last_name", "birth_date", "email", "phone",
                                                    "home_municipality", "institution", "entered_on")}
        for name in ("gender", "mother_tongue", "education_status", "field_of_education", "employment_status"):
            data[name] = self[name].data or None
        level = self.education_level.data
        # Called for invalid forms too (their domain errors are shown with the form's): no choice is no level.
        data["education_level"] = int(level) if level and level.isascii() and level.isdigit() else None
        data["disadvantaged"] = {"yes": True, "no": False}.get(self.disadvantaged.data)
        codes = [c.strip().lower() for c in [*(self.languages.data or []), self.another_language.data or ""]]
        data["languages"] = [{"code": code} for code in dict.fromkeys(c for c in codes if c)]
        return data

    def show(self, row) -> None:
        """Fill the form from a stored client."""
        for name in ("first_name", "last_name", "birth_date", "email", "phone", "home_municipality", "gender",
                     "mother_tongue", "education_status", "institution", "field_of_education", "employment_status",
                     "entered_on"):
            self[name].data = getattr(row, name)
        self.education_level.data = "" if row.education_level is None else str(row.education_level)
        self.disadvantaged.data = {True: "yes", False: "no"}.get(row.disadvantaged, "")
        self.languages.data = [item["code"] for item in row.languages or []]
        self.languages.choices = other_language_choices(getattr(self, "_lang", "fi"), tuple(self.languages.data))

    def show_errors(self, errors: dict) -> None:
        """Put the domain's field errors beside the fields, translated (consents beside their boxes)."""
        targets = dict(errors)
        targets.update({f"consent_{purpose}": reasons for purpose, reasons in targets.pop("consents", {}).items()})
        for name, reasons in targets.items():
            target = self[name] if name in self._fields else None
            if name == "languages":  # the domain asks for codes; here they are chosen from lists
                reasons = [_("Choose the languages from the lists.")]
            if target is not None:
                target.errors = list(target.errors or []) + [_(message) for message in _flatten(reasons)]


def _flatten(reasons) -> list[str]:
    if isinstance(reasons, dict):
        return [message for value in reasons.values() for message in _flatten(value)]
    return list(reasons)


class RegistrationForm(ClientForm):
    # Whether consent to service is needed depends on the organisation's register: the domain says so.
    consent_service = BooleanField(_l(consent_rules.DESCRIPTIONS["service"]))
    consent_profile_sharing = BooleanField(_l(consent_rules.DESCRIPTIONS["profile_sharing"]))
    consent_contact_to_partner = BooleanField(_l(consent_rules.DESCRIPTIONS["contact_to_partner"]))
    consent_statistics = BooleanField(_l(consent_rules.DESCRIPTIONS["statistics"]))
    consent_overlap = BooleanField(_l(consent_rules.DESCRIPTIONS["overlap"]))
    consent_method = RadioField(_l("How the client gave the consents"), default="in_person",
                                choices=choices([("in_person", _l("In person")), ("written", _l("In writing")),
                                                 ("guardian", _l("By the guardian (a client under 18)"))]))

    def decisions(self) -> dict:
        return {p: bool(self[f"consent_{p}"].data) for p in consent_rules.PURPOSES}


class SearchForm(PageForm):
    q = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), default="active",
                         choices=choices([("", _l("All")), ("active", STATUS_LABELS["active"]),
                                          ("closed", STATUS_LABELS["closed"])]))
    municipality = SelectField(_l("Home municipality"), validators=[Optional()], widget=CachedSelect())
    service_area = SelectField(_l("Service area"), validators=[Optional()])
    entered_from = DateField(_l("Entered from"), validators=[Optional()])
    entered_to = DateField(_l("Entered until"), validators=[Optional()])
    page = IntegerField(default=1, validators=[Optional()])

    def fill_choices(self, lang: str) -> None:
        self.municipality.choices = choices(_blank(_("All municipalities"))) + list(municipalities_by_name(lang))
        self.service_area.choices = area_choices(lang)


class DecisionForm(PageForm):
    purpose = HiddenField(validators=[DataRequired()])
    given = HiddenField(validators=[DataRequired()])

