"""OIDC deployments (issue 17, item 6): a student who signs in at their organisation's own issuer is linked to the
student login their manager invited, and so to their client record, on first login: by the invitation's code
redeemed while signed in with that identity, or by a verified e-mail address equal to the invited client's. Never
by name, never across organisations; a disabled login's tokens are refused, and erasure removes the link.

Real tokens, signed by test issuers whose keys are published over real HTTP; on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server
from werkzeug.test import Client

from services.portal.db import external_logins
from shared.auth.linking import PortalLinks
from tests.integration.auth.test_identity_admin import external_token, jwks_server  # noqa: F401  (a fixture)
from tests.integration.auth.test_issuer_keys import SAMK_ISSUER, SATAEDU_ISSUER, claims
from tests.support import erasure
from tests.support import network as net
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration
API = "/api/v1/student-accounts"
HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
AINO_EMAIL = "aino.virtanen@example.fi"


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path, issuers):
    _, _, network_file = issuers
    urls = {"portal": request.getfixturevalue("pg_url")} if request.param == "postgresql" else None
    built = net.build(tmp_path, database_urls=urls, jwt_signing="eddsa", network_file=network_file)
    yield built
    built.shutdown()


def manager(network):
    """manager1 of sataedu, with a token of the portal's own key (as the portal issues it)."""
    token = Client(network.wsgi).post("/auth/token", json={"username": "manager1", "password": "demo"}) \
        .get_json()["access_token"]
    return net.client_with_token(network, token)


def student_token(issuers, organisation="sataedu", sub="ext-aino", **extra) -> str:
    _, keys, _ = issuers
    issuer = SATAEDU_ISSUER if organisation == "sataedu" else SAMK_ISSUER
    return keys[organisation].sign({**claims(issuer, organisation, roles=("student",), sub=sub), **extra})


def invite(network, first="Aino", last="Virtanen", email=None) -> tuple[str, str]:
    """A client of sataedu, invited by their manager: the client's id and the printed code."""
    as_manager = manager(network)
    body = {"first_name": first, "last_name": last, "birth_date": "2004-03-01", "home_municipality": "609",
            "consents": {}}
    registered = as_manager.post("/intake/api/v1/clients", json=body)
    assert registered.status_code == 201, registered.get_json()
    client_id = registered.get_json()["id"]
    invited = as_manager.post(API, json={"client_id": client_id, "email": email})
    assert invited.status_code == 201, invited.get_json()
    return client_id, invited.get_json()["code"]


def own_page(network, token: str) -> int | str:
    """"own" when the token's holder sees their own client record on their page, "none" when the page links none
    (a student login without a record), else the status."""
    page = Client(network.wsgi).get("/intake/me", headers={"Authorization": f"Bearer {token}", **HTML})
    if page.status_code != 200:
        return page.status_code
    return "own" if 'id="data-title"' in page.get_data(as_text=True) else "none"  # the record's "My data"


def state(network, client_id: str) -> str:
    return manager(network).get(f"{API}/{client_id}").get_json()["state"]


def links(network) -> int:
    with network.portal.db.session() as session:
        return session.execute(select(func.count()).select_from(external_logins)).scalar_one()


def welcome_signed_in(network, token: str, code: str):
    """The welcome page as a browser signed in at the organisation's issuer (its token in the login cookie)."""
    browser = Client(network.wsgi)
    browser.set_cookie("kampus_token", token)
    page = browser.get("/welcome", headers=HTML)
    text = page.get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text).group(1)
    return text, browser.post("/welcome", data={"csrf_token": csrf, "code": code}, headers=HTML)


def test_a_verified_address_links_on_first_login_and_the_student_sees_their_own_page(network, issuers):
    client_id, _code = invite(network, email=AINO_EMAIL)
    unverified = student_token(issuers, email=AINO_EMAIL, email_verified=False)
    assert own_page(network, unverified) == "none", "an unverified address proves nothing"
    assert links(network) == 0 and state(network, client_id) == "invited"

    token = student_token(issuers, email="Aino.Virtanen@Example.fi", email_verified=True)
    assert own_page(network, token) == "own"
    assert own_page(network, unverified) == "own", "once linked, the identity is the login, whatever the token says"
    assert links(network) == 1 and state(network, client_id) == "linked"
    linked = [e for e in audit_entries(network.portal, client_id) if e["object_type"] == "user_account"][-1]
    assert (linked["action"], linked["purpose"], linked["detail"]) == (
        "update", "own_use", {"external_login": "linked", "proof": "email"})
    login = network.identity.get("aino.virtanen@example.fi")
    assert linked["actor"] == login.id and login.client_id == client_id


