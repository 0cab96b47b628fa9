"""The intake service: clients with consent, needs, personal paths and metrics, competence profiles,
partners' competence needs, referrals and outcomes. Hosted by each member organisation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.intake.db import metadata
from shared.service import ServiceDefinition
from shared.web.navigation import NavEntry


def _setup(app, runtime) -> None:
    """Once per app, after migrations: check intake's settings, then seed the default metric scales."""
    from services.intake.config import settings
    from services.intake.handlers.audit_import import import_legacy
    from services.intake.handlers.metrics import seed_default_scales

    settings(runtime.config).check()
    seed_default_scales(runtime)
    import_legacy(runtime)  # the trail intake kept before the shared audit store


SERVICE = ServiceDefinition(
    name="intake",
    package=__name__,
    title="Intake",
    description=("Clients with consent, needs, personal paths, personal metrics, competence profiles, partners' "
                 "competence needs, referrals and outcomes. Hosted by each member organisation."),
    page_reads=("matching",),  # the client card's suggestions
    navigation=(
        NavEntry("desk", _l("Desk"), "/desk", roles=("manager",), order=15, count="services.intake.web.desk:count_all",
                 description=_l("Today's work: meetings, steps due, referrals waiting, shared clients, suggestions "
                                "and clients you have not heard from.")),
        NavEntry("clients", _l("Clients"), "/clients", roles=("manager",), order=20, description=_l(
            "Register clients with their consent, assess their needs and build their personal paths.")),
        NavEntry("partners", _l("Partners and needs"), "/partners", roles=("manager", "admin"), order=30,
                 description=_l("Companies and third-sector partners and the competence needs they have told you.")),
        NavEntry("referrals", _l("Referrals"), "/referrals", roles=("manager",), order=50,
                 count="services.intake.web.desk:count_referrals", description=_l(
            "Refer clients to other organisations' services and follow the referrals you receive.")),
        NavEntry("overlap", _l("Shared clients"), "/overlap", roles=("manager",), order=60,
                 count="services.intake.web.desk:count_overlap", description=_l(
            "Possible clients of two organisations: agree who leads, so nobody is served twice unknowingly.")),
        NavEntry("meetings", _l("Meetings"), "/meetings", roles=("manager",), order=62, description=_l(
            "Your meetings with clients, and your private calendar address.")),
        NavEntry("rights", _l("Rights requests"), "/rights", roles=("manager",), order=65, description=_l(
            "Clients' requests to access, erase, restrict or object, with their one-month deadlines.")),
        NavEntry("services", _l("Service catalogue"), "/services", roles=("manager",), order=70, description=_l(
            "What each member organisation offers, so that you refer rather than duplicate.")),
        NavEntry("catalogue-review", _l("Service catalogue"), "/services/review", roles=("coordinator",), order=165,
                 description=_l("Hide empty or junk entries of the member organisations' service catalogue.")),
        NavEntry("my-path", _l("My path"), "/me", roles=("student",), order=80,
                 description=_l("Your personal path: your goals, next steps and personal metrics.")),
        NavEntry("needs", _l("Competence needs"), "/my/needs", roles=("partner",), order=90,
                 description=_l("Tell the network what competence your organisation needs.")),
        NavEntry("questionnaire", _l("Personal metrics"), "/metrics/scales", roles=("coordinator", "admin"),
                 order=170, description=_l(
                     "The statements of the personal metrics questionnaire that every student answers.")),
    ),
    metadata=metadata,
    subscribers=("clients", "conversations", "decisions", "environments", "overlap", "referral_notes", "referrals",
                 "suggestions"),
    api=("clients", "competence_needs", "consents", "conversations", "disclosures", "gdpr", "guardians", "metrics",
         "names", "needs", "notes", "outcomes", "overlap", "own_rights", "partners", "path", "profile", "referrals",
         "rights", "services_catalogue", "skills"),
    web=("clients", "conversations", "desk", "imports", "meetings", "metrics", "minors", "needs", "notes", "outcomes",
         "overlap", "own_decisions", "own_page", "own_rights", "participations", "partners", "path", "profile",
         "referrals", "rights", "scales", "student_accounts"),
    handlers=("access", "audit_import", "bases", "catalogue", "clients", "competence_needs", "consents", "contacts",
              "conversations", "cooperation", "desk", "disclosures", "erasure", "gdpr", "imports", "meetings",
              "metrics", "minors", "names", "needs", "network_export", "network_sources", "notes", "outcomes",
              "overlap", "participations", "partners", "path", "person_keys", "profile", "referrals", "registration",
              "restrictions", "retention", "rights", "steps_due"),
    setup_app=_setup,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.intake:create_app()"`
