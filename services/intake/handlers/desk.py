"""The manager's desk: what needs them today, as items of registered kinds.

Each kind is one function registered with `@desk_kind(key, title, order)`: it returns the kind's open items
for the signed-in manager (`Item`s: the own client's name where there is one, a message with its values, the
page where the item is done). An item disappears when what it asks is done, because the next collection no
longer finds it. A new kind (interests, messages, invitations...) is one more registered function here (or in
another handlers module imported by `services/intake/__init__.py`) and its rows query, with its messages in intake's
catalogs.

A kind's rows are read by the statement its `@desk_rows(key)` query builds: `collect` sends every kind's statement
together (one round trip on PostgreSQL, `shared.db.rows_together`) and gives each kind's function its rows.

The navigation shows how many items there are on every page. A kind may register a count query with
`@desk_count(key)` (a `SELECT count(*)` over the same rows as its items, no names): `count` runs every
registered one as a single statement, and collects only the kinds without one. A count query depends on the
principal and on the day and the desk's settings (`Today.today`, `Today.quiet_days`); the moment itself
(`Today.now`) it reads only through `now_of(today)`, a parameter, so that the statement is built once a day per
person and process and sent again with each request's moment.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, exists, func, select

from services.intake.db import (
    client_notes,
    clients,
    environment_reminders,
    path_step_history,
    path_steps,
    referrals,
    shared_client_notices,
    suggestions,
)
from services.intake.domain import N_
from services.intake.domain import meetings as meeting_rules
from services.intake.domain.path import OPEN_STEPS
from shared.auth.principal import Principal
from shared.db import Compiled, Database, rows_together
from shared.events.envelope import utcnow
from shared.runtime import Work


@dataclass(frozen=True)
class Item:
    """One thing to do: whose (the own client, by name), what (a message and its values), where (a link)."""

    kind: str
    message: str  # a msgid with %(name)s values, translated by the page
    values: Mapping[str, Any]
    link: tuple[str, str]  # (service, path within it): the page where it is done
    client_id: str | None = None
    client_name: str | None = None
    when: date | datetime | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Today:
    """The moment the desk is collected for, and the desk's settings."""

    now: datetime
    quiet_days: int = 30

    @property
    def today(self) -> date:
        local = meeting_rules.local(self.now)
        assert local is not None
        return local.date()


Rows = Sequence[Mapping[str, Any]]
Collect = Callable[[Work, Principal, Today, Rows], list[Item]]  # a kind's items, made of its rows
CountQuery = Callable[[Principal, Today], Select]
# A kind's rows statement: what it depends on (its key among the kept statements) and how to build it
RowsQuery = Callable[[Principal, Today], tuple[tuple, Callable[[], Select]]]


@dataclass(frozen=True)
class Kind:
    key: str
    title: str  # a msgid: the desk's heading of the kind
    order: int
    collect: Collect


KINDS: dict[str, Kind] = {}
ROWS: dict[str, RowsQuery] = {}
COUNTS: dict[str, CountQuery] = {}


def desk_kind(key: str, title: str, order: int) -> Callable[[Collect], Collect]:
    """Register a kind of desk item (one registration per kind)."""
    def register(collect: Collect) -> Collect:
        if key in KINDS and KINDS[key].collect is not collect:
            raise ValueError(f"desk kind {key!r} is registered twice")
        KINDS[key] = Kind(key, title, order, collect)
        return collect
    return register


def _query_of(registry: dict, what: str, key: str) -> Callable:
    """A registration of a kind's query in `registry` (once per kind: the same function again changes nothing)."""
    def register(query):
        if key in registry and registry[key] is not query:
            raise ValueError(f"desk {what} {key!r} is registered twice")
        registry[key] = query
        return query
    return register


def desk_rows(key: str) -> Callable[[RowsQuery], RowsQuery]:
    """Register the statement of a kind's rows (its key among the kept statements, and its build)."""
    return _query_of(ROWS, "rows", key)


def desk_count(key: str) -> Callable[[CountQuery], CountQuery]:
    """Register the count query of a kind: `SELECT count(*)` of exactly the rows its items are made of."""
    return _query_of(COUNTS, "count", key)


@dataclass
class Desk:
    sections: list[tuple[Kind, list[Item]]]

    @property
    def count(self) -> int:
        return sum(len(items) for _kind, items in self.sections)

    def count_of(self, key: str) -> int:
        return sum(len(items) for kind, items in self.sections if kind.key == key)

    def counts(self) -> Counts:
        """The items collected, counted by kind: what `count` answers for the same moment."""
        return Counts({kind.key: len(items) for kind, items in self.sections})


