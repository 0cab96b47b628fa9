"""Outbox, inbox and mailbox tables that every service adds to its own metadata."""
from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table, Text, text

Id = BigInteger().with_variant(Integer(), "sqlite")


class BusTables:
    """The bus tables of one service's metadata."""

    def __init__(self, metadata: MetaData) -> None:
        self.outbox = Table(
            "outbox", metadata,
            Column("id", Id, primary_key=True, autoincrement=True),
            Column("event_id", String(36), nullable=False, unique=True),
            Column("type", String(120), nullable=False),
            Column("routing_key", String(200), nullable=False),
            Column("body", Text, nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("available_at", DateTime(timezone=True), nullable=False),
            Column("attempts", Integer, nullable=False, default=0),
            Column("last_error", Text),
            Column("sent_at", DateTime(timezone=True)),
            Index("ix_outbox_unsent", "available_at", "id",
                  postgresql_where=text("sent_at IS NULL"), sqlite_where=text("sent_at IS NULL")),
        )
        self.inbox = Table(
            "inbox", metadata,
            Column("event_id", String(36), primary_key=True),
            Column("type", String(120), nullable=False),
            Column("organisation", String(63), nullable=False),
            Column("occurred_at", DateTime(timezone=True), nullable=False),
            Column("processed_at", DateTime(timezone=True), nullable=False),
        )
        # Only the embedded in-process transport uses the mailbox: it is that transport's durable queue.
        self.mailbox = Table(
            "mailbox", metadata,
            Column("id", Id, primary_key=True, autoincrement=True),
            Column("event_id", String(36), nullable=False, unique=True),
            Column("type", String(120), nullable=False),
            Column("body", Text, nullable=False),
            Column("status", String(10), nullable=False, default="pending"),
            Column("attempts", Integer, nullable=False, default=0),
            Column("available_at", DateTime(timezone=True), nullable=False),
            Column("last_error", Text),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Index("ix_mailbox_pending", "status", "available_at", "id"),
        )


def bus_tables(metadata: MetaData) -> BusTables:
    """Add the bus tables to `metadata` (once) and return them."""
    existing = metadata.info.get("bus_tables")
    if existing is None:
        existing = metadata.info["bus_tables"] = BusTables(metadata)
    return existing
