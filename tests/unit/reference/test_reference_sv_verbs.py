"""Swedish verb forms in free text that simplemma reads as another word: the verb is read all the same (loads
simplemma's dictionaries, so a few seconds)."""

import pytest

import shared.reference._esco_lemma as lemma_module
from shared.reference import esco
from shared.reference._esco_lemma import _query, lemma_index, readings

pytestmark = pytest.mark.slow


def test_a_strong_verbs_past_read_as_its_participle_is_read_as_the_verb_too():
    # simplemma: sålde -> såld (the participle), whose own lemma is sälja
    assert readings("sålde glass", "sv")[0][:2] == ("såld", "sälja")
    assert readings("skrev protokoll", "sv")[0] == ("skriva",)  # a past simplemma knows stays as it is
    assert readings("i kassan", "sv") == [("kassa",)]  # only a participle is read again: kassa is no kass


def test_a_present_tense_read_as_an_agent_noun_nothing_knows_is_the_verb():
    # simplemma: tolkar -> tolkare, undervisar -> undervisare, nouns neither the labels nor the thesaurus know
    assert readings("tolkar för mamma", "sv")[0] == ("tolka",)
    assert readings("undervisar barn", "sv")[0] == ("undervisa",)
    # städar -> städare and tränar -> tränare stay: the thesaurus reads them (städare ~ städa, tränare ~ träna)
    assert readings("städar kontor", "sv")[0] == ("städare",)
    assert readings("tränar juniorer", "sv")[0] == ("tränare",)
    assert readings("bilar", "sv")[0] == ("bil",)  # a plural in -ar is no present tense


def test_a_swedish_word_that_is_no_compound_keeps_its_other_readings():
    # städade is read as städad and städa; it is not split, so the verb reading must survive the compound step
    query, _ = _query(lemma_index("sv"), "städade kontor")
    assert query[0] == ("städad", "städa")


def test_a_thesaurus_phrase_after_a_swedish_past_tense_is_read_with_the_verb(monkeypatch):
    # städade kontor ~ städa kontor: the phrase is keyed by the verb, the text's lemma is the participle städad
    monkeypatch.setattr(lemma_module, "everyday", lambda lang: {("städa", "kontor"): (("rengöra", "rum"),)})
    assert _query(lemma_index("sv"), "städade kontor")[1] == [("städa kontor", "rengöra rum")]
    assert _query(lemma_index("sv"), "städa kontor")[1] == [("städa kontor", "rengöra rum")]
    assert _query(lemma_index("sv"), "städade hus")[1] == []


def test_a_thesaurus_phrase_after_a_word_the_thesaurus_reads_is_read_with_that_reading():
    # städar ~ städare, which the thesaurus reads as städa: städar kontor is the phrase städa kontor
    assert ("städa kontor", "rengöra rum") in _query(lemma_index("sv"), "städar kontor")[1]


@pytest.mark.parametrize("text, label, said", [
    ("passade min lillebror", "barnpassning", "lillebror → barnpassning"),
    ("tolkar för mina föräldrar hos läkaren", "tolka mellan två parter",
     "tolka föräldrar → tolka mellan två parter"),
    ("rastar grannens hund varje dag", "tillhandahålla hundpromenadtjänster", "rasta → hundpromenadtjänster"),
    ("städade kontor på kvällarna", "rengöra rum", "städa kontor → rengöra rum"),
    ("hjälpledare på skriftskolan", "organisera lägeraktiviteter", "skriftskola → lägeraktiviteter"),
])
def test_everyday_swedish_about_young_peoples_work_finds_its_skill_and_names_the_reading(text, label, said):
    hits = {h.label: h.read_as for h in esco.normalise_free_text(text, "sv", 5)}
    assert label in hits
    assert said in hits[label]
