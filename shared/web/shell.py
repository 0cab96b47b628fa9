"""The parts of the shared layout that are the same for everyone alike, rendered once per process.

Most of `base.html` (the head's links, the header with the person's name, organisation and links, the language
switch's buttons, the footer) depends only on who is signed in, their roles, the language and where the app is
mounted; rendering it anew on every page (15 translated texts, 10 links, the static files' URLs) cost more CPU
than the rest of a trivial page. `{% shell "name" %}...{% endshell %}` keeps what such a part rendered, by
`shell_key()`; what changes per request (the CSRF token, the current path, the page's own blocks, the active link
and the counts of the navigation, flashed messages) stays outside those parts. A page's own part is named by a
hashable key of what else it shows (`{% shell ("client-filters", ...) %}`), or None where it is not to be kept.

A part may read only what `shell_key()` names: the locale, the script root (the static files' and the language
switch's URLs), the signed-in person's name, username, organisation and its name, their roles, and their own
intake's link. `KAMPUS_SHELL_KEPT = False` in an app's config renders every part every time (the same bytes).
"""
from __future__ import annotations

from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from shared.auth import current_principal

KEEP = 2_000  # parts kept per app; past it they are rendered anew (a part is ~0.5-2 KiB)


def shell_key() -> tuple:
    """What the kept parts of the layout depend on: the locale (looked at each time: a page may be rendered in a
    forced one) and the rest, made once per request and locale (a layout asks for it once per part)."""
    babel = g.get("_flask_babel")  # Flask-Babel's request state: the locale chosen, once it has been
    locale = getattr(babel, "babel_locale", None) or get_locale()
    kept = g.get("kampus_shell_key")
    if kept is not None and kept[0] is locale:
        return kept[1]
    from shared.web import navigation, ui

    principal = current_principal()
    key = (str(locale or ui.DEFAULT_LOCALE), (
        request.script_root, principal.user_id, principal.username, principal.name, principal.organisation,
        ui.organisation_name(principal.organisation), principal.roles,
        navigation.own_intake(current_app.config.get("KAMPUS_INTAKES"))))
    g.kampus_shell_key = (locale, key)
    return key


def kept_enabled() -> bool:
    """Whether the parts are kept: in a request, unless the app's KAMPUS_SHELL_KEPT is False."""
    return has_request_context() and bool(current_app.config.get("KAMPUS_SHELL_KEPT", True))


class ShellExtension(Extension):
    """`{% shell "name" %}...{% endshell %}`: the enclosed part rendered once per `shell_key()` and app."""

    tags = {"shell"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        self.kept: dict[tuple, Markup] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        name = parser.parse_expression()
        body = parser.parse_statements(("name:endshell",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_part", [name]), [], [], body).set_lineno(lineno)

    def _part(self, name, caller) -> Markup:
        if name is None or not kept_enabled():  # a page may keep a part only in some states (None: not now)
            return caller()
        key = (name, shell_key())
        found = self.kept.get(key)
        if found is None:
            found = caller()
            if len(self.kept) >= KEEP:
                self.kept.clear()
            self.kept[key] = found
        return found


def kept_part(name) -> Markup | None:
    """What `{% shell name %}` keeps for this request's key, or None (not rendered yet, or not kept at all): a page
    whose part needs costly values (a form of 309 options) asks first and makes them only when the part is missing,
    then renders the kept part as it is (`{% if kept %}{{ kept }}{% else %}{% shell name %}...`)."""
    if name is None or not kept_enabled():
        return None
    extension = current_app.jinja_env.extensions.get(ShellExtension.identifier)
    return extension.kept.get((name, shell_key())) if isinstance(extension, ShellExtension) else None
