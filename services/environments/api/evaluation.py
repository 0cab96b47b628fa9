"""Evaluation: the student's experience survey, the partners' assessments, and reminders of what is missing."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import read_on, runtime, work_on, work_on_person
from services.environments.handlers import access as acl
from services.environments.handlers import evaluation as commands
from services.environments.handlers import participants as people
from services.environments.handlers import queries, views
from shared.auth import allow, current_principal
from shared.errors import NotFound

blp = Blueprint("evaluation", __name__, url_prefix="/api/v1",
                description="Experience surveys, partners' assessments and reminders.")


@blp.route("/participants/<uuid:participant_id>/survey")
class Survey(MethodView):
    @allow("student")
    @blp.response(200, s.SurveyOut)
    def get(self, participant_id):
        """Your own experience survey, once answered."""
        principal = current_principal()
        with runtime().db.session() as session:
            person, _row, _access = people.load_person(session, principal, participant_id)
            answer = views.survey_of(session, person.id) if acl.is_own_client(principal, person) else None
            if answer is None:
                raise NotFound("No survey answer")
            return dict(answer._mapping)

    @allow("student")
    @blp.arguments(s.SurveyIn)
    @blp.response(201, s.SurveyOut)
    @blp.alt_response(409, description="Already answered, or the participation has not completed")
    def post(self, data, participant_id):
        """Answer your experience survey: once, after your participation has completed."""
        work_on_person(participant_id, lambda work, principal, person, _row, _access:
                       commands.answer_survey(work, principal, person, data))
        with runtime().db.session() as session:
            return dict(views.survey_of(session, str(participant_id))._mapping)


@blp.route("/environments/<uuid:environment_id>/assessments")
class Assessments(MethodView):
    @allow("manager", "partner", "student")
    @blp.response(200, s.AssessmentOut(many=True))
    def get(self, environment_id):
        """The individual assessments you may see of an environment (the coordinator: the summary instead)."""
        return read_on(environment_id, queries.visible_assessments)

    @allow("partner")
    @blp.arguments(s.AssessmentIn)
    @blp.response(201, s.AssessmentOut)
    @blp.alt_response(409, description="This partner already gave this assessment, or it is not the time")
    def post(self, data, environment_id):
        """Assess a participant (and confirm the skills of their role), or the team overall."""
        assessment_id = work_on(environment_id, lambda work, principal, row, access:
                                commands.give_assessment(work, principal, row, access, data))
        return next(a for a in read_on(environment_id, queries.visible_assessments) if a["id"] == assessment_id)


@blp.route("/environments/<uuid:environment_id>/assessments/summary")
class AssessmentSummary(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.response(200, s.AssessmentSummaryOut)
    def get(self, environment_id):
        """How many assessments were given, and their averages per criterion over groups of at least five."""
        return read_on(environment_id, lambda session, _principal, row, _access:
                       commands.assessment_summary(session, row.id))


@blp.route("/environments/<uuid:environment_id>/reminders")
class Reminders(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.response(200, s.ReminderOut(many=True))
    def get(self, environment_id):
        """What is still missing in an environment's review and evaluation."""
        return read_on(environment_id, lambda session, _principal, row, _access: [
            dict(r, environment_id=row.id, environment_name=row.name) for r in commands.reminders_for(session, row)])


@blp.route("/reminders")
class AllReminders(MethodView):
    @allow("manager", "coordinator")
    @blp.response(200, s.ReminderOut(many=True))
    def get(self):
        """What is missing in every environment your organisation hosts (the coordinator: every environment)."""
        with runtime().db.statements() as session:  # reads only: no BEGIN and COMMIT round trips
            found = queries.open_reminders(session, current_principal())
        return jsonify([s.reminder_out(r) for r in found])
