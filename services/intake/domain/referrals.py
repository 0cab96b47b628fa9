"""Referrals as a closed loop: the states, who may move them, and the reference the client shows.

A sender refers a client to another organisation's service; the receiver accepts, declines or
completes it; the sender may cancel it while it is still under way. Both see the same state.
"""
from __future__ import annotations

import secrets

from services.intake.domain import N_

STATUSES = ("sent", "accepted", "declined", "completed", "cancelled")
FINAL = frozenset({"declined", "completed", "cancelled"})
ACTIONS = {"accept": "accepted", "decline": "declined", "complete": "completed", "cancel": "cancelled"}
# (from status, to status) -> the side that may make the move
MOVES = {
    ("sent", "accepted"): "receiver",
    ("sent", "declined"): "receiver",
    ("accepted", "completed"): "receiver",
    ("sent", "cancelled"): "sender",
    ("accepted", "cancelled"): "sender",
}
REFERENCE_ALPHABET = "ABCDEFHJKLMNPRSTUVWXY3456789"  # no look-alikes such as 0/O, 1/I, 2/Z, G/6


class IllegalTransition(Exception):
    """A move the referral's state or the actor's side does not allow."""


def side_of(organisation: str, sender: str, receiver: str) -> str | None:
    """Whether an organisation is the sender or the receiver of a referral (None: neither)."""
    if organisation == receiver:
        return "receiver"
    if organisation == sender:
        return "sender"
    return None


def next_status(current: str, action: str, side: str) -> str:
    """The status after `action` by `side`, or IllegalTransition."""
    target = ACTIONS.get(action)
    if target is None:
        raise IllegalTransition(N_("Unknown action."))
    if current in FINAL:
        raise IllegalTransition(N_("The referral is already closed."))
    allowed = MOVES.get((current, target))
    if allowed is None:
        raise IllegalTransition(N_("The referral cannot move to that state now."))
    if allowed != side:
        raise IllegalTransition(N_("Only the other organisation can do that."))
    return target


def applies(current: str, incoming: str, side: str | None) -> bool:
    """Whether the other instance's news moves our copy forward: a move that side may make (not stale, not ours)."""
    return side is not None and MOVES.get((current, incoming)) == side


def new_reference() -> str:
    """A short code like "K7PM-4QXA" the client shows the receiver: random, no personal data."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_reference(text: str) -> str:
    """A reference as typed ("k7pm 4qxa") in its canonical form ("K7PM-4QXA")."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == 8 else chars
