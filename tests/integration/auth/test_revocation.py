"""A token stops working when its user logs out, gets a new password or is deactivated, and a token of a user
who does not exist never works: in the portal and in every service, embedded or deployed apart."""
from __future__ import annotations

import re
import socket
import threading
import uuid

import pytest
from click.testing import CliRunner
from werkzeug.serving import make_server
from werkzeug.test import Client

from services.cli import main as kampus
from services.intake import SERVICE as INTAKE
from shared.auth.principal import Principal
from shared.auth.revocation import PortalCheck
from shared.auth.tokens import issue
from shared.config import Config
from tests.support import network as net

JSON = {"Accept": "application/json"}
# A protected API of each part of the network that a service manager may read.
READS = ("/", "/intake/api/v1/clients", "/matching/api/v1/suggestions", "/environments/api/v1/environments",
         "/reporting/api/v1/indicators")


# One network for the module: each test withdraws the tokens of demo users no other test here needs.
network = net.module_network("revocation")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", **JSON}


def answers(network, token: str, paths=READS) -> dict[str, int]:
    client = Client(network.wsgi)
    return {path: client.get(path, headers=bearer(token)).status_code for path in paths}


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def log_in(client: Client, username: str, password: str = "demo") -> None:
    csrf = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": csrf})
    assert response.status_code == 302, response.get_data(as_text=True)


