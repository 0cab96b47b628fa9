"""The offline ranking benchmark (`kampus matching evaluate --esco`) on a tiny taxonomy, metrics by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

from services.matching.domain import evaluation as ev
from services.matching.domain.model import CompetenceNeed, Profile, RequiredSkill
from services.matching.domain.synthetic import SyntheticTaxonomy, synthetic_taxonomy

# Six skills, each in its own group except 1 and 2 (group "g": siblings for the idf baseline).
TAXONOMY = SyntheticTaxonomy(broader=((),) * 6, related=((),) * 6,
                             groups=(("a",), ("g",), ("g",), ("b",), ("c",), ("d",)), occupations=())
OCCUPATIONS = (ev.OccupationSkills("1111", (0, 1), ()), ev.OccupationSkills("1111", (2, 3), ()),
               ev.OccupationSkills("2222", (4, 5), ()))
BENCH = ev.Benchmark(
    occupations=OCCUPATIONS,
    persons=(Profile("p0", {0: 3, 1: 3}), Profile("p1", {2: 3}), Profile("p2", {4: 3}), Profile("p3", {1: 3})),
    person_occupation=np.array([0, 1, 2, 0]),
    needs=(CompetenceNeed("n0", (RequiredSkill(0), RequiredSkill(1))),),
    need_occupation=np.array([0]))
IDEAL = 2 + 2 / math.log2(3) + 1 / math.log2(4)  # grades 2, 2, 1


def test_grades_follow_the_occupation_and_its_isco_group():
    assert BENCH.grades(0).tolist() == [2, 1, 0, 2]


def test_ndcg_and_precision_of_a_given_ranking():
    ndcg, precision = ev.score(BENCH, lambda i: ["p0", "p1", "p3"])
    assert ndcg == pytest.approx((2 + 1 / math.log2(3) + 2 / math.log2(4)) / IDEAL)
    assert precision == pytest.approx(3 / 10)  # three relevant among the first ten places


def test_jaccard_baseline():
    # p0 {0,1}: 1; p3 {1}: 1/2; p1 and p2 share nothing and are not ranked
    ndcg, precision = ev.score(BENCH, ev.jaccard_ranker(TAXONOMY, BENCH))
    assert ndcg == pytest.approx((2 + 2 / math.log2(3)) / IDEAL)
    assert precision == pytest.approx(2 / 10)


def test_idf_baseline_gives_half_credit_for_a_sibling():
    rank = ev.idf_sibling_ranker(TAXONOMY, BENCH)
    # idf0 = ln(5/2) + 1, idf1 = ln(5/3) + 1; p3 holds 1 (idf1 / sum), p1 holds 2, a sibling of 1 (half that)
    assert rank(0) == ["p0", "p3", "p1"]
    assert ev.score(BENCH, rank) == (pytest.approx(1.0), pytest.approx(3 / 10))


def test_engine_ranks_the_benchmark():
    assert ev.engine_ranker(TAXONOMY, BENCH)(0)[:2] == ["p0", "p3"]
    results = ev.evaluate(TAXONOMY, BENCH)
    assert set(results) == {"engine", "jaccard", "idf + siblings"}
    assert "engine - best baseline NDCG@10" in ev.table(results)


def test_build_is_seeded_and_draws_persons_and_needs_from_occupations():
    taxonomy = synthetic_taxonomy(n_skills=60, seed=3)
    occupations = [ev.OccupationSkills(str(i // 2), e, o) for i, (e, o) in enumerate(taxonomy.occupations)]
    a = ev.build(taxonomy, occupations, seed=5, n_occupations=6, persons_per_occupation=3, n_needs=10)
    b = ev.build(taxonomy, occupations, seed=5, n_occupations=6, persons_per_occupation=3, n_needs=10)
    assert [p.skills for p in a.persons] == [p.skills for p in b.persons]
    assert len(a.persons) == 3 * len(set(a.person_occupation.tolist())) and len(a.needs) == 10
    for need, occ in zip(a.needs, a.need_occupation):
        o = occupations[occ]
        assert all(r.skill in o.essential if r.essential else r.skill in o.optional for r in need.skills)
    assert all(max(a.grades(i)) == 2 for i in range(len(a.needs)))


def test_the_engine_learns_co_occupation_only_from_occupations_the_benchmark_did_not_draw_from():
    extra = ev.OccupationSkills("3333", (1, 4), ())
    bench = ev.Benchmark(OCCUPATIONS + (extra,), BENCH.persons, BENCH.person_occupation, BENCH.needs,
                         BENCH.need_occupation)
    assert ev.held_out_occupations(bench) == [(1, 4)]  # occupations 0, 1, 2 define persons and needs
