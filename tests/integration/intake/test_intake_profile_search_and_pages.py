"""Finding ESCO skills (API, as you type, from free text) and the competence profile pages with their errors."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from services.intake.db import profile_skills, profiles
from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.integration.intake.personal_helpers import HTML, as_student, field_errors, register, rows, token
from tests.support import network as net

pytestmark = [pytest.mark.integration, SQLITE_ONLY]
WELDING = "http://data.europa.eu/esco/skill/530cb489-d900-46ab-9350-4d50ccd49eea"
SEARCH = "/intake/api/v1/skills/search"


def test_a_skill_is_found_and_added_without_javascript(manager, network):
    client = register(manager)
    url = f"/intake/clients/{client['id']}/profile"
    csrf = token(manager.get(url, headers=HTML).text)
    found = manager.post(f"{url}/skills", data={"csrf_token": csrf, "skill_query": "svetstekn", "level": "4",
                                                "evidence": "course", "action": "search"}, headers=HTML)
    assert found.status_code == 200 and f'value="{WELDING}"' in found.text
    assert 'value="svetstekn"' in found.text and "hitsaustekniikat" in found.text
    missing_ref = manager.post(f"{url}/skills", data={"csrf_token": csrf, "skill_uri": WELDING, "level": "4",
                                                      "evidence": "course", "action": "save"}, headers=HTML)
    assert missing_ref.status_code == 422 and "evidence_ref" in field_errors(missing_ref.text)
    assert f'value="{WELDING}" checked' in missing_ref.text  # the chosen skill stays chosen
    added = manager.post(f"{url}/skills", data={"csrf_token": csrf, "skill_uri": WELDING, "level": "4",
                                                "evidence": "course", "evidence_ref": "Hitsauskurssi",
                                                "action": "save"}, headers=HTML)
    assert added.status_code == 303
    assert "hitsaustekniikat" in manager.get(url, headers=HTML).text
    assert rows(network, profile_skills, client_id=client["id"], level=4) == 1


def test_skill_options_come_as_you_type_in_the_ui_language(manager):
    response = manager.get("/intake/profile/skill-options", query_string={"skill_query": "welding tech"},
                           headers={**HTML, "Accept-Language": "sv"})
    assert response.status_code == 200 and f'value="{WELDING}"' in response.text
    assert "svetstekniker" in response.text and "<html" not in response.text


def _offered_for(manager, free_text: str, language: str):
    """The profile page of a new client after asking for skills for `free_text`, in `language`."""
    client = register(manager)
    url = f"/intake/clients/{client['id']}/profile"
    headers = {**HTML, "Accept-Language": language}
    csrf = token(manager.get(url, headers=headers).text)
    return manager.post(f"{url}/skills", data={"csrf_token": csrf, "free_text": free_text, "level": "3",
                                               "evidence": "self", "action": "suggest"}, headers=headers)


def test_free_text_is_offered_as_skills_to_choose(manager):
    offered = _offered_for(manager, "I know welding techniques", "fi")
    assert offered.status_code == 200 and f'value="{WELDING}"' in offered.text


def test_adding_without_choosing_offers_the_free_texts_skills_again(manager):
    client = register(manager)
    url = f"/intake/clients/{client['id']}/profile"
    csrf = token(manager.get(url, headers=HTML).text)
    unchosen = manager.post(f"{url}/skills", data={"csrf_token": csrf, "free_text": "I know welding techniques",
                                                   "level": "3", "evidence": "self", "action": "save"}, headers=HTML)
    assert unchosen.status_code == 422 and "Etsi taito ja valitse se luettelosta." in unchosen.text
    assert f'value="{WELDING}"' in unchosen.text  # still there to choose, the text not to be sent again


def test_a_skill_offered_through_an_everyday_word_says_which_word_it_read(manager):
    offered = _offered_for(manager, "siivosin vessoja", "fi")
    assert offered.status_code == 200
    options = re.findall(r'<label class="field__option-label"[^>]*>(.*?)</label>', offered.text, re.S)
    read = [o for o in options if "siivota WC-tiloja" in o]
    assert len(read) == 1 and "Arkisana: vessa → wc" in read[0]
    # a skill found by the text's own word (siivosin ~ siivota) carries no note
    own_word = [o.strip() for o in options if o.strip().startswith("siivota ") and "wc" not in o.lower()]
    assert own_word and not any("field__option-note" in o for o in own_word)


@pytest.mark.parametrize(("language", "note"), [("fi", "Englanniksi: vitsailla → joke"),
                                                ("sv", "På engelska: vitsailla → joke")])
def test_a_skill_offered_through_the_dictionary_says_it_read_the_word_in_english(manager, language, note):
    offered = _offered_for(manager, "vitsailin asiakkaiden kanssa", language)
    assert offered.status_code == 200
    options = re.findall(r'<label class="field__option-label"[^>]*>(.*?)</label>', offered.text, re.S)
    read = [o for o in options if note in o]
    assert len(read) == 1 and "Arkisana" not in read[0] and "Vardagsord" not in read[0]


def test_bad_availability_is_shown_beside_the_fields_and_kept(manager, network):
    client = register(manager)
    url = f"/intake/clients/{client['id']}/profile"
    csrf = token(manager.get(url, headers=HTML).text)
    response = manager.post(url, data={"csrf_token": csrf, "hours_per_week": "80", "available_from": "2026-06-01",
                                       "available_until": "2026-05-01", "work_types": ["summer", "thesis"],
                                       "municipalities": ["609"]}, headers=HTML)
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert errors["hours_per_week"] == "Virhe: Anna viikkotunnit kokonaislukuna väliltä 1–60."
    assert re.search(r'<input checked id="work_types-\d"[^>]*value="summer"', response.text)
    assert re.search(r'<input checked id="municipalities-\d+"[^>]*value="609"', response.text)
    fixed = manager.post(url, data={"csrf_token": csrf, "hours_per_week": "20", "available_from": "2026-06-01",
                                    "available_until": "2026-05-01", "work_types": ["summer"]}, headers=HTML)
    assert fixed.status_code == 422 and "available_until" in field_errors(fixed.text)
    assert rows(network, profiles, client_id=client["id"]) == 0
    saved = manager.post(url, data={"csrf_token": csrf, "hours_per_week": "20", "work_types": ["summer"],
                                    "municipalities": ["609"], "service_areas": ["kaakkois-satakunta"],
                                    "languages": ["fi", "sv"], "driving_licence": "y"}, headers=HTML)
    assert saved.status_code == 303
    stored = manager.get(f"/intake/api/v1/clients/{client['id']}/profile").get_json()
    assert (stored["hours_per_week"], stored["municipalities"], stored["languages"], stored["driving_licence"]) == (
        20, ["609"], ["fi", "sv"], True)
    card = manager.get(f"/intake/clients/{client['id']}", headers=HTML).text
    assert 'id="profile-card-title"' in card and "Pori, Kaakkois-Satakunta" in card and "Kesätyö" in card


def test_the_student_fills_in_their_own_profile_on_their_page(manager, network):
    client = register(manager)
    student = as_student(network, client["id"])
    page = student.get("/intake/me/profile", headers=HTML)
    assert page.status_code == 200 and "Osaamisprofiilini" in page.text
    saved = student.post("/intake/me/profile", data={"csrf_token": token(page.text), "work_types": ["thesis"]},
                         headers=HTML)
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/intake/me/profile")
    assert "Osaamisprofiilini" in student.get("/intake/me", headers=HTML).text
    assert student.get(f"/intake/clients/{client['id']}/profile", headers=HTML).status_code == 403
    for level, evidence, ref in (("2", "self", ""), ("4", "course", "Hitsauskurssi")):
        added = student.post("/intake/me/profile/skills", headers=HTML, data={
            "csrf_token": token(page.text), "skill_uri": WELDING, "level": level, "evidence": evidence,
            "evidence_ref": ref, "action": "save"})
        assert added.status_code == 303
    # The same skill twice on the own page: each says where it was shown, so neither looks like a mistake.
    mine = " ".join(student.get("/intake/me", headers=HTML).text.split())
    assert "hitsaustekniikat – 2 – perusteet (Oma arvio)" in mine
    assert "hitsaustekniikat – 4 – taitava (Kurssi: Hitsauskurssi)" in mine


@pytest.mark.parametrize("query, lang, label", [
    ("hitsaustekniikat", "fi", "hitsaustekniikat"),
    ("svetstekn", "sv", "svetstekniker"),
    ("welding techniques", "en", "welding techniques"),
    ("svetstekniker", "fi", "hitsaustekniikat"),  # found by its Swedish label, answered in Finnish
])
def test_a_skill_is_found_by_any_of_its_labels(network, query, lang, label):
    hits = net.client_as(network, "manager1").get(SEARCH, query_string={"q": query, "lang": lang}).get_json()
    assert {"uri": WELDING, "label": label} in [{"uri": h["uri"], "label": h["label"]} for h in hits]


def test_partners_and_students_may_search_too_but_not_anonymous_users(network):
    assert net.client_as(network, "partner1").get(SEARCH, query_string={"q": "python"}).status_code == 200
    assert as_student(network, None).get(SEARCH, query_string={"q": "python"}).status_code == 200
    assert net.client_as(network, "coordinator").get(SEARCH, query_string={"q": "x"}).status_code == 403
    anonymous = Client(network.wsgi).get(SEARCH, query_string={"q": "python"}, headers={"Accept": "application/json"})
    assert anonymous.status_code == 401


@pytest.mark.parametrize("args, field", [({}, "q"), ({"q": ""}, "q"), ({"q": "x" * 101}, "q"),
                                         ({"q": "x", "lang": "de"}, "lang"), ({"q": "x", "limit": 0}, "limit")])
def test_bad_search_arguments_are_422(network, args, field):
    response = net.client_as(network, "manager1").get(SEARCH, query_string=args)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("text, lang", [("I know welding techniques", "en"), ("Osaan hitsaustekniikat", "fi")])
def test_free_text_is_offered_as_taxonomy_skills(network, text, lang):
    response = net.client_as(network, "manager1").post("/intake/api/v1/skills/suggestions", json={
        "text": text, "lang": lang, "label_lang": "fi"})
    assert response.status_code == 200
    offered = response.get_json()
    assert WELDING in [o["uri"] for o in offered]
    assert next(o["label"] for o in offered if o["uri"] == WELDING) == "hitsaustekniikat"


def test_the_api_names_a_word_read_through_the_dictionary_apart_from_everyday_words(network):
    response = net.client_as(network, "manager1").post("/intake/api/v1/skills/suggestions", json={
        "text": "vitsailin asiakkaiden kanssa", "lang": "fi", "label_lang": "fi"})
    assert response.status_code == 200
    [humour] = [o for o in response.get_json() if "vitsailla → joke" in o["translated_as"]]
    assert "vitsailla → joke" not in humour["read_as"]


def test_bad_free_text_is_422(network):
    response = net.client_as(network, "manager1").post("/intake/api/v1/skills/suggestions", json={"text": "x"})
    assert response.status_code == 422 and "text" in response.get_json()["error"]["fields"]
