"""A signing key per issuer: the portal signs with its own key (EdDSA) and publishes it as JWKS; an
organisation's own issuer is believed for that organisation alone; keys rotate by id; services verify
with the keys fetched over real HTTP, and never with a shared secret."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from werkzeug.serving import make_server
from werkzeug.test import Client

from shared.auth import trust
from shared.auth.keys import jwks, new_signing_key
from shared.auth.tokens import InvalidToken, TokenSettings, Verifier
from shared.config import Config
from tests.support import network as net

JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}
SAMK_ISSUER = "https://login.samk.test/"
SATAEDU_ISSUER = "https://tunnistus.sataedu.test/"
# A protected API and a page of each part of the network.
API_READS = ("/intake/api/v1/clients", "/matching/api/v1/suggestions", "/environments/api/v1/environments",
             "/reporting/api/v1/indicators")
PAGES = ("/", "/intake/", "/matching/", "/environments/", "/reporting/")


class JwksServer:
    """A real HTTP server publishing one JWKS per path (what each organisation's issuer would serve)."""

    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  (the http.server name)
                server.requests.append(self.path)
                body = server.documents.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body or {}).encode())

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def claims(issuer: str, organisation: str, roles=("manager",), sub: str = "ext-user-1") -> dict:
    now = int(time.time())
    return {"iss": issuer, "aud": "kampus", "sub": sub, "org": organisation, "roles": list(roles),
            "name": "Ulkoinen Käyttäjä", "iat": now, "exp": now + 600}


NETWORK_YAML = """
organisations:
  verkosto:
    name: Verkosto
    kind: development_organisation
    hosts:
      portal: http://portal.test/
  sataedu:
    name: Sataedu
    kind: educational_institution
    member: true
    issuer: {{id: "{sataedu}", jwks_url: "{url}/sataedu/jwks.json"}}
  samk:
    name: SAMK
    kind: educational_institution
    member: true
    issuer: {{id: "{samk}", jwks_url: "{url}/samk/jwks.json"}}
"""


@pytest.fixture(scope="module")
def network(tmp_path_factory, issuers):
    _, _, network_file = issuers
    built = net.build(tmp_path_factory.mktemp("issuer-network"), jwt_signing="eddsa", network_file=network_file,
                      extra={"jwks_refetch_cooldown": 0})
    yield built
    built.shutdown()


def statuses(network, token: str, paths, headers) -> dict[str, int]:
    client = Client(network.wsgi)
    return {p: client.get(p, headers={"Authorization": f"Bearer {token}", **headers}).status_code for p in paths}


def test_the_portal_signs_with_its_own_key_and_publishes_it(network):
    client = Client(network.wsgi)
    published = client.get("/.well-known/jwks.json").get_json()["keys"]
    assert [k["kty"] for k in published] == ["OKP"] and "d" not in published[0], "public halves only"
    token = client.post("/auth/token", json={"username": "manager1", "password": "demo"}).get_json()["access_token"]
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["kid"] == published[0]["kid"]
    assert set(statuses(network, token, API_READS, JSON).values()) <= {200}


def test_an_organisations_issuer_is_believed_for_that_organisation(network, issuers):
    _, keys, _ = issuers
    token = keys["samk"].sign(claims(SAMK_ISSUER, "samk"))
    answers = statuses(network, token, API_READS, JSON)
    assert 401 not in answers.values(), answers


def test_a_token_of_issuer_a_claiming_organisation_b_is_refused_everywhere(network, issuers):
    _, keys, _ = issuers
    forged = keys["samk"].sign(claims(SAMK_ISSUER, "sataedu", roles=("manager", "admin", "coordinator")))
    assert set(statuses(network, forged, API_READS, JSON).values()) == {401}
    assert set(statuses(network, forged, PAGES, JSON).values()) == {401}
    pages = statuses(network, forged, PAGES, HTML)
    assert set(pages.values()) == {302}, "a page sends the browser to sign in, shows nothing"
    no_org = keys["samk"].sign({k: v for k, v in claims(SAMK_ISSUER, "x").items() if k != "org"})
    assert set(statuses(network, no_org, API_READS, JSON).values()) == {401}


def test_an_unknown_issuer_a_foreign_key_and_a_shared_secret_are_refused(network, issuers):
    _, keys, _ = issuers
    stranger = new_signing_key()
    unknown = stranger.sign(claims("https://evil.test/", "samk"))
    assert set(statuses(network, unknown, API_READS, JSON).values()) == {401}
    # samk's issuer id with a key samk does not publish (the id of samk's own key, even)
    impostor = jwt.encode(claims(SAMK_ISSUER, "samk"), stranger.private_key, algorithm="EdDSA",
                          headers={"kid": keys["samk"].kid})
    assert set(statuses(network, impostor, API_READS, JSON).values()) == {401}
    # the network's own JWT_SECRET no longer signs anything (no downgrade to HS256)
    config = network.portal.config
    hs = jwt.encode({**claims(config.jwt_issuer, "sataedu"), "gen": 1}, config.jwt_secret, algorithm="HS256")
    assert set(statuses(network, hs, API_READS, JSON).values()) == {401}


