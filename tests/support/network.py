"""The embedded network for tests: all services and the portal on SQLite files in a temp dir."""
from __future__ import annotations

import pytest

from demo import identity as demo
from services.portal.handlers.identity import access_token
from shared import embedded
from shared.auth.principal import Principal
from shared.config import Config
from shared.events.catalogue import SERVICES
from tests.support.identity import token_as


def configs(tmp_path, database_urls: dict[str, str] | None = None, **overrides) -> dict[str, Config]:
    """SQLite files in tmp_path, except services given a URL in `database_urls` (e.g. PostgreSQL)."""
    result = {}
    for name in (*SERVICES, "portal"):
        url = (database_urls or {}).get(name) or f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        result[name] = Config(service=name, database_url=url, testing=True, **overrides)
    return result


def build(tmp_path, seed: bool = True, database_urls: dict[str, str] | None = None,
          **overrides) -> embedded.EmbeddedNetwork:
    """The embedded network with the demo organisations and users (password 'demo')."""
    network = embedded.build(configs(tmp_path, database_urls, **overrides))
    if seed:
        demo.seed(network.identity)
    return network


def short_streams(network, seconds: int = 1) -> None:
    """Let the portal's notification streams end after `seconds`, so that a test reading one to its end
    (the route walk) does not wait for the default's 25 seconds."""
    from dataclasses import replace

    settings = network.root.extensions["portal_settings"]
    network.root.extensions["portal_settings"] = replace(settings, push=replace(settings.push, stream_seconds=seconds))


def module_network(folder: str, **overrides):
    """A module-scoped `network` fixture: the network built once in a temp folder of its own, shut down after."""

    @pytest.fixture(scope="module")
    def network(tmp_path_factory):
        built = build(tmp_path_factory.mktemp(folder), **overrides)
        yield built
        built.shutdown()

    return network


def network_per_test(service: str):
    """A `network` fixture built for each test, once with `service` on SQLite and once on a fresh PostgreSQL."""

    @pytest.fixture(params=["sqlite", "postgresql"])
    def network(request, tmp_path):
        urls = {service: request.getfixturevalue("pg_url")} if request.param == "postgresql" else None
        built = build(tmp_path, database_urls=urls)
        yield built
        built.shutdown()

    return network


def client_as(network, username: str):
    """A werkzeug test client of the whole network that sends `username`'s bearer token."""
    return client_with_token(network, token_for(network, username))


def managers(network) -> dict:
    """Test clients of the demo's managers by organisation: manager1 of sataedu, manager2 samk, manager3 winnova."""
    return {org: client_as(network, f"manager{i}") for i, org in enumerate(("sataedu", "samk", "winnova"), 1)}


def token_for(network, username: str) -> str:
    """An access token of a demo user, as the portal would issue it."""
    user = network.identity.get(username)
    return access_token(network.portal.config.token_settings, user)


def token_of(network, principal: Principal) -> str:
    """A token with the principal's claims, for a real user of the network's identity store (made if new)."""
    return token_as(network.identity, network.portal.config.token_settings, principal)


def token_with(network, **claims) -> str:
    """A token of a user with these roles and organisation (a real user, created if new)."""
    principal = Principal(user_id=claims.pop("user_id", "u-1"), username="t", name="T",
                          organisation=claims.pop("organisation", "sataedu"),
                          roles=frozenset(claims.pop("roles", ["manager"])))
    return token_of(network, principal)


def client_with_token(network, token: str):
    """A werkzeug test client of the whole network that sends this bearer token."""
    from werkzeug.test import Client

    class _Authorised(Client):
        def open(self, *args, **kwargs):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("Authorization", f"Bearer {token}")
            headers.setdefault("Accept", "application/json")
            kwargs["headers"] = headers
            return super().open(*args, **kwargs)

    return _Authorised(network.wsgi)


def student_client(network, client_id: str, organisation: str = "sataedu", user_id: str | None = None):
    """A test client signed in as a student whose own client record is `client_id` (the token's client_id)."""
    import uuid

    principal = Principal(user_id=user_id or str(uuid.uuid4()), username="opiskelija", name="Opiskelija",
                          organisation=organisation, roles=frozenset({"student"}), client_id=client_id)
    return client_with_token(network, token_of(network, principal))


def outbox_events(runtime) -> list[dict]:
    """Every event a service's runtime has put in its outbox, oldest first."""
    import json

    from sqlalchemy import select

    table = runtime.tables.outbox
    with runtime.db.session() as session:
        bodies = session.execute(select(table.c.body).order_by(table.c.id)).scalars().all()
    return [json.loads(body) for body in bodies]
