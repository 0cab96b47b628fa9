"""Deadlines of rights requests, erasure decisions per controller kind, and the register's defaults."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain import erasure, rights
from shared.privacy.register import DEFAULT_PRIVACY, PrivacyError, RetentionRule, build, for_organisation


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 1, 15), date(2026, 2, 15)),
    (date(2026, 1, 31), date(2026, 2, 28)),  # February has no 31st: its last day
    (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 12, 31), date(2027, 1, 31)),  # over the year's end
    (date(2026, 2, 28), date(2026, 3, 28)),
])
def test_a_request_is_due_on_the_same_date_a_month_later_or_the_months_last_day(received, due):
    assert rights.due_on(received) == due


@pytest.mark.parametrize(("received", "extended"), [
    (date(2026, 11, 30), date(2027, 2, 28)),
    (date(2027, 11, 29), date(2028, 2, 29)),
    (date(2026, 10, 31), date(2027, 1, 31)),
])
def test_an_extension_adds_two_further_months(received, extended):
    assert rights.extended_to(received) == extended


def test_urgency_counts_the_days_to_the_deadline():
    deadline = date(2026, 3, 10)
    assert rights.urgency("open", deadline, date(2026, 3, 11)) == rights.Urgency("overdue", -1)
    assert rights.urgency("extended", deadline, date(2026, 3, 10)) == rights.Urgency("near", 0)
    assert rights.urgency("open", deadline, date(2026, 3, 3)) == rights.Urgency("near", 7)
    assert rights.urgency("open", deadline, date(2026, 3, 2)) == rights.Urgency("in_time", 8)
    assert rights.urgency("done", deadline, date(2026, 4, 1)) == rights.Urgency("answered", None)


def test_a_request_names_its_faulty_fields():
    today = date(2026, 6, 1)
    purposes = ("matching", "statistics")
    assert rights.request_problems("access", None, date(2026, 5, 1), today, purposes) == {}
    assert set(rights.request_problems("objection", None, date(2026, 6, 2), today, purposes)) == {
        "purpose", "received_on"}
    assert set(rights.request_problems("access", "matching", None, today, purposes)) == {"purpose", "received_on"}
    assert set(rights.request_problems("nonsense", None, today, today, purposes)) == {"kind"}


def actions(items):
    return {item.record_type: item.action for item in items}


def test_a_public_body_archives_what_its_schedule_archives_and_keeps_esf_data():
    items = erasure.decide("public_body", {"client_record": "archive", "case_notes": "delete"}, True)
    assert actions(items) == {"client_record": "archive", "case_notes": "erase", "matching": "erase",
                              "statistics": "keep", "environments": "keep", "audit_log": "keep", "consents": "keep",
                              "rights_requests": "keep"}
    assert erasure.archives_client(items)
    assert "Archives Act" in items[0].reason


def test_a_public_body_whose_schedule_deletes_erases():
    items = erasure.decide("public_body", {"client_record": "delete", "case_notes": "anonymise"}, True)
    assert actions(items)["client_record"] == "erase" and actions(items)["statistics"] == "erase"
    assert not erasure.archives_client(erasure.as_rows(items))


@pytest.mark.parametrize("kind", ["company", "ngo"])
def test_a_company_or_an_association_erases_even_where_its_schedule_would_archive(kind):
    items = erasure.decide(kind, {"client_record": "archive", "case_notes": "archive"}, True)
    assert actions(items) == {"client_record": "erase", "case_notes": "erase", "matching": "erase",
                              "statistics": "erase", "environments": "erase", "audit_log": "keep", "consents": "keep",
                              "rights_requests": "keep"}


def test_the_register_falls_back_to_the_defaults_and_takes_an_organisations_own_rules():
    default = for_organisation(None, "sataedu")
    assert default.controller_kind == DEFAULT_PRIVACY["controller_kind"]
    assert default.retention("outbox") == RetentionRule("outbox", "published", 30, "delete")
    own = build("yritys", {"controller_kind": "company",
                                "retention": {"outbox": {"after": "published", "days": 7, "then": "delete"}}})
    assert own.retention("outbox").days == 7 and own.retention("audit_log").days == 730
    assert own.needs_consent("matching") and not own.needs_consent("esf_reporting")
    with pytest.raises(PrivacyError):
        own.retention("no_such_record_type")


def test_an_organisations_privacy_block_in_the_network_is_read_through_a_config_too():
    from types import SimpleNamespace

    org = SimpleNamespace(kind="third_sector", privacy={"controller_kind": "ngo",
                                   "retention": {"dead_letters": {"after": "created", "days": 14, "then": "delete"}}})
    network = SimpleNamespace(organisations={"nuorisoseura": org})
    config = SimpleNamespace(network=network, network_file="network.yaml")
    for source in (network, config):
        register = for_organisation(source, "nuorisoseura")
        assert register.controller_kind == "ngo" and register.retention("dead_letters").days == 14
    assert for_organisation(network, "unknown").controller_kind == "public_body"
