"""The dialogue's rules (issue 16): answers, feedback, what a partner may see and when it may ask to meet."""
from __future__ import annotations

from services.matching.domain import dialogue


def test_a_hire_names_its_kind_and_a_no_says_why():
    assert dialogue.feedback_problems("interviewed", None, None) == {}
    assert dialogue.feedback_problems("hired", "hidden_job", None) == {}
    assert set(dialogue.feedback_problems("hired", None, None)) == {"employment"}
    assert set(dialogue.feedback_problems("trial", "part_time", None)) == {"employment"}
    assert set(dialogue.feedback_problems("not_suitable", None, "  ")) == {"reason"}
    assert dialogue.feedback_problems("not_suitable", None, "Ei ajokorttia.") == {}
    assert set(dialogue.feedback_problems("promoted", None, None)) == {"stage"}
    assert set(dialogue.feedback_problems("contacted", None, "x" * 1001)) == {"reason"}


def test_an_answer_is_interested_or_not():
    assert dialogue.answer_problems("interested", None) == {}
    assert dialogue.answer_problems("not_interested", "Olen jo töissä.") == {}
    assert set(dialogue.answer_problems("maybe", None)) == {"answer"}


def test_a_hidden_job_is_never_open_to_students():
    assert dialogue.open_to_students({"hidden_job": False}, "open")
    assert not dialogue.open_to_students({"hidden_job": True}, "open")
    assert not dialogue.open_to_students({"hidden_job": False}, "filled")


def test_a_candidate_summary_shows_competence_and_availability_only():
    record = {"client_id": "c1", "skills": [{"uri": "s1", "level": 3}], "hours_per_week": 20,
              "available_from": "2027-01-01", "available_until": None, "work_types": ["part_time"],
              "municipalities": ["214"], "service_areas": ["kaakkois"], "languages": ["fi"],
              "driving_licence": True, "fields_of_education": ["071"]}
    summary = dialogue.candidate_summary(record)
    assert summary == {"skills": [{"uri": "s1", "level": 3}], "hours_per_week": 20, "available_from": "2027-01-01",
                       "available_until": None, "work_types": ["part_time"], "fields_of_education": ["071"],
                       "languages": ["fi"], "driving_licence": True}
    assert dialogue.candidate_summary(None)["skills"] == []


def test_candidates_are_lettered_and_an_introduction_is_asked_once():
    assert [dialogue.candidate_label(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]
    assert dialogue.may_request_introduction("new", "interested", False)
    assert dialogue.may_request_introduction("new", None, False)
    assert not dialogue.may_request_introduction("new", "not_interested", False)
    assert not dialogue.may_request_introduction("new", None, True)
    assert not dialogue.may_request_introduction("accepted", None, False)
