"""A form's answer may send the browser to another service of the network (the login to a manager's own intake on
another host or port): the Content-Security-Policy's `form-action` admits the network's origins and nothing more."""
from __future__ import annotations

from flask import Flask

from shared.metrics import metrics_for
from shared.web import observability


def app_with(links: dict[str, str], intakes: dict[str, str]) -> Flask:
    app = Flask("csp_test")
    app.config.update(TESTING=True, KAMPUS_LINKS=links, KAMPUS_INTAKES=intakes)
    app.add_url_rule("/login", "login", lambda: "ok", methods=["POST"])
    observability.register(app, metrics_for("csp_test"))
    return app


def form_action(app: Flask) -> list[str]:
    policy = app.test_client().post("/login").headers["Content-Security-Policy"]
    (directive,) = [d.strip() for d in policy.split(";") if d.strip().startswith("form-action")]
    return directive.split()[1:]


def test_a_network_on_several_origins_lets_a_login_lead_to_a_members_intake():
    app = app_with({"portal": "http://localhost:8000/", "intake": "http://localhost:8000/intake/",
                    "matching": "https://kampus.example/matching/"},
                   {"sataedu": "http://localhost:8001/", "samk": "https://samk.example:8443/intake/"})
    assert form_action(app) == ["'self'", "http://localhost:8000", "http://localhost:8001",
                                "https://kampus.example", "https://samk.example:8443"]


def test_one_host_with_prefixes_keeps_forms_to_the_site_itself():
    app = app_with({"portal": "/", "intake": "/intake/", "matching": "/matching/"}, {})
    assert form_action(app) == ["'self'"]


def test_only_web_addresses_count_as_origins():
    assert observability.network_origins(["javascript:alert(1)", "/intake/", "", "https://a.example/x",
                                          "http://user:secret@b.example:8080/intake/"]) == [
        "http://b.example:8080", "https://a.example"]


def connect_src(app: Flask) -> list[str]:
    policy = app.test_client().post("/login").headers["Content-Security-Policy"]
    (directive,) = [d.strip() for d in policy.split(";") if d.strip().startswith("connect-src")]
    return directive.split()[1:]


def test_a_page_may_ask_the_portal_on_its_own_origin_for_the_counter_and_no_other_service():
    app = app_with({"portal": "https://kampus.example:8443/", "intake": "http://localhost:8001/"},
                   {"samk": "https://samk.example/intake/"})
    assert connect_src(app) == ["'self'", "https://kampus.example:8443"]


def test_one_host_with_prefixes_connects_to_itself_only():
    policy = app_with({"portal": "/", "intake": "/intake/"}, {}).test_client().post("/login").headers[
        "Content-Security-Policy"]
    assert "connect-src" not in policy  # default-src 'self' holds
