"""Answers with personal data are never cached; HTTPS_ONLY gives Secure cookies and HSTS, also behind a
TLS-terminating proxy; Prometheus metrics are not public in production."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from shared.config import Config
from shared.embedded import definition
from tests.support import network as net

HSTS = "Strict-Transport-Security"


network = net.module_network("headers")


def test_pages_and_api_answers_are_not_stored_by_browsers_or_proxies(network):
    manager = net.client_as(network, "manager1")
    created = manager.post("/intake/api/v1/clients", json={
        "first_name": "Veera", "last_name": "Lahtinen", "birth_date": "2003-02-01", "home_municipality": "050",
        "consents": {"service": True}})
    assert created.status_code == 201
    client_id = created.get_json()["id"]
    answers = {
        "API record": manager.get(f"/intake/api/v1/clients/{client_id}"),
        "API list": manager.get("/intake/api/v1/clients"),
        "page": manager.get(f"/intake/clients/{client_id}", headers={"Accept": "text/html"}),
        "front page": manager.get("/", headers={"Accept": "text/html"}),
        "refusal": Client(network.wsgi).get("/intake/api/v1/clients", headers={"Accept": "application/json"}),
        "login page": Client(network.wsgi).get("/login"),
    }
    assert {name: r.headers.get("Cache-Control") for name, r in answers.items()} == {
        name: "no-store" for name in answers}
    assert answers["page"].status_code == 200 and "Veera" in answers["page"].get_data(as_text=True)
    style = Client(network.wsgi).get("/static/kampus/kampus.css")
    assert style.status_code == 200 and "no-store" not in (style.headers.get("Cache-Control") or "")


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def cookies_of_a_login(network) -> dict[str, bool]:
    """Each cookie a login sets, and whether it is Secure (the browser talks plain HTTP to the app)."""
    client = Client(network.wsgi)
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "manager1", "password": "demo", "csrf_token": csrf_of(page)})
    client.get("/intake/clients", headers={"Accept": "text/html"})
    client.post("/language", data={"lang": "sv", "next": "/", "csrf_token": csrf_of(
        client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True))})
    names = ("kampus_token", "kampus_portal_session", "kampus_intake_session", "kampus_lang")
    found = {name: client.get_cookie(name) for name in names}
    assert None not in found.values(), found
    return {name: cookie.secure for name, cookie in found.items()}


def test_https_only_marks_cookies_secure_and_sends_hsts_behind_a_tls_terminating_proxy(tmp_path):
    network = net.build(tmp_path, https_only=True)
    try:
        cookies = cookies_of_a_login(network)
        assert all(cookies.values()), cookies
        plain_http = Client(network.wsgi)
        for path in ("/login", "/intake/healthz", "/reporting/api/v1/open-data"):
            assert plain_http.get(path).headers[HSTS] == "max-age=31536000; includeSubDomains", path
    finally:
        network.shutdown()


def test_without_https_only_cookies_are_plain_and_hsts_comes_only_over_https(network):
    cookies = cookies_of_a_login(network)
    assert not any(cookies.values()), cookies
    assert HSTS not in Client(network.wsgi).get("/login").headers
    assert HSTS in Client(network.wsgi).get("/login", base_url="https://localhost/").headers


def test_behind_trusted_proxies_the_forwarded_scheme_counts(tmp_path):
    config = Config(service="reporting", database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", testing=True,
                    portal_internal_url="http://portal/").with_(proxy_hops=1)
    app = definition("reporting").create_app(config)
    try:
        client = app.test_client()
        assert HSTS in client.get("/healthz", headers={"X-Forwarded-Proto": "https"}).headers
        assert HSTS not in client.get("/healthz").headers
    finally:
        app.extensions["kampus"].close()


@pytest.mark.parametrize("environ,expected", [
    ({"KAMPUS_ENV": "production"}, True), ({"KAMPUS_ENV": "production", "HTTPS_ONLY": "0"}, False),
    ({}, False), ({"HTTPS_ONLY": "1"}, True),
])
def test_https_only_is_on_by_default_in_production(monkeypatch, tmp_path, environ, expected):
    for name in ("KAMPUS_ENV", "HTTPS_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path))
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert Config.from_env("intake").https_only is expected


def production_app(tmp_path, **settings):
    config = Config(service="reporting", database_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", testing=True,
                    environment="production", secret_key="s" * 40, jwt_secret="j" * 40,
                    portal_internal_url="http://portal/", **settings).with_(allow_sqlite=True)
    return definition("reporting").create_app(config)


def test_metrics_are_not_public_in_production(tmp_path):
    app = production_app(tmp_path)
    try:
        closed = app.test_client().get("/metrics")
        assert closed.status_code == 404 and "http_requests_total" not in closed.get_data(as_text=True)
    finally:
        app.extensions["kampus"].close()


def test_metrics_token_lets_prometheus_in_and_nobody_else(tmp_path):
    app = production_app(tmp_path, metrics_token="m" * 40)
    try:
        client = app.test_client()
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer " + "x" * 40}).status_code == 401
        allowed = client.get("/metrics", headers={"Authorization": "Bearer " + "m" * 40})
        assert allowed.status_code == 200 and "http_requests_total" in allowed.get_data(as_text=True)
    finally:
        app.extensions["kampus"].close()


def test_metrics_stay_open_in_development(tmp_path):
    app = definition("reporting").create_app(Config(service="reporting", testing=True,
                                                    database_url=f"sqlite:///{tmp_path / 'd.sqlite3'}"))
    try:
        assert app.test_client().get("/metrics").status_code == 200
    finally:
        app.extensions["kampus"].close()
