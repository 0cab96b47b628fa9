"""The administrator's new user account in the browser (the rules of `kampus users create`): the holder gets a
one-time code, shown to the administrator once, and sets their own password with it at /welcome; refused input
is said beside its field and kept; only the administrator may; the creation is audited."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from werkzeug.test import Client

from services.portal.db import invitations, users
from tests.support import network as net
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration
network = net.module_network("new-users")
HTML = {"Accept": "text/html"}
CODE = re.compile(r"[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}")
NEW = "/admin/users/new"


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def signed_in(network, username: str, password: str = "demo") -> Client:
    browser = Client(network.wsgi)
    csrf = csrf_of(browser.get("/login").get_data(as_text=True))
    response = browser.post("/login", data={"username": username, "password": password, "csrf_token": csrf})
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def create(browser: Client, **fields):
    page = browser.get(NEW, headers=HTML)
    assert page.status_code == 200
    form = {"display_name": "Maija Meikäläinen", "username": "maija.meikalainen", "role": "manager",
            "organisation": "samk", "email": "", **fields}
    return browser.post(NEW, data={**form, "csrf_token": csrf_of(page.get_data(as_text=True))}, headers=HTML)


def user_count(network) -> int:
    with network.identity.db.session() as s:
        return s.execute(select(func.count()).select_from(users)).scalar_one()


def beside(page: str, field: str) -> str:
    """The error list beside a field of the page."""
    found = re.search(rf'<ul class="field__errors" id="{field}-error">(.*?)</ul>', page, re.S)
    return found.group(1) if found else ""


def chosen(page: str, field: str) -> str | None:
    """The option selected in a select of the page, if any."""
    select_html = re.search(rf'<select[^>]*id="{field}".*?</select>', page, re.S).group(0)
    found = re.search(r'<option selected value="([^"]*)"', select_html)
    return found.group(1) if found else None


def test_the_administrator_creates_an_account_whose_holder_sets_their_own_password(network, caplog):
    admin = signed_in(network, "admin")
    assert f'href="{NEW}"' in admin.get("/admin/users", headers=HTML).get_data(as_text=True)
    # The administrator (of the network's own organisation) makes a login of a member organisation.
    done = create(admin, username="  Maija.Meikalainen ", email="maija@example.fi")
    page = done.get_data(as_text=True)
    assert done.status_code == 200, page
    user = network.identity.get("maija.meikalainen")
    assert (user.display_name, user.organisation, user.roles) == ("Maija Meikäläinen", "samk", ("manager",))
    code = CODE.search(page).group(0)
    assert "maija.meikalainen" in page and "Satakunnan ammattikorkeakoulu (demo)" in page
    assert "Palvelumanageri" in page and "/welcome" in page and "näytetään vain kerran" in page
    assert user.id not in page, "people see names, never ids"
    with network.identity.db.session() as s:
        stored = s.execute(select(invitations.c.code_hash).where(invitations.c.user_id == user.id)).scalars().all()
    assert len(stored) == 1 and code not in stored[0] and code.replace("-", "") not in stored[0]
    assert network.identity.authenticate("maija.meikalainen", "", "198.51.100.7") is None, "no password yet"

    logged = caplog.text
    assert "user_created" in logged and code not in logged, "the code is never logged"
    entry = [e for e in audit_entries(network.portal) if e["action"] == "create"][-1]
    assert (entry["object_type"], entry["purpose"]) == ("user_account", "administration")
    assert user.id in entry["object_ids"] and entry["actor"] == network.identity.get("admin").id

    holder = Client(network.wsgi)
    form = holder.get("/welcome", headers=HTML).get_data(as_text=True)
    taken = holder.post("/welcome", headers=HTML, data={"csrf_token": csrf_of(form), "code": code,
                                                        "new": "oma-salasana-42", "repeat": "oma-salasana-42"})
    assert taken.status_code == 303 and taken.headers["Location"].endswith("/intake/desk"), "a manager's landing"
    assert holder.get("/intake/desk", headers=HTML).status_code == 200
    assert signed_in(network, "maija.meikalainen", "oma-salasana-42")
    again = Client(network.wsgi)
    form = again.get("/welcome", headers=HTML).get_data(as_text=True)
    assert again.post("/welcome", headers=HTML, data={"csrf_token": csrf_of(form), "code": code}).status_code == 422


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"display_name": "  "}, "display_name", "Anna henkilön nimi."),
    ({"username": "Manager1"}, "username", "Tämä käyttäjätunnus on jo käytössä."),
    ({"username": "uusi\u2028rivi"}, "username", "Käyttäjätunnuksessa ei voi olla ohjausmerkkejä eikä rivinvaihtoja."),
    ({"role": "superuser"}, "role", "Valitse rooli."),
    ({"role": "student"}, "role", "Opiskelijan tunnuksen luo hänen palvelumanagerinsa asiakaskortilta, jolloin"),
    ({"organisation": "nowhere"}, "organisation", "Organisaatiota ei ole."),
    ({"email": "maija(at)example"}, "email", "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
])
def test_refused_input_is_said_beside_its_field_and_kept(network, fields, field, message):
    admin = signed_in(network, "admin")
    before = user_count(network)
    refused = create(admin, **{"display_name": "Ville Väinö", "username": "ville.vaino", **fields})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert message in beside(page, field) and CODE.search(page) is None
    assert user_count(network) == before
    typed = {"display_name": "Ville Väinö", "username": "ville.vaino", "role": "manager", "organisation": "samk",
             **fields}
    for name in ("display_name", "username"):
        if typed[name].strip() and "\u2028" not in typed[name]:
            assert f'value="{typed[name]}"' in page, f"{name} is kept"
    for name in ("role", "organisation"):
        assert chosen(page, name) == (typed[name] if typed[name] in ("manager", "samk") else None)


def test_an_empty_form_names_every_missing_field(network):
    admin = signed_in(network, "admin")
    before = user_count(network)
    page = admin.get(NEW, headers=HTML).get_data(as_text=True)
    refused = admin.post(NEW, data={"csrf_token": csrf_of(page)}, headers=HTML)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and user_count(network) == before
    assert "Anna henkilön nimi." in beside(text, "display_name")
    assert "Anna käyttäjätunnus." in beside(text, "username")
    assert "Valitse rooli." in beside(text, "role")
    assert "Valitse organisaatio." in beside(text, "organisation")
    assert beside(text, "email") == "", "the e-mail address is optional"


@pytest.mark.parametrize("username", ["manager1", "partner1", "student1", "coordinator"])
def test_only_the_administrator_reaches_the_form(network, username):
    browser = signed_in(network, username)
    before = user_count(network)
    assert browser.get(NEW, headers=HTML).status_code == 403
    csrf = csrf_of(browser.get("/account/password", headers=HTML).get_data(as_text=True))
    posted = browser.post(NEW, headers=HTML, data={"csrf_token": csrf, "display_name": "Ville Väinö",
                                                   "username": f"from.{username}", "role": "admin",
                                                   "organisation": "verkosto"})
    assert posted.status_code == 403 and user_count(network) == before
    assert network.identity.get(f"from.{username}") is None


def test_nobody_signed_in_is_sent_to_the_login(network):
    anonymous = Client(network.wsgi)
    for answer in (anonymous.get(NEW, headers=HTML), anonymous.post(NEW, headers=HTML, data={})):
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]
