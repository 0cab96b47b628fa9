"""The canonical JSON of an entry around its number (what the store's server-side append hashes) is the entry's
canonical JSON once the number is put in, whatever the entry holds."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from shared.audit import chain


def test_head_number_and_tail_make_the_canonical_json_of_the_numbered_entry():
    entry = {"at": datetime(2026, 12, 7, 8, 0, 1, 5, tzinfo=UTC), "service": "intake", "organisation": "sataedu",
             "actor": "u-1", "actor_organisation": "sataedu", "actor_role": "manager", "action": "read",
             "object_type": "client_list", "object_ids": (), "subject_ids": ["c-2", "c-1"], "purpose": "guidance",
             "category": "special", "detail": {"fields": ["health"], "note": "Åke \"quoted\"",
                                                "id": uuid.UUID("00000000-0000-0000-0000-000000000001")}}
    head, tail = chain.canonical_around_seq(entry)
    assert head + "42" + tail == chain.canonical({**entry, "seq": 42})
    # by hand: the keys sorted, "seq" between "purpose" and "service", the UUID as its text, no escaping of Å
    assert head.endswith('"purpose":"guidance","seq":')
    assert tail == ',"service":"intake","subject_ids":["c-2","c-1"]}'
    assert ('"detail":{"fields":["health"],"id":"00000000-0000-0000-0000-000000000001",'
            '"note":"Åke \\"quoted\\""}') in head
    assert head.startswith('{"action":"read","actor":"u-1","actor_organisation":"sataedu","actor_role":"manager",'
                           '"at":"2026-12-07T08:00:01.000005Z","category":"special",')


def test_an_entry_without_its_optional_parts_splits_the_same_way():
    entry = {"at": "2026-12-07T08:00:00.000000Z", "action": "export", "object_type": "client", "purpose": "rights",
             "category": "personal", "object_ids": None, "subject_ids": None, "detail": None}
    head, tail = chain.canonical_around_seq(entry)
    assert head + "7" + tail == chain.canonical({**entry, "seq": 7})
    assert tail == ',"service":null,"subject_ids":[]}'
