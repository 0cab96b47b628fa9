"""Client records in the database: views, search, statistics and closing a case (no Flask here)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import BigInteger, Date, String, Text, and_, bindparam, cast, func, select, update
from sqlalchemy.orm import Session

from services.intake.config import settings
from services.intake.db import clients
from services.intake.domain import sensitive
from services.intake.domain.clients import N_, search_key, statistics_facts, statistics_pseudonym
from services.intake.domain.errors import ConflictWith
from services.intake.handlers import access
from shared.audit import codes
from shared.auth.principal import Principal
from shared.db import Compiled
from shared.errors import Invalid, NotFound, require
from shared.events.envelope import utcnow
from shared.reference import municipalities
from shared.runtime import Work
from shared.web.dump import Dumped

HIDDEN_FIELDS = ("person_key", "search_name")  # derived from personal data, for machines only
# What a list reads of a client: what the API and the pages show (not the hidden fields, nor the record's keeping)
LISTED = tuple(c for c in clients.columns if c.name not in HIDDEN_FIELDS + (
    "person_key_version", "created_by", "erased_at", "anonymised_at", "archived_at"))
# What the API's lists read: the same, a client's languages as their JSON text (client_schemas.clients_out parses
# each distinct text once; the driver parsed every row's)
LISTED_TEXTS = tuple(cast(c, Text).label(c.name) if c.name == "languages" else c for c in LISTED)
TOTAL = "listed_total"  # a listed row's count of all the rows its list matches (the page's total)
# What the client list page reads of each client: what it shows, and the special-category fields whose values make
# its read audited as such (`client_page`); not the other 15 columns (a client's languages parsed from JSON each)
ON_PAGE = tuple(clients.c[name] for name in dict.fromkeys((
    "id", "last_name", "first_name", "home_municipality", "entered_on", "status",
    *sensitive.SENSITIVE_FIELDS["clients"])))


def _names(mapping) -> dict:
    return {lang: mapping[lang] for lang in ("fi", "sv", "en")}


_views: dict = {"areas": None, "by_code": {}}  # municipality_view's answers for the service areas in force


def municipality_view(code: str | None) -> dict | None:
    """A municipality with its names, sub-region, region and the network's service areas.

    Reference data: built once per code for the service areas in force (a changed areas file makes a new
    mapping, which starts a new cache). The answer is shared: read it, do not change it.
    """
    if not code:
        return None
    areas = municipalities.service_areas()
    if _views["areas"] is not areas:
        _views.update(areas=areas, by_code={})
    by_code = _views["by_code"]
    if code not in by_code:
        if not municipalities.is_valid(code):
            return None  # not kept: the cache holds the few hundred real codes only
        by_code[code] = _municipality_view(code, areas)
    return by_code[code]


def _municipality_view(code: str, areas) -> dict:
    municipality = municipalities.get(code)
    return Dumped({  # in its dumped form already (ClientMunicipalitySchema; tests/unit/web/test_web_dump.py)
        "code": municipality.code,
        "names": _names(municipality.names),
        "subregion": {"code": municipality.subregion_code, "names": _names(municipality.subregion_names)},
        "region": {"code": municipality.region_code, "names": _names(municipality.region_names)},
        "service_areas": [{"slug": slug, "names": _names(areas[slug].names)}
                          for slug in municipalities.service_area_of(municipality.code, areas)],
    })


def service_areas_of(code: str | None) -> list[str]:
    """Slugs of the network's service areas that include a municipality."""
    return municipalities.service_area_of(code) if code and municipalities.is_valid(code) else []


def client_view(row) -> dict:
    """A client as the API and pages show it (the municipality expanded)."""
    data = {key: value for key, value in row._mapping.items() if key not in HIDDEN_FIELDS and key != TOTAL}
    data["languages"] = list(data.get("languages") or [])
    data["home_municipality"] = municipality_view(row.home_municipality)
    return data


def fetch(session: Session, client_id: str):
    """The client row (no access check: callers have passed access.load_client already)."""
    return session.execute(select(clients).where(clients.c.id == str(client_id))).first()


