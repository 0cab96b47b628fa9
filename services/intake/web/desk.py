"""The manager's desk: the first page after login, with today's work as items that link to where each is done."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from flask import Blueprint, current_app, g, render_template
from flask_babel import get_locale, get_translations
from markupsafe import Markup

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.domain import N_
from services.intake.handlers import desk
from shared import formats
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.web.entries import KeptEntries
from shared.web.navigation import links
from shared.web.ui import organisation_name

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
    """An item as the page shows it (`intake/desk/item.html`): its link, whose it is, its sentence, whether it is
    late."""

    href: str
    client_name: str | None
    text: str
    overdue: bool


def _texts() -> tuple[Callable[[str], str], dict[str, str]]:
    """The request's translation of a msgid (each looked up once: Flask-Babel's gettext is the catalog's text % the
    values) and each service's base link, ending in "/" (`shared.web.navigation.link`'s)."""
    translations = get_translations()
    translated: dict[str, str] = {}

    def translate(message: str) -> str:
        found_text = translated.get(message)
        if found_text is None:
            found_text = translated[message] = translations.ugettext(message)
        return found_text

    return translate, {service: base.rstrip("/") + "/" for service, base in links().items()}


def _shown_item(item: desk.Item, translate: Callable[[str], str], bases: dict[str, str]) -> Shown:
    """The item's link and its sentence in the reader's language (`_texts`; a meeting's time of day)."""
    sentence = translate(item.message)
    values = {k: _shown(v, translate) for k, v in item.values.items()}
    if "time" in item.values and isinstance(item.values["time"], datetime):
        values["time"] = formats.time(item.values["time"])
    if "fit" in item.values:  # a suggestion's fit as matching's pages show it (`percentformat`)
        values["fit"] = formats.percent(item.values["fit"])
    if "organisation" in values:  # a member organisation by its name, never its code
        values["organisation"] = organisation_name(values["organisation"])
    service, path = item.link
    return Shown(bases[service] + path.lstrip("/"), item.client_name, sentence % values if values else sentence,
                 item.overdue)


# Each desk item's list entry as the page shows it (`intake/desk/item.html`), kept by what it is made of
# (shared/web/entries.py): the language and the services' links (a context of entries for each), the item's kind,
# message, values, link, client's name and lateness. The same item on the next desk page (a reload, another manager of
# the organisation) is not translated, formatted and rendered again: that was about a third of the page's own CPU for
# a desk of a few hundred items. Past KEEP_RENDERED entries in a process they are rendered anew.
KEEP_RENDERED = 5000
_rendered = KeptEntries(KEEP_RENDERED)
_AROUND = "\n    "  # the list's indentation around each entry, as the page's loop wrote it


def _item_key(kind: desk.Kind) -> Callable[[desk.Item], tuple]:
    return lambda item: (kind.key, item.message, tuple(item.values.items()), item.link, item.client_name,
                         item.overdue)


def rendered(found: desk.Desk) -> list[tuple[desk.Kind, int, Markup]]:
    """Every kind's items as the page's list entries (with how many there are): each rendered once per language, links
    and content and kept (`_rendered`); one not kept yet made by `_shown_item` and rendered by its template."""
    context = (str(get_locale()), tuple(links().items()))
    made: dict[str, Any] = {}  # the request's texts and the template, looked up for the first entry not kept

    def make(kind: desk.Kind, item: desk.Item) -> str:
        if not made:
            made.update(texts=_texts(), template=current_app.jinja_env.get_template("intake/desk/item.html"))
        return _AROUND + made["template"].render(kind=kind, item=_shown_item(item, *made["texts"])) + _AROUND

    return [(kind, len(items), _rendered.render(context, items, _item_key(kind), partial(make, kind)))
            for kind, items in found.sections]


@bp.get("/desk")
@allow("manager")
def desk_page():
    """Today's work: meetings, steps due, referrals waiting, shared clients, suggestions and quiet clients."""
    with runtime().reading() as work:  # reads only: each statement on its own, no BEGIN and COMMIT round trips
        found = desk.collect(work, current_principal(), _today())
    g.desk_counts = found.counts()  # the navigation's counts: the items just collected, not counted again
    return render_template("intake/desk/page.html", desk=found, sections=rendered(found))


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
