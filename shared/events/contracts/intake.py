"""Events of the intake service. Clients appear only by pseudonymous UUIDs.

Names, contact details, birth dates, gender and mother tongue never travel, with two
exceptions written into the contract: statistics events carry an age band and gender (pseudonymous
personal data, not anonymous) for statistics and the funder's ESF report, on the bases they name,
and `intake.contact.shared` carries contact details to the one partner concerned under consent (c):
it is addressed, so only the intake instance holding the need receives it.
Free text about a person stays in the service that owns it: a referral's note goes only to the receiving
organisation (`intake.referral_note.shared`, addressed), and is withdrawn from it on erasure; a message of a
referral's conversation goes only to the referral's other side (`intake.referral_message.posted`, addressed), and
is withdrawn from it on erasure with the note; a message of an environment's conversation goes only to the other
members whose clients take part (`intake.environment_message.posted`, addressed), and is withdrawn from them when
it was an erased client's data (`intake.environment_message.erased`).
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from shared.events.contracts import SkillLevel
from shared.events.registry import EventSpec

PURPOSES = ("service", "profile_sharing", "contact_to_partner", "statistics", "overlap")
WORK_TYPES = ("part_time", "short_term", "summer", "traineeship", "apprenticeship", "thesis", "full_time",
              "fixed_term")


class ClientRef(Schema):
    client_id = fields.UUID(required=True)


class ClientRegistered(ClientRef):
    entered_on = fields.Date(required=True)


class ClientClosed(ClientRef):
    closed_on = fields.Date(load_default=None, metadata={
        "description": "the day the case closed, as the manager recorded it (may be before the event); "
                       "absent in events of older versions, which closed on the day they occurred"})


class PersonKeyPublished(ClientRef):
    person_key = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    key_version = fields.Integer(load_default=1, validate=validate.Range(min=1),
                                 metadata={"description": "Version of the network's person-key secret (rotation)"})
    overlap = fields.Boolean(load_default=False, metadata={
        "description": "Whether overlap detection may use the key: the client's consent (purpose `overlap`) or "
                       "the organisation's legal basis allows it. Without it the key is for statistics only."})


class ConsentChanged(ClientRef):
    purpose = fields.String(required=True, validate=validate.OneOf(PURPOSES))
    version = fields.String(required=True)


PROCESSING_PURPOSES = ("guidance", "matching", "contact_sharing", "statistics", "esf_reporting")


class ProcessingRestricted(ClientRef):
    purposes = fields.List(fields.String(validate=validate.OneOf(PROCESSING_PURPOSES)), required=True)


class ProfileShared(ClientRef):
    """What matching needs, and nothing that identifies or profiles a person beyond it."""
    skills = fields.List(fields.Nested(SkillLevel), required=True)
    hours_per_week = fields.Integer(allow_none=True)
    available_from = fields.Date(allow_none=True)
    available_until = fields.Date(allow_none=True)
    work_types = fields.List(fields.String(validate=validate.OneOf(WORK_TYPES)), required=True)
    municipalities = fields.List(fields.String(), required=True)
    service_areas = fields.List(fields.String(), required=True)
    languages = fields.List(fields.String(), required=True)
    driving_licence = fields.Boolean(required=True)
    fields_of_education = fields.List(fields.String(), required=True)


BASES = ("public_task", "legal_obligation", "contract", "legitimate_interest", "consent")


class StatisticsRecorded(ClientRef):
    """Pseudonymous entry facts, for the purposes in `bases` (absent: statistics and ESF under consent (d))."""
    entered_on = fields.Date(required=True)
    age_band = fields.String(required=True, validate=validate.OneOf(("under_18", "18_24", "25_29", "30_54", "55_plus",
                                                                      "unknown")))
    gender = fields.String(required=True, validate=validate.OneOf(("woman", "man", "other", "undisclosed")))
    municipality = fields.String(allow_none=True)
    service_area = fields.String(allow_none=True)
    employment_status = fields.String(allow_none=True)
    education_status = fields.String(allow_none=True)
    education_level = fields.Integer(allow_none=True)
    field_of_education = fields.String(allow_none=True)
    disadvantaged = fields.Boolean(allow_none=True)
    person_pseudonym = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"),
                                     metadata={"description": "reporting's pseudonym of the person (a keyed hash of "
                                                              "the person key): one person across organisations"})
    bases = fields.Dict(keys=fields.String(validate=validate.OneOf(("statistics", "esf_reporting"))),
                        values=fields.String(validate=validate.OneOf(BASES)),
                        metadata={"description": "purpose -> legal basis the facts are sent on; the ESF "
                                                 "report's facts on a legal obligation stay when the "
                                                 "statistics consent is withdrawn"})


class MetricAnswered(ClientRef):
    scale = fields.String(required=True)
    phase = fields.String(required=True, validate=validate.OneOf(("start", "during", "end")))
    value = fields.Integer(required=True)


class MetricPhaseAnswered(ClientRef):
    """That a client answered the personal metrics at the start or the end of an environment: no scales, no values."""
    environment_id = fields.UUID(required=True)
    phase = fields.String(required=True, validate=validate.OneOf(("start", "end")))
    answered_at = fields.DateTime(required=True)


class NeedSkill(Schema):
    uri = fields.String(required=True)
    essential = fields.Boolean(required=True)
    level = fields.Integer(required=True, validate=validate.Range(1, 5))


class CooperationRecorded(Schema):
    """A cooperation opportunity with a partner that names nobody: counted as an event, never a person."""
    cooperation_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("order", "project", "thesis")),
                         metadata={"description": "a new order, a project, or a thesis topic"})
    started_on = fields.Date(required=True, metadata={"description": "the day the cooperation began"})


class PartnerRegistered(Schema):
    partner_id = fields.UUID(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("company", "association", "public_body")))
    business_id = fields.String(allow_none=True)
    municipality = fields.String(allow_none=True)
    industry = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)


class NeedPublished(Schema):
    need_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    title = fields.String(required=True)
    description = fields.String(allow_none=True)
    skills = fields.List(fields.Nested(NeedSkill), required=True)
    work_type = fields.String(required=True, validate=validate.OneOf(WORK_TYPES))
    hours_per_week = fields.Integer(allow_none=True)
    municipality = fields.String(allow_none=True)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    people = fields.Integer(required=True)
    hidden_job = fields.Boolean(required=True)
    languages = fields.List(fields.String(), required=True)
    driving_licence = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("open", "filled", "closed")))


class ReferralSent(ClientRef):
    """A referral, without its note: the event says whether there is one, not what it says."""
    referral_id = fields.UUID(required=True)
    to_organisation = fields.String(required=True)
    service_id = fields.UUID(allow_none=True)
    reference = fields.String(required=True)
    has_note = fields.Boolean(load_default=False, metadata={"description": "the sender wrote a note for the "
                                                                          "receiver (intake.referral_note.shared)"})
    note = fields.String(allow_none=True, load_default=None, load_only=True, metadata={
        "deprecated": True, "description": "read from events of earlier versions only; never sent"})


class ReferralRef(Schema):
    referral_id = fields.UUID(required=True)


class ReferralNote(ReferralRef):
    """A referral's free-text note, for the receiving organisation's intake only."""
    note = fields.String(required=True, validate=validate.Length(min=1, max=500))


class ConversationMessage(Schema):
    """A message of a conversation as its parties see it: who wrote it (a name and a role, no user id), the text
    and when. A subclass names the conversation's subject first (its fields come before these)."""
    message_id = fields.UUID(required=True, metadata={"description": "the message's id on every side (a repeat "
                                                                     "is stored once)"})
    author_name = fields.String(required=True, validate=validate.Length(max=200))
    author_role = fields.String(required=True, validate=validate.OneOf(("manager", "student", "partner")))
    body = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    posted_at = fields.DateTime(required=True)


