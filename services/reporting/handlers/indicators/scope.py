"""Which rows of a projection a report counts, and the column a breakdown groups them by.

Facts about a person count only while the client record they came with counts (its statistics basis
in force, not erased), and take their slices (organisation, area, field, gender) from the person: a
person registered by two organisations is one person (reporting's pseudonym of them, `persons`),
counted where they came first, so a count of persons is a count of distinct persons across the
network and its rows add up to its total. Facts about an environment alone (an order, an overall
assessment) take the environment's organisation, area and fields, and no gender: a gender filter
leaves them out.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, exists, func, literal, or_, select
from sqlalchemy.sql import ColumnElement, FromClause

from services.reporting.db import clients, environment_fields, environments, persons
from services.reporting.domain.filters import Filters

BREAKDOWNS = ("organisation", "area", "field", "gender", "environment")
UNKNOWN = "unknown"


def within(column, filters: Filters) -> ColumnElement:
    """The day is in the period (both ends included)."""
    return column.between(filters.start, filters.end)


def overlaps(first, last, filters: Filters) -> ColumnElement:
    """Something from `first` to `last` (None: still going) touches the period."""
    return and_(first <= filters.end, or_(last.is_(None), last >= filters.start))


def _field_of_environment(environment_id, field: str) -> ColumnElement:
    return exists().where(environment_fields.c.environment_id == environment_id, environment_fields.c.field == field)


@dataclass(frozen=True)
class Scope:
    """A fact table joined to what slices it, with its conditions and breakdown columns."""

    source: FromClause
    conditions: list
    columns: dict  # breakdown -> column expression
    person: ColumnElement | None = None  # who a fact is about (persons.person_id), to count persons once

    def where(self, *more) -> ColumnElement:
        return and_(*self.conditions, *more)

    def key(self, breakdown: str):
        """The breakdown's column, labelled `key`."""
        return self.columns[breakdown].label("key")


def person_of_record() -> ColumnElement:
    """The person a client record belongs to (`persons.person_id`): reporting's pseudonym, else the record."""
    return func.coalesce(clients.c.person_key, literal("c:") + clients.c.client_id)


def person_facts(fact, filters: Filters, *, environment_column=None) -> Scope:
    """Facts that always concern a person: joined to the counted client record and to the person, whose
    entry facts slice them."""
    source = fact.join(clients, clients.c.client_id == fact.c.client_id) \
        .join(persons, persons.c.person_id == person_of_record())
    sliced = _sliced(persons, filters, [clients.c.counted.is_(True)])
    columns = dict(sliced.columns)
    if environment_column is not None:
        columns["environment"] = environment_column
    return Scope(source, sliced.conditions, columns, persons.c.person_id)


def _sliced(table, filters: Filters, conditions: list) -> Scope:
    """A scope of a table with organisation, service_area, field and gender columns, sliced by the filters."""
    slices = {"organisation": table.c.organisation, "area": table.c.service_area, "field": table.c.field,
              "gender": table.c.gender}
    wanted = {"organisation": filters.organisation, "area": filters.area, "field": filters.field,
              "gender": filters.gender}
    return Scope(table, conditions + [slices[k] == v for k, v in wanted.items() if v], slices)


def persons_scope(filters: Filters, *, funder: bool = False) -> Scope:
    """Persons, sliced by their entry facts: for the funder's figures every participant (the ESF legal
    obligation), for the others only persons counted in statistics (their statistics basis in force)."""
    found = _sliced(persons, filters, [] if funder else [persons.c.statistics.is_(True)])
    return Scope(found.source, found.conditions, found.columns, persons.c.person_id)


