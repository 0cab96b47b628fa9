"""The personal path API: goals and steps of a client, the history of every step, and learning-gap steps."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import lang, runtime
from services.intake.domain.path import GOAL_KINDS, GOAL_STATUSES, OWNERS, STEP_KINDS, STEP_STATUSES
from services.intake.handlers import path
from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.schemas import Language

blp = Blueprint("path_api", __name__, url_prefix="/api/v1", description="Personal paths of clients.")

TITLE = validate.And(validate.Length(min=1, max=200), validate.Regexp(r"\S", error="Give a title."))


class PathGoalIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(GOAL_KINDS))
    title = fields.String(required=True, validate=TITLE)
    target_code = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200),
                                metadata={"description": "ESCO occupation URI (work) or field of education code"})
    due_date = fields.Date(allow_none=True, load_default=None)
    status = fields.String(load_default="active", validate=validate.OneOf(GOAL_STATUSES))


class PathGoalChange(Schema):
    title = fields.String(validate=TITLE)
    target_code = fields.String(allow_none=True, validate=validate.Length(max=200))
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(GOAL_STATUSES))


class PathStepIn(Schema):
    goal_id = fields.UUID(allow_none=True, load_default=None)
    kind = fields.String(required=True, validate=validate.OneOf(STEP_KINDS))
    title = fields.String(required=True, validate=TITLE)
    owner = fields.String(required=True, validate=validate.OneOf(OWNERS))
    due_date = fields.Date(allow_none=True, load_default=None)
    status = fields.String(load_default="planned", validate=validate.OneOf(STEP_STATUSES))
    starts_at = fields.DateTime(allow_none=True, load_default=None,
                                metadata={"description": "a meeting's start (ISO 8601 with offset)"})
    ends_at = fields.DateTime(allow_none=True, load_default=None, metadata={"description": "after the start"})
    place = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200))
    video_link = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500),
                               metadata={"description": "https:// address; a meeting has a place or a link"})
    participants = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500))


class PathStepChange(Schema):
    goal_id = fields.UUID(allow_none=True)
    kind = fields.String(validate=validate.OneOf(STEP_KINDS))
    title = fields.String(validate=TITLE)
    owner = fields.String(validate=validate.OneOf(OWNERS))
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(STEP_STATUSES))
    starts_at = fields.DateTime(allow_none=True,
                                metadata={"description": "a meeting's start (ISO 8601 with offset)"})
    ends_at = fields.DateTime(allow_none=True, metadata={"description": "after the start"})
    place = fields.String(allow_none=True, validate=validate.Length(max=200))
    video_link = fields.String(allow_none=True, validate=validate.Length(max=500),
                               metadata={"description": "https:// address; a meeting has a place or a link"})
    participants = fields.String(allow_none=True, validate=validate.Length(max=500))


class LearningGapIn(Schema):
    skill_uri = fields.String(required=True, validate=validate.Length(min=1, max=200))
    goal_id = fields.UUID(allow_none=True, load_default=None)
    due_date = fields.Date(allow_none=True, load_default=None)
    lang = Language("Language of the step's title (the skill's label)")


class PathGoalOut(PathGoalIn):
    id = fields.String()


class PathStepOut(PathStepIn):
    id = fields.String()
    source = fields.String(allow_none=True)
    skill_uri = fields.String(allow_none=True)


class PersonalPathOut(Schema):
    client_id = fields.String()
    goals = fields.List(fields.Nested(PathGoalOut))
    steps = fields.List(fields.Nested(PathStepOut))


class PathStepHistoryOut(Schema):
    at = fields.DateTime()
    actor = fields.String(allow_none=True)
    actor_role = fields.String(allow_none=True)
    change = fields.Dict(metadata={"description": "{field: [old, new]}"})


@blp.get("/clients/<uuid:client_id>/path")
@allow("manager", "student")
@blp.response(200, PersonalPathOut)
def read_path(client_id):
    """Read a client's personal path: goals and steps."""
    with runtime().work() as work:
        view = path.read_path(work, current_principal(), str(client_id), "guidance")
        return {"client_id": view["client"].id, "goals": view["goals"], "steps": view["steps"]}


@blp.post("/clients/<uuid:client_id>/path/goals")
@allow("manager")
@blp.arguments(PathGoalIn)
@blp.response(201, PathGoalOut)
def add_goal(data, client_id):
    """Set a goal (a target education or work) on a client's path."""
    with runtime().work() as work:
        goal_id = path.add_goal(work, current_principal(), str(client_id), data)
        return path.goal(work, str(client_id), goal_id)


@blp.patch("/clients/<uuid:client_id>/path/goals/<uuid:goal_id>")
@allow("manager")
@blp.arguments(PathGoalChange)
@blp.response(200, PathGoalOut)
def change_goal(data, client_id, goal_id):
    """Change a goal's title, target, due date or status."""
    with runtime().work() as work:
        return path.change_goal(work, current_principal(), str(client_id), str(goal_id), data)


@blp.post("/clients/<uuid:client_id>/path/steps")
@allow("manager")
@blp.arguments(PathStepIn)
@blp.response(201, PathStepOut)
def add_step(data, client_id):
    """Plan a step on a client's path."""
    with runtime().work() as work:
        step_id = path.add_step(work, current_principal(), str(client_id), data)
        return path.step(work, str(client_id), step_id)


@blp.patch("/clients/<uuid:client_id>/path/steps/<uuid:step_id>")
@allow("manager", "student")
@blp.arguments(PathStepChange)
@blp.response(200, PathStepOut)
def change_step(data, client_id, step_id):
    """Change a step (a student may only mark their own step done); the change goes into its history."""
    with runtime().work() as work:
        return path.change_step(work, current_principal(), str(client_id), str(step_id), data)


@blp.get("/clients/<uuid:client_id>/path/steps/<uuid:step_id>/history")
@allow("manager", "student")
@blp.response(200, PathStepHistoryOut(many=True))
def step_history(client_id, step_id):
    """Every change of a step: who, when, old and new value."""
    with runtime().work() as work:
        return path.step_history(work, current_principal(), str(client_id), str(step_id))


@blp.post("/clients/<uuid:client_id>/path/learning-gaps")
@allow("manager")
@blp.arguments(LearningGapIn)
@blp.response(201, PathStepOut)
@blp.alt_response(200, schema=PathStepOut, description="The skill already had an open step on the path")
def add_learning_gap(data, client_id):
    """Plan a step to learn a missing skill, in one action (an open step for the same skill answers 200)."""
    with runtime().work() as work:
        step_id, new = path.add_learning_gap(work, current_principal(), str(client_id), data["skill_uri"],
                                             goal_id=data["goal_id"], due_date=data["due_date"],
                                             lang=lang(data["lang"]))
        return path.step(work, str(client_id), step_id), 201 if new else 200
