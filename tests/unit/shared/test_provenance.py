"""Who may speak for which organisation."""
from __future__ import annotations

import pytest

from shared.bus import provenance
from shared.bus.topology import ORIGINAL_USER_HEADER


@pytest.mark.parametrize("user,org,ok", [
    ("sataedu", "sataedu", True),
    ("sataedu.intake", "sataedu", True),
    ("sataedu-evil", "sataedu", False),
    ("samk.intake", "sataedu", False),
    (None, "sataedu", False),
    ("", "sataedu", False),
])
def test_user_speaks_only_for_its_organisation(user, org, ok):
    assert provenance.may_publish_for(user, org) is ok


def test_trusted_users_speak_for_any_organisation():
    assert provenance.may_publish_for("kampus-network", "samk", trusted=("kampus-network",))
    with pytest.raises(provenance.ProvenanceError):
        provenance.check("samk", "sataedu.intake", trusted=("kampus-network",))


def test_original_sender_header_is_trusted_only_on_own_republished_messages():
    headers = {ORIGINAL_USER_HEADER: b"samk.intake"}
    assert provenance.sender_of("verkosto.reporting", headers, own_user="verkosto.reporting") == "samk.intake"
    # Someone else cannot claim to be another sender by setting the header.
    assert provenance.sender_of("evil", headers, own_user="verkosto.reporting") == "evil"
