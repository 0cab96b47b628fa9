"""Stored suggestions kept in agreement with the engine's top-k: new entries are made, lost ones withdrawn.

`reconcile` compares a target's current top-k with what is stored, so running it twice, or after a
rollback and a retry, makes nothing twice. A pair is not suggested again while a suggestion of it is
open or accepted, or while its decline holds (both fingerprints unchanged since the decision).
An open suggestion that falls out of the top-k because better ones arrived stays, kept fresh: whenever its
target is reconciled its score and explanation are recomputed and, when they moved, updated in place
(`matching.suggestion.refreshed`). One whose pair no longer fits (a hard constraint fails, no skill
matches any more, the target closed, the profile left) is withdrawn, its last explanation kept as the reason.
Every read-model change goes through `follow`: the engine changes, then the targets it touched are reconciled.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from services.matching.db import decisions, environment_roles, environments, participants, profiles, suggestions
from services.matching.domain import ListChange, MatchingEngine, targets
from services.matching.handlers.live import LiveEngine, engine_for
from services.matching.handlers.suggestion_list import target_name
from shared.events.envelope import utcnow
from shared.runtime import Work

OPEN = "new"


def fingerprints(engine: MatchingEngine, engine_id: str, client_id: str) -> tuple[str, str]:
    """The current (need, profile) fingerprints of a pair the engine holds."""
    need_row, profile_row = engine.needs.row_of[engine_id], engine.profiles.row_of[client_id]
    return engine.needs.compiled[need_row].fingerprint, engine.profiles.fingerprints[profile_row]


def showing(engine: MatchingEngine, client_id: str) -> list[str]:
    """Engine ids of the targets whose visible top-k holds a profile."""
    row = engine.profiles.row_of.get(client_id)
    if row is None:
        return []
    found = []
    for need_row in engine.shortlists.holding(row):
        if row in engine.shortlists.lists[need_row].visible(engine.k):
            found.append(engine.needs.ids[need_row])
    return sorted(found)


def _stored(session: Session, kind: str, target_id: str) -> dict[str, list]:
    rows = session.execute(
        select(suggestions.c.id, suggestions.c.client_id, suggestions.c.status, suggestions.c.rank,
               suggestions.c.explanation, suggestions.c.origin, decisions.c.need_fingerprint,
               decisions.c.profile_fingerprint)
        .select_from(suggestions.outerjoin(decisions, decisions.c.suggestion_id == suggestions.c.id))
        .where(suggestions.c.target_kind == kind, suggestions.c.target_id == target_id))
    by_client: dict[str, list] = {}
    for row in rows:
        by_client.setdefault(row.client_id, []).append(row)
    return by_client


def _blocked(rows: list, need_fp: str, profile_fp: str) -> bool:
    for row in rows:
        if row.status in (OPEN, "accepted"):
            return True
        if row.status == "declined" and (row.need_fingerprint, row.profile_fingerprint) == (need_fp, profile_fp):
            return True
    return False


def busy_clients(session: Session) -> set[str]:
    """Clients enrolled in an environment that is open or running (not offered for other roles)."""
    rows = session.execute(
        select(participants.c.client_id).select_from(participants.join(
            environments, environments.c.environment_id == participants.c.environment_id))
        .where(participants.c.status == "enrolled", environments.c.status.in_(targets.TAKING_PEOPLE)))
    return {r.client_id for r in rows}


def reconcile(work: Work, engine: MatchingEngine, engine_ids: Iterable[str], taxonomy) -> int:
    """Make the stored suggestions of these targets agree with the engine; returns how many were made."""
    made = 0
    busy: set[str] | None = None
    for engine_id in sorted(set(engine_ids)):
        kind, target_id = targets.split(engine_id)
        if engine_id not in engine.needs.row_of:
            withdraw_target(work, kind, target_id, "target_closed")
            continue
        stored = _stored(work.session, kind, target_id)
        shown = engine.suggestions(engine_id, explain=False)
        if kind == targets.ROLE and busy is None:
            busy = busy_clients(work.session)
        name: str | None = None  # the target's name, read once for all its new suggestions
        for suggestion in shown:
            client_id = suggestion.profile_id
            need_fp, profile_fp = fingerprints(engine, engine_id, client_id)
            if _blocked(stored.get(client_id, []), need_fp, profile_fp) or (kind == targets.ROLE and client_id in busy):
                continue
            name = name or target_name(work.session, kind, target_id)
            _make(work, engine, engine_id, suggestion.rank, client_id, need_fp, profile_fp, taxonomy, name=name)
            made += 1
        ranks = {s.profile_id: s.rank for s in shown}
        for client_id, rows in stored.items():
            for row in rows:
                if row.status == OPEN:
                    _refresh(work, engine, engine_id, row, ranks.get(client_id), taxonomy)
    return made


def _refresh(work: Work, engine: MatchingEngine, engine_id: str, row, rank: int | None, taxonomy) -> None:
    """Bring one open suggestion up to date: recomputed in place, or withdrawn when the pair no longer fits."""
    if row.client_id not in engine.profiles.row_of:
        withdraw(work, row.id, "no_longer_eligible")
        return
    explained = engine.explain(engine_id, row.client_id)
    explanation = json.loads(json.dumps(explained.as_payload(taxonomy.uris)))  # as stored, to compare
    if not explained.eligible and row.origin != "student":  # the student's own wish stays for the manager
        withdraw(work, row.id, "no_longer_eligible", explanation)
        return
    rank = rank or row.rank
    if explanation == row.explanation and rank == row.rank:
        return
    need_fp, profile_fp = fingerprints(engine, engine_id, row.client_id)
    work.session.execute(update(suggestions).where(suggestions.c.id == row.id).values(
        score=explanation["score"], rank=rank, explanation=explanation, need_fingerprint=need_fp,
        profile_fingerprint=profile_fp))
    stored = work.session.execute(select(suggestions).where(suggestions.c.id == row.id)).one()
    work.emit("matching.suggestion.refreshed", {
        **ref(stored), "score": min(1.0, max(0.0, explanation["score"])), "rank": rank, "explanation": explanation})


def follow(work: Work, change: Callable[[MatchingEngine, LiveEngine], Iterable[ListChange | str]]) -> int:
    """Change the engine inside the work's transaction, then reconcile the targets the change touched.

    `change` returns ListChanges and/or engine ids of further targets to look at. Returns how many
    suggestions were made.
    """
    live = engine_for(work.runtime)
    with live.writing(work.session) as engine:
        touched = {c.need_id if isinstance(c, ListChange) else c for c in change(engine, live)}
        if live.rarity_drifted():
            live.refresh_rarity()
            touched.update(engine.need_ids())
        return reconcile(work, engine, touched, live.taxonomy)


def _make(work: Work, engine: MatchingEngine, engine_id: str, rank: int, client_id: str, need_fp: str,
          profile_fp: str, taxonomy, origin: str = "engine", name: str | None = None) -> None:
    """Store a suggestion and tell of it, naming its target (`name`, or read here)."""
    kind, target_id = targets.split(engine_id)
    profile_row = work.session.execute(select(profiles.c.organisation, profiles.c.record)
                                       .where(profiles.c.client_id == client_id)).one()
    environment_id = None
    if kind == targets.ROLE:
        environment_id = work.session.execute(select(environment_roles.c.environment_id)
                                              .where(environment_roles.c.role_id == target_id)).scalar()
    explanation = engine.explain(engine_id, client_id).as_payload(taxonomy.uris)
    suggestion_id = str(uuid.uuid4())
    work.session.execute(suggestions.insert().values(
        id=suggestion_id, client_id=client_id, organisation=profile_row.organisation, target_kind=kind,
        target_id=target_id, environment_id=environment_id, score=explanation["score"], rank=rank,
        explanation=explanation, service_areas=targets.profile_service_areas(profile_row.record),
        need_fingerprint=need_fp, profile_fingerprint=profile_fp, status=OPEN, made_at=utcnow(), origin=origin))
    work.emit("matching.suggestion.made", {
        "suggestion_id": suggestion_id, "client_id": client_id, "organisation": profile_row.organisation,
        "target_kind": kind, "target_id": target_id, "environment_id": environment_id,
        "target_name": name or target_name(work.session, kind, target_id),
        "score": min(1.0, max(0.0, explanation["score"])), "rank": rank, "explanation": explanation})


def make_for_interest(work: Work, engine: MatchingEngine, engine_id: str, client_id: str, taxonomy) -> bool:
    """A student's own interest as a suggestion for their manager, ranked after the engine's list unless it is
    in it; nothing when the pair is already suggested or its decline holds. Whether one was made."""
    if engine_id not in engine.needs.row_of or client_id not in engine.profiles.row_of:
        return False
    kind, target_id = targets.split(engine_id)
    need_fp, profile_fp = fingerprints(engine, engine_id, client_id)
    if _blocked(_stored(work.session, kind, target_id).get(client_id, []), need_fp, profile_fp):
        return False
    shown = engine.suggestions(engine_id, explain=False)
    rank = next((s.rank for s in shown if s.profile_id == client_id), len(shown) + 1)
    _make(work, engine, engine_id, rank, client_id, need_fp, profile_fp, taxonomy, origin="student")
    return True


def ref(row) -> dict:
    """The reference part of a suggestion event."""
    return {"suggestion_id": row.id, "client_id": row.client_id, "organisation": row.organisation,
            "target_kind": row.target_kind, "target_id": row.target_id, "environment_id": row.environment_id}


def named_ref(session: Session, row) -> dict:
    """The reference part of a suggestion event that notifies someone: with its target's name to tell."""
    return {**ref(row), "target_name": target_name(session, row.target_kind, row.target_id)}


