"""The environments domain besides the lifecycle: fields, review, seats, balance, evaluation, outcomes, badges."""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from services.environments.domain import (
    Conflict,
    Invalid,
    badges,
    competence,
    evaluation,
    outcomes,
    participation,
    review,
)
from services.environments.domain import environment as env
from services.environments.domain.target import DEFAULT_TARGET, Progress, parse_target


# --- multidisciplinary ------------------------------------------------------------------------------
@pytest.mark.parametrize("fields,roles,expected,count", [
    (["04", "06"], [], True, 2),
    (["04"], [["06"]], True, 2),  # a role's field counts too
    (["06", "061"], [], False, 1),  # a broad field and a field inside it are one field
    (["061", "071"], [["072"]], True, 3),
    (["06"], [["06"]], False, 1),
    ([], [], False, 0),
])
def test_multidisciplinary_means_two_different_fields(fields, roles, expected, count):
    found = env.multidisciplinarity(fields, roles)
    assert (found.value, len(found.fields)) == (expected, count)
    assert ("Multidisciplinary" if expected else "Not multidisciplinary") in found.reason


def test_role_problems_name_the_skill_and_the_field():
    role = env.RoleSpec("Myyjä", 2, fields=("04", "xx"), skills=(env.RoleSkill("http://a", 3),
                                                                    env.RoleSkill("http://a", 2)))
    problems = env.role_problems(role, lambda c: c == "04", lambda uri: True)
    assert problems["fields"] == {"1": ["Unknown field of education."]}
    assert problems["skills"] == {"1": {"uri": ["The same skill is listed twice."]}}


def test_capacity_cannot_go_under_the_participants():
    assert env.capacity_problems(3, 4)
    assert env.capacity_problems(4, 4) == {}


def test_a_municipality_must_lie_in_the_given_area():
    areas = {"214": ["pohjois-satakunta"]}
    assert env.place_problems("214", "kaakkois-satakunta", lambda m: areas.get(m, [])) == {
        "service_area": ["The municipality is not in this service area."]}
    assert env.place_problems("214", "pohjois-satakunta", lambda m: areas.get(m, [])) == {}


# --- the gender-neutral review --------------------------------------------------------------------------
def reviewed(*, note_on_language=None, skip=()):
    return {key: review.ItemReview(key, True, note_on_language if key == review.NEUTRAL_LANGUAGE else None)
            for key in review.KEYS if key not in skip}


def test_the_review_is_complete_when_every_item_is_checked():
    assert review.complete(reviewed(), language_findings=0)
    assert review.missing_items(reviewed(skip=("mixed_teams",)), 0) == ["mixed_teams"]


def test_the_language_item_needs_a_note_while_gendered_titles_remain():
    assert review.missing_items(reviewed(), language_findings=2) == [review.NEUTRAL_LANGUAGE]
    assert review.complete(reviewed(note_on_language="Isäntä tarkoittaa tässä vierailun isäntää."), 2)
    assert set(review.item_problems(review.NEUTRAL_LANGUAGE, True, " ", 1)) == {"note"}
    assert review.item_problems(review.NEUTRAL_LANGUAGE, True, None, 0) == {}
    assert review.item_problems("no_such_item", True, None, 0) == {"item": ["No such checklist item."]}


# --- seats and participation ----------------------------------------------------------------------------
SEATS = participation.Seats(environment_status="open", capacity=5, taken=2, role_seats=2, role_taken=1)


def test_a_free_seat_in_an_open_environment_can_be_taken():
    participation.check_enrolment(SEATS)


@pytest.mark.parametrize("change,reason", [
    ({"environment_status": "draft"}, "only while the environment is open or running"),
    ({"environment_status": "completed"}, "only while the environment is open or running"),
    ({"taken": 5}, "The environment is full."),
    ({"role_taken": 2}, "Every seat of this role is taken."),
    ({"already_in_environment": True}, "already takes part in this environment"),
    ({"environment_status": "running", "in_other_running": True}, "another running environment"),
])
def test_enrolment_is_refused_with_the_reason(change, reason):
    from dataclasses import replace

    with pytest.raises(Conflict) as refused:
        participation.check_enrolment(replace(SEATS, **change))
    assert reason in refused.value.message


def test_a_student_in_a_running_environment_may_join_an_open_one():
    from dataclasses import replace

    participation.check_enrolment(replace(SEATS, in_other_running=True))


