"""The network's sections and the roles that use them: the navigation bar and the front page's cards."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

from shared.auth import Principal, current_principal

DEFAULT_LINKS = {"portal": "/", "intake": "/intake/", "matching": "/matching/",
                 "environments": "/environments/", "reporting": "/reporting/"}

ROLE_LABELS = {
    "manager": _l("Service manager"),
    "partner": _l("Partner"),
    "student": _l("Student"),
    "coordinator": _l("Coordinator"),
    "admin": _l("Administrator"),
}


@dataclass(frozen=True)
class Section:
    """A part of the network a role uses: where it lives (service and path) and who may see it.

    `roles` empty means any signed-in user; `exact` makes the section current only on its own path,
    not on the pages below it.
    """

    key: str
    title: str
    service: str
    path: str
    roles: frozenset[str]
    description: str
    exact: bool = False

    def visible_to(self, principal: Principal) -> bool:
        return principal.is_authenticated and (not self.roles or principal.has(*self.roles))


def _section(key, title, service, path, roles, description, exact=False) -> Section:
    return Section(key, title, service, path, frozenset(roles), description, exact)


# In the order the navigation shows them.
SECTIONS: tuple[Section, ...] = (
    _section("front", _l("Front page"), "portal", "/", (), _l("What you can do in the network."), exact=True),
    _section("clients", _l("Clients"), "intake", "/clients", ("manager",),
             _l("Register clients with their consent, assess their needs and build their personal paths.")),
    _section("partners", _l("Partners and needs"), "intake", "/partners", ("manager",),
             _l("Companies and third-sector partners and the competence needs they have told you.")),
    _section("suggestions", _l("Suggestions"), "matching", "/suggestions", ("manager",),
             _l("Explained suggestions that match clients' competence with partners' needs.")),
    _section("referrals", _l("Referrals"), "intake", "/referrals", ("manager",),
             _l("Refer clients to other organisations' services and follow the referrals you receive.")),
    _section("overlap", _l("Shared clients"), "intake", "/overlap", ("manager",),
             _l("Possible clients of two organisations: agree who leads, so nobody is served twice unknowingly.")),
    _section("services", _l("Service catalogue"), "intake", "/services", ("manager",),
             _l("What each member organisation offers, so that you refer rather than duplicate.")),
    _section("my-path", _l("My path"), "intake", "/me", ("student",),
             _l("Your personal path: your goals, next steps and personal metrics.")),
    _section("needs", _l("Competence needs"), "intake", "/my/needs", ("partner",),
             _l("Tell the network what competence your organisation needs.")),
    _section("candidates", _l("Candidates"), "matching", "/partner/needs", ("partner",),
             _l("How many suitable candidates the network has for each of your needs.")),
    _section("environments", _l("Learning environments"), "environments", "/",
             ("manager", "partner", "coordinator"),
             _l("Project learning environments where students of several fields work on real projects.")),
    _section("surveys", _l("Surveys"), "environments", "/my/surveys", ("student",),
             _l("Tell how your project went and assess your own learning.")),
    _section("assessments", _l("Assessments"), "environments", "/my/assessments", ("partner",),
             _l("Assess how the participants' competence met your needs, and report jobs and cooperation.")),
    _section("reports", _l("Reports"), "reporting", "/", ("manager", "coordinator"),
             _l("The network's indicators against its targets, and the funder's report.")),
    _section("network", _l("Network"), "reporting", "/network", ("coordinator",),
             _l("The member organisations, their service managers and the overlaps removed.")),
    _section("fairness", _l("Fairness"), "matching", "/fairness", ("coordinator",),
             _l("Suggestion and acceptance rates by group, with warnings when one group falls behind.")),
    _section("users", _l("Users"), "portal", "/admin/users", ("admin",),
             _l("Organisations, users and their roles.")),
)


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation as a template shows it."""

    key: str
    title: str
    href: str
    description: str
    active: bool


def links() -> dict[str, str]:
    """Base URL of the portal and of each service (KAMPUS_LINKS, else the embedded default).

    Intake is the one of the signed-in person's own organisation when the network file names it.
    """
    configured = current_app.config.get("KAMPUS_LINKS") or {}
    result = {**DEFAULT_LINKS, **configured}
    own = own_intake(current_app.config.get("KAMPUS_INTAKES"))
    if own:
        result["intake"] = own
    return result


def own_intake(intakes: dict[str, str] | None) -> str | None:
    """The signed-in person's organisation's entry in `intakes` (organisation -> URL), if any."""
    if not intakes or not has_request_context():
        return None
    return intakes.get(current_principal().organisation or "")


def link(service: str, path: str = "") -> str:
    """A URL in another part of the network, e.g. link("portal", "logout")."""
    return links()[service].rstrip("/") + "/" + path.lstrip("/")


def current_service() -> str | None:
    """The service (or "portal") this app is, as init_ui was told."""
    return current_app.extensions.get("kampus_ui", {}).get("service")


def _matches(section: Section, path: str) -> bool:
    if section.exact:
        return path == section.path
    return path == section.path or path.startswith(section.path.rstrip("/") + "/")


def _active_key(sections: list[Section]) -> str | None:
    """The section the current request is in: the longest matching path of this service."""
    if not has_request_context():
        return None
    here = [s for s in sections if s.service == current_service() and _matches(s, request.path)]
    return max(here, key=lambda s: len(s.path)).key if here else None


def nav_items(principal: Principal | None = None) -> list[NavItem]:
    """The sections the principal's roles may use, the current one marked active."""
    principal = principal or current_principal()
    visible = [s for s in SECTIONS if s.visible_to(principal)]
    active = _active_key(visible)
    return [NavItem(s.key, s.title, link(s.service, s.path), s.description, s.key == active) for s in visible]


def sections_for(principal: Principal | None = None) -> list[dict]:
    """The front page's cards: {title, href, description} of what this role may do (the front page itself left out)."""
    return [{"title": item.title, "href": item.href, "description": item.description}
            for item in nav_items(principal) if item.key != "front"]


def role_label(role: str) -> str:
    """A role's name in the user's language."""
    return ROLE_LABELS.get(role, role)