def mixed_facts(fact, filters: Filters) -> Scope:
    """Facts that concern a person or only an environment (client_id NULL)."""
    source = fact.outerjoin(clients, clients.c.client_id == fact.c.client_id) \
        .outerjoin(environments, environments.c.environment_id == fact.c.environment_id)
    anonymous = fact.c.client_id.is_(None)
    own_org = fact.c.organisation if "organisation" in fact.c else environments.c.organisation
    own_area = fact.c.service_area if "service_area" in fact.c else environments.c.service_area
    organisation = case((anonymous, own_org), else_=clients.c.organisation)
    area = case((anonymous, own_area), else_=clients.c.service_area)
    conditions = [or_(anonymous, clients.c.counted.is_(True))]
    if filters.organisation:
        conditions.append(organisation == filters.organisation)
    if filters.area:
        conditions.append(area == filters.area)
    if filters.field:
        conditions.append(or_(and_(~anonymous, clients.c.field == filters.field),
                              and_(anonymous, _field_of_environment(fact.c.environment_id, filters.field))))
    if filters.gender:
        conditions.append(clients.c.gender == filters.gender)
    columns = {"organisation": organisation, "area": area, "field": clients.c.field, "gender": clients.c.gender,
               "environment": fact.c.environment_id}
    return Scope(source, conditions, columns)


def environments_scope(filters: Filters, *, by_field: bool = False) -> Scope:
    """Environments (not persons: no gender), sliced by their host organisation, area and fields."""
    source = environments.join(environment_fields, environment_fields.c.environment_id ==
                               environments.c.environment_id) if by_field else environments
    conditions = []
    if filters.organisation:
        conditions.append(environments.c.organisation == filters.organisation)
    if filters.area:
        conditions.append(environments.c.service_area == filters.area)
    if filters.field:
        conditions.append(_field_of_environment(environments.c.environment_id, filters.field))
    columns = {"organisation": environments.c.organisation, "area": environments.c.service_area,
               "field": environment_fields.c.field if by_field else literal(UNKNOWN),
               "environment": environments.c.environment_id}
    return Scope(source, conditions, columns)


def counts(session, scope: Scope, breakdown: str | None, measure, *more) -> dict[str, int]:
    """{breakdown key: measure} for the scope's rows that meet `more` ({"total": …} without a breakdown)."""
    if breakdown is None:
        query = select(measure).select_from(scope.source).where(scope.where(*more))
        return {"total": int(session.execute(query).scalar() or 0)}
    key = scope.columns[breakdown].label("key")
    query = select(key, measure).select_from(scope.source).where(scope.where(*more)).group_by(key)
    return {(k if k is not None else UNKNOWN): int(v or 0) for k, v in session.execute(query)}


def count_if(*conditions) -> ColumnElement:
    """How many rows meet every condition (a measure for `tally`)."""
    return func.sum(case((and_(*conditions), 1), else_=0))


def distinct_if(column, *conditions) -> ColumnElement:
    """How many distinct values of `column` among rows that meet every condition (a measure for `tally`)."""
    return func.count(distinct(case((and_(*conditions), column), else_=None)))


def tally(session, scope: Scope, breakdown: str | None, measures: dict[str, ColumnElement],
          *more) -> dict[str, dict[str, int]]:
    """Several measures in one query: {measure: {breakdown key: value}} ("total" as the key without one)."""
    names = list(measures)
    columns = [measures[n] for n in names]
    if breakdown is None:
        row = session.execute(select(*columns).select_from(scope.source).where(scope.where(*more))).one()
        return {n: {"total": int(v or 0)} for n, v in zip(names, row)}
    key = scope.columns[breakdown].label("key")
    found: dict[str, dict[str, int]] = {n: {} for n in names}
    query = select(key, *columns).select_from(scope.source).where(scope.where(*more)).group_by(key)
    for k, *values in session.execute(query):
        for n, v in zip(names, values):
            found[n][k if k is not None else UNKNOWN] = int(v or 0)
    return found


def distinct_counts(session, scope: Scope, breakdown: str | None, column, *more) -> dict[str, int]:
    """{breakdown key: how many distinct values of `column`}, grouped first (a hash, not a sort per key)."""
    keys = [scope.columns[breakdown].label("key")] if breakdown else []
    inner = select(*keys, column.label("value")).select_from(scope.source).where(scope.where(*more)) \
        .group_by(*keys, column).subquery()
    if breakdown is None:
        return {"total": int(session.execute(select(func.count()).select_from(inner)).scalar() or 0)}
    query = select(inner.c.key, func.count()).group_by(inner.c.key)
    return {(k if k is not None else UNKNOWN): int(n) for k, n in session.execute(query)}
