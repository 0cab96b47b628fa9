"""Pages of partners, needs, shared-client notices, the service catalogue, referrals and outcomes."""
from __future__ import annotations

import re

import pytest
from flask import g, render_template
from sqlalchemy import select

from services.intake.db import (
    clients,
    competence_needs,
    need_skills,
    partner_contacts,
    partner_links,
    partners,
    referrals,
    shared_client_notices,
)
from shared.reference import esco
from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.support.intake_partners import add_client, browser_as, csrf_of, link_partner

pytestmark = [pytest.mark.integration, SQLITE_ONLY]
EN = {"Accept-Language": "en"}
OVERLAP = ("service", "overlap")  # consent to overlap detection: a shared client is found


@pytest.fixture(scope="module")
def manager(network):
    return browser_as(network, "manager1")


@pytest.fixture(scope="module")
def token(manager):
    return csrf_of(manager.get("/intake/partners/new", headers=EN).text)


@pytest.fixture(scope="module")
def partner_id(network, manager, token):
    """Konepaja, recorded by sataedu's manager on the page and linked to its users by an administrator."""
    response = manager.post("/intake/partners/new", headers=EN, data={
        "csrf_token": token, "name": "Konepaja Virtanen Oy", "kind": "company", "business_id": "2464491-9",
        "municipality": "609", "industry": "25",
        "contacts-0-name": "Kaisa Kumppani", "contacts-0-email": "kaisa@example.fi", "contacts-1-name": ""})
    assert response.status_code == 303
    partner_id = response.headers["Location"].rsplit("/", 1)[1]
    link_partner(network, partner_id, "konepaja-virtanen")
    return partner_id


def errors_of(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>|Error:|Virhe:", "", e).strip()
            for e in re.findall(r'class="field__errors"[^>]*>(.*?)</ul>', page, re.S)]


def skill_rows(**rows) -> dict:
    data = {f"skills-{i}-skill": "" for i in range(3)}
    data.update(rows)
    return data


def test_a_bad_partner_form_shows_reasons_beside_the_fields_and_keeps_the_values(manager, token):
    response = manager.post("/intake/partners/new", headers=EN, data={
        "csrf_token": token, "name": "Testi Oy", "kind": "company", "business_id": "2464491-8",
        "municipality": "609", "industry": "", "contacts-0-name": "", "contacts-0-email": "not-an-address"})
    assert response.status_code == 422
    page = response.text
    assert errors_of(page) == ["Not a valid Y-tunnus (business ID): check the digits and the check digit.",
                               "Fill this in.", "Give an email address such as name@example.fi."]
    assert 'value="Testi Oy"' in page and 'value="2464491-8"' in page and 'value="not-an-address"' in page
    assert 'id="business_id-error"' in page and 'aria-describedby="business_id-hint business_id-error"' in page
    assert "<script>" not in page and "style=" not in page


def test_pages_are_finnish_first(manager, token):
    response = manager.post("/intake/partners/new", data={"csrf_token": token, "name": "", "kind": "company"})
    assert response.status_code == 422 and "Täytä tämä kenttä." in response.text
    assert "Kirjaa kumppani" in response.text


def test_a_form_without_its_csrf_token_is_refused(manager):
    response = manager.post("/intake/partners/new", headers=EN, data={"name": "X", "kind": "company"})
    assert response.status_code == 400


