"""Rules of case notes and meetings, the meeting's iCalendar, the desk's registry and the quiet-days setting."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from services.intake.config import IntakeSettings
from services.intake.domain import meetings, notes
from services.intake.domain import path as path_rules
from services.intake.handlers import desk
from shared.config import Config

TODAY = date(2026, 12, 6)
CONFIG = Config(service="intake", database_url="sqlite://")


def test_a_note_needs_a_known_type_text_and_a_day_not_in_the_future():
    assert notes.check_note("phone", "Soitto", TODAY, TODAY) == {}
    assert set(notes.check_note("fax", " ", TODAY + timedelta(days=1), TODAY)) == {"kind", "text", "noted_on"}
    assert set(notes.check_note("other", "x" * 4001, None, TODAY)) == {"text", "noted_on"}
    assert notes.check_note("other", "x" * 4000, TODAY - timedelta(days=400), TODAY) == {}


def test_local_times_become_utc_across_daylight_saving():
    winter = meetings.from_local(date(2027, 1, 15), time(9, 0), time(10, 30))
    summer = meetings.from_local(date(2027, 7, 15), time(9, 0), None)
    assert winter == (datetime(2027, 1, 15, 7, 0, tzinfo=UTC), datetime(2027, 1, 15, 8, 30, tzinfo=UTC), {})
    assert summer == (datetime(2027, 7, 15, 6, 0, tzinfo=UTC), None, {})
    assert meetings.from_local(None, None, None) == (None, None, {})
    assert set(meetings.from_local(None, None, time(10, 0))[2]) == {"meeting_date", "start_time"}


@pytest.mark.parametrize(("values", "fields"), [
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "place": "Pori"}, set()),
    ({"starts_at": datetime(2027, 1, 1, 8), "video_link": "https://meet.example/x"}, set()),  # naive: UTC
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "ends_at": datetime(2027, 1, 1, 8, tzinfo=UTC),
      "place": "Pori"}, {"ends_at"}),
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "ends_at": datetime(2027, 1, 1, 21, tzinfo=UTC),
      "place": "Pori"}, {"ends_at"}),
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC)}, {"place"}),
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "video_link": "http://meet.example/x"}, {"video_link"}),
    ({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "video_link": "https://"}, {"video_link"}),
    ({"place": "Pori"}, {"starts_at"}),
    ({}, set()),
])
def test_a_meeting_is_checked(values, fields):
    assert set(meetings.check_meeting(values)) == fields


def test_the_calendar_has_one_event_per_meeting_in_utc_with_a_cancelled_one_marked():
    start = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    body = meetings.calendar([
        {"uid": "a@k", "summary": "Ohjaus – Aino V.", "starts_at": start, "ends_at": None, "place": "Pori",
         "video_link": None, "participants": "Opo", "status": "planned"},
        {"uid": "b@k", "summary": "Vierailu", "starts_at": start.replace(tzinfo=None), "ends_at": None,
         "place": None, "video_link": "https://meet.example/x", "participants": None, "status": "cancelled"},
    ], name="Kampus", now=start)
    events = Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["a@k", "b@k"]
    assert events[0].decoded("dtend") == start + timedelta(hours=1)  # no end given: an hour
    assert events[1].decoded("dtstart") == start  # a naive stored moment is UTC
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"]
    assert str(events[1]["url"]) == "https://meet.example/x" and "location" not in events[1]


def test_a_meeting_change_enters_the_step_history_once_and_a_naive_moment_equals_its_utc_self():
    old = {"starts_at": datetime(2027, 3, 1, 8, 0), "place": "Pori"}
    assert path_rules.changes_of(old, {"starts_at": datetime(2027, 3, 1, 8, 0, tzinfo=UTC)}) == {}
    assert path_rules.changes_of(old, {"place": "Rauma"}) == {"place": ["Pori", "Rauma"]}


def test_a_desk_kind_is_one_registration_and_a_key_is_not_registered_twice():
    key = "test_invitations"
    try:
        @desk.desk_kind(key, "Invitations", 99)
        def invitations(work, principal, today, rows):
            return [desk.Item(key, "%(n)s", {"n": 1}, ("intake", "x"))]

        @desk.desk_rows(key)
        def invitation_rows(principal, today):
            return (key,), lambda: desk.select(desk.clients.c.id)

        assert desk.KINDS[key].collect is invitations and desk.KINDS[key].order == 99
        assert desk.ROWS[key] is invitation_rows
        with pytest.raises(ValueError):
            desk.desk_kind(key, "Other", 1)(lambda work, principal, today, rows: [])
        with pytest.raises(ValueError):
            desk.desk_rows(key)(lambda principal, today: ((key,), lambda: desk.select(desk.clients.c.id)))
    finally:
        desk.KINDS.pop(key, None)
        desk.ROWS.pop(key, None)
    assert list(desk.KINDS) == ["meetings", "steps", "referrals", "overlap", "suggestions", "quiet", "environments"]
    assert list(desk.ROWS) == list(desk.KINDS)  # every kind's rows are read by its registered statement


def test_every_kind_read_from_intakes_tables_is_counted_in_sql_and_a_count_is_registered_once():
    """The navigation's numbers: a count query for each kind, all made of intake's rows (the environments' kind
    of what intake keeps of environments' announcements), so no kind is collected to be counted."""
    assert set(desk.COUNTS) == {"meetings", "steps", "referrals", "overlap", "suggestions", "quiet", "environments"}
    assert set(desk.COUNTS) <= set(desk.KINDS)
    with pytest.raises(ValueError):
        desk.desk_count("quiet")(lambda principal, today: desk.count_steps_due(principal, today))
    assert desk.desk_count("quiet")(desk.count_quiet_clients) is desk.count_quiet_clients  # the same: no error


def test_the_desk_day_is_helsinkis():
    assert desk.Today(now=datetime(2026, 12, 6, 22, 30, tzinfo=UTC)).today == date(2026, 12, 7)


def test_quiet_days_come_from_the_environment_and_must_be_positive():
    assert IntakeSettings.from_config(CONFIG, {}).desk_quiet_days == 30
    assert IntakeSettings.from_config(CONFIG, {"DESK_QUIET_DAYS": "14"}).desk_quiet_days == 14
    with pytest.raises(RuntimeError):
        IntakeSettings.from_config(CONFIG, {"DESK_QUIET_DAYS": "0"}).check()


def test_a_meeting_far_in_the_past_or_future_is_refused_before_any_time_zone_arithmetic():
    far = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    assert set(meetings.check_meeting({"starts_at": far, "place": "Pori"})) == {"starts_at"}
    assert set(meetings.check_meeting({"starts_at": datetime(2027, 1, 1, 8, tzinfo=UTC), "place": "Pori",
                                       "ends_at": datetime(1, 1, 1, tzinfo=UTC)})) == {"ends_at"}
    assert set(meetings.from_local(date(1, 1, 1), time(0, 0), None)[2]) == {"meeting_date"}
