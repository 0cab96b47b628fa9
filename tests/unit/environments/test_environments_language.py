"""The gender-neutral language check: gendered titles found in their inflected forms, ordinary words left alone."""
from __future__ import annotations

import pytest

from services.environments.domain.gender_language import (
    DATA,
    GENERIC_NOTE,
    GenderedTerm,
    LanguageCheck,
    default_check,
    read_terms,
)

CHECK = default_check()


def found(text: str) -> list[tuple[str, str | None]]:
    return [(f.found, f.suggestion) for f in CHECK.check(text)]


@pytest.mark.parametrize("text,word,suggestion", [
    ("Haemme myyntimiestä kesäksi.", "myyntimiestä", "myyjä"),
    ("Myyntimiehen tehtävät", "Myyntimiehen", "myyjä"),
    ("Kaksi myyntimiehiä", "myyntimiehiä", "myyjä"),
    ("apumyyntimiesten vuorot", "apumyyntimiesten", "myyjä"),
    ("Esimies perehdyttää", "Esimies", "esihenkilö"),
    ("lähiesimiehelle", "lähiesimiehelle", "lähiesihenkilö"),
    ("Talon lakimiehet", "lakimiehet", "juristi"),
    ("palomiehenä", "palomiehenä", "pelastaja"),
    ("talonmies", "talonmies", "kiinteistönhoitaja"),
    ("kokouksen puhemiehen", "puhemiehen", "puheenjohtaja"),
    ("Virkamiesten kanssa", "Virkamiesten", "virkahenkilö"),
    ("lehtimiehiltä", "lehtimiehiltä", "toimittaja"),
    ("Liikenaisten verkosto", "Liikenaisten", "yrittäjä"),
    ("keittiöemännän apuna", "keittiöemännän", "ruokapalveluvastaava"),
    ("tilan isäntä", "isäntä", "tilanhoitaja"),
    ("lentoemäntänä", "lentoemäntänä", "lentoavustaja"),
    ("The chairman and two salesmen", "chairman", "chair"),
    ("förmannen", "förmannen", "arbetsledare"),
    ("Esimieskoulutus alkaa", "Esimieskoulutus", "esihenkilö"),
])
def test_gendered_titles_are_found_with_a_neutral_suggestion(text, word, suggestion):
    assert (word, suggestion) in found(text)


def test_an_unlisted_mies_compound_is_flagged_with_general_advice():
    [finding] = CHECK.check("Tarvitaan kirjastomiestä", "description")
    assert finding.found == "kirjastomiestä" and finding.suggestion is None and "-henkilö" in finding.note
    assert finding.field == "description" and (finding.start, finding.end) == (10, 24)


@pytest.mark.parametrize("text", [
    "Miesten ja naisten tasa-arvo on meille tärkeää.",
    "Mies tai nainen, kaikki ovat tervetulleita.",
    "Mieli on miellyttävä ja mielenkiintoinen.",
    "Jokamiehenoikeudet koskevat kaikkia retkeilijöitä.",
    "Isännöitsijä hoitaa taloyhtiön asiat.",
    "Laivan miehitys ja ylimiehitys",
    "Isän kanssa ja isänsä luona; isänne tuli.",
    "Arvonlisänne ja etenemänne",
    "Seitsemäntenä päivänä",
    "Monisanainen ja kaunainen kirjoittaja",
    "Toimiessaan ihmisten kanssa",
    "Myyjä, esihenkilö, juristi, pelastaja, kiinteistönhoitaja ja toimittaja.",
    "A human workmanship",
    "Kumiesine ja muoviesine",
])
def test_ordinary_words_and_neutral_titles_are_left_alone(text):
    assert found(text) == []


def test_every_suggestion_of_the_word_list_is_itself_neutral():
    flagged = [t.suggestion for t in read_terms(DATA / "gendered_terms_fi.csv") if CHECK.check(t.suggestion)]
    assert flagged == []


def test_every_listed_term_is_found_as_itself():
    missed = [t.term for t in read_terms(DATA / "gendered_terms_fi.csv") if not CHECK.check(t.term)]
    assert missed == []


def test_a_check_is_driven_by_its_word_list():
    check = LanguageCheck([GenderedTerm("kalamies", "kalastaja")], exceptions=["kalamiehit"])
    assert [(f.found, f.suggestion) for f in check.check("kalamiehen")] == [("kalamiehen", "kalastaja")]
    assert check.check("kalamiehitys") == []


def test_check_all_names_the_field_of_each_finding():
    findings = CHECK.check_all({"name": "Palomiesleiri", "description": "Esimiehen kanssa", "learning_goals": None})
    assert [(f.field, f.found) for f in findings] == [("name", "Palomiesleiri"), ("description", "Esimiehen")]


def test_a_stored_text_is_checked_word_by_word_once_and_answers_alike(monkeypatch):
    check = LanguageCheck([GenderedTerm("kalamies", "kalastaja", "huomio")])
    words: list[str] = []
    matched = check.match
    monkeypatch.setattr(check, "match", lambda word: words.append(word) or matched(word))
    text = "Kalamiehen ja verkkomiehen päivä"
    first = check.check(text, "description", kept=True)
    again = check.check(text, "role_title", kept=True)
    assert words == ["Kalamiehen", "ja", "verkkomiehen", "päivä"]  # the second check matched no word again
    assert [(f.field, f.found, f.start, f.end, f.term, f.suggestion, f.note) for f in first] == [
        ("description", "Kalamiehen", 0, 10, "kalamies", "kalastaja", "huomio"),
        ("description", "verkkomiehen", 14, 26, None, None, str(GENERIC_NOTE))]
    assert [(f.field, f.found, f.start) for f in again] == [("role_title", "Kalamiehen", 0),
                                                             ("role_title", "verkkomiehen", 14)]
    assert check.check(text, "description") == first  # a text sent to be checked: matched anew, alike
    assert len(words) == 8
    assert check.check_all({"name": text, "description": None}, kept=True)[1].found == "verkkomiehen"
    assert len(words) == 8
