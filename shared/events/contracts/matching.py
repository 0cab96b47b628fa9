"""Events of the matching service. Clients appear only by pseudonymous UUIDs.

A suggestion carries its explanation: skill URIs and levels, missing essential skills, constraint notes
and the score's parts, nothing that identifies a person. Matching is published by the network
(`verkosto.matching.*`); `organisation` in the payload names the client's organisation, whose intake
keeps the suggestion and whose managers decide on it.
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from shared.events.registry import EventSpec

TARGET_KINDS = ("need", "environment_role")
WITHDRAWAL_REASONS = ("profile_withdrawn", "client_closed", "client_erased", "target_closed", "no_longer_eligible",
                      "processing_restricted")
# Matching never sees gender: reporting computes rates by gender from the suggestion events joined with its
# statistics (consent d). Matching itself reports by service area.
GROUP_KINDS = ("service_area",)


class SkillAnswer(Schema):
    """A required skill and the held skill that answered it (none when missing)."""
    uri = fields.String(required=True)
    essential = fields.Boolean(required=True)
    required_level = fields.Integer(required=True, validate=validate.Range(1, 5))
    weight = fields.Float(required=True)
    credit = fields.Float(required=True)
    held_uri = fields.String(allow_none=True, load_default=None)
    held_level = fields.Integer(allow_none=True, load_default=None)
    via = fields.String(allow_none=True, load_default=None,
                        metadata={"description": "exact, narrower, broader, related-essential, related-optional, "
                                                 "same-group, sibling, narrower-2, broader-2, co-occupation; "
                                                 "none when missing"})
    link_uri = fields.String(allow_none=True, load_default=None, metadata={
        "description": "The concept linking the held skill to the required one: the common broader skill "
                       "(sibling), the skill between (narrower-2, broader-2) or the shared skill group "
                       "(same-group); none otherwise"})


class LearningGap(Schema):
    uri = fields.String(required=True)
    essential = fields.Boolean(required=True)
    target_level = fields.Integer(required=True, validate=validate.Range(1, 5))
    current_level = fields.Integer(allow_none=True, load_default=None)
    reason = fields.String(required=True, validate=validate.OneOf(("missing", "level", "related-only")))


class ConstraintNote(Schema):
    name = fields.String(required=True)
    hard = fields.Boolean(required=True)
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True)


class ScoreParts(Schema):
    essential = fields.Float(required=True)
    nice_to_have = fields.Float(required=True)
    preferences = fields.Float(required=True)


class Focus(Schema):
    """How much of the profile bears on the target; the skill parts were multiplied by the factor."""
    listed = fields.Integer(required=True, validate=validate.Range(min=0),
                            metadata={"description": "Skills the profile lists"})
    bearing = fields.Integer(required=True, validate=validate.Range(min=0),
                             metadata={"description": "Of them, those that answer some required skill"})
    factor = fields.Float(required=True, validate=validate.Range(0, 1), metadata={
        "description": "((bearing + prior) / (listed + prior)) ** strength, the matching weights' focus"})


class Explanation(Schema):
    """Why a profile fits a target, in parts a manager can defend."""
    score = fields.Float(required=True)
    parts = fields.Nested(ScoreParts, required=True)
    skills = fields.List(fields.Nested(SkillAnswer), required=True)
    missing_essential = fields.List(fields.String(), required=True)
    learning_gaps = fields.List(fields.Nested(LearningGap), required=True)
    constraints = fields.List(fields.Nested(ConstraintNote), required=True)
    focus = fields.Nested(Focus, allow_none=True, load_default=None, metadata={
        "description": "The focus factor; none in explanations made before it or with it turned off"})


class ClientTarget(Schema):
    """A client of an organisation and the need or environment's role it is about."""
    client_id = fields.UUID(required=True)
    organisation = fields.String(required=True, metadata={"description": "The client's organisation"})
    target_kind = fields.String(required=True, validate=validate.OneOf(TARGET_KINDS))
    target_id = fields.UUID(required=True, metadata={"description": "The need, or the environment's role"})
    environment_id = fields.UUID(allow_none=True, load_default=None,
                                 metadata={"description": "The role's environment (environment_role only)"})
    target_name = fields.String(load_default=None, allow_none=True, metadata={
        "description": "What the target is called, for the notification that tells of the event: the need's title, "
                       "or the role's title · its environment's name (never a person's name; absent from older "
                       "events and from those that notify no one)"})


class SuggestionRef(ClientTarget):
    suggestion_id = fields.UUID(required=True)


class SuggestionMade(SuggestionRef):
    score = fields.Float(required=True, validate=validate.Range(0, 1))
    rank = fields.Integer(required=True, validate=validate.Range(min=1))
    explanation = fields.Nested(Explanation, required=True)


class SuggestionDecided(SuggestionRef):
    """A manager's decision; its free-text reason stays in matching, the event says only whether there is one."""
    has_reason = fields.Boolean(load_default=False)
    reason = fields.String(allow_none=True, load_default=None, load_only=True, metadata={
        "deprecated": True, "description": "read from events of earlier versions only; never sent"})


class SuggestionWithdrawn(SuggestionRef):
    reason = fields.String(required=True, validate=validate.OneOf(WITHDRAWAL_REASONS))


