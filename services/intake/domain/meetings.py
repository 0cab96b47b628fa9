"""Meetings: a path step (a guidance meeting, a company visit...) with a time, a place or a video link and its
participants; shown in Europe/Helsinki time and offered as iCalendar (RFC 5545)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from services.intake.domain import N_
from shared.clock import ZONE

HELSINKI = ZONE
MEETING_FIELDS = ("starts_at", "ends_at", "place", "video_link", "participants")
LONGEST = timedelta(hours=12)
FIRST_YEAR, LAST_YEAR = 2000, 2999
PRODID = "-//Sosiaalinen kampus//intake meetings//FI"

Errors = dict[str, list[str]]


def aware(moment: datetime | None) -> datetime | None:
    """A stored moment with its offset (a database without time zones gives it back as naive UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def local(moment: datetime | None) -> datetime | None:
    """A moment in Helsinki time, as pages show it."""
    moment = aware(moment)
    return moment.astimezone(HELSINKI) if moment else None


def from_local(day: date | None, start: time | None, end: time | None) -> tuple[datetime | None, datetime | None,
                                                                                 Errors]:
    """A meeting's start and end from a day and clock times in Helsinki; errors by the form's field names."""
    if day is None and start is None and end is None:
        return None, None, {}
    errors: Errors = {}
    if day is None:
        errors["meeting_date"] = [N_("Give the day of the meeting.")]
    elif not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors["meeting_date"] = [N_("Give a time between the years 2000 and 2999.")]
    if start is None:
        errors["start_time"] = [N_("Give the time the meeting starts.")]
    if errors:
        return None, None, errors
    assert day is not None and start is not None
    starts_at = datetime.combine(day, start, HELSINKI)
    ends_at = datetime.combine(day, end, HELSINKI) if end is not None else None
    return starts_at.astimezone(UTC), ends_at.astimezone(UTC) if ends_at else None, {}


def check_meeting(values: Mapping) -> Errors:
    """A meeting has a start; ends after it starts (within 12 hours); has a place or a video link (https)."""
    starts_at, ends_at = aware(values.get("starts_at")), aware(values.get("ends_at"))
    place, link = (values.get("place") or "").strip(), (values.get("video_link") or "").strip()
    errors: Errors = {}
    if starts_at is None:
        if ends_at is not None or place or link or (values.get("participants") or "").strip():
            errors["starts_at"] = [N_("Give the time of the meeting.")]
        return errors
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            errors[name] = [N_("Give a time between the years 2000 and 2999.")]
    if errors:
        return errors
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = [N_("The meeting must end after it starts.")]
    elif ends_at is not None and ends_at - starts_at > LONGEST:
        errors["ends_at"] = [N_("A meeting lasts at most 12 hours.")]
    if not place and not link:
        errors["place"] = [N_("Give a place or a video link.")]
    if link and not (link.startswith("https://") and len(link) > len("https://") and " " not in link):
        errors["video_link"] = [N_("Give the video link as a web address starting with https://.")]
    return errors


def is_meeting(step: Mapping) -> bool:
    return step.get("starts_at") is not None


def ends(step: Mapping) -> datetime:
    """A meeting's end: its own, else an hour after its start."""
    start = aware(step["starts_at"])
    assert start is not None
    return aware(step.get("ends_at")) or start + timedelta(hours=1)


def calendar(meetings: Iterable[Mapping], *, name: str, now: datetime) -> bytes:
    """Meetings as one iCalendar document: each with a stable UID, its time (UTC), place, link and participants.

    Each meeting is a mapping of uid, summary, starts_at, ends_at, place, video_link, participants and
    status (a cancelled step is sent as CANCELLED, so calendars remove it).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting["uid"])
        event.add("dtstamp", now)
        event.add("dtstart", aware(meeting["starts_at"]))
        event.add("dtend", ends(meeting))
        event.add("summary", meeting["summary"])
        if meeting.get("place"):
            event.add("location", meeting["place"])
        if meeting.get("video_link"):
            event.add("url", meeting["video_link"])
        details = [part for part in (meeting.get("video_link"), meeting.get("participants")) if part]
        if details:
            event.add("description", "\n".join(details))
        event.add("status", "CANCELLED" if meeting.get("status") == "cancelled" else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
