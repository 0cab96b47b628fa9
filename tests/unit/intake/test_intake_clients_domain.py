"""The rules of a client's data, the person key and the age band (plain Python, no database)."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from services.intake.domain import clients as rules

TODAY = date(2026, 6, 15)
VALID = {"first_name": "Aino", "last_name": "Virtanen", "birth_date": date(2005, 3, 1), "home_municipality": "214"}


def test_a_minimal_client_is_valid():
    assert rules.validate_client(dict(VALID), TODAY) == {}


def test_every_bad_value_is_named_with_a_reason():
    data = {**VALID, "first_name": " ", "email": "aino@", "phone": "12", "home_municipality": "999",
            "gender": "female", "mother_tongue": "xx", "languages": [{"code": "en"}, {"code": "zz"}],
            "education_status": "dropped", "field_of_education": "075", "employment_status": "retired",
            "education_level": 9, "entered_on": date(2027, 1, 1)}
    errors = rules.validate_client(data, TODAY)
    assert set(errors) == {"first_name", "email", "phone", "home_municipality", "gender", "mother_tongue",
                           "languages", "education_status", "field_of_education", "employment_status",
                           "education_level", "entered_on"}
    assert errors["languages"] == {1: {"code": ["Give an ISO 639-1 language code, e.g. fi."]}}
    assert all(isinstance(reason, str) and reason for k, v in errors.items() if k != "languages" for reason in v)


@pytest.mark.parametrize("birth, problem", [
    (date(2026, 6, 16), "future"), (date(2015, 1, 1), "minimum age"), (date(1920, 1, 1), "at most 100")])
def test_a_birth_date_must_be_past_and_plausible(birth, problem):
    assert problem in rules.validate_client({**VALID, "birth_date": birth}, TODAY)["birth_date"][0]


def test_required_fields_and_partial_checks():
    assert set(rules.validate_client({}, TODAY)) == {"first_name", "last_name", "birth_date", "home_municipality"}
    assert rules.validate_client({"email": "aino@example.fi"}, TODAY, partial=True) == {}
    assert set(rules.validate_client({"last_name": None}, TODAY, partial=True)) == {"last_name"}


def test_entry_cannot_precede_birth_and_languages_are_not_repeated():
    errors = rules.validate_client({**VALID, "entered_on": date(2004, 1, 1),
                                    "languages": [{"code": "sv"}, {"code": "sv"}]}, TODAY)
    assert "before the birth date" in errors["entered_on"][0]
    assert errors["languages"] == {1: {"code": ["This language is listed twice."]}}


def test_names_are_normalised_for_the_person_key():
    assert rules.normalise_name("  ÅSA   Émilie-Zoë ") == "åsa emilie-zoe"
    assert rules.normalise_name("Äijälä") == "äijälä"  # å, ä, ö are letters of their own, not accents
    assert rules.normalise_name("Aijala") != rules.normalise_name("Äijälä")


def test_the_person_key_is_a_keyed_hash_of_the_normalised_identity():
    key = rules.person_key("secret", "Aino", "Virtanen", date(2005, 3, 1))
    assert len(key) == 64 and set(key) <= set("0123456789abcdef")
    assert rules.person_key("secret", " AINO ", "virtanen", date(2005, 3, 1)) == key
    assert rules.person_key("other secret", "Aino", "Virtanen", date(2005, 3, 1)) != key
    assert rules.person_key("secret", "Aino", "Virtanen", date(2005, 3, 2)) != key
    assert "aino" not in key and "2005" not in key


def test_search_keys_fold_every_accent():
    assert rules.search_key(" Äijälä  Öhman ") == "aijala ohman"


def _folded_char_by_char(text: str, keep: frozenset[str]) -> str:
    """The folding as it was before issue 18's twelfth round: each character decomposed in a Python loop."""
    return "".join(char if char in keep else "".join(c for c in unicodedata.normalize("NFD", char)
                                                      if not unicodedata.combining(c)) for char in text)


def test_the_folding_table_folds_every_character_as_the_loop_did():
    """Every code point of the Basic Multilingual Plane, and a few beyond (the table is filled as they are met)."""
    text = "".join(chr(code) for code in (*range(0xD800), *range(0xE000, 0x10000), 0x1D400, 0x1F600, 0x20000))
    for keep in (rules.KEPT_LETTERS, frozenset()):
        assert rules._strip_accents(text, keep) == _folded_char_by_char(text, keep)
    assert rules._strip_accents("Åsa Émilie Zoë Ǆ ﬁ", rules.KEPT_LETTERS) == "Asa Emilie Zoe Ǆ ﬁ"  # Å is not å
    assert rules.search_key("Ångström Ǆemal") == "angstrom ǆemal"  # casefold first, then every accent
    assert rules.normalise_name("Ångström") == "ångström"


@pytest.mark.parametrize("birth, band", [
    (None, "unknown"), (date(2009, 6, 16), "under_18"), (date(2008, 6, 15), "18_24"), (date(2001, 6, 16), "18_24"),
    (date(2001, 6, 15), "25_29"), (date(1996, 6, 15), "30_54"), (date(1971, 6, 15), "55_plus")])
def test_age_bands_on_the_day_of_entry(birth, band):
    assert rules.age_band(birth, TODAY) == band


def test_statistics_facts_carry_no_name_contact_or_birth_date():
    client = {**VALID, "id": "c-1", "entered_on": TODAY, "gender": None, "email": "a@b.fi", "phone": "040 1234567",
              "employment_status": "unemployed", "education_level": 3}
    facts = rules.statistics_facts(client, ["pohjois-satakunta"])
    assert facts["age_band"] == "18_24" and facts["gender"] == "undisclosed"
    assert facts["service_area"] == "pohjois-satakunta" and facts["municipality"] == "214"
    text = repr(facts)
    for personal in ("Aino", "Virtanen", "2005-03-01", "a@b.fi", "040"):
        assert personal not in text


def test_cleaning_strips_blanks_and_pads_the_municipality():
    assert rules.clean({"first_name": " Aino ", "email": "  ", "home_municipality": "79"}) == {
        "first_name": "Aino", "email": None, "home_municipality": "079"}


def test_identity_changes_are_detected():
    before = {"first_name": "Aino", "last_name": "Virtanen", "birth_date": date(2005, 3, 1)}
    assert rules.identity_changed(before, {"last_name": "Laine"})
    assert not rules.identity_changed(before, {"last_name": "Virtanen", "email": "a@b.fi"})
