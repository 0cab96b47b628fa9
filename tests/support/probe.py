"""A pair of probe services for bus tests: `intake` produces probes, `reporting` applies them.

The bus library is tested with these instead of real domain events, so that a test can make a
handler fail on purpose and count exactly what was applied.
"""
from __future__ import annotations

from marshmallow import Schema, fields
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from shared.bus.tables import bus_tables
from shared.config import Config
from shared.db import new_metadata
from shared.events.registry import EventRegistry, EventSpec
from shared.runtime import ServiceRuntime

PROBE = "intake.probe.sent"
ADDRESSED_PROBE = "intake.probe.addressed"  # travels only to its recipient organisation


class ProbeSchema(Schema):
    seq = fields.Integer(required=True)
    poison = fields.Boolean(load_default=False)


REGISTRY = EventRegistry([EventSpec(PROBE, ProbeSchema, "A probe for bus tests"),
                          EventSpec(ADDRESSED_PROBE, ProbeSchema, "A probe for one organisation", addressed=True)])


def producer_metadata() -> MetaData:
    metadata = new_metadata()
    bus_tables(metadata)
    Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(100)))
    return metadata


def consumer_metadata() -> MetaData:
    metadata = new_metadata()
    bus_tables(metadata)
    Table("applied", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
          Column("event_id", String(36), nullable=False), Column("seq", Integer, nullable=False))
    Table("fixes", metadata, Column("seq", Integer, primary_key=True))
    return metadata


class PoisonError(RuntimeError):
    """The probe handler refuses a poisoned probe until a fix is recorded."""


def apply_probe(work, envelope) -> None:
    tables = work.runtime.metadata.tables
    seq = envelope.payload["seq"]
    if envelope.payload.get("poison"):
        fixed = work.session.execute(select(tables["fixes"].c.seq).where(tables["fixes"].c.seq == seq)).first()
        if fixed is None:
            raise PoisonError(f"probe {seq} is poisoned")
    work.session.execute(tables["applied"].insert().values(event_id=envelope.id, seq=seq))


def runtime(role: str, url: str, amqp_url: str | None = None, **config) -> ServiceRuntime:
    """A probe runtime: role 'producer' (service intake) or 'consumer' (service reporting)."""
    service = "intake" if role == "producer" else "reporting"
    metadata = producer_metadata() if role == "producer" else consumer_metadata()
    handlers = {PROBE: apply_probe, ADDRESSED_PROBE: apply_probe} if role == "consumer" else {}
    defaults = dict(retry_delays=(0.2, 0.5), max_delivery_attempts=3, amqp_trusted_users=("guest",))
    defaults.update(config)
    cfg = Config(service=service, database_url=url, amqp_url=amqp_url, testing=True,
                 migrate_on_start=False, **defaults)
    rt = ServiceRuntime(cfg, metadata, REGISTRY, handlers)
    metadata.create_all(rt.db.engine)
    return rt


def send(producer: ServiceRuntime, count: int, start: int = 0, poison: bool = False) -> None:
    """Commit `count` probes in one transaction."""
    with producer.work() as work:
        for seq in range(start, start + count):
            work.emit(PROBE, {"seq": seq, "poison": poison})


def send_to(producer: ServiceRuntime, recipient: str, seq: int) -> None:
    """Commit one addressed probe for `recipient`."""
    with producer.work() as work:
        work.emit(ADDRESSED_PROBE, {"seq": seq}, to=recipient)


def applied(consumer: ServiceRuntime) -> list[int]:
    table = consumer.metadata.tables["applied"]
    with consumer.db.session() as session:
        return [r[0] for r in session.execute(select(table.c.seq).order_by(table.c.seq))]


def applied_count(consumer: ServiceRuntime) -> tuple[int, int]:
    """(rows applied, distinct probes applied)."""
    table = consumer.metadata.tables["applied"]
    with consumer.db.session() as session:
        total = session.execute(select(func.count()).select_from(table)).scalar_one()
        distinct = session.execute(select(func.count(func.distinct(table.c.seq)))).scalar_one()
    return total, distinct


def unsent(producer: ServiceRuntime) -> int:
    return producer.outbox_backlog()