ANSWERS = ("interested", "not_interested")
FEEDBACK_STAGES = ("contacted", "interviewed", "trial", "hired", "not_suitable")
EMPLOYMENTS = ("part_time", "short", "fixed_term", "permanent", "hidden_job")


class SuggestionAnswered(SuggestionRef):
    """The student's own answer; their free-text reason stays in matching, the event says only whether there is
    one."""
    answer = fields.String(required=True, validate=validate.OneOf(ANSWERS))
    has_reason = fields.Boolean(load_default=False)


class InterestExpressed(ClientTarget):
    """A student wants a need or an environment's role; matching makes it a suggestion for their manager."""


class FeedbackRecorded(SuggestionRef):
    """What the partner told about an introduced candidate; the reason of a no stays in matching."""
    stage = fields.String(required=True, validate=validate.OneOf(FEEDBACK_STAGES))
    employment = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(EMPLOYMENTS),
                               metadata={"description": "The kind of employment of a hire; none otherwise"})
    has_reason = fields.Boolean(load_default=False)
    suggested_at = fields.DateTime(required=True, metadata={"description": "When the pair was suggested"})
    need_hires = fields.Integer(required=True, validate=validate.Range(min=0),
                                metadata={"description": "Candidates hired for the need so far, this one included"})


class GroupRates(Schema):
    """One group's counts and rates; None where a count is under the smallest cell shown."""
    group = fields.String(required=True)
    population = fields.Integer(allow_none=True, required=True)
    suggested = fields.Integer(allow_none=True, required=True)
    accepted = fields.Integer(allow_none=True, required=True)
    suggestion_rate = fields.Float(allow_none=True, required=True)
    acceptance_rate = fields.Float(allow_none=True, required=True)


class FairnessWarning(Schema):
    metric = fields.String(required=True, validate=validate.OneOf(("suggestion_rate", "acceptance_rate")))
    group = fields.String(required=True)
    compared_to = fields.String(required=True)
    ratio = fields.Float(allow_none=True, required=True)


class FairnessReported(Schema):
    period = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"),
                           metadata={"description": "Calendar month, YYYY-MM"})
    group_kind = fields.String(required=True, validate=validate.OneOf(GROUP_KINDS))
    min_cell = fields.Integer(required=True, validate=validate.Range(min=1))
    groups = fields.List(fields.Nested(GroupRates), required=True)
    warnings = fields.List(fields.Nested(FairnessWarning), required=True)


class SharedClientFound(Schema):
    client_id = fields.UUID(required=True, metadata={"description": "The recipient organisation's own client"})
    other_organisation = fields.String(required=True)
    other_client_id = fields.UUID(required=True, metadata={"description": "The other organisation's client"})
    key_version = fields.Integer(required=True, validate=validate.Range(min=1))


SPECS = [
    EventSpec("matching.suggestion.made", SuggestionMade,
              "A client fits a partner's competence need or an environment's role: a suggestion with its "
              "explanation, for the managers of the client's organisation."),
    EventSpec("matching.suggestion.refreshed", SuggestionMade,
              "An open suggestion recomputed after its profile, need, role or the pair's constraints changed: the "
              "same suggestion id with its new score, rank and explanation, replacing the earlier ones."),
    EventSpec("matching.suggestion.accepted", SuggestionDecided,
              "A manager accepted a suggestion: intake informs the partner and updates the need; environments "
              "enrols the student in the role."),
    EventSpec("matching.suggestion.declined", SuggestionDecided,
              "A manager declined a suggestion; the pair is not suggested again unless the client's profile or "
              "the target changes."),
    EventSpec("matching.suggestion.withdrawn", SuggestionWithdrawn,
              "An open suggestion no longer holds: consent withdrawn, client closed or erased, the target "
              "closed, or the pair no longer fits (no_longer_eligible: a hard constraint fails or no skill "
              "matches any more)."),
    EventSpec("matching.suggestion.answered", SuggestionAnswered,
              "The student answered their own suggestion, interested or not, before their manager decides."),
    EventSpec("matching.interest.expressed", InterestExpressed,
              "A student expressed interest in a need or an environment's role: matching makes it a suggestion "
              "for the managers of the student's organisation to review."),
    EventSpec("matching.introduction.requested", SuggestionRef,
              "A partner asked to be introduced to a candidate suggested for its need; the candidate's manager "
              "decides (accepting introduces them)."),
    EventSpec("matching.candidate.feedback_recorded", FeedbackRecorded,
              "A partner told what happened with an introduced candidate: contacted, interviewed, a work try-out, "
              "hired (with the kind of employment) or not suitable. A hire is an outcome on the student's path."),
    EventSpec("matching.shared_client.found", SharedClientFound,
              "Two member organisations hold the same person (equal person keys) and both have a basis for "
              "overlap detection (the client's consent or a legal basis): each of the two is told, and no one else.",
              personal_data="that the person is a client of the other organisation, for the two organisations only",
              statistics=False, addressed=True),
    EventSpec("matching.fairness.reported", FairnessReported,
              "Suggestion and acceptance rates of one month by group, small cells suppressed, with four-fifths "
              "warnings."),
]
