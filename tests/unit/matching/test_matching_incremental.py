"""Incremental updates keep every need's top-k equal to a full recompute."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from services.matching.domain import MatchingEngine
from services.matching.domain.synthetic import SyntheticPopulation, synthetic_taxonomy

TAXONOMY = synthetic_taxonomy(70, 7, seed=5)
SYNTHETIC = SyntheticPopulation(70, seed=5, occupations=TAXONOMY.occupations)


def top(engine: MatchingEngine) -> dict[str, list[tuple[float, str]]]:
    return {need_id: [(s.score, s.profile_id) for s in engine.suggestions(need_id, explain=False)]
            for need_id in engine.need_ids()}


def assert_same_ranking(got: dict, expected: dict) -> None:
    """The same profiles in the same order for every need, with the same scores up to rounding: a sum taken in
    another order (one row or the whole matrix, another CPU's vector kernels) may differ in its last bit."""
    assert {n: [p for _, p in ranked] for n, ranked in got.items()} == \
        {n: [p for _, p in ranked] for n, ranked in expected.items()}
    for need_id, ranked in got.items():
        assert [score for score, _ in ranked] == pytest.approx([score for score, _ in expected[need_id]],
                                                               rel=1e-12, abs=1e-12), need_id


def fresh_engine(profiles, needs, **kw) -> MatchingEngine:
    engine = MatchingEngine(TAXONOMY, k=5, depth=8, **kw)
    engine.load(profiles, needs)
    return engine


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_changes_give_the_same_top_k_as_a_full_recompute(seed):
    rnd = random.Random(seed)
    profiles, needs = SYNTHETIC.profiles(250, skills=6), SYNTHETIC.needs(30)
    engine = fresh_engine(profiles, needs)
    engine.profiles.compact_after = 40  # exercise both the delta and compaction
    live = {p.id: p for p in profiles}
    spare = iter(SYNTHETIC.profiles(400, skills=6, offset=1000 * (seed + 1)))
    spare_needs = iter(SYNTHETIC.needs(100, offset=1000 * (seed + 1)))
    for _ in range(300):
        roll = rnd.random()
        if roll < 0.45:
            changed = replace(next(spare), id=rnd.choice(sorted(live)))
            live[changed.id] = changed
            engine.upsert_profile(changed)
        elif roll < 0.55:
            gone = rnd.choice(sorted(live))
            del live[gone]
            engine.remove_profile(gone)
        elif roll < 0.7:
            new = next(spare)
            live[new.id] = new
            engine.upsert_profile(new)
        elif roll < 0.85:
            n = rnd.choice(needs)
            shown = engine.suggestions(n.id, explain=False)
            if shown:
                engine.decline(n.id, rnd.choice(shown).profile_id)
        else:
            engine.upsert_need(replace(next(spare_needs), id=rnd.choice(needs).id))
    incremental = top(engine)
    engine.recompute_all()
    assert_same_ranking(top(engine), incremental)
    rebuilt = MatchingEngine(TAXONOMY, k=5, depth=8)
    rebuilt.declines = engine.declines
    stored = [engine.needs.compiled[engine.needs.row_of[need_id]].need for need_id in engine.need_ids()]
    rebuilt.load(live.values(), [])
    rebuilt.scorer.rarity = engine.rarity  # the same rarity snapshot
    for need in stored:
        rebuilt.upsert_need(need)
    assert_same_ranking(top(rebuilt), incremental)


def test_parallel_full_recompute_equals_serial():
    profiles, needs = SYNTHETIC.profiles(200, skills=6), SYNTHETIC.needs(40)
    serial = fresh_engine(profiles, needs)
    parallel = MatchingEngine(TAXONOMY, k=5, depth=8)
    parallel.load(profiles, needs, workers=2)
    assert_same_ranking(top(parallel), top(serial))


def test_profile_change_reports_entered_and_left():
    profiles, needs = SYNTHETIC.profiles(120, skills=6), SYNTHETIC.needs(10)
    engine = fresh_engine(profiles, needs)
    need = needs[0]
    leader = engine.suggestions(need.id)[0].profile_id
    before = engine.profiles.profiles[engine.profiles.row_of[leader]]
    changes = engine.upsert_profile(replace(before, languages=frozenset({"xx"})))  # fails the language need
    change = next(c for c in changes if c.need_id == need.id)
    assert leader in change.left and len(change.entered) == 1
    assert leader not in [s.profile_id for s in engine.suggestions(need.id)]
    changes = engine.upsert_profile(before)
    change = next(c for c in changes if c.need_id == need.id)
    assert change.entered == (leader,) and engine.suggestions(need.id)[0].profile_id == leader
    weaker = dict.fromkeys(before.skills, 1)
    change = next(c for c in engine.upsert_profile(replace(before, skills=weaker)) if c.need_id == need.id)
    assert leader in change.rescored or leader in change.left


def test_withdrawn_consent_removes_the_profile_from_every_suggestion():
    profiles, needs = SYNTHETIC.profiles(120, skills=6), SYNTHETIC.needs(15)
    engine = fresh_engine(profiles, needs)
    counts: dict[str, int] = {}
    for n in needs:
        for s in engine.suggestions(n.id):
            counts[s.profile_id] = counts.get(s.profile_id, 0) + 1
    popular = max(counts, key=counts.get)
    changes = engine.remove_profile(popular)
    assert sum(popular in c.left for c in changes) == counts[popular]
    assert all(popular not in [s.profile_id for s in engine.suggestions(n.id)] for n in needs)
    assert all(popular not in engine.scores(n) for n in needs)


def test_new_need_is_ranked_at_once_and_removed_need_forgotten():
    profiles = SYNTHETIC.profiles(120, skills=6)
    engine = fresh_engine(profiles, [])
    need = SYNTHETIC.needs(1)[0]
    change = engine.upsert_need(need)
    assert list(change.entered) == [s.profile_id for s in engine.rank(need, 5)]
    assert engine.remove_need(need.id).left == change.entered
