"""Tables of the reporting service: the raw log of every event, and projections built from it."""
from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, Integer, String, Table

from shared.bus.tables import Id, bus_tables
from shared.db import new_metadata

metadata = new_metadata()
bus = bus_tables(metadata)

raw_events = Table(  # append-only: the source of truth that projections are rebuilt from
    "raw_events", metadata,
    Column("seq", Id, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("type", String(120), nullable=False),
    Column("version", Integer, nullable=False),
    Column("organisation", String(63), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_raw_events_type_occurred", "type", "occurred_at"),
)
