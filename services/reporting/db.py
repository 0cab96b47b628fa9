"""Tables of the reporting service: the raw log of every event, and projections built from it.

The projections hold one row per thing counted (a client record, a person, an environment, a
participation, an answer, an outcome…) with the few columns the indicators group and filter by,
so the dashboard's queries read small indexed tables and never the raw log. They are rebuilt
from the raw log by `kampus reporting rebuild`.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    text,
)

from services.reporting.domain.persons import ENTRY_INDICATORS, EXIT_INDICATORS
from shared.bus.tables import Id
from shared.db import service_metadata

metadata = service_metadata()

ID = String(36)
ORG = String(63)
CODE = String(40)

raw_events = Table(  # append-only: the source of truth that projections are rebuilt from
    "raw_events", metadata,
    Column("seq", Id, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("type", String(120), nullable=False),
    Column("version", Integer, nullable=False),
    Column("organisation", String(63), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("subject", ID),  # the client the event is about, so an erasure can remove their events
    Index("ix_raw_events_type_occurred", "type", "occurred_at"),
    Index("ix_raw_events_subject", "subject", postgresql_where=text("subject IS NOT NULL"),
          sqlite_where=text("subject IS NOT NULL")),
)

# A client record of one member organisation; `counted` = in the network's statistics (on the basis its
# organisation gave, `statistics_basis`: when that is consent, only while the consent is in force),
# entry facts known, not erased; `esf` = in the funder's participant figures on `esf_basis` (a legal
# obligation: withdrawing the statistics consent does not take the record out). Person facts join here.
clients = Table(
    "clients", metadata,
    Column("client_id", ID, primary_key=True),
    Column("organisation", ORG, nullable=False),
    Column("person_key", String(64), index=True),
    Column("registered_on", Date),
    Column("entered_on", Date),
    Column("closed_on", Date),
    Column("consent", Boolean, nullable=False, default=False),
    Column("has_facts", Boolean, nullable=False, default=False),
    Column("erased", Boolean, nullable=False, default=False),
    Column("counted", Boolean, nullable=False, default=False),
    Column("statistics_basis", String(20)),
    Column("esf_basis", String(20)),
    Column("esf", Boolean, nullable=False, default=False),
    Column("profile_shared", Boolean, nullable=False, default=False),
    Column("restricted", Boolean, nullable=False, default=False),  # statistics restricted (Art. 18/21): not counted
    Column("gender", String(12)),
    Column("age_band", String(12)),
    Column("service_area", CODE),
    Column("municipality", String(3)),
    Column("field", String(4)),
    Column("employment_status", String(24)),
    Column("education_status", String(24)),
    Column("education_level", SmallInteger),
    Column("disadvantaged", Boolean),
    Index("ix_clients_counted_org", "counted", "organisation"),
)

# One person across organisations (person key), from records counted in statistics or the funder's
# figures: the funder's figures take every person, the other figures those with `statistics`.
# Days are counted from 1970-01-01 so both databases can subtract them.
persons = Table(
    "persons", metadata,
    Column("person_id", String(70), primary_key=True),
    Column("organisation", ORG, nullable=False),
    Column("gender", String(12)),
    Column("age_band", String(12)),
    Column("service_area", CODE),
    Column("field", String(4)),
    Column("employment_status", String(24)),
    Column("education_status", String(24)),
    Column("education_level", SmallInteger),
    Column("disadvantaged", Boolean),
    Column("entered_on", Date, nullable=False, index=True),
    Column("entered_day", Integer, nullable=False),
    Column("exited_on", Date, index=True),
    Column("exited_day", Integer),
    Column("transition_on", Date),
    Column("transition_day", Integer),
    Column("organisations", SmallInteger, nullable=False),
    Column("shared_on", Date, index=True),
    Column("statistics", Boolean, nullable=False, default=False),  # a record of theirs counts in statistics
    # The funder's figures this person counts in (domain/persons.py decides, once, when the row is written).
    *[Column(f"entry_{name}", Boolean, nullable=False, default=False) for name in ENTRY_INDICATORS],
    *[Column(f"exit_{name}", Boolean, nullable=False, default=False) for name in EXIT_INDICATORS],
)

environments = Table(
    "environments", metadata,
    Column("environment_id", ID, primary_key=True),
    Column("name", String(200)),
    Column("organisation", ORG),
    Column("service_area", CODE),
    Column("municipality", String(3)),
    Column("fields", JSON, nullable=False),
    Column("multidisciplinary", Boolean, nullable=False, default=False),
    Column("status", String(12), nullable=False),
    Column("created_on", Date),
    Column("opened_on", Date),
    Column("started_on", Date),
    Column("completed_on", Date),
    Column("evaluated_on", Date),
    Column("cancelled_on", Date),
    Column("starts_on", Date),
    Column("ends_on", Date),
)

environment_fields = Table(
    "environment_fields", metadata,
    Column("environment_id", ID, primary_key=True),
    Column("field", String(4), primary_key=True),
)

participations = Table(
    "participations", metadata,
    Column("participation_id", String(80), primary_key=True),
    Column("environment_id", ID, nullable=False, index=True),
    Column("client_id", ID, index=True),
    Column("enrolled_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("status", String(12), nullable=False),
)


def _likert_answers(name: str, key: str, item: str) -> Table:
    """Answers on the 1–5 scale per item, tied to an environment and a client: students' experience surveys and
    partners' assessments have the same shape (and one projection, subscribers/projections/environments.py)."""
    return Table(
        name, metadata,
        Column(key, String(80), primary_key=True),
        Column(item, CODE, primary_key=True),
        Column("environment_id", ID, index=True),
        Column("client_id", ID, index=True),
        Column("answered_on", Date, nullable=False),
        Column("value", SmallInteger, nullable=False),
    )


