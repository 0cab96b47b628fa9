"""Removing overlaps: who gets a "possible shared client" notice, and how a notice is resolved.

A person key is a keyed hash of a client's normalised name and birth date. When two member
organisations hold the same key, each side that this intake instance serves gets a notice that
names the other organisation and nothing more.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from services.intake.domain import N_

RESOLUTIONS = ("lead_agreed", "dismissed")


@dataclass(frozen=True)
class KeyHolder:
    """A client of some organisation holding a person key; `local` when this instance serves it."""

    organisation: str
    client_id: str
    local: bool


@dataclass(frozen=True)
class Notice:
    """A notice to the organisation of `client_id` (served here) about `other_organisation`."""

    client_id: str
    other_organisation: str
    other_client_id: str


def notices_for(published: KeyHolder, holders: Iterable[KeyHolder]) -> Iterator[Notice]:
    """The notices a newly published key causes: one for each local side of each cross-organisation match."""
    for other in holders:
        if other.organisation == published.organisation or other.client_id == published.client_id:
            continue  # one organisation's own records are not an overlap between organisations
        if published.local:
            yield Notice(published.client_id, other.organisation, other.client_id)
        if other.local:
            yield Notice(other.client_id, published.organisation, published.client_id)


class AlreadyResolved(Exception):
    """A notice that is no longer open cannot be resolved again."""


def resolution_problems(resolution: str, lead_organisation: str | None, own: str, other: str) -> dict:
    """Agreeing on a lead names one of the two organisations; dismissing names none."""
    if resolution not in RESOLUTIONS:
        return {"resolution": [N_("Choose whether a lead was agreed or the notice is dismissed.")]}
    if resolution == "lead_agreed" and lead_organisation not in (own, other):
        return {"lead_organisation": [N_("The lead must be your organisation or the other organisation.")]}
    if resolution == "dismissed" and lead_organisation:
        return {"lead_organisation": [N_("A dismissed notice has no lead organisation.")]}
    return {}


def check_open(status: str) -> None:
    """Raise AlreadyResolved unless the notice is still open."""
    if status != "open":
        raise AlreadyResolved(N_("This notice has already been resolved."))
