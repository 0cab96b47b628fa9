"""`environments.environment.reminders_changed`: after every change that may move what an environment misses, its
announcement says the same kinds, in the same order, as the reminders the service answers (what intake's desk
keeps and lists), once per unit of work, with no person in it."""
from __future__ import annotations

import uuid

from services.environments.domain.evaluation import CRITERIA_KEYS, SURVEY_KEYS
from tests.integration.environments.helpers import (
    API,
    answered,
    body,
    create,
    enrol,
    events,
    move,
    pass_review,
    register_partner,
)
from tests.support import network as net

TYPE = "environments.environment.reminders_changed"


def announcements(network, environment_id: str) -> list[dict]:
    return [e["payload"] for e in events(network, TYPE) if e["payload"]["environment_id"] == environment_id]


def kinds_answered(manager, environment_id: str) -> list[str]:
    """The kinds of the service's own reminders of the environment, each once, in its order (as the desk shows)."""
    answer = manager.get(f"{API}/environments/{environment_id}/reminders")
    assert answer.status_code == 200
    return list(dict.fromkeys(r["kind"] for r in answer.get_json()))


def test_each_change_announces_what_the_environment_misses_as_its_reminders_say(network, manager, partner):
    partner_id = register_partner(network, "Konepaja Virtanen Oy", organisation="konepaja-virtanen")
    environment = create(manager, [partner_id], name="Ilmoituspaja")
    env_id = environment["id"]
    seen = 0

    def announced_once(expected, *, name: str = "Ilmoituspaja", status: str | None = None) -> None:
        """One more announcement, its kinds those the service answers (`expected`: a list in order, or a set)."""
        nonlocal seen
        found = announcements(network, env_id)
        assert len(found) == seen + 1, found[seen:]  # exactly one more: once per unit of work
        seen += 1
        assert found[-1]["missing"] == kinds_answered(manager, env_id)
        assert (found[-1]["missing"] if isinstance(expected, list) else set(found[-1]["missing"])) == expected
        assert found[-1]["name"] == name and found[-1]["host_organisation"] == "sataedu"
        if status:
            assert found[-1]["status"] == status

    announced_once(["review"], status="draft")  # drafted: its gender-neutral review is not done
    renamed = manager.put(f"{API}/environments/{env_id}", json={
        k: v for k, v in body([partner_id], name="Ilmoituspaja 2").items() if k != "roles"})
    assert renamed.status_code == 200, renamed.get_json()
    announced_once(["review"], name="Ilmoituspaja 2")  # a new name, no event of its own before
    pass_review(manager, env_id)
    announced_once([], name="Ilmoituspaja 2")
    assert move(manager, env_id, "open").status_code == 200
    announced_once([], name="Ilmoituspaja 2", status="open")
    students = [str(uuid.uuid4()), str(uuid.uuid4())]
    people = [enrol(manager, environment, i, client_id=s).get_json() for i, s in enumerate(students)]
    seen += 2  # each enrolment announced (an open environment misses nothing yet)
    assert [a["missing"] for a in announcements(network, env_id)[-2:]] == [[], []]
    assert move(manager, env_id, "running").status_code == 200
    announced_once(["start_metrics"], name="Ilmoituspaja 2", status="running")  # nobody answered their metrics

    for student in students:  # each answered intake's personal metrics: intake tells that, and no more
        answered(network, student, env_id, "start")
        seen += 1
    assert announcements(network, env_id)[-1]["missing"] == [] == kinds_answered(manager, env_id)

    assert move(manager, env_id, "completed").status_code == 200  # two participants completed in the same work
    announced_once({"end_metrics", "survey", "assessment", "overall_assessment", "outcomes"}, name="Ilmoituspaja 2",
                   status="completed")
    survey = net.student_client(network, students[0]).post(
        f"{API}/participants/{people[0]['id']}/survey", json={"answers": {key: 4 for key in SURVEY_KEYS}})
    assert survey.status_code == 201
    announced_once({"end_metrics", "survey", "assessment", "overall_assessment", "outcomes"}, name="Ilmoituspaja 2")
    overall = partner.post(f"{API}/environments/{env_id}/assessments",
                           json={"participant_id": None, "scores": {key: 5 for key in CRITERIA_KEYS}})
    assert overall.status_code == 201, overall.get_json()
    announced_once({"end_metrics", "survey", "assessment", "outcomes"}, name="Ilmoituspaja 2")
    outcome = partner.post(f"{API}/environments/{env_id}/outcomes", json={"kind": "project",
                                                                           "started_on": "2026-08-01"})
    assert outcome.status_code == 201, outcome.get_json()
    announced_once({"end_metrics", "survey", "assessment"}, name="Ilmoituspaja 2")

    text = str(announcements(network, env_id))
    assert not any(s in text for s in students) and not any(p["id"] in text for p in people)  # nobody named


def test_every_environment_is_announced_again_for_a_subscriber_that_starts_keeping_them(network, manager):
    """`kampus environments announce-reminders`: one announcement of each environment, as its reminders say."""
    from services.environments.handlers.reminders import announce_all

    drafted = create(manager, name="Uudelleen ilmoitettava")
    with network.runtimes["environments"].work() as work:
        done = announce_all(work)
    announced = {e.payload["environment_id"]: e.payload for e in work.emitted}
    assert done == len(announced) == len(work.emitted) >= 1
    assert announced[drafted["id"]]["missing"] == ["review"] == kinds_answered(manager, drafted["id"])
    assert all(a["missing"] == kinds_answered(manager, a["environment_id"]) for a in announced.values())
