"""Consent decisions and what each sets in motion (plain Python)."""
from __future__ import annotations

import pytest

from services.intake.domain import consent as rules
from shared.events.contracts.intake import PURPOSES


def test_the_purposes_are_the_contracts():
    assert rules.PURPOSES == PURPOSES
    assert set(rules.TITLES) == set(rules.DESCRIPTIONS) == set(PURPOSES)


@pytest.mark.parametrize("purpose, given, expected", [
    ("service", True, [rules.EMIT_GIVEN]),
    ("profile_sharing", True, [rules.EMIT_GIVEN, rules.SHARE_PROFILE]),
    ("contact_to_partner", True, [rules.EMIT_GIVEN]),
    ("statistics", True, [rules.EMIT_GIVEN, rules.RECORD_STATISTICS]),
])
def test_giving_a_consent(purpose, given, expected):
    assert rules.effects(rules.Decision(purpose, given), case_active=True, was_given=False) == expected


@pytest.mark.parametrize("purpose, expected", [
    ("service", [rules.EMIT_WITHDRAWN, rules.CLOSE_CASE]),
    ("profile_sharing", [rules.EMIT_WITHDRAWN, rules.WITHDRAW_PROFILE]),
    ("contact_to_partner", [rules.EMIT_WITHDRAWN]),
    ("statistics", [rules.EMIT_WITHDRAWN]),
])
def test_withdrawing_a_consent_in_force(purpose, expected):
    assert rules.effects(rules.Decision(purpose, False), case_active=True, was_given=True) == expected


def test_a_refusal_of_what_was_never_given_goes_nowhere():
    for purpose in PURPOSES:
        assert rules.effects(rules.Decision(purpose, False), case_active=True, was_given=False) == []


def test_a_closed_case_is_not_closed_again():
    assert rules.effects(rules.Decision("service", False), case_active=False, was_given=True) == [rules.EMIT_WITHDRAWN]


def test_who_records_a_decision_decides_its_method():
    assert rules.problems(rules.Decision("statistics", True, method="self_service"), self_service=True) == {}
    assert rules.problems(rules.Decision("statistics", True, method="written"), self_service=False) == {}
    assert set(rules.problems(rules.Decision("statistics", True, method="in_person"), self_service=True)) == {"method"}
    assert set(rules.problems(rules.Decision("statistics", True, method="self_service"),
                              self_service=False)) == {"method"}
    assert set(rules.problems(rules.Decision("marketing", True, version="1999-1"), self_service=False)) == {
        "purpose", "version"}


def test_registration_needs_consent_to_service():
    assert rules.registration_problems({"service": True, "statistics": False}) == {}
    assert set(rules.registration_problems({"statistics": True})) == {"service"}
    assert set(rules.registration_problems({"service": False, "newsletter": True})) == {"service", "newsletter"}


def test_only_the_purposes_resting_on_consent_are_asked():
    bases = {"guidance": "public_task", "matching": "consent", "contact_sharing": "consent",
             "statistics": "legitimate_interest", "esf_reporting": "legal_obligation"}
    assert rules.asked(bases) == ("profile_sharing", "contact_to_partner", "overlap")  # overlap: consent by default
    assert rules.asked({**bases, "guidance": "consent", "overlap": "public_task"}) == (
        "service", "profile_sharing", "contact_to_partner")
    asked = rules.asked(bases)
    # Under a public task registration needs no consent; a decision about what is not asked is refused.
    assert rules.registration_problems({}, asked) == {}
    assert rules.registration_problems({"service": False}, asked) == {}
    assert set(rules.problems(rules.Decision("service", False), self_service=False, asked=asked)) == {"purpose"}
    assert rules.problems(rules.Decision("profile_sharing", False), self_service=False, asked=asked) == {}


def test_a_decision_about_overlap_detection_publishes_the_person_key_again():
    from services.intake.domain import consent

    given = consent.effects(consent.Decision(consent.OVERLAP, True), case_active=True, was_given=False)
    withdrawn = consent.effects(consent.Decision(consent.OVERLAP, False), case_active=True, was_given=True)
    assert given == [consent.EMIT_GIVEN, consent.PUBLISH_PERSON_KEY]
    assert withdrawn == [consent.EMIT_WITHDRAWN, consent.PUBLISH_PERSON_KEY], "matching then forgets the key"
    assert consent.effects(consent.Decision(consent.OVERLAP, False), case_active=True, was_given=False) == []


def test_the_standing_of_a_consent_tells_never_given_from_withdrawn():
    """Decisions newest first: a refusal at registration is 'never given'; a refusal after a consent is a
    withdrawal since the first refusal after it; a consent holds since the first of its run."""
    assert rules.standing([]) == {"state": "never_given", "since": None}
    assert rules.standing([(False, 2), (False, 1)]) == {"state": "never_given", "since": None}
    assert rules.standing([(False, 5), (False, 4), (True, 3), (False, 1)]) == {"state": "withdrawn", "since": 4}
    assert rules.standing([(True, 6), (True, 5), (False, 4), (True, 3)]) == {"state": "given", "since": 5}
