"""The environments service: multidisciplinary project learning environments with partners —
roles, participants, gender-neutral review, evaluation and outcomes."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.environments.config import install
from services.environments.db import metadata
from shared.service import ServiceDefinition, merge_handlers
from shared.web.navigation import NavEntry


def _subscriptions() -> dict:
    """The events environments consumes and the handler of each: the queue bindings and AsyncAPI derive from this."""
    from services.environments.subscribers import clients, decisions, partners

    return merge_handlers(clients.HANDLERS, decisions.HANDLERS, partners.HANDLERS)


def _api_blueprints() -> list:
    """The JSON API, one blueprint per area (imported when an app is built)."""
    from services.environments.api import (
        badges,
        environments,
        evaluation,
        outcomes,
        participants,
        partners,
        review,
        roles,
    )

    return [badges.blp, environments.blp, evaluation.blp, outcomes.blp, participants.blp, partners.blp, review.blp, roles.blp]


def _blueprints() -> list:
    """The pages, one blueprint per area."""
    from services.environments.web import assessments, badges, environments, participants, surveys

    return [assessments.bp, badges.bp, environments.bp, participants.bp, surveys.bp]


def _commands() -> list:
    """The modules of handlers/: the commands and the queries the API and the pages share."""
    from services.environments.handlers import (
        access,
        badges,
        environments,
        evaluation,
        evidence,
        outcomes,
        participants,
        payloads,
        queries,
        refusals,
        views,
    )

    return [access, badges, environments, evaluation, evidence, outcomes, participants, payloads, queries, refusals,
            views]


SERVICE = ServiceDefinition(
    name="environments",
    title="Project learning environments",
    description=("Multidisciplinary project learning environments with partners: roles, participants, "
                 "gender-neutral review, evaluation and outcomes."),
    navigation=(
        NavEntry("environments", _l("Learning environments"), "/", roles=("manager", "partner", "coordinator"),
                 order=110, description=_l(
                     "Project learning environments where students of several fields work on real projects.")),
        NavEntry("surveys", _l("Surveys"), "/my/surveys", roles=("student",), order=120,
                 description=_l("Tell how your project went and assess your own learning.")),
        NavEntry("assessments", _l("Assessments"), "/my/assessments", roles=("partner",), order=130, description=_l(
            "Assess how the participants' competence met your needs, and report jobs and cooperation.")),
    ),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    subscriptions=_subscriptions(),
    api_blueprints=_api_blueprints,
    blueprints=_blueprints,
    commands=_commands,
    setup_app=install,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.environments:create_app()"`
