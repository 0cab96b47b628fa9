"""Environments: create, list with filters, read, edit, move through the lifecycle, check their language."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from services.environments.handlers import access as acl
from services.environments.api import schemas as s
from services.environments.context import lang, runtime, target
from services.environments.db import environments
from services.environments.domain import lifecycle
from services.environments.domain.gender_language import default_check
from services.environments.domain.target import Progress
from services.environments.handlers import environments as commands
from services.environments.handlers import views
from shared.auth import allow, current_principal

blp = Blueprint("environments", __name__, url_prefix="/api/v1/environments",
                description="Project learning environments: details, roles, partners and their lifecycle.")
READERS = ("manager", "partner", "student", "coordinator")


def list_environments(session, principal, query: dict) -> list[dict]:
    """The environments the principal may see, filtered by status, service area, field or partner."""
    stmt = select(environments).where(acl.visible_condition(principal)).order_by(
        environments.c.starts_on.desc().nulls_last(), environments.c.name)
    if query.get("status"):
        stmt = stmt.where(environments.c.status == query["status"])
    if query.get("service_area"):
        stmt = stmt.where(environments.c.service_area == query["service_area"])
    found = []
    for row in session.execute(stmt.limit(2000)):
        p = views.parts(session, row)
        if query.get("partner_id") and str(query["partner_id"]) not in {x.partner_id for x in p.partners}:
            continue
        if query.get("field") and not any(c == query["field"] or c.startswith(query["field"])
                                          for c in p.multidisciplinarity.fields + tuple(row.fields_of_education or ())):
            continue
        found.append(views.summary(p, lang(), views.taken_seats(session, row.id)))
    return found


def progress(session, config) -> Progress:
    """Environments that reached open or beyond against the network's target."""
    rows = session.execute(select(environments).where(environments.c.status.in_(lifecycle.REACHED_OPEN))).all()
    multidisciplinary = sum(1 for row in rows if views.parts(session, row).multidisciplinarity.value)
    return Progress(target=target(config), reached=len(rows), multidisciplinary=multidisciplinary)


def show(environment_id) -> dict:
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        return views.describe(session, principal, row, access, lang())


@blp.route("")
class Environments(MethodView):
    @allow(*READERS)
    @blp.arguments(s.EnvironmentQuery, location="query")
    @blp.response(200, s.EnvironmentSummary(many=True))
    def get(self, query):
        """List the environments you may see, by status, service area, field of education or partner."""
        with runtime().db.session() as session:
            return list_environments(session, current_principal(), query)

    @allow("manager")
    @blp.arguments(s.EnvironmentCreate)
    @blp.response(201, s.EnvironmentOut)
    def post(self, data):
        """Draft an environment hosted by your organisation."""
        with runtime().work() as work:
            environment_id = commands.create_environment(work, current_principal(), data)
        return show(environment_id)


@blp.route("/progress")
class Target(MethodView):
    @allow(*READERS)
    @blp.response(200, s.ProgressOut)
    def get(self):
        """Progress towards the network's target number of multidisciplinary environments."""
        with runtime().db.session() as session:
            return progress(session, runtime().config).as_dict()


@blp.route("/language-check")
class LanguageCheck(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.arguments(s.TextIn)
    @blp.response(200, s.FindingOut(many=True))
    def post(self, data):
        """Find gendered job titles in a text, with neutral suggestions."""
        return [f.as_dict() for f in default_check().check(data["text"])]


@blp.route("/<uuid:environment_id>")
class Environment(MethodView):
    @allow(*READERS)
    @blp.response(200, s.EnvironmentOut)
    def get(self, environment_id):
        """Show an environment with its roles, partners, review, team and language warnings."""
        return show(environment_id)

    @allow("manager")
    @blp.arguments(s.EnvironmentIn)
    @blp.response(200, s.EnvironmentOut)
    def put(self, data, environment_id):
        """Change an environment's details and partners (host organisation, while draft or open)."""
        principal = current_principal()
        with runtime().work() as work:
            row, access = acl.load_environment(work.session, principal, environment_id, lock=True)
            commands.update_environment(work, principal, row, access, data)
        return show(environment_id)


@blp.route("/<uuid:environment_id>/transitions")
class Transitions(MethodView):
    @allow("manager")
    @blp.arguments(s.TransitionIn)
    @blp.response(200, s.EnvironmentOut)
    @blp.alt_response(409, description="The move is not allowed now; the message says why")
    def post(self, data, environment_id):
        """Move an environment: open, running, completed, evaluated or cancelled."""
        principal = current_principal()
        with runtime().work() as work:
            row, access = acl.load_environment(work.session, principal, environment_id, lock=True)
            commands.move(work, principal, row, access, data["to"], data.get("reason"))
        return show(environment_id)


@blp.route("/<uuid:environment_id>/language-check")
class EnvironmentLanguage(MethodView):
    @allow(*READERS)
    @blp.response(200, s.FindingOut(many=True))
    def get(self, environment_id):
        """Gendered job titles in the environment's texts and its roles."""
        with runtime().db.session() as session:
            row, _access = acl.load_environment(session, current_principal(), environment_id)
            return views.language_findings(row, views.parts(session, row).roles)
