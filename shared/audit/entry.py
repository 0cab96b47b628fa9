"""One audit entry as a caller gives it: who, did what, to which object, of which clients, why."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from shared.audit import codes

ROLE_ORDER = ("manager", "student", "coordinator", "partner", "admin")


@dataclass(frozen=True)
class Actor:
    """Who acted: a user (id, organisation, role), a command-line operator, or the system (all None)."""

    id: str | None = None
    organisation: str | None = None
    role: str | None = None

    @classmethod
    def of(cls, principal) -> Actor:
        """The actor of a shared.auth Principal (its first role in a fixed order)."""
        role = next((r for r in ROLE_ORDER if principal.has(r)), None)
        return cls(str(principal.user_id) if principal.user_id else None, principal.organisation, role)


SYSTEM = Actor()


@dataclass(frozen=True)
class Entry:
    """What to log; codes only (shared.audit.codes), never sentences, so it can be shown in any language."""

    action: str
    object_type: str
    purpose: str
    actor: Actor = SYSTEM
    subject_ids: Sequence[str] = ()
    object_ids: Sequence[str] = ()
    category: str = codes.PERSONAL
    detail: Mapping = field(default_factory=dict)
    organisation: str | None = None  # the controller; the store's organisation when None
    at: datetime | None = None  # when it happened, if not now (an entry imported from an earlier log)

    def __post_init__(self) -> None:
        codes.check(self.action, self.object_type, self.purpose, self.category)

    def row(self, *, seq: int, at: datetime, service: str, organisation: str | None) -> dict:
        """The stored row (without its hashes)."""
        return {"seq": seq, "at": at, "service": service, "organisation": organisation,
                "actor": self.actor.id, "actor_organisation": self.actor.organisation,
                "actor_role": self.actor.role, "action": self.action, "object_type": self.object_type,
                "object_ids": [str(i) for i in self.object_ids], "subject_ids": [str(i) for i in self.subject_ids],
                "purpose": self.purpose, "category": self.category, "detail": dict(self.detail)}
