"""Personal metric rules and the chart of change (plain Python)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from services.intake.domain import metrics as rules

LABELS = {"fi": "Osaan hakea töitä", "sv": "Jag vet hur man söker arbete", "en": "I know how to look for work"}
JOB = rules.Scale("job_search", LABELS, 1, 5, position=2)
TEAM = rules.Scale("team", {"fi": "Tiimi", "sv": "Team", "en": "Team"}, 1, 5, position=1)
OLD = rules.Scale("old", {"fi": "Vanha", "sv": "Gammal", "en": "Old"}, 1, 5, position=3, active=False)
SCALES = {s.key: s for s in (JOB, TEAM, OLD)}
T0 = datetime(2026, 1, 10, 9)


def test_a_scale_speaks_the_users_language():
    assert (JOB.label("fi"), JOB.label("sv"), JOB.label("en")) == (LABELS["fi"], LABELS["sv"], LABELS["en"])
    assert rules.Scale("x", {"fi": "Vain suomeksi"}).label("sv") == "Vain suomeksi"


@pytest.mark.parametrize("key, labels, low, high, field", [
    ("Bad Key", LABELS, 1, 5, "key"),
    ("ok_key", {**LABELS, "sv": " "}, 1, 5, "labels"),
    ("ok_key", LABELS, 5, 1, "maximum"),
    ("ok_key", LABELS, 1, 11, "maximum"),
])
def test_a_bad_scale_definition_names_its_field(key, labels, low, high, field):
    assert list(rules.check_scale(key, labels, low, high)) == [field]
    assert rules.check_scale("ok_key", LABELS, 1, 5) == {}


def test_answers_within_the_range_of_active_scales_are_accepted():
    assert rules.check_answers("start", {"job_search": 1, "team": 5}, SCALES) == {}


def test_bad_answers_are_named_per_scale():
    errors = rules.check_answers("middle", {"job_search": 6, "team": 0, "old": 3, "nope": 2, "x": True}, SCALES)
    assert list(errors["phase"]) and set(errors["answers"]) == {"job_search", "team", "old", "nope", "x"}
    assert rules.check_answers("end", {}, SCALES) == {"answers": ["Answer at least one statement."]}


def answer(key, phase, value, days):
    return rules.Answer(key, phase, value, T0 + timedelta(days=days))


def test_the_chart_has_a_line_per_answered_scale_in_time_order():
    answers = [answer("job_search", "end", 4, 60), answer("job_search", "start", 2, 0),
               answer("job_search", "during", 3, 30), answer("team", "start", 5, 0)]
    charts = rules.chart(SCALES.values(), answers, "sv")
    assert [c.key for c in charts] == ["team", "job_search"]  # questionnaire order; "old" has no answers
    job = charts[1]
    assert job.label == LABELS["sv"]
    assert [(p.phase, p.value) for p in job.points] == [("start", 2), ("during", 3), ("end", 4)]
    assert job.change == 2 and charts[0].change is None


def test_the_chart_follows_the_phases_whenever_each_was_answered():
    # The end questionnaire was filled in before the one during the project (entered late): start 2,
    # during 5, end 3 still reads as a rise of 1 from the start to the end, in that order.
    answers = [answer("job_search", "start", 2, 0), answer("job_search", "end", 3, 20),
               answer("job_search", "during", 5, 40), answer("job_search", "during", 4, 10)]
    [job] = rules.chart([JOB], answers, "fi")
    assert [(p.phase, p.value) for p in job.points] == [("start", 2), ("during", 4), ("during", 5), ("end", 3)]
    assert job.change == 1


def test_the_change_is_the_reports_from_the_first_start_to_the_latest_end():
    # As reporting's figure "metrics" pairs a person's answers: the first at the start (2 on day 0, not 3 on
    # day 5) and the latest at the end (4 on day 90, not 5 on day 60): 4 - 2 = 2. Before an end answer there
    # is no change, however the answers during the project went (start 2, during 5: None, not 3).
    answers = [answer("job_search", "start", 2, 0), answer("job_search", "start", 3, 5),
               answer("job_search", "during", 5, 30), answer("job_search", "end", 5, 60),
               answer("job_search", "end", 4, 90)]
    [job] = rules.chart([JOB], answers, "fi")
    assert job.change == 2
    [so_far] = rules.chart([JOB], answers[:3], "fi")
    assert len(so_far.points) == 3 and so_far.change is None
    [no_start] = rules.chart([JOB], answers[2:], "fi")
    assert no_start.change is None


def test_points_are_placed_on_the_canvas():
    canvas = rules.Canvas(width=300, height=120, left=20, right=20, top=10, bottom=30)
    answers = [answer("job_search", "start", 1, 0), answer("job_search", "during", 3, 1),
               answer("job_search", "end", 5, 2)]
    [job] = rules.chart([JOB], answers, "fi", canvas)
    assert [(p.x, p.y) for p in job.points] == [(20, 90), (150, 50), (280, 10)]
    assert job.polyline == "20,90 150,50 280,10"
    assert job.ticks == ((1, 90), (2, 70), (3, 50), (4, 30), (5, 10))
    [single] = rules.chart([JOB], answers[:1], "fi", canvas)
    assert single.points[0].x == 150  # one answer sits in the middle


def test_a_new_scale_gets_a_valid_unique_key_from_its_english_statement():
    from services.intake.domain.metrics import KEY, key_for

    assert key_for("I can name my strengths!", []) == "i_can_name_my_strengths"
    assert key_for("I can name my strengths", ["i_can_name_my_strengths"]) == "i_can_name_my_strengths_2"
    assert key_for("I can name my strengths", ["i_can_name_my_strengths", "i_can_name_my_strengths_2"]) == \
        "i_can_name_my_strengths_3"
    assert key_for("Café ja työ", []) == "cafe_ja_tyo"
    assert key_for("5 goals", []) == "scale_5_goals"
    assert key_for("???", []) == "scale"
    for statement in ("x" * 200, "I can name my strengths", "5 goals", "???"):
        assert KEY.match(key_for(statement, [])), statement
