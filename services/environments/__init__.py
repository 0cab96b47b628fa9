"""The environments service: multidisciplinary project learning environments with partners —
roles, participants, gender-neutral review, evaluation and outcomes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.environments.config import install
from services.environments.db import metadata
from shared.service import ServiceDefinition
from shared.web.navigation import NavEntry

SERVICE = ServiceDefinition(
    name="environments",
    package=__name__,
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
    subscribers=("clients", "decisions", "metrics", "partners"),
    api=("badges", "environments", "evaluation", "outcomes", "participants", "partners", "review", "roles", "subjects"),
    web=("assessments", "badges", "environments", "participants", "surveys"),
    handlers=("access", "badges", "environments", "evaluation", "evidence", "kept", "outcomes", "participants",
              "payloads", "queries", "refusals", "reminders", "retention", "subjects", "views"),
    setup_app=install,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.environments:create_app()"`
