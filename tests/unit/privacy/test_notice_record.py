"""The notice and the Art 30 record follow the register: a basis configured is the basis shown."""
from __future__ import annotations

from services.portal.domain import notice, record
from shared import network
from shared.privacy import register


def _network(guidance: str) -> network.Network:
    return network.parse({"organisations": {
        "verkosto": {"name": "Verkosto", "kind": "development_organisation",
                     "hosts": {"matching": "http://net.example/matching/"}},
        "sataedu": {"name": "Sataedu", "kind": "educational_institution", "member": True,
                    "privacy": {"purposes": {"guidance": {"basis": guidance, "law": "Act 531/2017"}}}},
        "samk": {"name": "SAMK", "kind": "educational_institution", "member": True}}})


def _built(guidance: str) -> notice.Notice:
    net = _network(guidance)
    return notice.build(net, register.for_organisation(net, "sataedu"))


def test_the_configured_basis_is_the_notices_and_the_records():
    for basis, consent, objection in (("public_task", False, True), ("consent", True, False),
                                      ("contract", False, False), ("legitimate_interest", False, True)):
        line = next(p for p in _built(basis).purposes if p.activity.code == "guidance")
        assert (line.basis, line.consent, line.objection, line.law) == (basis, consent, objection, "Act 531/2017")
        data = record.record(_built(basis))
        guidance = next(p for p in data["purposes"] if p["purpose"] == "guidance")
        assert (guidance["basis"], guidance["consent_asked"]) == (basis, consent)
        assert f"- Legal basis: {guidance['basis_text']}; Act 531/2017" in record.markdown(data)


def test_the_roles_and_retention_are_in_the_notice():
    built = _built("public_task")
    assert built.is_joint_controller and [p.slug for p in built.joint_controllers] == ["sataedu", "samk"]
    assert built.contact_point == notice.Party("sataedu", "Sataedu")
    assert built.processors == ((notice.Party("verkosto", "Verkosto"), ("matching",)),)
    assert {r.record_type for r in built.retention} >= {"client_record", "audit_log", "outbox", "dead_letters"}
    assert [p.slug for p in notice.controllers(_network("consent"))] == ["sataedu", "samk"]
