"""Minors: age from the birth date at its boundaries (birthdays, leap days), the rules by age, coming of age."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain import minors
from services.intake.domain.clients import age_on, validate_client
from services.intake.domain.minors import AgeRules

RULES = AgeRules()
BORN = date(2010, 6, 15)  # 15 on 2025-06-15, 18 on 2028-06-15


@pytest.mark.parametrize("day, age", [
    (date(2025, 6, 14), 14), (date(2025, 6, 15), 15), (date(2028, 6, 14), 17), (date(2028, 6, 15), 18)])
def test_the_age_turns_on_the_birthday_not_the_day_before(day, age):
    assert age_on(BORN, day) == age


@pytest.mark.parametrize("day, age", [
    (date(2026, 2, 28), 17), (date(2026, 3, 1), 18),  # common year: born on a leap day, of age on 1 March
    (date(2028, 2, 28), 19), (date(2028, 2, 29), 20)])  # a leap year: on the 29th itself
def test_born_on_a_leap_day(day, age):
    assert age_on(date(2008, 2, 29), day) == age


def test_the_birthday_of_an_age_matches_age_on():
    assert minors.birthday_of(BORN, 18) == date(2028, 6, 15)
    assert minors.birthday_of(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert minors.birthday_of(date(2008, 2, 29), 20) == date(2028, 2, 29)


@pytest.mark.parametrize("day, group", [
    (date(2025, 6, 14), minors.CHILD), (date(2025, 6, 15), minors.YOUNG), (date(2028, 6, 14), minors.YOUNG),
    (date(2028, 6, 15), minors.ADULT)])
def test_the_age_groups_change_on_the_15th_and_18th_birthday(day, group):
    assert minors.age_group(BORN, day, RULES) == group
    assert minors.is_minor(BORN, day) == (group != minors.ADULT)


def test_under_15_the_guardian_gives_the_optional_consents_and_the_child_may_always_withdraw():
    day = date(2025, 6, 14)
    assert "method" in minors.consent_problems("profile_sharing", True, "self_service", BORN, day, RULES)
    assert "method" in minors.consent_problems("contact_to_partner", True, "in_person", BORN, day, RULES)
    assert minors.consent_problems("contact_to_partner", True, "guardian", BORN, day, RULES) == {}
    assert minors.consent_problems("contact_to_partner", False, "self_service", BORN, day, RULES) == {}
    assert minors.consent_problems("service", True, "in_person", BORN, day, RULES) == {}  # not an optional one


def test_from_15_the_young_person_decides_and_a_guardian_method_is_only_for_minors():
    assert minors.consent_problems("contact_to_partner", True, "self_service", BORN, date(2025, 6, 15), RULES) == {}
    assert minors.consent_problems("statistics", True, "guardian", BORN, date(2028, 6, 14), RULES) == {}
    assert "method" in minors.consent_problems("statistics", True, "guardian", BORN, date(2028, 6, 15), RULES)


def test_the_rules_are_configurable():
    strict = AgeRules.from_mapping({"minimum_age": 15, "guardian_consent_below": 16,
                                    "guardian_purposes": ["contact_to_partner"]})
    assert (strict.minimum_age, strict.guardian_consent_below, strict.guardian_purposes) == (
        15, 16, ("contact_to_partner",))
    day = date(2026, 1, 1)  # BORN is 15
    assert "method" in minors.consent_problems("contact_to_partner", True, "self_service", BORN, day, strict)
    assert minors.consent_problems("profile_sharing", True, "self_service", BORN, day, strict) == {}
    with pytest.raises(ValueError):
        AgeRules.from_mapping({"minimum_age": 0})
    with pytest.raises(ValueError):
        AgeRules.from_mapping({"minimum_age_typo": 14})


@pytest.mark.parametrize("minimum, day, refused", [
    (12, date(2022, 6, 14), True), (12, date(2022, 6, 15), False),
    (15, date(2025, 6, 14), True), (15, date(2025, 6, 15), False)])
def test_the_minimum_age_is_the_members_and_counts_from_the_birthday(minimum, day, refused):
    assert (minors.minimum_age_problem(BORN, day, AgeRules(minimum_age=minimum)) is not None) == refused
    data = {"first_name": "Aino", "last_name": "Ä", "birth_date": BORN, "home_municipality": "214"}
    assert ("birth_date" in validate_client(data, day, minimum_age=minimum)) == refused


def test_consents_are_renewed_when_given_before_the_18th_birthday():
    adult = date(2028, 6, 15)
    assert minors.renewal_due(BORN, [date(2026, 5, 1)], date(2028, 6, 14)) is None  # still 17
    assert minors.renewal_due(BORN, [date(2026, 5, 1)], adult) == adult
    assert minors.renewal_due(BORN, [date(2026, 5, 1), adult], adult) == adult  # one still from childhood
    assert minors.renewal_due(BORN, [adult], date(2029, 1, 1)) is None  # given anew on the birthday
    assert minors.renewal_due(BORN, [], adult) is None
    assert minors.renewal_due(None, [date(2026, 5, 1)], adult) is None


def test_a_guardian_record_needs_a_name_a_relation_and_a_way_to_reach_them():
    assert minors.guardian_problems({"name": "Maija Äijälä", "relation": "parent", "phone": "+358 40 1234567"}) == {}
    assert set(minors.guardian_problems({"name": " ", "relation": "aunt"})) == {"name", "relation", "email"}
    assert set(minors.guardian_problems({"name": "M", "relation": "parent", "email": "no-at"})) == {"email"}


def test_a_guardians_request_is_not_granted_while_the_young_person_objects():
    assert minors.request_decision_problem(True, objection_in_force=True) is not None
    assert minors.request_decision_problem(False, objection_in_force=True) is None
    assert minors.request_decision_problem(True, objection_in_force=False) is None
