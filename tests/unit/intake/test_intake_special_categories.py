"""Special categories (health-related needs, free text, the ESF disadvantaged flag): marked in one place,
restricted to the client's own organisation's managers, logged apart, and switchable off per member."""
from __future__ import annotations

import pytest

from services.intake import SERVICE
from services.intake.config import IntakeSettings
from services.intake.domain import sensitive
from services.intake.domain.needs import CATEGORIES
from services.intake.handlers import clients, needs, registration
from shared.config import Config
from shared.errors import Invalid, NotFound
from shared.events.catalogue import REGISTRY
from tests.support.factories import audit_entries, client_data, manager, student
from tests.unit.intake.conftest import TODAY


# --- the marking (domain) --------------------------------------------------------------------------
def test_health_related_need_categories_and_sensitive_fields_are_marked():
    assert sensitive.HEALTH_RELATED_NEEDS == {"health", "study_difficulties"} <= set(CATEGORIES)
    assert sensitive.SENSITIVE_FIELDS["clients"] == ("disadvantaged",)
    assert "description" in sensitive.SENSITIVE_FIELDS["needs"]
    assert sensitive.special_needs([{"category": "health", "description": None},
                                    {"category": "housing", "description": "Asuu kaverilla"}]) == {
        "categories": ["health"], "free_texts": 1}
    assert sensitive.special_needs([{"category": "housing", "description": " "}]) == {}
    assert sensitive.special_fields({"disadvantaged": False}) == ["disadvantaged"]
    assert sensitive.special_fields({"disadvantaged": None}) == []


def test_only_health_related_categories_can_be_switched_off():
    assert sensitive.check_switched_off(["health", " study_difficulties", ""]) == {"health", "study_difficulties"}
    with pytest.raises(ValueError, match="housing"):
        sensitive.check_switched_off(["health", "housing"])
    assert "health" not in sensitive.offered_categories(frozenset({"health"}))
    assert sensitive.check_category_allowed("health", frozenset({"health"})) == {
        "category": ["Your organisation does not record this need category."]}
    assert sensitive.check_category_allowed("housing", frozenset({"health"})) == {}


def test_the_setting_is_read_from_the_environment_or_the_config():
    config = Config(service="intake", database_url="sqlite://", testing=True)
    assert IntakeSettings.from_config(config, {}).disabled_need_categories == frozenset()
    assert IntakeSettings.from_config(config, {"INTAKE_DISABLED_NEED_CATEGORIES": "health"}).disabled_need_categories \
        == {"health"}
    with_extra = config.with_(disabled_need_categories="health,study_difficulties")
    assert IntakeSettings.from_config(with_extra, {}).disabled_need_categories == {"health", "study_difficulties"}
    with pytest.raises(ValueError):
        IntakeSettings.from_config(config, {"INTAKE_DISABLED_NEED_CATEGORIES": "finances"})


ABOUT_ORGANISATIONS = {"intake.need.published", "intake.service.published"}  # a partner's need, a service: no client


def test_no_event_carries_a_sensitive_field_beyond_what_is_needed():
    names = {field for fields in sensitive.SENSITIVE_FIELDS.values() for field in fields}

    def sent(spec) -> set[str]:  # the fields an event of this type carries (load_only ones are never sent)
        return {name for name, f in spec.schema().fields.items() if not f.load_only}

    carried = {spec.type: sorted(names & sent(spec)) for spec in REGISTRY
               if spec.producer == "intake" and spec.type not in ABOUT_ORGANISATIONS and names & sent(spec)}
    assert carried == {t: sorted(f) for t, f in sensitive.ALLOWED_IN_EVENTS.items()}
    assert not any("category" in sent(spec) for spec in REGISTRY if spec.type not in ABOUT_ORGANISATIONS
                   and spec.producer == "intake")  # no need category travels


# --- handlers: restriction, separate logging, switched off ------------------------------------------
@pytest.fixture
def switched_off(tmp_path):
    """Intake of a member that switched the health-related categories off."""
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'intake.sqlite3'}", testing=True,
                    organisation="sataedu").with_(person_key_secret="k" * 40,
                                                  disabled_need_categories="health,study_difficulties")
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    yield runtime
    runtime.close()


def registered(runtime, **data):
    with runtime.work() as work:
        return registration.register(work, manager(), client_data(**data), {"service": True}, today=TODAY)


def special_entries(runtime, client_id):
    return [e for e in audit_entries(runtime, client_id) if e["category"] == "special_category"]


def test_a_switched_off_category_is_refused_naming_the_field(switched_off):
    client = registered(switched_off)
    with pytest.raises(Invalid) as refused, switched_off.work() as work:
        needs.add_need(work, manager(), client.id, "health", 1, "Uniongelmia")
    assert refused.value.fields == {"category": ["Your organisation does not record this need category."]}
    with switched_off.work() as work:
        assert "health" not in needs.offered_categories(work)
        needs.add_need(work, manager(), client.id, "housing", 2)
        assert [n["category"] for n in needs.list_needs(work, manager(), client.id, "guidance")] == ["housing"]


def test_health_related_needs_are_logged_apart(runtime, register):
    client = register()
    with runtime.work() as work:
        needs.add_need(work, manager(), client.id, "study_difficulties", 1)
    with runtime.work() as work:
        needs.list_needs(work, manager(), client.id, "guidance")
    assert [(e["action"], e["object_type"], e["detail"]) for e in special_entries(runtime, client.id)] == [
        ("update", "sensitive_needs", {"categories": ["study_difficulties"], "free_texts": 0}),
        ("read", "sensitive_needs", {"categories": ["study_difficulties"], "free_texts": 0})]


def test_reading_the_disadvantaged_flag_is_logged_apart(runtime, register):
    flagged, plain = register(disadvantaged=True), register()
    with runtime.work() as work:
        clients.show(work, manager(), flagged.id, why="guidance")
        clients.show(work, manager(), plain.id, why="guidance")
    [entry] = special_entries(runtime, flagged.id)
    assert (entry["action"], entry["object_type"], entry["detail"]) == ("read", "client_record",
                                                                       {"fields": ["disadvantaged"]})
    assert special_entries(runtime, plain.id) == []


def test_only_the_clients_own_organisations_managers_and_the_client_see_them(runtime, register):
    client = register()
    with runtime.work() as work:
        needs.add_need(work, manager(), client.id, "health", 1)
    for outsider in (manager("samk"), student("someone-else")):
        with pytest.raises(NotFound), runtime.work() as work:
            needs.list_needs(work, outsider, client.id, "guidance")
    with runtime.work() as work:
        assert needs.list_needs(work, student(client.id), client.id, "own_use")[0]["category"] == "health"