def test_a_withdrawal_needs_an_enrolled_participant_and_a_reason():
    with pytest.raises(Invalid) as invalid:
        participation.check_withdrawal("enrolled", "  ")
    assert "reason" in invalid.value.fields
    with pytest.raises(Conflict):
        participation.check_withdrawal("completed", "moved away")
    participation.check_withdrawal("enrolled", "moved away")


@pytest.mark.parametrize("genders,expected", [
    (["woman"] * 5 + ["man"] * 5, {"woman": 5, "man": 5, "other_or_undisclosed": 0}),
    (["woman"] * 5 + ["man"] * 4, None),  # four men: the small-cell rule hides it all
    (["woman"] * 6 + ["man"] * 5 + ["other"], None),
    (["woman"] * 6 + ["man"] * 5 + ["other", "undisclosed"] * 3,
     {"woman": 6, "man": 5, "other_or_undisclosed": 6}),
    (["woman"] * 7 + [None] * 3, {"woman": 7, "man": 0, "other_or_undisclosed": 0}),
    ([None, None], None),
    ([], None),
])
def test_gender_balance_is_shown_only_when_no_group_is_under_five(genders, expected):
    assert participation.gender_balance(genders) == expected


# --- evaluation -------------------------------------------------------------------------------------
def test_scores_must_answer_every_item_on_one_to_five():
    good = {key: 4 for key in evaluation.SURVEY_KEYS}
    assert evaluation.score_problems(good, evaluation.SURVEY_KEYS, "answers") == {}
    bad = dict(good, learning=6, teamwork=True, extra=3)
    del bad["guidance"]
    problems = evaluation.score_problems(bad, evaluation.SURVEY_KEYS, "answers")["answers"]
    assert set(problems) == {"learning", "teamwork", "guidance", "extra"}


def test_the_survey_opens_at_the_end_and_withdrawn_people_are_not_assessed():
    with pytest.raises(Conflict):
        evaluation.check_survey_allowed("enrolled")
    evaluation.check_survey_allowed("completed")
    with pytest.raises(Conflict):
        evaluation.check_assessment_allowed("open", None)
    with pytest.raises(Conflict):
        evaluation.check_assessment_allowed("running", "withdrawn")
    evaluation.check_assessment_allowed("completed", "completed")


def test_reminders_list_what_is_missing_for_each_person_and_partner():
    people = [
        evaluation.ParticipantState("p1", "completed", surveyed=False, assessed_by=frozenset({"A"}),
                                    start_metrics=True, end_metrics=False),
        evaluation.ParticipantState("p2", "completed", surveyed=True, assessed_by=frozenset({"A", "B"}),
                                    start_metrics=True, end_metrics=True),
        evaluation.ParticipantState("p3", "withdrawn", surveyed=False, assessed_by=frozenset(),
                                    start_metrics=False, end_metrics=False),
    ]
    found = {(r.kind, r.participant_id, r.partner_id) for r in
             evaluation.reminders("completed", 0, ["A", "B"], people, overall_by=["A"])}
    assert found == {("end_metrics", "p1", None), ("survey", "p1", None), ("assessment", "p1", "B"),
                     ("overall_assessment", None, "B")}
    assert [r.kind for r in evaluation.reminders("draft", 3, ["A"], [], [])] == ["review"]
    assert evaluation.reminders("completed", 0, ["A"], [people[1]], ["A"]) == []



@pytest.mark.parametrize("status", ["draft", "open", "running", "completed", "evaluated", "cancelled"])
def test_a_partner_is_reminded_of_what_the_full_reminders_name_it_in_the_same_order(status):
    people = [
        evaluation.ParticipantState("p1", "completed", surveyed=False, assessed_by=frozenset({"A"}),
                                    start_metrics=False, end_metrics=False),
        evaluation.ParticipantState("p2", "enrolled", surveyed=True, assessed_by=frozenset(),
                                    start_metrics=True, end_metrics=True),
        evaluation.ParticipantState("p3", "withdrawn", surveyed=False, assessed_by=frozenset(),
                                    start_metrics=False, end_metrics=False),
        evaluation.ParticipantState("p4", "completed", surveyed=True, assessed_by=frozenset({"A", "B"}),
                                    start_metrics=True, end_metrics=True),
    ]
    full = evaluation.reminders(status, 2, ["B", "A"], people, ["A"], outcomes_recorded=False)
    named = evaluation.partners_reminders(status, ["B", "A"], [(p.id, p.status, p.assessed_by) for p in people], ["A"])
    assert named == [r for r in full if r.partner_id]
    expected = [("assessment", "p1", "B"), ("assessment", "p2", "B"), ("assessment", "p2", "A"),
                ("overall_assessment", None, "B")]  # worked out by hand from the states above
    assert [(r.kind, r.participant_id, r.partner_id) for r in named] == (
        expected if status in ("completed", "evaluated") else [])
    only_a = evaluation.partners_reminders(status, ["A"], [(p.id, p.status, p.assessed_by) for p in people], ["A"])
    assert only_a == [r for r in named if r.partner_id == "A"]

