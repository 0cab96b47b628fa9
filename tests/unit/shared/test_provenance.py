"""Who may speak for which organisation."""
from __future__ import annotations

import pytest

from shared.bus import provenance


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


def test_a_message_without_a_user_id_speaks_for_nobody():
    with pytest.raises(provenance.ProvenanceError, match="no user_id"):
        provenance.check("sataedu", None)
    with pytest.raises(provenance.ProvenanceError, match="no user_id"):
        provenance.check("sataedu", "", trusted=("",))
