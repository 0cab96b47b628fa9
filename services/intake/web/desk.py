"""The manager's desk: the first page after login, with today's work as items that link to where each is done."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, g, render_template
from flask_babel import get_translations

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.domain import N_
from services.intake.handlers import desk
from shared import formats
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.web.navigation import links

bp = Blueprint("desk_pages", __name__)


# What an environment misses, by the environments service's reminder kinds (msgids).
MISSING = {"review": N_("review missing"), "survey": N_("surveys outstanding"),
           "assessment": N_("assessments missing"), "overall_assessment": N_("assessments missing"),
           "start_metrics": N_("personal metrics unanswered"), "end_metrics": N_("personal metrics unanswered"),
           "outcomes": N_("outcomes not recorded")}


def _today() -> desk.Today:
    return desk.Today(now=utcnow(), quiet_days=settings(runtime().config).desk_quiet_days)


def _shown(value, translate: Callable[[str], str]):
    if isinstance(value, tuple):  # an environment's missing things
        return ", ".join(dict.fromkeys(translate(MISSING[kind]) if kind in MISSING else kind for kind in value))
    if isinstance(value, datetime):
        return formats.time(value) if value.tzinfo else formats.datetime(value)
    if isinstance(value, date):
        return formats.date(value)
    return value


@dataclass(frozen=True)
class Shown:
    """An item as the page shows it: its link, whose it is, its sentence, whether it is late."""

    href: str
    client_name: str | None
    text: str
    overdue: bool


def shown(found: desk.Desk) -> list[tuple[desk.Kind, list[Shown]]]:
    """Every item's link and sentence in the reader's language, with the request's translations and links looked
    up once: a desk of a few hundred items asked Flask-Babel for each sentence and `links()` for each link. The
    texts are Flask-Babel's gettext (the catalog's text % the values; a meeting's time of day), the links
    `shared.web.navigation.link`'s."""
    translations = get_translations()
    translated: dict[str, str] = {}

    def translate(message: str) -> str:
        found_text = translated.get(message)
        if found_text is None:
            found_text = translated[message] = translations.ugettext(message)
        return found_text

    bases = {service: base.rstrip("/") + "/" for service, base in links().items()}
    result = []
    for kind, items in found.sections:
        rows = []
        for item in items:
            sentence = translate(item.message)
            values = {k: _shown(v, translate) for k, v in item.values.items()}
            if "time" in item.values and isinstance(item.values["time"], datetime):
                values["time"] = formats.time(item.values["time"])
            service, path = item.link
            rows.append(Shown(bases[service] + path.lstrip("/"), item.client_name,
                              sentence % values if values else sentence, item.overdue))
        result.append((kind, rows))
    return result


@bp.get("/desk")
@allow("manager")
def desk_page():
    """Today's work: meetings, steps due, referrals waiting, shared clients, suggestions and quiet clients."""
    with runtime().work() as work:
        found = desk.collect(work, current_principal(), _today())
    g.desk_counts = found.counts()  # the navigation's counts: the items just collected, not counted again
    return render_template("intake/desk/page.html", desk=found, sections=shown(found))


def _counts() -> desk.Counts | None:
    """How many items the signed-in manager's desk has, counted once per request for the navigation: in SQL,
    without reading the items (so no names, nothing to audit), the same number the desk page lists."""
    if "desk_counts" not in g:
        principal = current_principal()
        if not principal.has("manager"):
            g.desk_counts = None
        else:
            g.desk_counts = _read_counts(principal, _today())
    return g.desk_counts


def _read_counts(principal, today: desk.Today) -> desk.Counts:
    """The counts in one statement on a pooled connection through the driver alone, else in a unit of work."""
    found = desk.count_read(runtime().db, principal, today)
    if found is None:
        with runtime().reading() as work:  # one statement: no transaction around it
            found = desk.count(work, principal, today)
    return found


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
