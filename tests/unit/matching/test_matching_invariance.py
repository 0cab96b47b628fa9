"""Matching never sees protected attributes, and identifiers do not move rankings."""
from __future__ import annotations

import dataclasses
import random

from services.matching.domain import MatchingEngine, Profile, profile_from_record
from services.matching.domain.synthetic import SyntheticPopulation, synthetic_taxonomy

PROTECTED = {"gender", "sex", "age", "birth_date", "birth_year", "mother_tongue", "native_language", "name",
             "first_name", "last_name", "organisation", "organization", "institution", "email", "ssn"}
TAXONOMY = synthetic_taxonomy(70, 7, seed=11)
SYNTHETIC = SyntheticPopulation(70, seed=11, occupations=TAXONOMY.occupations)


def test_profile_has_no_protected_attributes():
    names = {f.name for f in dataclasses.fields(Profile)}
    assert not names & PROTECTED
    assert "id" in names  # a pseudonymous id only


def ranking(profiles, needs) -> dict[str, list[tuple[float, str]]]:
    engine = MatchingEngine(TAXONOMY, k=10)
    engine.load(profiles, needs)
    return {n.id: [(s.score, s.profile_id) for s in engine.suggestions(n.id, explain=False)] for n in needs}


def test_rankings_ignore_protected_attributes_in_the_source_records():
    rnd = random.Random(0)
    base = SYNTHETIC.profiles(150, skills=6)
    needs = SYNTHETIC.needs(12)

    def records(seed: int) -> list[Profile]:
        r = random.Random(seed)
        out = []
        for p in base:
            record = {f.name: getattr(p, f.name) for f in dataclasses.fields(p) if f.name != "id"}
            record.update(gender=r.choice(["female", "male", "other"]), age=r.randint(16, 35),
                          mother_tongue=r.choice(["fi", "sv", "ar", "so"]), name=f"Name {r.random()}",
                          organisation=r.choice(["sakky", "samk", "winnova"]))
            out.append(profile_from_record(p.id, record))
        return out

    first, second = records(rnd.randint(0, 99)), records(rnd.randint(100, 199))
    assert [p.fingerprint() for p in first] == [p.fingerprint() for p in second]
    assert ranking(first, needs) == ranking(second, needs)


def test_rankings_do_not_depend_on_ids_or_loading_order():
    base = SYNTHETIC.profiles(150, skills=6)
    needs = SYNTHETIC.needs(12)
    rename = {p.id: f"x{i:04}" for i, p in enumerate(random.Random(3).sample(base, len(base)))}
    renamed = [dataclasses.replace(p, id=rename[p.id]) for p in base]
    random.Random(4).shuffle(renamed)
    original, shuffled = ranking(base, needs), ranking(renamed, needs)
    for need in needs:
        assert [s for s, _ in shuffled[need.id]] == [s for s, _ in original[need.id]]
        # equal scores may swap places (ties break by id); otherwise the same profiles in the same order
        by_score = lambda rows: sorted((s, ids) for s, ids in _grouped(rows).items())  # noqa: E731
        assert by_score(shuffled[need.id]) == by_score([(s, rename[p]) for s, p in original[need.id]])


def _grouped(rows):
    groups: dict[float, frozenset[str]] = {}
    for score, pid in rows:
        groups[score] = groups.get(score, frozenset()) | {pid}
    return groups
