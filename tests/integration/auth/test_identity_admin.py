"""External OpenID Connect tokens (RS256 + JWKS), password change, operator commands, production guards."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.test import Client

from services.cli import main as kampus
from services.portal import SERVICE as PORTAL
from shared.auth.tokens import InvalidToken, TokenSettings, Verifier
from shared.config import Config
from tests.support import network as net


@pytest.fixture
def jwks_server():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    public.update(kid="k1", use="sig", alg="RS256")
    body = json.dumps({"keys": [public]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield key, f"http://127.0.0.1:{server.server_port}/jwks"
    server.shutdown()


def external_token(key, **claims):
    now = int(time.time())
    base = {"iss": "https://idp.example", "aud": "kampus", "sub": "ext-1", "exp": now + 300, "iat": now,
            "groups": ["manager", "superuser"], "organisation": "samk"}
    base.update(claims)
    return jwt.encode(base, key, algorithm="RS256", headers={"kid": "k1"})


def test_rs256_tokens_from_an_external_provider_are_verified_with_its_jwks(jwks_server):
    key, url = jwks_server
    verifier = Verifier(TokenSettings(secret="unused", issuer="https://idp.example", jwks_url=url,
                                      roles_claim="groups", organisation_claim="organisation"))
    principal = verifier.verify(external_token(key))
    assert principal.organisation == "samk" and principal.roles == frozenset({"manager"})
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for bad in (external_token(key, iss="https://evil.example"), external_token(key, exp=int(time.time()) - 5),
                external_token(other_key)):
        with pytest.raises(InvalidToken):
            verifier.verify(bad)


def test_tokens_of_an_external_provider_are_not_checked_against_the_built_in_store(jwks_server, tmp_path):
    """With OIDC_JWKS_URL the provider alone knows its sessions: its users are not in the identity store,
    and its tokens hold until they expire (README: what revocation means there)."""
    from services.intake import SERVICE as INTAKE

    key, url = jwks_server
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'i.sqlite3'}", testing=True,
                    organisation="samk", jwt_issuer="https://idp.example", oidc_jwks_url=url,
                    oidc_roles_claim="groups", oidc_organisation_claim="organisation")
    app = INTAKE.create_app(config)
    try:
        api = app.test_client()
        headers = {"Authorization": f"Bearer {external_token(key)}", "Accept": "application/json"}
        assert api.get("/api/v1/clients", headers=headers).status_code == 200
        expired = {"Authorization": f"Bearer {external_token(key, exp=int(time.time()) - 5)}",
                   "Accept": "application/json"}
        assert api.get("/api/v1/clients", headers=expired).status_code == 401
    finally:
        app.extensions["kampus"].close()


def test_password_change_needs_the_current_password(tmp_path):
    network = net.build(tmp_path)
    try:
        client = Client(network.wsgi)
        token = net.token_for(network, "manager4")
        client.set_cookie("kampus_token", token)
        page = client.get("/account/password").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        wrong = client.post("/account/password", data={"csrf_token": csrf, "current": "nope",
                                                      "new": "a-long-new-password", "repeat": "a-long-new-password"})
        assert wrong.status_code == 422
        short = client.post("/account/password", data={"csrf_token": csrf, "current": "demo", "new": "short",
                                                       "repeat": "short"})
        assert short.status_code == 422
        ok = client.post("/account/password", data={"csrf_token": csrf, "current": "demo",
                                                    "new": "a-long-new-password", "repeat": "a-long-new-password"})
        assert ok.status_code == 200
        assert network.identity.authenticate("manager4", "a-long-new-password", "test") is not None
        assert network.identity.authenticate("manager4", "demo", "test") is None
    finally:
        network.shutdown()


def test_operator_commands_create_organisations_and_users_and_reset_passwords(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    runner = CliRunner()
    result = runner.invoke(kampus, ["orgs", "create", "lounais", "--name", "Lounais-Satakunnan opisto",
                                    "--kind", "educational_institution", "--member"])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(kampus, ["orgs", "create", "Bad Slug", "--name", "x", "--kind", "company"])
    assert bad.exit_code != 0 and "slug" in bad.output.lower()
    result = runner.invoke(kampus, ["users", "create", "maija", "--org", "lounais", "--roles", "manager",
                                    "--name", "Maija M"], input="pitkä-salasana-1\npitkä-salasana-1\n")
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output  # a manager's login is its own organisation's
    admin = runner.invoke(kampus, ["users", "create", "it-lounais", "--org", "lounais", "--roles", "manager, admin",
                                   "--name", "Lounais IT"], input="pitkä-salasana-1\npitkä-salasana-1\n")
    assert admin.exit_code == 0, admin.output
    assert ("note: an administrator manages the users of every organisation of the network (/admin/users), "
            "not only lounais's") in admin.stderr
    bad_role = runner.invoke(kampus, ["users", "create", "x", "--org", "lounais", "--roles", "boss", "--name", "X"],
                             input="pitkä-salasana-1\npitkä-salasana-1\n")
    assert bad_role.exit_code != 0 and "roles" in bad_role.output.lower()
    result = runner.invoke(kampus, ["users", "reset-password", "maija"], input="uusi-salasana-22\nuusi-salasana-22\n")
    assert result.exit_code == 0, result.output
    listing = runner.invoke(kampus, ["users", "list"]).output
    assert "maija" in listing and "pitkä" not in listing


def test_production_refuses_demo_users_and_default_secrets(tmp_path):
    url = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    network = net.build(tmp_path)  # seeds demo users into portal.sqlite3
    network.shutdown()
    production = Config(service="portal", database_url=url, environment="production", secret_key="s" * 40,
                        jwt_secret="j" * 40, extra={"allow_sqlite": True})
    with pytest.raises(RuntimeError, match="demo users"):
        PORTAL.create_app(production)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        PORTAL.create_app(Config(service="portal", database_url=url, environment="production"))


def test_the_admin_sees_organisations_and_users_without_secrets(tmp_path):
    network = net.build(tmp_path)
    try:
        admin = net.client_as(network, "admin")
        page = admin.get("/admin/users", headers={"Accept": "text/html"})
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "manager1" in text and "Konepaja Virtanen Oy (demo)" in text and "argon2" not in text
        assert net.client_as(network, "manager1").get("/admin/users").status_code == 403
    finally:
        network.shutdown()
