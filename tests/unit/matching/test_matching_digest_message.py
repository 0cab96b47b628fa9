"""The digest's message: per need or environment a count and the best fit, no client named by id or pseudonym."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

from services.matching.handlers.digest import compose


def item(target_id: str, title: str | None, score: float) -> dict:
    return {"client_id": str(uuid.uuid4()), "target_kind": "need", "target_id": target_id, "target_title": title,
            "target_owner": "Kone Oy" if title else None, "score": score}


def test_suggestions_are_counted_per_target_with_the_best_fit_and_no_id():
    need, gone = str(uuid.uuid4()), str(uuid.uuid4())
    rows = [item(need, "Varastotyö", 0.61), item(gone, None, 0.5), item(need, "Varastotyö", 0.874)]
    sub = SimpleNamespace(locale="fi", email="m@example.fi")
    body = compose(sub, rows, datetime(2026, 12, 1, 8, 0, tzinfo=UTC), "k@example.fi", "https://x/suggestions")
    text = body.get_content()
    assert "- Varastotyö (Kone Oy): 2 uutta ehdotusta, paras sopivuus 87 %" in text  # max(61, 87)
    assert "- tarve tai ympäristö, jota ei enää ole listalla (-): 1 uusi ehdotus, paras sopivuus 50 %" in text
    assert body["Subject"] == "Sosiaalinen kampus: uusia ehdotuksia (3)"
    ids = [r["client_id"] for r in rows] + [need, gone]
    assert not any(i in text or i[:8] in text for i in ids)
    assert not re.search(r"[0-9a-f]{8}", text)


def test_the_message_is_in_the_subscribers_language():
    rows = [item(str(uuid.uuid4()), "Lager", 0.5)]
    sv = compose(SimpleNamespace(locale="sv", email="m@example.fi"), rows, datetime(2026, 12, 1, tzinfo=UTC),
                 "k@example.fi", "https://x/suggestions").get_content()
    assert "- Lager (Kone Oy): 1 nytt förslag, högsta lämplighet 50 %" in sv
    en = compose(SimpleNamespace(locale="en", email="m@example.fi"), rows * 2, datetime(2026, 12, 1, tzinfo=UTC),
                 "k@example.fi", "https://x/suggestions").get_content()
    assert "- Lager (Kone Oy): 2 new suggestions, best fit 50 %" in en
