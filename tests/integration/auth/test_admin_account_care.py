"""The administrator's care of accounts in the browser: the users page says which accounts were never taken into
use and whether their code has expired, with each account's last login in Finnish form, and finds the stale
invitations; a new one-time code (shown once, audited) makes the old code and the old password stop working and
lets its holder set a new password; the administrator's own account and a deactivated one are refused."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from werkzeug.test import Client

from services.portal.db import invitations, users
from tests.integration.auth.test_new_user_accounts import CODE, HTML, signed_in
from tests.support import network as net
from tests.support.factories import audit_entries
from tests.support.intake_partners import csrf_of

pytestmark = pytest.mark.integration
network = net.module_network("account-care")
USERS = "/admin/users"


def finnish_day(moment: datetime) -> str:
    """The day of a moment in Finland, as Finns write it: 8.12.2026."""
    day = moment.astimezone(ZoneInfo("Europe/Helsinki")).date()
    return f"{day.day}.{day.month}.{day.year}"


def listed(admin: Client, show: str = "") -> str:
    page = admin.get(USERS + (f"?show={show}" if show else ""), headers=HTML)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def row_of(page: str, username: str) -> str | None:
    found = re.search(rf"<tr><td>{re.escape(username)}</td>(.*?)</tr>", page, re.S)
    return found.group(1) if found else None


def create(admin: Client, username: str, name: str) -> str:
    """A new manager account of SAMK made on the page; its one-time code."""
    form = admin.get("/admin/users/new", headers=HTML).get_data(as_text=True)
    done = admin.post("/admin/users/new", headers=HTML, data={
        "csrf_token": csrf_of(form), "display_name": name, "username": username, "role": "manager",
        "organisation": "samk", "email": ""})
    assert done.status_code == 200
    return CODE.search(done.get_data(as_text=True)).group(0)


def new_code(admin: Client, username: str):
    csrf = csrf_of(listed(admin))
    return admin.post("/admin/users/code", headers=HTML, data={"csrf_token": csrf, "username": username})


def welcome(network, code: str, password: str | None = None):
    """The holder gives the code at /welcome (and a password, if given)."""
    holder = Client(network.wsgi)
    form = holder.get("/welcome", headers=HTML).get_data(as_text=True)
    data = {"csrf_token": csrf_of(form), "code": code}
    if password:
        data |= {"new": password, "repeat": password}
    return holder.post("/welcome", headers=HTML, data=data)


def test_a_stale_invitation_is_found_given_a_new_code_and_taken_into_use(network, caplog):
    admin = signed_in(network, "admin")
    old = create(admin, "kaisa.kutsuttu", "Kaisa Kutsuttu")
    user = network.identity.get("kaisa.kutsuttu")
    with network.identity.db.session() as s:
        expires = s.execute(invitations.select().where(invitations.c.user_id == user.id)).one().expires_at

    row = row_of(listed(admin), "kaisa.kutsuttu")
    assert "Ei vielä kirjautunut" in row and f"koodi voimassa {finnish_day(expires)} asti" in row
    assert "<td>–</td>" in row, "no login yet"
    assert row_of(listed(admin, "invited"), "kaisa.kutsuttu") is not None
    assert row_of(listed(admin, "expired"), "kaisa.kutsuttu") is None, "the code still works"
    assert row_of(listed(admin, "invited"), "manager1") is None, "a demo manager has a password"

    # Sixteen days later, the code has run out: the filter finds the invitation.
    ran_out = datetime.now(UTC) - timedelta(days=2)
    with network.identity.db.transaction() as s:
        s.execute(update(invitations).where(invitations.c.user_id == user.id).values(expires_at=ran_out))
    stale = listed(admin, "expired")
    assert f"koodi vanhentui {finnish_day(ran_out)}" in row_of(stale, "kaisa.kutsuttu")
    assert row_of(stale, "manager1") is None and row_of(stale, "admin") is None
    assert 'option value="expired" selected' in stale

    caplog.clear()
    given = new_code(admin, "kaisa.kutsuttu")
    page = given.get_data(as_text=True)
    assert given.status_code == 200 and "Uusi koodi on luotu" in page and "näytetään vain kerran" in page
    code = CODE.search(page).group(0)
    assert code != old and user.id not in page
    assert "user_code_renewed" in caplog.text and code not in caplog.text, "the code is never logged"
    entry = [e for e in audit_entries(network.portal) if e["action"] == "update"][-1]
    assert (entry["object_type"], entry["purpose"]) == ("user_account", "administration")
    assert entry["object_ids"] == [user.id] and entry["actor"] == network.identity.get("admin").id
    assert row_of(listed(admin, "expired"), "kaisa.kutsuttu") is None, "no longer stale"

    assert welcome(network, old).status_code == 422, "the old code stops working"
    taken = welcome(network, code, "kaisan-oma-salasana")
    assert taken.status_code == 303 and taken.headers["Location"].endswith("/intake/desk")
    signed_in(network, "kaisa.kutsuttu", "kaisan-oma-salasana")
    row = row_of(listed(admin), "kaisa.kutsuttu")
    assert "käytössä" in row and "Ei vielä kirjautunut" not in row
    assert f"<td>{finnish_day(datetime.now(UTC))}</td>" in row, "the last login in Finnish form"
    assert row_of(listed(admin, "active"), "kaisa.kutsuttu") is not None


def test_a_new_code_for_a_forgotten_password_ends_the_old_password_and_its_sessions(network):
    admin = signed_in(network, "admin")
    first = create(admin, "olli.unohtaja", "Olli Unohtaja")
    assert welcome(network, first, "ollin-vanha-salasana").status_code == 303
    olli = signed_in(network, "olli.unohtaja", "ollin-vanha-salasana")
    assert olli.get("/intake/desk", headers=HTML).status_code == 200

    code = CODE.search(new_code(admin, "olli.unohtaja").get_data(as_text=True)).group(0)
    assert olli.get("/intake/desk", headers=HTML).status_code == 302, "signed out everywhere"
    assert network.identity.authenticate("olli.unohtaja", "ollin-vanha-salasana", "198.51.100.9") is None
    row = row_of(listed(admin), "olli.unohtaja")
    assert "Odottaa uutta salasanaa" in row and "Ei vielä kirjautunut" not in row
    assert row_of(listed(admin, "invited"), "olli.unohtaja") is not None

    assert welcome(network, code, "ollin-uusi-salasana").status_code == 303
    signed_in(network, "olli.unohtaja", "ollin-uusi-salasana")


def test_the_administrators_own_account_and_a_deactivated_one_are_refused_with_why(network):
    admin = signed_in(network, "admin")
    before = network.identity.get("admin").generation
    own = new_code(admin, "admin")
    assert own.status_code == 409
    assert "Oman salasanasi vaihdat oman tilisi salasanasivulla." in own.get_data(as_text=True)
    assert network.identity.get("admin").generation == before, "not signed out"
    assert listed(admin), "the administrator's session still holds"
    signed_in(network, "admin")  # and the password still works

    with network.identity.db.transaction() as s:
        s.execute(update(users).where(users.c.username == "partner2").values(active=False))
    off = new_code(admin, "partner2")
    assert off.status_code == 409 and "Ota tili ensin käyttöön." in off.get_data(as_text=True)
    assert row_of(listed(admin, "disabled"), "partner2") is not None
    assert row_of(listed(admin, "active"), "partner2") is None
    with network.identity.db.transaction() as s:
        s.execute(update(users).where(users.c.username == "partner2").values(active=True))

    nobody = new_code(admin, "nobody")
    assert nobody.status_code == 404 and "Tällaista käyttäjää ei ole." in nobody.get_data(as_text=True)
    unchosen = admin.post("/admin/users/code", headers=HTML, data={"csrf_token": csrf_of(listed(admin))})
    assert unchosen.status_code == 422 and "Valitse käyttäjä." in unchosen.get_data(as_text=True)


def test_only_the_administrator_gives_new_codes(network):
    manager = signed_in(network, "manager1")
    csrf = csrf_of(manager.get("/account/password", headers=HTML).get_data(as_text=True))
    generation = network.identity.get("partner1").generation
    refused = manager.post("/admin/users/code", headers=HTML, data={"csrf_token": csrf, "username": "partner1"})
    assert refused.status_code == 403 and network.identity.get("partner1").generation == generation