def test_a_partner_and_its_need_are_recorded_through_the_pages(network, manager, token, partner_id):
    page = manager.get(f"/intake/partners/{partner_id}", headers=EN).text
    assert "Konepaja Virtanen Oy" in page and "Kaisa Kumppani" in page and "Pori" in page
    assert "Konepaja Virtanen Oy" in manager.get("/intake/partners", headers=EN).text

    form = manager.get(f"/intake/partners/{partner_id}/needs/new", headers=EN).text
    script = re.search(r'<script src="([^"]+skill-options\.js)" data-search-url="([^"]+)"', form)
    assert script and script.group(2) == "/intake/api/v1/skills/search"
    assert manager.get(script.group(1)).status_code == 200
    label = esco.load_taxonomy().label(5, "fi")
    bad = manager.post(f"/intake/partners/{partner_id}/needs/new", headers=EN, data={
        "csrf_token": token, "title": "Hitsaaja", "work_type": "summer", "start_date": "2026-06-02",
        "end_date": "2026-06-01", "people": "1", "status": "open", "languages": "fi",
        **skill_rows(**{"skills-0-skill": "no such skill at all", "skills-1-skill": label})})
    assert bad.status_code == 422
    assert errors_of(bad.text) == ["The end date cannot be before the start date.", "Unknown skill."]
    assert 'value="no such skill at all"' in bad.text and 'value="Hitsaaja"' in bad.text

    good = manager.post(f"/intake/partners/{partner_id}/needs/new", headers=EN, data={
        "csrf_token": token, "title": "Hitsaaja", "work_type": "summer", "start_date": "2026-06-01",
        "end_date": "2026-08-31", "people": "2", "status": "open", "languages": ["fi", "en"], "hidden_job": "y",
        **skill_rows(**{"skills-1-skill": label, "skills-1-essential": "0", "skills-1-level": "4"})})
    assert good.status_code == 303
    form = manager.get(f"/intake/partners/{partner_id}/needs/new", headers=EN).text  # languages by name, boxes
    assert re.findall(r'name="languages" type="checkbox" value="(\w+)"', form)[:3] == ["fi", "sv", "en"]
    assert re.search(r'value="sv"> <label class="field__option-label" for="languages-1">Swedish</label>', form)
    with network.runtimes["intake"].db.session() as session:
        need = session.execute(select(competence_needs).where(competence_needs.c.partner_id == partner_id)).one()
        skill = session.execute(select(need_skills).where(need_skills.c.need_id == need.id)).one()
    assert (need.title, need.hidden_job, need.languages, need.people) == ("Hitsaaja", True, ["fi", "en"], 2)
    assert (skill.skill_uri, skill.essential, skill.level) == (esco.load_taxonomy().uris[5], False, 4)


def test_the_partner_page_dates_a_need_in_finnish_and_offers_a_manager_its_candidates(network, manager, partner_id):
    page = manager.get(f"/intake/partners/{partner_id}").text  # the need recorded above: 2026-06-01 – 2026-08-31
    assert "1.6.2026 – 31.8.2026" in page and "2026-06-01" not in page
    need_id = re.search(r'href="/matching/needs/([0-9a-f-]{36})">Ehdokkaat<', page).group(1)
    assert network.settle()  # matching has heard of the need
    candidates = manager.get(f"/matching/needs/{need_id}")
    assert candidates.status_code == 200 and "Hitsaaja" in candidates.text
    own = browser_as(network, "partner1").get("/intake/my/needs").text
    assert "Hitsaaja" in own and "/matching/needs/" not in own  # a partner user is not offered the candidates


def test_a_partner_user_sees_and_edits_only_their_own_needs(network, manager, token, partner_id):
    partner = browser_as(network, "partner1")
    own = partner.get("/intake/my/needs", headers=EN)
    assert own.status_code == 200 and "Hitsaaja" in own.text
    need_id = re.search(r"/competence-needs/([0-9a-f-]{36})/edit", own.text).group(1)
    form = partner.get(f"/intake/competence-needs/{need_id}/edit", headers=EN)
    assert form.status_code == 200 and 'value="Hitsaaja"' in form.text
    changed = partner.post(f"/intake/competence-needs/{need_id}/edit", headers=EN, data={
        "csrf_token": csrf_of(form.text), "title": "Hitsaaja (täytetty)", "work_type": "summer", "people": "2",
        "status": "filled", "languages": "fi", **skill_rows()})
    assert changed.status_code == 303
    assert "Hitsaaja (täytetty)" in partner.get("/intake/my/needs", headers=EN).text

    other = browser_as(network, "partner2")
    assert other.get(f"/intake/competence-needs/{need_id}/edit", headers=EN).status_code == 404
    assert other.get("/intake/my/needs", headers=EN).status_code == 404  # nuorisoseura has no partner record
    assert partner.get("/intake/partners", headers=EN).status_code == 403


