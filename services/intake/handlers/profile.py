"""A client's competence profile: availability and skills, shared with the network for matching only under
consent (b).
"""
from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from services.intake.db import environment_participations, profile_skills, profiles
from services.intake.domain import N_
from services.intake.domain.profile import Availability, check_availability, check_skill, normalised, shared_profile
from services.intake.handlers.access import load_client, owned_row
from services.intake.handlers.bases import lawful
from services.intake.handlers.consents import NewClient
from shared.auth.principal import Principal
from shared.errors import require
from shared.events.envelope import utcnow
from shared.reference import esco, municipalities
from shared.runtime import Work


def availability_of(session: Session, client_id: str) -> Availability:
    """The client's availability as stored (an empty one before the profile is first saved)."""
    row = session.execute(select(profiles).where(profiles.c.client_id == str(client_id))).first()
    if row is None:
        return Availability()
    return Availability(
        hours_per_week=row.hours_per_week, available_from=row.available_from, available_until=row.available_until,
        work_types=tuple(row.work_types or ()), municipalities=tuple(row.municipalities or ()),
        service_areas=tuple(row.service_areas or ()), driving_licence=bool(row.driving_licence),
        languages=tuple(row.languages or ()))


def skills_of(session: Session, client_id: str) -> list:
    """The client's skill entries, oldest first."""
    return list(session.execute(select(profile_skills).where(profile_skills.c.client_id == str(client_id))
                                .order_by(profile_skills.c.added_at, profile_skills.c.id)).mappings())


def share_profile(work: Work, client_row, new: NewClient | None = None) -> bool:
    """Emit intake.profile.shared if the client has consented to profile sharing (b); return whether it did.

    Only an active case is shared: a closed or erased client's profile stays out of matching. A client registered
    in this transaction (`new`) has no availability or skills stored yet.
    """
    if client_row.status != "active" or not lawful(work, work.session, client_row, "matching", new):
        return False
    availability, skills = ((Availability(), []) if new is not None else
                            (availability_of(work.session, client_row.id), skills_of(work.session, client_row.id)))
    payload = shared_profile(client_row.id, availability, skills, [client_row.field_of_education])
    work.emit("intake.profile.shared", payload, organisation=client_row.organisation)
    return True


def is_skill(uri: str) -> bool:
    """Whether a URI names an ESCO skill."""
    return uri in esco.load_taxonomy().index


def skill_label(uri: str, lang: str = "fi") -> str:
    """The skill's preferred label in lang (the URI itself if the taxonomy does not know it)."""
    taxonomy = esco.load_taxonomy()
    index = taxonomy.index.get(uri)
    return uri if index is None else taxonomy.shown(index, lang)


def search_skills(query: str, lang: str, limit: int = 10) -> list[dict]:
    """Skills whose fi/sv/en label matches a word as it is typed, labelled in `lang`."""
    if not query.strip():
        return []
    return [{"uri": h.uri, "label": h.label, "score": h.score} for h in esco.search_skills(query.strip(), lang, limit)]


def suggest_skills(text: str, text_lang: str | None, label_lang: str, limit: int = 8) -> list[dict]:
    """Taxonomy skills offered for competence described in free text (lemmatised; language detected if None), each
    with the everyday words of the text read as words of its label (read_as: "vessa → wc") and the words read
    through the bilingual dictionary as English words of its English label (translated_as: "får → sheep")."""
    taxonomy = esco.load_taxonomy()
    return [{"uri": h.uri, "label": taxonomy.shown(h.index, label_lang), "score": h.score, "read_as": list(h.read_as),
             "translated_as": list(h.translated_as)} for h in esco.normalise_free_text(text, text_lang, limit)]


def profile_view(work: Work, principal: Principal, client_id: str, why: str) -> dict:
    """Availability and skills of a client the principal may see (the read is audited); each skill names where it
    was shown (`shown_in`): what was typed, or the environment's name for a skill an environment confirmed."""
    client = load_client(work, principal, client_id, what="competence_profile", why=why)
    skills = skills_of(work.session, client.id)
    environments = _environment_names(work.session, client.id) if any(
        s["evidence"] == "project_environment" for s in skills) else {}
    return {"client": client, "availability": availability_of(work.session, client.id),
            "skills": [{**s, "shown_in": shown_in(s["evidence"], s["evidence_ref"], environments)} for s in skills]}


def shown_in(evidence: str, ref: str | None, environments: dict[str, str | None]) -> str | None:
    """Where a skill was shown, as a person reads it: an environment that confirmed the skill stores its id as the
    reference, which is shown as the environment's name (or not at all while the name is unknown), never as the id."""
    if evidence == "project_environment" and ref in environments:
        return environments[ref]
    return ref


def _environment_names(session: Session, client_id: str) -> dict[str, str | None]:
    """The environments the client took part in, by id (as text, the skill entries' reference), with their names."""
    table = environment_participations
    return {str(row.environment_id): row.environment_name for row in session.execute(
        select(table.c.environment_id, table.c.environment_name).where(table.c.client_id == str(client_id)))}