def test_the_central_issuer_speaks_for_every_organisation(network):
    for username in ("manager1", "manager2"):  # sataedu's and samk's managers
        token = Client(network.wsgi).post("/auth/token", json={"username": username, "password": "demo"}) \
            .get_json()["access_token"]
        assert 401 not in statuses(network, token, API_READS, JSON).values()


def test_an_issuers_new_key_is_fetched_when_a_token_names_it(network, issuers):
    server, keys, _ = issuers
    old = keys["sataedu"]
    assert 401 not in statuses(network, old.sign(claims(SATAEDU_ISSUER, "sataedu")), API_READS[:1], JSON).values()
    new = new_signing_key()
    server.documents["/sataedu/jwks.json"] = jwks([new, old])  # rotation: both published for a while
    fetched = len(server.requests)
    assert 401 not in statuses(network, new.sign(claims(SATAEDU_ISSUER, "sataedu")), API_READS[:1], JSON).values()
    assert len(server.requests) > fetched, "the unknown key id made the service fetch the set again"
    assert 401 not in statuses(network, old.sign(claims(SATAEDU_ISSUER, "sataedu")), API_READS[:1], JSON).values()
    server.documents["/sataedu/jwks.json"] = jwks([new])  # the old key retired
    assert 401 not in statuses(network, new.sign(claims(SATAEDU_ISSUER, "sataedu")), API_READS[:1], JSON).values()


def test_the_portal_rotates_its_key_and_tokens_of_the_previous_one_still_hold(network):
    client = Client(network.wsgi)
    before = client.post("/auth/token", json={"username": "manager1", "password": "demo"}).get_json()["access_token"]
    keys = network.root.extensions["kampus_signing_keys"]
    first = keys.active().kid
    second = keys.rotate()
    after = client.post("/auth/token", json={"username": "manager1", "password": "demo"}).get_json()["access_token"]
    assert jwt.get_unverified_header(after)["kid"] == second.kid != first
    published = {k["kid"] for k in client.get("/.well-known/jwks.json").get_json()["keys"]}
    assert published == {first, second.kid}
    assert set(statuses(network, before, API_READS[:1], JSON).values()) == {200}
    assert set(statuses(network, after, API_READS[:1], JSON).values()) == {200}
    third = keys.rotate()
    published = {k["kid"] for k in client.get("/.well-known/jwks.json").get_json()["keys"]}
    assert published == {second.kid, third.kid}, "the key before the previous one is retired"
    assert set(statuses(network, before, API_READS[:1], JSON).values()) == {401}


def test_a_service_apart_verifies_the_portals_tokens_with_its_jwks_over_http(network, tmp_path):
    """A service in another process holds no key: it fetches the portal's JWKS (PORTAL_INTERNAL_URL)."""
    server = make_server("127.0.0.1", 0, network.root, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        portal = f"http://127.0.0.1:{server.server_port}/"
        config = Config(service="intake", database_url="sqlite://", jwt_signing="eddsa", portal_internal_url=portal)
        verifier = Verifier(config.token_settings, trust.for_config(config))
        token = Client(network.wsgi).post("/auth/token", json={"username": "manager1", "password": "demo"}) \
            .get_json()["access_token"]
        assert verifier.verify(token).organisation == "sataedu"
        with pytest.raises(InvalidToken):
            verifier.verify(new_signing_key().sign(claims("kampus", "sataedu")))
        hs = jwt.encode({**claims("kampus", "sataedu")}, "s" * 40, algorithm="HS256")
        with pytest.raises(InvalidToken, match="shared secret"):
            Verifier(TokenSettings(secret="s" * 40, algorithm="EdDSA"), trust.for_config(config)).verify(hs)
    finally:
        server.shutdown()


def test_the_command_line_rotates_the_portals_key(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from services.cli import main as kampus

    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path))
    first = CliRunner().invoke(kampus, ["signing-keys", "list"])
    assert first.exit_code == 0, first.output
    [made] = first.output.split()
    rotated = CliRunner().invoke(kampus, ["signing-keys", "rotate"])
    assert rotated.exit_code == 0 and "new signing key" in rotated.output
    listed = CliRunner().invoke(kampus, ["signing-keys", "list"]).output.split()
    assert len(listed) == 2 and listed[1] == made, "the new key signs, the previous one stays published"
