"""The intake service: clients with consent, needs, personal paths and metrics, competence profiles,
partners' competence needs, referrals and outcomes. Hosted by each member organisation."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.intake.db import metadata
from shared.config import Config
from shared.service import ServiceDefinition, merge_handlers
from shared.web.navigation import NavEntry


def _setup(app, runtime) -> None:
    """Once per app, after migrations: check intake's settings, then seed the default metric scales."""
    from services.intake.config import settings
    from services.intake.handlers.metrics import seed_default_scales

    settings(runtime.config).check()
    seed_default_scales(runtime)


def _subscriptions() -> dict:
    """The events intake consumes and the handler of each: the queue bindings and AsyncAPI derive from this."""
    from services.intake.subscribers import (
        clients,
        decisions,
        environments,
        overlap,
        referral_notes,
        referrals,
        suggestions,
    )

    return merge_handlers(clients.HANDLERS, decisions.HANDLERS, environments.HANDLERS, overlap.HANDLERS, referral_notes.HANDLERS, referrals.HANDLERS, suggestions.HANDLERS)


def _api_blueprints() -> list:
    """The JSON API, one blueprint per area (imported when an app is built)."""
    from services.intake.api import (
        clients,
        competence_needs,
        consents,
        gdpr,
        metrics,
        needs,
        outcomes,
        overlap,
        partners,
        path,
        profile,
        referrals,
        services_catalogue,
        skills,
    )

    return [clients.blp, competence_needs.blp, consents.blp, gdpr.blp, metrics.blp, needs.blp, outcomes.blp, overlap.blp, partners.blp, path.blp, profile.blp, referrals.blp, services_catalogue.blp, skills.blp]


def _blueprints() -> list:
    """The pages, one blueprint per area."""
    from services.intake.web import (
        clients,
        metrics,
        needs,
        outcomes,
        overlap,
        own_page,
        participations,
        partners,
        path,
        profile,
        referrals,
        scales,
    )

    return [clients.bp, metrics.bp, needs.bp, outcomes.bp, overlap.bp, own_page.bp, participations.bp, partners.bp, path.bp, profile.bp, referrals.bp, scales.bp]


def _commands() -> list:
    """The command handlers (and the queries pages and the API share), one module per area."""
    from services.intake.handlers import (
        access,
        catalogue,
        clients,
        competence_needs,
        consents,
        contacts,
        gdpr,
        metrics,
        needs,
        outcomes,
        overlap,
        participations,
        partners,
        path,
        profile,
        referrals,
        registration,
    )

    return [access, catalogue, clients, competence_needs, consents, contacts, gdpr, metrics, needs, outcomes, overlap,
            participations, partners, path, profile, referrals, registration]


SERVICE = ServiceDefinition(
    name="intake",
    title="Intake",
    description=("Clients with consent, needs, personal paths, personal metrics, competence profiles, partners' "
                 "competence needs, referrals and outcomes. Hosted by each member organisation."),
    navigation=(
        NavEntry("clients", _l("Clients"), "/clients", roles=("manager",), order=20, description=_l(
            "Register clients with their consent, assess their needs and build their personal paths.")),
        NavEntry("partners", _l("Partners and needs"), "/partners", roles=("manager", "admin"), order=30,
                 description=_l("Companies and third-sector partners and the competence needs they have told you.")),
        NavEntry("referrals", _l("Referrals"), "/referrals", roles=("manager",), order=50, description=_l(
            "Refer clients to other organisations' services and follow the referrals you receive.")),
        NavEntry("overlap", _l("Shared clients"), "/overlap", roles=("manager",), order=60, description=_l(
            "Possible clients of two organisations: agree who leads, so nobody is served twice unknowingly.")),
        NavEntry("services", _l("Service catalogue"), "/services", roles=("manager",), order=70, description=_l(
            "What each member organisation offers, so that you refer rather than duplicate.")),
        NavEntry("my-path", _l("My path"), "/me", roles=("student",), order=80,
                 description=_l("Your personal path: your goals, next steps and personal metrics.")),
        NavEntry("needs", _l("Competence needs"), "/my/needs", roles=("partner",), order=90,
                 description=_l("Tell the network what competence your organisation needs.")),
        NavEntry("questionnaire", _l("Personal metrics"), "/metrics/scales", roles=("coordinator", "admin"),
                 order=170, description=_l(
                     "The statements of the personal metrics questionnaire that every student answers.")),
    ),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    subscriptions=_subscriptions(),
    api_blueprints=_api_blueprints,
    blueprints=_blueprints,
    commands=_commands,
    setup_app=_setup,
)


def create_app(config: Config | None = None):
    """Create the intake web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
