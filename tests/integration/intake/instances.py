"""Several member organisations' intake instances, each with its own database, joined by one in-process
event network; the tests of what travels between instances build them here."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select

from services.intake import SERVICE
from shared.auth.principal import Principal
from shared.bus.inprocess import InProcessNetwork
from shared.bus.relay import Relay
from shared.config import Config
from tests.support.identity import StandaloneIdentity


@dataclass
class Instance:
    """One organisation's intake: its runtime, its app and the network's identity store."""

    organisation: str
    runtime: object
    app: object
    identity: StandaloneIdentity

    def api(self, method: str, path: str, **kwargs):
        """The response of the instance's API to its own manager."""
        principal = Principal(user_id=str(uuid.uuid4()), username=f"manager-{self.organisation}", name="M",
                              organisation=self.organisation, roles=frozenset({"manager"}))
        token = self.identity.token(principal)
        return self.app.test_client().open(f"/api/v1{path}", method=method, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/json"}, **kwargs)

    def as_student(self, client_id: str, method: str, path: str, **kwargs):
        """The response of the instance's API to the client themself, signed in as a student."""
        principal = Principal(user_id=str(uuid.uuid4()), username="opiskelija", name="O",
                              organisation=self.organisation, roles=frozenset({"student"}), client_id=client_id)
        return self.app.test_client().open(f"/api/v1{path}", method=method, headers={
            "Authorization": f"Bearer {self.identity.token(principal)}", "Accept": "application/json"}, **kwargs)

    def call(self, method: str, path: str, **kwargs):
        """The JSON of a call that must succeed."""
        response = self.api(method, path, **kwargs)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def rows(self, table, *where):
        with self.runtime.db.session() as session:
            return session.execute(select(table).where(*where)).all()

    def received(self) -> set[str]:
        """Types of the events this instance has applied or holds in its mailbox (alive or dead)."""
        tables = self.runtime.tables
        with self.runtime.db.session() as session:
            return (set(session.execute(select(tables.inbox.c.type)).scalars())
                    | set(session.execute(select(tables.mailbox.c.type)).scalars()))


@contextmanager
def intake_instances(tmp_path, organisations, database_url: Callable[[str], str] | None = None,
                     extra: dict | None = None, matching: bool = False) -> Iterator[tuple]:
    """(instances by organisation, the network's transport, settle()) for these organisations' intakes.

    `database_url(organisation)` gives each instance's database (default: a SQLite file of its own);
    `extra` settings of each intake by organisation; `matching`: the network's matching runs beside them
    (instances["matching"], database `database_url("verkosto-matching")`, where overlap detection lives).
    settle() relays and consumes until no event moves.
    """
    from services.matching import SERVICE as MATCHING

    network, instances, workers = InProcessNetwork(), {}, []
    runtimes = []
    identity = StandaloneIdentity(tmp_path)  # the network's users, as the portal would hold them
    for org in organisations:
        url = database_url(org) if database_url else f"sqlite:///{tmp_path / (org + '-intake.sqlite3')}"
        config = Config(service="intake", database_url=url, organisation=org, testing=True)
        if extra and org in extra:
            config = config.with_(**extra[org])
        runtime = SERVICE.runtime(config)
        instances[org] = Instance(org, runtime, SERVICE.app_for(runtime, token_check=identity.check), identity)
        workers.append(network.subscribe(runtime, SERVICE.subscribed_types))
        runtimes.append(runtime)
    if matching:
        url = database_url("verkosto-matching") if database_url else f"sqlite:///{tmp_path / 'matching.sqlite3'}"
        runtime = MATCHING.runtime(Config(service="matching", database_url=url, organisation="verkosto",
                                          testing=True))
        instances["matching"] = Instance("verkosto", runtime, MATCHING.app_for(runtime, token_check=identity.check),
                                         identity)
        workers.append(network.subscribe(runtime, MATCHING.subscribed_types))
        runtimes.append(runtime)
    transport = network.transport()
    relays = [Relay(runtime, transport) for runtime in runtimes]

    def settle() -> None:
        for _ in range(50):
            if sum(r.run_once() for r in relays) + sum(w.run_once() for w in workers) == 0:
                return
        raise AssertionError("events kept moving")

    try:
        yield instances, transport, settle
    finally:
        for instance in instances.values():
            instance.runtime.close()
        identity.close()