# --- competence evidence ----------------------------------------------------------------------------
def test_only_the_roles_skills_can_be_confirmed_and_the_best_level_counts():
    assert competence.confirmation_problems([{"uri": "x", "level": 3}], ["y"]) == {
        "skills": {"0": {"uri": ["Confirm only skills that the participant's role asks for."]}}}
    shown = competence.demonstrated(["a", "b", "c"], [[{"uri": "a", "level": 2}], [{"uri": "a", "level": 4},
                                                                                   {"uri": "z", "level": 5}]])
    assert shown == [{"uri": "a", "level": 4}]


# --- outcomes -----------------------------------------------------------------------------------------
def test_outcomes_about_a_person_need_the_participant_and_only_jobs_are_hidden_jobs():
    assert "participant_id" in outcomes.outcome_problems("part_time", False, False, date(2026, 1, 1), None)
    assert outcomes.outcome_problems("project", False, False, date(2026, 1, 1), None) == {}
    assert outcomes.outcome_problems("order", False, False, date(2026, 1, 1), None) == {}
    assert outcomes.outcome_problems("thesis", False, False, date(2026, 1, 1), None) == {}  # a thesis topic
    assert "participant_id" in outcomes.outcome_problems("traineeship", False, False, date(2026, 1, 1), None)
    assert "hidden_job" in outcomes.outcome_problems("thesis", True, True, date(2026, 1, 1), None)
    assert "ended_on" in outcomes.outcome_problems("short", True, False, date(2026, 2, 1), date(2026, 1, 1))
    assert outcomes.is_cooperation("order") and not outcomes.is_cooperation("fixed_term")
    with pytest.raises(Conflict):
        outcomes.check_outcome_allowed("open")


# --- badges, target -------------------------------------------------------------------------
def test_a_badge_recipient_is_a_salted_sha256_of_the_identity():
    hashed = badges.hash_identity("aino@example.fi", "abc")
    assert hashed == "sha256$" + hashlib.sha256(b"aino@example.fiabc").hexdigest()
    assert badges.normalise_identity(" Aino@Example.FI ", "email") == "aino@example.fi"
    document = badges.assertion("https://x/badges/1", badge_url="https://x/badges/classes/2", identity_hash=hashed,
                                identity_type="email", salt="abc",
                                issued_on=datetime(2026, 5, 1, 12, tzinfo=UTC))
    assert document["recipient"] == {"type": "email", "hashed": True, "salt": "abc", "identity": hashed}
    assert document["verification"] == {"type": "hosted"} and document["issuedOn"] == "2026-05-01T12:00:00Z"
    assert "aino" not in str(document)


@pytest.mark.parametrize("value,expected", [(None, DEFAULT_TARGET), ("15", 15), ("0", DEFAULT_TARGET),
                                            ("x", DEFAULT_TARGET), (25, 25)])
def test_the_target_is_configurable_with_a_default_of_twenty(value, expected):
    assert parse_target(value) == expected


def test_progress_counts_towards_the_target():
    progress = Progress(target=20, started=7, multidisciplinary=5)
    assert (progress.remaining, progress.percent) == (15, 25)
    assert Progress(target=4, started=9, multidisciplinary=6).as_dict()["remaining"] == 0


def test_averages_are_shown_only_over_groups_of_at_least_five():
    from services.environments.domain.evaluation import averages

    four = [{"a": 1, "b": 5}, {"a": 2, "b": 5}, {"a": 2, "b": 4}, {"a": 5, "b": 4}]
    assert averages(four, ("a", "b")) == {"count": 4, "averages": None}
    # a: (1+2+2+5+3)/5 = 2.6; b: (5+5+4+4+4)/5 = 4.4
    assert averages([*four, {"a": 3, "b": 4}], ("a", "b")) == {"count": 5, "averages": {"a": 2.6, "b": 4.4}}
    assert averages([], ("a",)) == {"count": 0, "averages": None}
    assert averages(four, ("a",), smallest=4) == {"count": 4, "averages": {"a": 2.5}}