def collect(work: Work, principal: Principal, today: Today, *, kinds: tuple[str, ...] | None = None) -> Desk:
    """Every registered kind's items for the manager (or only `kinds`); the own clients' names shown are
    audited as one read naming them (the navigation's numbers come from `count`, which reads no names)."""
    chosen = sorted((k for k in KINDS.values() if kinds is None or k.key in kinds), key=lambda k: k.order)
    desk = Desk(list(zip(chosen, _collected(work, principal, today, chosen), strict=True)))
    named = sorted({i.client_id for _kind, items in desk.sections for i in items if i.client_id and i.client_name})
    if named:
        work.audit(principal, "read", "client_name", "guidance", subjects=named, organisation=principal.organisation)
    return desk


def _collected(work: Work, principal: Principal, today: Today, chosen: Sequence[Kind]) -> list[list[Item]]:
    """The items of each of `chosen`, their statements read together (one round trip on PostgreSQL)."""
    if not chosen:
        return []
    statements = []
    for kind in chosen:
        key, build = ROWS[kind.key](principal, today)
        statements.append((_kept(key, build), {NOW: today.now}))
    rows = rows_together(work.session.connection(), statements)
    return [kind.collect(work, principal, today, found) for kind, found in zip(chosen, rows, strict=True)]


@dataclass(frozen=True)
class Counts:
    """How many items each kind has, by key."""

    by_kind: Mapping[str, int]

    @property
    def count(self) -> int:
        return sum(self.by_kind.values())

    def count_of(self, key: str) -> int:
        return self.by_kind.get(key, 0)


NOW = "desk_now"  # the bound parameter of the moment a count is made for (now_of)


def now_of(today: Today) -> BindParameter:
    """The moment of `today` in a count query: a parameter, given anew each time the built statement is sent."""
    return bindparam(NOW, today.now, type_=path_steps.c.starts_at.type)


# The count statements built, by principal, day and settings: building one (five subqueries of joins and
# conditions) and its cache key cost more of a page's CPU than the rest of the navigation; each is kept compiled
# (`shared.db.Compiled`: SQLAlchemy's execution of it cost another half a millisecond a page). One kept is
# ~70 KiB; past KEEP_BUILT people a day in one process they are built anew.
_built: dict[tuple, tuple[Compiled, tuple[str, ...]]] = {}
KEEP_BUILT = 100


def _count_statement(principal: Principal, today: Today) -> tuple[Compiled, tuple[str, ...]]:
    """The statement of every registered count query, and the kinds' keys in its columns' order."""
    key = (principal, today.today, today.quiet_days, tuple(COUNTS.items()))
    found = _built.get(key)
    if found is None:
        queries = {kind: COUNTS[kind](principal, today) for kind in KINDS if kind in COUNTS}
        statement = select(*(q.scalar_subquery().label(f"n_{kind}") for kind, q in queries.items()))
        found = (Compiled(statement, fresh=(NOW,)), tuple(queries))
        if len(_built) >= KEEP_BUILT:
            _built.clear()
        _built[key] = found
    return found


def _counted(work: Work, statement: Compiled, today: Today) -> tuple:
    """The count statement's one row, for today's moment."""
    return tuple(statement.execute(work.session.connection(), {NOW: today.now}).one())


def count_read(database: Database, principal: Principal, today: Today) -> Counts | None:
    """`count`, read on a pooled connection through the driver alone (`Compiled.first_row`): the navigation's counts
    on every page. None when a kind has no count query (then `count` in a unit of work collects it)."""
    statement, keys = _count_statement(principal, today)
    if len(keys) != len(KINDS):
        return None
    row = statement.first_row(database, {NOW: today.now})
    return Counts({key: int(row[i] or 0) for i, key in enumerate(keys)})


def count(work: Work, principal: Principal, today: Today) -> Counts:
    """How many items each kind has, without collecting them: the kinds' count queries in one statement (no
    names are read, so there is nothing to audit); a kind without one is collected and its items counted."""
    statement, keys = _count_statement(principal, today)
    found: dict[str, int] = {}
    if keys:
        row = _counted(work, statement, today)
        found = {key: int(row[i] or 0) for i, key in enumerate(keys)}
    uncounted = [kind for kind in KINDS.values() if kind.key not in found]
    for kind, items in zip(uncounted, _collected(work, principal, today, uncounted), strict=True):
        found[kind.key] = len(items)
    return Counts(found)


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _own_active(principal: Principal):
    return (clients.c.organisation == principal.organisation) & (clients.c.status == "active")


