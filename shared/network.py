"""The network described once: its organisations, what each hosts and where (`deploy/network.yaml`).

From this one file `kampus` generates the broker's definitions (users, permissions, queues), the
PostgreSQL set-up of every hosted database, and the services read it (KAMPUS_NETWORK_FILE) to link
each person to their own organisation's intake.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError, validate, validates_schema

from shared.auth.principal import ORGANISATION_KINDS
from shared.events.catalogue import ORGANISATION_HOSTED, SERVICES, subscriptions
from shared.events.envelope import ORG_PATTERN
from shared.privacy.register import PrivacySchema
from shared.web import fields

NETWORK_FILE_ENV = "KAMPUS_NETWORK_FILE"
PORTAL = "portal"
HOSTABLE = (*SERVICES, PORTAL)
DEFAULT_VHOST = "kampus"


class NetworkFileError(ValueError):
    """A network file that cannot describe a network; the message names the field."""


@dataclass(frozen=True)
class QueueLimits:
    """Bounds the broker keeps on every queue (written as policies into the definitions)."""

    events_max_length: int = 1_000_000
    events_max_age_hours: int = 7 * 24
    dead_max_length: int = 100_000
    dead_max_age_hours: int = 30 * 24


@dataclass(frozen=True)
class Host:
    """One service an organisation runs: where browsers reach it, and where other services call it."""

    service: str
    url: str
    api_url: str


@dataclass(frozen=True)
class IssuerRef:
    """Who signs an organisation's tokens: the issuer's id (`iss`) and where its public keys are (JWKS)."""

    id: str
    jwks_url: str


@dataclass(frozen=True)
class Organisation:
    """An organisation of the network, the service areas it works in and what it hosts."""

    slug: str
    name: str
    kind: str
    member: bool = False
    service_areas: tuple[str, ...] = ()
    hosts: Mapping[str, Host] = field(default_factory=dict)
    intake: str | None = None  # a non-member's people use this member's intake (it recorded them)
    privacy: Mapping[str, Any] | None = None  # its register's block (shared/privacy/register.py reads it)
    issuer: IssuerRef | None = None  # the organisation's own login (its tokens may speak for it alone)


@dataclass(frozen=True)
class Roles:
    """Who answers for what under the GDPR (docs/privacy.md): controllers, joint controllers, processors.

    Each member is the sole controller of its own intake's records; the services the network runs once
    are run by `joint_controllers` together (Art 26), with `contact_point` the member data subjects may
    turn to; `processors` process for them (Art 28), e.g. the organisation hosting the shared services.
    """

    joint_controllers: tuple[str, ...] = ()
    contact_point: str | None = None
    processors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # organisation -> services
    funder: str | None = None


@dataclass(frozen=True)
class Project:
    """The funded project the network reports on: its name, funder, code and period (the funder's report
    is headed with them, and its default period is the project's)."""

    name: str | None = None
    funder: str | None = None
    code: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Network:
    """The whole network: organisations by slug, the vhost of its broker and the queues' limits."""

    organisations: Mapping[str, Organisation]
    vhost: str = DEFAULT_VHOST
    limits: QueueLimits = QueueLimits()
    roles: Roles = Roles()
    project: Project = Project()

    def host_of(self, service: str) -> Organisation | None:
        """The organisation that runs a network-wide service (matching, environments, reporting, portal)."""
        hosts = [o for o in self.organisations.values() if service in o.hosts]
        return hosts[0] if hosts else None

    def instances(self) -> list[tuple[str, str]]:
        """(organisation, service) of every running service that sends or receives events."""
        return [(o.slug, s) for o in self.organisations.values() for s in SERVICES if s in o.hosts]

    def consumers(self) -> dict[str, list[str]]:
        """Consumer names (`<organisation>.<service>`) of the running services and the types each takes."""
        subs = subscriptions()
        found = {f"{org}.{service}": subs[service] for org, service in self.instances()}
        portal = self.host_of(PORTAL)
        if portal is not None and subs.get(PORTAL):  # the portal consumes (notifications) but publishes nothing
            found[f"{portal.slug}.{PORTAL}"] = subs[PORTAL]
        return found

    @property
    def multi_organisation(self) -> bool:
        """Whether several organisations (separate controllers) take part: more than one member, or
        services hosted by more than one organisation."""
        members = [o for o in self.organisations.values() if o.member]
        hosting = [o for o in self.organisations.values() if o.hosts]
        return len(members) > 1 or len(hosting) > 1

    def central_issuer(self, default_id: str) -> IssuerRef | None:
        """The network's central issuer: the portal's organisation's `issuer`, else the portal itself
        (`default_id`, its JWKS at the portal's api_url), or None without a portal."""
        host = self.host_of(PORTAL)
        if host is None:
            return None
        if host.issuer is not None:
            return host.issuer
        from shared.auth.keys import JWKS_PATH

        return IssuerRef(default_id, host.hosts[PORTAL].api_url + JWKS_PATH)

    def organisation_issuers(self) -> dict[str, IssuerRef]:
        """The own issuer of each organisation that has one (the portal's organisation's is the central one)."""
        host = self.host_of(PORTAL)
        return {o.slug: o.issuer for o in self.organisations.values()
                if o.issuer is not None and o is not host}

    def url_of(self, service: str) -> str | None:
        host = self.host_of(service)
        return host.hosts[service].url if host else None

    def intake_host(self, organisation: str) -> Host | None:
        """The intake an organisation's people use: its own, or (a partner) the member's that recorded it."""
        org = self.organisations.get(organisation)
        if org is None:
            return None
        if "intake" in org.hosts:
            return org.hosts["intake"]
        if org.intake:
            return self.organisations[org.intake].hosts["intake"]
        return None

    def organisation_names(self) -> dict[str, str]:
        """Each organisation's name as people see it, by its code."""
        return {slug: org.name for slug, org in self.organisations.items()}

    def intake_urls(self) -> dict[str, str]:
        """Each organisation's intake as its people's browsers reach it."""
        hosts = {slug: self.intake_host(slug) for slug in self.organisations}
        return {slug: host.url for slug, host in hosts.items() if host is not None}

    def intake_api_urls(self) -> dict[str, str]:
        """Each organisation's intake as the network's services call it."""
        hosts = {slug: self.intake_host(slug) for slug in self.organisations}
        return {slug: host.api_url for slug, host in hosts.items() if host is not None}


# --- reading the file ---------------------------------------------------------------------------

def _url(value: str) -> str:
    return value.rstrip("/") + "/"


class _HostSchema(Schema):
    url = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    api_url = fields.Url(require_tld=False, schemes={"http", "https"})


class _HostField(fields.Field):
    """A host given as its URL alone, or as {url, api_url}."""

    def _deserialize(self, value, attr, data, **kwargs):
        return _HostSchema().load({"url": value} if isinstance(value, str) else value)


class _IssuerSchema(Schema):
    id = fields.String(required=True, validate=validate.Length(min=1, max=500))
    jwks_url = fields.Url(required=True, require_tld=False, schemes={"http", "https"})


class _OrganisationSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(ORGANISATION_KINDS))
    member = fields.Boolean(load_default=False)
    service_areas = fields.List(fields.String(), load_default=list)
    hosts = fields.Dict(keys=fields.String(validate=validate.OneOf(HOSTABLE)), values=_HostField(),
                        load_default=dict)
    intake = fields.String(load_default=None)
    privacy = fields.Nested(PrivacySchema, load_default=None)
    issuer = fields.Nested(_IssuerSchema, load_default=None)

    @validates_schema
    def _members_host_intake(self, data, **kwargs):
        if "intake" in data["hosts"] and not data["member"]:
            raise ValidationError("only a member organisation hosts an intake", "hosts")
        if data["intake"] and data["member"]:
            # Its events would travel under another organisation's broker user, which the broker refuses.
            raise ValidationError("a member organisation hosts its own intake or none", "intake")
        if data["intake"] and "intake" in data["hosts"]:
            raise ValidationError("an organisation that hosts an intake uses its own", "intake")


