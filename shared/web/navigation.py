"""The network's sections and the roles that use them: the navigation bar and the front page's cards.

Each service (and the portal) declares its own entries in its ServiceDefinition's `navigation`; the
shell composes them here from the installed definitions.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import cache
from importlib import import_module

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from shared.auth import Principal, current_principal
from shared.events import catalogue

# The embedded default: the portal at the root, each service under its name.
DEFAULT_LINKS = {"portal": "/", **{name: f"/{name}/" for name in catalogue.SERVICES}}

ROLE_LABELS = {
    "manager": _l("Service manager"),
    "partner": _l("Partner"),
    "student": _l("Student"),
    "coordinator": _l("Coordinator"),
    "admin": _l("Administrator"),
}


@dataclass(frozen=True)
class NavEntry:
    """A part of the network a role uses, as the service that offers it declares it (its `navigation`).

    `path` is within the service; `roles` empty means any signed-in user; `order` places the entry
    among every service's (the navigation shows them by it); `exact` makes the entry current only on
    its own path, not on the pages below it. `service` is filled in by the shell from the declaring
    definition. `count` names a function of the declaring service that answers how many things wait for the
    signed-in person there; the navigation shows it on that service's pages.
    """

    key: str
    title: str
    path: str
    description: str
    roles: Collection[str] = frozenset()  # kept as a frozenset
    order: int = 0
    exact: bool = False
    service: str = ""
    count: str | None = None  # "module:function" of the declaring service: how many items wait there (or None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))

    def visible_to(self, principal: Principal) -> bool:
        return principal.is_authenticated and (not self.roles or principal.has(*self.roles))


@cache
def sections() -> tuple[NavEntry, ...]:
    """Every installed service's and the portal's entries, in the order the navigation shows them."""
    definitions = {"portal": catalogue.definition("portal"), **catalogue.definitions()}
    found = [replace(entry, service=name) for name, definition in definitions.items()
             for entry in definition.navigation]
    return tuple(sorted(found, key=lambda entry: entry.order))


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation as a template shows it."""

    key: str
    title: str
    href: str
    description: str
    active: bool
    count: int | None = None


def _count(section: NavEntry) -> int | None:
    """The entry's count, asked on the declaring service's own pages (where its data is)."""
    if not section.count or section.service != current_service() or not has_request_context():
        return None
    if "kampus" not in current_app.extensions:  # an app of pages alone, without the service's data
        return None
    module, _, name = section.count.partition(":")
    return getattr(import_module(module), name)()


def links() -> dict[str, str]:
    """Base URL of the portal and of each service (KAMPUS_LINKS, else the embedded default).

    Intake is the one of the signed-in person's own organisation when the network file names it.
    """
    configured = current_app.config.get("KAMPUS_LINKS") or {}
    result = {**DEFAULT_LINKS, **configured}
    own = own_intake(current_app.config.get("KAMPUS_INTAKES"))
    if own:
        result["intake"] = own
    return result


def own_intake(intakes: dict[str, str] | None) -> str | None:
    """The signed-in person's organisation's entry in `intakes` (organisation -> URL), if any."""
    if not intakes or not has_request_context():
        return None
    return intakes.get(current_principal().organisation or "")


def link(service: str, path: str = "") -> str:
    """A URL in another part of the network, e.g. link("portal", "logout")."""
    return links()[service].rstrip("/") + "/" + path.lstrip("/")


def intake_of(organisation: str | None, path: str = "") -> str:
    """A URL in the intake that keeps `organisation`'s clients: its own when the network file names one (a partner
    reaches a student's thread there), else the signed-in person's intake link."""
    own = (current_app.config.get("KAMPUS_INTAKES") or {}).get(organisation or "")
    return (own or links()["intake"]).rstrip("/") + "/" + path.lstrip("/")


def privacy_link(organisation: str | None = None) -> str:
    """The portal's privacy notice: the network's overview, or one organisation's notice."""
    return link("portal", f"privacy/{organisation}" if organisation else "privacy")


def current_service() -> str | None:
    """The service (or "portal") this app is, as init_ui was told."""
    return current_app.extensions.get("kampus_ui", {}).get("service")


def _matches(section: NavEntry, path: str) -> bool:
    if section.exact:
        return path == section.path
    return path == section.path or path.startswith(section.path.rstrip("/") + "/")


def _active_key(visible: list[NavEntry]) -> str | None:
    """The section the current request is in: the longest matching path of this service."""
    if not has_request_context():
        return None
    here = [s for s in visible if s.service == current_service() and _matches(s, request.path)]
    return max(here, key=lambda s: len(s.path)).key if here else None


def nav_items(principal: Principal | None = None) -> list[NavItem]:
    """The sections the principal's roles may use, the current one marked active."""
    principal = principal or current_principal()
    if has_request_context() and current_app.config.get("KAMPUS_SHELL_KEPT", True):
        return _kept_items(principal)
    visible = [s for s in sections() if s.visible_to(principal)]
    active = _active_key(visible)
    return [NavItem(s.key, s.title, link(s.service, s.path), s.description, s.key == active, _count(s))
            for s in visible]


def sections_for(principal: Principal | None = None) -> list[dict]:
    """The front page's cards: {title, href, description} of what this role may do (the front page itself left out)."""
    return [{"title": item.title, "href": item.href, "description": item.description}
            for item in nav_items(principal) if item.key != "front"]


def role_label(role: str) -> str:
    """A role's name in the user's language."""
    return ROLE_LABELS.get(role, role)


@dataclass(frozen=True)
class _Shown:
    """A visible entry as this app shows it in one language: what `nav_items` makes anew for every page."""

    entry: NavEntry
    title: str
    href: str
    description: str
    here: bool  # the entry is this service's (it may be the active one)
    count: Callable[[], int | None] | None  # this service's count function, asked on every page


def _text(value):
    """A text as a template shows it, made once: a lazy translation (rendered unescaped, as its __html__) in the
    language of the request, a plain string as it is."""
    return Markup(value.__html__()) if hasattr(value, "__html__") else value


_KEEP_SHOWN = 1_000  # kinds of navigation kept per app (roles x languages x own intakes)


def _kept_items(principal: Principal) -> list[NavItem]:
    """`nav_items` from the entries, links and titles kept per app for the principal's roles, the language and
    their own intake; only the active entry and the counts are made for this request."""
    state = current_app.extensions["kampus_ui"]
    kept = state.setdefault("nav_kept", {})
    configured = current_app.config.get("KAMPUS_INTAKES")
    key = (principal.is_authenticated, principal.roles, str(get_locale()), own_intake(configured))
    shown = kept.get(key)
    if shown is None:
        service, counted = current_service(), "kampus" in current_app.extensions
        shown = tuple(
            _Shown(s, _text(s.title), link(s.service, s.path), _text(s.description), s.service == service,
                   getattr(import_module(s.count.partition(":")[0]), s.count.partition(":")[2])
                   if s.count and s.service == service and counted else None)
            for s in sections() if s.visible_to(principal))
        if len(kept) >= _KEEP_SHOWN:
            kept.clear()
        kept[key] = shown
    path = request.path
    here = [s.entry for s in shown if s.here and _matches(s.entry, path)]
    active = max(here, key=lambda s: len(s.path)).key if here else None
    return [NavItem(s.entry.key, s.title, s.href, s.description, s.entry.key == active,
                    s.count() if s.count is not None else None) for s in shown]
