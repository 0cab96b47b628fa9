"""The log review's figures, computed by hand from six entries."""
from __future__ import annotations

import csv
import io

from shared.audit import review
from shared.audit.labels import translator


def entry(action, actor, actor_org, org, subjects, purpose="guidance", category="personal"):
    return {"action": action, "actor": actor, "actor_organisation": actor_org,
            "actor_role": "manager" if actor else None, "organisation": org, "subject_ids": subjects,
            "purpose": purpose, "category": category}


ENTRIES = [
    entry("read", "u1", "sataedu", "sataedu", ["c1", "c2", "c3"]),
    entry("read", "u1", "sataedu", "sataedu", ["c1"]),
    entry("update", "u2", "sataedu", "sataedu", ["c4"], purpose="correction"),
    entry("read", "u3", "samk", "sataedu", ["c1"], category="special_category"),  # another organisation's user
    entry("read", "u4", "samk", "samk", ["x1"]),  # neither sataedu's data nor a sataedu user: not counted
    entry("disclose", None, None, "sataedu", ["c1", "c2"], purpose="statistics"),
]
U1, U2, U3, SYSTEM = ("u1", "sataedu", "manager"), ("u2", "sataedu", "manager"), ("u3", "samk", "manager"), \
    ("-", "-", "-")


def test_counts_by_actor_action_purpose_and_category():
    result = review.review(ENTRIES, "sataedu")
    assert result.entries == 5
    assert result.by_actor == {U1: 2, U2: 1, U3: 1, SYSTEM: 1}
    assert result.clients_handled == {U1: 3, U2: 1, U3: 1, SYSTEM: 2}
    assert result.by_action == {"read": 3, "update": 1, "disclose": 1}
    assert result.by_purpose == {"guidance": 3, "correction": 1, "statistics": 1}
    assert result.by_category == {"personal": 4, "special_category": 1}
    assert result.outside_reads == {U3: 1}


def test_unusual_volumes_over_a_limit_or_three_times_the_median():
    result = review.review(ENTRIES, "sataedu")
    assert result.unusual() == []  # median 1.5: nobody above 4.5 or 100
    assert result.unusual(limit=2) == [(U1, 3)]
    many = [entry("read", "u9", "sataedu", "sataedu", [f"c{n}" for n in range(10)]),
            *(entry("read", f"v{n}", "sataedu", "sataedu", ["c1"]) for n in range(3))]
    assert review.review(many, "sataedu").unusual() == [(("u9", "sataedu", "manager"), 10)]  # 10 > 3 x 1


def test_the_report_in_finnish_swedish_english_and_csv():
    result = review.review(ENTRIES, "sataedu")
    finnish = review.as_text(result, translator("fi"), "2026-01-01", "2026-01-31", {"u3": "Sanna"}.get)
    assert "Lokikatselmus: sataedu, 2026-01-01 – 2026-01-31" in finnish
    assert "palveluohjaus: 3" in finnish and "Sanna (samk, manager): 1" in finnish
    assert "Läsningar av användare i en annan organisation" in review.as_text(result, translator("sv"), "a", "b")
    assert "service guidance: 3" in review.as_text(result, translator("en"), "a", "b")
    rows = list(csv.reader(io.StringIO(review.as_csv(result, translator("en")))))
    assert rows[0] == ["section", "code", "organisation", "role", "name", "count"]
    assert ["purpose", "guidance", "", "", "service guidance", "3"] in rows
    assert ["outside_read", "u3", "samk", "manager", "", "1"] in rows
