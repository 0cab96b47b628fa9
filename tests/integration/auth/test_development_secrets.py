"""Nobody can sign in to a network left on defaults with the development secret that used to be public."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from services.intake import SERVICE as INTAKE
from services.portal.handlers.identity import access_token
from shared.auth.tokens import TokenSettings
from shared.config import Config
from tests.support import network as net

PUBLISHED_JWT_SECRET = "dev-jwt-secret-change-me-0123456789"  # the former default, in the repository's history


def test_a_token_signed_with_the_published_development_secret_is_refused(tmp_path):
    network = net.build(tmp_path)  # every setting at its default
    try:
        admin = network.identity.get("admin")
        forged = access_token(TokenSettings(secret=PUBLISHED_JWT_SECRET), admin)
        client = Client(network.wsgi)
        for path in ("/", "/intake/api/v1/clients", "/reporting/api/v1/indicators"):
            response = client.get(path, headers={"Authorization": f"Bearer {forged}", "Accept": "application/json"})
            assert response.status_code == 401, path
        genuine = net.token_for(network, "admin")
        assert client.get("/", headers={"Authorization": f"Bearer {genuine}",
                                        "Accept": "application/json"}).status_code == 200
    finally:
        network.shutdown()


def test_a_service_refuses_to_start_with_a_published_secret_in_development(tmp_path):
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'i.sqlite3'}", testing=True,
                    jwt_secret=PUBLISHED_JWT_SECRET)
    with pytest.raises(RuntimeError, match="JWT_SECRET is a published value"):
        INTAKE.create_app(config)