def api_token(network, username: str, password: str = "demo") -> str:
    response = Client(network.wsgi).post("/auth/token", json={"username": username, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["access_token"]


def test_logout_withdraws_every_token_of_the_user_in_every_service(network):
    browser = Client(network.wsgi)
    log_in(browser, "manager1")
    cookie = browser.get_cookie("kampus_token").value
    other_device = api_token(network, "manager1")
    colleague = api_token(network, "manager2")
    assert set(answers(network, cookie).values()) == {200}
    assert set(answers(network, other_device).values()) == {200}

    csrf = csrf_of(browser.get("/logout").get_data(as_text=True))
    assert browser.post("/logout", data={"csrf_token": csrf}).status_code == 302

    assert answers(network, cookie) == {path: 401 for path in READS}
    assert answers(network, other_device) == {path: 401 for path in READS}
    assert set(answers(network, colleague).values()) == {200}, "another user stays signed in"
    # The stolen cookie, sent as a cookie to a page, is dropped and the browser sent to the login.
    thief = Client(network.wsgi)
    thief.set_cookie("kampus_token", cookie)
    page = thief.get("/intake/clients", headers={"Accept": "text/html"})
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    log_in(browser, "manager1")
    assert set(answers(network, browser.get_cookie("kampus_token").value).values()) == {200}


def test_a_new_password_withdraws_earlier_tokens_and_this_browser_stays_signed_in(network):
    browser = Client(network.wsgi)
    log_in(browser, "manager4")
    elsewhere = api_token(network, "manager4")
    csrf = csrf_of(browser.get("/account/password").get_data(as_text=True))
    changed = browser.post("/account/password", data={"csrf_token": csrf, "current": "demo",
                                                      "new": "uusi-pitkä-salasana", "repeat": "uusi-pitkä-salasana"})
    assert changed.status_code == 200
    assert answers(network, elsewhere) == {path: 401 for path in READS}
    assert browser.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert browser.get("/intake/api/v1/clients", headers=JSON).status_code == 200


def test_operators_reset_passwords_deactivate_and_sign_out_users_from_the_command_line(network, tmp_path,
                                                                                       monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", network.portal.config.database_url)
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path / "cli"))
    runner = CliRunner()

    token = net.token_for(network, "manager3")
    result = runner.invoke(kampus, ["users", "reset-password", "manager3"],
                           input="uusi-salasana-22\nuusi-salasana-22\n")
    assert result.exit_code == 0, result.output
    assert answers(network, token)["/intake/api/v1/clients"] == 401

    token = net.token_for(network, "manager3")
    assert answers(network, token)["/intake/api/v1/clients"] == 200
    assert runner.invoke(kampus, ["users", "sign-out", "manager3"]).exit_code == 0
    assert answers(network, token)["/intake/api/v1/clients"] == 401

    token = net.token_for(network, "manager3")
    result = runner.invoke(kampus, ["users", "deactivate", "manager3"])
    assert result.exit_code == 0, result.output
    assert answers(network, token) == {path: 401 for path in READS}
    refused = Client(network.wsgi).post("/auth/token", json={"username": "manager3", "password": "uusi-salasana-22"})
    assert refused.status_code == 401
    listing = runner.invoke(kampus, ["users", "list"]).output
    assert re.search(r"^manager3 .*deactivated", listing, re.M)

    assert runner.invoke(kampus, ["users", "activate", "manager3"]).exit_code == 0
    assert answers(network, token)["/intake/api/v1/clients"] == 401, "an old token stays withdrawn"
    assert answers(network, api_token(network, "manager3", "uusi-salasana-22"))["/intake/api/v1/clients"] == 200
    unknown = runner.invoke(kampus, ["users", "deactivate", "nobody"])
    assert unknown.exit_code != 0 and "No such user" in unknown.output


def test_the_admin_deactivates_and_activates_users_on_the_admin_page(network):
    admin = Client(network.wsgi)
    log_in(admin, "admin")
    victim = api_token(network, "partner1")
    page = admin.get("/admin/users", headers={"Accept": "text/html"}).get_data(as_text=True)
    csrf = csrf_of(page)
    assert "Poista käytöstä" in page

    done = admin.post("/admin/users/active", data={"csrf_token": csrf, "username": "partner1", "active": "0"})
    assert done.status_code == 303
    assert answers(network, victim, ("/intake/api/v1/competence-needs",)) == {"/intake/api/v1/competence-needs": 401}
    assert not network.identity.get("partner1").active
    listed = admin.get("/admin/users", headers={"Accept": "text/html"}).get_data(as_text=True)
    row = re.search(r"<tr><td>partner1</td>.*?</tr>", listed, re.S).group(0)
    assert "ei käytössä" in row and "Ota käyttöön" in row
    # What was done is said once, and the organisation is named, not coded.
    assert "Kaisa Kumppani ei voi enää kirjautua sisään, ja hänet on kirjattu ulos." in listed
    assert "<td>Konepaja Virtanen Oy (demo)</td>" in row and "konepaja-virtanen" not in row
    again = admin.get("/admin/users", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "ei voi enää kirjautua" not in again

    own = admin.post("/admin/users/active", data={"csrf_token": csrf, "username": "admin", "active": "0"})
    assert own.status_code == 409 and "Et voi poistaa käytöstä omaa tiliäsi." in own.get_data(as_text=True)
    assert network.identity.get("admin").active
    nobody = admin.post("/admin/users/active", data={"csrf_token": csrf, "username": "nobody", "active": "0"})
    assert nobody.status_code == 404
    bad = admin.post("/admin/users/active", data={"csrf_token": csrf, "username": "partner1", "active": "maybe"})
    assert bad.status_code == 422 and not network.identity.get("partner1").active

    manager = Client(network.wsgi)
    log_in(manager, "manager1")
    forbidden = manager.post("/admin/users/active", headers={"Accept": "text/html"},
                             data={"csrf_token": csrf_of(manager.get("/account/password").get_data(as_text=True)),
                                   "username": "manager2", "active": "0"})
    assert forbidden.status_code == 403 and network.identity.get("manager2").active

    assert admin.post("/admin/users/active", data={"csrf_token": csrf, "username": "partner1",
                                                   "active": "1"}).status_code == 303
    assert "Kaisa Kumppani voi taas kirjautua sisään." in admin.get(
        "/admin/users", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert answers(network, api_token(network, "partner1"), ("/intake/api/v1/competence-needs",)) == {
        "/intake/api/v1/competence-needs": 200}


def test_a_token_of_a_user_who_does_not_exist_is_refused_everywhere(network):
    settings = network.portal.config.token_settings
    ghost = issue(settings, Principal(user_id=str(uuid.uuid4()), username="ghost", organisation="sataedu",
                                      roles=frozenset({"manager", "coordinator", "admin"})), generation=1)
    assert answers(network, ghost) == {path: 401 for path in READS}
    # A real user's token without a generation (as tokens were made before) is refused too.
    user = network.identity.get("manager1")
    import jwt

    claims = jwt.decode(net.token_for(network, "manager1"), options={"verify_signature": False})
    del claims["gen"]
    old_style = jwt.encode(claims, settings.secret, algorithm="HS256")
    assert answers(network, old_style)["/intake/api/v1/clients"] == 401
    assert user.active


def test_introspection_tells_whether_a_token_still_holds(network):
    client = Client(network.wsgi)
    token = net.token_for(network, "coordinator")
    active = client.post("/auth/introspect", data={"token": token}).get_json()
    assert active["active"] is True and active["sub"] == network.identity.get("coordinator").id
    network.identity.revoke_tokens(network.identity.get("coordinator").id)
    assert client.post("/auth/introspect", data={"token": token}).get_json() == {"active": False}
    assert client.post("/auth/introspect", data={"token": "garbage"}).get_json() == {"active": False}
    missing = client.post("/auth/introspect", data={})
    assert missing.status_code == 422 and "token" in missing.get_json()["error"]["fields"]


# --- a service deployed apart from the portal asks it over HTTP ------------------------------------------------

class Clock:
    """A monotonic clock the test moves by hand (the cache's timer)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def portal_url(network):
    """The network's portal served over real HTTP, as a separate deployment reaches it."""
    server = make_server("127.0.0.1", 0, network.root, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def separate_intake(tmp_path, **settings):
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'apart.sqlite3'}", testing=True,
                    organisation="sataedu", **settings)
    return config


def test_a_service_apart_from_the_portal_asks_it_and_remembers_the_answer_for_the_ttl_only(network, portal_url,
                                                                                           tmp_path):
    clock = Clock()
    check = PortalCheck(portal_url, ttl=10, timer=clock)
    runtime = INTAKE.runtime(separate_intake(tmp_path))
    app = INTAKE.app_for(runtime, token_check=check)
    try:
        api = app.test_client()
        token = net.token_for(network, "manager1")
        assert api.get("/api/v1/clients", headers=bearer(token)).status_code == 200
        network.identity.revoke_tokens(network.identity.get("manager1").id)
        clock.now += 9  # within the TTL the portal's earlier answer stands
        assert api.get("/api/v1/clients", headers=bearer(token)).status_code == 200
        clock.now += 2
        assert api.get("/api/v1/clients", headers=bearer(token)).status_code == 401
        fresh = net.token_for(network, "manager1")
        assert api.get("/api/v1/clients", headers=bearer(fresh)).status_code == 200
    finally:
        runtime.close()


def test_portal_internal_url_makes_a_separate_service_ask_the_portal(network, portal_url, tmp_path):
    app = INTAKE.create_app(separate_intake(tmp_path, portal_internal_url=portal_url, token_check_ttl=0))
    try:
        api = app.test_client()
        token = net.token_for(network, "manager5")
        assert api.get("/api/v1/clients", headers=bearer(token)).status_code == 200
        network.identity.set_active("manager5", False)
        assert api.get("/api/v1/clients", headers=bearer(token)).status_code == 401
        ghost = issue(network.portal.config.token_settings, Principal(
            user_id=str(uuid.uuid4()), organisation="sataedu", roles=frozenset({"manager"})), generation=1)
        assert api.get("/api/v1/clients", headers=bearer(ghost)).status_code == 401
    finally:
        app.extensions["kampus"].close()


def test_while_the_portal_does_not_answer_a_service_says_so_and_changes_nothing(network, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # nobody listens here once the socket is closed
    app = INTAKE.create_app(separate_intake(tmp_path, portal_internal_url=f"http://127.0.0.1:{closed}/"))
    runtime = app.extensions["kampus"]
    try:
        api = app.test_client()
        token = net.token_for(network, "manager1")
        refused = api.post("/api/v1/clients", headers=bearer(token), json={
            "first_name": "Aino", "last_name": "Äijälä", "birth_date": "2004-05-17", "home_municipality": "214",
            "consents": {"service": True}})
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "30"
        assert refused.get_json()["error"]["code"] == "unavailable"
        page = api.get("/clients", headers={"Authorization": f"Bearer {token}", "Accept": "text/html",
                                            "Accept-Language": "fi"})
        assert page.status_code == 503 and "Yritä hetken kuluttua uudelleen" in page.get_data(as_text=True)
        assert api.get("/healthz").status_code == 200, "what needs no login still answers"
        from sqlalchemy import func, select

        from services.intake.db import clients

        with runtime.db.session() as session:
            assert session.execute(select(func.count()).select_from(clients)).scalar_one() == 0
    finally:
        runtime.close()


def test_without_a_way_to_check_tokens_a_service_accepts_none(tmp_path):
    """A service built without the portal, its URL or an OpenID provider cannot tell withdrawn tokens apart."""
    app = INTAKE.create_app(separate_intake(tmp_path))
    try:
        token = issue(app.extensions["kampus"].config.token_settings, Principal(
            user_id=str(uuid.uuid4()), organisation="sataedu", roles=frozenset({"manager"})), generation=1)
        assert app.test_client().get("/api/v1/clients", headers=bearer(token)).status_code == 503
    finally:
        app.extensions["kampus"].close()
