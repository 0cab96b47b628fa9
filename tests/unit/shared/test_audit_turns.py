"""The threads of one process append together (shared.audit.store._Turns): entries that come while a statement is
on its way go in the next statement, all of them; nobody returns before their own entries were sent."""
from __future__ import annotations

import threading
import time

import pytest

from shared.audit.store import _Turns


def until(condition) -> None:
    """Wait for another thread to get somewhere (polling; fails after 10 s rather than hanging)."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the other thread never got there"
        time.sleep(0.001)


class Sender:
    """Records each statement's fragments; the first statement waits until released (it is 'on its way')."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.sent: list[list[str]] = []
        self.entered, self.release = threading.Event(), threading.Event()
        self.fail_on = fail_on

    def __call__(self, fragments: list[str]) -> None:
        if not self.sent:
            self.entered.set()
            self.release.wait()
        self.sent.append(list(fragments))
        if len(self.sent) == self.fail_on:
            raise ConnectionError("the store went away")


def start(turns: _Turns, send: Sender, fragments: list[str], returned: dict) -> threading.Thread:
    def take() -> None:
        try:
            turns.take(fragments, send)
            # returning means sent: the fragments are in a statement that has been made
            returned[tuple(fragments)] = any(fragments == s[i:i + len(fragments)] for s in send.sent
                                             for i in range(len(s)))
        except Exception as exc:  # noqa: BLE001 (what the caller would see)
            returned[tuple(fragments)] = exc
    thread = threading.Thread(target=take)
    thread.start()
    return thread


def test_entries_that_come_while_a_statement_is_on_its_way_go_together_in_the_next():
    turns, send, returned = _Turns(), Sender(), {}
    first = start(turns, send, ["a"], returned)
    send.entered.wait()
    second = start(turns, send, ["b"], returned)
    until(lambda: len(turns._waiting) == 1)
    third = start(turns, send, ["c1", "c2"], returned)
    until(lambda: len(turns._waiting) == 2)
    assert send.sent == [] and returned == {}  # nobody returns before their statement
    send.release.set()
    for thread in (first, second, third):
        thread.join()
    assert send.sent == [["a"], ["b", "c1", "c2"]]
    assert returned == {("a",): True, ("b",): True, ("c1", "c2"): True}
    turns.take(["d"], send)  # alone: sent at once, alone
    assert send.sent[-1] == ["d"]


def test_when_a_statement_fails_every_caller_whose_entries_it_carried_raises_and_the_next_ones_go_on():
    turns, send, returned = _Turns(), Sender(fail_on=2), {}
    first = start(turns, send, ["a"], returned)
    send.entered.wait()
    second = start(turns, send, ["b"], returned)
    until(lambda: len(turns._waiting) == 1)
    third = start(turns, send, ["c"], returned)
    until(lambda: len(turns._waiting) == 2)
    send.release.set()
    for thread in (first, second, third):
        thread.join()
    assert returned[("a",)] is True
    failed = [returned[("b",)], returned[("c",)]]
    assert sorted(type(e).__name__ for e in failed) == ["ConnectionError", "RuntimeError"]  # sender, the other
    follower = next(e for e in failed if isinstance(e, RuntimeError))
    assert isinstance(follower.__cause__, ConnectionError)
    turns.take(["d"], send)
    assert send.sent == [["a"], ["b", "c"], ["d"]]


def test_a_lone_caller_raises_what_its_statement_raised():
    send = Sender(fail_on=1)
    send.release.set()
    with pytest.raises(ConnectionError):
        _Turns().take(["a"], send)
