"""The portal's notification counter read from another service's page (shared.web.cors): the network's own origins
get the answer with the login's cookie, any other origin gets no CORS header, and never `*`."""
from __future__ import annotations

from flask import Flask, request

from shared.auth.policy import allow
from shared.metrics import metrics_for
from shared.web import cors, observability

INTAKE = "http://localhost:8001"
LINKS = {"portal": "http://localhost:8000/", "intake": "http://localhost:8000/intake/",
         "reporting": "https://kampus.example/reporting/"}


def portal_like() -> Flask:
    """A portal's counter behind a login (a cookie stands for it): marked views answer the network, others none."""
    app = Flask("cors_test")
    app.config.update(TESTING=True, KAMPUS_LINKS=LINKS, KAMPUS_INTAKES={"sataedu": INTAKE + "/"})

    @allow()
    @cors.shared_with_network("Last-Event-ID")
    def unread():
        return {"unread": 3}

    app.add_url_rule("/notifications/unread", "unread", unread)
    app.add_url_rule("/notifications", "page", lambda: "the page")
    observability.register(app, metrics_for("cors_test"))
    cors.register(app)

    @app.before_request
    def _login_needed():  # as shared.auth.web's guard: no login, no answer
        if "kampus_token" not in request.cookies:
            return {"error": "Sign in first"}, 401
        return None

    return app


def read(app: Flask, origin: str, path: str = "/notifications/unread"):
    client = app.test_client()
    client.set_cookie("kampus_token", "t", domain="localhost")
    return client.get(path, headers={"Origin": origin})


def test_a_network_service_reads_the_counter_with_the_login():
    answer = read(portal_like(), INTAKE)
    assert answer.status_code == 200 and answer.get_json() == {"unread": 3}
    assert answer.headers["Access-Control-Allow-Origin"] == INTAKE
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in answer.headers["Vary"]


def test_every_origin_of_the_network_and_only_those():
    app = portal_like()
    assert cors.allowed_origins(app) == {"http://localhost:8000", INTAKE, "https://kampus.example"}
    assert read(app, "https://kampus.example").headers["Access-Control-Allow-Origin"] == "https://kampus.example"
    for foreign in ("https://evil.example", "http://localhost:8002", "https://kampus.example.evil.example", "null",
                    "http://localhost:8001/"):
        answer = read(app, foreign)
        assert "Access-Control-Allow-Origin" not in answer.headers, foreign
        assert "Access-Control-Allow-Credentials" not in answer.headers, foreign
        assert "Origin" in answer.headers["Vary"]  # a cache keeps the foreign answer apart


def test_an_unmarked_page_is_not_shared():
    answer = read(portal_like(), INTAKE, "/notifications")
    assert answer.status_code == 200
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_a_refused_read_still_says_so_to_the_network_page():
    """Without a login the page's script learns 401 (CORS headers on it), not a network error."""
    answer = portal_like().test_client().get("/notifications/unread", headers={"Origin": INTAKE})
    assert answer.status_code == 401
    assert answer.headers["Access-Control-Allow-Origin"] == INTAKE


def test_the_preflight_of_a_reconnecting_stream_needs_no_login():
    client = portal_like().test_client()
    answer = client.options("/notifications/unread", headers={
        "Origin": INTAKE, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "last-event-id"})
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == INTAKE
    assert answer.headers["Access-Control-Allow-Methods"] == "GET"
    assert answer.headers["Access-Control-Allow-Headers"] == "Last-Event-ID"
    foreign = client.options("/notifications/unread", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_one_origin_shares_nothing():
    app = Flask("cors_one_origin")
    app.config.update(TESTING=True, KAMPUS_LINKS={"portal": "/", "intake": "/intake/"}, KAMPUS_INTAKES={})
    assert cors.allowed_origins(app) == frozenset()
