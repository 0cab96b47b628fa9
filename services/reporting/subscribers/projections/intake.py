"""Projecting intake's events: client records, consent, entry facts, metrics, outcomes, referrals, overlaps."""
from __future__ import annotations

from services.reporting.subscribers.projections import persons
from services.reporting.subscribers.projections.common import client, day_of, parse_date
from services.reporting.subscribers.projections.store import Store
from shared.events.envelope import Envelope
from shared.reference import education

STATISTICS = "statistics"
# The bases of an entry-facts event that names none (sent before issue 14): all under the statistics consent.
LEGACY_BASES = {"statistics": "consent", "esf_reporting": "consent"}


def _in_force(basis: str | None, consent: bool) -> bool:
    return basis is not None and (basis != "consent" or consent)
PERSON_FACTS = ("participations", "survey_answers", "assessments", "outcomes", "metric_pairs",
                "referrals", "overlap_resolutions", "suggestions")


def _set_counted(store: Store, row: dict, **changes) -> dict:
    """Save a client record's changes and whether it now counts; refresh its person."""
    row = {**row, **changes}
    known = bool(row["has_facts"] and not row["erased"] and row["entered_on"])
    row["counted"] = known and _in_force(row.get("statistics_basis"), row["consent"]) and not row.get("restricted")
    row["esf"] = known and _in_force(row.get("esf_basis"), row["consent"])  # a legal obligation: restriction aside
    store.put("clients", row)
    persons.refresh(store, persons.person_id(row))
    return row


def registered(store: Store, e: Envelope) -> None:
    row = client(store, e.payload["client_id"], e.organisation)
    if row is not None:
        store.put("clients", {**row, "registered_on": parse_date(e.payload["entered_on"])})




def consent_changed(store: Store, e: Envelope) -> None:
    if e.payload["purpose"] != STATISTICS:
        return
    row = client(store, e.payload["client_id"], e.organisation)
    if row is not None:
        _set_counted(store, row, consent=e.type == "intake.consent.given")


def processing_restricted(store: Store, e: Envelope) -> None:
    """A client whose statistics purpose is restricted (Art. 18) or objected to (Art. 21) is not counted."""
    row = client(store, e.payload["client_id"], e.organisation)
    if row is not None:
        _set_counted(store, row, restricted=STATISTICS in e.payload["purposes"])


def _broad_field(code: str | None) -> str | None:
    try:
        return education.broad_field(code).code if code else None
    except KeyError:
        return None


def statistics_recorded(store: Store, e: Envelope) -> None:
    row = client(store, e.payload["client_id"], e.organisation)
    if row is None:
        return
    p = e.payload
    bases = p.get("bases") or LEGACY_BASES
    before = persons.person_id(row)
    if p.get("person_pseudonym"):  # reporting's pseudonym of the person: records that share it are one person
        row = {**row, "person_key": p["person_pseudonym"]}
    row = _set_counted(store, row, has_facts=True, statistics_basis=bases.get("statistics"),
                 esf_basis=bases.get("esf_reporting"), entered_on=parse_date(p["entered_on"]), gender=p["gender"],
                 age_band=p["age_band"], service_area=p.get("service_area"), municipality=p.get("municipality"),
                 field=_broad_field(p.get("field_of_education")), employment_status=p.get("employment_status"),
                 education_status=p.get("education_status"), education_level=p.get("education_level"),
                 disadvantaged=p.get("disadvantaged"))
    if persons.person_id(row) != before:
        persons.refresh(store, before)


def closed(store: Store, e: Envelope) -> None:
    """A case closed on its business date (back-dated closures included); older events on the day they occurred."""
    row = client(store, e.payload["client_id"], e.organisation)
    if row is not None:
        _set_counted(store, row, closed_on=parse_date(e.payload.get("closed_on")) or day_of(e))


def erased(store: Store, e: Envelope) -> None:
    """Forget everything about the client; keep only that the record was erased."""
    client_id = e.payload["client_id"]
    row = store.get("clients", client_id) or {"client_id": client_id, "organisation": e.organisation}
    before = persons.person_id(row) if "person_key" in row else f"c:{client_id}"
    for table in PERSON_FACTS:
        store.delete_where(table, "client_id", client_id)
    store.put("clients", {"client_id": client_id, "organisation": row["organisation"], "erased": True,
                          "consent": False, "has_facts": False, "counted": False, "esf": False,
                          "profile_shared": False, "restricted": False})
    persons.refresh(store, before)


