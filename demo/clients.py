"""Demo content for the embedded network, entered through the public API as people would.

Seeded once with the demo users (`kampus dev`): a few clients of the member organisations with
their consents, the demo student's own client record linked to the `student1` login, and then the
network's story (demo/story.py): partners and their competence needs, project learning
environments at every stage with participants, surveys, assessments and outcomes, so that a
newcomer finds a living network to look at. Every record here is fictional.
"""
from __future__ import annotations

from werkzeug.test import Client

from demo import story
from demo.story import DemoError
from services.portal.handlers.identity import access_token

CLIENTS = [
    # (manager, first, last, birth date, municipality, gender, field of education, employment, ISCED)
    ("manager1", "Aino", "Demo", "2005-03-14", "214", "woman", "071", "unemployed", 3),
    ("manager1", "Eetu", "Esimerkki", "2004-11-02", "609", "man", "041", "inactive", 2),
    ("manager2", "Sara", "Kokeilu", "2003-06-21", "102", "undisclosed", "061", "unemployed", 3),
    ("manager5", "Leo", "Testinen", "2006-01-30", "230", "man", "081", "inactive", 2),
]
# The demo student's own client record, linked to the `student1` login.
OWN_RECORD = ("manager1", "Opiskelija", "Yksi", "2005-09-09", "214", "undisclosed", "071", "unemployed", 3)
ALL_CONSENTS = {"service": True, "profile_sharing": True, "contact_to_partner": False, "statistics": True,
                "overlap": True}


def _headers(network, username: str) -> dict:
    user = network.identity.get(username)
    token = access_token(network.portal.config.token_settings, user)
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def _register(network, manager: str, first: str, last: str, born: str, municipality: str, gender: str,
              field: str, employment: str, isced: int) -> str:
    response = Client(network.wsgi).post("/intake/api/v1/clients", headers=_headers(network, manager), json={
        "first_name": first, "last_name": last, "birth_date": born, "home_municipality": municipality,
        "gender": gender, "field_of_education": field, "employment_status": employment,
        "education_level": isced, "education_status": "studying", "mother_tongue": "fi",
        "languages": [{"code": "fi", "level": "native"}], "consents": ALL_CONSENTS})
    if response.status_code != 201:
        raise DemoError(f"registering a demo client failed: {response.status_code} {response.get_data(as_text=True)}")
    return response.get_json()["id"]


def _seed_clients(network) -> bool:
    """Enter the demo clients unless the demo student already has a client record."""
    student = network.identity.get("student1")
    if student is None or student.client_id:
        return False
    for row in CLIENTS:
        _register(network, *row)
    own = _register(network, *OWN_RECORD)
    network.identity.link_client("student1", own)
    network.settle()
    return True


def seed(network) -> bool:
    """Enter the demo clients and the network's story, whatever of them is not there yet.

    True when something was entered; a second run finds everything by its natural key and enters nothing.
    Without the demo users (the `student1` login) there is nobody to enter anything: nothing happens.
    """
    if network.identity.get("student1") is None:
        return False
    entered = _seed_clients(network)
    return story.seed(network) or entered
