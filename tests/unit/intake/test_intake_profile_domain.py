"""Competence profile rules and the content of a shared profile (plain Python)."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain import profile as rules
from shared.events.contracts.intake import ProfileShared

AREAS = ("pohjois-satakunta", "kaakkois-satakunta")


def pad(code):
    return code.zfill(3) if code.isdigit() and len(code) <= 3 and code.zfill(3) in ("050", "609", "214") else None


def check(**values):
    return rules.check_availability(rules.Availability(**values), municipality_code=pad, area_slugs=AREAS)


def test_a_sensible_availability_has_no_errors():
    assert check(hours_per_week=20, available_from=date(2026, 6, 1), available_until=date(2026, 8, 31),
                 work_types=("summer", "part_time"), municipalities=("609", "50"), service_areas=AREAS,
                 driving_licence=True, languages=("fi", "en")) == {}


@pytest.mark.parametrize("values, field", [
    ({"hours_per_week": 0}, "hours_per_week"),
    ({"hours_per_week": 61}, "hours_per_week"),
    ({"available_from": date(2026, 6, 1), "available_until": date(2026, 5, 31)}, "available_until"),
    ({"work_types": ("summer", "volunteering")}, "work_types"),
    ({"municipalities": ("999",)}, "municipalities"),
    ({"service_areas": ("lappi",)}, "service_areas"),
    ({"languages": ("fi", "finnish")}, "languages"),
])
def test_each_bad_value_names_its_field(values, field):
    assert list(check(**values)) == [field]


def test_normalising_pads_codes_and_drops_duplicates():
    value = rules.normalised(rules.Availability(municipalities=("50", "050", "609"), work_types=("summer", "summer"),
                                                languages=("fi", "fi", "sv")), pad)
    assert value.municipalities == ("050", "609") and value.work_types == ("summer",)
    assert value.languages == ("fi", "sv")


@pytest.mark.parametrize("level, evidence, ref, field", [
    (0, "self", None, "level"), (6, "self", None, "level"), (3, "rumour", None, "evidence"),
    (3, "course", "  ", "evidence_ref"), (3, "project_environment", None, "evidence_ref"),
])
def test_a_skill_needs_a_level_and_named_evidence(level, evidence, ref, field):
    assert list(rules.check_skill(level, evidence, ref)) == [field]
    assert rules.check_skill(4, "course", "Hitsauksen perusteet") == rules.check_skill(2, "self", None) == {}


def test_a_skill_shown_several_times_is_shared_once_at_its_highest_level():
    skills = [{"skill_uri": "b", "level": 2}, {"skill_uri": "a", "level": 3}, {"skill_uri": "b", "level": 4}]
    assert rules.skill_levels(skills) == [{"uri": "a", "level": 3}, {"uri": "b", "level": 4}]


def test_the_shared_profile_is_exactly_the_contract_and_valid():
    payload = rules.shared_profile(
        "0b7c5d1e-9a2f-4d5e-8c1b-1234567890ab",
        rules.Availability(hours_per_week=15, available_from=date(2026, 6, 1), work_types=("summer",),
                           municipalities=("609",), service_areas=("kaakkois-satakunta",), driving_licence=True,
                           languages=("fi", "en")),
        [{"skill_uri": "http://data.europa.eu/esco/skill/x", "level": 3}], ["071", None])
    assert set(payload) == set(ProfileShared().fields)
    assert ProfileShared().validate(payload) == {}
    assert payload["fields_of_education"] == ["071"] and payload["available_until"] is None
    assert payload["available_from"] == "2026-06-01" and payload["skills"][0] == {
        "uri": "http://data.europa.eu/esco/skill/x", "level": 3}
