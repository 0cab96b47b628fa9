"""One normal form of every username, and failed logins limited per account and per address, on the login page
and on POST /auth/token alike."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from services.portal.domain.identity import IdentityError, address_scope, normalise_username
from tests.support import network as net

# One network for the module, small limits (3 failures per account, 6 per address in 15 minutes);
# each test fails with accounts and from addresses of its own.
network = net.module_network("throttling", login_failures_per_account=3, login_failures_per_address=6)


def token(network, username: str, password: str, address: str) -> int:
    client = Client(network.wsgi)
    return client.post("/auth/token", json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code


def login_page(network, username: str, password: str, address: str) -> int:
    client = Client(network.wsgi)
    page = client.get("/login", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_every_spelling_of_a_username_is_the_same_account(network):
    for spelling in (" student1", "student1 ", "Student1", "STUDENT1", "\u00a0student1", "ｓｔｕｄｅｎｔ１"):
        assert token(network, spelling, "demo", "192.0.2.10") == 200, spelling
        assert network.identity.get(spelling).username == "student1"


def test_whitespace_does_not_buy_more_attempts(network):
    for name in ("partner2", " partner2", "partner2 ", "Partner2"):
        token(network, name, "wrong", "192.0.2.20")
    # Three failures reach the account's limit whatever the spelling: the fourth try and the right password wait.
    assert token(network, "partner2", "demo", "192.0.2.21") == 429
    assert login_page(network, "\tpartner2", "demo", "192.0.2.22") == 429


def test_the_account_limit_holds_across_addresses(network):
    for address in ("192.0.2.1", "198.51.100.7", "203.0.113.99"):
        assert token(network, "manager2", "wrong", address) == 401
    assert token(network, "manager2", "demo", "192.0.2.200") == 429
    assert login_page(network, "manager2", "demo", "203.0.113.5") == 429
    assert token(network, "manager5", "demo", "192.0.2.1") == 200, "another account from the same address"


def test_the_address_limit_holds_across_usernames(network):
    for name in ("address1", "address2", "address3", "address4", "address5", "address6"):
        assert login_page(network, name, "wrong", "198.51.100.20") == 401
    assert token(network, "coordinator", "demo", "198.51.100.20") == 429
    assert login_page(network, "admin", "demo", "198.51.100.20") == 429
    assert token(network, "coordinator", "demo", "198.51.100.21") == 200, "another address is not limited"


def test_an_ipv6_network_counts_as_one_address(network):
    for host in range(1, 7):
        assert token(network, f"ipv6-{host}", "wrong", f"2001:db8:1:2::{host:x}") == 401
    assert token(network, "coordinator", "demo", "2001:db8:1:2:ffff::1") == 429
    assert token(network, "coordinator", "demo", "2001:db8:1:3::1") == 200


def test_a_good_login_does_not_reset_the_address_count(network):
    for name in ("reset1", "reset2", "reset3", "reset4", "reset5"):
        token(network, name, "wrong", "192.0.2.50")
    assert token(network, "manager1", "demo", "192.0.2.50") == 200
    token(network, "reset6", "wrong", "192.0.2.50")
    assert token(network, "manager4", "demo", "192.0.2.50") == 429


def test_usernames_are_normalised_when_they_are_created(network):
    identity = network.identity
    user = identity.create_user("  Maija.Meikäläinen ", "pitkä-salasana-1", display_name="Maija",
                                organisation="sataedu", roles=["manager"])
    assert user.username == "maija.meikäläinen"
    for taken in ("MAIJA.MEIKÄLÄINEN", "ｍａｉｊａ.ｍｅｉｋäｌäｉｎｅｎ", "maija.meika\u0308la\u0308inen"):
        with pytest.raises(IdentityError) as error:
            identity.create_user(taken, "pitkä-salasana-1", display_name="M", organisation="sataedu",
                                 roles=["manager"])
        assert error.value.field == "username"
    with pytest.raises(IdentityError):
        identity.create_user("two\nlines", "pitkä-salasana-1", display_name="M", organisation="sataedu",
                             roles=["manager"])
    assert token(network, "MAIJA.Meikäläinen", "pitkä-salasana-1", "192.0.2.60") == 200


def test_normal_forms_and_address_scopes():
    assert normalise_username(" Straße ") == "strasse"
    assert normalise_username("ＡＤＭＩＮ") == "admin"
    assert address_scope("2001:db8::1") == address_scope("2001:db8::ffff") == "2001:db8::/64"
    assert address_scope("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_scope("192.0.2.1") == "192.0.2.1"
    assert address_scope("unknown") == "unknown"
