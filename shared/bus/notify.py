"""Waking the relay the moment another process commits events (PostgreSQL LISTEN/NOTIFY).

A transaction that adds outbox rows sends `NOTIFY kampus_outbox`; PostgreSQL delivers it on
commit, and only then. The relay listens on its own connection and wakes at once, so a web
process's event is picked up in milliseconds instead of at the next poll. The poll stays as
the safety net: a lost notification only delays an event to the next poll.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
import structlog
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from shared.bus.policy import FaultPause

log = structlog.get_logger(__name__)

CHANNEL = "kampus_outbox"
_NOTIFIED = "kampus_outbox_notified"
_NOTIFY = f"NOTIFY {CHANNEL}"


def notify_on_commit(session: Session) -> None:
    """Queue the outbox notification in the session's transaction (once per transaction)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = id(session.get_transaction())
    if session.info.get(_NOTIFIED) == transaction:
        return
    session.connection().exec_driver_sql(_NOTIFY)  # its text as it is: nothing for SQLAlchemy to build
    session.info[_NOTIFIED] = transaction


def libpq_url(sqlalchemy_url: str) -> str:
    """The database URL without SQLAlchemy's driver name, for a plain psycopg connection."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class OutboxListener:
    """Calls `on_notify` whenever a transaction that added outbox rows commits."""

    def __init__(self, database_url: str, on_notify: Callable[[], None], name: str = "relay") -> None:
        self.url = libpq_url(database_url)
        self.on_notify = on_notify
        self.name = name
        self.listening = threading.Event()

    def run(self, stop: threading.Event) -> None:
        """Listen until `stop` is set, reconnecting with back-off."""
        pause = FaultPause(0.5, 10.0)
        while not stop.is_set():
            delay = 0.0  # stopped without a fault
            try:
                with psycopg.connect(self.url, autocommit=True,
                                     application_name=f"{self.name}-listener") as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self.on_notify()  # whatever committed while we were connecting
                    pause.reset()
                    while not stop.is_set():
                        for _ in connection.notifies(timeout=0.5):
                            self.on_notify()
            except psycopg.Error as exc:
                delay = pause.next()
                log.warning("outbox_listener_disconnected", name=self.name, error=type(exc).__name__,
                            retry_in=delay)
            self.listening.clear()
            stop.wait(delay)
