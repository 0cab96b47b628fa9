"""Who is asking: a user of one organisation with one or more roles."""
from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("manager", "partner", "student", "coordinator", "admin")
ORGANISATION_KINDS = ("educational_institution", "development_organisation", "company", "third_sector",
                      "public_body")


@dataclass(frozen=True)
class Principal:
    """The authenticated user behind a request (or the anonymous one)."""

    user_id: str | None = None
    username: str | None = None
    name: str | None = None
    organisation: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    locale: str | None = None
    client_id: str | None = None  # set for a student: their own client record

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Principal()


def current_principal() -> Principal:
    """The principal of the current request (anonymous outside one)."""
    from flask import g, has_request_context

    if not has_request_context():
        return ANONYMOUS
    return g.get("principal", ANONYMOUS)
