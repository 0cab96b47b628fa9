"""Tables of the intake service (SQLAlchemy 2.x).

Intake may serve several member organisations in one instance (the embedded default does), so
every row of a client or partner carries the organisation that owns it.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from shared.bus.tables import Id
from shared.db import Org, Uuid, service_metadata, timestamps
from shared.web.idempotency import idempotency_table

metadata = service_metadata()
idempotency_keys = idempotency_table(metadata)  # the API's safe retries (shared/web/idempotency.py)



# --- clients, consent, audit ------------------------------------------------------------------
clients = Table(
    "clients", metadata,
    Column("id", Uuid, primary_key=True),  # the pseudonymous client id used on the bus
    Column("organisation", Org, nullable=False, index=True),
    Column("first_name", String(100)),
    Column("last_name", String(100)),
    Column("birth_date", Date),
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("home_municipality", String(3)),
    Column("gender", String(20)),  # woman | man | other | undisclosed | NULL
    Column("mother_tongue", String(3)),
    Column("languages", JSON, nullable=False, default=list),  # [{"code": "fi", "level": "native"}]
    Column("education_status", String(30)),  # studying | graduated | interrupted | not_in_education
    Column("institution", String(200)),
    Column("field_of_education", String(4)),
    Column("employment_status", String(30)),  # at entry: employed | unemployed | long_term_unemployed | inactive
    Column("education_level", SmallInteger),  # ISCED 2011 level at entry
    Column("disadvantaged", Boolean),
    Column("entered_on", Date, nullable=False),
    Column("status", String(10), nullable=False, default="active"),  # active | closed | erased
    Column("closed_on", Date),
    Column("person_key", String(64), index=True),
    Column("person_key_version", Integer, nullable=False, default=1, server_default="1"),  # of its secret
    Column("search_name", String(201)),  # "first last" folded for searching (personal: erased too)
    Column("created_by", Uuid),
    Column("erased_at", DateTime(timezone=True)),
    Column("anonymised_at", DateTime(timezone=True)),
    Column("archived_at", DateTime(timezone=True)),  # status archived: kept as an official record, out of daily work
    *timestamps(),
)

consents = Table(  # append-only decisions; the newest per purpose is in force
    "consents", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("purpose", String(30), nullable=False),  # service | profile_sharing | contact_to_partner | statistics
    Column("version", String(20), nullable=False),
    Column("given", Boolean, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", Uuid),
    Column("method", String(20), nullable=False, default="in_person"),  # in_person | self_service | written
)

audit_log = Table(  # the trail before shared.audit (read-only; handlers/audit_import.py moves it to the audit store)
    "audit_log", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Uuid),
    Column("actor_organisation", Org),
    Column("actor_role", String(20)),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("action", String(20), nullable=False),  # read | create | update | export | erase | anonymise
    Column("what", String(100), nullable=False),
    Column("why", String(200), nullable=False),
)

# --- needs assessment, personal path, personal metrics -----------------------------------------
needs = Table(
    "needs", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("category", String(40), nullable=False),
    Column("priority", SmallInteger, nullable=False),  # 1 high .. 3 low
    Column("description", Text),
    Column("status", String(20), nullable=False, default="open"),  # open | met | dropped
    *timestamps(),
)

path_goals = Table(
    "path_goals", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # education | work | other
    Column("title", String(200), nullable=False),
    Column("target_code", String(200)),  # an ESCO occupation URI or a field-of-education code
    Column("due_date", Date),
    Column("status", String(20), nullable=False, default="active"),  # active | reached | dropped
    *timestamps(),
)

path_steps = Table(
    "path_steps", metadata,
    Column("id", Uuid, primary_key=True),
    Column("goal_id", Uuid, ForeignKey("path_goals.id", ondelete="CASCADE"), index=True),  # NULL: no goal yet
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("owner", String(20), nullable=False),  # client | manager | partner | other
    Column("due_date", Date),
    Column("status", String(20), nullable=False, default="planned"),  # planned | in_progress | done | cancelled
    Column("source", String(40)),  # e.g. "learning_gap" when proposed by matching
    Column("skill_uri", String(200)),  # the ESCO skill a learning-gap step is about
    Column("created_by", Uuid),
    # a step that is a meeting (a guidance meeting, a company visit...): when, where and with whom
    Column("starts_at", DateTime(timezone=True), index=True),  # NULL: not a meeting
    Column("ends_at", DateTime(timezone=True)),
    Column("place", String(200)),
    Column("video_link", String(500)),
    Column("participants", String(500)),  # the people taking part, as the manager wrote them
    *timestamps(),
)

path_step_history = Table(
    "path_step_history", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("step_id", Uuid, ForeignKey("path_steps.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Uuid),
    Column("actor_role", String(20)),  # manager | student | ...
    Column("change", JSON, nullable=False),  # {"field": [old, new], ...}
)

metric_scales = Table(
    "metric_scales", metadata,
    Column("key", String(60), primary_key=True),
    Column("labels", JSON, nullable=False),  # {"fi": ..., "sv": ..., "en": ...}
    Column("minimum", SmallInteger, nullable=False, default=1),
    Column("maximum", SmallInteger, nullable=False, default=5),
    Column("position", SmallInteger, nullable=False, default=0),
    Column("active", Boolean, nullable=False, default=True),
)

metric_answers = Table(
    "metric_answers", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("scale_key", String(60), ForeignKey("metric_scales.key"), nullable=False),
    Column("phase", String(10), nullable=False),  # start | during | end
    Column("value", SmallInteger, nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False),
    Column("context", String(60)),  # e.g. an environment id
    Column("recorded_by", Uuid),  # the student themself or a manager who recorded the answer
)

# --- competence profile -----------------------------------------------------------------------
profiles = Table(
    "profiles", metadata,
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("hours_per_week", SmallInteger),
    Column("available_from", Date),
    Column("available_until", Date),
    Column("work_types", JSON, nullable=False, default=list),
    Column("municipalities", JSON, nullable=False, default=list),
    Column("service_areas", JSON, nullable=False, default=list),
    Column("driving_licence", Boolean, nullable=False, default=False),
    Column("languages", JSON, nullable=False, default=list),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

profile_skills = Table(
    "profile_skills", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("skill_uri", String(200), nullable=False),
    Column("level", SmallInteger, nullable=False),  # 1..5
    Column("evidence", String(30), nullable=False),  # self | course | work | project_environment | other
    Column("evidence_ref", String(200)),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("client_id", "skill_uri", "evidence", "evidence_ref"),
)

# --- partners and competence needs --------------------------------------------------------------
partners = Table(
    "partners", metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),  # company | association | public_body
    Column("business_id", String(9), unique=True),  # Y-tunnus, checksum-validated
    Column("municipality", String(3)),
    Column("industry", String(10)),  # TOL 2008
    Column("organisation", Org, unique=True),  # the partner's own organisation slug, when its users log in
    Column("recorded_by_organisation", Org, nullable=False),
    *timestamps(),
)

partner_cooperation = Table(  # cooperation opportunities with a partner, no participant named
    "partner_cooperation", metadata,
    Column("id", Uuid, primary_key=True),
    Column("partner_id", Uuid, ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # order | project | thesis
    Column("started_on", Date, nullable=False),
    Column("description", Text),
    Column("recorded_by_organisation", Org, nullable=False),
    Column("recorded_by", Uuid),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

partner_links = Table(  # append-only: every change of a partner's login organisation, by an administrator
    "partner_links", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("partner_id", Uuid, nullable=False, index=True),  # no foreign key: the record outlives anything
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Uuid),
    Column("actor_username", String(100)),
    Column("actor_organisation", Org),
    Column("old_organisation", Org),
    Column("new_organisation", Org),
)

partner_contacts = Table(
    "partner_contacts", metadata,
    Column("id", Uuid, primary_key=True),
    Column("partner_id", Uuid, ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("role", String(100)),
    Column("email", String(254)),
    Column("phone", String(40)),
)

competence_needs = Table(
    "competence_needs", metadata,
    Column("id", Uuid, primary_key=True),
    Column("partner_id", Uuid, ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("description", Text),
    Column("work_type", String(30), nullable=False),
    Column("hours_per_week", SmallInteger),
    Column("municipality", String(3)),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("people", SmallInteger, nullable=False, default=1),
    Column("hidden_job", Boolean, nullable=False, default=False),
    Column("languages", JSON, nullable=False, default=list),
    Column("driving_licence", Boolean, nullable=False, default=False),
    Column("status", String(10), nullable=False, default="open"),  # open | filled | closed
    Column("recorded_by_organisation", Org, nullable=False),
    Column("created_by", Uuid),
    *timestamps(),
)

need_skills = Table(
    "need_skills", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("need_id", Uuid, ForeignKey("competence_needs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("skill_uri", String(200), nullable=False),
    Column("essential", Boolean, nullable=False),
    Column("level", SmallInteger, nullable=False, default=3),
    UniqueConstraint("need_id", "skill_uri"),
)

# --- removing overlaps: person keys, shared-client notices, services, referrals -----------------
# Other organisations' person keys are no longer kept here (issue 14): the network's matching compares keys
# and tells only the two organisations concerned, each with a basis (matching.shared_client.found).
shared_client_notices = Table(
    "shared_client_notices", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("other_organisation", Org, nullable=False),
    Column("other_client_id", Uuid, nullable=False),
    Column("status", String(20), nullable=False, default="open"),  # open | lead_agreed | dismissed
    Column("lead_organisation", Org),
    Column("resolved_by", Uuid),
    Column("resolved_at", DateTime(timezone=True)),
    *timestamps(),
    UniqueConstraint("client_id", "other_organisation", "other_client_id"),
)

services = Table(  # the service catalogue: what each member organisation offers
    "services", metadata,
    Column("id", Uuid, primary_key=True),
    Column("organisation", Org, nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("description", Text),
    Column("target_group", String(200)),
    Column("service_area", String(60)),
    Column("active", Boolean, nullable=False, default=True),
    Column("received_at", DateTime(timezone=True)),  # set when it came from another intake instance
    Column("hidden_at", DateTime(timezone=True)),  # the coordinator hid the entry from the catalogue
    *timestamps(),
)

referrals = Table(
    "referrals", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, index=True),  # the sender's client (NULL at a receiver in another instance)
    Column("from_organisation", Org, nullable=False),
    Column("to_organisation", Org, nullable=False, index=True),
    Column("service_id", Uuid),
    Column("reference", String(12), nullable=False, unique=True),  # what the client shows the receiver
    Column("note", Text),  # no personal data: travels to the receiver
    Column("status", String(20), nullable=False, default="sent"),  # sent|accepted|declined|completed|cancelled
    Column("receiver_client_id", Uuid),
    Column("client_agreed_at", DateTime(timezone=True)),  # the client's decision to be referred
    Column("created_by", Uuid),
    Column("decided_by", Uuid),
    *timestamps(),
)

# --- outcomes and what other services told us ------------------------------------------------
outcomes = Table(
    "outcomes", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # education | work | apprenticeship | other
    Column("work_form", String(20)),  # part_time | full_time | short | fixed_term
    Column("hidden_job", Boolean, nullable=False, default=False),
    Column("description", String(200)),
    Column("field_of_education", String(4)),
    Column("qualification", Boolean, nullable=False, default=False),  # gained a qualification
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("via_environment_id", Uuid),
    Column("via_suggestion_id", Uuid),
    Column("source", String(20), nullable=False, default="intake"),  # intake | environments | partner (a hire)
    Column("recorded_by", Uuid),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

suggestions = Table(  # matching suggestions made to this organisation about its clients
    "suggestions", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("target_kind", String(20), nullable=False),  # need | environment_role
    Column("target_id", Uuid, nullable=False),
    Column("score", Integer, nullable=False),  # 0..1000
    Column("explanation", JSON, nullable=False),
    Column("status", String(20), nullable=False, default="new"),  # new | accepted | declined | withdrawn
    Column("received_at", DateTime(timezone=True), nullable=False),
)

need_partners = Table(  # which partner each published need belongs to (from intake.need.published)
    "need_partners", metadata,
    Column("need_id", Uuid, primary_key=True),
    Column("partner_id", Uuid, nullable=False),
    Column("holder_organisation", Org),  # whose intake holds the need: the event's source (NULL: not known)
    Column("received_at", DateTime(timezone=True), nullable=False),
)

contact_disclosures = Table(  # contact details this instance sent to a partner under consent (c)
    "contact_disclosures", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("suggestion_id", Uuid, nullable=False, unique=True),
    Column("need_id", Uuid, nullable=False),
    Column("partner_id", Uuid, nullable=False),
    Column("disclosed_at", DateTime(timezone=True), nullable=False),
)

need_acceptances = Table(  # accepted suggestions for a need this instance holds (pseudonymous clients)
    "need_acceptances", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("need_id", Uuid, ForeignKey("competence_needs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("client_id", Uuid, nullable=False),
    Column("suggestion_id", Uuid, nullable=False, unique=True),
    Column("accepted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("need_id", "client_id"),
)

shared_contacts = Table(  # contact details a client's organisation shared with the need's partner (consent c)
    "shared_contacts", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("need_id", Uuid, ForeignKey("competence_needs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("client_id", Uuid, nullable=False, index=True),
    Column("client_organisation", Org),  # who shared it: only that organisation's managers see it (NULL: unknown)
    Column("name", String(201), nullable=False),
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("shared_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("need_id", "client_id"),
)

# --- minors and guardians, the young person's own decisions ------------------------------------
guardians = Table(  # a minor client's guardians, recorded by the service manager
    "guardians", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("relation", String(20), nullable=False),  # parent | guardian | other
    Column("informed_on", Date),  # when the guardian was told of the service
    Column("created_by", Uuid),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

guardian_requests = Table(  # a guardian asks for access to or information about the minor's data
    "guardian_requests", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("guardian_id", Uuid, ForeignKey("guardians.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # access | information
    Column("received_on", Date, nullable=False),
    Column("status", String(10), nullable=False, default="open"),  # open | granted | refused
    Column("recorded_by", Uuid),
    Column("decided_by", Uuid),
    Column("decided_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

guardian_objections = Table(  # append-only: the young person's objection to guardian access; newest in force
    "guardian_objections", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("objects", Boolean, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", Uuid),
    Column("method", String(20), nullable=False),  # self_service | in_person
)

disclosure_requests = Table(  # a partner's accepted match waiting for, or decided by, the young person
    "disclosure_requests", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("suggestion_id", Uuid, nullable=False, unique=True),
    Column("need_id", Uuid, nullable=False),
    Column("partner_id", Uuid, nullable=False),
    Column("partner_name", String(200)),  # the recipient the question names
    Column("status", String(10), nullable=False),  # awaiting | accepted | declined | by_basis | withdrawn
    Column("basis", String(200)),  # the member's legal basis when disclosed without asking
    Column("asked_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("disclosed_at", DateTime(timezone=True)),
)

partner_names = Table(  # names of the network's partners (from intake.partner.registered): no personal data
    "partner_names", metadata,
    Column("partner_id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("organisation", Org),  # the partner's own login organisation, when its users log in
    Column("received_at", DateTime(timezone=True), nullable=False),
)

environment_participations = Table(  # environments' events about this organisation's clients
    "environment_participations", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("environment_id", Uuid, nullable=False),
    Column("environment_name", String(200)),
    Column("role", String(200)),
    Column("status", String(20), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("client_id", "environment_id"),
)

environment_parties = Table(  # who takes part in each environment, from environments' events: no personal data
    "environment_parties", metadata,
    Column("environment_id", Uuid, primary_key=True),
    Column("partner_ids", JSON, nullable=False, default=list),  # its partners (their users are thread parties)
    Column("organisations", JSON, nullable=False, default=list),  # members whose clients took part (their intakes
    # keep a copy of its thread)
    Column("described_at", DateTime(timezone=True)),  # when the partners were announced (a stale event changes none)
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

environment_reminders = Table(  # what each environment still misses, from environments' events: no personal data
    "environment_reminders", metadata,  # (the desk lists the host's environments needing action from it)
    Column("environment_id", Uuid, primary_key=True),
    Column("host_organisation", Org, nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("missing", JSON, nullable=False, default=list),  # the kinds it misses, in the order to do them
    Column("outstanding", Integer, nullable=False, default=0),  # how many kinds (0: nothing to do)
    Column("announced_at", DateTime(timezone=True), nullable=False),  # the announcement kept (an older one changes
    # nothing)
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_environment_reminders_host", "host_organisation", "outstanding"),
)

# --- the data subject's rights: requests, restrictions and objections, erasure decisions --------
rights_requests = Table(  # the register of rights requests (GDPR Art. 12(3): answered within a month)
    "rights_requests", metadata,
    Column("id", Uuid, primary_key=True),
    Column("organisation", Org, nullable=False, index=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # rights.KINDS
    Column("purpose", String(30)),  # restriction and objection: the purpose concerned
    Column("received_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("extended_to", Date),
    Column("extension_reason", String(500)),
    Column("state", String(12), nullable=False),  # open | extended | done | refused
    Column("decision", String(2000)),
    Column("decided_on", Date),
    Column("decided_by", Uuid),
    Column("created_by", Uuid),
    *timestamps(),
)

processing_restrictions = Table(  # restriction (Art. 18) or objection (Art. 21) of processing for one purpose
    "processing_restrictions", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("request_id", Uuid),
    Column("kind", String(12), nullable=False),  # restriction | objection
    Column("purpose", String(30), nullable=False),
    Column("decision", String(12), nullable=False),  # restricted | upheld | rejected
    Column("reason", String(2000), nullable=False),  # the ground, and for an objection the balancing made
    Column("decided_by", Uuid),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("lifted_at", DateTime(timezone=True)),
)

erasure_decisions = Table(  # what an erasure request erases and what must be archived, and why
    "erasure_decisions", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("request_id", Uuid),
    Column("controller_kind", String(12), nullable=False),
    Column("items", JSON, nullable=False),  # [{"record_type", "action": erase|archive|keep, "reason"}]
    Column("state", String(10), nullable=False),  # proposed | executed
    Column("made_by", Uuid),
    Column("made_at", DateTime(timezone=True), nullable=False),
    Column("executed_by", Uuid),
    Column("executed_at", DateTime(timezone=True)),
)

audit_log_purges = Table(  # while a row is here, entries older than its cutoff may be deleted (retention)
    "audit_log_purges", metadata,
    Column("cutoff", DateTime(timezone=True), primary_key=True),
)

Index("ix_clients_org_status", clients.c.organisation, clients.c.status)
# the client lists' order within an organisation: a page is read from the index instead of sorted (issue 18)
Index("ix_clients_org_listed", clients.c.organisation, clients.c.last_name, clients.c.first_name, clients.c.id)
# the new suggestions (the desk's kind and the navigation's count on every page) read from the index alone, not from
# the suggestions' wide rows (their explanations): a partial index of the few undecided ones (issue 18)
Index("ix_suggestions_new", suggestions.c.client_id, postgresql_include=["received_at", "score", "id"],
      postgresql_where=suggestions.c.status == "new", sqlite_where=suggestions.c.status == "new")


# --- the manager's daily work: case notes, calendar feeds ----------------------------------------
client_notes = Table(  # asiakaskirjaukset: dated notes on a client by the organisation's service managers
    "client_notes", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("organisation", Org, nullable=False, index=True),
    Column("noted_on", Date, nullable=False),  # the day of the contact the note is about
    Column("kind", String(20), nullable=False),  # meeting | phone | message | other
    Column("text", Text, nullable=False),
    Column("author", Uuid),
    Column("author_name", String(200)),
    *timestamps(),
)

calendar_feeds = Table(  # a manager's private calendar address: only the token's hash is kept
    "calendar_feeds", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("organisation", Org, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


# --- conversations: messages between the parties of a subject (a referral, an environment, ...) ---
# Personal data of the client the subject concerns (client_id: exported and erased with them, kept for the
# `messages` retention period) and of their author (the name shown to the other parties).
conversation_messages = Table(
    "conversation_messages", metadata,
    Column("id", Uuid, primary_key=True),
    Column("subject_kind", String(20), nullable=False),
    Column("subject_id", Uuid, nullable=False),
    Column("client_id", Uuid, index=True),
    Column("organisation", Org, nullable=False, index=True),  # the author's organisation: the controller
    Column("author_id", String(36), nullable=False),
    Column("author_name", String(200), nullable=False),
    Column("author_role", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_conversation_messages_subject", "subject_kind", "subject_id", "created_at"),
)


# --- imports: clients, partners and competence needs from a spreadsheet ---------------------------
import_batches = Table(  # a file read and waiting for the manager's decision; its rows go when imported or expired
    "import_batches", metadata,
    Column("id", Uuid, primary_key=True),
    Column("organisation", Org, nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # clients | partners | needs
    Column("filename", String(200), nullable=False),
    Column("rows", JSON),  # [{"row": n, "cells": {...}}]; NULL once imported
    Column("created_by", Uuid),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("imported_at", DateTime(timezone=True)),
)

import_sources = Table(  # where each imported record came from: the batch, the file's name and the row
    "import_sources", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("batch_id", Uuid, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("object_id", Uuid, nullable=False, index=True),
    Column("client_id", Uuid, ForeignKey("clients.id", ondelete="CASCADE"), index=True),  # an imported client
    Column("filename", String(200), nullable=False),
    Column("row_number", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)
