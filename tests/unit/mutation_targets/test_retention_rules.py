"""The retention rules (services/intake/domain/gdpr.py): the cut-off day and what erasure leaves (issue 22)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.intake.domain import gdpr
from services.intake.domain.clients import PERSONAL_FIELDS

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_the_cut_off_is_the_retention_time_before_today():
    assert gdpr.retention_cutoff(date(2026, 6, 15), 0) == date(2026, 6, 15)
    assert gdpr.retention_cutoff(date(2026, 6, 15), 1) == date(2026, 6, 14)
    assert gdpr.retention_cutoff(date(2026, 6, 15), gdpr.DEFAULT_RETENTION_DAYS) == date(2021, 6, 16)
    with pytest.raises(ValueError, match=r"^older_than_days must not be negative$"):
        gdpr.retention_cutoff(date(2026, 6, 15), -1)


def test_an_erased_row_keeps_no_personal_value_and_says_when():
    values = gdpr.erased_values(NOW)
    assert {k: v for k, v in values.items() if k in PERSONAL_FIELDS and k != "languages"} == {
        k: None for k in PERSONAL_FIELDS if k != "languages"}
    assert values["languages"] == [] and values["status"] == "erased" and values["updated_at"] == NOW
    assert values["erased_at"] == NOW and "anonymised_at" not in values
    kept = gdpr.erased_values(NOW, retention=True)
    assert kept["anonymised_at"] == NOW and "erased_at" not in kept and kept["status"] == "erased"
    assert set(values) == set(PERSONAL_FIELDS) | {"languages", "status", "updated_at", "erased_at"}


def test_values_become_json():
    assert gdpr.jsonable({"a": [date(2026, 1, 2), (Decimal("2.5"), None)], "b": {"c": NOW}, "d": "x", "e": 3}) == {
        "a": ["2026-01-02", [2.5, None]], "b": {"c": "2026-06-15T12:00:00+00:00"}, "d": "x", "e": 3}


def test_an_export_document_has_every_section_sorted_and_no_search_name():
    document = gdpr.export_document({"id": "c", "search_name": "x", "born": date(2000, 1, 1)},
                                    {"z": [{"v": Decimal("1")}], "a": []}, NOW, "org")
    assert document == {"format": "kampus-intake-export/1", "exported_at": "2026-06-15T12:00:00+00:00",
                        "controller": "org", "client": {"id": "c", "born": "2000-01-01"},
                        "data": {"a": [], "z": [{"v": 1.0}]}}
    assert list(document["data"]) == ["a", "z"]
