"""The manager's desk: the first page after login, with today's work as items that link to where each is done."""
from __future__ import annotations

import time
from datetime import date, datetime

from flask import Blueprint, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from services.intake.config import settings
from services.intake.context import environment_reminders, runtime
from services.intake.handlers import desk
from services.intake.handlers.network_sources import Unavailable
from shared import formats
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.web.navigation import link

bp = Blueprint("desk_pages", __name__)


# What an environment misses, by the environments service's reminder kinds.
MISSING = {"review": _l("review missing"), "survey": _l("surveys outstanding"),
           "assessment": _l("assessments missing"), "overall_assessment": _l("assessments missing"),
           "start_metrics": _l("personal metrics unanswered"), "end_metrics": _l("personal metrics unanswered"),
           "outcomes": _l("outcomes not recorded")}


def _sources() -> dict:
    """Other services' answers the desk's kinds read, asked once per request (None: the service did not answer)."""
    if "desk_sources" not in g:
        try:
            g.desk_sources = {"environments": environment_reminders().reminders()}
        except Unavailable:
            g.desk_sources = {"environments": None}
    return g.desk_sources


def _today(sources: dict) -> desk.Today:
    return desk.Today(now=utcnow(), quiet_days=settings(runtime().config).desk_quiet_days, sources=sources)


# The environments service's reminders (what a review, surveys, assessments or outcomes miss) are one HTTP call of
# tens of ms there per ask. Within one request they are asked once (the desk page and the navigation's counts
# share the answer), and a complete answer is kept per user in this process:
# - the navigation's counts on every page use an answer up to REMINDERS_KEPT seconds old: reminders change by the
#   day, and a count beside a link may lag by a minute;
# - the desk page, where the manager acts on the items, always asks: a manager who has just reviewed an environment
#   or recorded its outcomes (in the environments service, a page away) comes back to see it gone. Reusing an
#   answer even a few seconds old would save an ask only on a reload or a double click, and would show a just
#   finished item again to someone quick (and to every scripted walk). Its answer is kept, so the next pages'
#   counts agree with the desk just seen without asking again.
REMINDERS_KEPT = 60.0
_kept_reminders: dict[tuple, tuple[float, dict]] = {}


def _sources_within(max_age: float | None) -> dict:
    """The other services' answers for this request: the one asked already in it, or the user's kept answer when
    it is younger than `max_age` seconds (None: never), or asked now (and kept when every service answered)."""
    if "desk_sources" in g:  # asked in this request: once a request, whoever asks
        return g.desk_sources
    principal = current_principal()
    key = (principal.organisation, principal.user_id or principal.username)
    now = time.monotonic()
    kept = _kept_reminders.get(key)
    if kept is not None and max_age is not None and now - kept[0] < max_age:
        return kept[1]
    sources = _sources()
    if all(answer is not None for answer in sources.values()):  # an unanswered call is asked again next time
        if len(_kept_reminders) > 10_000:
            _kept_reminders.clear()
        _kept_reminders[key] = (now, sources)
    return sources


def _shown(value):
    if isinstance(value, tuple):  # an environment's missing things
        return ", ".join(dict.fromkeys(str(MISSING.get(kind, kind)) for kind in value))
    if isinstance(value, datetime):
        return formats.time(value) if value.tzinfo else formats.datetime(value)
    if isinstance(value, date):
        return formats.date(value)
    return value


def text_of(item: desk.Item) -> str:
    """The item's sentence in the reader's language."""
    values = {k: _shown(v) for k, v in item.values.items()}
    if "time" in item.values and isinstance(item.values["time"], datetime):
        values["time"] = formats.time(item.values["time"])
    return _(item.message, **values)


@bp.get("/desk")
@allow("manager")
def desk_page():
    """Today's work: meetings, steps due, referrals waiting, shared clients, suggestions and quiet clients."""
    with runtime().work() as work:
        found = desk.collect(work, current_principal(), _today(sources := _sources_within(None)))
    return render_template("intake/desk/page.html", desk=found, text_of=text_of,
                           href=lambda item: link(*item.link), unanswered=[
                               name for name, answer in sources.items() if answer is None])


def _counts() -> desk.Counts | None:
    """How many items the signed-in manager's desk has, counted once per request for the navigation: in SQL,
    without reading the items (so no names, nothing to audit), the same number the desk page lists."""
    if "desk_counts" not in g:
        principal = current_principal()
        if not principal.has("manager"):
            g.desk_counts = None
        else:
            with runtime().reading() as work:  # one statement: no transaction around it
                g.desk_counts = desk.count(work, principal, _today(_sources_within(REMINDERS_KEPT)))
    return g.desk_counts


def count_all() -> int | None:
    """The navigation's count beside the desk."""
    found = _counts()
    return found.count if found else None


def count_referrals() -> int | None:
    """The navigation's count beside the referrals: those waiting for this organisation."""
    found = _counts()
    return found.count_of("referrals") if found else None


def count_overlap() -> int | None:
    """The navigation's count beside the shared clients: open notices."""
    found = _counts()
    return found.count_of("overlap") if found else None
