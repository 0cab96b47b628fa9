"""The network's target number of multidisciplinary environments and the progress towards it."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TARGET = 20


@dataclass(frozen=True)
class Progress:
    """Environments that have started (running, completed or evaluated) against the target; the multidisciplinary
    ones count towards it (shared/figures.py defines the rule once)."""

    target: int
    started: int
    multidisciplinary: int

    @property
    def remaining(self) -> int:
        return max(self.target - self.multidisciplinary, 0)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.multidisciplinary / self.target)) if self.target else 100

    def as_dict(self) -> dict:
        return {"target": self.target, "started": self.started, "multidisciplinary": self.multidisciplinary,
                "remaining": self.remaining, "percent": self.percent}


def parse_target(value) -> int:
    """A configured target (env var text or a number); the default when missing or not a positive number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_TARGET
    return number if number > 0 else DEFAULT_TARGET
