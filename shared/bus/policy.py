"""What becomes of an event a consumer could not apply: tried again later, dead-lettered or discarded.

Both transports ask the same questions here: the RabbitMQ consumer (shared/bus/consumer.py) and the
embedded mailbox worker (shared/bus/inprocess.py).
- A delivery refused on its face (forged, misrouted, malformed, invalid, unsubscribed) is never
  tried again: it is dead-lettered at once, except mail for another organisation, which is discarded.
- An event whose handler failed (its own content: poison, or a bug) is tried again after a back-off
  and dead-lettered on its `max_attempts`-th failure.
- A fault of the database or the broker is no event's failure (shared.db.is_transient): nothing is
  counted, and the batch is tried again after a `FaultPause` (the relay and the connections to the
  broker and the database wait the same way).
"""
from __future__ import annotations

from dataclasses import dataclass

from shared.events.registry import MisaddressedEvent

RETRY, DEAD_LETTER, DISCARD = "retry", "dead_letter", "discard"
FAILED = "failed"  # the reason of an event dead-lettered because its handler kept failing


@dataclass(frozen=True)
class Decision:
    """What to do with one delivery: `action` (RETRY, DEAD_LETTER or DISCARD), why, and when to try again."""

    action: str
    reason: str | None = None  # the refusal, or FAILED; None when retried
    delay: float = 0.0  # seconds before the next try (RETRY only)


@dataclass(frozen=True)
class RetryPolicy:
    """How many failures an event gets and how long it waits after each."""

    max_attempts: int
    delays: tuple[float, ...]

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not self.delays:
            raise ValueError("delays must name at least one back-off")

    @classmethod
    def of(cls, config) -> RetryPolicy:
        """The policy a service's settings give (MAX_DELIVERY_ATTEMPTS and the retry delays)."""
        return cls(config.max_delivery_attempts, tuple(config.retry_delays))

    def backoff(self, attempts: int) -> float:
        """The pause after the `attempts`-th failure: the delays in turn, then the last one again."""
        if attempts < 1:
            raise ValueError("attempts counts failures and starts at 1")
        return self.delays[min(attempts, len(self.delays)) - 1]

    def failure(self, attempts: int) -> Decision:
        """After the handler failed on the event for the `attempts`-th time (this failure counted)."""
        if attempts >= self.max_attempts:
            return Decision(DEAD_LETTER, FAILED)
        return Decision(RETRY, delay=self.backoff(attempts))

    @staticmethod
    def refusal(reason: str) -> Decision:
        """After a delivery was refused before any handler ran; `reason` names the check it failed."""
        return Decision(DISCARD if reason == MisaddressedEvent.reason else DEAD_LETTER, reason)


class FaultPause:
    """Growing pauses while the database or the broker fails: 0.2 s doubling up to 5 s, reset by a success."""

    def __init__(self, first: float = 0.2, longest: float = 5.0) -> None:
        self.first, self.longest = first, longest
        self.delay = 0.0

    def reset(self) -> None:
        self.delay = 0.0

    def next(self) -> float:
        self.delay = min(self.longest, self.delay * 2 if self.delay else self.first)
        return self.delay
