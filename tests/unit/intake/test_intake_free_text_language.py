"""Free text is answered in the page's language (loads simplemma's dictionaries, so a few seconds)."""

import pytest

from services.intake.handlers.profile import suggest_skills

pytestmark = pytest.mark.slow
CUSTOMER_SERVICE = "http://data.europa.eu/esco/skill/15a33d76-4640-438d-ae64-fdc0c1d3eebc"


@pytest.mark.parametrize("page, label", [("sv", "kundservice"), ("fi", "asiakaspalvelu"),
                                         ("en", "customer service")])
def test_swedish_text_is_answered_in_the_pages_language(page, label):
    offered = suggest_skills("Jag har jobbat med svetsning och kundservice", None, page)
    assert offered[0] == {"uri": CUSTOMER_SERVICE, "label": label, "score": offered[0]["score"], "read_as": [],
                         "translated_as": []}
