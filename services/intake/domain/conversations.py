"""Conversations: a thread of plain-text messages about one subject (a referral, an environment, an
introduction), between exactly its parties."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from shared.errors import N_, Invalid

MAX_LENGTH = 2000
SUBJECT_KINDS = ("referral", "environment", "introduction")


@dataclass(frozen=True)
class Parties:
    """Who takes part: the managers of some organisations, students by their client ids, and the users of
    some partner organisations (their contact persons)."""

    manager_organisations: tuple[str, ...] = ()
    client_ids: tuple[str, ...] = ()
    partner_organisations: tuple[str, ...] = ()

    def includes(self, roles: frozenset[str], organisation: str | None, client_id: str | None) -> bool:
        if "manager" in roles and organisation in self.manager_organisations:
            return True
        if "student" in roles and client_id is not None and client_id in self.client_ids:
            return True
        return "partner" in roles and organisation in self.partner_organisations


@dataclass(frozen=True)
class Subject:
    """What a thread is about: its parties, the client it concerns (whose personal data its messages are) and
    the organisation keeping it; and the name its notifications tell (an environment's, a need's title; never a
    person's), when known here."""

    kind: str
    id: str
    parties: Parties
    client_id: str | None
    name: str | None = None


def message_body(text: object) -> str:
    """A message's text: plain, trimmed, 1 to MAX_LENGTH characters, no control characters but line breaks."""
    if not isinstance(text, str):
        raise Invalid({"body": [N_("Write a message.")]})
    body = text.replace("\r\n", "\n").strip()
    if not body:
        raise Invalid({"body": [N_("Write a message.")]})
    if len(body) > MAX_LENGTH:
        raise Invalid({"body": [N_("A message is at most 2000 characters long.")]})
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in body):
        raise Invalid({"body": [N_("A message is plain text: leave out control characters.")]})
    return body
