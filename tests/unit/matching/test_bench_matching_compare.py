"""bench/matching.py's check that incremental top-k lists equal a full recompute: last-bit rounding agrees,
a different profile, order or score does not."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def same_tops():
    path = Path(__file__).resolve().parents[3] / "bench" / "matching.py"
    spec = importlib.util.spec_from_file_location("bench_matching", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.same_tops


def test_scores_that_differ_in_the_last_bit_agree(same_tops):
    assert 0.6667638041979569 != 0.666763804197957
    assert same_tops({"n1": [(0.6667638041979569, "p1"), (0.5, "p2")]},
                     {"n1": [(0.666763804197957, "p1"), (0.5, "p2")]})


def test_two_profiles_tied_to_the_last_bit_may_trade_places(same_tops):
    assert same_tops({"n1": [(0.5000000000000001, "p1"), (0.5, "p2")]},
                     {"n1": [(0.5000000000000001, "p2"), (0.5, "p1")]})


@pytest.mark.parametrize("other", [
    {"n1": [(0.7, "p1"), (0.5, "p3")]},  # another profile
    {"n1": [(0.7, "p2"), (0.5, "p1")]},  # the same profiles in another order, scores apart
    {"n1": [(0.7, "p1"), (0.49, "p2")]},  # a score changed
    {"n1": [(0.7, "p1")]},  # a profile missing
    {"n2": [(0.7, "p1"), (0.5, "p2")]},  # another need
])
def test_a_real_difference_is_found(same_tops, other):
    assert not same_tops({"n1": [(0.7, "p1"), (0.5, "p2")]}, other)
