"""The manager's desk: the first page after login, with today's work as items that link to where each is done."""
from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.handlers import desk
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


def _today() -> desk.Today:
    return desk.Today(now=utcnow(), quiet_days=settings(runtime().config).desk_quiet_days)


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
        found = desk.collect(work, current_principal(), _today())
    g.desk_counts = found.counts()  # the navigation's counts: the items just collected, not counted again
    return render_template("intake/desk/page.html", desk=found, text_of=text_of, href=lambda item: link(*item.link))


def _counts() -> desk.Counts | None:
    """How many items the signed-in manager's desk has, counted once per request for the navigation: in SQL,
    without reading the items (so no names, nothing to audit), the same number the desk page lists."""
    if "desk_counts" not in g:
        principal = current_principal()
        if not principal.has("manager"):
            g.desk_counts = None
        else:
            with runtime().reading() as work:  # one statement: no transaction around it
                g.desk_counts = desk.count(work, principal, _today())
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
