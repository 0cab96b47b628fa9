"""Operators' work on matching: rebuild every suggestion from the read models, measure quality from decisions."""
from __future__ import annotations

from sqlalchemy import select

from services.matching.db import decisions
from services.matching.db import suggestions as suggestion_rows
from services.matching.domain import Decision, QualityReport, evaluate, targets
from services.matching.handlers import suggestions
from services.matching.handlers.live import engine_for, target_needs
from shared.runtime import ServiceRuntime


def rebuild(runtime: ServiceRuntime, workers: int = 1) -> dict:
    """Load the engine afresh (a new rarity snapshot) and bring every stored suggestion in line with it."""
    live = engine_for(runtime)
    live.workers = workers
    with runtime.work() as work, live.writing(work.session, fresh=True) as engine:
        open_targets = {targets.key(r.target_kind, r.target_id) for r in work.session.execute(
            select(suggestion_rows.c.target_kind, suggestion_rows.c.target_id)
            .where(suggestion_rows.c.status == suggestions.OPEN).distinct())}
        made = suggestions.reconcile(work, engine, set(engine.need_ids()) | open_targets, live.taxonomy)
        return {"profiles": engine.profiles.population, "targets": len(engine.need_ids()), "made": made}


def quality(runtime: ServiceRuntime, k: int = 5) -> QualityReport:
    """Replay the stored decisions: rank each target's decided clients by today's scores, score the ranking."""
    live = engine_for(runtime)
    with runtime.db.session() as session:
        rows = session.execute(select(decisions.c.target_kind, decisions.c.target_id, decisions.c.client_id,
                                      decisions.c.accepted)).all()
        with live.reading(session) as engine:
            needs_by_id = {n.id: n for n in target_needs(session, live.taxonomy.index, closed_too=True)}

            def order(need_id: str, client_ids):
                need = needs_by_id.get(need_id)
                scored = []
                for client_id in client_ids:
                    row = engine.profiles.row_of.get(client_id)
                    score = None if need is None or row is None else engine.scorer.score(
                        need, engine.profiles.profiles[row])
                    scored.append((score is None, -(score or 0.0), client_id))
                return [c for *_, c in sorted(scored)]

            decided = [Decision(targets.key(r.target_kind, r.target_id), r.client_id, r.accepted) for r in rows]
            return evaluate(decided, order, k=k)