def withdraw(work: Work, suggestion_id: str, reason: str, explanation: dict | None = None) -> None:
    """Withdraw one open suggestion and tell the client's organisation.

    explanation: the pair's current explanation, kept on the row to show which constraint or skill failed.
    """
    row = work.session.execute(select(suggestions).where(suggestions.c.id == suggestion_id,
                                                         suggestions.c.status == OPEN)).first()
    if row is None:
        return
    changed = {} if explanation is None else {"explanation": explanation, "score": explanation["score"]}
    work.session.execute(update(suggestions).where(suggestions.c.id == suggestion_id)
                         .values(status="withdrawn", withdrawn_reason=reason, decided_at=utcnow(), **changed))
    work.emit("matching.suggestion.withdrawn", {**ref(row), "reason": reason})


def _withdraw_where(work: Work, condition, reason: str) -> None:
    ids = work.session.execute(select(suggestions.c.id).where(condition, suggestions.c.status == OPEN)).scalars()
    for suggestion_id in list(ids):
        withdraw(work, suggestion_id, reason)


def withdraw_target(work: Work, kind: str, target_id: str, reason: str) -> None:
    """Withdraw every open suggestion of a need or a role."""
    _withdraw_where(work, and_(suggestions.c.target_kind == kind, suggestions.c.target_id == target_id), reason)


def withdraw_client(work: Work, client_id: str, reason: str) -> None:
    """Withdraw every open suggestion of a client."""
    _withdraw_where(work, suggestions.c.client_id == client_id, reason)


def open_targets(session: Session, client_id: str) -> list[str]:
    """Engine ids of the targets a client has open suggestions for."""
    rows = session.execute(select(suggestions.c.target_kind, suggestions.c.target_id)
                           .where(suggestions.c.client_id == client_id, suggestions.c.status == OPEN))
    return [targets.key(r.target_kind, r.target_id) for r in rows]
