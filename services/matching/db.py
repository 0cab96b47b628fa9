"""Tables of the matching service (SQLAlchemy 2.x).

Read models hold the last state of each entity the events told about, enough to rebuild the engine
and every suggestion without the raw events (`kampus matching rebuild`). Clients appear only by their
pseudonymous ids; nothing here names a person.
"""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, Float, Index, Integer, String, Table, Text, UniqueConstraint

from shared.bus.tables import Id
from shared.db import Org, Uuid, service_metadata

metadata = service_metadata()
Fingerprint = String(32)

# --- read models ------------------------------------------------------------------------------
def _newest_event(*, record_nullable: bool = False) -> tuple[Column, ...]:
    """A read model's copy of the newest event applied to it: its payload, when that event occurred (an older one
    that arrives late is skipped: `domain.freshness.stale`) and when the row last changed here."""
    return (Column("record", JSON, nullable=record_nullable),
            Column("changed_at", DateTime(timezone=True), nullable=False),
            Column("updated_at", DateTime(timezone=True), nullable=False))


profiles = Table(  # competence profiles shared under consent (b); what is left of one no longer shared is its id
    "profiles", metadata,
    Column("client_id", Uuid, primary_key=True),
    Column("organisation", Org, nullable=False, index=True),  # the client's organisation
    Column("status", String(10), nullable=False),  # shared | withdrawn | closed | erased
    *_newest_event(record_nullable=True),  # intake.profile.shared; NULL when not shared
)