def save_availability(work: Work, principal: Principal, client_id: str, value: Availability) -> bool:
    """Store availability, work types, places, languages and licence; True if the profile was shared."""
    client = load_client(work, principal, client_id, what="competence_profile", why="guidance",
                         action="update")
    require(check_availability(value, municipality_code=_municipality,
                                area_slugs=municipalities.service_areas().keys()))
    value = normalised(value, _municipality)
    row = {"hours_per_week": value.hours_per_week, "available_from": value.available_from,
           "available_until": value.available_until, "work_types": list(value.work_types),
           "municipalities": list(value.municipalities), "service_areas": list(value.service_areas),
           "driving_licence": value.driving_licence, "languages": list(value.languages), "updated_at": utcnow()}
    exists = work.session.execute(select(profiles.c.client_id).where(profiles.c.client_id == client.id)).first()
    if exists:
        work.session.execute(update(profiles).where(profiles.c.client_id == client.id).values(**row))
    else:
        work.session.execute(insert(profiles).values(client_id=client.id, **row))
    return share_profile(work, client)


def _municipality(code: str) -> str | None:
    padded = municipalities.normalise_code(code)
    return padded if padded and municipalities.is_valid(padded) else None


def _duplicate(work: Work, client_id: str, uri: str, evidence: str, ref: str | None, skip: int | None = None) -> bool:
    query = select(profile_skills.c.id).where(
        profile_skills.c.client_id == client_id, profile_skills.c.skill_uri == uri,
        profile_skills.c.evidence == evidence,
        profile_skills.c.evidence_ref.is_(None) if ref is None else profile_skills.c.evidence_ref == ref)
    return any(found != skip for found in work.session.execute(query).scalars())


def _clean_ref(ref: str | None) -> str | None:
    return (ref or "").strip() or None


def add_skill(work: Work, principal: Principal, client_id: str, uri: str, level: int, evidence: str,
              evidence_ref: str | None = None) -> int:
    """Add an ESCO skill with its level and evidence; returns the entry's id."""
    client = load_client(work, principal, client_id, what="competence_profile", why="guidance",
                         action="update")
    evidence_ref = _clean_ref(evidence_ref)
    errors = check_skill(level, evidence, evidence_ref)
    if not is_skill(uri):
        errors["skill_uri"] = [N_("Choose a skill of the ESCO taxonomy.")]
    elif _duplicate(work, client.id, uri, evidence, evidence_ref):
        errors["skill_uri"] = [N_("The profile already has this skill with this evidence.")]
    require(errors)
    entry_id = work.session.execute(insert(profile_skills).values(
        client_id=client.id, skill_uri=uri, level=level, evidence=evidence, evidence_ref=evidence_ref,
        added_at=utcnow())).inserted_primary_key[0]
    share_profile(work, client)
    return entry_id


def skill_entry(work: Work, client_id: str, entry_id: int):
    """One skill entry of a client's profile, or NotFound."""
    return owned_row(work.session, profile_skills, entry_id, client_id, "No such skill in this profile")


def described_skill(work: Work, client_id: str, entry_id: int) -> dict:
    """One skill entry with where it was shown, as `profile_view` gives each (`shown_in`)."""
    entry = skill_entry(work, client_id, entry_id)
    environments = _environment_names(work.session, client_id) if entry["evidence"] == "project_environment" else {}
    return {**entry, "shown_in": shown_in(entry["evidence"], entry["evidence_ref"], environments)}


def change_skill(work: Work, principal: Principal, client_id: str, entry_id: int, changes: dict) -> None:
    """Change a skill entry's level or evidence."""
    client = load_client(work, principal, client_id, what="competence_profile", why="guidance",
                         action="update")
    entry = skill_entry(work, client.id, entry_id)
    merged = {**entry, **changes, "evidence_ref": _clean_ref(changes.get("evidence_ref", entry["evidence_ref"]))}
    errors = check_skill(merged["level"], merged["evidence"], merged["evidence_ref"])
    if not errors and _duplicate(work, client.id, entry["skill_uri"], merged["evidence"], merged["evidence_ref"],
                                 skip=entry_id):
        errors["evidence"] = [N_("The profile already has this skill with this evidence.")]
    require(errors)
    work.session.execute(update(profile_skills).where(profile_skills.c.id == entry_id).values(
        level=merged["level"], evidence=merged["evidence"], evidence_ref=merged["evidence_ref"]))
    share_profile(work, client)


def remove_skill(work: Work, principal: Principal, client_id: str, entry_id: int) -> None:
    """Remove a skill entry from the profile."""
    client = load_client(work, principal, client_id, what="competence_profile", why="guidance",
                         action="update")
    skill_entry(work, client.id, entry_id)
    work.session.execute(delete(profile_skills).where(profile_skills.c.id == entry_id))
    share_profile(work, client)
