"""The register of processing in the network file: bases and retention per controller, defaults, refusals."""
from __future__ import annotations

from pathlib import Path

import pytest

from shared import network
from shared.config import Config
from shared.privacy import register

ROOT = Path(__file__).resolve().parents[3]


def _network(privacy: dict | None = None, roles: dict | None = None) -> dict:
    data: dict = {"organisations": {
        "verkosto": {"name": "Verkosto", "kind": "development_organisation",
                     "hosts": {"reporting": "http://net.example/reporting/"}},
        "sataedu": {"name": "Sataedu", "kind": "educational_institution", "member": True,
                    "hosts": {"intake": "https://sataedu.example/intake/"}},
        "prizztech": {"name": "Prizztech", "kind": "development_organisation", "member": True},
        "konepaja": {"name": "Konepaja Oy", "kind": "company", "intake": "sataedu"},
    }}
    if privacy is not None:
        data["organisations"]["sataedu"]["privacy"] = privacy
    if roles is not None:
        data["privacy"] = roles
    return data


def test_a_controllers_block_sets_its_bases_and_retention_over_the_defaults():
    net = network.parse(_network({
        "controller_kind": "company", "dpo": {"name": "DPO", "email": "dpo@sataedu.example"},
        "purposes": {"guidance": {"basis": "consent"}, "statistics": {"basis": "legitimate_interest"}},
        "retention": {"audit_log": {"after": "created", "days": 3650, "then": "archive"}}}))
    reg = register.for_organisation(net, "sataedu")
    assert reg.basis("guidance") == "consent" and reg.needs_consent("guidance")
    assert reg.basis("statistics") == "legitimate_interest" and not reg.needs_consent("statistics")
    # What the block leaves out is the default's.
    assert reg.basis("esf_reporting") == "legal_obligation" and reg.basis("matching") == "consent"
    assert reg.retention("audit_log") == register.RetentionRule("audit_log", "created", 3650, "archive")
    assert reg.retention("outbox") == register.RetentionRule("outbox", "published", 30, "delete")
    assert reg.controller_kind == "company" and reg.dpo == register.Dpo("DPO", "dpo@sataedu.example")
    assert reg.purposes_on("consent") == ["guidance", "matching", "contact_sharing", "overlap"]


def test_without_a_block_the_defaults_hold_and_the_kind_follows_the_organisation():
    net = network.parse(_network())
    reg = register.for_organisation(net, "sataedu")
    assert {code: p.basis for code, p in reg.purposes.items()} == {
        "guidance": "public_task", "matching": "consent", "contact_sharing": "consent",
        "overlap": "consent", "statistics": "public_task", "esf_reporting": "legal_obligation"}
    assert reg.controller_kind == "public_body" and reg.dpo is None
    assert register.for_organisation(net, "konepaja").controller_kind == "company"
    # No network file (the embedded network): the defaults for any organisation.
    assert register.for_organisation(Config(service="intake", database_url="sqlite://"), "x").basis(
        "guidance") == "public_task"
    assert register.for_organisation(None, "x").retention("client_record").then == "archive"
    with pytest.raises(register.PrivacyError):
        reg.basis("astrology")


def test_a_register_is_built_once_per_network_as_read():
    block = {"purposes": {"statistics": {"basis": "consent"}}}
    net = network.parse(_network(block))
    first = register.for_organisation(net, "sataedu")
    assert register.for_organisation(net, "sataedu") is first  # kept: six asks a registration
    assert register.for_organisation(net, "prizztech") is not first
    assert register.for_organisation(net, "prizztech").basis("statistics") == "public_task"
    # the same file read again (a new network's objects) with another block: the new block's register
    again = network.parse(_network({"purposes": {"statistics": {"basis": "legitimate_interest"}}}))
    assert register.for_organisation(again, "sataedu").basis("statistics") == "legitimate_interest"
    assert register.for_organisation(net, "sataedu").basis("statistics") == "consent"
    # no network: the defaults, per organisation
    assert register.for_organisation(None, "x").organisation == "x"
    assert register.for_organisation(None, "y").organisation == "y"


@pytest.mark.parametrize(("block", "field"), [
    ({"purposes": {"guidance": {"basis": "vital_interest"}}}, "organisations.sataedu.privacy.purposes.guidance"),
    ({"retention": {"outbox": {"after": "published", "days": -1, "then": "delete"}}}, "retention.outbox.days"),
    ({"retention": {"outbox": {"after": "published", "days": 1, "then": "shred"}}}, "retention.outbox.then"),
    ({"controller_kind": "church"}, "privacy.controller_kind"),
    ({"dpo": {"name": "DPO", "email": "not an address"}}, "privacy.dpo.email"),
])
def test_a_wrong_block_is_refused_naming_the_field(block, field):
    with pytest.raises(network.NetworkFileError, match=field.replace(".", r"\.")):
        network.parse(_network(block))


def test_roles_default_to_the_members_as_joint_controllers_and_the_host_as_processor():
    roles = network.parse(_network()).roles
    assert roles.joint_controllers == ("sataedu", "prizztech")
    assert roles.contact_point == "sataedu"  # the first member hosting an intake
    assert roles.processors == {"verkosto": ("reporting",)}
    with pytest.raises(network.NetworkFileError, match="contact_point"):
        network.parse(_network(roles={"joint_controllers": ["prizztech"], "contact_point": "sataedu"}))
    with pytest.raises(network.NetworkFileError, match="'nobody' is not an organisation"):
        network.parse(_network(roles={"processors": {"nobody": ["reporting"]}}))


def test_the_demo_network_configures_two_registers():
    net = network.load(ROOT / "deploy" / "network.yaml")
    assert register.for_organisation(net, "samk").needs_consent("statistics")
    assert not register.for_organisation(net, "sataedu").needs_consent("statistics")
    assert net.roles.contact_point == "sataedu" and net.roles.funder


def test_network_check_shows_the_roles():
    from click.testing import CliRunner

    from services.cli import main

    result = CliRunner().invoke(main, ["network", "check", "--network", str(ROOT / "deploy" / "network.yaml")])
    assert result.exit_code == 0, result.output
    assert "privacy: joint controllers sataedu, samk, winnova, prizztech, posek; contact point sataedu; " \
           "processors verkosto (portal, matching, environments, reporting)" in result.output
