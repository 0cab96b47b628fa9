"""Every route of every service declares who may use it, and nobody else gets in."""
from __future__ import annotations

import uuid

from shared.auth.policy import route_table
from shared.auth.principal import ROLES
from tests.support import network as net

DUMMY = str(uuid.UUID(int=1))


network = net.module_network("walk")


def apps(network):
    return {"portal": network.root, **network.apps}


def build_path(app, url_rule) -> str:
    values = {}
    for arg in url_rule.arguments:
        converter = url_rule._converters[arg]
        kind = converter.__class__.__name__
        if kind == "AnyConverter":
            values[arg] = sorted(converter.items)[0]
        else:
            values[arg] = 1 if kind in ("IntegerConverter", "NumberConverter") else DUMMY
    with app.test_request_context():
        return app.url_map.bind("localhost").build(url_rule.endpoint, values, force_external=False)


def rules_of(app):
    return {r.endpoint: r for r in app.url_map.iter_rules()}


def test_every_route_declares_its_access_rule(network):
    undeclared = []
    for name, app in apps(network).items():
        for path, method, endpoint, rule in route_table(app):
            if rule is None:
                undeclared.append(f"{name}: {method} {path} ({endpoint})")
    assert undeclared == [], "routes without @public or @allow(...):\n" + "\n".join(undeclared)


def test_no_protected_route_is_reachable_without_identity_or_the_right_role(network):
    checked, problems = 0, []
    for name, app in apps(network).items():
        client = app.test_client()
        by_endpoint = rules_of(app)
        for path, method, endpoint, rule in route_table(app):
            if rule is None or rule.public:
                continue
            url = build_path(app, by_endpoint[endpoint])
            anonymous = client.open(url, method=method, headers={"Accept": "application/json"})
            if anonymous.status_code not in (401, 302):
                problems.append(f"{name}: {method} {path} answered {anonymous.status_code} without identity")
            outsiders = [r for r in ROLES if rule.roles and r not in rule.roles]
            for role in outsiders:
                token = net.token_with(network, roles=[role])
                response = client.open(url, method=method, headers={
                    "Authorization": f"Bearer {token}", "Accept": "application/json"})
                if response.status_code != 403:
                    problems.append(f"{name}: {method} {path} answered {response.status_code} to role {role}")
            checked += 1
    assert problems == [], "\n".join(problems)
    assert checked > 0


def test_public_routes_are_few_and_named(network):
    public = sorted({f"{name}:{endpoint}" for name, app in apps(network).items()
                     for _p, _m, endpoint, rule in route_table(app) if rule and rule.public})
    allowed_public = {"static", "health.", "api-docs.openapi_json", "apidocs.docs", "ui.", "portal.login",
                      "portal.logout", "portal.login_code",
                      "auth_api.token", "auth_api.introspect", "auth_api.jwks", "open_data.", "badges.",
                      "privacy.",  # the privacy notices are for everyone (GDPR art. 12-14)
                      "help.",  # the accessibility statement (Act 306/2019) and the user guide
                      "meeting_pages.feed",  # a manager's calendar feed: its secret, revocable address is the key
                      "welcome.",  # an invited student's one-time code is the key to setting a password
                      "definitions."}  # what each published figure means: no figures, no personal data
    unexpected = [p for p in public if not any(p.split(":", 1)[1].startswith(a) for a in allowed_public)]
    assert unexpected == [], f"unexpected public routes: {unexpected}"
