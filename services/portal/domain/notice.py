"""A controller's privacy notice (GDPR art. 13-14, 26(2)) from its register and the network's roles."""
from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.processing import ACTIVITIES, NETWORK_SERVICES, Activity
from shared.network import Network
from shared.privacy.register import Dpo, PrivacyRegister, RetentionRule

OBJECTABLE = ("public_task", "legitimate_interest")  # art. 21: the data subject may object


@dataclass(frozen=True)
class PurposeLine:
    """One purpose in the notice: what is done, on which basis, and what the data subject can do about it."""

    activity: Activity
    basis: str
    law: str | None

    @property
    def consent(self) -> bool:
        return self.basis == "consent"

    @property
    def objection(self) -> bool:
        return self.basis in OBJECTABLE


@dataclass(frozen=True)
class Party:
    slug: str
    name: str


@dataclass(frozen=True)
class Notice:
    """Everything a controller's notice says, before it is put into words in one language."""

    organisation: Party
    controller_kind: str
    dpo: Dpo | None
    purposes: tuple[PurposeLine, ...]
    own_services: tuple[str, ...]  # where it is the sole controller
    joint_controllers: tuple[Party, ...]  # of the network's services, itself among them when it is one
    contact_point: Party | None
    processors: tuple[tuple[Party, tuple[str, ...]], ...]
    retention: tuple[RetentionRule, ...]
    funder: str | None

    @property
    def is_joint_controller(self) -> bool:
        return any(p.slug == self.organisation.slug for p in self.joint_controllers)


def _party(network: Network, slug: str) -> Party:
    org = network.organisations.get(slug)
    return Party(slug, org.name if org else slug)


def build(network: Network, register: PrivacyRegister) -> Notice:
    """The notice of the register's organisation in this network."""
    slug = register.organisation
    org = network.organisations[slug]
    roles = network.roles
    purposes = tuple(PurposeLine(ACTIVITIES[code], p.basis, p.law) for code, p in register.purposes.items()
                     if code in ACTIVITIES)
    own = ("intake",) if org.member or "intake" in org.hosts else ()
    return Notice(
        organisation=Party(slug, org.name), controller_kind=register.controller_kind, dpo=register.dpo,
        purposes=purposes, own_services=own,
        joint_controllers=tuple(_party(network, s) for s in roles.joint_controllers),
        contact_point=_party(network, roles.contact_point) if roles.contact_point else None,
        processors=tuple((_party(network, s), tuple(v for v in services if v in NETWORK_SERVICES))
                         for s, services in roles.processors.items()),
        retention=tuple(register.retention_rules.values()), funder=roles.funder)


def controllers(network: Network) -> list[Party]:
    """The organisations a notice is made for: the members and the joint controllers."""
    slugs = [s for s, o in network.organisations.items() if o.member or s in network.roles.joint_controllers]
    return [_party(network, s) for s in slugs]