def partner_row(network, partner_id):
    with network.runtimes["intake"].db.session() as session:
        row = session.execute(select(partners).where(partners.c.id == partner_id)).one()
        names = session.execute(select(partner_contacts.c.name).where(partner_contacts.c.partner_id == partner_id)
                                .order_by(partner_contacts.c.name)).scalars().all()
    return row.name, row.organisation, tuple(names)


def test_the_partner_form_offers_no_login_organisation_and_the_page_shows_the_owner_what_they_may_change(
        manager, partner_id):
    form = manager.get(f"/intake/partners/{partner_id}/edit", headers=EN).text
    assert 'name="organisation"' not in form and 'name="name"' in form
    page = manager.get(f"/intake/partners/{partner_id}", headers=EN).text
    assert f"/intake/partners/{partner_id}/edit" in page and f"/intake/partners/{partner_id}/needs/new" in page
    assert "<dd>Konepaja Virtanen Oy (demo)</dd>" in page  # the login organisation by its name, not its code
    assert f"/intake/partners/{partner_id}/link" not in page


def test_a_manager_of_another_organisation_reads_the_partner_page_but_is_offered_and_allowed_no_change(
        network, manager, token, partner_id):
    need = manager.post(f"/intake/partners/{partner_id}/needs/new", headers=EN, data={
        "csrf_token": token, "title": "Koneistaja", "work_type": "part_time", "people": "1", "status": "open",
        "languages": "fi", **skill_rows()})
    assert need.status_code == 303
    with network.runtimes["intake"].db.session() as session:
        need_id = session.execute(select(competence_needs.c.id).where(competence_needs.c.title == "Koneistaja")
                                  ).scalar_one()
    before = partner_row(network, partner_id)
    samk = browser_as(network, "manager2")
    page = samk.get(f"/intake/partners/{partner_id}", headers=EN)
    assert page.status_code == 200 and "Koneistaja" in page.text and "Kaisa Kumppani" in page.text
    assert f"/partners/{partner_id}/edit" not in page.text and f"/partners/{partner_id}/needs/new" not in page.text
    assert f"/competence-needs/{need_id}/edit" not in page.text
    samk_token = csrf_of(samk.get("/intake/partners/new", headers=EN).text)
    assert samk.get(f"/intake/partners/{partner_id}/edit", headers=EN).status_code == 403
    assert samk.post(f"/intake/partners/{partner_id}/edit", headers=EN, data={
        "csrf_token": samk_token, "name": "Kaapattu Oy", "kind": "company"}).status_code == 403
    assert samk.get(f"/intake/partners/{partner_id}/needs/new", headers=EN).status_code == 403
    assert samk.post(f"/intake/partners/{partner_id}/needs/new", headers=EN, data={
        "csrf_token": samk_token, "title": "Salaa", "work_type": "summer", "status": "open",
        **skill_rows()}).status_code == 403
    assert samk.get(f"/intake/competence-needs/{need_id}/edit", headers=EN).status_code == 403
    assert samk.post(f"/intake/competence-needs/{need_id}/edit", headers=EN, data={
        "csrf_token": samk_token, "title": "Muutettu", "work_type": "summer", "status": "closed",
        **skill_rows()}).status_code == 403
    assert samk.get(f"/intake/partners/{partner_id}/link", headers=EN).status_code == 403
    assert partner_row(network, partner_id) == before
    with network.runtimes["intake"].db.session() as session:
        kept = session.execute(select(competence_needs).where(competence_needs.c.id == need_id)).one()
        assert session.execute(select(competence_needs).where(competence_needs.c.title == "Salaa")).first() is None
    assert (kept.title, kept.status) == ("Koneistaja", "open")


