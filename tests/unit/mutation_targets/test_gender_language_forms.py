"""The gendered-title check on inflected forms, generated (Hypothesis), and the word list's reading (issue 22)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.environments.domain.gender_language import (
    GENERIC_NOTE,
    Finding,
    GenderedTerm,
    LanguageCheck,
    default_check,
    inflections,
    read_exceptions,
    read_terms,
)

CHECK = default_check()
PROPERTIES = settings(max_examples=80, deadline=None, derandomize=True)
MIES_FORMS = ["mies", "miehen", "miestä", "miehet", "miehiä", "miesten", "miehelle", "miehille", "miehenä",
              "miehiltä", "miehemme"]
NAINEN_FORMS = ["nainen", "naisen", "naista", "naiset", "naisia", "naisten", "naiselle", "naisille"]
MIES_TERMS = sorted(t.term for t in CHECK.terms if t.term.endswith("mies"))
NAINEN_TERMS = sorted(t.term for t in CHECK.terms if t.term.endswith("nainen"))
# Stems of unlisted compounds, from letters no listed stem or exception is made of only.
STEMS = st.text(alphabet="bdgkrtuvy", min_size=3, max_size=8)


@PROPERTIES
@given(st.sampled_from(MIES_TERMS), st.sampled_from(MIES_FORMS), st.sampled_from(["", "apu", "pää", "ali-"]),
       st.booleans())
def test_every_listed_mies_title_is_found_in_its_inflected_forms_and_compounds(term, form, prefix, capital):
    word = prefix + term[:-4] + form
    word = word.capitalize() if capital else word
    matched, flagged = CHECK.match(word)
    assert flagged and matched is not None and matched.term.endswith(term), (word, matched)


@PROPERTIES
@given(st.sampled_from(NAINEN_TERMS), st.sampled_from(NAINEN_FORMS))
def test_every_listed_nainen_title_is_found_in_its_inflected_forms(term, form):
    matched, flagged = CHECK.match(term[:-6] + form)
    assert flagged and matched is not None and matched.term == term


@PROPERTIES
@given(STEMS, st.sampled_from(MIES_FORMS[:6]), st.booleans())
def test_an_unlisted_mies_title_is_flagged_with_general_advice_in_every_form(stem, form, hyphen):
    word = stem + ("-" if hyphen else "") + form
    [finding] = CHECK.check(f"Haemme {word} kesäksi")
    assert (finding.found, finding.term, finding.suggestion, finding.note) == (word, None, None, GENERIC_NOTE)
    assert finding.start == len("Haemme ") and finding.end == len("Haemme ") + len(word)


@pytest.mark.parametrize("word", ["mies", "miehen", "miesten", "nainen", "naisten", "Miehet", "xymies"])
def test_bare_words_and_short_stems_are_not_flagged(word):
    assert CHECK.check(word) == []


@pytest.mark.parametrize("word, term", [
    ("salesmen", "salesman"), ("chairmen's", "chairman"), ("spokesman's", "spokesman"),
    ("förmännen", "förman"), ("förmans", "förman"), ("apu-myyntimies", "myyntimies"),
    ("myyntimies-opiskelija", None), ("emännille", "emäntä"), ("isäntänsä", "isäntä")])
def test_plurals_possessives_and_hyphenated_compounds(word, term):
    matched, flagged = CHECK.match(word)
    if term is None:
        assert not flagged or matched is None
    else:
        assert flagged and matched is not None and matched.term == term


def test_inflections_of_each_ending():
    assert inflections("abc") == "abc[a-zåäöéü]{0,4}"
    assert re.fullmatch(inflections("myyntimies"), "myyntimiehiltä")
    assert re.fullmatch(inflections("liikenainen"), "liikenaisille")
    assert re.fullmatch(inflections("emäntä"), "emännälle") and not re.fullmatch(inflections("emäntä"), "emäntx")
    assert re.fullmatch(inflections("lentoemäntä"), "lentoemännälle")
    assert re.fullmatch(inflections("chairman"), "chairmen's") and re.fullmatch(inflections("förman"), "förmännen")
    assert not re.fullmatch(inflections("chairman"), "chairmanship")


def test_a_custom_word_list_is_read_and_the_longest_term_wins(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text("term,suggestion,note\n Myyntimies , myyjä , Huom. \nmies,henkilö,\n,tyhjä,\nbossman,boss\n",
                     encoding="utf-8")
    exceptions = tmp_path / "exceptions.txt"
    exceptions.write_text("# comment line\n\n  TOIMIT \nmiehit\n", encoding="utf-8")
    read = read_terms(terms)
    assert read == [GenderedTerm("myyntimies", "myyjä", "Huom."), GenderedTerm("mies", "henkilö", ""),
                    GenderedTerm("bossman", "boss", "")]
    assert read_exceptions(exceptions) == ["TOIMIT", "miehit"]
    no_terms = tmp_path / "other.csv"
    no_terms.write_text("word,suggestion\nmies,henkilö\n", encoding="utf-8")
    assert read_terms(no_terms) == []  # a list without a term column has no terms
    check = LanguageCheck(read, read_exceptions(exceptions))
    assert [t.term for t in check.terms] == ["myyntimies", "bossman", "mies"]
    assert check.exceptions == ("toimit", "miehit")
    assert check.match("Myyntimiehen")[0].term == "myyntimies"
    assert check.match("toimittaja") == (None, False) and check.match("Miehittää") == (None, False)
    assert check.check("bossmen") == [Finding("text", "bossmen", 0, 7, "bossman", "boss", "")]
    assert check.check(None) == [] and check.check("") == []
    assert LanguageCheck([GenderedTerm("xxxx", "y")]).check(None) == []


def test_findings_carry_the_field_the_term_and_the_note():
    [finding] = CHECK.check("Tervetuloa, lakimies!", field="roles.0.name")
    assert finding.as_dict() == {"field": "roles.0.name", "found": "lakimies", "start": 12, "end": 20,
                                 "term": "lakimies", "suggestion": "juristi", "note": finding.note}
    findings = CHECK.check_all({"name": "Palomies ja myyntimies", "description": None, "x": "emäntä"})
    assert [(f.field, f.found, f.start) for f in findings] == [
        ("name", "Palomies", 0), ("name", "myyntimies", 12), ("x", "emäntä", 0)]