def test_the_invitations_code_links_the_signed_in_identity_instead_of_a_password(network, issuers):
    client_id, code = invite(network)  # no address: a printed code
    token = student_token(issuers)
    assert own_page(network, token) == "none"
    page, linked = welcome_signed_in(network, token, code)
    assert "Yhdistä tunnukseni" in page and 'name="new"' not in page, "no password is asked for"
    assert linked.status_code == 303 and linked.headers["Location"].endswith("/intake/me")
    assert own_page(network, token) == "own" and state(network, client_id) == "linked"
    login = network.identity.get("aino.virtanen")
    assert network.identity.authenticate("aino.virtanen", "", "test") is None  # no password was set
    entry = [e for e in audit_entries(network.portal, client_id) if e["object_type"] == "user_account"][-1]
    assert entry["detail"] == {"external_login": "linked", "proof": "code"} and entry["actor"] == login.id
    # the code counted once, and the login gets no new one: it is in use
    assert welcome_signed_in(network, student_token(issuers, sub="ext-other"), code)[1].status_code == 422
    assert manager(network).post(f"{API}/{client_id}/resend").status_code == 409
    # a second code cannot link the identity to another login
    other_id, other_code = invite(network, first="Eero", last="Laine")
    assert welcome_signed_in(network, token, other_code)[1].status_code == 200, "linked: the ordinary page"
    assert state(network, other_id) == "invited" and links(network) == 1


def test_an_api_client_links_with_the_code_through_the_api(network, issuers):
    client_id, code = invite(network)
    token = student_token(issuers)
    api = net.client_with_token(network, token)
    assert api.post(f"{API}/link", json={}).status_code == 422
    wrong = api.post(f"{API}/link", json={"code": "K7QX-9MHT-4CRW-PYEA"})
    assert wrong.status_code == 422 and "code" in wrong.get_json()["error"]["fields"]
    samk = net.client_with_token(network, student_token(issuers, organisation="samk", sub="ext-samk"))
    assert samk.post(f"{API}/link", json={"code": code}).status_code == 422, "another organisation's login"
    linked = api.post(f"{API}/link", json={"code": code.lower()})
    assert linked.status_code == 200, linked.get_json()
    assert linked.get_json() == {"state": "linked", "username": "aino.virtanen", "expires_at": None}
    assert state(network, client_id) == "linked" and own_page(network, token) == "own"
    # linked, the token is the login: nothing more to link, and the portal's own login has nothing to link either
    assert api.post(f"{API}/link", json={"code": code}).status_code == 409
    assert manager(network).post(f"{API}/link", json={"code": code}).status_code == 403


def test_never_across_organisations_nor_by_name_nor_with_two_clients_sharing_an_address(network, issuers):
    client_id, code = invite(network, email=AINO_EMAIL)
    twin_id, _ = invite(network, first="Eero", last="Virtanen", email=AINO_EMAIL.upper())
    # two invited clients of sataedu with one address: neither is linked by it
    assert own_page(network, student_token(issuers, email=AINO_EMAIL, email_verified=True)) == "none"
    # samk's issuer: the same verified address and the very name do not reach sataedu's client
    samk = student_token(issuers, organisation="samk", sub="ext-samk", email=AINO_EMAIL, email_verified=True,
                         name="Aino Virtanen")
    assert own_page(network, samk) == "none"
    assert welcome_signed_in(network, samk, code)[1].status_code == 422, "sataedu's code does not serve samk"
    assert links(network) == 0
    assert {state(network, client_id), state(network, twin_id)} == {"invited"}
    # the code still works for sataedu's own student afterwards
    assert welcome_signed_in(network, student_token(issuers), code)[1].status_code == 303
    assert state(network, client_id) == "linked"


def test_disabling_the_login_refuses_the_external_token_and_erasure_removes_the_link(network, issuers):
    client_id, _ = invite(network, email=AINO_EMAIL)
    token = student_token(issuers, email=AINO_EMAIL, email_verified=True)
    assert own_page(network, token) == "own"
    as_manager = manager(network)
    assert as_manager.post(f"{API}/{client_id}/disable").get_json()["state"] == "disabled"
    refused = Client(network.wsgi).get("/intake/me", headers={"Authorization": f"Bearer {token}", **JSON})
    assert refused.status_code == 401
    assert links(network) == 1, "disabled, the link stays: the login can be erased or stay disabled"

    erased = erasure.erase(erasure.via(as_manager), client_id)
    assert erased.status_code == 200 and erased.get_json()["result"] == "erased", erased.get_json()
    assert links(network) == 0 and state(network, client_id) == "none"
    assert own_page(network, token) == "none", "the identity names nobody here any more"