def test_an_administrator_links_a_partner_on_its_page_and_sees_the_record(network, manager):
    created = manager.post("/intake/partners/new", headers=EN, data={
        "csrf_token": csrf_of(manager.get("/intake/partners/new", headers=EN).text), "name": "Puuseppä Oy",
        "kind": "company", "contacts-0-name": ""})
    partner_id = created.headers["Location"].rsplit("/", 1)[1]
    admin = browser_as(network, "admin")
    listing = admin.get("/intake/partners", headers=EN).text
    assert "Puuseppä Oy" in listing and "/intake/partners/new" not in listing  # recording is for managers
    assert "/intake/partners/new" in manager.get("/intake/partners", headers=EN).text
    shown = admin.get(f"/intake/partners/{partner_id}", headers=EN).text
    assert f"/intake/partners/{partner_id}/link" in shown and f"/partners/{partner_id}/edit" not in shown
    form = admin.get(f"/intake/partners/{partner_id}/link", headers=EN)
    assert form.status_code == 200 and "No changes recorded." in form.text
    admin_token = csrf_of(form.text)
    bad = admin.post(f"/intake/partners/{partner_id}/link", headers=EN,
                     data={"csrf_token": admin_token, "organisation": "Puuseppä Oy"})
    assert bad.status_code == 422
    assert errors_of(bad.text) == ["Give the organisation&#39;s identifier: lower-case letters, digits and hyphens."]
    assert admin.post(f"/intake/partners/{partner_id}/link", headers=EN,
                      data={"csrf_token": admin_token, "organisation": "puuseppa"}).status_code == 303
    assert partner_row(network, partner_id)[1] == "puuseppa"
    record = admin.get(f"/intake/partners/{partner_id}/link", headers=EN).text
    assert "puuseppa" in record and ">admin<" in record
    with network.runtimes["intake"].db.session() as session:
        [link] = session.execute(select(partner_links).where(partner_links.c.partner_id == partner_id)).all()
    assert (link.old_organisation, link.new_organisation, link.actor_username) == (None, "puuseppa", "admin")
    assert admin.get("/intake/partners/new", headers=EN).status_code == 403
    assert admin.get(f"/intake/partners/{partner_id}/edit", headers=EN).status_code == 403


def test_a_partner_user_keeps_their_own_contact_persons_on_their_page(network, partner_id):
    partner = browser_as(network, "partner1")
    assert "/intake/my/partner" in partner.get("/intake/my/needs", headers=EN).text
    form = partner.get("/intake/my/partner", headers=EN)
    assert form.status_code == 200 and 'value="Kaisa Kumppani"' in form.text and 'name="name"' not in form.text
    partner_token = csrf_of(form.text)
    bad = partner.post("/intake/my/partner", headers=EN, data={
        "csrf_token": partner_token, "contacts-0-name": "Kaisa Kumppani", "contacts-0-email": "ei-osoite"})
    assert bad.status_code == 422 and errors_of(bad.text) == ["Give an email address such as name@example.fi."]
    saved = partner.post("/intake/my/partner", headers=EN, data={
        "csrf_token": partner_token, "contacts-0-name": "Kaisa Kumppani", "contacts-0-email": "kaisa@example.fi",
        "contacts-1-name": "Ville Virtanen", "contacts-1-role": "toimitusjohtaja"})
    assert saved.status_code == 303
    assert partner_row(network, partner_id) == ("Konepaja Virtanen Oy", "konepaja-virtanen",
                                                ("Kaisa Kumppani", "Ville Virtanen"))
    assert browser_as(network, "partner2").get("/intake/my/partner", headers=EN).status_code == 404
    assert browser_as(network, "manager1").get("/intake/my/partner", headers=EN).status_code == 403


def test_shared_client_notices_are_resolved_on_their_page(network, manager):
    runtime = network.runtimes["intake"]
    ours = add_client(runtime, "sataedu", "Tiina", "Aho", consents_given=OVERLAP)
    add_client(runtime, "samk", "Tiina", "Aho", consents_given=OVERLAP)
    network.settle()
    page = manager.get("/intake/overlap", headers=EN).text
    assert "Tiina Aho" in page and "Possibly also a client of Satakunnan ammattikorkeakoulu (demo)." in page
    assert browser_as(network, "manager3").get("/intake/overlap", headers=EN).text.count("Tiina") == 0
    desk = " ".join(re.sub(r"<[^>]+>", " ", manager.get("/intake/desk", headers=EN).text).split())
    assert "Tiina Aho : Also a client of Satakunnan ammattikorkeakoulu (demo)? Agree who leads." in desk
    prefix = re.search(r'name="(n[0-9a-f]{8})-choice"', page).group(1)
    action = re.search(r'action="(/intake/overlap/[0-9a-f-]{36})"', page).group(1)
    token = re.search(rf'name="{prefix}-csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert manager.post(action, headers=EN, data={f"{prefix}-csrf_token": token,
                                                  f"{prefix}-choice": "theirs"}).status_code == 303
    with runtime.db.session() as session:
        notice = session.execute(select(shared_client_notices).where(shared_client_notices.c.client_id == ours)).one()
    assert (notice.status, notice.lead_organisation) == ("lead_agreed", "samk")


