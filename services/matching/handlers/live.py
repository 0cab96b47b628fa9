"""The process's matching engine over the read models: loaded once, kept in step with the database.

The engine is a cache of the read models. One writer changes it: the event handlers (the consumer,
or the embedded network's mailbox worker). Each writing transaction renews a token in `engine_state`;
a writer that finds a token it did not write (its transaction was rolled back, or another process
wrote) reloads the engine from the read models first, so the cache never drifts from the database.
Readers in the writer's process share its engine; a web process that handles no events keeps its own
copy and reloads it when the token moved, at most every `refresh_seconds`.
"""
from __future__ import annotations

import functools
import threading
import time
import uuid
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.matching.db import decisions, engine_state, environment_roles, environments, needs, profiles
from services.matching.domain import CompetenceNeed, Decline, MatchingEngine, targets
from services.matching.domain.engine import build_relations
from services.matching.domain.relations import SkillRelations
from shared.events.envelope import utcnow
from shared.runtime import ServiceRuntime

K = 20
# The consumer takes a new rarity snapshot when the population moved this much, while a full
# re-rank is cheap; beyond that size `kampus matching rebuild` (e.g. nightly) does it.
RARITY_DRIFT = 0.1
RARITY_LIVE_LIMIT = 20_000


@functools.cache
def esco_relations() -> SkillRelations:
    """The relation credits of ESCO's skills and occupations under the default weights (read only once built)."""
    from shared.reference import esco

    return build_relations(esco.load_taxonomy(), occupations=[o.essential + o.optional for o in esco.occupations()])


class LiveEngine:
    """One MatchingEngine per process, with the token of the read models it reflects."""

    def __init__(self, taxonomy=None, k: int = K, authoritative: bool = True, refresh_seconds: float = 5.0) -> None:
        self._taxonomy = taxonomy
        self._esco = taxonomy is None
        self.k = k
        self.authoritative = authoritative  # this process writes (handles events): readers trust it
        self.refresh_seconds = refresh_seconds
        self.lock = threading.RLock()
        self.engine: MatchingEngine | None = None
        self.token: str | None = None
        self.loaded_at = 0.0
        self.snapshot_population = 0
        self.workers = 1  # processes ranking a full load; more than one forks, so only in CLI processes

    @property
    def occupations(self) -> list[tuple[int, ...]] | None:
        """ESCO's occupations' skills with ESCO; None lets the engine read a small taxonomy's own."""
        if not self._esco:
            return None
        from shared.reference import esco
        return [o.essential + o.optional for o in esco.occupations()]

    @property
    def taxonomy(self):
        """The skill taxonomy (ESCO unless a test gave a small one)."""
        if self._taxonomy is None:
            from shared.reference import esco

            self._taxonomy = esco.load_taxonomy()
        return self._taxonomy

    # -- access -------------------------------------------------------------------------------
    @contextmanager
    def writing(self, session: Session, fresh: bool = False) -> Iterator[MatchingEngine]:
        """The engine to change inside the caller's transaction; the token is renewed with it.

        fresh: load it from the read models first even if it is in step (a new rarity snapshot).
        """
        with self.lock:
            token = _token(session, lock=True)
            if fresh or self.engine is None or token != self.token:
                self.load(session, token)
            try:
                yield self.engine
            except BaseException:
                self.engine = None  # partly changed: reload before the next use
                raise
            self.token = _renew(session)

    @contextmanager
    def reading(self, session: Session) -> Iterator[MatchingEngine]:
        """The engine to read (no change allowed)."""
        with self.lock:
            if self.engine is None:
                self.load(session, _token(session))
            elif not self.authoritative and time.monotonic() - self.loaded_at >= self.refresh_seconds:
                token = _token(session)
                if token != self.token:
                    self.load(session, token)
            yield self.engine

    def warm(self, session: Session) -> None:
        """Load the engine now unless it is loaded (at start, so that no event waits for it)."""
        with self.lock:
            if self.engine is None:
                self.load(session, _token(session))

    def load(self, session: Session, token: str | None = None) -> MatchingEngine:
        """Build the engine from the read models and the declines in force."""
        index = self.taxonomy.index
        if self._esco:  # ESCO's relations are reference data: built once per process, shared by its engines
            engine = MatchingEngine(self.taxonomy, k=self.k, relations=esco_relations())
        else:
            engine = MatchingEngine(self.taxonomy, k=self.k, occupations=self.occupations)
        loaded_profiles = [targets.profile(r.client_id, r.record, index)
                           for r in session.execute(select(profiles.c.client_id, profiles.c.record)
                                                    .where(profiles.c.status == "shared"))]
        engine.load(loaded_profiles, list(target_needs(session, index)), rank=False)
        record_declines(session, engine)
        engine.recompute_all(self.workers)
        self.engine, self.token = engine, token
        self.loaded_at = time.monotonic()
        self.snapshot_population = engine.profiles.population
        return engine

    def rarity_drifted(self) -> bool:
        """Whether the population moved enough, and is small enough, to re-take the rarity snapshot live."""
        population = self.engine.profiles.population if self.engine is not None else 0
        moved = abs(population - self.snapshot_population)
        return population <= RARITY_LIVE_LIMIT and moved >= max(1.0, RARITY_DRIFT * self.snapshot_population)

    def refresh_rarity(self) -> None:
        """Take a new rarity snapshot and re-rank every target (inside `writing`)."""
        self.engine.refresh_rarity()
        self.snapshot_population = self.engine.profiles.population


