"""Clients of a member organisation: the rules of their data, the person key and the age band.

Plain Python: the API and the pages both validate through `validate_client`, whose reasons are
English message ids the pages translate.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date
from functools import lru_cache

from shared.reference import education, municipalities

GENDERS = ("woman", "man", "other", "undisclosed")
EDUCATION_STATUSES = ("studying", "graduated", "interrupted", "not_in_education")
EMPLOYMENT_STATUSES = ("employed", "unemployed", "long_term_unemployed", "inactive")
LANGUAGE_LEVELS = ("native", "fluent", "good", "basic")
STATUSES = ("active", "closed", "erased")
MIN_AGE, MAX_AGE = 12, 100  # the default youngest client (configurable: minors.AgeRules) and the oldest

# The fields a client record holds about a person; erasure blanks every one of them.
PERSONAL_FIELDS = ("first_name", "last_name", "birth_date", "email", "phone", "home_municipality", "gender",
                   "mother_tongue", "languages", "education_status", "institution", "field_of_education",
                   "employment_status", "education_level", "disadvantaged", "person_key", "search_name")
# The fields that identify a person for the person key.
IDENTITY_FIELDS = ("first_name", "last_name", "birth_date")
# The fields that statistics (consent d) are made of.
STATISTICS_FIELDS = ("birth_date", "gender", "home_municipality", "employment_status", "education_status",
                     "education_level", "field_of_education", "disadvantaged", "entered_on")

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
PHONE = re.compile(r"^\+?[0-9 ()-]{5,30}$")
KEPT_LETTERS = frozenset({"å", "ä", "ö"})  # Finnish and Swedish letters, not accented variants


def N_(message: str) -> str:  # noqa: N802 - babel's default keyword for "translate later"
    """Mark a message id for translation: the API answers in English, the pages translate it."""
    return message


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """ISO 639-1 language codes (from the CLDR data Babel ships)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages
                     if isinstance(code, str) and len(code) == 2 and code.isalpha())


class _Folds(dict):
    """A `str.translate` table filled as characters are met: each character but those kept decomposed (NFD) without
    its combining marks. A name's folding was a Python loop over its characters (~0.4 ms of a registration's CPU
    under the profiler); a table makes it one `translate` once its characters have been seen."""

    def __init__(self, keep: frozenset[str]) -> None:
        super().__init__()
        self.keep = keep

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char if char in self.keep else "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if len(self) < 20_000:  # every letter of every script a name is written in, and not every code point
            self[code] = folded
        return folded


_FOLDS = {KEPT_LETTERS: _Folds(KEPT_LETTERS), frozenset(): _Folds(frozenset())}


def _strip_accents(text: str, keep: frozenset[str]) -> str:
    return text.translate(_FOLDS[keep])


def normalise_name(name: str) -> str:
    """Casefolded, accents stripped except å/ä/ö, whitespace collapsed: "  Åsa  Émilie " -> "åsa emilie"."""
    text = unicodedata.normalize("NFC", name or "").casefold()
    return " ".join(_strip_accents(text, KEPT_LETTERS).split())


def search_key(name: str) -> str:
    """A name folded for searching: every accent stripped, so "aijala" finds "Äijälä"."""
    return " ".join(_strip_accents(unicodedata.normalize("NFC", name or "").casefold(), frozenset()).split())


def person_key(secret: str, first_name: str, last_name: str, birth_date: date) -> str:
    """HMAC-SHA256 (hex) of the normalised name and birth date under the network's secret."""
    message = "|".join((normalise_name(first_name), normalise_name(last_name), birth_date.isoformat()))
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def statistics_pseudonym(secret: str, person_key: str) -> str:
    """Reporting's own pseudonym of a person: HMAC-SHA256 (hex) of the person key under the network's secret,
    with a purpose label, so reporting counts a person once across organisations without holding the key
    that overlap detection compares (neither can be linked to the other without the secret)."""
    message = "statistics|" + person_key
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, day: date) -> str:
    """The ESF age band on `day`: under_18, 18_24, 25_29, 30_54, 55_plus or unknown."""
    if birth_date is None:
        return "unknown"
    age = age_on(birth_date, day)
    for upper, band in ((18, "under_18"), (25, "18_24"), (30, "25_29"), (55, "30_54")):
        if age < upper:
            return band
    return "55_plus"


def _text(data: dict, name: str, errors: dict, *, required: bool, limit: int) -> None:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[name] = [N_("This field is required.")]
        return
    if not isinstance(value, str):
        errors[name] = [N_("Give text.")]
    elif len(value.strip()) > limit:
        errors[name] = [N_("This text is too long.")]


def _choice(data: dict, name: str, choices: tuple, errors: dict) -> None:
    value = data.get(name)
    if value is not None and value not in choices:
        errors[name] = [N_("Choose one of the options.")]


