"""Tables of the environments service (SQLAlchemy 2.x).

Clients appear only by their pseudonymous id and organisation; `partners`, `competence_needs` and
`known_clients` are read models kept from intake's events, so that managers can pick partners and needs
and enrol only clients their own organisation registered.
"""
from __future__ import annotations

from sqlalchemy.schema import Column, ForeignKey, Table, UniqueConstraint
from sqlalchemy.types import JSON, Boolean, Date, DateTime, Integer, String, Text

from shared.db import Org, Uuid, service_metadata, timestamps

metadata = service_metadata()


def _environment_fk(**kwargs) -> Column:
    return Column("environment_id", Uuid, ForeignKey("environments.id", ondelete="CASCADE"), nullable=False,
                  **kwargs)


# --- read models of intake's partners and their competence needs -------------------------------
partners = Table(
    "partners", metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),  # company | association | public_body
    Column("organisation", Org, index=True),  # the partner's own users' organisation, if they log in
    Column("recorded_by", Org, nullable=False),  # the member organisation that recorded it
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

competence_needs = Table(
    "competence_needs", metadata,
    Column("id", Uuid, primary_key=True),
    Column("partner_id", Uuid, nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("work_type", String(20)),
    Column("status", String(10), nullable=False),  # open | filled | closed
    Column("skills", JSON, nullable=False, default=list),  # [{"uri", "essential", "level"}]
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

known_clients = Table(  # clients each member organisation's intake announced (intake.client.registered)
    "known_clients", metadata,
    Column("organisation", Org, primary_key=True),
    Column("client_id", Uuid, primary_key=True),  # pseudonymous; the row goes when the client is erased
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# --- environments ------------------------------------------------------------------------------
environments = Table(
    "environments", metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text),
    Column("host_organisation", Org, nullable=False, index=True),
    Column("institutions", JSON, nullable=False, default=list),  # participating member organisations
    Column("fields_of_education", JSON, nullable=False, default=list),
    Column("municipality", String(3)),
    Column("service_area", String(60)),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("capacity", Integer, nullable=False),
    Column("learning_goals", Text),
    Column("status", String(12), nullable=False, index=True),
    Column("cancel_reason", Text),
    Column("created_by", Uuid),
    Column("opened_at", DateTime(timezone=True)),
    Column("started_at", DateTime(timezone=True)),
    Column("completed_at", DateTime(timezone=True)),
    Column("evaluated_at", DateTime(timezone=True)),
    Column("cancelled_at", DateTime(timezone=True)),
    *timestamps(),
)

environment_partners = Table(  # a snapshot of the partner, refreshed when intake tells of a change
    "environment_partners", metadata,
    _environment_fk(primary_key=True),
    Column("partner_id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("organisation", Org, index=True),
)

environment_needs = Table(
    "environment_needs", metadata,
    _environment_fk(primary_key=True),
    Column("need_id", Uuid, primary_key=True),
    Column("partner_id", Uuid, nullable=False),
    Column("title", String(200), nullable=False),
)

roles = Table(
    "roles", metadata,
    Column("id", Uuid, primary_key=True),
    _environment_fk(index=True),
    Column("title", String(200), nullable=False),
    Column("description", Text),
    Column("seats", Integer, nullable=False),
    Column("fields", JSON, nullable=False, default=list),  # fields of education
    Column("skills", JSON, nullable=False, default=list),  # [{"uri", "level"}] wanted ESCO skills
    Column("position", Integer, nullable=False, default=0),
)

review_items = Table(  # the gender-neutral review: one row per checklist item reviewed
    "review_items", metadata,
    _environment_fk(primary_key=True),
    Column("item", String(40), primary_key=True),
    Column("checked", Boolean, nullable=False),
    Column("note", Text),
    Column("reviewed_by", Uuid),
    Column("reviewer_name", String(200)),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
)

# --- participants and their evaluation ----------------------------------------------------------
participants = Table(
    "participants", metadata,
    Column("id", Uuid, primary_key=True),
    _environment_fk(index=True),
    Column("role_id", Uuid, ForeignKey("roles.id"), nullable=False),
    Column("client_id", Uuid, index=True),  # NULL once the client is erased
    Column("client_organisation", Org, nullable=False),
    Column("team_name", String(80)),  # how the team knows the person (personal: erased)
    Column("status", String(10), nullable=False),  # enrolled | withdrawn | completed
    Column("started_on", Date),
    Column("ended_on", Date),
    Column("learning_goals", Text),  # the participant's own (personal: erased)
    Column("withdrawal_reason", Text),  # personal: erased
    Column("gender", String(12)),  # only under the statistics consent; never on the bus
    Column("enrolled_by", Uuid),
    Column("via_suggestion_id", Uuid),
    Column("demonstrated_skills", JSON, nullable=False, default=list),  # [{"uri", "level"}]
    Column("erased_at", DateTime(timezone=True)),
    *timestamps(),
    UniqueConstraint("environment_id", "client_organisation", "client_id", name="uq_participants_client"),
)


def _participant_fk(**kwargs) -> Column:
    return Column("participant_id", Uuid, ForeignKey("participants.id", ondelete="CASCADE"), **kwargs)


participant_metric_phases = Table(  # that the participant answered intake's personal metrics, never what
    "participant_metric_phases", metadata,
    _participant_fk(primary_key=True),
    Column("phase", String(5), primary_key=True),  # start | end
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

surveys = Table(  # the experience survey: one per participant, answered by the student
    "surveys", metadata,
    _participant_fk(primary_key=True),
    _environment_fk(index=True),
    Column("answers", JSON, nullable=False),  # {item: 1..5}
    Column("free_text", Text),  # personal: erased
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

assessments = Table(  # a partner's assessment of one participant, or of the whole team ("overall")
    "assessments", metadata,
    Column("id", Uuid, primary_key=True),
    _environment_fk(index=True),
    Column("partner_id", Uuid, nullable=False),
    Column("subject", String(36), nullable=False),  # a participant id, or "overall"
    _participant_fk(nullable=True),
    Column("scores", JSON, nullable=False),  # {criterion: 1..5}
    Column("skills", JSON, nullable=False, default=list),  # confirmed skills of the role [{"uri", "level"}]
    Column("free_text", Text),  # erased with the participant
    Column("given_by", Uuid),
    Column("given_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("environment_id", "partner_id", "subject", name="uq_assessments_subject"),
)

outcomes = Table(
    "outcomes", metadata,
    Column("id", Uuid, primary_key=True),
    _environment_fk(index=True),
    Column("partner_id", Uuid, nullable=False),
    Column("participant_id", Uuid, ForeignKey("participants.id", ondelete="SET NULL")),
    Column("kind", String(20), nullable=False),
    Column("hidden_job", Boolean, nullable=False, default=False),
    Column("description", Text),  # erased when it concerns an erased client
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("recorded_by", Uuid),
    Column("recorded_by_organisation", Org),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

badges = Table(  # Open Badges 2.0 assertions; the recipient only as a salted hash
    "badges", metadata,
    Column("id", Uuid, primary_key=True),  # the assertion's id in its public URL
    _participant_fk(nullable=True, unique=True),
    _environment_fk(index=True),
    Column("identity_type", String(10), nullable=False),
    Column("identity_hash", String(71)),  # "sha256$" + 64 hex; NULL once revoked
    Column("salt", String(32)),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

refused_enrolments = Table(  # suggestions accepted in matching whose enrolment the seat rules refused
    "refused_enrolments", metadata,
    Column("suggestion_id", Uuid, primary_key=True),
    _environment_fk(index=True),
    Column("role_id", Uuid, nullable=False),
    Column("client_id", Uuid, index=True),  # pseudonymous; the row goes when the client is erased
    Column("client_organisation", Org, nullable=False),
    Column("reason", String(200), nullable=False),  # the rule's English message (N_), translated on the page
    Column("refused_at", DateTime(timezone=True), nullable=False),
)
