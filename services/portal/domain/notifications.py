"""Which event notifies whom, of what, with a link to where the thing is done.

An event carries no personal data: it names organisations and pseudonymous client ids. A rule turns one
event into an audience (the managers of an organisation, the student whose client id it names, particular
users) and a link (a service and a path under it); the portal resolves the audience into its users.
The registrations are in services/portal/subscribers/notifications.py, one line per event and audience
(see docs/architecture.md, "Notifications").
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

EMAIL_MODES = ("immediately", "daily", "off")


@dataclass(frozen=True)
class Audience:
    """Whom a notification is for: users by role in organisations, students by client id, the users of partner
    organisations, or users by id; `except_users` are left out (the one who caused it)."""

    organisations: tuple[str, ...] = ()
    roles: tuple[str, ...] = ("manager",)
    client_ids: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    user_ids: tuple[str, ...] = ()
    except_users: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.organisations or self.client_ids or self.partners or self.user_ids)


@dataclass(frozen=True)
class Event:
    """What a rule reads of an event: its payload, source and addressee, and what the portal remembers."""

    type: str
    payload: Mapping[str, Any]
    organisation: str
    recipient: str | None = None
    remembered: Mapping[str, Any] = field(default_factory=dict)


AudienceOf = Callable[[Event], Audience]
LinkOf = Callable[[Event], tuple[str, str]]
SubjectOf = Callable[[Event], str | None]


@dataclass(frozen=True)
class Rule:
    type: str
    kind: str
    audience: AudienceOf
    link: LinkOf
    text: object  # what the reader is told, a message id the pages translate
    subject: SubjectOf | None = None  # the name of the thing it is about (never a person's), stored with it
    named: object | None = None  # the text naming it, a message id with %(name)s


class Rules:
    """The registry: event type -> rules (one event may notify several audiences of different kinds)."""

    def __init__(self) -> None:
        self._by_type: dict[str, list[Rule]] = {}
        self._texts: dict[str, tuple[object, object | None]] = {}

    def on(self, type_: str, kind: str, audience: AudienceOf, link: LinkOf, text: object,
           subject: SubjectOf | None = None, named: object | None = None) -> None:
        """Notify `audience` of events of `type_` as `kind`, linking to where it is done, telling `text`; or,
        when `subject` finds the name of what it is about, telling `named` with that name."""
        if (subject is None) != (named is None):
            raise ValueError(f"notification kind {kind!r} needs both a subject and a text naming it")
        known = self._texts.get(kind)
        if known is not None and (str(known[0]), str(known[1])) != (str(text), str(named)):
            raise ValueError(f"notification kind {kind!r} is told two ways")
        self._texts[kind] = (text, named)
        self._by_type.setdefault(type_, []).append(Rule(type_, kind, audience, link, text, subject, named))

    def text_of(self, kind: str, subject: str | None = None) -> str | None:
        """What the reader is told of a notification of `kind`, naming `subject` when the kind can (an older
        notification without one is told the plain way)."""
        texts = self._texts.get(kind)
        if texts is None:
            return None
        text, named = texts
        return str(named) % {"name": subject} if subject and named is not None else str(text)

    def for_type(self, type_: str) -> list[Rule]:
        return list(self._by_type.get(type_, ()))

    @property
    def types(self) -> list[str]:
        return sorted(self._by_type)

    @property
    def kinds(self) -> set[str]:
        return {rule.kind for rules in self._by_type.values() for rule in rules}


def managers_of(key: str) -> AudienceOf:
    """The managers of the organisation the payload names under `key`."""
    return lambda e: Audience(organisations=(str(e.payload[key]),))


def recipient_managers(e: Event) -> Audience:
    """The managers of the organisation an addressed event is for."""
    return Audience(organisations=(e.recipient,) if e.recipient else ())


def student(key: str = "client_id") -> AudienceOf:
    """The student whose client id the payload names under `key`."""
    return lambda e: Audience(client_ids=(str(e.payload[key]),))


def link(service: str, path: str) -> LinkOf:
    """A fixed link, or one with `{name}` filled from the payload."""
    return lambda e: (service, path.format(**{k: v for k, v in e.payload.items() if isinstance(v, str)}))


def named(key: str) -> SubjectOf:
    """The name the payload carries under `key` (absent in events from before it travelled)."""
    return lambda e: str(e.payload[key]) if e.payload.get(key) else None


def source_organisation(e: Event) -> str | None:
    """The name of the organisation the event came from, as the portal knows it."""
    return e.remembered.get("organisation_name")


def referral_other_side(e: Event) -> Audience:
    """The managers of the side of a referral that did not move it (the sides as the referral was sent)."""
    sides = e.remembered.get("sides") or ()
    return Audience(organisations=tuple(side for side in sides if side != e.organisation))


def message_parties(e: Event) -> Audience:
    """The parties of a conversation the message event names, without its author."""
    p = e.payload
    return Audience(organisations=tuple(p.get("organisations") or ()), client_ids=tuple(p.get("client_ids") or ()),
                    partners=tuple(p.get("partner_organisations") or ()), except_users=(str(p["author"]),))



RULES = Rules()  # filled by services/portal/handlers/notification_rules.py