def _dates(data: dict, today: date, errors: dict, minimum_age: int) -> None:
    birth = data.get("birth_date")
    if birth is not None:
        if birth > today:
            errors["birth_date"] = [N_("The birth date cannot be in the future.")]
        elif age_on(birth, today) < minimum_age:
            errors["birth_date"] = [N_("The client is under the minimum age for registration in this organisation.")]
        elif age_on(birth, today) > MAX_AGE:
            errors["birth_date"] = [N_("The age must be at most 100 years.")]
    entered = data.get("entered_on")
    if entered is not None:
        if entered > today:
            errors["entered_on"] = [N_("The entry date cannot be in the future.")]
        elif birth is not None and entered < birth:
            errors["entered_on"] = [N_("The entry date cannot be before the birth date.")]


def _languages(data: dict, errors: dict) -> None:
    tongue = data.get("mother_tongue")
    if tongue is not None and tongue not in language_codes():
        errors["mother_tongue"] = [N_("Give an ISO 639-1 language code, e.g. fi.")]
    items = data.get("languages")
    if items is None:
        return
    problems = {}
    seen = set()
    for index, item in enumerate(items):
        code, level = item.get("code"), item.get("level")
        if code not in language_codes():
            problems[index] = {"code": [N_("Give an ISO 639-1 language code, e.g. fi.")]}
        elif code in seen:
            problems[index] = {"code": [N_("This language is listed twice.")]}
        elif level is not None and level not in LANGUAGE_LEVELS:
            problems[index] = {"level": [N_("Choose one of the options.")]}
        seen.add(code)
    if problems:
        errors["languages"] = problems


def validate_client(data: dict, today: date, *, partial: bool = False, minimum_age: int = MIN_AGE) -> dict:
    """Field errors of a client's data ({} when valid); `partial` checks only the fields given.

    `minimum_age` is the member's youngest client (`minors.AgeRules.minimum_age`)."""
    errors: dict = {}
    for name, required, limit in (("first_name", True, 100), ("last_name", True, 100), ("email", False, 254),
                                  ("phone", False, 40), ("institution", False, 200)):
        if not partial or name in data:
            _text(data, name, errors, required=required, limit=limit)
    if data.get("email") and "email" not in errors and not EMAIL.match(data["email"].strip()):
        errors["email"] = [N_("Give an email address such as name@example.fi.")]
    if data.get("phone") and "phone" not in errors and (
            not PHONE.match(data["phone"].strip()) or not 5 <= sum(c.isdigit() for c in data["phone"]) <= 15):
        errors["phone"] = [N_("Give a phone number of 5 to 15 digits, e.g. +358 40 123 4567.")]
    if not partial and data.get("birth_date") is None:
        errors["birth_date"] = [N_("This field is required.")]
    _dates(data, today, errors, minimum_age)
    municipality = data.get("home_municipality")
    if municipality is not None and not municipalities.is_valid(municipality):
        errors["home_municipality"] = [N_("Give the official code of a Finnish municipality, e.g. 214.")]
    elif not partial and municipality is None:
        errors["home_municipality"] = [N_("This field is required.")]
    _choice(data, "gender", GENDERS, errors)
    _choice(data, "education_status", EDUCATION_STATUSES, errors)
    _choice(data, "employment_status", EMPLOYMENT_STATUSES, errors)
    field = data.get("field_of_education")
    if field is not None and not education.is_valid(field):
        errors["field_of_education"] = [N_("Give a field of education code of the national classification.")]
    level = data.get("education_level")
    if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 8):
        errors["education_level"] = [N_("Give an ISCED 2011 level from 0 to 8.")]
    _languages(data, errors)
    return errors


def clean(data: dict) -> dict:
    """The values to store: text stripped, blanks as None, municipality code zero-padded."""
    result = {}
    for name, value in data.items():
        if isinstance(value, str):
            value = value.strip() or None
        result[name] = value
    if result.get("home_municipality"):
        result["home_municipality"] = municipalities.normalise_code(result["home_municipality"])
    return result


def identity_changed(before: dict, changes: dict) -> bool:
    """Whether a change touches the name or birth date (the person key must be published anew)."""
    return any(name in changes and changes[name] != before.get(name) for name in IDENTITY_FIELDS)


def statistics_facts(client: dict, service_areas: list[str]) -> dict:
    """The payload of `intake.statistics.recorded`: entry facts without anything that names a person."""
    return {
        "client_id": client["id"],
        "entered_on": client["entered_on"].isoformat(),
        "age_band": age_band(client.get("birth_date"), client["entered_on"]),
        "gender": client.get("gender") or "undisclosed",
        "municipality": client.get("home_municipality"),
        "service_area": service_areas[0] if service_areas else None,
        "employment_status": client.get("employment_status"),
        "education_status": client.get("education_status"),
        "education_level": client.get("education_level"),
        "field_of_education": client.get("field_of_education"),
        "disadvantaged": client.get("disadvantaged"),
    }
