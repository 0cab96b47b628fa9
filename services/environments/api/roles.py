"""Roles of an environment: seats with the skills and fields of education they want."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.api.environments import change
from services.environments.handlers import environments as commands
from shared.auth import allow

blp = Blueprint("roles", __name__, url_prefix="/api/v1/environments/<uuid:environment_id>/roles",
                description="Roles (seats) of an environment.")


@blp.route("")
class Roles(MethodView):
    @allow("manager")
    @blp.arguments(s.RoleIn)
    @blp.response(201, s.EnvironmentOut)
    def post(self, data, environment_id):
        """Add a role (host organisation, while draft or open)."""
        return change(environment_id, lambda work, _principal, row, access:
                      commands.add_role(work, row, access, data))


@blp.route("/<uuid:role_id>")
class Role(MethodView):
    @allow("manager")
    @blp.arguments(s.RoleIn)
    @blp.response(200, s.EnvironmentOut)
    def put(self, data, environment_id, role_id):
        """Change a role; its seats cannot go under the people in it."""
        return change(environment_id, lambda work, _principal, row, access:
                      commands.update_role(work, row, access, role_id, data))

    @allow("manager")
    @blp.response(200, s.EnvironmentOut)
    def delete(self, environment_id, role_id):
        """Remove a role nobody has taken part in."""
        return change(environment_id, lambda work, _principal, row, access:
                      commands.delete_role(work, row, access, role_id))
