"""Conversations: the messages between the parties of a referral or an environment."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.conversations import MAX_LENGTH
from services.intake.handlers import conversations
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("conversations", __name__, url_prefix="/api/v1/conversations",
                description="Messages between exactly the parties of a referral or an environment (personal data: "
                            "audit-logged, exported and erased with the client).")
KINDS = "<any(referral, environment, introduction):kind>"


class MessageIn(Schema):
    """A plain-text message."""
    body = fields.String(required=True, validate=validate.Length(1, MAX_LENGTH))


class MessageOut(Schema):
    """A message with its author's name and role."""
    id = fields.UUID()
    author_name = fields.String()
    author_role = fields.String()
    own = fields.Boolean(metadata={"description": "written by the caller"})
    body = fields.String()
    created_at = fields.DateTime()


@blp.get(f"/{KINDS}/<uuid:subject_id>/messages")
@allow("manager", "student", "partner")
@blp.response(200, MessageOut(many=True))
def list_messages(kind, subject_id):
    """The messages of a conversation you take part in, oldest first."""
    with runtime().work() as work:
        _subject, messages = conversations.thread(work, current_principal(), kind, str(subject_id))
    return messages


@blp.post(f"/{KINDS}/<uuid:subject_id>/messages")
@allow("manager", "student", "partner")
@blp.arguments(MessageIn)
@blp.response(201, MessageOut)
def post_message(data, kind, subject_id):
    """Write a message to the conversation's other parties (they are notified)."""
    with runtime().work() as work:
        message = conversations.post(work, current_principal(), kind, str(subject_id), data["body"])
    return {**message, "own": True}
