"""Writing event histories by hand: what tests feed reporting, and what the synthetic generator is made of.

Each method appends the events one thing in the network produces, with the payloads the contract
asks for, at a given time. `validate=True` checks every event against its schema on the way.
"""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from random import Random

from shared.events.catalogue import REGISTRY
from shared.events.envelope import Envelope

NOON = time(10, 0)  # 12:00 in Finland in winter: a day never shifts between UTC and Helsinki


def at(day: date) -> datetime:
    return datetime.combine(day, NOON, tzinfo=UTC)


class History:
    """Envelopes in the order they happened."""

    def __init__(self, *, validate: bool = True, seed: int | None = None) -> None:
        self.events: list[Envelope] = []
        self.validate = validate
        self._random = Random(seed) if seed is not None else None
        self.environments: dict[str, dict] = {}
        self.participants: dict[str, dict] = {}
        self.pseudonyms: dict[str, str] = {}  # client -> the person pseudonym its entry facts carry

    def new_id(self) -> str:
        if self._random is None:
            return str(uuid.uuid4())
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def emit(self, type_: str, payload: dict, organisation: str, day: date | datetime) -> Envelope:
        when = day if isinstance(day, datetime) else at(day)
        envelope = Envelope(type=type_, payload=payload, organisation=organisation, service=type_.split(".")[0],
                            id=self.new_id(), occurred_at=when)
        if self.validate:
            envelope = REGISTRY.validate(envelope)
        self.events.append(envelope)
        return envelope

    # intake ---------------------------------------------------------------------------------------------
    def client(self, organisation: str, day: date, *, gender: str = "woman", age_band: str = "18_24",
               area: str | None = "pohjois-satakunta", municipality: str | None = "214", field: str | None = None,
               employment: str | None = "unemployed", education_status: str | None = "not_in_education",
               level: int | None = 3, disadvantaged: bool | None = None, statistics: bool = True,
               bases: dict[str, str] | None = None,
               person_key: str | None = None, client_id: str | None = None) -> str:
        """Register a client with consent to service and (unless told otherwise) to statistics."""
        client_id = client_id or self.new_id()
        self.emit("intake.client.registered", {"client_id": client_id, "entered_on": day.isoformat()},
                  organisation, day)
        self.pseudonyms[client_id] = person_key or uuid.uuid4().hex * 2  # reporting's pseudonym of the person
        self.consent(organisation, client_id, "service", True, day)
        if statistics:
            self.consent(organisation, client_id, "statistics", True, day)
        if statistics or bases:  # with `bases` the facts travel on them, consent or not (issue 14)
            self.statistics(organisation, client_id, day, gender=gender, age_band=age_band, area=area,
                            municipality=municipality, field=field, employment=employment,
                            education_status=education_status, level=level, disadvantaged=disadvantaged,
                            bases=bases)
        return client_id

    def consent(self, organisation: str, client_id: str, purpose: str, given: bool, day: date) -> None:
        self.emit("intake.consent.given" if given else "intake.consent.withdrawn",
                  {"client_id": client_id, "purpose": purpose, "version": "2026-1"}, organisation, day)

    def statistics(self, organisation: str, client_id: str, entered_on: date, *, gender: str, age_band: str,
                   area: str | None, municipality: str | None, field: str | None, employment: str | None,
                   education_status: str | None, level: int | None, disadvantaged: bool | None,
                   day: date | None = None, bases: dict[str, str] | None = None) -> None:
        pseudonym = self.pseudonyms.get(client_id)
        self.emit("intake.statistics.recorded", {**({"bases": bases} if bases else {}),
            **({"person_pseudonym": pseudonym} if pseudonym else {}),
            "client_id": client_id, "entered_on": entered_on.isoformat(), "age_band": age_band, "gender": gender,
            "municipality": municipality, "service_area": area, "employment_status": employment,
            "education_status": education_status, "education_level": level, "field_of_education": field,
            "disadvantaged": disadvantaged}, organisation, day or entered_on)

    def close(self, organisation: str, client_id: str, day: date) -> None:
        self.emit("intake.client.closed", {"client_id": client_id, "closed_on": day.isoformat()}, organisation, day)

    def erase(self, organisation: str, client_id: str, day: date) -> None:
        self.emit("intake.client.erased", {"client_id": client_id}, organisation, day)

    def profile(self, organisation: str, client_id: str, day: date) -> None:
        self.emit("intake.profile.shared", {
            "client_id": client_id, "skills": [], "hours_per_week": None, "available_from": None,
            "available_until": None, "work_types": ["part_time"], "municipalities": [], "service_areas": [],
            "languages": ["fi"], "driving_licence": False, "fields_of_education": []}, organisation, day)

    def metric(self, organisation: str, client_id: str, scale: str, phase: str, value: int, day: date) -> None:
        self.emit("intake.metric.answered", {"client_id": client_id, "scale": scale, "phase": phase, "value": value},
                  organisation, day)

    def outcome(self, organisation: str, client_id: str, kind: str, started_on: date, *, work_form: str | None = None,
                hidden_job: bool = False, qualification: bool = False, ended_on: date | None = None,
                environment_id: str | None = None, day: date | None = None) -> str:
        outcome_id = self.new_id()
        self.emit("intake.outcome.recorded", {
            "client_id": client_id, "outcome_id": outcome_id, "kind": kind, "work_form": work_form,
            "hidden_job": hidden_job, "qualification": qualification, "field_of_education": None,
            "started_on": started_on.isoformat(), "ended_on": ended_on.isoformat() if ended_on else None,
            "via_environment_id": environment_id, "via_suggestion_id": None}, organisation, day or started_on)
        return outcome_id

    def referral(self, organisation: str, client_id: str, to_organisation: str, day: date) -> str:
        referral_id = self.new_id()
        self.emit("intake.referral.sent", {"client_id": client_id, "referral_id": referral_id,
                                           "to_organisation": to_organisation, "service_id": None,
                                           "reference": "R-1", "note": None}, organisation, day)
        return referral_id

    def referral_update(self, organisation: str, referral_id: str, status: str, day: date) -> None:
        self.emit("intake.referral.updated", {"referral_id": referral_id, "status": status}, organisation, day)

    def overlap_resolved(self, organisation: str, client_id: str, other: str, resolution: str, day: date) -> None:
        self.emit("intake.overlap.resolved", {
            "client_id": client_id, "notice_id": self.new_id(), "other_organisation": other, "resolution": resolution,
            "lead_organisation": organisation if resolution == "lead_agreed" else None}, organisation, day)

    # matching -------------------------------------------------------------------------------------------
    def need(self, organisation: str, title: str, day: date, *, hidden_job: bool = False, work_type: str = "part_time",
             people: int = 1, ends_on: date | None = None, municipality: str | None = "214") -> str:
        """A partner's competence need, published through `organisation` (the member that serves the partner)."""
        need_id = self.new_id()
        self.emit("intake.need.published", {
            "need_id": need_id, "partner_id": self.new_id(), "title": title, "description": None, "skills": [],
            "work_type": work_type, "hours_per_week": None, "municipality": municipality,
            "start_date": day.isoformat(), "end_date": ends_on.isoformat() if ends_on else None, "people": people,
            "hidden_job": hidden_job, "languages": ["fi"], "driving_licence": False, "status": "open"},
            organisation, day)
        return need_id

    def suggestion(self, organisation: str, client_id: str, day: date, *, target_kind: str = "need",
                   target_id: str | None = None) -> str:
        """A suggestion of a need (a new one unless `target_id` names it) to the client's organisation."""
        suggestion_id = self.new_id()
        self.emit("matching.suggestion.made", {
            "suggestion_id": suggestion_id, "client_id": client_id, "organisation": organisation,
            "target_kind": target_kind, "target_id": target_id or self.new_id(), "environment_id": None, "score": 0.8,
            "rank": 1, "explanation": {"score": 0.8, "parts": {"essential": 0.6, "nice_to_have": 0.1,
                                                                "preferences": 0.1},
                                       "skills": [], "missing_essential": [], "learning_gaps": [],
                                       "constraints": []}}, "verkosto", day)
        return suggestion_id

    def decide(self, organisation: str, client_id: str, suggestion_id: str, accepted: bool, day: date, *,
               target_id: str | None = None) -> None:
        self.emit("matching.suggestion.accepted" if accepted else "matching.suggestion.declined", {
            "suggestion_id": suggestion_id, "client_id": client_id, "organisation": organisation,
            "target_kind": "need", "target_id": target_id or self.new_id(), "environment_id": None, "reason": None},
            "verkosto", day)

    def fairness(self, period: str, groups: list[dict], day: date) -> None:
        self.emit("matching.fairness.reported", {"period": period, "group_kind": "service_area", "min_cell": 5,
                                                 "groups": groups, "warnings": []}, "verkosto", day)

    # environments ---------------------------------------------------------------------------------------
    def environment(self, host: str, day: date, *, fields: tuple[str, ...] = ("07", "04"), name: str = "Projekti",
                    area: str | None = "pohjois-satakunta", municipality: str | None = "214",
                    starts_on: date | None = None, ends_on: date | None = None) -> str:
        """Draft an environment (multidisciplinary when it has two fields or more)."""
        environment_id = self.new_id()
        self.environments[environment_id] = {
            "environment_id": environment_id, "host_organisation": host, "name": name, "status": "draft",
            "fields_of_education": list(fields), "multidisciplinary": len(set(fields)) >= 2, "institutions": [host],
            "partner_ids": [], "need_ids": [], "municipality": municipality, "service_area": area,
            "starts_on": starts_on.isoformat() if starts_on else None,
            "ends_on": ends_on.isoformat() if ends_on else None, "capacity": 10, "roles": []}
        self.emit("environments.environment.created", dict(self.environments[environment_id]), "verkosto", day)
        return environment_id

    def move(self, environment_id: str, step: str, day: date) -> None:
        """open, started, completed, evaluated or cancelled."""
        described = self.environments[environment_id]
        before = described["status"]
        described["status"] = {"opened": "open", "started": "running"}.get(step, step)
        if step == "opened":
            self.emit("environments.environment.opened", dict(described), "verkosto", day)
            return
        self.emit(f"environments.environment.{step}", {
            "environment_id": environment_id, "host_organisation": described["host_organisation"],
            "status": described["status"], "previous_status": before,
            "multidisciplinary": described["multidisciplinary"], "on": day.isoformat()}, "verkosto", day)

    def enrol(self, environment_id: str, organisation: str, client_id: str, day: date) -> str:
        participant_id = self.new_id()
        self.participants[participant_id] = {"participant_id": participant_id, "environment_id": environment_id,
                                             "client_id": client_id, "organisation": organisation}
        self.emit("environments.participant.enrolled", {**self.participants[participant_id], "role_id": self.new_id(),
                                                         "started_on": day.isoformat(), "via_suggestion_id": None},
                  "verkosto", day)
        return participant_id

    def complete(self, participant_id: str, day: date) -> None:
        self.emit("environments.participant.completed", {**self.participants[participant_id],
                                                          "ended_on": day.isoformat()}, "verkosto", day)

    def withdraw(self, participant_id: str, day: date) -> None:
        self.emit("environments.participant.withdrew", {**self.participants[participant_id], "on": day.isoformat()},
                  "verkosto", day)

    def survey(self, participant_id: str, answers: dict[str, int], day: date) -> None:
        participant = self.participants[participant_id]
        self.emit("environments.survey.answered", {
            "participant_id": participant_id, "environment_id": participant["environment_id"],
            "organisation": participant["organisation"], "answers": answers}, "verkosto", day)

    def assess(self, environment_id: str, scores: dict[str, int], day: date, *,
               participant_id: str | None = None) -> None:
        self.emit("environments.assessment.given", {
            "assessment_id": self.new_id(), "environment_id": environment_id, "partner_id": self.new_id(),
            "participant_id": participant_id, "scores": scores}, "verkosto", day)

    def environment_outcome(self, environment_id: str, kind: str, started_on: date, *,
                            participant_id: str | None = None, hidden_job: bool = False,
                            day: date | None = None) -> None:
        participant = self.participants.get(participant_id or "", {})
        self.emit("environments.outcome.recorded", {
            "outcome_id": self.new_id(), "environment_id": environment_id,
            "environment_name": self.environments.get(environment_id, {}).get("name", "Projekti"),
            "partner_id": self.new_id(), "kind": kind, "cooperation": kind not in ("part_time", "short", "fixed_term"),
            "hidden_job": hidden_job, "started_on": started_on.isoformat(), "ended_on": None,
            "participant_id": participant_id, "client_id": participant.get("client_id"),
            "organisation": participant.get("organisation")}, "verkosto", day or started_on)
