"""A conversation's rules: who its parties are, and what a message may be."""
from __future__ import annotations

import pytest

from services.intake.domain.conversations import MAX_LENGTH, Parties, message_body
from shared.errors import Invalid

PARTIES = Parties(manager_organisations=("sataedu", "samk"), client_ids=("c-1",), partner_organisations=("kone",))


@pytest.mark.parametrize("roles, organisation, client_id, included", [
    ({"manager"}, "sataedu", None, True),
    ({"manager"}, "samk", None, True),
    ({"manager"}, "winnova", None, False),
    ({"student"}, "sataedu", "c-1", True),
    ({"student"}, "sataedu", "c-2", False),
    ({"student"}, "sataedu", None, False),
    ({"partner"}, "kone", None, True),
    ({"partner"}, "sataedu", None, False),  # a partner user of no party organisation
    ({"coordinator"}, "sataedu", None, False),
    ({"admin"}, "samk", None, False),
])
def test_only_the_parties_take_part(roles, organisation, client_id, included):
    assert PARTIES.includes(frozenset(roles), organisation, client_id) is included


def test_a_message_is_trimmed_plain_text_of_bounded_length():
    assert message_body("  Hei!\r\nHuomenna.  ") == "Hei!\nHuomenna."
    assert message_body("x" * MAX_LENGTH) == "x" * MAX_LENGTH
    for bad in ("", "  \n ", "x" * (MAX_LENGTH + 1), "kello\x07", None, 3):
        with pytest.raises(Invalid) as refused:
            message_body(bad)
        assert list(refused.value.fields) == ["body"]
