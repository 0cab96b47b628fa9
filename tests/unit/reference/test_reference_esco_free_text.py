"""Free-text normalisation to ESCO skills (loads simplemma's dictionaries, so a few seconds)."""

import pytest

from shared.reference import esco

pytestmark = pytest.mark.slow


def english(hits):
    tax = esco.load_taxonomy()
    return [tax.label(h.index, "en") for h in hits]


def test_finnish_text_offers_welding_and_customer_service():
    hits = esco.normalise_free_text("osaan hitsata ja asiakaspalvelua")
    assert hits and all(h.lang == "fi" for h in hits)
    assert any("hitsa" in h.label for h in hits)
    assert any("asiakaspalvelu" in h.label for h in hits)
    assert any("weld" in label for label in english(hits))
    assert any("customer service" in label for label in english(hits))


def test_swedish_text_is_detected_and_matched():
    hits = esco.normalise_free_text("jag kan svetsa och har jobbat med kundservice")
    assert hits and all(h.lang == "sv" for h in hits)
    assert hits[0].label == "kundservice"
    assert any("svets" in h.label for h in hits)


def test_english_text():
    hits = esco.normalise_free_text("I can weld and I have worked in customer service", lang="en")
    assert hits[0].label == "customer service"
    assert any("weld" in h.label for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_finnish_compound_is_split():
    hits = esco.normalise_free_text("lastenhoito", lang="fi")
    assert any("lap" in h.label or "lasten" in h.label for h in hits[:3])


def test_nothing_to_match():
    assert esco.normalise_free_text("") == []
    assert esco.normalise_free_text("ja ja ja", lang="fi") == []
    assert len(esco.normalise_free_text("hitsata", lang="fi", limit=3)) == 3