def _own_count(principal: Principal, table, *where) -> Select:
    """How many rows of `table` about the organisation's active clients match `where`."""
    return (select(func.count()).select_from(table).join(clients, clients.c.id == table.c.client_id)
            .where(_own_active(principal), *where))


def _with_names(principal: Principal, table, *where, order_by, columns=None) -> Select:
    """Rows of `table` (or only its `columns`) about the organisation's active clients (those matching `where`),
    with the client's names."""
    return (select(*(columns if columns is not None else [table]), clients.c.first_name, clients.c.last_name)
            .join(clients, clients.c.id == table.c.client_id)
            .where(_own_active(principal), *where).order_by(*order_by))


# The kinds' statements built, by kind, organisation, day and settings (what each depends on): building one and its
# cache key cost a tenth of a desk page's CPU, seven times a page; each is kept compiled (`shared.db.Compiled`) too.
# The moment itself is a parameter (now_of).
_kept_rows: dict[tuple, Compiled] = {}
KEEP_ROWS = 1000


def _kept(key: tuple, build: Callable[[], Select]) -> Compiled:
    """A kind's statement, built once per `key` and process (`build`); sent with each request's moment."""
    statement = _kept_rows.get(key)
    if statement is None:
        if len(_kept_rows) >= KEEP_ROWS:
            _kept_rows.clear()
        statement = _kept_rows[key] = Compiled(build(), fresh=(NOW,))
    return statement


# --- the kinds ---------------------------------------------------------------------------------------------------

def _start_of(day: date) -> datetime:
    """The moment `day` begins in Helsinki, in UTC (a database without time zones compares UTC wall times)."""
    return datetime.combine(day, datetime.min.time(), meeting_rules.HELSINKI).astimezone(UTC)


def _meetings_due(today: Today) -> tuple:
    return (path_steps.c.starts_at.is_not(None), path_steps.c.starts_at < _start_of(today.today + timedelta(days=1)),
            path_steps.c.status.in_(OPEN_STEPS))


@desk_rows("meetings")
def meetings_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("meetings", principal.organisation, today.today), lambda: _with_names(
        principal, path_steps, *_meetings_due(today), order_by=(path_steps.c.starts_at,))


