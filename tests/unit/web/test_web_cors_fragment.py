"""Matching's suggestions fragment read by intake's client card from an origin of its own (shared.web.cors): GET
with the login's cookie for the network's origins, exactly the header htmx sends, and intake's pages may connect."""
from __future__ import annotations

from flask import Flask

from services.matching.web.suggestions import client_suggestions
from shared.auth.policy import allow
from shared.metrics import metrics_for
from shared.web import cors, observability

INTAKE, MATCHING = "http://localhost:8001", "http://localhost:8002"
LINKS = {"portal": "http://localhost:8000/", "intake": INTAKE + "/", "matching": MATCHING + "/"}
FRAGMENT = "/clients/6f1c1f0e-0000-4000-8000-000000000001/suggestions"


def matching_like() -> Flask:
    """Matching's fragment as marked in services.matching.web.suggestions, answering a fixed list."""
    app = Flask("cors_fragment_test")
    app.config.update(TESTING=True, KAMPUS_LINKS=LINKS, KAMPUS_INTAKES={})
    marked_as = getattr(client_suggestions, cors.MARK)

    @allow("manager")
    def fragment(client_id):
        return "<ul><li>Kokoonpanija</li></ul>"

    setattr(fragment, cors.MARK, marked_as)
    app.add_url_rule("/clients/<uuid:client_id>/suggestions", "fragment", fragment, methods=["GET", "POST"])
    observability.register(app, metrics_for("cors_fragment_test"))
    cors.register(app)
    return app


def test_the_fragment_is_marked_with_exactly_the_header_htmx_sends():
    # htmx sends HX-Request and HX-Current-URL (HX-Trigger, HX-Target only for an element with an id, which the
    # card has not); kampus.js leaves the page's address out across origins.
    assert getattr(client_suggestions, cors.MARK) == ("HX-Request",)


def test_the_preflight_admits_get_and_hx_request_for_intake_only():
    client = matching_like().test_client()
    answer = client.options(FRAGMENT, headers={"Origin": INTAKE, "Access-Control-Request-Method": "GET",
                                               "Access-Control-Request-Headers": "hx-request"})
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == INTAKE
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"
    assert answer.headers["Access-Control-Allow-Methods"] == "GET"
    assert answer.headers["Access-Control-Allow-Headers"] == "HX-Request"
    assert "Origin" in answer.headers["Vary"]
    foreign = client.options(FRAGMENT, headers={"Origin": "https://evil.example",
                                                "Access-Control-Request-Method": "GET"})
    assert foreign.status_code == 204
    assert not any(key.startswith("Access-Control-") for key, _ in foreign.headers)


def test_the_fragment_answers_intake_with_the_login_and_a_foreign_origin_without():
    client = matching_like().test_client()
    mine = client.get(FRAGMENT, headers={"Origin": INTAKE, "HX-Request": "true"})
    assert mine.status_code == 200 and "Kokoonpanija" in mine.get_data(as_text=True)
    assert mine.headers["Access-Control-Allow-Origin"] == INTAKE
    assert mine.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Access-Control-Allow-Methods" not in mine.headers  # only a preflight names them
    for foreign in ("https://evil.example", "http://localhost:8003", "null", "*"):
        answer = client.get(FRAGMENT, headers={"Origin": foreign, "HX-Request": "true"})
        assert "Access-Control-Allow-Origin" not in answer.headers, foreign
        assert "Origin" in answer.headers["Vary"]
    posted = client.post(FRAGMENT, headers={"Origin": INTAKE})  # were a marked view to take a POST: not shared
    assert posted.status_code == 200 and "Access-Control-Allow-Origin" not in posted.headers


def test_intake_pages_may_connect_to_matching_and_the_portal_and_no_further():
    policy = observability.content_security_policy(
        [*LINKS.values(), "http://localhost:8004/"], [LINKS["portal"], LINKS["matching"]])
    assert "connect-src 'self' http://localhost:8000 http://localhost:8002" in policy
    connect = policy.split("connect-src", 1)[1]
    assert "8001" not in connect and "8004" not in connect and "*" not in connect


def test_the_intake_service_declares_what_its_pages_read():
    from services.intake import SERVICE as INTAKE_SERVICE
    from services.matching import SERVICE as MATCHING_SERVICE

    assert INTAKE_SERVICE.page_reads == ("matching",)
    assert MATCHING_SERVICE.page_reads == ()
