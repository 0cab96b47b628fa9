"""A partner's own competence needs, as a partner met them walking the product: a refused skill is named in the
form's summary, the needs' days are Finnish and the page says when no contact details have been shared yet."""
from __future__ import annotations

import re

import pytest

from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.support.intake_partners import browser_as, csrf_of, link_partner

pytestmark = [pytest.mark.integration, SQLITE_ONLY]


@pytest.fixture(scope="module")
def partner(network):
    """Konepaja's own user, its partner recorded by sataedu's manager and linked to the user's organisation."""
    manager = browser_as(network, "manager1")
    token = csrf_of(manager.get("/intake/partners/new").text)
    recorded = manager.post("/intake/partners/new", data={
        "csrf_token": token, "name": "Konepaja Virtanen Oy", "kind": "company", "business_id": "2464491-9",
        "municipality": "609", "industry": "25", "contacts-0-name": "Kaisa Kumppani", "contacts-1-name": ""})
    assert recorded.status_code == 303
    link_partner(network, recorded.headers["Location"].rsplit("/", 1)[1], "konepaja-virtanen")
    return browser_as(network, "partner1")


def need(token: str, **fields) -> dict:
    data = {"csrf_token": token, "title": "Asentaja", "work_type": "part_time", "hours_per_week": "20",
            "start_date": "2026-12-22", "end_date": "2027-05-31", "people": "1", "status": "open",
            **{f"skills-{i}-skill": "" for i in range(3)}}
    return {**data, **fields}


def summary_of(page: str) -> list[str]:
    found = re.search(r'class="error-summary__list">(.*?)</ul>', page, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)] \
        if found else []


def test_an_unknown_skill_is_named_in_the_summary_above_the_form(partner):
    token = csrf_of(partner.get("/intake/my/needs/new").text)
    refused = partner.post("/intake/my/needs/new", data=need(token, **{"skills-1-skill": "hitsaaminen xyz"}))
    assert refused.status_code == 422
    assert summary_of(refused.text) == ["Taito 2: Tuntematon taito."]
    assert '<a href="#skills-1-skill">' in refused.text and 'value="hitsaaminen xyz"' in refused.text


def test_the_needs_days_are_finnish_and_the_page_says_no_contacts_were_shared_yet(partner):
    token = csrf_of(partner.get("/intake/my/needs/new").text)
    assert partner.post("/intake/my/needs/new", data=need(token)).status_code == 303
    page = partner.get("/intake/my/needs").text
    assert "<td>22.12.2026 – 31.5.2027</td>" in page and "2026-12-22" not in page
    assert "Teille ei ole vielä jaettu yhteystietoja." in page and 'id="shared-contacts"' in page