class ReferralMessage(ConversationMessage, ReferralRef):
    """A message of a referral's conversation, for the other side's intake only: the referral, who wrote it (as
    the parties see them: a name and a role, no user id), the text and when."""


class EnvironmentSubject(Schema):
    environment_id = fields.UUID(required=True)


class EnvironmentMessage(ConversationMessage, EnvironmentSubject):
    """A message of an environment's conversation, for the intake of another member whose clients take part: the
    environment, who wrote it (a name and a role, no user id), the text and when."""


class EnvironmentMessagesErased(EnvironmentSubject):
    """The sender erased a client: the messages of an environment's conversation that were that client's data."""
    message_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1))


class ReferralUpdated(ReferralRef):
    status = fields.String(required=True, validate=validate.OneOf(("accepted", "declined", "completed",
                                                                    "cancelled")))


class OverlapResolved(ClientRef):
    notice_id = fields.UUID(required=True)
    other_organisation = fields.String(required=True)
    resolution = fields.String(required=True, validate=validate.OneOf(("lead_agreed", "dismissed")))
    lead_organisation = fields.String(allow_none=True)


class OverlapAgreed(Schema):
    """The other organisation of a shared client recorded which one leads: the recipient's notice is settled too."""
    client_id = fields.UUID(required=True, metadata={"description": "The recipient organisation's own client"})
    other_client_id = fields.UUID(required=True, metadata={"description": "The sender's client"})
    lead_organisation = fields.String(required=True)


