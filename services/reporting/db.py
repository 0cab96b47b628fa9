"""Tables of the reporting service (SQLAlchemy 2.x)."""
from __future__ import annotations

from shared.bus.tables import bus_tables
from shared.db import new_metadata

metadata = new_metadata()
bus = bus_tables(metadata)
