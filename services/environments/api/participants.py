"""Participants: enrolment into a role, withdrawal, completion, own learning goals and personal metrics."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.api.badges import badge_url
from services.environments.context import read_on_person, runtime, work_on, work_on_person
from services.environments.handlers import participants as commands
from services.environments.handlers import queries
from shared.auth import allow, current_principal

blp = Blueprint("participants", __name__, url_prefix="/api/v1",
                description="Participants of environments: enrolment, withdrawal, goals and personal metrics.")
READERS = ("manager", "partner", "student", "coordinator")


def show_person(participant_id) -> dict:
    return read_on_person(participant_id, lambda session, principal, person, _row, access:
                          queries.describe_person(session, principal, person, access, badge_url))


def change_person(participant_id, command) -> dict:
    """Run `command(work, principal, person, row, access)` on the participant, then show them."""
    work_on_person(participant_id, command)
    return show_person(participant_id)


@blp.route("/environments/<uuid:environment_id>/participants")
class Participants(MethodView):
    @allow(*READERS)
    @blp.response(200, s.ParticipantOut(many=True))
    def get(self, environment_id):
        """The team of an environment, each person at the level you may see them."""
        with runtime().db.session() as session:
            return queries.team(session, current_principal(), environment_id, badge_url)

    @allow("manager")
    @blp.arguments(s.EnrolIn)
    @blp.response(201, s.ParticipantOut)
    @blp.alt_response(409, description="No free seat, the environment does not take participants now, or the "
                                       "student is already in another running environment")
    def post(self, data, environment_id):
        """Enrol a client of your own organisation into a role."""
        return show_person(work_on(environment_id, lambda work, principal, row, access:
                                   commands.enrol(work, principal, row, access, data)))


@blp.route("/participants/mine")
class Mine(MethodView):
    @allow("student")
    @blp.response(200, s.ParticipantOut(many=True))
    def get(self):
        """Your own participations (a student)."""
        with runtime().db.session() as session:
            return queries.own_participations(session, current_principal(), badge_url)


@blp.route("/participants/<uuid:participant_id>")
class Participant(MethodView):
    @allow(*READERS)
    @blp.response(200, s.ParticipantOut)
    def get(self, participant_id):
        """A participant at the level you may see them."""
        return show_person(participant_id)


@blp.route("/participants/<uuid:participant_id>/withdrawal")
class Withdrawal(MethodView):
    @allow("manager")
    @blp.arguments(s.WithdrawIn)
    @blp.response(200, s.ParticipantOut)
    def post(self, data, participant_id):
        """Record that a participant withdrew, with the reason (host's or the client's own manager)."""
        return change_person(participant_id, lambda work, principal, person, row, access:
                             commands.withdraw(work, principal, person, row, access, data["reason"]))


@blp.route("/participants/<uuid:participant_id>/completion")
class Completion(MethodView):
    @allow("manager")
    @blp.arguments(s.CompleteIn)
    @blp.response(200, s.ParticipantOut)
    def post(self, data, participant_id):
        """Mark one participant completed while the environment runs (host organisation)."""
        return change_person(participant_id, lambda work, principal, person, row, access:
                             commands.complete(work, person, row, access, data.get("ended_on")))


@blp.route("/participants/<uuid:participant_id>/goals")
class Goals(MethodView):
    @allow("manager", "student")
    @blp.arguments(s.GoalsIn)
    @blp.response(200, s.ParticipantOut)
    def put(self, data, participant_id):
        """Set the participant's own learning goals (the student or their own manager)."""
        return change_person(participant_id, lambda work, principal, person, row, access:
                             commands.set_goals(work, principal, person, data.get("learning_goals")))


