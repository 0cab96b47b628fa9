"""Set-valued attributes as bit words agree with Python sets, also past 64 values."""
from __future__ import annotations

import random

import numpy as np
import pytest

from services.matching.domain.bitsets import BitColumn, Vocabulary


@pytest.mark.parametrize("n_values", [20, 200])  # one word; several (municipality codes and areas)
def test_set_tests_agree_with_python_sets(n_values):
    rnd = random.Random(n_values)
    values = [f"{i:03}" for i in range(n_values)]
    rows = [set(rnd.sample(values[:n_values * 3 // 4], rnd.randint(0, 4))) for _ in range(300)]
    column = BitColumn(Vocabulary(), 16)
    column.grow(len(rows))
    for i, row in enumerate(rows):
        column.set(i, row)
    every = np.arange(len(rows))
    for _ in range(30):
        query = set(rnd.sample(values, rnd.randint(0, 3)))  # may hold values no row has yet
        words = column.query(query)
        assert column.intersects(every, words).tolist() == [bool(r & query) for r in rows]
        assert column.contains_all(every, words).tolist() == [query <= r for r in rows]
        assert column.within(every, words).tolist() == [r <= query for r in rows]
        assert column.common(every, words).tolist() == [len(r & query) for r in rows]
        assert column.meets(len(rows), words).tolist() == [not r or bool(r & query) for r in rows]
    assert column.size(every).tolist() == [len(r) for r in rows]
    assert column.empty(len(rows)).tolist() == [not r for r in rows]
