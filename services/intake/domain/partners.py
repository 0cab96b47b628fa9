"""Rules of partners and their competence needs: Y-tunnus, periods, required skills, who may change what."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import ValidationError as NumberError
from stdnum.fi import ytunnus

from services.intake.domain import N_

PARTNER_KINDS = ("company", "association", "public_body")
# Cooperation opportunities recorded with a partner without naming a participant (yhteistyömahdollisuus):
# reporting counts them as events, not persons.
COOPERATION_KINDS = ("order", "project", "thesis")
NEED_STATUSES = ("open", "filled", "closed")
MAX_SKILLS = 30



def normalise_business_id(value: str) -> str:
    """The Y-tunnus in its official form "1234567-8"; ValueError when the checksum or format is wrong."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except NumberError as exc:
        raise ValueError(N_("Not a valid Y-tunnus (business ID): check the digits and the check digit.")) from exc


@dataclass(frozen=True)
class RequiredSkill:
    """A skill a competence need asks for: an ESCO URI, essential or nice to have, level 1–5."""

    uri: str
    essential: bool
    level: int


def period_problems(start: date | None, end: date | None, *, end_field: str = "end_date") -> dict:
    """An end before the start is the only wrong period; open ends are fine."""
    if start and end and end < start:
        return {end_field: [N_("The end date cannot be before the start date.")]}
    return {}


def skill_problems(skills: Iterable[RequiredSkill], known: Callable[[str], bool]) -> dict:
    """Every skill must be a known ESCO skill, listed once; at most MAX_SKILLS of them.

    Problems are keyed like marshmallow's: {"skills": {"0": {"uri": [...]}}}.
    """
    skills = list(skills)
    if len(skills) > MAX_SKILLS:
        return {"skills": [N_("Too many skills.")]}
    problems: dict[str, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, skill in enumerate(skills):
        if not known(skill.uri):
            problems[str(i)] = {"uri": [N_("Unknown skill: use a skill of the ESCO taxonomy.")]}
        elif skill.uri in seen:
            problems[str(i)] = {"uri": [N_("The same skill is listed twice.")]}
        seen.add(skill.uri)
    return {"skills": problems} if problems else {}


def need_problems(start: date | None, end: date | None, skills: Iterable[RequiredSkill],
                  known: Callable[[str], bool]) -> dict:
    """All domain problems of a competence need, by field."""
    return {**period_problems(start, end), **skill_problems(skills, known)}


def need_notices(status: str, skills: Iterable[RequiredSkill]) -> dict:
    """What the partner should know of a need that is kept as it is, by field: an open need without skills is
    kept (the partner may not know them yet), but matching compares skills, so it finds nobody for it."""
    if status == "open" and not list(skills):
        return {"skills": [N_("No candidates can be found for this need until it names at least one skill.")]}
    return {}


def same_title(a: str, b: str) -> bool:
    """Whether two needs' titles are the same, letter case and spacing aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def partner_user_may_edit(principal_organisation: str | None, partner_organisation: str | None) -> bool:
    """A partner's own users edit only their own partner's needs (an unlinked partner has none)."""
    return bool(principal_organisation) and principal_organisation == partner_organisation


@dataclass(frozen=True)
class PartnerRights:
    """What one user may change of one partner; every service manager of the network may read it."""

    details: bool = False  # name, kind, codes and contact persons
    contacts: bool = False  # the contact persons only
    needs: bool = False  # record and change its competence needs
    link: bool = False  # which login organisation's users act for the partner (grants them access)


def partner_rights(roles: Iterable[str], organisation: str | None, recorded_by: str,
                   linked: str | None) -> PartnerRights:
    """The organisation that recorded a partner owns it: its managers change the partner and its needs. The
    partner's own users (of the linked organisation) keep their contact persons and needs up to date. Only an
    administrator links the partner to a login organisation, since that decides who acts for it."""
    roles = frozenset(roles)
    owner = "manager" in roles and bool(organisation) and organisation == recorded_by
    own_user = "partner" in roles and partner_user_may_edit(organisation, linked)
    return PartnerRights(details=owner, contacts=owner or own_user, needs=owner or own_user,
                         link="admin" in roles)


def need_event(need: dict, skills: Iterable[RequiredSkill]) -> dict:
    """The `intake.need.published` payload of a need: what matching and reporting may know."""
    return {
        "need_id": need["id"], "partner_id": need["partner_id"], "title": need["title"],
        "description": need.get("description"),
        "skills": [{"uri": s.uri, "essential": s.essential, "level": s.level} for s in skills],
        "work_type": need["work_type"], "hours_per_week": need.get("hours_per_week"),
        "municipality": need.get("municipality"),
        "start_date": _iso(need.get("start_date")), "end_date": _iso(need.get("end_date")),
        "people": need["people"], "hidden_job": bool(need["hidden_job"]), "languages": list(need["languages"]),
        "driving_licence": bool(need["driving_licence"]), "status": need["status"],
    }


def partner_event(partner: dict) -> dict:
    """The `intake.partner.registered` payload: the organisation, never its contact persons."""
    return {key: partner.get(key) for key in ("name", "kind", "business_id", "municipality", "industry",
                                               "organisation")} | {"partner_id": partner["id"]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def fills_need(people: int | None, hires: int) -> bool:
    """A need is filled when as many candidates were hired as it has positions (an acceptance is not a hire)."""
    return hires >= max(people or 1, 1)


def cooperation_problems(kind: str | None, started_on: date | None, today: date) -> dict[str, list[str]]:
    """Field errors of a cooperation opportunity with a partner ({} when it may be recorded)."""
    problems: dict[str, list[str]] = {}
    if kind not in COOPERATION_KINDS:
        problems["kind"] = [N_("Choose a new order, a project or a thesis topic.")]
    if started_on is None:
        problems["started_on"] = [N_("This field is required.")]
    elif started_on > today:
        problems["started_on"] = [N_("The day cannot be in the future.")]
    return problems
