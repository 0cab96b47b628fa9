"""The rule that links an external identity to a student login by a verified e-mail address (issue 17, item 6),
and the invitation code's: only a verified address, only exactly one login of the token's own organisation, only a
login not in use and not disabled; never another organisation's."""
from __future__ import annotations

from services.portal.domain.external_login import Candidate, email_match, may_use_code, verified_email
from services.portal.domain.invitation import account_state

AINO = Candidate("u-aino", "sataedu", "aino.virtanen@example.fi", active=True, in_use=False)


def claims(email="aino.virtanen@example.fi", verified=True) -> dict:
    return {"iss": "https://tunnistus.sataedu.test/", "sub": "ext-1", "org": "sataedu", "email": email,
            "email_verified": verified}


def test_a_verified_address_equal_to_one_invited_login_links_it_in_any_case_and_spacing():
    assert email_match(claims(), "sataedu", [AINO]) == "u-aino"
    assert email_match(claims(" Aino.Virtanen@EXAMPLE.fi "), "sataedu", [AINO]) == "u-aino"


def test_an_unverified_address_links_nothing_nor_does_a_verified_flag_that_is_not_the_boolean_true():
    for verified in (False, None, "true", 1, "yes"):
        assert email_match(claims(verified=verified), "sataedu", [AINO]) is None, verified
    assert email_match({k: v for k, v in claims().items() if k != "email_verified"}, "sataedu", [AINO]) is None
    assert verified_email(claims(email=None)) is None and verified_email(claims(email="no address")) is None


def test_two_logins_with_the_address_in_the_organisation_link_neither():
    twin = Candidate("u-twin", "sataedu", "AINO.virtanen@example.fi", active=True, in_use=False)
    assert email_match(claims(), "sataedu", [AINO, twin]) is None
    disabled_twin = Candidate("u-twin", "sataedu", "aino.virtanen@example.fi", active=False, in_use=False)
    assert email_match(claims(), "sataedu", [AINO, disabled_twin]) is None, "a second match is ambiguous anyway"


def test_another_organisations_login_never_counts_nor_does_a_token_without_an_organisation():
    samk = Candidate("u-samk", "samk", "aino.virtanen@example.fi", active=True, in_use=False)
    assert email_match(claims(), "samk", [AINO]) is None, "the token's organisation is samk: Aino's is sataedu"
    assert email_match(claims(), "sataedu", [AINO, samk]) == "u-aino", "samk's login does not make it ambiguous"
    assert email_match(claims(), None, [AINO]) is None


def test_a_login_in_use_linked_already_or_disabled_is_not_linked_by_address():
    in_use = Candidate("u-aino", "sataedu", "aino.virtanen@example.fi", active=True, in_use=True)
    disabled = Candidate("u-aino", "sataedu", "aino.virtanen@example.fi", active=False, in_use=False)
    assert email_match(claims(), "sataedu", [in_use]) is None
    assert email_match(claims(), "sataedu", [disabled]) is None


def test_a_code_links_only_a_login_of_the_tokens_organisation_not_in_use_and_active():
    assert may_use_code(token_organisation="sataedu", login_organisation="sataedu", active=True, in_use=False)
    assert not may_use_code(token_organisation="samk", login_organisation="sataedu", active=True, in_use=False)
    assert not may_use_code(token_organisation=None, login_organisation="sataedu", active=True, in_use=False)
    assert not may_use_code(token_organisation="sataedu", login_organisation="sataedu", active=True, in_use=True)
    assert not may_use_code(token_organisation="sataedu", login_organisation="sataedu", active=False, in_use=False)


def test_the_manager_sees_a_linked_login_as_linked_and_a_disabled_one_as_disabled():
    assert account_state(active=True, has_password=False, linked=True) == "linked"
    assert account_state(active=False, has_password=False, linked=True) == "disabled"
    assert account_state(active=True, has_password=False) == "invited"
    assert account_state(active=True, has_password=True) == "active"