survey_answers = _likert_answers("survey_answers", "answer_id", "item")
assessments = _likert_answers("assessments", "assessment_id", "criterion")

# Outcomes from intake (a client's transition) and from environments (jobs and cooperation that
# followed). `category`: "job", "education", "cooperation" or "other".
outcomes = Table(
    "outcomes", metadata,
    Column("outcome_key", String(80), primary_key=True),
    Column("source", String(12), nullable=False),
    Column("client_id", ID, index=True),
    Column("environment_id", ID, index=True),
    Column("organisation", ORG),
    Column("service_area", CODE),
    Column("category", String(12), nullable=False),
    Column("kind", CODE, nullable=False),
    Column("work_form", String(12)),
    Column("hidden_job", Boolean, nullable=False, default=False),
    Column("qualification", Boolean, nullable=False, default=False),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
)

metric_pairs = Table(
    "metric_pairs", metadata,
    Column("client_id", ID, primary_key=True),
    Column("scale", CODE, primary_key=True),
    Column("start_value", SmallInteger),
    Column("start_on", Date),
    Column("end_value", SmallInteger),
    Column("end_on", Date),
)

referrals = Table(
    "referrals", metadata,
    Column("referral_id", ID, primary_key=True),
    Column("client_id", ID, index=True),
    Column("organisation", ORG, nullable=False),
    Column("to_organisation", ORG, nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("status", String(12), nullable=False),
    Column("updated_on", Date),
)

overlap_resolutions = Table(
    "overlap_resolutions", metadata,
    Column("notice_id", ID, primary_key=True),
    Column("client_id", ID, index=True),
    Column("organisation", ORG, nullable=False),
    Column("other_organisation", ORG, nullable=False),
    Column("resolution", String(16), nullable=False),
    Column("resolved_on", Date, nullable=False),
)

suggestions = Table(
    "suggestions", metadata,
    Column("suggestion_id", ID, primary_key=True),
    Column("client_id", ID, index=True),
    Column("kind", String(16)),
    Column("target_id", ID),
    Column("environment_id", ID),
    Column("made_on", Date, nullable=False),
    Column("status", String(12), nullable=False),
    Column("decided_on", Date),
    # the dialogue (issue 16): the partner's wish to meet, and what it told after the introduction
    Column("introduction_requested_on", Date),
    Column("contacted_on", Date),
    Column("interviewed_on", Date),
    Column("trial_on", Date),
    Column("hired_on", Date),
    Column("employment", String(12)),
    Column("not_suitable_on", Date),
)

need_titles = Table(  # partners' competence needs by title, to name the rows of the recruitment table
    "need_titles", metadata,
    Column("need_id", ID, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("hidden_job", Boolean, nullable=False, default=False),
)

# Fairness figures as the matching service reports them per month and group (it suppresses small cells).
fairness_reports = Table(
    "fairness_reports", metadata,
    Column("period", String(7), primary_key=True),
    Column("group_kind", CODE, primary_key=True),
    Column("group_key", CODE, primary_key=True),
    Column("population", Integer),
    Column("suggested", Integer),
    Column("accepted", Integer),
    Column("suggestion_rate", Float),
    Column("acceptance_rate", Float),
)

# The projections' version: one row whose number goes up in every transaction that changes a projection (an
# event recorded, a rebuild), so a report built at a version can be served again until the number moves
# (handlers/report_cache.py). Commits that change projections take turns on this row, so a version read in
# a snapshot names exactly the projections that snapshot sees.
projection_state = Table(
    "projection_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

# What each projection's queries depend on, raised like `projection_state` in the same transactions: one row
# per projection table (any change to it), and `PERSONS_WITH_FACTS` for a change to a client record or a
# person that has facts (a row in one of `FACTS`). A query that reads client records and persons only
# through a fact's join does not depend on records without facts (a newly registered client), so its
# result is served again until its own rows change (handlers/report_cache.py).
projection_versions = Table(
    "projection_versions", metadata,
    Column("name", String(40), primary_key=True),
    Column("version", BigInteger, nullable=False),
)
PERSONS_WITH_FACTS = "persons_with_facts"

PROJECTIONS = (clients, persons, environments, environment_fields, participations, survey_answers, assessments,
               outcomes, metric_pairs, referrals, overlap_resolutions, suggestions, need_titles, fairness_reports)


# Reports sent to the funder, frozen when the coordinator sent them: the figures and the rendered
# document as they were, never rewritten by later withdrawals or erasures (not a projection: a
# rebuild leaves them as they are).
frozen_reports = Table(
    "frozen_reports", metadata,
    Column("id", ID, primary_key=True),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("frozen_at", DateTime(timezone=True), nullable=False, index=True),
    Column("frozen_by", ID),
    Column("filters", JSON, nullable=False),
    Column("figures", JSON, nullable=False),  # every published table, keys not labels (suppressed)
    Column("document", LargeBinary, nullable=False),  # the PDF sent
    Column("filename", String(200), nullable=False),
)

# Open-data releases: built as drafts by a coordinator, reviewed, published; a published one never changes.
# `stale` marks an unpublished one built before an erasure (it must be built again before it can go out).
open_data_releases = Table(
    "open_data_releases", metadata,
    Column("release_id", ID, primary_key=True),
    Column("period", String(7), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("status", String(12), nullable=False),  # draft, reviewed, published
    Column("stale", Boolean, nullable=False, default=False),
    Column("document", JSON, nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("built_by", String(120), nullable=False),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("reviewed_by", String(120)),
    Column("published_at", DateTime(timezone=True)),
    Column("published_by", String(120)),
    Index("ux_open_data_releases_published_period", "period", unique=True,
          postgresql_where=text("status = 'published'"), sqlite_where=text("status = 'published'")),
)

# Facts about a person: rows tied to a client record (`client_id`), read joined to the record and its person.
FACTS = (participations, survey_answers, assessments, outcomes, metric_pairs, referrals, overlap_resolutions,
         suggestions)
