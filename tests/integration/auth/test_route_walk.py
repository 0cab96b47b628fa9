"""Every page and API route of every service, as every role, over objects one organisation owns (issue 11).

The walk signs in each role as a real user, calls every route the apps register with the scenario's ids,
and compares each answer with the expectation table in walk_table.py: the status, whether the client's
personal data showed, and whether anything was stored. Each request starts from the scenario as entered:
the walker puts back any database a request changed.
"""
from __future__ import annotations

import re

import pytest

from shared.auth.policy import route_table
from tests.integration.auth import walk_table
from tests.support import network as net
from tests.support.matching import WsgiIntakeApi
from tests.support.walk import scenario
from tests.support.walk.harness import Walker
from tests.support.walk.table import Expectation, Request, fill, matrix, plain

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ORDER = ("intake", "matching", "environments", "reporting", "portal")  # the portal last: it signs people out


def walker_on(tmp_path, database_urls: dict[str, str] | None = None):
    """The embedded network (SQLite, or PostgreSQL for the services given a URL) with the scenario entered."""
    network = net.build(tmp_path, database_urls=database_urls)
    net.short_streams(network)
    network.apps["matching"].extensions["matching_intake_api"] = WsgiIntakeApi(network.wsgi)
    world = scenario.build(network)
    return network, Walker(network, scenario.ACTORS), world


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    network, walker, world = walker_on(tmp_path_factory.mktemp("walk"))
    yield walker, world
    network.shutdown()


@pytest.fixture(scope="module")
def intake_on_postgresql(tmp_path_factory, postgres):
    url = postgres.create_database()
    network, walker, world = walker_on(tmp_path_factory.mktemp("walk-pg"), {"intake": url})
    yield walker, world
    network.shutdown()
    postgres.drop_database(url)


def registered(walker, app_name: str) -> set[tuple[str, str]]:
    return {(method, plain(rule)) for rule, method, _endpoint, _rule in route_table(walker.apps[app_name])}


def url_of(app_name: str, path: str, request: Request, world, params: dict | None = None) -> str:
    values = {}
    for name in re.findall(r"<(\w+)>", path):
        given = ((params or {}).get(name) or request.params.get(name) or walk_table.APP_PARAMS[app_name].get(name)
                 or walk_table.PARAMS.get(name))
        key = given or name
        values[name] = world.ids.get(key, given)
    return fill(path, values)


def test_the_table_has_a_row_for_every_route_the_apps_register_and_no_other(walk):
    walker, _world = walk
    missing, stale = [], []
    for app_name in ORDER:
        roles, rows = matrix(walk_table.TABLES[app_name])
        assert roles == tuple(scenario.ACTORS), f"{app_name}: the columns are not the walk's roles"
        routes = registered(walker, app_name)
        missing += [f"{app_name}: {m} {p}" for m, p in sorted(routes - set(rows))]
        stale += [f"{app_name}: {m} {p}" for m, p in sorted(set(rows) - routes)]
        stale += [f"{app_name}: request for {key}" for key in walk_table.REQUESTS.get(app_name, {})
                  if tuple(key.split(" ", 1)) not in routes]
    assert missing == [], "routes without a row in walk_table.py:\n" + "\n".join(missing)
    assert stale == [], "rows or requests for routes no app registers:\n" + "\n".join(stale)


def walk_app(walker, world, app_name: str) -> list[str]:
    """Every row of an app's table, as every role: the answers that differ from the table, in words."""
    _roles, rows = matrix(walk_table.TABLES[app_name])
    requests = walk_table.REQUESTS.get(app_name, {})
    walked = sorted(rows.items(), key=lambda item: requests.get(" ".join(item[0]), Request()).last)
    unexpected, count = [], 0
    for (method, path), expected in walked:
        request = requests.get(f"{method} {path}", Request())
        url = url_of(app_name, path, request, world)
        for actor, expectation in zip(scenario.ACTORS, expected):
            answer = walker.send(actor, app_name, method, url, query=request.query,
                                 json=request.json(world.ids) if request.json else None,
                                 form=request.form(world.ids) if request.form else None)
            count += 1
            for problem in expectation.problems(answer, method, request.stores):
                unexpected.append(f"{method} /{app_name}{path} as {actor}: {problem}")
    assert count == len(rows) * len(scenario.ACTORS) > 0
    return unexpected


@pytest.mark.parametrize("app_name", ORDER)
def test_every_role_gets_what_the_table_says(walk, app_name):
    unexpected = walk_app(*walk, app_name)
    assert unexpected == [], f"{len(unexpected)} unexpected answers:\n" + "\n".join(unexpected)


def test_intake_on_postgresql_answers_as_on_sqlite(intake_on_postgresql):
    unexpected = walk_app(*intake_on_postgresql, "intake")
    assert unexpected == [], f"{len(unexpected)} unexpected answers:\n" + "\n".join(unexpected)


def test_our_objects_are_not_found_through_a_parent_of_the_callers_own(walk):
    """A need, step, skill or role of ours, asked for under the caller's own client or environment, is refused."""
    walker, world = walk
    unexpected = []
    for actor, app_name, route, params, cell in walk_table.CROSSED:
        method, path = route.split(" ", 1)
        request = walk_table.REQUESTS.get(app_name, {}).get(route, Request())
        answer = walker.send(actor, app_name, method, url_of(app_name, path, request, world, params),
                             json=request.json(world.ids) if request.json else None,
                             form=request.form(world.ids) if request.form else None)
        for problem in Expectation.parse(cell).problems(answer, method, request.stores):
            unexpected.append(f"{route} as {actor} with {params}: {problem}")
    assert len(walk_table.CROSSED) > 20
    assert unexpected == [], "\n".join(unexpected)
