"""Privacy notices and the Art 30 record, generated from the register: a configured basis shows in both.

The network file gives Sataedu guidance on a public task and SAMK guidance on consent; the pages are
public (no login) in Finnish, Swedish and English, and every page's footer links them.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from werkzeug.test import Client

from services.cli import main
from tests.support import network as net

pytestmark = pytest.mark.integration

NETWORK = """
privacy:
  contact_point: sataedu
  funder: Etelä-Pohjanmaan ELY-keskus
organisations:
  verkosto: {name: Verkosto, kind: development_organisation, hosts: {reporting: http://net.example/reporting/}}
  sataedu:
    name: Sataedu
    kind: educational_institution
    member: true
    privacy:
      dpo: {name: Tietosuojavastaava, email: tietosuoja@sataedu.example}
      purposes: {guidance: {basis: public_task, law: "Act 531/2017"}}
      retention: {client_record: {after: case_closed, days: 3650, then: archive}}
  samk:
    name: SAMK
    kind: educational_institution
    member: true
    privacy:
      controller_kind: company
      purposes: {guidance: {basis: consent}, statistics: {basis: legitimate_interest}}
"""


@pytest.fixture(scope="module")
def network_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("privacy") / "network.yaml"
    path.write_text(NETWORK, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def network(tmp_path_factory, network_file):
    network = net.build(tmp_path_factory.mktemp("net"), network_file=network_file)
    yield network
    network.shutdown()


def page(network, path: str, lang: str = "fi") -> tuple[int, str]:
    response = Client(network.wsgi).get(path, headers={"Accept": "text/html", "Accept-Language": lang})
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize(("lang", "title", "public_task", "consent"), [
    ("fi", "Tietosuojaseloste", "julkisen tehtävän hoitaminen", "suostumus"),
    ("sv", "Dataskyddsbeskrivning", "uppgift av allmänt intresse", "samtycke"),
    ("en", "Privacy notice", "public task", "consent"),
])
def test_the_notices_are_public_in_three_languages_and_show_each_controllers_bases(network, lang, title,
                                                                                   public_task, consent):
    status, overview = page(network, "/privacy", lang)
    assert status == 200 and f"<h1>{title}</h1>" in overview
    assert "/privacy/sataedu" in overview and "/privacy/samk" in overview and "/privacy/samk/young" in overview
    status, sataedu = page(network, "/privacy/sataedu", lang)
    assert status == 200 and "tietosuoja@sataedu.example" in sataedu and "Act 531/2017" in sataedu
    guidance = sataedu.split('id="purpose-guidance"', 1)[1].split("</section>", 1)[0]
    assert public_task in guidance.lower()
    samk_guidance = page(network, "/privacy/samk", lang)[1].split('id="purpose-guidance"', 1)[1].split(
        "</section>", 1)[0]
    assert consent in samk_guidance.lower() and public_task not in samk_guidance.lower()
    status, young = page(network, "/privacy/samk/young", lang)
    assert status == 200 and "privacy-basis--consent" in young
    assert page(network, "/privacy/konepaja", lang)[0] == 404


def test_the_retention_schedule_shows_in_the_notice(network):
    _status, html = page(network, "/privacy/sataedu", "en")
    assert "3650 days after the case is closed, then archived" in " ".join(html.split())


def test_every_page_links_the_notice_in_its_footer(network):
    manager = net.client_as(network, "manager1")
    for path in ("/", "/intake/clients", "/matching/suggestions", "/environments/", "/reporting/"):
        response = manager.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        footer = response.get_data(as_text=True).split('<footer class="site-footer">', 1)[1]
        assert 'href="/privacy"' in footer, path
    for path in ("/login", "/privacy"):
        assert 'href="/privacy"' in page(network, path)[1].split('<footer class="site-footer">', 1)[1]


def test_the_art_30_record_follows_the_register(network_file):
    runner = CliRunner()
    md = runner.invoke(main, ["privacy", "record", "--organisation", "samk", "--network", network_file])
    assert md.exit_code == 0, md.output
    assert "# Record of processing activities (GDPR art. 30): SAMK" in md.output
    assert "- Legal basis: consent (GDPR art. 6(1)(a))" in md.output.split("(`guidance`)", 1)[1].split("###")[0]
    data = json.loads(runner.invoke(main, ["privacy", "record", "--organisation", "sataedu", "--format", "json",
                                           "--network", network_file]).output)
    bases = {p["purpose"]: p["basis"] for p in data["purposes"]}
    assert bases == {"guidance": "public_task", "matching": "consent", "contact_sharing": "consent",
                     "statistics": "public_task", "esf_reporting": "legal_obligation"}
    assert data["controller"]["dpo"] == {"name": "Tietosuojavastaava", "email": "tietosuoja@sataedu.example"}
    assert data["joint_controllers"]["contact_point"] == "Sataedu"
    assert {"record_type": "client_record", "after": "case_closed", "days": 3650, "then": "archive"}.items() <= \
        next(r for r in data["retention"] if r["record_type"] == "client_record").items()
    assert data["dpia_inputs"]["profiling"] is True and data["dpia_inputs"]["special_categories"]
    refused = runner.invoke(main, ["privacy", "record", "--organisation", "nobody", "--network", network_file])
    assert refused.exit_code != 0 and "--organisation" in refused.output
