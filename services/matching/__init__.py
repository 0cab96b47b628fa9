"""The matching service: explainable competence matching and multidisciplinary team building, pushed to
service managers."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.matching.db import metadata
from shared.service import ServiceDefinition
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


SERVICE = ServiceDefinition(
    name="matching",
    package=__name__,
    title="Matching",
    description="Explainable competence matching and multidisciplinary team building, pushed to service managers.",
    navigation=(
        NavEntry("suggestions", _l("Suggestions"), "/suggestions", roles=("manager",), order=40,
                 description=_l("Explained suggestions that match clients' competence with partners' needs.")),
        NavEntry("candidates", _l("Candidates"), "/partner/needs", roles=("partner",), order=100,
                 description=_l("How many suitable candidates the network has for each of your needs.")),
        NavEntry("my_suggestions", _l("My suggestions"), "/my/suggestions", roles=("student",), order=85,
                 description=_l("Work and projects suggested for you, why, and your answer.")),
        NavEntry("opportunities", _l("Opportunities"), "/my/opportunities", roles=("student",), order=86,
                 description=_l("Partners' needs open to students and learning environments taking people.")),
        NavEntry("fairness", _l("Fairness"), "/fairness", roles=("coordinator",), order=160, description=_l(
            "Suggestion and acceptance rates by group, with warnings when one group falls behind.")),
    ),
    metadata=metadata,
    subscribers=("decisions", "environments", "interests", "introductions", "needs", "overlap", "profiles"),
    api=("candidates", "dialogue", "digest", "fairness", "partners", "subjects", "suggestions"),
    web=("dialogue", "digest", "fairness", "partner", "suggestions", "targets"),
    handlers=("decisions", "dialogue", "digest", "explanations", "fairness", "live", "maintenance", "retention",
              "subjects", "suggestion_list", "suggestions", "teams"),
    setup_app=_setup,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.matching:create_app()"`
