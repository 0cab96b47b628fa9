"""The matching service: explainable competence matching and multidisciplinary team building, pushed to
service managers."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.matching.db import metadata
from shared.config import Config
from shared.service import ServiceDefinition, merge_handlers
from shared.web.navigation import NavEntry


def _setup(app, runtime) -> None:
    """Read matching's own settings once; load the engine from the read models at start where this process
    handles events too."""
    from services.matching.config import MatchingSettings
    from services.matching.handlers.live import engine_for

    app.extensions["matching_settings"] = MatchingSettings.from_config(runtime.config)
    live = engine_for(runtime)
    if live.authoritative:
        with runtime.db.session() as session:
            live.warm(session)


def _subscriptions() -> dict:
    """The events matching consumes and the handler of each: the queue bindings and AsyncAPI derive from this."""
    from services.matching.subscribers import decisions, environments, needs, profiles

    return merge_handlers(decisions.HANDLERS, environments.HANDLERS, needs.HANDLERS, profiles.HANDLERS)


def _api_blueprints() -> list:
    """The JSON API, one blueprint per area (imported when an app is built)."""
    from services.matching.api import candidates, digest, fairness, partners, suggestions

    return [candidates.blp, digest.blp, fairness.blp, partners.blp, suggestions.blp]


def _commands() -> list:
    """The commands and shared queries that the API, the pages and cli.py call."""
    from services.matching.handlers import (
        decisions,
        digest,
        explanations,
        fairness,
        live,
        maintenance,
        suggestion_list,
        suggestions,
        teams,
    )

    return [decisions, digest, explanations, fairness, live, maintenance, suggestion_list, suggestions, teams]


def _blueprints() -> list:
    """The pages, one blueprint per area."""
    from services.matching.web import digest, fairness, partner, suggestions, targets

    return [digest.bp, fairness.bp, partner.bp, suggestions.bp, targets.bp]


SERVICE = ServiceDefinition(
    name="matching",
    title="Matching",
    description="Explainable competence matching and multidisciplinary team building, pushed to service managers.",
    navigation=(
        NavEntry("suggestions", _l("Suggestions"), "/suggestions", roles=("manager",), order=40,
                 description=_l("Explained suggestions that match clients' competence with partners' needs.")),
        NavEntry("candidates", _l("Candidates"), "/partner/needs", roles=("partner",), order=100,
                 description=_l("How many suitable candidates the network has for each of your needs.")),
        NavEntry("fairness", _l("Fairness"), "/fairness", roles=("coordinator",), order=160, description=_l(
            "Suggestion and acceptance rates by group, with warnings when one group falls behind.")),
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
    """Create the matching web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
