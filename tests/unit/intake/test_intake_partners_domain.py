"""Rules of partners and competence needs: Y-tunnus checksum, periods, required skills, the need event."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.partners import (
    RequiredSkill,
    need_event,
    need_problems,
    normalise_business_id,
    partner_event,
    partner_user_may_edit,
)

KNOWN = {"esco:a", "esco:b"}.__contains__


@pytest.mark.parametrize("typed, official", [("2464491-9", "2464491-9"), ("24644919", "2464491-9"),
                                             (" 2464491-9 ", "2464491-9"), ("0737546-2", "0737546-2")])
def test_a_valid_y_tunnus_comes_out_in_its_official_form(typed, official):
    assert normalise_business_id(typed) == official


@pytest.mark.parametrize("wrong", ["2464491-8", "1234567-8", "246449-9", "abc", ""])
def test_a_y_tunnus_with_a_wrong_check_digit_or_form_is_refused(wrong):
    with pytest.raises(ValueError, match="Y-tunnus"):
        normalise_business_id(wrong)


def test_an_end_before_the_start_names_the_end_date():
    problems = need_problems(date(2026, 5, 2), date(2026, 5, 1), [], KNOWN)
    assert list(problems) == ["end_date"]
    assert need_problems(date(2026, 5, 1), date(2026, 5, 1), [], KNOWN) == {}
    assert need_problems(None, date(2026, 5, 1), [], KNOWN) == {}


def test_unknown_and_repeated_skills_are_named_by_their_position():
    skills = [RequiredSkill("esco:a", True, 3), RequiredSkill("esco:zzz", True, 3), RequiredSkill("esco:a", False, 2)]
    problems = need_problems(None, None, skills, KNOWN)
    assert set(problems["skills"]) == {"1", "2"}
    assert "Unknown skill" in problems["skills"]["1"]["uri"][0]
    assert "twice" in problems["skills"]["2"]["uri"][0]


def test_too_many_skills_are_refused():
    skills = [RequiredSkill("esco:a", True, 3)] * 31
    assert need_problems(None, None, skills, KNOWN) == {"skills": ["Too many skills."]}


def test_a_partner_user_edits_only_their_own_partner():
    assert partner_user_may_edit("konepaja-virtanen", "konepaja-virtanen")
    assert not partner_user_may_edit("nuorisoseura", "konepaja-virtanen")
    assert not partner_user_may_edit(None, None)
    assert not partner_user_may_edit("konepaja-virtanen", None)


def test_the_need_event_carries_the_contract_fields_and_dates_as_text():
    need = {"id": "n1", "partner_id": "p1", "title": "Hitsaaja", "description": None, "work_type": "part_time",
            "hours_per_week": 20, "municipality": "609", "start_date": date(2026, 5, 1), "end_date": None,
            "people": 2, "hidden_job": True, "languages": ["fi"], "driving_licence": False, "status": "open"}
    payload = need_event(need, [RequiredSkill("esco:a", True, 4)])
    assert payload["start_date"] == "2026-05-01" and payload["end_date"] is None
    assert payload["skills"] == [{"uri": "esco:a", "essential": True, "level": 4}]
    assert payload["hidden_job"] is True and payload["need_id"] == "n1"


def test_the_partner_event_never_carries_contact_persons():
    partner = {"id": "p1", "name": "Oy", "kind": "company", "business_id": None, "municipality": None,
               "industry": None, "organisation": None, "contacts": [{"name": "Kaisa"}]}
    assert "contacts" not in partner_event(partner)
    assert partner_event(partner)["partner_id"] == "p1"


@pytest.mark.parametrize("roles, organisation, expected", [
    (["manager"], "sataedu", (True, True, True, False)),  # the recording organisation owns the partner
    (["manager"], "samk", (False, False, False, False)),  # another member organisation only reads it
    (["partner"], "konepaja-virtanen", (False, True, True, False)),  # the partner's own users: contacts, needs
    (["partner"], "nuorisoseura", (False, False, False, False)),
    (["admin"], "verkosto", (False, False, False, True)),  # only an administrator links it
    (["coordinator"], "verkosto", (False, False, False, False)),
    (["student"], "sataedu", (False, False, False, False)),
    ([], None, (False, False, False, False)),
])
def test_who_may_change_what_of_a_partner(roles, organisation, expected):
    from services.intake.domain.partners import partner_rights

    rights = partner_rights(roles, organisation, recorded_by="sataedu", linked="konepaja-virtanen")
    assert (rights.details, rights.contacts, rights.needs, rights.link) == expected


def test_an_unlinked_partner_has_no_users_of_its_own():
    from services.intake.domain.partners import partner_rights

    assert partner_rights(["partner"], None, "sataedu", None).needs is False
    assert partner_rights(["partner"], "", "sataedu", None).contacts is False
    assert partner_rights(["manager"], None, "sataedu", None).details is False


def test_a_cooperation_opportunity_names_its_kind_and_a_day_not_in_the_future():
    from services.intake.domain.partners import cooperation_problems

    today = date(2026, 6, 1)
    assert cooperation_problems("thesis", date(2026, 5, 1), today) == {}
    assert cooperation_problems("order", today, today) == {}
    assert set(cooperation_problems("traineeship", date(2026, 5, 1), today)) == {"kind"}  # it names a person
    assert set(cooperation_problems("project", None, today)) == {"started_on"}
    assert set(cooperation_problems(None, date(2026, 6, 2), today)) == {"kind", "started_on"}
