"""The young person's consent page says who keeps which data, for how long, what withdrawing does and where to
complain, in their language (issue 21, item 5), from the organisation's register the software itself follows."""
from __future__ import annotations

import re

import pytest

from services.intake.domain import consent
from shared import clock
from shared.privacy import register as privacy_register
from tests.integration.intake.client_helpers import as_student, register
from tests.support import network as net
from tests.support import privacy

pytestmark = [pytest.mark.integration, pytest.mark.bases(**privacy.CONSENT_BASED)]
HTML = {"Accept": "text/html"}


def text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.fixture(scope="module")
def own_page(network):
    client = register(net.client_as(network, "manager1"))
    student = as_student(network, client["id"])

    def read(lang: str) -> str:
        student.set_cookie("kampus_lang", lang, domain="localhost")
        page = student.get("/intake/me", headers=HTML)
        assert page.status_code == 200
        return text(page.text)

    return read


def test_the_register_keeps_a_client_record_five_years_after_the_case_is_closed():
    """The figure the page states comes from here (the default register), not from the text."""
    rule = privacy_register.build("sataedu").retention("client_record")
    assert (rule.after, rule.days) == ("case_closed", 1825)


@pytest.mark.parametrize("lang, who, kept, complain", [
    ("fi", "Sataedu säilyttää tietojasi: nimesi, yhteystietosi, syntymäaikasi",
     "Tietojasi säilytetään niin kauan kuin olet asiakkaana ja 5 vuotta sen jälkeen.",
     "voit tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi)"),
    ("sv", "Sataedu sparar dina uppgifter: ditt namn, dina kontaktuppgifter, ditt födelsedatum",
     "Dina uppgifter sparas så länge du är klient och 5 år därefter.",
     "kan du klaga hos dataombudsmannen (tietosuoja.fi/sv)"),
])
def test_the_young_person_reads_who_keeps_what_how_long_and_where_to_complain(own_page, lang, who, kept, complain):
    shown = own_page(lang)
    assert who in shown and kept in shown and complain in shown


def test_each_consent_says_what_withdrawing_it_does(own_page):
    shown = own_page("fi")
    assert "Jos perut tämän, asiakkuutesi täällä päättyy" in shown  # withdrawing service closes the case
    assert "Jos perut tämän, profiilisi poistetaan ehdotuksista heti." in shown
    assert "Jos perut tämän, sinua ei enää lasketa mukaan; jo julkaistut luvut pysyvät ennallaan." in shown
    assert "anonyymi" not in shown.lower()


def test_withdrawing_has_the_effects_the_texts_promise():
    """Service: the case closes; profile: it leaves matching; statistics: no new counting."""
    withdraw = {p: consent.effects(consent.Decision(p, False), case_active=True, was_given=True)
                for p in (consent.SERVICE, consent.PROFILE_SHARING, consent.STATISTICS)}
    assert consent.CLOSE_CASE in withdraw[consent.SERVICE]
    assert consent.WITHDRAW_PROFILE in withdraw[consent.PROFILE_SHARING]
    assert consent.RECORD_STATISTICS not in withdraw[consent.STATISTICS]


def _states(page: str) -> dict[str, str]:
    """Each consent's title and the state line under it, as the page shows them."""
    found = re.findall(r'<h3 class="consent__title">([^<]+)</h3>.*?<p class="consent__state[^"]*">([^<]*)</p>', page,
                       flags=re.S)
    return {title.strip(): " ".join(state.split()) for title, state in found}


def test_a_consent_never_given_reads_not_given_and_a_withdrawn_one_since_when(network):
    manager = net.client_as(network, "manager1")
    client = register(manager, consents={"service": True, "profile_sharing": True})
    withdrawn = manager.post(f"/intake/api/v1/clients/{client['id']}/consents",
                             json={"purpose": "profile_sharing", "given": False})
    assert withdrawn.status_code in (200, 201), withdrawn.get_json()
    today = clock.today()
    day = f"{today.day}.{today.month}.{today.year}"
    student = as_student(network, client["id"])
    student.set_cookie("kampus_lang", "fi", domain="localhost")
    assert _states(student.get("/intake/me", headers=HTML).text) == {
        "Tämän organisaation palvelu": f"Annettu {day} (versio {consent.CURRENT_VERSION})",
        "Osaamisprofiilin jakaminen": f"Peruttu {day}",
        "Yhteystiedot kumppanille": "Ei annettu",
        "Sinut lasketaan tilastoihin koodilla, ei nimelläsi": "Ei annettu",
        "Yhteisen asiakkaan tunnistaminen": "Ei annettu"}
    manager.set_cookie("kampus_lang", "fi", domain="localhost")
    card = _states(manager.get(f"/intake/clients/{client['id']}", headers=HTML).text)
    assert (card["Osaamisprofiilin jakaminen"], card["Tilastointi pseudonyyminä"]) == (f"Peruttu {day}", "Ei annettu")
    student.set_cookie("kampus_lang", "sv", domain="localhost")
    swedish = _states(student.get("/intake/me", headers=HTML).text)
    assert sorted(swedish.values()).count("Inte givet") == 3 and f"Återkallat {day}" in swedish.values()
