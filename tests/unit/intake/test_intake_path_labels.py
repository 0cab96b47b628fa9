"""Every value of the needs, path, metrics and profile rules has a label on the pages (no raw codes shown)."""
from __future__ import annotations

from services.intake.domain import metrics, needs, path, profile
from services.intake.web import metrics as metrics_pages
from services.intake.web import needs as needs_pages
from services.intake.web import path_forms, profile_forms


def test_needs_labels_cover_the_rules():
    assert set(needs_pages.CATEGORY_LABELS) == set(needs.CATEGORIES)
    assert set(needs_pages.PRIORITY_LABELS) == set(needs.PRIORITIES)
    assert set(needs_pages.STATUS_LABELS) == set(needs.STATUSES)


def test_path_labels_cover_the_rules():
    assert set(path_forms.GOAL_KIND_LABELS) == set(path.GOAL_KINDS)
    assert set(path_forms.GOAL_STATUS_LABELS) == set(path.GOAL_STATUSES)
    assert set(path_forms.STEP_KIND_LABELS) == set(path.STEP_KINDS)
    assert set(path_forms.OWNER_LABELS) == set(path.OWNERS)
    assert set(path_forms.STEP_STATUS_LABELS) == set(path.STEP_STATUSES)
    assert set(path_forms.STEP_FIELD_LABELS) == set(path.STEP_FIELDS)


def test_metrics_and_profile_labels_cover_the_rules():
    assert set(metrics_pages.PHASE_LABELS) == set(metrics.PHASES)
    assert set(profile_forms.WORK_TYPE_LABELS) == set(profile.WORK_TYPES)
    assert set(profile_forms.EVIDENCE_LABELS) == set(profile.EVIDENCE)
    assert set(profile_forms.LEVEL_LABELS) == set(profile.LEVELS)


def test_occupations_are_found_by_a_word_of_any_language():
    welder = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
    for word in ("hitsaaja", "svetsare", "welder"):
        assert welder in dict(path_forms.occupation_options(word, "fi"))
    assert path_forms.occupation_options("   ", "fi") == []
    assert path_forms.occupation_label(welder, "en") == "welder"
    assert path_forms.occupation_label("http://example.org/x", "en") is None
