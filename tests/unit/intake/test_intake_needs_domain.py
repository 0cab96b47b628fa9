"""Needs assessment rules (plain Python)."""
from __future__ import annotations

from datetime import datetime

import pytest

from services.intake.domain import needs as rules


def test_the_categories_are_the_ones_the_network_assesses():
    assert rules.CATEGORIES[0] == "guidance_in_choosing" and rules.CATEGORIES[-1] == "other"
    assert {"work_experience", "job_search_skills", "language", "everyday_life_and_wellbeing",
            "study_difficulties", "housing", "finances", "health"} < set(rules.CATEGORIES)


def test_a_complete_need_has_no_errors():
    assert rules.check_need("housing", 1, "open", None) == {}
    assert rules.check_need("other", 3, "met", "Tarvitsee tukea ruokahuoltoon") == {}


@pytest.mark.parametrize("category, priority, status, description, field", [
    ("sleeping", 1, "open", None, "category"),
    ("housing", 0, "open", None, "priority"),
    ("housing", 4, "open", None, "priority"),
    ("housing", 2, "solved", None, "status"),
    ("other", 2, "open", "   ", "description"),
    ("language", 2, "open", "x" * 2001, "description"),
])
def test_each_bad_value_names_its_field(category, priority, status, description, field):
    assert list(rules.check_need(category, priority, status, description)) == [field]


def test_open_needs_come_first_by_priority_then_the_closed_ones():
    at = datetime(2026, 3, 1)
    needs = [
        {"id": "met", "status": "met", "priority": 1, "created_at": at},
        {"id": "low", "status": "open", "priority": 3, "created_at": at},
        {"id": "high-later", "status": "open", "priority": 1, "created_at": datetime(2026, 3, 2)},
        {"id": "high", "status": "open", "priority": 1, "created_at": at},
        {"id": "dropped", "status": "dropped", "priority": 1, "created_at": at},
    ]
    assert [n["id"] for n in rules.in_assessment_order(needs)] == ["high", "high-later", "low", "met", "dropped"]
