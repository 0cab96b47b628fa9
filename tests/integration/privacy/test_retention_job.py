"""The retention job on each service: hand-built rows of known ages, the schedule applied per controller."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, insert, select

from services.environments import SERVICE as ENVIRONMENTS
from services.environments import db as env_db
from services.environments.handlers.retention import record_types as environments_types
from services.intake import SERVICE as INTAKE
from services.intake import db as intake_db
from services.intake.handlers.retention import record_types as intake_types
from services.matching import SERVICE as MATCHING
from services.matching import db as matching_db
from services.matching.handlers.retention import record_types as matching_types
from services.reporting import SERVICE as REPORTING
from services.reporting import db as reporting_db
from services.reporting.handlers.retention import record_types as reporting_types
from shared.config import Config
from shared.privacy import retention
from shared.privacy.register import build

pytestmark = pytest.mark.integration
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def runtimes(database_url):
    made = {}

    def make(definition, organisation="sataedu"):
        runtime = definition.runtime(Config(service=definition.name, database_url=database_url, testing=True,
                                            organisation=organisation))
        runtime.migrate()
        made[definition.name] = runtime
        return runtime

    yield make
    for runtime in made.values():
        runtime.close()


def schedule(**rules):
    """A register factory: these rules (record type -> (days, then)) for every controller."""
    block = {"retention": {name: {"after": "created", "days": days, "then": then}
                           for name, (days, then) in rules.items()}}
    return lambda org: build(org, block)


def outcome(report, record_type, controller=None):
    return next(o for o in report.outcomes
                if o.record_type == record_type and (controller is None or o.controller == controller))


def add_bus_rows(runtime):
    """Outbox rows sent 40 and 5 days ago and one unsent for 100; inbox ids processed 100 and 10 days ago;
    a dead letter of 100 days, one of 10 and a pending message of 100."""
    t = runtime.tables
    with runtime.db.transaction() as s:
        for name, sent, created in (("old", ago(40), ago(41)), ("new", ago(5), ago(6)), ("unsent", None, ago(100))):
            s.execute(insert(t.outbox).values(event_id=f"{name}-{uuid.uuid4().hex[:20]}", type="x.y.z", routing_key="k",
                                              body="{}", created_at=created, available_at=created, attempts=0,
                                              sent_at=sent))
        for days in (100, 10):
            s.execute(insert(t.inbox).values(event_id=str(uuid.uuid4()), type="x.y.z", organisation="sataedu",
                                             occurred_at=ago(days), processed_at=ago(days)))
        for status, days in (("dead", 100), ("dead", 10), ("pending", 100)):
            s.execute(insert(t.mailbox).values(event_id=str(uuid.uuid4()), type="x.y.z", body="{}", status=status,
                                               attempts=5, available_at=ago(days), created_at=ago(days)))


def check_bus_rows(runtime, report):
    t = runtime.tables
    assert (outcome(report, "outbox").due, outcome(report, "outbox").done) == (1, 1)
    assert (outcome(report, "inbox").due, outcome(report, "inbox").done) == (1, 1)
    assert (outcome(report, "dead_letters").due, outcome(report, "dead_letters").done) == (1, 1)
    with runtime.db.session() as s:
        names = [r.split("-")[0] for r in s.execute(select(t.outbox.c.event_id)).scalars()]
        assert sorted(n for n in names if n in ("old", "new", "unsent")) == ["new", "unsent"]
        assert [p.date() for p in s.execute(select(t.inbox.c.processed_at)).scalars()] == [ago(10).date()]
        assert sorted((r.status, r.created_at.date()) for r in s.execute(select(t.mailbox))) == [
            ("dead", ago(10).date()), ("pending", ago(100).date())]


BUS = {"outbox": (30, "delete"), "inbox": (90, "delete"), "dead_letters": (90, "delete")}


def new_client(s, organisation: str, status: str, closed_on: date | None) -> str:
    client_id = str(uuid.uuid4())
    s.execute(insert(intake_db.clients).values(
        id=client_id, organisation=organisation, first_name="Aino", last_name="Äijälä", entered_on=date(2019, 1, 2),
        status=status, closed_on=closed_on, languages=[], created_at=ago(3000), updated_at=ago(3000)))
    s.execute(insert(intake_db.needs).values(id=str(uuid.uuid4()), client_id=client_id, category="work", priority=1,
                                             description="x", status="open",
                                             created_at=ago(3000), updated_at=ago(3000)))
    return client_id


def test_intake_archives_or_anonymises_closed_cases_by_each_controllers_schedule(runtimes):
    runtime = runtimes(INTAKE)
    with runtime.db.transaction() as s:
        public_old = new_client(s, "sataedu", "closed", date(2021, 1, 1))  # closed 5 years 5 months before NOW
        public_new = new_client(s, "sataedu", "closed", date(2025, 1, 1))
        company_old = new_client(s, "yritys", "closed", date(2021, 1, 1))
        active = new_client(s, "yritys", "active", None)
    add_bus_rows(runtime)
    rules = {"sataedu": {"client_record": {"after": "case_closed", "days": 1825, "then": "archive"}},
             "yritys": {"client_record": {"after": "case_closed", "days": 1825, "then": "anonymise"}}}
    blocks = {org: {"controller_kind": "public_body" if org == "sataedu" else "company",
                    "retention": {**rules[org], "case_notes": {"after": "case_closed", "days": 3650,
                                                               "then": "delete"},
                                  **{k: {"after": "x", "days": d, "then": t} for k, (d, t) in BUS.items()}}}
              for org in rules}
    kinds = intake_types(runtime)

    dry = retention.apply(runtime, kinds, now=NOW, dry_run=True, registers=lambda org: build(org, blocks[org]))
    assert outcome(dry, "client_record", "sataedu").due == 1 and outcome(dry, "client_record", "yritys").due == 1
    assert all(o.done == 0 for o in dry.outcomes)

    report = retention.apply(runtime, kinds, now=NOW, registers=lambda org: build(org, blocks[org]))
    assert (outcome(report, "client_record", "sataedu").done, outcome(report, "client_record", "yritys").done) == (1, 1)
    assert outcome(report, "case_notes", "sataedu").due == 0  # ten years after closing not yet reached
    with runtime.db.session() as s:
        rows = {r.id: r for r in s.execute(select(intake_db.clients))}
        events = [r.type for r in s.execute(select(runtime.tables.outbox.c.type))]
    assert (rows[public_old].status, rows[public_old].first_name) == ("archived", "Aino")
    assert rows[public_old].archived_at is not None
    assert (rows[company_old].status, rows[company_old].first_name) == ("erased", None)
    assert (rows[public_new].status, rows[active].status) == ("closed", "active")
    assert events.count("intake.client.erased") == 1
    check_bus_rows(runtime, report)
    again = retention.apply(runtime, kinds, now=NOW, registers=lambda org: build(org, blocks[org]))
    assert sum(o.done for o in again.outcomes) == 0


def test_intake_deletes_case_notes_of_ended_cases_and_old_audit_entries_only(runtimes):
    runtime = runtimes(INTAKE)
    with runtime.db.transaction() as s:
        archived = new_client(s, "sataedu", "archived", date(2015, 1, 1))
        recent = new_client(s, "sataedu", "closed", date(2026, 1, 1))
        for days in (800, 700):
            s.execute(insert(intake_db.audit_log).values(at=ago(days), client_id=archived, action="read",
                                                         what="client record", why="test"))
    report = retention.apply(runtime, intake_types(runtime), now=NOW, registers=schedule(
        client_record=(1825, "archive"), case_notes=(3650, "delete"), audit_log=(730, "delete"), **BUS))
    assert (outcome(report, "case_notes").due, outcome(report, "case_notes").done) == (1, 1)
    assert (outcome(report, "audit_log").due, outcome(report, "audit_log").done) == (1, 1)
    with runtime.db.session() as s:
        needs = sorted(s.execute(select(intake_db.needs.c.client_id)).scalars())
        audit = s.execute(select(intake_db.audit_log.c.at, intake_db.audit_log.c.action)).all()
        assert s.execute(select(intake_db.audit_log_purges)).first() is None
    assert needs == [recent]
    assert [a.at.date() for a in audit if a.action == "read"] == [ago(700).date()]
    with pytest.raises(Exception, match="append-only"), runtime.db.transaction() as s:  # outside the job: refused
        s.execute(delete(intake_db.audit_log))


def test_matching_deletes_what_is_left_of_unshared_profiles_and_old_decided_suggestions(runtimes):
    runtime = runtimes(MATCHING)
    p = matching_db.profiles
    ids = {name: str(uuid.uuid4()) for name in ("withdrawn_old", "shared_old", "withdrawn_new")}
    with runtime.db.transaction() as s:
        for name, client_id in ids.items():
            status = "shared" if name.startswith("shared") else "withdrawn"
            days = 5 if name.endswith("new") else 60
            s.execute(insert(p).values(client_id=client_id, organisation="sataedu", status=status,
                                       record={} if status == "shared" else None, changed_at=ago(days),
                                       updated_at=ago(days)))
        for status, days in (("declined", 400), ("new", 400), ("accepted", 100)):
            suggestion = str(uuid.uuid4())
            s.execute(insert(matching_db.suggestions).values(
                id=suggestion, client_id=ids["shared_old"], organisation="sataedu", target_kind="need",
                target_id=str(uuid.uuid4()), score=0.5, rank=1, explanation={}, service_areas=[],
                need_fingerprint="n", profile_fingerprint="p", status=status, made_at=ago(days + 1),
                decided_at=None if status == "new" else ago(days)))
            if status != "new":
                s.execute(insert(matching_db.decisions).values(
                    suggestion_id=suggestion, client_id=ids["shared_old"], organisation="sataedu", target_kind="need",
                    target_id=str(uuid.uuid4()), accepted=status == "accepted", need_fingerprint="n",
                    profile_fingerprint="p", rank=1, decided_at=ago(days)))
    add_bus_rows(runtime)
    report = retention.apply(runtime, matching_types(runtime), now=NOW, registers=schedule(
        read_models=(30, "delete"), suggestions=(365, "delete"), **BUS))
    assert outcome(report, "read_models", "sataedu").done == 1 and outcome(report, "suggestions", "sataedu").done == 1
    with runtime.db.session() as s:
        left = set(s.execute(select(p.c.client_id)).scalars())
        statuses = sorted(s.execute(select(matching_db.suggestions.c.status)).scalars())
        decided = [d.accepted for d in s.execute(select(matching_db.decisions))]
    assert left == {ids["shared_old"], ids["withdrawn_new"]}
    assert statuses == ["accepted", "new"] and decided == [True]
    check_bus_rows(runtime, report)


def test_environments_unlink_participations_that_ended_long_ago(runtimes):
    runtime = runtimes(ENVIRONMENTS)
    environment, role = str(uuid.uuid4()), str(uuid.uuid4())
    clients = {name: str(uuid.uuid4()) for name in ("old", "recent", "enrolled")}
    with runtime.db.transaction() as s:
        s.execute(insert(env_db.environments).values(id=environment, name="Kierrätys", host_organisation="sataedu",
                                                     institutions=[], fields_of_education=[], capacity=10,
                                                     status="completed", created_at=ago(3000), updated_at=ago(3000)))
        s.execute(insert(env_db.roles).values(id=role, environment_id=environment, title="Myynti", seats=5,
                                              fields=[], skills=[], position=0))
        for name, client_id in clients.items():
            ended = {"old": date(2020, 5, 31), "recent": date(2026, 5, 1), "enrolled": None}[name]
            s.execute(insert(env_db.participants).values(
                id=str(uuid.uuid4()), environment_id=environment, role_id=role, client_id=client_id,
                client_organisation="sataedu", team_name="Aino", status="enrolled" if ended is None else "completed",
                started_on=date(2020, 1, 1), ended_on=ended, demonstrated_skills=[], created_at=ago(3000),
                updated_at=ago(3000)))
    add_bus_rows(runtime)
    report = retention.apply(runtime, environments_types(runtime), now=NOW, registers=schedule(
        participations=(1825, "anonymise"), **BUS))
    assert outcome(report, "participations", "sataedu").done == 1
    with runtime.db.session() as s:
        rows = s.execute(select(env_db.participants.c.client_id, env_db.participants.c.team_name)).all()
    assert sorted((r.client_id or "-", r.team_name) for r in rows) == sorted(
        [("-", None), (clients["recent"], "Aino"), (clients["enrolled"], "Aino")])
    check_bus_rows(runtime, report)


def test_reporting_anonymises_the_raw_events_of_clients_quiet_for_the_period(runtimes):
    runtime = runtimes(REPORTING, organisation="verkosto")
    quiet, active = str(uuid.uuid4()), str(uuid.uuid4())
    events = [(quiet, "intake.client.registered", {"client_id": quiet, "entered_on": "2015-01-02"}, 4000),
              (quiet, "intake.person_key.published", {"client_id": quiet, "person_key": "a" * 64}, 4000),
              (quiet, "intake.client.closed", {"client_id": quiet}, 3700),
              (active, "intake.client.registered", {"client_id": active, "entered_on": "2015-01-02"}, 4000),
              (active, "intake.client.closed", {"client_id": active}, 100),
              (None, "intake.partner.registered", {"partner_id": "p"}, 4000)]
    with runtime.db.transaction() as s:
        for subject, type_, payload, days in events:
            s.execute(insert(reporting_db.raw_events).values(
                event_id=str(uuid.uuid4()), type=type_, version=1, organisation="sataedu", occurred_at=ago(days),
                received_at=ago(days), payload=payload, subject=subject))
    report = retention.apply(runtime, reporting_types(runtime), now=NOW, registers=schedule(
        raw_events=(3650, "anonymise"), **BUS))
    assert (outcome(report, "raw_events", "sataedu").due, outcome(report, "raw_events", "sataedu").done) == (1, 1)
    with runtime.db.session() as s:
        rows = s.execute(select(reporting_db.raw_events).order_by(reporting_db.raw_events.c.seq)).all()
    assert [r.type for r in rows] == ["intake.client.registered", "intake.client.closed",
                                      "intake.client.registered", "intake.client.closed",
                                      "intake.partner.registered"]
    first, second = rows[0], rows[1]
    assert first.subject is None and second.subject is None
    assert first.payload["client_id"] == second.payload["client_id"] != quiet
    assert [r.subject for r in rows[2:4]] == [active, active]


def test_the_kampus_command_prints_what_it_did_per_record_type(database_url, monkeypatch):
    runner = CliRunner()
    env = {"MATCHING_DATABASE_URL": database_url, "KAMPUS_ORG": "verkosto"}
    from services.cli import main

    result = runner.invoke(main, ["retention", "apply", "matching", "--dry-run"], env=env)
    assert result.exit_code == 0, result.output
    assert "outbox (verkosto): 0 past 30 days after published, then delete: would change 0" in result.output
    assert "read_models" in result.output and "suggestions" in result.output
    assert runner.invoke(main, ["retention", "apply", "nosuch"], env=env).exit_code == 2


def test_without_a_network_file_the_default_schedule_archives_a_public_bodys_old_cases(runtimes):
    runtime = runtimes(INTAKE)
    with runtime.db.transaction() as s:
        old = new_client(s, "sataedu", "closed", date(2020, 1, 1))
    report = retention.apply(runtime, intake_types(runtime), now=NOW)
    rule = outcome(report, "client_record", "sataedu").rule
    assert (rule.days, rule.then) == (1825, "archive")
    assert outcome(report, "case_notes", "sataedu").done == 0  # they stay with the archived record
    with runtime.db.session() as s:
        row = s.execute(select(intake_db.clients).where(intake_db.clients.c.id == old)).one()
        needs = s.execute(select(intake_db.needs.c.id).where(intake_db.needs.c.client_id == old)).all()
    assert row.status == "archived" and row.first_name == "Aino" and len(needs) == 1


def test_answered_rights_requests_go_with_their_decisions_and_lifted_restrictions(runtimes):
    runtime = runtimes(INTAKE)
    requests = {name: str(uuid.uuid4()) for name in ("old", "recent", "open")}
    with runtime.db.transaction() as s:
        client = new_client(s, "sataedu", "active", None)
        for name, decided in (("old", date(2020, 1, 1)), ("recent", date(2026, 5, 1)), ("open", None)):
            s.execute(insert(intake_db.rights_requests).values(
                id=requests[name], organisation="sataedu", client_id=client, kind="restriction", purpose="matching",
                received_on=date(2019, 12, 1), due_on=date(2020, 1, 1), state="open" if decided is None else "done",
                decided_on=decided, created_at=ago(3000), updated_at=ago(3000)))
        for name, lifted in (("old", ago(2000)), ("recent", None)):
            s.execute(insert(intake_db.processing_restrictions).values(
                client_id=client, request_id=requests[name], kind="restriction", purpose="matching",
                decision="restricted", reason="x", started_at=ago(2300), lifted_at=lifted))
        s.execute(insert(intake_db.erasure_decisions).values(
            id=str(uuid.uuid4()), client_id=client, request_id=requests["old"], controller_kind="company", items=[],
            state="executed", made_at=ago(2300)))
    report = retention.apply(runtime, intake_types(runtime), now=NOW, registers=schedule(
        rights_requests=(1825, "delete"), **BUS))
    assert (outcome(report, "rights_requests").due, outcome(report, "rights_requests").done) == (1, 1)
    with runtime.db.session() as s:
        left = set(s.execute(select(intake_db.rights_requests.c.id)).scalars())
        restricted = [r.request_id for r in s.execute(select(intake_db.processing_restrictions))]
        decisions = s.execute(select(intake_db.erasure_decisions)).all()
    assert left == {requests["recent"], requests["open"]}
    assert restricted == [requests["recent"]] and decisions == []
