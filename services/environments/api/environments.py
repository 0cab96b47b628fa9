"""Environments: create, list with filters, read, edit, move through the lifecycle, check their language."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.api.schemas import summary_out
from services.environments.config import settings
from services.environments.context import lang, read_on, runtime, work_on
from services.environments.domain.gender_language import default_check
from services.environments.handlers import access as acl
from services.environments.handlers import environments as commands
from services.environments.handlers import queries, views
from shared.auth import allow, current_principal

blp = Blueprint("environments", __name__, url_prefix="/api/v1/environments",
                description="Project learning environments: details, roles, partners and their lifecycle.")
READERS = ("manager", "partner", "student", "coordinator")


def show(environment_id) -> dict:
    return read_on(environment_id, lambda session, principal, row, access:
                   views.describe(session, principal, row, access, lang()))


def change(environment_id, command) -> dict:
    """Run `command(work, principal, row, access)` on the locked environment, then show the environment."""
    work_on(environment_id, command)
    return show(environment_id)


@blp.route("")
class Environments(MethodView):
    @allow(*READERS)
    @blp.arguments(s.EnvironmentQuery, location="query")
    @blp.response(200, s.EnvironmentSummary(many=True))
    def get(self, query):
        """List the environments you may see, by status, service area, field of education or partner."""
        with runtime().db.statements() as session:  # reads only: no BEGIN and ROLLBACK round trips
            found = queries.list_environments(session, current_principal(), query, lang())
        return jsonify([summary_out(env) for env in found])

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
            return queries.progress(session, settings().target).as_dict()


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
        return change(environment_id, lambda work, principal, row, access:
                      commands.update_environment(work, principal, row, access, data))


@blp.route("/<uuid:environment_id>/transitions")
class Transitions(MethodView):
    @allow("manager")
    @blp.arguments(s.TransitionIn)
    @blp.response(200, s.EnvironmentOut)
    @blp.alt_response(409, description="The move is not allowed now; the message says why")
    def post(self, data, environment_id):
        """Move an environment: open, running, completed, evaluated or cancelled."""
        return change(environment_id, lambda work, principal, row, access:
                      commands.move(work, principal, row, access, data["to"], data.get("reason"),
                                    data.get("on")))


@blp.route("/<uuid:environment_id>/language-check")
class EnvironmentLanguage(MethodView):
    @allow(*READERS)
    @blp.response(200, s.FindingOut(many=True))
    def get(self, environment_id):
        """Gendered job titles in the environment's texts and its roles."""
        with runtime().db.session() as session:
            row, _access = acl.load_environment(session, current_principal(), environment_id)
            return views.language_findings(row, views.parts(session, row).roles)
