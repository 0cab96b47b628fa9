"""Fixtures shared by the auth tests."""
from __future__ import annotations

import pytest

from shared.auth.keys import jwks, new_signing_key
from tests.integration.auth.test_issuer_keys import NETWORK_YAML, SAMK_ISSUER, SATAEDU_ISSUER, JwksServer


@pytest.fixture(scope="module")
def issuers(tmp_path_factory):
    """Two organisations' own issuers (SAMK and Sataedu), their keys published over real HTTP, and a network file
    that trusts each for its organisation: (server, keys by organisation, the file's path)."""
    server = JwksServer()
    keys = {"samk": new_signing_key(), "sataedu": new_signing_key()}
    server.documents["/samk/jwks.json"] = jwks([keys["samk"]])
    server.documents["/sataedu/jwks.json"] = jwks([keys["sataedu"]])
    path = tmp_path_factory.mktemp("issuers") / "network.yaml"
    path.write_text(NETWORK_YAML.format(url=server.url, samk=SAMK_ISSUER, sataedu=SATAEDU_ISSUER))
    yield server, keys, str(path)
    server.close()
