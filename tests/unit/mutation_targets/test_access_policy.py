"""The access policy (shared/auth/policy.py): who may use a route, decided in one place (issue 22)."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.views import MethodView

from shared.auth.policy import ATTRIBUTE, BUILTIN_PUBLIC, AccessRule, allow, is_static, public, route_table, rule_for
from shared.auth.principal import ANONYMOUS, ROLES, Principal

MANAGER = Principal(user_id="u1", organisation="o", roles=frozenset({"manager"}))
STUDENT = Principal(user_id="u2", organisation="o", roles=frozenset({"student"}))
NO_ROLES = Principal(user_id="u3", organisation="o")
ROLES_BUT_ANONYMOUS = Principal(roles=frozenset({"manager"}))


@pytest.mark.parametrize("principal, expected", [
    (ANONYMOUS, False), (ROLES_BUT_ANONYMOUS, False), (NO_ROLES, False), (STUDENT, False), (MANAGER, True)])
def test_a_role_rule_admits_only_a_signed_in_user_with_one_of_its_roles(principal, expected):
    assert AccessRule(roles=frozenset({"manager", "admin"})).permits(principal) is expected


@pytest.mark.parametrize("principal, expected", [
    (ANONYMOUS, False), (ROLES_BUT_ANONYMOUS, False), (NO_ROLES, True), (STUDENT, True)])
def test_a_rule_without_roles_admits_any_signed_in_user(principal, expected):
    assert AccessRule().permits(principal) is expected


@pytest.mark.parametrize("principal", [ANONYMOUS, NO_ROLES, MANAGER])
def test_a_public_rule_admits_anyone(principal):
    assert AccessRule(public=True, roles=frozenset({"admin"})).permits(principal) is True


def test_rules_describe_themselves():
    assert AccessRule(public=True).describe() == "public"
    assert AccessRule().describe() == "authenticated"
    assert AccessRule(roles=frozenset({"manager", "admin"})).describe() == "admin,manager"


def test_the_decorators_set_the_rule_and_return_the_view():
    def view():
        return "x"

    assert public(view) is view and getattr(view, ATTRIBUTE) == AccessRule(public=True)

    def other():
        return "y"

    assert allow("manager", "coordinator")(other) is other
    assert getattr(other, ATTRIBUTE) == AccessRule(roles=frozenset({"manager", "coordinator"}))

    def anyone_signed_in():
        return "z"

    allow()(anyone_signed_in)
    assert getattr(anyone_signed_in, ATTRIBUTE) == AccessRule()


def test_an_unknown_role_is_refused_when_declared():
    with pytest.raises(ValueError, match=r"unknown roles: \['boss'\]"):
        allow("manager", "boss")
    assert set(ROLES) >= {"manager", "admin"}


@pytest.mark.parametrize("endpoint, expected", [
    ("static", True), ("ui.static", True), ("reporting.static", True), (None, False), ("staticpages.index", False),
    ("static_files", False), ("x.statics", False)])
def test_static_endpoints(endpoint, expected):
    assert is_static(endpoint) is expected


def make_app() -> Flask:
    app = Flask(__name__)

    @app.get("/open")
    @public
    def open_page():
        return "open"

    @app.get("/managers")
    @allow("manager")
    def managers_page():
        return "managers"

    @app.route("/undeclared", methods=["GET", "POST"])
    def undeclared():
        return "?"

    class Things(MethodView):
        @allow("admin")
        def get(self):
            return "things"

        def post(self):
            return "posted"

    class Declared(MethodView):
        def get(self):
            return "declared"

    setattr(Declared, ATTRIBUTE, AccessRule(roles=frozenset({"coordinator"})))
    app.add_url_rule("/things", view_func=Things.as_view("things"))
    app.add_url_rule("/declared", view_func=Declared.as_view("declared"))
    return app


def test_rules_are_found_for_functions_method_views_and_builtins():
    app = make_app()
    assert rule_for(app, None, "GET") is None
    assert rule_for(app, "open_page", "GET") == AccessRule(public=True)
    assert rule_for(app, "managers_page", "POST") == AccessRule(roles=frozenset({"manager"}))
    assert rule_for(app, "undeclared", "GET") is None
    assert rule_for(app, "no_such_endpoint", "GET") is None
    assert rule_for(app, "things", "GET") == AccessRule(roles=frozenset({"admin"}))
    assert rule_for(app, "things", "HEAD") == AccessRule(roles=frozenset({"admin"}))  # HEAD is answered by get
    assert rule_for(app, "things", "POST") is None  # a method without a rule on an undeclared class
    assert rule_for(app, "things", "DELETE") is None
    assert rule_for(app, "declared", "GET") == AccessRule(roles=frozenset({"coordinator"}))  # the class's rule
    for endpoint in sorted(BUILTIN_PUBLIC) + ["static", "portal.static"]:
        assert rule_for(app, endpoint, "GET") == AccessRule(public=True), endpoint


def test_the_route_table_lists_every_rule_and_method_but_options_and_head():
    rows = {(rule, method): (endpoint, access) for rule, method, endpoint, access in route_table(make_app())}
    assert rows[("/open", "GET")] == ("open_page", AccessRule(public=True))
    assert rows[("/undeclared", "POST")] == ("undeclared", None)
    assert rows[("/things", "GET")] == ("things", AccessRule(roles=frozenset({"admin"})))
    assert rows[("/things", "POST")] == ("things", None)
    assert ("/open", "HEAD") not in rows and ("/open", "OPTIONS") not in rows
    methods = [method for rule, method, _e, _a in route_table(make_app()) if rule == "/undeclared"]
    assert methods == ["GET", "POST"]


def test_head_on_a_method_view_without_get_falls_back_to_the_class_rule():
    app = Flask(__name__)

    class PostOnly(MethodView):
        def post(self):
            return "posted"

    setattr(PostOnly, ATTRIBUTE, AccessRule(roles=frozenset({"admin"})))
    app.add_url_rule("/post-only", view_func=PostOnly.as_view("post_only"))
    assert rule_for(app, "post_only", "HEAD") == AccessRule(roles=frozenset({"admin"}))
