"""How many PostgreSQL connections each process may open, and a start-up warning when they do not fit.

Every process of every service shares one limit: the server's max_connections (100 by default).
A web process holds at most WEB_CONCURRENCY x (DB_POOL_SIZE + DB_MAX_OVERFLOW), a relay its
workers, one for health and pruning and one LISTEN connection, a consumer one for its batches
and one for health. docs/operations.md adds them up for the documented deployments.
"""
from __future__ import annotations

import os
from typing import Any, LiteralString

import structlog

log = structlog.get_logger(__name__)

DEFAULT_WEB_WORKERS = 2
DEFAULT_THREADS = 4
DEFAULT_MAX_OVERFLOW = 1


def _int(name: str, default: int, environ=os.environ) -> int:
    value = (environ.get(name) or "").strip()
    return int(value) if value else default


def pool_size(role: str, environ=os.environ) -> int:
    """Connections a process keeps in its pool: one per thread that may use the database at once."""
    if environ.get("DB_POOL_SIZE"):
        return _int("DB_POOL_SIZE", 1, environ)
    if role == "web":
        return _int("GUNICORN_THREADS", DEFAULT_THREADS, environ)
    if role == "relay":
        return _int("RELAY_WORKERS", 2, environ) + 1  # + health checks and pruning
    return 2  # consumer: its batches, and health checks


def max_overflow(role: str = "web", environ=os.environ) -> int:
    """Connections beyond the pool for a moment's need; none for a relay, whose threads are all counted."""
    return _int("DB_MAX_OVERFLOW", 0 if role == "relay" else DEFAULT_MAX_OVERFLOW, environ)


def process_budget(role: str, workers: int = 1, environ=os.environ) -> int:
    """The most connections one process (a web with all its workers) may hold."""
    per_worker = pool_size(role, environ) + max_overflow(role, environ)
    listener = 1 if role == "relay" else 0  # the relay's LISTEN connection, outside the pool
    return workers * per_worker + listener


def check_budget(database_url: str, budget: int, what: str) -> str | None:
    """Warn (and return the warning) when `budget` more connections would not fit the server's limit."""
    if not database_url.startswith(("postgresql", "postgres:")):
        return None
    import psycopg

    from shared.bus.notify import libpq_url

    try:
        with psycopg.connect(libpq_url(database_url), connect_timeout=5) as conn:
            def scalar(query: LiteralString) -> Any:
                row = conn.execute(query).fetchone()
                if row is None:  # SHOW and count(*) always answer one row
                    raise LookupError(query)
                return row[0]

            limit = int(scalar("SHOW max_connections"))
            reserved = int(scalar("SHOW superuser_reserved_connections"))
            in_use = scalar("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                            ) - 1  # not this one
    except Exception as exc:  # the process itself will say why it cannot connect
        log.info("connection_budget_unchecked", reason=type(exc).__name__)
        return None
    free = limit - reserved - in_use
    if budget <= free:
        return None
    message = (f"{what} may open {budget} PostgreSQL connections, but only {free} of max_connections={limit} "
               f"are free ({in_use} in use, {reserved} reserved): lower WEB_CONCURRENCY, GUNICORN_THREADS or "
               f"DB_POOL_SIZE, or raise max_connections (docs/operations.md, Sizing)")
    log.warning("connection_budget_exceeded", budget=budget, free=free, max_connections=limit, in_use=in_use)
    return message
