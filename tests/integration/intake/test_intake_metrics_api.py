"""Personal metrics over the API: default scales, answers, the chart of change and consent (d) for the bus."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from services.intake.db import metric_answers, metric_scales
from services.intake.handlers.metrics import DEFAULT_SCALES, seed_default_scales
from shared import clock
from tests.integration.intake.personal_helpers import as_student, consent, events_of, register, rows, scoping_clients
from tests.support import network as net

# answers travel under the statistics consent
pytestmark = [pytest.mark.integration, pytest.mark.bases(statistics="consent")]
SCALES = "/intake/api/v1/metrics/scales"


@pytest.fixture(scope="module")
def coordinator(network):
    return net.client_as(network, "coordinator")


def metrics(client_id: str) -> str:
    return f"/intake/api/v1/clients/{client_id}/metrics"


def test_the_default_scales_are_seeded_once_in_every_language(manager, network):
    listed = manager.get(SCALES).get_json()
    defaults = {key for key, _labels in DEFAULT_SCALES}
    assert defaults <= {s["key"] for s in listed} and len(defaults) >= 5
    know = next(s for s in listed if s["key"] == "know_wanted_work")
    assert know["labels"] == {"fi": "Tiedän, millaista työtä haluan", "sv": "Jag vet vilket slags arbete jag vill ha",
                              "en": "I know what work I want"}
    assert (know["minimum"], know["maximum"], know["active"]) == (1, 5, True)
    assert seed_default_scales(network.runtimes["intake"]) == 0
    assert rows(network, metric_scales) == len(listed)


def test_a_scale_is_added_reworded_and_retired_and_a_restart_does_not_bring_it_back(coordinator, manager, network):
    labels = {"fi": "Osaan kertoa vahvuuksistani", "sv": "Jag kan berätta om mina styrkor",
              "en": "I can tell about my strengths"}
    added = coordinator.post(SCALES, json={"key": "strengths", "labels": labels})
    assert added.status_code == 201 and added.get_json()["position"] > 5
    reworded = coordinator.patch(f"{SCALES}/strengths", json={"labels": {**labels, "en": "I can name my strengths"}})
    assert reworded.get_json()["labels"]["en"] == "I can name my strengths"
    assert coordinator.patch(f"{SCALES}/job_search", json={"active": False}).get_json()["active"] is False
    seed_default_scales(network.runtimes["intake"])
    active = {s["key"] for s in manager.get(SCALES).get_json()}
    assert "job_search" not in active and "strengths" in active
    assert "job_search" in {s["key"] for s in manager.get(SCALES + "?all=true").get_json()}
    admin = net.client_as(network, "admin")
    assert admin.patch(f"{SCALES}/job_search", json={"active": True}).status_code == 200
    assert admin.patch(f"{SCALES}/strengths", json={"active": False}).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({"key": "Bad Key", "labels": {"fi": "a", "sv": "b", "en": "c"}}, "key"),
    ({"key": "know_wanted_work", "labels": {"fi": "a", "sv": "b", "en": "c"}}, "key"),
    ({"key": "new_one", "labels": {"fi": "a", "en": "c"}}, "labels"),
    ({"key": "new_one", "labels": {"fi": "a", "sv": "b", "en": "c"}, "minimum": 3, "maximum": 2}, "maximum"),
])
def test_a_bad_scale_is_422_and_not_stored(coordinator, network, body, field):
    before = rows(network, metric_scales)
    response = coordinator.post(SCALES, json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert rows(network, metric_scales) == before


def test_only_the_coordinator_or_an_administrator_configures_the_networks_scales(network):
    """Every manager and student answers the scales; adding or retiring one changes them for the whole network."""
    student = as_student(network, "00000000-0000-4000-8000-000000000000")
    assert student.get(SCALES).status_code == 200
    assert net.client_as(network, "coordinator").get(SCALES).status_code == 200
    body = {"key": "sneaky", "labels": {"fi": "a", "sv": "b", "en": "c"}}
    before = rows(network, metric_scales)
    for who in (student, net.client_as(network, "partner1"), net.client_as(network, "manager1"),
                net.client_as(network, "manager2")):
        assert who.post(SCALES, json=body).status_code == 403
        assert who.patch(f"{SCALES}/job_search", json={"active": False}).status_code == 403
    assert rows(network, metric_scales) == before and rows(network, metric_scales, key="sneaky") == 0
    assert rows(network, metric_scales, key="job_search", active=True) == 1


def test_answers_at_start_during_and_end_make_the_chart(manager, network):
    client = register(manager)
    student = as_student(network, client["id"])
    assert student.post(metrics(client["id"]), json={"phase": "start", "answers": {
        "know_wanted_work": 2, "show_competence": 1}}).status_code == 201
    manager.post(metrics(client["id"]), json={"phase": "during", "answers": {"know_wanted_work": 3}})
    final = student.post(metrics(client["id"]), json={"phase": "end", "answers": {
        "know_wanted_work": 5, "show_competence": 1}}).get_json()
    chart = {series["scale"]: series for series in final["chart"]}
    know = chart["know_wanted_work"]
    assert [(p["phase"], p["value"]) for p in know["points"]] == [("start", 2), ("during", 3), ("end", 5)]
    assert (know["change"], chart["show_competence"]["change"]) == (3, 0)
    assert know["label"] == "Tiedän, millaista työtä haluan"
    english = student.get(metrics(client["id"]) + "?lang=en").get_json()
    assert {s["label"] for s in english["chart"]} == {"I know what work I want",
                                                     "I can show my competence to an employer"}
    assert len(english["answers"]) == 5
    assert rows(network, metric_answers, client_id=client["id"], recorded_by=network.identity.get("manager1").id) == 1


def test_answers_travel_only_under_the_statistics_consent(manager, network):
    client = register(manager)
    manager.post(metrics(client["id"]), json={"phase": "start", "answers": {"know_wanted_work": 2}})
    assert events_of(network, client["id"], "intake.metric.answered") == []

    consent(manager, client["id"], "statistics")
    manager.post(metrics(client["id"]), json={"phase": "during", "answers": {"know_wanted_work": 3,
                                                                             "job_search": 4}})
    sent = events_of(network, client["id"], "intake.metric.answered")
    assert sorted((e["payload"]["scale"], e["payload"]["value"]) for e in sent) == [("job_search", 4),
                                                                                   ("know_wanted_work", 3)]
    assert all(set(e["payload"]) == {"client_id", "scale", "phase", "value"} for e in sent)
    assert all(e["payload"]["phase"] == "during" and e["source"]["organisation"] == "sataedu" for e in sent)

    consent(manager, client["id"], "statistics", given=False)
    manager.post(metrics(client["id"]), json={"phase": "end", "answers": {"know_wanted_work": 4}})
    assert len(events_of(network, client["id"], "intake.metric.answered")) == 2
    assert rows(network, metric_answers, client_id=client["id"]) == 4


@pytest.mark.parametrize("body, field", [
    ({"phase": "later", "answers": {"know_wanted_work": 3}}, "phase"),
    ({"answers": {"know_wanted_work": 3}}, "phase"),
    ({"phase": "start", "answers": {}}, "answers"),
    ({"phase": "start", "answers": {"know_wanted_work": 6}}, "answers"),
    ({"phase": "start", "answers": {"know_wanted_work": 3, "no_such_scale": 3}}, "answers"),
    ({"phase": "start", "answers": {"know_wanted_work": "paljon"}}, "answers"),
    ({"phase": "start"}, "answers"),
])
def test_bad_answers_are_422_and_nothing_is_stored(manager, network, body, field):
    client = register(manager)
    consent(manager, client["id"], "statistics")
    response = manager.post(metrics(client["id"]), json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert rows(network, metric_answers, client_id=client["id"]) == 0
    assert events_of(network, client["id"], "intake.metric.answered") == []


def test_a_paper_questionnaire_is_entered_on_the_day_it_was_answered_never_a_future_one(manager, network):
    client = register(manager)
    today = clock.today()
    earlier = manager.post(metrics(client["id"]), json={"phase": "start", "answers": {"know_wanted_work": 2},
                                                        "answered_on": (today - timedelta(days=40)).isoformat()})
    assert earlier.status_code == 201
    manager.post(metrics(client["id"]), json={"phase": "end", "answers": {"know_wanted_work": 4}})
    found = manager.get(metrics(client["id"])).get_json()["answers"]
    assert [(a["phase"], clock.day_of(datetime.fromisoformat(a["answered_at"]))) for a in found] == [
        ("start", today - timedelta(days=40)), ("end", today)]
    later = manager.post(metrics(client["id"]), json={"phase": "end", "answers": {"know_wanted_work": 5},
                                                      "answered_on": (today + timedelta(days=1)).isoformat()})
    assert later.status_code == 422 and "answered_on" in later.get_json()["error"]["fields"]
    assert rows(network, metric_answers, client_id=client["id"]) == 2


def test_only_the_organisation_and_the_client_reach_the_metrics(manager, network):
    client = register(manager)
    for who, (other, status) in scoping_clients(network).items():
        assert other.get(metrics(client["id"])).status_code == status, who
        assert other.post(metrics(client["id"]), json={"phase": "start", "answers": {
            "know_wanted_work": 1}}).status_code == status, who
    assert rows(network, metric_answers, client_id=client["id"]) == 0
