"""The live engine follows the read models: a writer reloads after a rollback or another process's write,
and a web process's copy reloads when the token moved."""
from __future__ import annotations

import uuid

import pytest

from services.matching import SERVICE
from services.matching.domain import targets
from services.matching.handlers.live import LiveEngine, engine_for, install
from tests.support.matching import deliver, event, need_payload, profile_payload, small_taxonomy

TAXONOMY = small_taxonomy()
U = TAXONOMY.uris


def test_a_web_process_copy_reloads_when_the_consumer_changed_the_read_models(runtime):
    consumer = engine_for(runtime)
    web = LiveEngine(taxonomy=TAXONOMY, k=3, authoritative=False, refresh_seconds=0)
    with runtime.db.session() as session, web.reading(session) as engine:
        assert engine.profiles.population == 0
    client = profile_payload(None, {U[1]: 3})
    deliver(runtime, event("intake.profile.shared", client))
    assert client["client_id"] in consumer.engine.profiles.row_of
    with runtime.db.session() as session, web.reading(session) as engine:
        assert client["client_id"] in engine.profiles.row_of


def test_an_authoritative_reader_trusts_its_own_engine(runtime):
    live = engine_for(runtime)
    with runtime.db.session() as session:
        live.warm(session)
        loaded = live.engine
        with live.reading(session) as engine:
            assert engine is loaded


def test_a_writer_reloads_when_its_transaction_was_rolled_back(runtime):
    live = engine_for(runtime)
    client = str(uuid.uuid4())
    with pytest.raises(RuntimeError), runtime.work() as work:
        with live.writing(work.session) as engine:
            engine.upsert_profile(targets.profile(client, profile_payload(client, {U[1]: 3}), TAXONOMY.index))
        raise RuntimeError("the transaction fails after the engine changed")
    assert client in live.engine.profiles.row_of  # the cache is ahead of the database...
    with runtime.work() as work, live.writing(work.session) as engine:
        assert client not in engine.profiles.row_of  # ...until the next writer sees the token and reloads


def test_another_process_write_makes_the_writer_reload(runtime):
    deliver(runtime, event("intake.need.published", need_payload(None, [(U[1], True, 2)])))
    other = SERVICE.runtime(runtime.config)  # a second process on the same database
    install(other, LiveEngine(taxonomy=TAXONOMY, k=3))
    client = profile_payload(None, {U[1]: 4})
    deliver(other, event("intake.profile.shared", client))
    with runtime.work() as work, engine_for(runtime).writing(work.session) as engine:
        assert client["client_id"] in engine.profiles.row_of
    other.close()