def emit_statistics(work: Work, row, bases: dict[str, str]) -> None:
    """Publish the client's pseudonymous entry facts for the purposes in `bases` (handlers/bases.py decides)."""
    payload = statistics_facts(dict(row._mapping), service_areas_of(row.home_municipality))
    payload["bases"] = dict(bases)
    if row.person_key:  # the same person at another member gets the same pseudonym: counted once
        secret = settings(work.runtime.config).person_key_secret
        payload["person_pseudonym"] = statistics_pseudonym(secret, row.person_key)
    work.emit("intake.statistics.recorded", payload, organisation=row.organisation)


def show(work: Work, principal: Principal, client_id, *, why: str, shown: Callable = client_view):
    """A client's record for someone who may see it (the read is audited), as `shown` makes it of the row."""
    return shown(access.load_client(work, principal, client_id, what="client_record", why=why))


def own_record(work: Work, principal: Principal) -> dict:
    """The signed-in student's own client record."""
    if not principal.client_id:
        raise NotFound("No client record is linked to you")
    return show(work, principal, principal.client_id, why="own_use")


def close(work: Work, principal: Principal, client_id, closed_on: date | None, today: date):
    """Close an active case on a day between its entry and today (default today); returns the new row."""
    closed_on = closed_on or today
    row = access.load_client(work, principal, client_id, what="client_status",
                             why="case_closing")
    if row.status != "active":
        raise ConflictWith("The case is closed already", {"status": ["The case is closed already."]})
    if closed_on > today or closed_on < row.entered_on:
        raise Invalid({"closed_on": ["Give a date between the entry and today."]})
    return close_case(work, row, closed_on)


def close_case(work: Work, row, closed_on: date):
    """Close an active case and announce it; returns the new row."""
    work.session.execute(update(clients).where(clients.c.id == row.id).values(
        status="closed", closed_on=closed_on, updated_at=utcnow()))
    work.emit("intake.client.closed", {"client_id": row.id, "closed_on": closed_on.isoformat()},
              organisation=row.organisation)
    return fetch(work.session, row.id)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(session: Session, organisation: str, *, status: str | None = None, municipality: str | None = None,
           service_area: str | None = None, entered_from: date | None = None, entered_to: date | None = None,
           q: str | None = None, page: int = 1, per_page: int = 25, columns: tuple = LISTED) -> tuple[list, int]:
    """One page of an organisation's clients (never erased or archived ones; the `LISTED` columns, or `columns`)
    and how many match in all."""
    words = search_key(q or "").split()
    codes = tuple(municipalities.service_areas()[service_area].municipalities) if service_area else None
    fresh = {"organisation": organisation, "status": status, "entered_from": entered_from, "entered_to": entered_to,
             "municipality": municipalities.normalise_code(municipality) if municipality else None,
             "limit": per_page, "offset": (page - 1) * per_page, **{f"word_{n}": _like(w) for n, w in enumerate(words)}}
    given = tuple(name for name, value in (("status", status), ("municipality", municipality),
                                           ("entered_from", entered_from), ("entered_to", entered_to)) if value)
    rows = _page_statement(columns, given, len(words), codes).execute(session.connection(), fresh).all()
    if rows:
        return rows, rows[0][-1]
    if page == 1:
        return rows, 0
    where = _where(given, len(words), codes)
    return rows, session.execute(select(func.count()).select_from(clients).where(where), fresh).scalar_one()


# The statuses a list never shows, written into the statement's text as constants: as parameters, PostgreSQL's plan
# for a statement prepared (psycopg prepares one from its fifth use) could not know them, and its generic plan for
# the list read every client of the organisation and sorted them for a page (7.1 ms at 3,250 clients, against 0.5 ms
# with the page from ix_clients_org_listed; the ninth round)
HIDDEN = bindparam("hidden_statuses", list(access.HIDDEN_STATUSES), type_=String, expanding=True, literal_execute=True)