def profile_changed(store: Store, e: Envelope) -> None:
    row = client(store, e.payload["client_id"], e.organisation)
    if row is not None:
        store.put("clients", {**row, "profile_shared": e.type == "intake.profile.shared"})


def metric_answered(store: Store, e: Envelope) -> None:
    """Keep the first answer at the start and the latest at the end: the paired change per scale."""
    p = e.payload
    if client(store, p["client_id"], e.organisation) is None or p["phase"] == "during":
        return
    pair = store.get("metric_pairs", p["client_id"], p["scale"]) or {"client_id": p["client_id"], "scale": p["scale"]}
    if p["phase"] == "start" and pair.get("start_value") is None:
        pair.update(start_value=p["value"], start_on=day_of(e))
    elif p["phase"] == "end":
        pair.update(end_value=p["value"], end_on=day_of(e))
    store.put("metric_pairs", pair)


def outcome_recorded(store: Store, e: Envelope) -> None:
    p = e.payload
    if client(store, p["client_id"], e.organisation) is None:
        return
    category = {"work": "job", "apprenticeship": "job", "education": "education"}.get(p["kind"], "other")
    store.put("outcomes", {
        "outcome_key": f"intake:{p['outcome_id']}", "source": "intake", "client_id": p["client_id"],
        "environment_id": p.get("via_environment_id"), "category": category, "kind": p["kind"],
        "work_form": p.get("work_form"), "hidden_job": bool(p.get("hidden_job")),
        "qualification": bool(p.get("qualification")), "started_on": parse_date(p["started_on"]),
        "ended_on": parse_date(p.get("ended_on"))})
    row = store.get("clients", p["client_id"])
    persons.refresh(store, persons.person_id(row))


def cooperation_recorded(store: Store, e: Envelope) -> None:
    """A cooperation opportunity with a partner that names nobody: an event of the recording organisation."""
    p = e.payload
    store.put("outcomes", {
        "outcome_key": f"intake-cooperation:{p['cooperation_id']}", "source": "intake", "client_id": None,
        "environment_id": None, "organisation": e.organisation, "service_area": None, "category": "cooperation",
        "kind": p["kind"], "work_form": None, "hidden_job": False, "qualification": False,
        "started_on": parse_date(p["started_on"]), "ended_on": None})


def _put_for_client(store: Store, e: Envelope, table: str, row: dict) -> None:
    """Keep a row about the event's client (with their id and organisation), unless the client was erased."""
    client_id = e.payload["client_id"]
    if client(store, client_id, e.organisation) is not None:
        store.put(table, {**row, "client_id": client_id, "organisation": e.organisation})


def referral_sent(store: Store, e: Envelope) -> None:
    p = e.payload
    _put_for_client(store, e, "referrals", {"referral_id": p["referral_id"], "to_organisation": p["to_organisation"],
                                            "sent_on": day_of(e), "status": "sent"})


def referral_updated(store: Store, e: Envelope) -> None:
    row = store.get("referrals", e.payload["referral_id"])
    if row is not None:
        store.put("referrals", {**row, "status": e.payload["status"], "updated_on": day_of(e)})


def overlap_resolved(store: Store, e: Envelope) -> None:
    p = e.payload
    _put_for_client(store, e, "overlap_resolutions", {
        "notice_id": p["notice_id"], "other_organisation": p["other_organisation"], "resolution": p["resolution"],
        "resolved_on": day_of(e)})


def need_published(store: Store, e: Envelope) -> None:
    """A need's title (the newest), to name its row in the recruitment table."""
    p = e.payload
    store.put("need_titles", {"need_id": str(p["need_id"]), "title": p["title"][:200],
                              "hidden_job": bool(p["hidden_job"])})


PROJECTORS = {
    "intake.need.published": need_published,
    "intake.client.registered": registered,
    "intake.consent.given": consent_changed,
    "intake.consent.withdrawn": consent_changed,
    "intake.processing.restricted": processing_restricted,
    "intake.statistics.recorded": statistics_recorded,
    "intake.client.closed": closed,
    "intake.client.erased": erased,
    "intake.profile.shared": profile_changed,
    "intake.profile.withdrawn": profile_changed,
    "intake.metric.answered": metric_answered,
    "intake.outcome.recorded": outcome_recorded,
    "intake.cooperation.recorded": cooperation_recorded,
    "intake.referral.sent": referral_sent,
    "intake.referral.updated": referral_updated,
    "intake.overlap.resolved": overlap_resolved,
}
