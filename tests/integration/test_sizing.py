"""Connection pools sized per role, and the start-up warning when they would not fit PostgreSQL."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest

from shared import sizing
from shared.config import Config
from shared.embedded import definition
from shared.service import _sized

pytestmark = pytest.mark.integration

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def server_limits(pg_url: str) -> tuple[int, int]:
    with psycopg.connect(pg_url.replace("+psycopg", "")) as conn:
        return (int(conn.execute("SHOW max_connections").fetchone()[0]),
                int(conn.execute("SHOW superuser_reserved_connections").fetchone()[0]))


def test_a_budget_beyond_the_free_connections_is_warned_about(pg_url):
    limit, reserved = server_limits(pg_url)
    warning = sizing.check_budget(pg_url, limit + 1, "intake web (2 workers)")
    assert warning.startswith(f"intake web (2 workers) may open {limit + 1} PostgreSQL connections")
    assert f"max_connections={limit}" in warning and f"{reserved} reserved" in warning
    assert sizing.check_budget(pg_url, 1, "intake relay") is None
    assert sizing.check_budget("sqlite:///x.sqlite3", 10 ** 6, "dev") is None


@pytest.mark.parametrize("role, expected, overflow", [("relay", 3, 0), ("consumer", 2, 1)])
def test_relay_and_consumer_pools_are_sized_for_their_threads(pg_url, monkeypatch, role, expected, overflow):
    for name in ("DB_POOL_SIZE", "DB_MAX_OVERFLOW", "RELAY_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    config = _sized(definition("intake"), Config(service="intake", database_url=pg_url), role)
    assert (config.db_pool_size, config.db_max_overflow) == (expected, overflow)
    runtime = definition("intake").runtime(config)
    try:
        assert (runtime.db.engine.pool.size(), runtime.db.engine.pool._max_overflow) == (expected, overflow)
    finally:
        runtime.close()
    monkeypatch.setenv("DB_POOL_SIZE", "7")
    assert _sized(definition("intake"), Config.from_env("intake"), role).db_pool_size == 7


def load_gunicorn_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "DB_POOL_SIZE", "DB_MAX_OVERFLOW", "SERVICE",
                 "INTAKE_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("kampus_gunicorn_sizing", GUNICORN_CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Log:
    """gunicorn's logger as the hooks use it: the warnings kept apart from what is only said."""

    def __init__(self):
        self.lines = []
        self.said = []

    def warning(self, message, *args):
        self.lines.append(message % args if args else message)

    def info(self, message, *args):
        self.said.append(message % args if args else message)


def test_gunicorn_sizes_each_workers_pool_and_warns_before_the_workers_start(pg_url, monkeypatch):
    limit, _ = server_limits(pg_url)
    workers = limit // 5 + 1  # x (4 threads + 1 overflow) connections: more than the server allows
    conf = load_gunicorn_conf(monkeypatch, SERVICE="intake", DATABASE_URL=pg_url, WEB_CONCURRENCY=str(workers),
                              PRELOAD_REFERENCE_DATA="0")  # the preload has its own tests
    server = SimpleNamespace(cfg=SimpleNamespace(workers=conf.workers, threads=conf.threads), log=Log())
    conf.on_starting(server)
    assert Config.from_env("intake").db_pool_size == 4 and Config.from_env("intake").db_max_overflow == 1
    conf.when_ready(server)
    [warning] = server.log.lines
    assert warning.startswith(f"intake web ({workers} workers) may open {workers * 5} PostgreSQL connections")

    conf = load_gunicorn_conf(monkeypatch, SERVICE="intake", DATABASE_URL=pg_url, PRELOAD_REFERENCE_DATA="0")
    server = SimpleNamespace(cfg=SimpleNamespace(workers=conf.workers, threads=conf.threads), log=Log())
    conf.on_starting(server)
    conf.when_ready(server)
    assert server.log.lines == [], "the default 2 workers x (4 + 1) fit"