def _where(given: tuple[str, ...], words: int, codes: tuple[str, ...] | None):
    """The conditions of a list: the organisation's clients shown in lists, with the filters `given` (their values
    are the parameters named after them), `words` words of the name (word_0 ...), in the municipalities `codes`."""
    conditions = [clients.c.organisation == bindparam("organisation", "", type_=clients.c.organisation.type),
                  clients.c.status.not_in(HIDDEN)]
    if "status" in given:
        conditions.append(clients.c.status == bindparam("status", "", type_=clients.c.status.type))
    if "municipality" in given:
        conditions.append(clients.c.home_municipality == bindparam("municipality", "", type_=String))
    if codes is not None:
        conditions.append(clients.c.home_municipality.in_(codes))
    if "entered_from" in given:
        conditions.append(clients.c.entered_on >= bindparam("entered_from", date.min, type_=Date))
    if "entered_to" in given:
        conditions.append(clients.c.entered_on <= bindparam("entered_to", date.min, type_=Date))
    for n in range(words):
        conditions.append(clients.c.search_name.like(bindparam(f"word_{n}", "", type_=String), escape="\\"))
    return and_(*conditions)


# A list's page statement for each shape of its filters, kept compiled (`shared.db.Compiled`): built, compiled and
# executed by SQLAlchemy it cost a tenth of the client list's CPU (issue 18, the ninth round). Bounded: the shapes are
# the filters given (16), up to a few words, the service areas.
_kept_pages: dict[tuple, Compiled] = {}


def _page_statement(columns: tuple, given: tuple[str, ...], words: int, codes: tuple[str, ...] | None) -> Compiled:
    """The page's rows with the count of all that match, in one statement. Without words of a name the count is a
    subquery, not a window (count(*) OVER ()): a window reads and sorts every matching client for a page of them,
    the subquery lets the page come from ix_clients_org_listed in order. A search by name reads every client of the
    organisation for its LIKE either way (no index serves a word inside a name), and a subquery read them twice:
    there the count is a window over the matches of that one reading (the ninth round: 3.8 -> 1.3 ms of
    PostgreSQL's time for a surname at 3,250 clients)."""
    key = (columns, given, words, codes)
    found = _kept_pages.get(key)
    if found is None:
        where = _where(given, words, codes)
        total = func.count().over() if words else (
            select(func.count()).select_from(clients).where(where).correlate(None).scalar_subquery())
        found = Compiled(select(*columns, total.label(TOTAL)).where(where)
                         .order_by(clients.c.last_name, clients.c.first_name, clients.c.id)
                         .limit(bindparam("limit", 1, type_=BigInteger))  # a page far past the end: over 2**31
                         .offset(bindparam("offset", 0, type_=BigInteger)))
        if len(_kept_pages) >= 256:
            _kept_pages.clear()
        _kept_pages[key] = found
    return found


def _check_filters(args: dict) -> None:
    errors = {}
    if args.get("municipality") and not municipalities.is_valid(args["municipality"]):
        errors["municipality"] = [N_("Unknown municipality code.")]
    if args.get("service_area") and args["service_area"] not in municipalities.service_areas():
        errors["service_area"] = [N_("Unknown service area.")]
    if args.get("entered_from") and args.get("entered_to") and args["entered_from"] > args["entered_to"]:
        errors["entered_to"] = [N_("The end cannot be before the start.")]
    require(errors)


def client_page(work: Work, principal: Principal, args: dict, shown: Callable | None = client_view,
                columns: tuple = LISTED) -> dict:
    """One page of the manager's own clients (their `columns`), each as `shown` makes it of its row (None: the rows
    as they are); each listed client's read is audited."""
    _check_filters(args)
    rows, total = search(work.session, principal.organisation, columns=columns, **args)
    if rows:  # one entry naming every listed client: one INSERT however long the page
        work.audit(principal, "read", "client_list", "guidance", subjects=[row.id for row in rows],
                   organisation=principal.organisation)
        special = [row.id for row in rows if sensitive.special_fields(row._mapping)]
        if special:
            work.audit(principal, "read", "client_list", "guidance", subjects=special, category=codes.SPECIAL_CATEGORY,
                       detail={"fields": list(sensitive.SENSITIVE_FIELDS["clients"])},
                       organisation=principal.organisation)
    return {"items": rows if shown is None else [shown(r) for r in rows], "total": total, "page": args["page"],
            "per_page": args["per_page"]}
