"""One login for the whole network: tokens, rejection of bad ones, CSRF, rate limits."""
from __future__ import annotations

import time

import jwt
import pytest
from werkzeug.test import Client

from shared.auth.principal import Principal
from shared.auth.tokens import InvalidToken, TokenSettings, Verifier, issue
from tests.support import network as net


@pytest.fixture
def network(tmp_path):
    network = net.build(tmp_path)
    yield network
    network.shutdown()


def test_token_flow_over_http(network):
    client = Client(network.wsgi)
    response = client.post("/auth/token", json={"username": "manager1", "password": "demo"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["org"] == "sataedu" and claims["roles"] == ["manager"] and claims["iss"] == "kampus"
    me = client.get("/", headers={"Authorization": f"Bearer {body['access_token']}", "Accept": "application/json"})
    assert me.status_code == 200


@pytest.mark.parametrize("payload,status,field", [
    ({"username": "manager1"}, 422, "password"),
    ({"password": "demo"}, 422, "username"),
    ({"username": "manager1", "password": "wrong"}, 401, None),
])
def test_token_endpoint_refuses_bad_input(network, payload, status, field):
    response = Client(network.wsgi).post("/auth/token", json=payload)
    assert response.status_code == status
    error = response.get_json()["error"]
    if field:
        assert field in error["fields"]


def test_token_endpoint_takes_only_json(network):
    response = Client(network.wsgi).post("/auth/token", data={"username": "manager1", "password": "demo"})
    assert response.status_code == 415


def test_failed_logins_are_rate_limited(network):
    client = Client(network.wsgi)
    for _ in range(5):
        assert client.post("/auth/token", json={"username": "manager2", "password": "nope"}).status_code == 401
    limited = client.post("/auth/token", json={"username": "manager2", "password": "demo"})
    assert limited.status_code == 429
    # Another user from the same address is not locked out.
    assert client.post("/auth/token", json={"username": "manager3", "password": "demo"}).status_code == 200


def settings(**kw):
    return TokenSettings(secret="s" * 40, **kw)


def test_expired_tampered_and_wrong_issuer_tokens_are_rejected():
    verifier = Verifier(settings())
    principal = Principal(user_id="u1", username="m", organisation="samk", roles=frozenset({"manager"}))
    good = issue(settings(), principal, generation=1)
    assert verifier.verify(good).organisation == "samk"
    expired = issue(settings(), principal, generation=1, lifetime=-10)
    header, payload, signature = good.split(".")
    tampered_payload = jwt.utils.base64url_encode(
        jwt.utils.base64url_decode(payload).replace(b'"samk"', b'"sataedu"')).decode()
    tampered = ".".join([header, tampered_payload, signature])
    wrong_issuer = issue(settings(issuer="someone-else"), principal, generation=1)
    wrong_key = issue(TokenSettings(secret="x" * 40), principal, generation=1)
    none_alg = jwt.encode({"sub": "u1", "iss": "kampus", "aud": "kampus", "exp": int(time.time()) + 60},
                          key=None, algorithm="none")
    for token in (expired, tampered, wrong_issuer, wrong_key, none_alg, "garbage"):
        with pytest.raises(InvalidToken):
            verifier.verify(token)


def test_services_reject_bad_tokens_with_401(network):
    client = Client(network.wsgi)
    bad = issue(net.configs.__globals__["Config"](service="x", database_url="sqlite://",
                                                   jwt_secret="y" * 40).token_settings,
                Principal(user_id="u", roles=frozenset({"manager"})), generation=1)
    for path in ("/intake/api/v1/clients", "/"):
        response = client.get(path, headers={"Authorization": f"Bearer {bad}", "Accept": "application/json"})
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_form_posts_without_csrf_token_are_rejected(network):
    client = Client(network.wsgi)
    response = client.post("/login", data={"username": "manager1", "password": "demo"})
    assert response.status_code == 400
    assert client.get_cookie("kampus_token") is None


def test_login_form_sets_the_network_cookie_and_logout_clears_it(network):
    import re

    client = Client(network.wsgi)
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"username": "manager1", "password": "demo", "csrf_token": csrf,
                                           "next": "//evil.example/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = client.get_cookie("kampus_token")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert client.get("/").status_code == 200
    logout_page = client.get("/logout").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', logout_page).group(1)
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
    assert client.get_cookie("kampus_token") is None
    finnish = {"Accept-Language": "fi"}
    assert "Olet kirjautunut ulos." in client.get("/login", headers=finnish).get_data(as_text=True)
    assert "Olet kirjautunut ulos." not in client.get("/login", headers=finnish).get_data(as_text=True)  # said once
    assert client.get("/").status_code == 302
