"""The referral loop: legal moves by side, stale news from the other instance, the reference code."""
from __future__ import annotations

import re

import pytest

from services.intake.domain.referrals import (
    IllegalTransition,
    applies,
    new_reference,
    next_status,
    normalise_reference,
    side_of,
)


@pytest.mark.parametrize("current, action, side, result", [
    ("sent", "accept", "receiver", "accepted"),
    ("sent", "decline", "receiver", "declined"),
    ("accepted", "complete", "receiver", "completed"),
    ("sent", "cancel", "sender", "cancelled"),
    ("accepted", "cancel", "sender", "cancelled"),
])
def test_legal_moves(current, action, side, result):
    assert next_status(current, action, side) == result


@pytest.mark.parametrize("current, action, side", [
    ("sent", "accept", "sender"),          # only the receiver accepts
    ("sent", "complete", "receiver"),      # accept first
    ("accepted", "accept", "receiver"),    # twice
    ("accepted", "decline", "receiver"),   # declining is for a referral not yet accepted
    ("sent", "cancel", "receiver"),        # only the sender cancels
    ("completed", "cancel", "sender"),     # closed
    ("declined", "accept", "receiver"),    # closed
    ("cancelled", "accept", "receiver"),   # closed
    ("sent", "merge", "receiver"),         # no such action
])
def test_illegal_moves(current, action, side):
    with pytest.raises(IllegalTransition):
        next_status(current, action, side)


def test_sides():
    assert side_of("samk", "sataedu", "samk") == "receiver"
    assert side_of("sataedu", "sataedu", "samk") == "sender"
    assert side_of("winnova", "sataedu", "samk") is None


def test_news_from_the_other_instance_applies_only_when_it_moves_the_referral_forward():
    assert applies("sent", "accepted", "receiver") and applies("accepted", "completed", "receiver")
    assert applies("sent", "cancelled", "sender")
    assert not applies("accepted", "accepted", "receiver")  # our own move coming back
    assert not applies("completed", "accepted", "receiver")  # stale
    assert not applies("sent", "accepted", "sender")  # the sender cannot accept for the receiver
    assert not applies("sent", "accepted", None)  # a third organisation has no say


def test_references_are_short_unambiguous_and_random():
    codes = {new_reference() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[A-Z3-9]{4}-[A-Z3-9]{4}", c) for c in codes)
    assert not any(ch in code for code in codes for ch in "01OIZ2G")


def test_a_reference_as_typed_is_normalised():
    assert normalise_reference(" k7pm 4qxa ") == "K7PM-4QXA"
    assert normalise_reference("K7PM-4QXA") == "K7PM-4QXA"
