"""The route walk's table: how cells are read and which answers they call unexpected."""
from __future__ import annotations

import pytest

from tests.support.walk.harness import Answer
from tests.support.walk.table import Expectation, fill, matrix, plain


def answer(status: int, *, personal=False, team=False, stored=(), location=None) -> Answer:
    return Answer(status, personal=personal, team=team, stored=frozenset(stored), body="", location=location)


def test_a_rule_without_converters_and_a_url_filled_in():
    assert plain("/clients/<uuid:client_id>/needs/<uuid:need_id>") == "/clients/<client_id>/needs/<need_id>"
    assert plain("/referrals/<uuid:referral_id>/<any(accept, decline, complete, cancel):action>") \
        == "/referrals/<referral_id>/<action>"
    assert fill("/tables/<key>.<extension>", {"key": "reach", "extension": "csv"}) == "/tables/reach.csv"


def test_a_matrix_has_its_header_roles_and_a_row_per_route():
    roles, rows = matrix("""
                      own   other  anon
    GET  /clients     200P  200    302
    # a comment
    POST /clients/<id> 303= 404    302
    """)
    assert roles == ("own", "other", "anon")
    assert rows[("GET", "/clients")] == (Expectation(200, personal=True, team=True), Expectation(200),
                                         Expectation(302))
    assert rows[("POST", "/clients/<id>")][0] == Expectation(303, quiet=True)


@pytest.mark.parametrize("text", ["own anon\nGET /x 200\n", "own\nGET /x 200\nGET /x 404\n", "own\nGET /x 2000\n"])
def test_a_matrix_with_a_missing_cell_a_twice_listed_route_or_a_bad_cell_is_refused(text):
    with pytest.raises(ValueError):
        matrix(text)


def test_personal_data_is_unexpected_unless_the_cell_allows_it():
    assert Expectation.parse("200").problems(answer(200, personal=True), "GET", True) == [
        "showed the client's personal data"]
    assert Expectation.parse("200T").problems(answer(200, personal=True, team=True), "GET", True) == [
        "showed the client's personal data"]
    assert Expectation.parse("200T").problems(answer(200, team=True), "GET", True) == []
    assert Expectation.parse("200P").problems(answer(200, personal=True, team=True), "GET", True) == []


def test_a_refusal_that_stored_something_and_a_change_that_stored_nothing_are_unexpected():
    assert Expectation.parse("404").problems(answer(404, stored={"intake.clients"}), "POST", True) == [
        "stored ['intake.clients'] though it refused"]
    assert Expectation.parse("303=").problems(answer(303, stored={"intake.clients"}), "POST", True) == [
        "stored ['intake.clients'] though it refused"]
    login = answer(302, stored={"intake.clients"}, location="/login?next=/intake/clients")
    assert Expectation.parse("302").problems(login, "POST", True) == ["stored ['intake.clients'] though it refused"]
    assert Expectation.parse("201").problems(answer(201), "POST", True) == ["stored nothing though it should have"]
    assert Expectation.parse("200").problems(answer(200), "POST", False) == []
    assert Expectation.parse("200").problems(answer(200), "GET", True) == []


def test_another_status_is_unexpected():
    assert Expectation.parse("403").problems(answer(200), "GET", True) == ["answered 200, expected 403"]