class OutcomeRecorded(ClientRef):
    outcome_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("education", "work", "apprenticeship", "other")))
    work_form = fields.String(allow_none=True, validate=validate.OneOf(("part_time", "full_time", "short",
                                                                       "fixed_term")))
    hidden_job = fields.Boolean(required=True)
    qualification = fields.Boolean(required=True)
    field_of_education = fields.String(allow_none=True, load_default=None)
    started_on = fields.Date(required=True)
    ended_on = fields.Date(allow_none=True, load_default=None)
    via_environment_id = fields.UUID(allow_none=True)
    via_suggestion_id = fields.UUID(allow_none=True)


class ContactShared(ClientRef):
    """Contact details to the partner of an accepted match, only under consent (c)."""
    partner_id = fields.UUID(required=True)
    need_id = fields.UUID(required=True)
    name = fields.String(required=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class ContactDisclosed(Schema):
    """That an introduced candidate's contact details went to the need's partner: the fact, not the details."""
    suggestion_id = fields.UUID(required=True, metadata={"description": "the introduction (matching's suggestion)"})
    need_id = fields.UUID(required=True)


class ServicePublished(Schema):
    service_id = fields.UUID(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    target_group = fields.String(allow_none=True)
    service_area = fields.String(allow_none=True)
    active = fields.Boolean(required=True)


class StepDue(ClientRef):
    """A path step due today or overdue, for the client's managers: no title, no text."""
    step_id = fields.UUID(required=True)
    organisation = fields.String(required=True, metadata={"description": "the client's organisation"})
    due_date = fields.Date(required=True)


SUBJECT_KINDS = ("referral", "environment", "introduction")


class MessagePosted(Schema):
    """A message in a conversation, without its text: whom it concerns, so that they are notified."""
    message_id = fields.UUID(required=True)
    subject_kind = fields.String(required=True, validate=validate.OneOf(SUBJECT_KINDS))
    subject_id = fields.UUID(required=True)
    author = fields.String(required=True, metadata={"description": "the author's user id (not notified)"})
    organisations = fields.List(fields.String(), required=True,
                                metadata={"description": "organisations whose managers are parties"})
    client_ids = fields.List(fields.UUID(), required=True,
                             metadata={"description": "clients who are parties themselves (the student)"})
    partner_organisations = fields.List(fields.String(), load_default=list,
                                        metadata={"description": "partners whose contact persons are parties"})
    subject_name = fields.String(load_default=None, allow_none=True, metadata={
        "description": "what the conversation is about, for the notification: the environment's name or the need's "
                       "title (never a person's name; absent when not known to the sender, and from older events)"})


class ServiceHidden(Schema):
    service_id = fields.UUID(required=True)
    hidden = fields.Boolean(required=True)


SPECS = [
    EventSpec("intake.client.registered", ClientRegistered, "A member organisation registered a client."),
    EventSpec("intake.client.closed", ClientClosed, "A client's case was closed (on `closed_on`)."),
    EventSpec("intake.client.erased", ClientRef, "A client's personal data was erased (GDPR Art. 17); every "
              "service removes or anonymises what it holds about the client."),
    EventSpec("intake.person_key.published", PersonKeyPublished,
              "A keyed hash of a client's normalised name and birth date, for finding shared clients "
              "(matching only: reporting counts persons by its own pseudonym).", statistics=False),
    EventSpec("intake.processing.restricted", ProcessingRestricted,
              "The purposes a client's data may not now be processed for (GDPR Art. 18 restriction or an upheld "
              "Art. 21 objection); the whole current list, empty when every restriction is lifted."),
    EventSpec("intake.consent.given", ConsentChanged, "A client gave a consent for a purpose."),
    EventSpec("intake.consent.withdrawn", ConsentChanged, "A client withdrew a consent; it takes effect at once."),
    EventSpec("intake.profile.shared", ProfileShared,
              "A competence profile shared with the network for matching (consent b)."),
    EventSpec("intake.profile.withdrawn", ClientRef, "A competence profile is no longer shared."),
    EventSpec("intake.statistics.recorded", StatisticsRecorded,
              "Pseudonymous entry facts for statistics and the funder's ESF report, on the bases named.",
              personal_data="pseudonymous: age band and gender, for statistics and the ESF report"),
    EventSpec("intake.metric.answered", MetricAnswered,
              "A personal-metric answer for statistics (on the statistics basis; consent (d) where it is consent)."),
    EventSpec("intake.metric.phase_answered", MetricPhaseAnswered,
              "A client answered the personal metrics at the start or the end of an environment they take part in "
              "(on the guidance basis: that they answered, never what), for the environment's reminders only.",
              statistics=False),
    EventSpec("intake.partner.registered", PartnerRegistered,
              "A company or third-sector partner was recorded or its details changed (no contact persons)."),
    EventSpec("intake.cooperation.recorded", CooperationRecorded,
              "A cooperation opportunity with a partner (a new order, a project, a thesis topic) was recorded "
              "without naming a participant.", personal_data="none: a partner's cooperation, nobody named"),
    EventSpec("intake.need.published", NeedPublished, "A partner's competence need was published or changed."),
    EventSpec("intake.service.published", ServicePublished,
              "A member organisation's service in the catalogue was added or changed (inactive: withdrawn)."),
    EventSpec("intake.service.hidden", ServiceHidden,
              "The network's coordinator hid a catalogue entry (an empty or junk one) or showed it again."),
    EventSpec("intake.referral.sent", ReferralSent, "A client was referred to another organisation's service."),
    EventSpec("intake.referral_note.shared", ReferralNote,
              "The note of a referral, addressed to the receiving organisation's intake (the only other reader).",
              personal_data="free text about the client, for the receiving organisation only", statistics=False,
              addressed=True),
    EventSpec("intake.referral_message.posted", ReferralMessage,
              "A message of a referral's conversation, addressed to the referral's other side's intake (its only "
              "other reader).",
              personal_data="free text about the client, for the referral's other side only", statistics=False,
              addressed=True),
    EventSpec("intake.referral_note.erased", ReferralRef,
              "A side of a referral erased the client's record: the other side removes the referral's note and the "
              "messages of its conversation.",
              statistics=False, addressed=True),
    EventSpec("intake.environment_message.posted", EnvironmentMessage,
              "A message of an environment's conversation, addressed to the intake of each other member whose "
              "clients take part (each keeps a copy of the one thread).",
              personal_data="free text, perhaps about a participant, for the environment's other members only",
              statistics=False, addressed=True),
    EventSpec("intake.environment_message.erased", EnvironmentMessagesErased,
              "A member erased a client: each other member whose clients take part removes its copies of the "
              "environment messages that were that client's data.",
              statistics=False, addressed=True),
    EventSpec("intake.referral.updated", ReferralUpdated,
              "The receiver accepted, declined or completed a referral, or the sender cancelled it."),
    EventSpec("intake.step.due", StepDue, "A personal path's step is due or overdue (`kampus intake steps-due`).",
              statistics=False),
    EventSpec("intake.message.posted", MessagePosted,
              "A message was written in a conversation about a referral or an environment: its parties are "
              "notified; the text stays in intake.", statistics=False),
    EventSpec("intake.overlap.resolved", OverlapResolved, "A possible shared client was resolved."),
    EventSpec("intake.overlap.agreed", OverlapAgreed,
              "One organisation of a possible shared client recorded the agreement on which of the two leads the "
              "client's service: the other organisation's notice of the same person is settled with it.",
              personal_data="that the person is a client of the other organisation, for the two organisations only",
              statistics=False, addressed=True),
    EventSpec("intake.outcome.recorded", OutcomeRecorded,
              "A client moved to education, work or other (sent for statistics or the ESF report, on their bases)."),
    EventSpec("intake.contact.shared", ContactShared,
              "Contact details for the partner of an accepted match (consent c), addressed to the organisation "
              "whose intake holds the need.",
              personal_data="contact details under consent (c), for one partner", statistics=False,
              addressed=True),
    EventSpec("intake.contact.disclosed", ContactDisclosed,
              "An introduced candidate's contact details went to the need's partner (under consent (c) or the "
              "member's legal basis): matching shows the partner the way to the introduction's conversation. No "
              "details travel.", personal_data="pseudonymous: that a suggestion's contact went to its partner",
              statistics=False),
]
