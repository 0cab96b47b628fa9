"""Meeting pages: the manager's meetings and private calendar feed (made, replaced or revoked here), each
meeting as an .ics download, and the feed itself at its secret address."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.intake.context import runtime, student_client_id
from services.intake.domain import meetings as rules
from services.intake.handlers import meetings
from shared.auth import allow, current_principal
from shared.auth.policy import public
from shared.web.forms import PageForm

bp = Blueprint("meeting_pages", __name__)
ICS = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> Response:
    return Response(body, mimetype="text/calendar", headers={
        "Content-Type": ICS, "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})


def _page(token: str | None = None, status: int = 200):
    principal = current_principal()
    with runtime().work() as work:
        rows = meetings.managers_meetings(work, principal)
        feed = meetings.has_feed(work, principal)
    feed_url = url_for(".feed", token=token, _external=True) if token else None
    return render_template("intake/meetings/page.html", meetings=rows, has_feed=feed, feed_url=feed_url,
                           form=PageForm(), local=rules.local), status


@bp.get("/meetings")
@allow("manager")
def meetings_page():
    """The manager's meetings and their calendar feed's settings."""
    return _page()


@bp.post("/meetings/feed")
@allow("manager")
def new_feed():
    """Make (or replace) the private calendar address; it is shown once, on this answer only."""
    if not PageForm().validate_on_submit():
        flash(_("The form had expired. Please try again."), "error")
        return redirect(url_for(".meetings_page"), code=303)
    with runtime().work() as work:
        token = meetings.new_feed(work, current_principal())
    return _page(token)


@bp.post("/meetings/feed/revoke")
@allow("manager")
def revoke_feed():
    """Stop the calendar address from working."""
    if PageForm().validate_on_submit():
        with runtime().work() as work:
            meetings.revoke_feed(work, current_principal())
        flash(_("The calendar address no longer works."), "success")
    else:
        flash(_("The form had expired. Please try again."), "error")
    return redirect(url_for(".meetings_page"), code=303)


@bp.get("/calendar/<token>.ics")
@public
def feed(token):
    """The manager's meetings for a calendar application; the secret address is the key."""
    if len(token) > 100:
        return Response(status=404)
    with runtime().work() as work:
        body = meetings.feed(work, token)
    return _ics(body, "kampus.ics")


@bp.get("/clients/<uuid:client_id>/path/steps/<uuid:step_id>/meeting.ics")
@allow("manager")
def meeting_ics(client_id, step_id):
    """One meeting as an iCalendar file."""
    with runtime().work() as work:
        body = meetings.meeting_ics(work, current_principal(), str(client_id), str(step_id))
    return _ics(body, "meeting.ics")


@bp.get("/me/meetings/<uuid:step_id>.ics")
@allow("student")
def own_meeting_ics(step_id):
    """One of the student's own meetings as an iCalendar file."""
    with runtime().work() as work:
        body = meetings.meeting_ics(work, current_principal(), student_client_id(), str(step_id))
    return _ics(body, "meeting.ics")


def _own_meetings(client) -> list[dict]:
    """The student's meetings coming up, for their own page (the read is audited)."""
    with runtime().work() as work:
        return meetings.own_meetings(work, current_principal(), client.id)


bp.add_app_template_global(_own_meetings, "own_meetings")
