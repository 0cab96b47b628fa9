"""The network file: what it describes, what it refuses, and the demo network it holds."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from demo import identity as demo
from shared import network

ROOT = Path(__file__).resolve().parents[3]
DEMO_FILE = ROOT / "deploy" / "network.yaml"


def two_intakes(**changes) -> dict:
    data = {"organisations": {
        "verkosto": {"name": "Verkosto", "kind": "development_organisation",
                     "hosts": {"matching": "http://net.example/matching",
                               "reporting": "http://net.example/reporting/"}},
        "sataedu": {"name": "Sataedu", "kind": "educational_institution", "member": True,
                    "service_areas": ["kaakkois-satakunta"],
                    "hosts": {"intake": {"url": "https://sataedu.example/intake", "api_url": "http://intake:8000"}}},
        "samk": {"name": "SAMK", "kind": "educational_institution", "member": True,
                 "hosts": {"intake": "https://samk.example/intake/"}},
        "winnova": {"name": "WinNova", "kind": "educational_institution", "member": True},
        "konepaja": {"name": "Konepaja Oy", "kind": "company", "intake": "samk"},
    }}
    data.update(changes)
    return data


def test_a_network_names_its_running_services_and_each_organisations_intake():
    net = network.parse(two_intakes())
    assert net.vhost == "kampus"
    assert sorted(net.instances()) == [("samk", "intake"), ("sataedu", "intake"), ("verkosto", "matching"),
                                       ("verkosto", "reporting")]
    assert sorted(net.consumers()) == ["samk.intake", "sataedu.intake", "verkosto.matching", "verkosto.reporting"]
    # Browsers reach each organisation's own intake; the partner the intake of the member that recorded it.
    assert net.intake_urls() == {"sataedu": "https://sataedu.example/intake/", "samk": "https://samk.example/intake/",
                                 "konepaja": "https://samk.example/intake/"}
    assert net.intake_api_urls()["sataedu"] == "http://intake:8000/"
    assert net.intake_api_urls()["samk"] == "https://samk.example/intake/"  # no api_url: the same address
    assert net.url_of("matching") == "http://net.example/matching/" and net.url_of("environments") is None


@pytest.mark.parametrize("change, field", [
    ({"winnova": {"name": "WinNova", "kind": "educational_institution", "member": True, "intake": "samk"}},
     "organisations.winnova.intake"),
    ({"konepaja": {"name": "Konepaja Oy", "kind": "company", "hosts": {"intake": "http://k.example/"}}},
     "organisations.konepaja.hosts"),
    ({"konepaja": {"name": "Konepaja Oy", "kind": "company", "intake": "winnova"}}, "organisations.konepaja.intake"),
    ({"samk": {"name": "SAMK", "kind": "educational_institution", "member": True,
               "hosts": {"matching": "http://samk.example/m/"}}}, "organisations: matching runs once"),
    ({"samk": {"name": "SAMK", "kind": "educational_institution", "member": True, "service_areas": ["lappi"]}},
     "organisations.samk.service_areas"),
    ({"samk": {"name": "SAMK", "kind": "university", "member": True}}, "organisations.samk.kind"),
    ({"samk": {"name": "SAMK", "kind": "educational_institution", "hosts": {"payroll": "http://p.example/"}}},
     "organisations.samk.hosts.payroll"),
    ({"samk": {"name": "SAMK", "kind": "educational_institution", "member": True,
               "hosts": {"intake": "ftp://samk.example/"}}}, "organisations.samk.hosts.intake.url"),
    ({"Sam K": {"name": "SAMK", "kind": "educational_institution"}}, "organisations.Sam K"),
])
def test_a_network_file_that_cannot_work_is_refused_naming_the_field(change, field):
    data = two_intakes()
    data["organisations"].update(change)
    with pytest.raises(network.NetworkFileError) as refused:
        network.parse(data)
    assert field in str(refused.value)


def test_a_file_that_is_not_a_network_is_refused(tmp_path):
    path = tmp_path / "network.yaml"
    path.write_text("organisations: [sataedu, samk]\n", encoding="utf-8")
    with pytest.raises(network.NetworkFileError, match="organisations"):
        network.load(path)
    path.write_text("organisations: {a: [\n", encoding="utf-8")
    with pytest.raises(network.NetworkFileError, match="not YAML"):
        network.load(path)
    with pytest.raises(network.NetworkFileError, match="no-such-file"):
        network.load(tmp_path / "no-such-file.yaml")


def test_the_demo_network_file_runs_two_member_intakes_and_the_network_services():
    net = network.load(DEMO_FILE)
    assert sorted(net.instances()) == [("samk", "intake"), ("sataedu", "intake"), ("verkosto", "environments"),
                                       ("verkosto", "matching"), ("verkosto", "reporting")]
    assert net.host_of("portal").slug == "verkosto"
    assert net.intake_urls()["sataedu"] != net.intake_urls()["samk"]


def test_the_demo_network_file_and_the_demo_identities_name_the_same_organisations():
    net = network.load(DEMO_FILE)
    described = {o.slug: (o.kind, o.member) for o in net.organisations.values()}
    seeded = {slug: (kind, member) for slug, _name, kind, member in demo.ORGANISATIONS}
    assert described == seeded
    assert sorted(o.slug for o in net.organisations.values() if o.member) == sorted(demo.MEMBERS) == [
        "posek", "prizztech", "samk", "sataedu", "winnova"]
    for slug, name, _kind, _member in demo.ORGANISATIONS:  # the demo's are marked as such
        assert name in (net.organisations[slug].name, net.organisations[slug].name + " (demo)"), slug
    # The demo's partners tell their needs in an intake that runs.
    for slug in ("konepaja-virtanen", "nuorisoseura"):
        assert net.intake_host(slug) is not None, slug


def test_the_identity_store_takes_its_organisations_from_the_network_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from services.cli import main

    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    runner = CliRunner()
    first = runner.invoke(main, ["orgs", "sync", "--network", str(DEMO_FILE)])
    assert first.exit_code == 0, first.output
    assert first.output.count("created organisation") == 8
    again = runner.invoke(main, ["orgs", "sync", "--network", str(DEMO_FILE)])
    assert again.output.count("created organisation") == 0 and again.output.count("exists") == 8
    listed = runner.invoke(main, ["orgs", "list"]).output
    assert "samk" in listed and "Satakunnan ammattikorkeakoulu" in listed and "sakky" not in listed


def test_network_check_lists_every_broker_user_and_warns_of_a_member_left_to_defaults(tmp_path):
    from click.testing import CliRunner

    from services.cli import main

    data = two_intakes(privacy={"joint_controllers": ["sataedu", "samk"], "contact_point": "sataedu"})
    data["organisations"]["verkosto"]["hosts"]["portal"] = "http://net.example/"
    data["organisations"]["sataedu"]["privacy"] = {"controller_kind": "public_body"}
    data["organisations"]["ohjaamo"] = {"name": "Ohjaamo ry", "kind": "third_sector", "member": True,
                                        "hosts": {"intake": "https://ohjaamo.example/intake/"}}
    path = tmp_path / "network.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    checked = CliRunner().invoke(main, ["network", "check", "--network", str(path)])
    assert checked.exit_code == 0, checked.output
    users = sorted(line.strip() for line in checked.stdout.splitlines() if line.startswith("  "))
    assert users == ["ohjaamo.intake", "ohjaamo.operator (replays ohjaamo's dead letters)", "samk.intake",
                     "samk.operator (replays samk's dead letters)", "sataedu.intake",
                     "sataedu.operator (replays sataedu's dead letters)", "verkosto.matching",
                     "verkosto.operator (replays verkosto's dead letters)", "verkosto.portal (consumes only)",
                     "verkosto.reporting"]
    warnings = [line for line in checked.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 4, warnings  # samk: no block; ohjaamo: no block, not a joint controller; winnova
    assert any(w.startswith("warning: ohjaamo is a member but not among privacy.joint_controllers") for w in warnings)
    assert any(w.startswith("warning: winnova is a member but not among privacy.joint_controllers") for w in warnings)
    assert any(w.startswith("warning: ohjaamo has no privacy: block") for w in warnings)
    assert any(w.startswith("warning: samk has no privacy: block") for w in warnings)
    assert not any("sataedu" in w for w in warnings)


def test_the_demo_network_file_gives_no_warnings():
    from click.testing import CliRunner

    from services.cli import main

    checked = CliRunner().invoke(main, ["network", "check", "--network", str(DEMO_FILE)])
    assert checked.exit_code == 0 and "warning" not in checked.stderr
