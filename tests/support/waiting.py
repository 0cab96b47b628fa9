"""Waiting for a condition in tests (not a timing assertion: the deadline only bounds a hang)."""
from __future__ import annotations

import time
from collections.abc import Callable


def eventually(condition: Callable[[], bool], timeout: float = 30.0, interval: float = 0.05,
               message: str = "condition not met", state: Callable[[], object] | None = None) -> None:
    """Wait until `condition()` holds; on timeout fail naming `message` and, if given, what `state()` shows then."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            seen = f"; seen: {state()!r}" if state is not None else ""
            raise AssertionError(f"{message} within {timeout}s{seen}")
        time.sleep(interval)
