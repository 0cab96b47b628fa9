"""Who may speak for which organisation on the bus.

A message's sender is its AMQP `user_id`, which the broker validates against the connection's user
(only an operator with the `impersonator` tag may send another user's messages: dead letters it
replays). Nothing a member can write into a message, such as a header, ever names the sender.
"""
from __future__ import annotations


class ProvenanceError(ValueError):
    """An event whose source organisation does not belong to the AMQP user that sent it."""


def may_publish_for(user: str | None, organisation: str, trusted: tuple[str, ...] = ()) -> bool:
    """A user named `<org>` or `<org>.<anything>` speaks for `<org>`; trusted users for any."""
    if not user:
        return False
    if user in trusted:
        return True
    return user == organisation or user.startswith(organisation + ".")


def check(organisation: str, user: str | None, trusted: tuple[str, ...] = ()) -> None:
    """Raise ProvenanceError unless `user` may publish events of `organisation`."""
    if not user:
        raise ProvenanceError("the message has no user_id: the broker did not vouch for its sender")
    if not may_publish_for(user, organisation, trusted):
        raise ProvenanceError(f"AMQP user {user!r} may not publish for organisation {organisation!r}")