class _LimitsSchema(Schema):
    events_max_length = fields.Integer(validate=validate.Range(min=1))
    events_max_age_hours = fields.Integer(validate=validate.Range(min=1))
    dead_max_length = fields.Integer(validate=validate.Range(min=1))
    dead_max_age_hours = fields.Integer(validate=validate.Range(min=1))


class _RolesSchema(Schema):
    joint_controllers = fields.List(fields.String(validate=validate.Regexp(ORG_PATTERN)))
    contact_point = fields.String(validate=validate.Regexp(ORG_PATTERN))
    processors = fields.Dict(keys=fields.String(validate=validate.Regexp(ORG_PATTERN)),
                             values=fields.List(fields.String(validate=validate.OneOf(HOSTABLE))))
    funder = fields.String(validate=validate.Length(min=1, max=200))


class _ProjectSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    funder = fields.String(validate=validate.Length(min=1, max=200))
    code = fields.String(validate=validate.Length(min=1, max=60))
    start = fields.Date()
    end = fields.Date()

    @validates_schema
    def _in_order(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("the project cannot end before it starts", "end")


class _NetworkSchema(Schema):
    privacy = fields.Nested(_RolesSchema, load_default=dict)
    project = fields.Nested(_ProjectSchema, load_default=dict)
    vhost = fields.String(load_default=DEFAULT_VHOST, validate=validate.Regexp(r"^[A-Za-z0-9._-]{1,100}$"))
    queue_limits = fields.Nested(_LimitsSchema, load_default=dict)
    organisations = fields.Dict(keys=fields.String(validate=validate.Regexp(ORG_PATTERN)),
                                values=fields.Nested(_OrganisationSchema), required=True,
                                validate=validate.Length(min=1))


def _flatten(messages: Any, prefix: str = "") -> list[str]:
    if isinstance(messages, dict):
        found = []
        for key, value in messages.items():
            name = prefix if key in ("_schema", "value") else (f"{prefix}.{key}" if prefix else str(key))
            found += _flatten(value, name)
        return found
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{prefix or 'network'}: {' '.join(messages)}"]
    return [f"{prefix or 'network'}: {messages}"]


def parse(data: Any) -> Network:
    """The network a parsed YAML document describes; raises NetworkFileError naming the field."""
    from shared.reference.municipalities import service_areas

    if not isinstance(data, dict):
        raise NetworkFileError("network: the file must hold a mapping with `organisations`")
    try:
        loaded = _NetworkSchema().load(data)
    except ValidationError as exc:
        raise NetworkFileError("; ".join(_flatten(exc.messages))) from exc
    problems, known_areas = [], set(service_areas())
    organisations = {}
    for slug, org in loaded["organisations"].items():
        for area in org["service_areas"]:
            if area not in known_areas:
                problems.append(f"organisations.{slug}.service_areas: unknown service area {area!r}")
        hosts = {s: Host(s, _url(h["url"]), _url(h.get("api_url") or h["url"])) for s, h in org["hosts"].items()}
        issuer = IssuerRef(**org["issuer"]) if org["issuer"] else None
        organisations[slug] = Organisation(slug, org["name"], org["kind"], org["member"],
                                           tuple(org["service_areas"]), hosts, org["intake"], org["privacy"], issuer)
    issuers: dict[str, str] = {}
    for slug, org in organisations.items():
        if org.issuer is not None:
            if org.issuer.id in issuers:
                problems.append(f"organisations.{slug}.issuer.id: {issuers[org.issuer.id]} has this issuer already")
            issuers[org.issuer.id] = slug
    for slug, org in organisations.items():
        if org.intake and "intake" not in getattr(organisations.get(org.intake), "hosts", {}):
            problems.append(f"organisations.{slug}.intake: {org.intake!r} hosts no intake")
    for service in HOSTABLE:
        hosting = [slug for slug, org in organisations.items() if service in org.hosts]
        if service not in ORGANISATION_HOSTED and len(hosting) > 1:
            problems.append(f"organisations: {service} runs once for the network, not at {', '.join(hosting)}")
    roles = _roles(loaded["privacy"], organisations, problems)
    if problems:
        raise NetworkFileError("; ".join(problems))
    project = Project(**{"funder": roles.funder, **loaded["project"]})
    return Network(organisations, loaded["vhost"], QueueLimits(**loaded["queue_limits"]), roles, project)


def _roles(block: dict, organisations: Mapping[str, Organisation], problems: list[str]) -> Roles:
    """The roles the file names, or by default: every member a joint controller of the shared services,
    the first member hosting an intake their contact point, a non-member hosting them their processor."""
    members = [slug for slug, org in organisations.items() if org.member]
    joint = tuple(block.get("joint_controllers") or members)
    hosting = [slug for slug, org in organisations.items() if org.member and "intake" in org.hosts]
    contact = block.get("contact_point") or next(iter(hosting or members), None)
    processors = block.get("processors")
    if processors is None:
        processors = {slug: [s for s in org.hosts if s not in ORGANISATION_HOSTED]
                      for slug, org in organisations.items() if slug not in joint}
    for slug in (*joint, *([contact] if contact else []), *processors):
        if slug not in organisations:
            problems.append(f"privacy: {slug!r} is not an organisation of the file")
    if contact and contact not in joint:
        problems.append(f"privacy.contact_point: {contact!r} is not one of the joint controllers")
    return Roles(joint, contact, {k: tuple(v) for k, v in processors.items() if v}, block.get("funder"))


def load(path: str | os.PathLike) -> Network:
    """Read and check a network file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise NetworkFileError(f"{path}: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise NetworkFileError(f"{path}: not YAML ({exc})") from exc
    return parse(data)


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Network:
    return load(path)


def configured(path: str | None) -> Network | None:
    """The network of a process's KAMPUS_NETWORK_FILE (read once per change of the file), or None."""
    if not path:
        return None
    try:
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        raise NetworkFileError(f"{NETWORK_FILE_ENV}={path}: {exc.strerror or exc}") from exc
    return _cached(str(path), mtime)
