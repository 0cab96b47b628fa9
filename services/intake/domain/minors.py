"""Minors: age from the birth date, who may give which consent at which age, guardians and coming of age.

Finnish practice (see the data-protection review): a person comes of age at 18; under 15 a guardian
decides on the optional consents together with the service manager, 15-17-year-olds decide themselves;
the youngest client a member serves is its own choice. Every number is configurable (`AgeRules`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.intake.domain.clients import EMAIL, N_, PHONE, age_on

ADULT_AGE = 18  # the age of majority (Holhoustoimilaki 442/1999 §2)
CHILD, YOUNG, ADULT = "child", "young", "adult"
GUARDIAN_METHOD = "guardian"  # a consent the guardian gave, recorded by the service manager
RELATIONS = ("parent", "guardian", "other")
REQUEST_KINDS = ("access", "information")
REQUEST_STATUSES = ("open", "granted", "refused")


@dataclass(frozen=True)
class AgeRules:
    """A member's rules by age; the defaults follow the review's reading of Finnish law."""

    minimum_age: int = 12  # the youngest client that may be registered
    guardian_consent_below: int = 15  # under this age the guardian gives the optional consents
    guardian_purposes: tuple[str, ...] = ("profile_sharing", "contact_to_partner", "statistics")

    @classmethod
    def from_mapping(cls, values: dict) -> AgeRules:
        """Rules from a settings block, e.g. {"minimum_age": 15}; unknown keys are refused."""
        unknown = set(values) - {"minimum_age", "guardian_consent_below", "guardian_purposes"}
        if unknown:
            raise ValueError(f"unknown age rule(s): {', '.join(sorted(unknown))}")
        rules = cls(minimum_age=int(values.get("minimum_age", cls.minimum_age)),
                    guardian_consent_below=int(values.get("guardian_consent_below", cls.guardian_consent_below)),
                    guardian_purposes=tuple(values.get("guardian_purposes", cls.guardian_purposes)))
        if not 0 < rules.minimum_age <= ADULT_AGE or not 0 <= rules.guardian_consent_below <= ADULT_AGE:
            raise ValueError("age rules must lie between 0 and 18 years")
        return rules


def birthday_of(birth_date: date, age: int) -> date:
    """The day a person reaches `age`; born on 29 February, on 1 March of a common year (as `age_on` counts)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)


def age_group(birth_date: date | None, today: date, rules: AgeRules) -> str:
    """child (under the guardian-consent age), young (up to 17) or adult; unknown birth date counts as adult."""
    if birth_date is None:
        return ADULT
    age = age_on(birth_date, today)
    if age >= ADULT_AGE:
        return ADULT
    return CHILD if age < rules.guardian_consent_below else YOUNG


def is_minor(birth_date: date | None, today: date) -> bool:
    return birth_date is not None and age_on(birth_date, today) < ADULT_AGE


def needs_guardian(purpose: str, birth_date: date | None, today: date, rules: AgeRules) -> bool:
    """Whether giving consent to `purpose` at this age is the guardian's decision."""
    return purpose in rules.guardian_purposes and age_group(birth_date, today, rules) == CHILD


def consent_problems(purpose: str, given: bool, method: str, birth_date: date | None, today: date,
                     rules: AgeRules) -> dict:
    """Field errors of a consent decision by the client's age ({} when it may be recorded).

    Withdrawing is always the young person's own right; giving a guardian's purpose under the
    guardian-consent age needs the guardian's consent (recorded by the manager with method "guardian"),
    and a guardian's consent is recorded only for a minor.
    """
    if method == GUARDIAN_METHOD and not is_minor(birth_date, today):
        return {"method": [N_("A guardian's consent is recorded only for a client under 18.")]}
    if given and needs_guardian(purpose, birth_date, today, rules) and method != GUARDIAN_METHOD:
        return {"method": [N_("At this age a guardian gives this consent together with the service manager.")]}
    return {}


def minimum_age_problem(birth_date: date, today: date, rules: AgeRules) -> str | None:
    """The registration refusal for a client under the member's minimum age, else None."""
    if age_on(birth_date, today) < rules.minimum_age:
        return N_("The client is under the minimum age for registration in this organisation.")
    return None


def renewal_due(birth_date: date | None, given_on: list[date], today: date) -> date | None:
    """The 18th birthday when consents in force were given before it and the client is an adult now, else None."""
    if birth_date is None or not given_on:
        return None
    adult_on = birthday_of(birth_date, ADULT_AGE)
    if today < adult_on or all(day >= adult_on for day in given_on):
        return None
    return adult_on


def guardian_problems(data: dict) -> dict:
    """Field errors of a guardian record ({} when valid)."""
    errors: dict = {}
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = [N_("This field is required.")]
    elif len(name.strip()) > 200:
        errors["name"] = [N_("This text is too long.")]
    if data.get("relation") not in RELATIONS:
        errors["relation"] = [N_("Choose one of the options.")]
    email, phone = (data.get("email") or "").strip(), (data.get("phone") or "").strip()
    if not email and not phone:
        errors["email"] = [N_("Give an email address or a phone number.")]
    if email and (len(email) > 254 or not EMAIL.match(email)):
        errors["email"] = [N_("Give an email address such as name@example.fi.")]
    if phone and (not PHONE.match(phone) or not 5 <= sum(c.isdigit() for c in phone) <= 15):
        errors["phone"] = [N_("Give a phone number of 5 to 15 digits, e.g. +358 40 123 4567.")]
    return errors


def request_decision_problem(grant: bool, objection_in_force: bool) -> str | None:
    """A guardian's request is not granted while the young person objects to guardian access."""
    if grant and objection_in_force:
        return N_("The young person objects to guardian access: the request cannot be granted.")
    return None
