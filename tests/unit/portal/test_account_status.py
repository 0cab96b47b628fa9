"""What the administrator's users page says of an account: never logged in (and whether its code has expired),
waiting for a new password, in use, at its own organisation, deactivated; and what each filter keeps."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.portal.domain.invitation import SHOWN, account_status

AT = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
LOGGED_IN = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def status(active=True, has_password=False, linked=False, last_login_at=None, code_expires_at=None):
    return account_status(active=active, has_password=has_password, linked=linked, last_login_at=last_login_at,
                          code_expires_at=code_expires_at, at=AT)


def test_an_invitation_whose_code_still_works_has_not_logged_in_and_has_not_expired():
    waiting = status(code_expires_at=AT + timedelta(days=3))
    assert (waiting.state, waiting.never_logged_in, waiting.code_expired) == ("invited", True, False)
    assert waiting.code_expires_at == AT + timedelta(days=3)


@pytest.mark.parametrize("expires", [AT, AT - timedelta(seconds=1), AT - timedelta(days=30), None])
def test_an_invitation_whose_code_ran_out_or_is_gone_has_expired(expires):
    stale = status(code_expires_at=expires)
    assert (stale.state, stale.never_logged_in, stale.code_expired) == ("invited", True, True)


def test_a_login_given_a_new_code_after_logging_in_waits_for_a_new_password_not_its_first_login():
    renewed = status(last_login_at=LOGGED_IN, code_expires_at=AT + timedelta(days=14))
    assert (renewed.state, renewed.never_logged_in, renewed.code_expired) == ("invited", False, False)
    assert renewed.last_login_at == LOGGED_IN


def test_an_account_with_a_password_is_in_use_and_a_leftover_code_says_nothing():
    used = status(has_password=True, last_login_at=LOGGED_IN, code_expires_at=AT - timedelta(days=1))
    assert (used.state, used.code_expires_at, used.code_expired, used.never_logged_in) == ("active", None, False, False)
    assert status(has_password=True).state == "active", "a password set by the operator, never used: in use"


def test_deactivation_outranks_every_other_state_and_a_linked_login_is_its_own():
    assert status(active=False, code_expires_at=AT - timedelta(days=1)).state == "disabled"
    assert status(active=False, has_password=True, linked=True).code_expired is False
    assert status(linked=True).state == "linked"


def test_a_naive_moment_from_the_database_is_read_as_utc():
    naive = status(code_expires_at=(AT - timedelta(minutes=1)).replace(tzinfo=None), last_login_at=datetime(2026, 1, 2))
    assert naive.code_expired and naive.last_login_at == datetime(2026, 1, 2, tzinfo=UTC)
    assert not status(code_expires_at=(AT + timedelta(minutes=1)).replace(tzinfo=None)).code_expired


def test_each_filter_keeps_exactly_its_accounts():
    accounts = {
        "fresh": status(code_expires_at=AT + timedelta(days=1)),
        "stale": status(code_expires_at=AT - timedelta(days=1)),
        "used": status(has_password=True, last_login_at=LOGGED_IN),
        "linked": status(linked=True),
        "off": status(active=False, has_password=True),
    }
    kept = {show: sorted(name for name, s in accounts.items() if test(s)) for show, test in SHOWN.items()}
    assert kept == {"invited": ["fresh", "stale"], "expired": ["stale"], "active": ["linked", "used"],
                    "disabled": ["off"]}
