"""Access rules declared on every route, enforced in one place, and listable for tests.

A view is reachable only if it declares who may use it: `@public` or `@allow("manager", ...)`.
A route without a declaration answers 403 to everyone (default deny).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

from shared.auth.principal import ROLES, Principal

ATTRIBUTE = "_kampus_access"

# Endpoints that frameworks add, public by nature: no personal data behind them.
BUILTIN_PUBLIC = {"static", "health.healthz", "health.readyz", "health.metrics", "api-docs.openapi_json",
                  "apidocs.docs", "ui.static", "ui.set_language"}


def is_static(endpoint: str | None) -> bool:
    """Whether an endpoint serves static files (public, no login, cacheable)."""
    return endpoint is not None and (endpoint == "static" or endpoint.endswith(".static"))


@dataclass(frozen=True)
class AccessRule:
    """Who may use a route: anyone, or any authenticated user with one of `roles`."""

    public: bool = False
    roles: frozenset[str] = frozenset()

    def permits(self, principal: Principal) -> bool:
        if self.public:
            return True
        return principal.is_authenticated and (not self.roles or principal.has(*self.roles))

    def describe(self) -> str:
        return "public" if self.public else ("authenticated" if not self.roles else ",".join(sorted(self.roles)))


def public(view: Callable) -> Callable:
    """Declare a view open to anyone."""
    setattr(view, ATTRIBUTE, AccessRule(public=True))
    return view


def allow(*roles: str) -> Callable[[Callable], Callable]:
    """Declare the roles that may use a view (none given: any signed-in user)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorate(view: Callable) -> Callable:
        setattr(view, ATTRIBUTE, AccessRule(roles=frozenset(roles)))
        return view

    return decorate


def rule_for(app: Flask, endpoint: str | None, method: str) -> AccessRule | None:
    """The declared rule of an endpoint and method, or None when nothing is declared."""
    if endpoint is None:
        return None
    if endpoint in BUILTIN_PUBLIC or is_static(endpoint):
        return AccessRule(public=True)
    view = app.view_functions.get(endpoint)
    if view is None:
        return None
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        handler = getattr(view_class, method.lower(), None)
        if handler is None and method == "HEAD":
            handler = getattr(view_class, "get", None)
        rule = getattr(handler, ATTRIBUTE, None)
        return rule or getattr(view_class, ATTRIBUTE, None)
    return getattr(view, ATTRIBUTE, None)


def route_table(app: Flask) -> list[tuple[str, str, str, AccessRule | None]]:
    """Every (rule, method, endpoint, access rule) of an app: what the permission walk checks."""
    rows = []
    for url_rule in app.url_map.iter_rules():
        for method in sorted((url_rule.methods or set()) - {"OPTIONS", "HEAD"}):
            rows.append((url_rule.rule, method, url_rule.endpoint, rule_for(app, url_rule.endpoint, method)))
    return rows