def target_needs(session: Session, index: Mapping[str, int], closed_too: bool = False) -> Iterator[CompetenceNeed]:
    """Every open need and every role of an environment still taking people, as engine needs.

    closed_too: closed needs and environments too, as if open (decisions were made on them).
    """
    query = select(needs.c.need_id, needs.c.record)
    reopened = (lambda record: {**record, "status": "open"}) if closed_too else (lambda record: record)
    for r in session.execute(query if closed_too else query.where(needs.c.status == "open")):
        need = targets.need(r.need_id, reopened(r.record), index)
        if need is not None:
            yield need
    envs = {r.environment_id: reopened(r.record) for r in session.execute(
        select(environments.c.environment_id, environments.c.record))}
    for r in session.execute(select(environment_roles.c.role_id, environment_roles.c.environment_id,
                                    environment_roles.c.record)):
        role = targets.role(r.role_id, r.record, envs.get(r.environment_id), index)
        if role is not None:
            yield role


def decline_of(decision) -> Decline:
    """The engine's memory of a stored decline (a row of `decisions`)."""
    return Decline(targets.key(decision.target_kind, decision.target_id), decision.client_id,
                   decision.need_fingerprint, decision.profile_fingerprint, decision.reason or "")


def record_declines(session: Session, engine: MatchingEngine, *conditions) -> None:
    """Put the declines in force into the engine (those of some targets, when conditions narrow them)."""
    for d in session.execute(select(decisions).where(decisions.c.accepted.is_(False),
                                                     decisions.c.in_force.is_(True), *conditions)):
        engine.declines.record(decline_of(d))


def _token(session: Session, lock: bool = False) -> str:
    query = select(engine_state.c.token).where(engine_state.c.id == 1)
    token = session.execute(query.with_for_update() if lock else query).scalar()
    if token is None:
        token = uuid.uuid4().hex
        session.execute(engine_state.insert().values(id=1, token=token, updated_at=utcnow()))
    return token


def _renew(session: Session) -> str:
    token = uuid.uuid4().hex
    session.execute(update(engine_state).where(engine_state.c.id == 1).values(token=token, updated_at=utcnow()))
    return token


_ENGINES: weakref.WeakKeyDictionary[ServiceRuntime, LiveEngine] = weakref.WeakKeyDictionary()
_ENGINES_LOCK = threading.Lock()


def engine_for(runtime: ServiceRuntime) -> LiveEngine:
    """The live engine of a runtime, made on first use (one per process and runtime)."""
    with _ENGINES_LOCK:
        live = _ENGINES.get(runtime)
        if live is None:
            live = _ENGINES[runtime] = LiveEngine(authoritative=runtime.config.embedded)
        return live


def install(runtime: ServiceRuntime, live: LiveEngine) -> LiveEngine:
    """Give a runtime a live engine of the caller's making (tests: a small taxonomy)."""
    with _ENGINES_LOCK:
        _ENGINES[runtime] = live
    return live