@desk_kind("meetings", N_("Meetings today and meetings to close"), 10)
def meetings_due(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Today's meetings, and past ones not yet marked done or cancelled."""
    items = []
    for r in rows:
        start = meeting_rules.local(r["starts_at"])
        assert start is not None
        overdue = start.date() < today.today
        items.append(Item("meetings", N_("%(title)s at %(time)s") if not overdue else
                          N_("%(title)s on %(date)s: mark it done or cancelled"),
                          {"title": r["title"], "time": start, "date": start.date()},
                          ("intake", f"clients/{r['client_id']}/path"), r["client_id"],
                          _name(r["first_name"], r["last_name"]), start, overdue))
    return items


@desk_count("meetings")
def count_meetings_due(principal: Principal, today: Today) -> Select:
    return _own_count(principal, path_steps, *_meetings_due(today))


def _steps_due(today: Today) -> tuple:
    return (path_steps.c.starts_at.is_(None), path_steps.c.due_date <= today.today, path_steps.c.status.in_(OPEN_STEPS))


@desk_rows("steps")
def steps_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("steps", principal.organisation, today.today), lambda: _with_names(
        principal, path_steps, *_steps_due(today), order_by=(path_steps.c.due_date, path_steps.c.title))


@desk_kind("steps", N_("Steps due today or overdue"), 20)
def steps_due(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Open steps (not meetings) whose due date is today or past."""
    return [Item("steps", N_("%(title)s, due %(date)s"), {"title": r["title"], "date": r["due_date"]},
                 ("intake", f"clients/{r['client_id']}/path"), r["client_id"], _name(r["first_name"], r["last_name"]),
                 r["due_date"], r["due_date"] < today.today) for r in rows]


@desk_count("steps")
def count_steps_due(principal: Principal, today: Today) -> Select:
    return _own_count(principal, path_steps, *_steps_due(today))


def _referrals_waiting(principal: Principal) -> tuple:
    return referrals.c.to_organisation == principal.organisation, referrals.c.status == "sent"


@desk_rows("referrals")
def referrals_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("referrals", principal.organisation), lambda: select(referrals).where(
        *_referrals_waiting(principal)).order_by(referrals.c.created_at)


@desk_kind("referrals", N_("Referrals waiting for your organisation"), 30)
def referrals_waiting(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Referrals other organisations sent to this one that nobody has accepted or declined yet."""
    return [Item("referrals", N_("From %(organisation)s, reference %(reference)s, sent %(date)s"),
                 {"organisation": r["from_organisation"], "reference": r["reference"],
                  "date": meeting_rules.local(r["created_at"]).date()},  # type: ignore[union-attr]
                 ("intake", "referrals"), when=r["created_at"]) for r in rows]


@desk_count("referrals")
def count_referrals_waiting(principal: Principal, today: Today) -> Select:
    return select(func.count()).select_from(referrals).where(*_referrals_waiting(principal))


@desk_rows("overlap")
def overlap_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("overlap", principal.organisation), lambda: _with_names(
        principal, shared_client_notices, shared_client_notices.c.status == "open",
        order_by=(shared_client_notices.c.created_at,))


@desk_kind("overlap", N_("Possible shared clients"), 40)
def overlap_notices(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Open notices that another organisation may serve the same client: agree who leads."""
    return [Item("overlap", N_("Also a client of %(organisation)s? Agree who leads."),
                 {"organisation": r["other_organisation"]}, ("intake", "overlap"), r["client_id"],
                 _name(r["first_name"], r["last_name"]), r["created_at"]) for r in rows]


@desk_count("overlap")
def count_overlap_notices(principal: Principal, today: Today) -> Select:
    return _own_count(principal, shared_client_notices, shared_client_notices.c.status == "open")


@desk_rows("suggestions")
def suggestions_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("suggestions", principal.organisation), lambda: _with_names(
        principal, suggestions, suggestions.c.status == "new",
        order_by=(suggestions.c.received_at,),  # not the explanations: parsing them was the cost
        columns=[suggestions.c.id, suggestions.c.client_id, suggestions.c.score, suggestions.c.received_at])


@desk_kind("suggestions", N_("New suggestions"), 50)
def new_suggestions(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Matching's suggestions about the organisation's clients that nobody has decided on."""
    return [Item("suggestions", N_("A suggestion, fit %(fit)s"), {"fit": r["score"] / 1000},
                 ("matching", f"suggestions/{r['id']}"), r["client_id"], _name(r["first_name"], r["last_name"]),
                 r["received_at"]) for r in rows]


@desk_count("suggestions")
def count_new_suggestions(principal: Principal, today: Today) -> Select:
    return _own_count(principal, suggestions, suggestions.c.status == "new")


def last_contacts(work: Work, organisation: str | None, now: datetime | None = None,
                  only: list[str] | None = None) -> dict[str, date]:
    """Each active client's last recorded contact: a case note, a step change, a meeting past by `now` (not a
    cancelled one), or entering (the day entered, or registered if later); days in Helsinki. `only`: these
    clients' only."""
    active = (clients.c.organisation == organisation) & (clients.c.status == "active")
    if only is not None:
        active = active & clients.c.id.in_(only)
    last: dict[str, date] = {}

    def keep(client_id: str, moment) -> None:
        day = moment if not isinstance(moment, datetime) else meeting_rules.local(moment).date()  # type: ignore
        if client_id not in last or day > last[client_id]:
            last[client_id] = day

    for r in work.session.execute(select(clients.c.id, clients.c.entered_on, clients.c.created_at).where(active)):
        keep(r.id, max(r.entered_on, meeting_rules.local(r.created_at).date()))  # type: ignore[union-attr]
    for r in work.session.execute(select(client_notes.c.client_id, func.max(client_notes.c.noted_on))
                                  .join(clients, clients.c.id == client_notes.c.client_id).where(active)
                                  .group_by(client_notes.c.client_id)):
        keep(r[0], r[1])
    for r in work.session.execute(select(path_steps.c.client_id, func.max(path_step_history.c.at))
                                  .join(path_steps, path_steps.c.id == path_step_history.c.step_id)
                                  .join(clients, clients.c.id == path_steps.c.client_id).where(active)
                                  .group_by(path_steps.c.client_id)):
        keep(r[0], r[1])
    now = now or utcnow()
    for r in work.session.execute(select(path_steps.c.client_id, path_steps.c.starts_at)
                                  .join(clients, clients.c.id == path_steps.c.client_id)
                                  .where(active, path_steps.c.starts_at.is_not(None),
                                         path_steps.c.status != "cancelled")):
        if meeting_rules.aware(r.starts_at) <= now:  # type: ignore[operator]
            keep(r.client_id, r.starts_at)
    return last


def _quiet(principal: Principal, today: Today) -> tuple:
    """The active clients `last_contacts` finds no contact of after the limit: none entered or registered, no
    note, no step change and no meeting (past by now, not cancelled) on a later day in Helsinki."""
    limit = today.today - timedelta(days=today.quiet_days)
    after = _start_of(limit + timedelta(days=1))  # a moment from it on falls on a later day in Helsinki
    of_client = path_steps.c.client_id == clients.c.id
    return (_own_active(principal), clients.c.entered_on <= limit, clients.c.created_at < after,
            ~exists().where(client_notes.c.client_id == clients.c.id, client_notes.c.noted_on > limit),
            ~exists().where(path_step_history.c.step_id == path_steps.c.id, of_client,
                            path_step_history.c.at >= after),
            ~exists().where(of_client, path_steps.c.starts_at.is_not(None), path_steps.c.status != "cancelled",
                            path_steps.c.starts_at >= after, path_steps.c.starts_at <= now_of(today)))


@desk_rows("quiet")
def quiet_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    return ("quiet", principal.organisation, today.today, today.quiet_days), lambda: select(
        clients.c.id, clients.c.first_name, clients.c.last_name).where(*_quiet(principal, today))


@desk_kind("quiet", N_("Clients with no contact for a while"), 60)
def quiet_clients(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """Active clients with no recorded contact for the configured number of days (DESK_QUIET_DAYS): found in SQL
    (the count's query, with their names), then only their last contacts read for the day shown."""
    if not rows:
        return []
    last = last_contacts(work, principal.organisation, today.now, only=[r["id"] for r in rows])
    return sorted((Item("quiet", N_("Last contact %(date)s: record a note of your next contact"),
                        {"date": last[r["id"]]}, ("intake", f"clients/{r['id']}/notes"), r["id"],
                        _name(r["first_name"], r["last_name"]), last[r["id"]], True) for r in rows),
                  key=lambda i: (i.when, i.client_name))


@desk_count("quiet")
def count_quiet_clients(principal: Principal, today: Today) -> Select:
    return select(func.count()).select_from(clients).where(*_quiet(principal, today))


# The environments' statuses whose reminders the desk does not show (environments' open_reminders leaves them out)
CLOSED_ENVIRONMENTS = ("cancelled", "evaluated")


def _environments_needing_action(principal: Principal) -> tuple:
    """The environments the manager's organisation hosts (a coordinator: every one) that still miss something."""
    t = environment_reminders
    hosted = () if principal.has("coordinator") else (t.c.host_organisation == principal.organisation,)
    return (*hosted, t.c.outstanding > 0, t.c.status.notin_(CLOSED_ENVIRONMENTS))


@desk_rows("environments")
def environments_rows(principal: Principal, today: Today) -> tuple[tuple, Callable[[], Select]]:
    t = environment_reminders
    return ("environments", principal.organisation, principal.has("coordinator")), lambda: select(
        t.c.environment_id, t.c.name, t.c.missing).where(*_environments_needing_action(principal)).order_by(
        t.c.name, t.c.environment_id)


@desk_kind("environments", N_("Environments needing action"), 70)
def environments_needing_action(work: Work, principal: Principal, today: Today, rows: Rows) -> list[Item]:
    """What is missing in the environments the organisation hosts (review, surveys, assessments, outcomes), one
    item per environment. The environments service decides and announces it after every change
    (`environments.environment.reminders_changed`); intake keeps the latest announcement of each environment
    (`environment_reminders`, no personal data), so the desk reads it here without asking."""
    return [Item("environments", N_("%(environment)s: %(missing)s"),
                 {"environment": r["name"], "missing": tuple(r["missing"])},
                 ("environments", f"environments/{r['environment_id']}"))
            for r in sorted(rows, key=lambda r: r["name"])]


@desk_count("environments")
def count_environments_needing_action(principal: Principal, today: Today) -> Select:
    return select(func.count()).select_from(environment_reminders).where(*_environments_needing_action(principal))