def test_a_referral_is_made_and_accepted_through_the_pages(network, manager, token):
    runtime = network.runtimes["intake"]
    samk = browser_as(network, "manager2")
    samk_token = csrf_of(samk.get("/intake/services/new", headers=EN).text)
    empty = samk.post("/intake/services/new", headers=EN, data={"csrf_token": samk_token, "name": " ", "active": "y"})
    assert empty.status_code == 422 and errors_of(empty.text) == ["Fill this in."]
    assert samk.post("/intake/services/new", headers=EN, data={
        "csrf_token": samk_token, "name": "Urapolku", "service_area": "pohjois-satakunta",
        "active": "y"}).status_code == 303
    assert "Urapolku" in manager.get("/intake/services", headers=EN).text

    client = add_client(runtime, "sataedu", "Leo", "Mattila")
    form = manager.get(f"/intake/clients/{client}/referrals/new", headers=EN)
    # The organisation by its name: its code ("samk") means nothing to the person choosing.
    service_id = re.search(r'<option value="([0-9a-f-]{36})"[^>]*>Satakunnan ammattikorkeakoulu \(demo\) – Urapolku',
                           form.text).group(1)
    assert ">samk –" not in form.text
    finnish = manager.get(f"/intake/clients/{client}/referrals/new", headers={"Accept-Language": "fi"}).text
    assert "<h1>Ohjaus toisen organisaation palveluun: Leo Mattila</h1>" in finnish  # no name to inflect
    nothing = manager.post(f"/intake/clients/{client}/referrals/new", headers=EN,
                           data={"csrf_token": token, "service": "", "note": "Kiinnostunut"})
    assert nothing.status_code == 422  # every problem at once, each beside its field, the note kept
    assert errors_of(nothing.text) == ["Choose a service.", "The client must agree to the referral."]
    assert 'id="service-error"' in nothing.text and 'id="client_agreed-error"' in nothing.text
    assert "Kiinnostunut" in nothing.text
    refused = manager.post(f"/intake/clients/{client}/referrals/new", headers=EN,
                           data={"csrf_token": token, "service": service_id, "note": "Kiinnostunut"})
    assert refused.status_code == 422 and errors_of(refused.text) == ["The client must agree to the referral."]
    assert "Kiinnostunut" in refused.text
    assert manager.post(f"/intake/clients/{client}/referrals/new", headers=EN, data={
        "csrf_token": token, "service": service_id, "note": "Kiinnostunut", "client_agreed": "y"}).status_code == 303
    assert "Leo Mattila" in manager.get("/intake/referrals", headers=EN).text

    with runtime.db.session() as session:
        reference = session.execute(select(referrals.c.reference).where(referrals.c.client_id == client)).scalar_one()
    incoming = samk.get("/intake/referrals", headers=EN).text
    assert reference in incoming and "Leo" not in incoming
    desk = " ".join(re.sub(r"<[^>]+>", " ", samk.get("/intake/desk", headers=EN).text).split())
    assert f"From Sataedu (demo), reference {reference}" in desk and "From sataedu" not in desk
    samk_client = add_client(runtime, "samk", "Leo", "Mattila")
    accepted = samk.post(f"/intake/clients/{samk_client}/referrals/accept", headers=EN, data={
        "csrf_token": samk_token, "reference": reference.lower().replace("-", " "), "next": "/intake/referrals"})
    assert accepted.status_code == 303 and accepted.headers["Location"] == "/intake/referrals"
    with runtime.db.session() as session:
        row = session.execute(select(referrals).where(referrals.c.reference == reference)).one()
    assert (row.status, row.receiver_client_id) == ("accepted", samk_client)
    assert "Leo Mattila" in samk.get("/intake/referrals", headers=EN).text  # now linked to samk's own client


