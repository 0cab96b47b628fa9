"""A unique constraint's refusal is told apart from other integrity errors on both databases (shared.db)."""
from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert
from sqlalchemy.exc import IntegrityError

from shared.db import is_unique_violation


def test_a_second_row_is_a_unique_violation_and_a_missing_value_is_not(database_url):
    engine = create_engine(database_url)
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True),
                   Column("name", String(20), nullable=False, unique=True))
    metadata.create_all(engine)
    try:
        with engine.begin() as connection:
            connection.execute(insert(things).values(id=1, name="a"))
        with pytest.raises(IntegrityError) as twice, engine.begin() as connection:
            connection.execute(insert(things).values(id=2, name="a"))
        with pytest.raises(IntegrityError) as missing, engine.begin() as connection:
            connection.execute(insert(things).values(id=3, name=None))
        assert is_unique_violation(twice.value)
        assert not is_unique_violation(missing.value)
        assert not is_unique_violation(ValueError("UNIQUE constraint failed"))
    finally:
        metadata.drop_all(engine)
        engine.dispose()
