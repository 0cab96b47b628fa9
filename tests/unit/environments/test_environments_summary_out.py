"""The environment list's hand-built answer (`summary_out`) is what EnvironmentSummary dumps of the same summary."""
from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

from services.environments.api.schemas import EnvironmentSummary, summary_out
from services.environments.handlers import views


def parts(*, roles=(), partners=(), **row) -> views.Parts:
    values = {"id": uuid.uuid4(), "name": "Satamaprojekti", "status": "open", "host_organisation": "sataedu",
              "municipality": "609", "service_area": "pohjois-satakunta", "starts_on": date(2027, 1, 11),
              "ends_on": date(2027, 5, 28), "capacity": 12, "fields_of_education": ["07", "0413"]}
    values.update(row)
    return views.Parts(SimpleNamespace(**values), roles=[SimpleNamespace(fields=f) for f in roles],
                       partners=[SimpleNamespace(partner_id=uuid.uuid4(), name=n, kind=k, organisation=o)
                                 for n, k, o in partners])


SUMMARIES = {
    "every field, two partners, a multidisciplinary team": {**views.summary(parts(
        roles=[["0715"], []], partners=[("Konepaja Virtanen Oy", "company", None),
                                       ("Kankaanpään Nuorisoseura ry", "ngo", "posek")]), "fi", {"r1": 2, "r2": 1}),
        "conversation_at": "sataedu"},  # as queries.list_environments gives it
    "optional fields empty, nothing taken": views.summary(parts(
        municipality=None, service_area=None, starts_on=None, ends_on=None, fields_of_education=[]), "sv"),
    "an unknown field code, one field only": views.summary(parts(
        fields_of_education=["9999"], id=str(uuid.uuid4())), "en", {}),
}


def test_summary_out_is_what_the_schema_dumps_for_every_kind_of_environment():
    for name, env in SUMMARIES.items():
        assert summary_out(env) == EnvironmentSummary().dump(env), name


def test_the_summaries_cover_what_the_answer_can_hold():
    dumped = {name: EnvironmentSummary().dump(env) for name, env in SUMMARIES.items()}
    full = dumped["every field, two partners, a multidisciplinary team"]
    assert full["participants"] == 3 and full["starts_on"] == "2027-01-11"
    assert full["multidisciplinary"]["value"] is True and full["multidisciplinary"]["count"] == 2
    assert [p["organisation"] for p in full["partners"]] == [None, "posek"]
    empty = dumped["optional fields empty, nothing taken"]
    assert empty["municipality_name"] is None and empty["service_area_name"] is None and empty["ends_on"] is None
    assert empty["multidisciplinary"]["fields"] == [] and empty["participants"] == 0
    unknown = dumped["an unknown field code, one field only"]
    assert unknown["fields_of_education"] == [{"code": "9999", "name": "9999"}]
    assert unknown["multidisciplinary"]["value"] is False
    assert "conversation_at" not in full  # the list's row has it for the pages; the API does not show it


def test_a_lists_fields_are_built_once_per_codes_and_language_and_follow_the_roles():
    first = views.summary(parts(fields_of_education=["07", "071"]), "fi")
    again = views.summary(parts(fields_of_education=["07", "071"]), "fi")
    assert again["fields_of_education"] is first["fields_of_education"]  # kept: the same answer's part
    assert first["fields_of_education"] == [{"code": "07", "name": "Tekniikan alat"},
                                            {"code": "071", "name": "Kone-, prosessi-, energia- ja sähkötekniikka"}]
    swedish = views.summary(parts(fields_of_education=["07", "071"]), "sv")
    assert [f["name"] for f in swedish["fields_of_education"]] == ["De tekniska områdena",
                                                                   "Maskin-, process-, energi- och elteknik"]
    # 071 lies within 07: one field; a role in 073 makes a second
    assert (first["multidisciplinary"]["value"], first["multidisciplinary"]["count"]) == (False, 1)
    with_role = views.summary(parts(fields_of_education=["07", "071"], roles=[["073"]]), "fi")
    assert with_role["multidisciplinary"]["value"] is True
    assert [f["code"] for f in with_role["multidisciplinary"]["fields"]] == ["071", "073"]
    assert summary_out(with_role) == EnvironmentSummary().dump(with_role)


def test_reminder_out_is_what_the_schema_dumps_of_each_kind_of_reminder():
    from services.environments.api.schemas import ReminderOut, reminder_out
    from services.environments.domain.evaluation import Reminder

    environment = {"environment_id": str(uuid.uuid4()), "environment_name": "Satamaprojekti"}
    found = [dict(r.as_dict(), **environment) for r in (
        Reminder("review", "The gender-neutral review is not complete."),
        Reminder("survey", "The experience survey is not answered.", str(uuid.uuid4())),
        Reminder("assessment", "The partner has not assessed this participant.", str(uuid.uuid4()), "p-1"),
        Reminder("overall_assessment", "The partner has not given its overall assessment.", partner_id="p-2"))]
    assert [reminder_out(r) for r in found] == ReminderOut(many=True).dump(found)
    assert reminder_out(found[0])["participant_id"] is None and reminder_out(found[2])["partner_id"] == "p-1"
    assert set(reminder_out(found[0])) == {"environment_id", "environment_name", "kind", "message", "participant_id",
                                           "partner_id"}