def test_a_service_apart_asks_the_portal_remembers_the_answer_for_the_ttl_only_and_waits_while_it_is_down(
        network, issuers, tmp_path):
    from services.intake import SERVICE as INTAKE
    from shared.auth.revocation import CheckUnavailable
    from shared.auth.tokens import InvalidToken
    from shared.config import Config

    client_id, code = invite(network)
    token = student_token(issuers)
    server = make_server("127.0.0.1", 0, network.root, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portal = f"http://127.0.0.1:{server.server_port}/"
    apart = INTAKE.create_app(Config(service="intake", database_url=f"sqlite:///{tmp_path / 'apart.sqlite3'}",
                                     testing=True, portal_internal_url=portal, token_check_ttl=10))
    try:
        assert isinstance(apart.extensions["kampus_external_logins"], PortalLinks), "PORTAL_INTERNAL_URL: it asks"
        now = [0.0]
        ask = PortalLinks(portal, ttl=10, timer=lambda: now[0])
        verifier = network.apps["intake"].extensions["kampus_verifier"]
        unlinked = verifier.principal(verifier.decode(token))
        assert ask.resolve_token(token, unlinked) is unlinked
        now[0] += 11  # the unlinked answer is remembered for the TTL only
        assert welcome_signed_in(network, token, code)[1].status_code == 303
        seen = ask.resolve_token(token, unlinked)
        assert (seen.client_id, seen.organisation, seen.roles, seen.username) == (
            client_id, "sataedu", frozenset({"student"}), "aino.virtanen")
        manager(network).post(f"{API}/{client_id}/disable")
        now[0] += 9
        assert ask.resolve_token(token, unlinked).client_id == client_id, "within the TTL the answer stands"
        now[0] += 2
        with pytest.raises(InvalidToken):
            ask.resolve_token(token, unlinked)
    finally:
        server.shutdown()
        server.server_close()
        apart.extensions["kampus"].close()
    with pytest.raises(CheckUnavailable):  # the portal does not answer: neither believed nor refused (503)
        PortalLinks(portal, ttl=10).resolve_token(token, unlinked)


def test_with_the_networks_openid_connect_provider_a_verified_address_links_too(tmp_path, jwks_server):  # noqa: F811
    """OIDC_JWKS_URL: one provider for the whole network (RS256), whose tokens carry JWT_ISSUER; its students are
    linked the same way, within the organisation their token names."""
    key, url = jwks_server
    built = net.build(tmp_path, jwt_issuer="https://idp.example", oidc_jwks_url=url,
                      oidc_organisation_claim="organisation", oidc_roles_claim="groups")
    try:
        def bearer(**claims):
            return {"Authorization": f"Bearer {external_token(key, **claims)}", **JSON}

        boss = bearer(sub="ext-manager", organisation="sataedu", groups=["manager"])
        body = {"first_name": "Aino", "last_name": "Virtanen", "birth_date": "2004-03-01",
                "home_municipality": "609", "consents": {}}
        client = Client(built.wsgi)
        client_id = client.post("/intake/api/v1/clients", json=body, headers=boss).get_json()["id"]
        invited = client.post(API, json={"client_id": client_id, "email": AINO_EMAIL}, headers=boss)
        assert invited.status_code == 201, invited.get_json()
        elsewhere = bearer(sub="ext-aino", organisation="samk", groups=["student"], email=AINO_EMAIL,
                           email_verified=True)
        assert client.get("/intake/me", headers={**elsewhere, **HTML}).status_code == 200
        assert links(built) == 0, "the provider's token naming samk does not reach sataedu's client"
        student = bearer(sub="ext-aino", organisation="sataedu", groups=["student"], email=AINO_EMAIL,
                         email_verified=True)
        page = client.get("/intake/me", headers={**student, **HTML}).get_data(as_text=True)
        assert 'id="data-title"' in page and links(built) == 1
        assert client.get(f"{API}/{client_id}", headers=boss).get_json()["state"] == "linked"
        assert client.post(f"{API}/{client_id}/disable", headers=boss).status_code == 200
        assert client.get("/intake/me", headers=student).status_code == 401
    finally:
        built.shutdown()
