"""One's notifications: the page, marking read, the e-mail preference, and what the header of every page
asks for its counter: the count (polling) and a stream of server-sent events (push)."""
from __future__ import annotations

import json
import time

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _

from services.portal.context import portal_settings, runtime
from services.portal.handlers import notifications
from services.portal.handlers.notification_rules import RULES
from services.portal.handlers.notifications import DOORBELL
from services.portal.web.forms import ConfirmForm, EmailPreferenceForm
from shared import formats
from shared.auth.policy import allow
from shared.auth.principal import Principal, current_principal
from shared.web.cors import shared_with_network
from shared.web.navigation import link

bp = Blueprint("notifications", __name__)


def text_of(n: notifications.Notification) -> str:
    return RULES.text_of(n.kind, n.subject) or _("Something new concerns you.")


def _view(n: notifications.Notification) -> dict:
    return {"id": n.id, "kind": n.kind, "text": text_of(n), "href": link(n.service, n.path),
            "when": formats.datetime(n.created_at), "read": n.read}


def _state(principal: Principal, after: int | None) -> dict:
    """The counter's state: unread count, newest id, and the notifications after `after` (newest first; none
    when the page has seen no state yet)."""
    with runtime().db.session() as session:
        unread = notifications.unread_count(session, principal)
        latest = notifications.latest_id(session, principal)
        new = notifications.listing(session, principal, after=after, limit=5) if after is not None else []
    return {"unread": unread, "latest": latest,
            "new": [{"id": n.id, "text": text_of(n), "href": link(n.service, n.path)} for n in new]}


def _after() -> int | None:
    """The newest notification the page has seen (the reconnecting stream's Last-Event-ID, else ?after);
    None: none yet."""
    given = request.headers.get("Last-Event-ID") or request.args.get("after") or ""
    return int(given) if given.isdigit() and len(given) < 18 else None


@bp.get("/notifications")
@allow()
def page():
    """One's notifications, newest first, with links to where each thing is done."""
    principal = current_principal()
    with runtime().db.session() as session:
        items = [_view(n) for n in notifications.listing(session, principal, limit=100)]
    return render_template("portal/notifications.html", notices=items, form=ConfirmForm(),
                           unread=sum(1 for i in items if not i["read"]))


@bp.post("/notifications/<int:notification_id>")
@allow()
def open_one(notification_id: int):
    """Mark one notification read and go where its thing is done."""
    with runtime().work() as work:  # the CSRF token was checked before the route (shared.auth.web)
        n = notifications.mark_read(work, current_principal(), notification_id)
    return redirect(link(n.service, n.path), code=303)


@bp.post("/notifications/read")
@allow()
def read_all():
    """Mark every notification read."""
    with runtime().work() as work:
        notifications.mark_all_read(work, current_principal())
    flash(_("All notifications are marked read."), "success")
    return redirect(url_for(".page"), code=303)


@bp.get("/notifications/unread")
@allow()
@shared_with_network()
def unread():
    """The header counter's state as JSON (the fallback when no stream is free): unread count, newest id,
    and the notifications after ?after."""
    return jsonify(_state(current_principal(), _after()))


@bp.get("/notifications/stream")
@allow()
@shared_with_network("Last-Event-ID")  # a reconnecting event stream sends the last event's id
def stream():
    """Server-sent events: the counter's state whenever it changes, a comment to keep the line open, and an
    end after a while (the browser reconnects). When every stream of this process is taken: 503, poll."""
    push = portal_settings().push
    slots = current_app.extensions["portal_push_slots"]
    if not slots.acquire(blocking=False):
        response = jsonify({"error": {"code": "busy", "message": "No stream free: poll /notifications/unread",
                                      "fields": {}}, "poll_seconds": push.fallback_seconds})
        response.status_code = 503
        response.headers["Retry-After"] = str(push.fallback_seconds)
        return response
    principal, after = current_principal(), _after()

    def events():
        yield "retry: 1000\n\n"
        state, sent = _state(principal, after), time.monotonic()
        last = (state["unread"], state["latest"])
        yield f"id: {state['latest']}\ndata: {json.dumps(state)}\n\n"
        deadline, rung = sent + push.stream_seconds, DOORBELL.rung
        while time.monotonic() < deadline:
            rung = DOORBELL.wait(rung, push.poll_seconds)
            state = _state(principal, last[1])
            if (state["unread"], state["latest"]) != last:
                last, sent = (state["unread"], state["latest"]), time.monotonic()
                yield f"id: {state['latest']}\ndata: {json.dumps(state)}\n\n"
            elif time.monotonic() - sent >= push.keepalive_seconds:
                sent = time.monotonic()
                yield ": keep-alive\n\n"

    response = Response(stream_with_context(events()), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    response.call_on_close(slots.release)  # also when the browser left before the stream began
    return response


def _preferences(form: EmailPreferenceForm | None = None, status: int = 200):
    principal = current_principal()
    with runtime().db.session() as session:
        mode = notifications.email_mode(session, principal)
    form = form or EmailPreferenceForm(formdata=None, data={"email": mode})
    return render_template("portal/notification_preferences.html", form=form, mode=mode), status


@bp.get("/notifications/preferences")
@allow()
def preferences():
    """Whether new notifications are e-mailed at once, as a daily digest, or not."""
    return _preferences()


@bp.post("/notifications/preferences")
@allow()
def save_preferences():
    form = EmailPreferenceForm()
    if not form.validate():
        return _preferences(form, 422)
    with runtime().work() as work:
        notifications.set_email_mode(work, current_principal(), form.email.data)
    flash(_("Your e-mail preference is saved."), "success")
    return redirect(url_for(".preferences"), code=303)