def test_an_outcome_is_recorded_through_its_page(network, manager, token):
    client = add_client(network.runtimes["intake"], "sataedu", "Ella", "Koskinen")
    url = f"/intake/clients/{client}/outcomes/new"
    assert manager.get(url, headers=EN).status_code == 200
    bad = manager.post(url, headers=EN, data={"csrf_token": token, "kind": "work", "started_on": "2026-03-01",
                                              "ended_on": "2026-02-01", "description": "Kahvila"})
    assert bad.status_code == 422
    assert errors_of(bad.text) == ["Tell whether the work is part-time, full-time, short or fixed-term.",
                                   "The end date cannot be before the start date."]
    assert 'value="Kahvila"' in bad.text
    good = manager.post(url, headers=EN, data={"csrf_token": token, "kind": "work", "work_form": "short",
                                               "hidden_job": "y", "started_on": "2026-03-01", "next": "/intake/"})
    assert good.status_code == 303
    assert browser_as(network, "manager2").get(url, headers=EN).status_code == 404


def test_the_client_card_partials_show_overlaps_referrals_and_outcomes(network, manager, token):
    runtime = network.runtimes["intake"]
    client = add_client(runtime, "sataedu", "Aada", "Lehto", consents_given=OVERLAP)
    add_client(runtime, "posek", "Aada", "Lehto", consents_given=OVERLAP)
    network.settle()
    manager.post(f"/intake/clients/{client}/outcomes/new", headers=EN, data={
        "csrf_token": token, "kind": "education", "field_of_education": "07", "qualification": "y",
        "description": "Sähköasentaja", "started_on": "2026-08-10"})
    app = network.apps["intake"]
    principal = network.identity.get("manager1").principal()
    with runtime.db.session() as session:
        row = session.execute(select(clients).where(clients.c.id == client)).one()
    with app.test_request_context("/clients", headers=EN):
        g.principal = principal
        overlap = render_template("intake/overlap/_card.html", client=row)
        referral = render_template("intake/referrals/_card.html", client=row)
        outcome = render_template("intake/outcomes/_card.html", client=row)
        g.principal = network.identity.get("manager3").principal()
        hidden = render_template("intake/outcomes/_card.html", client=row)
    assert "Pohjois-Satakunnan kehittämiskeskus (demo): Open" in overlap  # by name, not code
    assert f"/clients/{client}/referrals/new" in referral and 'name="reference"' in referral
    assert "Sähköasentaja" in outcome and "qualification gained" in outcome
    assert "Sähköasentaja" not in hidden


def test_a_partner_is_told_of_a_need_without_skills_and_refused_the_same_need_twice(network, partner_id):
    partner = browser_as(network, "partner1")
    form = partner.get("/intake/my/needs/new", headers=EN).text
    data = {"csrf_token": csrf_of(form), "title": "Siivooja", "work_type": "part_time", "people": "1",
            "status": "open", "languages": "fi", **skill_rows()}
    saved = partner.post("/intake/my/needs/new", headers=EN, data=data)
    assert saved.status_code == 303
    listed = partner.get(saved.headers["Location"], headers=EN).text  # the notice flashed, and beside the need
    notice = "No candidates can be found for this need until it names at least one skill."
    assert f'<p class="flash flash--notice">{notice}</p>' in listed
    assert notice in re.search(r"<tr>\s*<td>Siivooja</td>.*?</tr>", listed, re.S).group(0)
    twice = partner.post("/intake/my/needs/new", headers=EN, data={**data, "title": "siivooja"})
    assert twice.status_code == 422
    assert errors_of(twice.text) == ["The partner already has an open need with this title: change that need, or "
                                     "give this one a title of its own."]
    assert 'id="title-error"' in twice.text and 'value="siivooja"' in twice.text
    finnish = partner.post("/intake/my/needs/new", headers={"Accept-Language": "fi"}, data=data)
    assert "Kumppanilla on jo avoin tarve tällä otsikolla" in finnish.text
    with network.runtimes["intake"].db.session() as session:
        assert len(session.execute(select(competence_needs.c.id).where(
            competence_needs.c.partner_id == partner_id, competence_needs.c.title.ilike("siivooja"))).all()) == 1
