"""The everyday-vocabulary thesaurus of free text (shared/reference/data/everyday_vocabulary.csv): everyday words
read as the words ESCO's labels use (loads simplemma's dictionaries, so a few seconds)."""

import csv
from importlib.resources import files

import pytest

import shared.reference._esco_lemma as lemma_module
from shared.reference import esco
from shared.reference._esco_lemma import _EVERYDAY, _EXACT, _MARK, _query, content_lemmas, everyday, lemma_index

pytestmark = pytest.mark.slow


def rows():
    with files("shared.reference").joinpath("data/everyday_vocabulary.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_label_word_of_the_thesaurus_is_a_label_word_of_its_language(lang):
    table = everyday(lang)
    vocab = lemma_index(lang).vocab_id
    missing = sorted({(" ".join(key), w) for key, alts in table.items() for alt in alts for w in alt if w not in vocab})
    assert missing == []
    assert len(table) >= 300  # several hundred everyday words and phrases per language


def test_the_file_names_each_row_by_language_and_domain_and_every_row_is_read():
    table = rows()
    assert {r["lang"] for r in table} == {"fi", "sv", "en"}
    domains = {r["domain"] for r in table}
    assert domains == {"retail", "cleaning and property care", "kitchen, café and restaurant",
                       "warehouse and logistics", "driving and delivery", "construction and renovation", "child care",
                       "elderly and health care",
                       "farming, animals and forestry", "events and tourism", "sport and coaching", "beauty and hair",
                       "IT support, web, social media and graphics", "office and customer service", "security",
                       "mail, printing and marketing", "everyday verbs", "music, arts and crafts"}
    keys = {lang: everyday(lang) for lang in ("fi", "sv", "en")}
    assert all(tuple(content_lemmas(r["everyday"], r["lang"])) in keys[r["lang"]] for r in table)


def test_an_everyday_word_is_read_as_the_label_words_a_little_under_an_exact_match():
    query, used = _query(lemma_index("fi"), "siivosin vessoja")
    assert query[1][:2] == ("vessa", _MARK + "wc")
    assert ("vessa", "wc") in used
    assert _EVERYDAY < _EXACT
    # a phrase's label words are further query words (make coffee ~ prepare); a text without one reads nothing
    query, used = _query(lemma_index("en"), "making coffee")
    assert (_MARK + "prepare",) in query and used == [("make coffee", "prepare")]
    assert _query(lemma_index("en"), "welding")[1] == []


@pytest.mark.parametrize("lang, text, label", [
    ("fi", "siivosin vessoja", "siivota WC-tiloja"),
    ("fi", "tein kotisivuja", "hallita verkkosivuja"),
    ("sv", "jag har gjort hemsidor", "sköta webbplats"),
    ("en", "worked at the till", "operate cash register"),
])
def test_a_text_with_only_an_everyday_word_finds_its_skill_through_the_thesaurus(monkeypatch, lang, text, label):
    found = [h.label for h in esco.normalise_free_text(text, lang, 5)]
    assert label in found
    monkeypatch.setattr(lemma_module, "everyday", lambda lang: {})
    for derived in ("_fi_keys", "_fi_known"):  # kept from the thesaurus: uncached while it is off, caches untouched
        monkeypatch.setattr(lemma_module, derived, getattr(lemma_module, derived).__wrapped__)
    # without the thesaurus the bilingual dictionary may read the word too (vessa -> toilet, on "clean toilet
    # facilities"): off as well, so that what is left is the labels' own words
    monkeypatch.setattr(lemma_module, "dictionary", lambda lang: {})
    assert label not in [h.label for h in esco.normalise_free_text(text, lang, 5)]


def test_the_suggestion_names_the_everyday_word_it_read():
    hits = {h.label: h.read_as for h in esco.normalise_free_text("siivosin vessoja", "fi", 5)}
    assert hits["siivota WC-tiloja"] == ("vessa → wc",)
    assert hits["siivota varasto"] == ()  # found by the text's own word only (siivosin ~ siivota)
    till = {h.label: h.read_as for h in esco.normalise_free_text("worked at the till", "en", 5)}
    assert till["operate cash register"] == ("till → cash register",)


def test_the_everyday_word_is_named_as_the_thesaurus_writes_it_not_as_its_lemmas():
    # the ranking reads "ta betalt" as the lemmas "ta betala" and "handlägga betalningar" as the label's compound
    # parts "hand lägga betalning"; a person is shown the words as written
    hits = {h.label: h.read_as for h in esco.normalise_free_text("tog betalt i kassan", "sv", 5)}
    assert hits["handlägga betalningar"] == ("ta betalt → handlägga betalningar",)
    hits = {h.label: h.read_as for h in esco.normalise_free_text("jobbade i kassan", "sv", 5)}
    assert hits["ansvara för kassa"] == ("kassan → kassa",)  # the lemmas: kassa → kass


@pytest.mark.parametrize("lang, text, label, said", [
    ("fi", "täytin hyllyjä", "täyttää hyllyjä", "täyttää hylly → hylly"),
    ("sv", "jag fyllde på hyllor", "fylla på hyllor", "fylla → hylla"),
])
def test_a_reading_that_adds_no_word_to_the_text_is_not_named(lang, text, label, said):
    # The thesaurus reads the phrase as label words the text has already (hylly, hylla): naming that reading
    # explains nothing. A reading that brings a word the text lacks is still named (vessa → wc, above).
    hits = {h.label: h.read_as for h in esco.normalise_free_text(text, lang, 10)}
    assert label in hits
    assert said not in hits[label]
    assert all(said not in read for read in hits.values())


def test_a_swedish_compounds_parts_are_read_through_the_thesaurus():
    # golvtvätt is no label word and no thesaurus entry: split as the labels' compounds are (golv + tvätt ~ tvätta),
    # its part tvätta is read as rengöra, so "rengöra byggnadsgolv" is found.
    query, used = _query(lemma_index("sv"), "golvtvätt på kontor")
    assert ("tvätta", _MARK + "rengöra") in query and ("tvätta", "rengöra") in used
    assert "rengöra byggnadsgolv" in [h.label for h in esco.normalise_free_text("golvtvätt på kontor", "sv", 5)]


def test_a_three_word_everyday_phrase_a_particle_verb_with_its_object_is_read():
    # ta emot gäster (welcome guests) is not ta emot varor (receive goods): the verb, its particle and its object
    # are one thesaurus key, whose label words are further query words.
    query, used = _query(lemma_index("sv"), "tog emot gäster i receptionen")
    assert ("ta emot gäst", "välkommen gäst") in used
    assert (_MARK + "välkommen",) in query
    assert "välkomna gäster" in [h.label for h in esco.normalise_free_text("tog emot gäster i receptionen", "sv", 5)]


def test_a_swedish_definite_form_simplemma_does_not_know_is_looked_up_as_its_indefinite_form():
    from shared.reference._esco_lemma import _indefinite

    assert "lagersaldo" in _indefinite("lagersaldot", "sv")
    assert "hus" in _indefinite("huset", "sv") and "pizza" in _indefinite("pizzan", "sv")
    assert _indefinite("huset", "en") == () and _indefinite("hus", "sv") == ()
    assert ("lagersaldo", "lager nivå") in _query(lemma_index("sv"), "höll koll på lagersaldot")[1]


def test_a_swedish_past_tense_simplemma_misreads_is_read_as_its_verb_too():
    from shared.reference._esco_lemma import _sv_past_verbs, readings

    assert _sv_past_verbs("bytte") == ("byta",) and _sv_past_verbs("delade") == ("dela",)
    assert _sv_past_verbs("sydde") == ("sy",) and _sv_past_verbs("bil") == ()
    assert "byta" in readings("bytte däck", "sv")[0]  # simplemma: bytta
    # byta is read through the thesaurus as ersätta, the word the label uses
    assert "ersätta däck" in [h.label for h in esco.normalise_free_text("bytte däck på bilar", "sv", 5)]


def test_a_particle_verb_split_by_its_object_is_read_as_its_everyday_phrase():
    # show ... around: the verb and its particle with the object between them
    query, used = _query(lemma_index("en"), "showed tourists around the old town")
    assert ("show around", "escort visitor") in used and (_MARK + "escort",) in query
