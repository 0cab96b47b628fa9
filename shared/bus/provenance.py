"""Who may speak for which organisation on the bus."""
from __future__ import annotations


class ProvenanceError(ValueError):
    """An event whose source organisation does not belong to the AMQP user that sent it."""


def sender_of(user_id: str | None, headers: dict | None, own_user: str) -> str | None:
    """The AMQP user that originally published a message.

    Messages that this service moved to its retry or dead-letter queue carry its own user id,
    validated by the broker, and the original sender in a header written at first receipt.
    """
    from shared.bus.topology import ORIGINAL_USER_HEADER

    if user_id and user_id == own_user and headers and headers.get(ORIGINAL_USER_HEADER):
        original = headers[ORIGINAL_USER_HEADER]
        return original.decode() if isinstance(original, bytes) else str(original)
    return user_id


def may_publish_for(user: str | None, organisation: str, trusted: tuple[str, ...] = ()) -> bool:
    """A user named `<org>` or `<org>.<anything>` speaks for `<org>`; trusted users for any."""
    if not user:
        return False
    if user in trusted:
        return True
    return user == organisation or user.startswith(organisation + ".")


def check(organisation: str, user: str | None, trusted: tuple[str, ...] = ()) -> None:
    """Raise ProvenanceError unless `user` may publish events of `organisation`."""
    if not may_publish_for(user, organisation, trusted):
        raise ProvenanceError(f"AMQP user {user!r} may not publish for organisation {organisation!r}")
