"""Export documents, erased values and the retention cut-off (plain Python)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.intake.domain import gdpr
from services.intake.domain.clients import PERSONAL_FIELDS

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_an_export_is_json_ready_and_names_its_controller():
    client = {"id": "c-1", "first_name": "Aino", "birth_date": date(2005, 3, 1), "search_name": "aino virtanen"}
    document = gdpr.export_document(client, {"needs": [{"score": Decimal("1.5"), "at": NOW}], "audit_log": []},
                                    NOW, "sataedu")
    assert document["format"] == gdpr.EXPORT_FORMAT and document["controller"] == "sataedu"
    assert document["client"] == {"id": "c-1", "first_name": "Aino", "birth_date": "2005-03-01"}
    assert document["data"]["needs"] == [{"score": 1.5, "at": "2026-06-15T12:00:00+00:00"}]
    assert list(document["data"]) == ["audit_log", "needs"]


def test_erasure_blanks_every_personal_field():
    values = gdpr.erased_values(NOW)
    assert all(values[name] in (None, []) for name in PERSONAL_FIELDS)
    assert values["status"] == "erased" and values["erased_at"] == NOW and "anonymised_at" not in values
    assert gdpr.erased_values(NOW, retention=True)["anonymised_at"] == NOW


def test_the_audit_trail_and_consents_outlive_erasure():
    assert {"audit_log", "consents"} <= gdpr.KEPT_ON_ERASURE
    assert "needs" not in gdpr.KEPT_ON_ERASURE


def test_retention_cutoff():
    assert gdpr.retention_cutoff(date(2026, 6, 15), 30) == date(2026, 5, 16)
    with pytest.raises(ValueError):
        gdpr.retention_cutoff(date(2026, 6, 15), -1)
