"""The fi/sv -> English word dictionary (shared/reference/data/dictionary_en.csv.gz, from FreeDict/WikDict) and the
free-text field it reads: words no label word of their own language matches, matched on the English labels
(loads simplemma's dictionaries, so a few seconds)."""

import csv
import gzip
from importlib.resources import files

import pytest

import shared.reference._esco_lemma as lemma_module
from shared.reference import build_dictionary
from shared.reference._esco_lemma import _matches_any, _query, _ranked, content_lemmas, dictionary, lemma_index, suggest
from shared.reference.esco import load_taxonomy

pytestmark = pytest.mark.slow

_HUMOUR = "esiintyä humoristisesti"  # practice humour; English alternative label "tell jokes"


def rows():
    with files("shared.reference").joinpath("data/dictionary_en.csv.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_file_has_the_documented_columns_and_only_english_label_words():
    table = rows()
    assert list(table[0]) == ["lang", "word", "senses"]
    assert {r["lang"] for r in table} == {"fi", "sv"}
    assert len({(r["lang"], r["word"]) for r in table}) == len(table)  # one row per word
    english = lemma_index("en").vocab_id
    translations = [t for r in table for sense in r["senses"].split("|") for t in sense.split(";")]
    assert all(t and len(t.split()) <= 3 for t in translations)
    assert all(set(content_lemmas(t, "en")) <= set(english) for t in translations[::50])
    keittaa = next(r for r in table if r["lang"] == "fi" and r["word"] == "keittää")
    assert keittaa["senses"].split("|")[0] == "cook;boil;brew"


def test_the_loader_weighs_a_later_sense_less_and_keeps_the_translations_lemmas():
    kassa = {text: (lemmas, weight) for text, lemmas, weight in dictionary("fi")["kassa"]}
    assert kassa["cash register"] == (("cash", "register"), 1.0)
    assert kassa["cashier"][1] == pytest.approx(0.6)  # the second sense
    assert dictionary("en") == {}


def test_dictd_entries_give_the_english_lines_of_nouns_and_verbs_only():
    entry = "kassa /kˈassa/ <n>\n1. cash register, cash desk\npaikka maksuja varten\n2. cashier\nkassanhoitaja\n"
    assert build_dictionary.senses(entry) == [["cash register", "cash desk"], ["cashier"]]
    assert build_dictionary.senses("lainata /l/ <v>\nto lend (money), borrow\nantaa lainaksi\n") == [["lend", "borrow"]]
    assert build_dictionary.senses("kännissä /k/ <adj>\nwasted, loaded\nhumalassa\n") == []
    assert build_dictionary._number("DTxm") == ((3 * 64 + 19) * 64 + 49) * 64 + 38


def test_the_builder_reads_both_directions_and_keeps_only_english_label_words(tmp_path):
    def write(name, entries):
        body, index = b"", []
        for word, text in entries:
            data = text.encode("utf-8")
            index.append(f"{word}\t{_b64(len(body))}\t{_b64(len(data))}\n")
            body += data
        with gzip.open(tmp_path / f"freedict-{name}.dict.dz", "wb") as f:
            f.write(body)
        (tmp_path / f"freedict-{name}.index").write_text("".join(index), encoding="utf-8")

    write("fin-eng", [("keittää", "keittää /k/ <v>\ncook, boil, zzyzx\nkuumentaa\n")])
    write("eng-fin", [("brew", "brew /b/ <v>\n1. panna\nmake beer\n2. keittää\nto make tea\n")])
    write("swe-fin", [("koka", "koka /k/ <v>\nkeittää\nsjuda\n")])
    write("fin-swe", [])
    built = {(r["lang"], r["word"]): r["senses"] for r in build_dictionary.build(tmp_path)}
    # zzyzx is no word of any English label; brew comes from the English headword whose entry gives keittää
    assert built == {("fi", "keittää"): "cook;boil|brew", ("fi", "panna"): "brew", ("sv", "koka"): "cook;boil"}


def _b64(value):
    digits = ""
    while True:
        digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[value % 64] + digits
        value //= 64
        if not value:
            return digits


def test_a_finnish_verb_no_finnish_label_has_reaches_a_skill_through_its_english_alternative_label(monkeypatch):
    ix = lemma_index("fi")
    assert _matches_any(ix, ("vitsailla",)) == {}  # no Finnish label word is it or has it inside
    tax = load_taxonomy()
    skill = tax.labels["fi"].index(_HUMOUR)
    assert "tell jokes" in tax.alt_labels["en"][skill] and "joke" not in tax.labels["en"][skill]
    hits = suggest("vitsailin asiakkaiden kanssa", "fi", 5)
    humour = next(h for h in hits if h.index == skill)
    assert humour.label == _HUMOUR and humour.lang == "fi"  # the answer in the user's language
    # the explanation names the translation as a translation, not as an everyday word of the Finnish label
    assert "vitsailla → joke" in humour.translated_as and "vitsailla → joke" not in humour.read_as
    monkeypatch.setattr(lemma_module, "dictionary", lambda lang: {})
    assert skill not in [h.index for h in suggest("vitsailin asiakkaiden kanssa", "fi", 5)]


def test_a_swedish_word_no_swedish_label_has_is_read_through_the_dictionary():
    tax = load_taxonomy()
    skill = tax.labels["en"].index("perform quick make-up changeovers")
    hits = suggest("jag mejkade skådespelare", "sv", 5)
    found = next(h for h in hits if h.index == skill)
    assert found.label == tax.labels["sv"][skill] and found.lang == "sv"
    assert "mejka → make up" in found.translated_as and not found.read_as


def test_a_word_its_own_labels_match_well_is_not_read_through_the_dictionary():
    # keittää is a Finnish label word (keittää vettä): the lexicon, not the dictionary, translates it
    ix = lemma_index("fi")
    assert "keittää" in dictionary("fi") and "keittää" in ix.vocab_id
    assert _ranked(ix, _query(ix, "keitin kahvia")[0], 5)[1] == []
    translated = _ranked(ix, _query(ix, "vitsailin asiakkaiden kanssa")[0], 5)[1]
    assert {word for word, _, _ in translated} == {"vitsailla"}