partners = Table(
    "partners", metadata,
    Column("partner_id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("organisation", Org),  # the partner's own organisation (its users' login organisation)
    Column("registered_by", Org, nullable=False),  # the member organisation that recorded it
    Column("municipality", String(3)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

needs = Table(  # partners' competence needs; closed and filled ones stay here but out of matching
    "needs", metadata,
    Column("need_id", Uuid, primary_key=True),
    Column("partner_id", Uuid, nullable=False, index=True),
    Column("organisation", Org, nullable=False),  # the member organisation that published it
    Column("title", String(200), nullable=False),
    Column("status", String(10), nullable=False),  # open | filled | closed
    *_newest_event(),  # intake.need.published
)

environments = Table(
    "environments", metadata,
    Column("environment_id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("organisation", Org, nullable=False),
    Column("status", String(20), nullable=False),  # as environments tells it: planned | open | running | ...
    *_newest_event(),
)

environment_roles = Table(
    "environment_roles", metadata,
    Column("role_id", Uuid, primary_key=True),
    Column("environment_id", Uuid, nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("seats", Integer, nullable=False),
    *_newest_event(),  # record: {"skills": [{"uri", "level", "essential"}], "fields": [...]}
)

participants = Table(  # who takes part in which environment (to keep students in running ones out of teams)
    "participants", metadata,
    Column("environment_id", Uuid, primary_key=True),
    Column("client_id", Uuid, primary_key=True),
    Column("role_id", Uuid),
    Column("status", String(20), nullable=False),  # enrolled | completed | left
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# --- what matching decided and was told -------------------------------------------------------
suggestions = Table(
    "suggestions", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("organisation", Org, nullable=False),  # the client's organisation: only its managers see it
    Column("target_kind", String(20), nullable=False),  # need | environment_role
    Column("target_id", Uuid, nullable=False),
    Column("environment_id", Uuid),
    Column("score", Float, nullable=False),
    Column("rank", Integer, nullable=False),
    Column("explanation", JSON, nullable=False),
    Column("service_areas", JSON, nullable=False),  # the profile's service areas, for fairness monitoring
    Column("need_fingerprint", Fingerprint, nullable=False),
    Column("profile_fingerprint", Fingerprint, nullable=False),
    Column("status", String(10), nullable=False),  # new | accepted | declined | withdrawn
    Column("made_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("withdrawn_reason", String(30)),
    # The dialogue (issue 16): who proposed the pair, the student's own answer, the partner's wish to meet.
    Column("origin", String(10), nullable=False, default="engine", server_default="engine"),  # engine | student
    Column("student_answer", String(15)),  # interested | not_interested, before the manager decides
    Column("student_reason", Text),  # the student's own words: erased with them
    Column("answered_at", DateTime(timezone=True)),
    Column("introduction_requested_at", DateTime(timezone=True)),  # the partner asked to be introduced
    Column("contact_disclosed_at", DateTime(timezone=True)),  # the contact went to the partner (intake says so)
)
Index("ix_suggestions_target", suggestions.c.target_kind, suggestions.c.target_id, suggestions.c.client_id)
Index("ix_suggestions_org_status", suggestions.c.organisation, suggestions.c.status, suggestions.c.made_at)
# The list of an organisation's suggestions, newest first: a page read backwards from the index (suggestion_list)
Index("ix_suggestions_org_made", suggestions.c.organisation, suggestions.c.made_at)

decisions = Table(  # a manager's accept or decline, with the fingerprints it was made under
    "decisions", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("suggestion_id", Uuid, nullable=False, unique=True),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("organisation", Org, nullable=False),
    Column("target_kind", String(20), nullable=False),
    Column("target_id", Uuid, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("reason", Text),
    Column("need_fingerprint", Fingerprint, nullable=False),
    Column("profile_fingerprint", Fingerprint, nullable=False),
    Column("rank", Integer, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", Uuid),
    Column("in_force", Boolean, nullable=False, default=True),  # false once the profile stopped being shared
)

digest_subscriptions = Table(  # managers who opted in to the daily e-mail of new suggestions
    "digest_subscriptions", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("username", String(100), nullable=False),
    Column("organisation", Org, nullable=False),
    Column("email", String(254), nullable=False),
    Column("locale", String(5), nullable=False),
    Column("subscribed_at", DateTime(timezone=True), nullable=False),
    Column("last_sent_at", DateTime(timezone=True)),
)

fairness_snapshots = Table(  # the newest fairness report of each month and grouping
    "fairness_snapshots", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("period", String(7), nullable=False),
    Column("group_kind", String(20), nullable=False),
    Column("report", JSON, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("period", "group_kind"),
)

engine_state = Table(  # a token every change of the read models renews: an engine out of step reloads
    "engine_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(32), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Overlap detection (issue 14): the person keys intakes publish with a basis (the client's consent to purpose
# `overlap`, or the organisation's legal basis), per key version so that a rotation keeps finding shared
# clients; and the pairs already told, so that each of the two organisations is told once.
person_keys = Table(
    "person_keys", metadata,
    Column("client_id", Uuid, primary_key=True),
    Column("key_version", Integer, primary_key=True),
    Column("person_key", String(64), nullable=False),
    Column("organisation", Org, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Index("ix_person_keys_version_key", "key_version", "person_key"),
)

shared_clients_told = Table(
    "shared_clients_told", metadata,
    Column("client_id", Uuid, primary_key=True),
    Column("other_client_id", Uuid, primary_key=True),
    Column("told_at", DateTime(timezone=True), nullable=False),
)

# What a partner tells after an introduction (issue 16), one row per step, and the reminders of introductions
# nobody has told anything about; both go with the client on erasure.
candidate_feedback = Table(
    "candidate_feedback", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("suggestion_id", Uuid, nullable=False, index=True),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("need_id", Uuid, nullable=False, index=True),
    Column("stage", String(20), nullable=False),  # contacted | interviewed | trial | hired | not_suitable
    Column("employment", String(20)),  # part_time | short | fixed_term | permanent | hidden_job (hired only)
    Column("reason", Text),  # why not suitable, in the partner's words
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", Uuid),
)

feedback_reminders = Table(
    "feedback_reminders", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("suggestion_id", Uuid, nullable=False, unique=True),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("need_id", Uuid, nullable=False),
    Column("partner_organisation", Org, nullable=False, index=True),  # whose users are reminded
    Column("introduced_at", DateTime(timezone=True), nullable=False),
    Column("reminded_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),  # feedback arrived since
)
