"""Free-text normalisation to ESCO skills (loads simplemma's dictionaries, so a few seconds)."""

import pytest

from shared.reference import esco

pytestmark = pytest.mark.slow


def english(hits):
    tax = esco.load_taxonomy()
    return [tax.label(h.index, "en") for h in hits]


def test_finnish_text_offers_welding_and_customer_service():
    hits = esco.normalise_free_text("osaan hitsata ja asiakaspalvelua")
    assert hits and all(h.lang == "fi" for h in hits)
    assert any("hitsa" in h.label for h in hits)
    assert any("asiakaspalvelu" in h.label for h in hits)
    assert any("weld" in label for label in english(hits))
    assert any("customer service" in label for label in english(hits))


def test_swedish_text_is_detected_and_matched():
    hits = esco.normalise_free_text("jag kan svetsa och har jobbat med kundservice")
    assert hits and all(h.lang == "sv" for h in hits)
    assert hits[0].label == "kundservice"
    assert any("svets" in h.label for h in hits)


def test_english_text():
    hits = esco.normalise_free_text("I can weld and I have worked in customer service", lang="en")
    assert hits[0].label == "customer service"
    assert any("weld" in h.label for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_finnish_compound_is_split():
    hits = esco.normalise_free_text("lastenhoito", lang="fi")
    assert any("lap" in h.label or "lasten" in h.label for h in hits[:3])


def test_nothing_to_match():
    assert esco.normalise_free_text("") == []
    assert esco.normalise_free_text("ja ja ja", lang="fi") == []
    assert len(esco.normalise_free_text("hitsata", lang="fi", limit=3)) == 3


def test_a_store_clerks_text_offers_customer_service_before_commercial_law():
    labels = [h.label for h in esco.normalise_free_text("Olen tehnyt asiakaspalvelua kaupoissa", lang="fi", limit=5)]
    assert labels[0] == "asiakaspalvelu"
    assert "kauppalainsäädäntö" not in labels


def test_a_cafe_workers_text_offers_nothing_about_level_crossings():
    for text, lang in (("Työskentelin kahvilassa: keitin kahvia, leivoin pullia ja palvelin asiakkaita", "fi"),
                       ("I worked in a cafe making coffee and serving customers", "en")):
        hits = esco.normalise_free_text(text, lang=lang, limit=5)
        assert not any("level crossing" in label for label in english(hits))
        assert any("coffee" in label or "customer" in label for label in english(hits))


def test_held_out_alternative_labels_are_found_on_a_small_fixed_sample():
    from services.matching.domain import free_text_evaluation as fe

    recall = fe.held_out_recall("en", n=20, seed=7)
    assert recall.queries == 20 and recall.hits >= 16  # recall@5 >= 0.8 on the sample
    assert fe.held_out_recall("fi", n=20).queries == 0  # no Finnish alternative labels in the data


def test_the_hand_written_phrases_are_found():
    from services.matching.domain import free_text_evaluation as fe

    for lang in fe.LANGS:
        recall = fe.phrase_recall(lang)
        assert recall.queries == 41 and recall.hits >= {"fi": 25, "sv": 31, "en": 31}[lang], recall
    for lang, least in (("fi", 14), ("sv", 16)):
        recall = fe.phrase_recall(lang, fe.DEVELOPMENT_PHRASES)
        assert recall.queries == 20 and recall.hits >= least, recall


def test_finnish_action_nouns_read_as_the_verbs_labels_use():
    from shared.reference._esco_lemma import _fi_verbs

    assert "käsitellä" in _fi_verbs("käsittely")
    assert "pakata" in _fi_verbs("pakkaus")
    assert "asentaa" in _fi_verbs("asennus")
    assert "ohjelmoida" in _fi_verbs("ohjelmointi")
    assert "myydä" in _fi_verbs("myynti")
    assert "seurata" in _fi_verbs("seuranta")
    assert "maalata" in _fi_verbs("maalaaminen")


def test_finnish_first_person_past_forms_read_as_verbs():
    from shared.reference._esco_lemma import _fi_past_verbs, _strong, readings

    assert _fi_past_verbs("keitin") == ("keittää",)  # not only the kettle
    assert _fi_past_verbs("ajoin") == ("ajaa",)
    assert _fi_past_verbs("kahvi") == ()
    assert readings("keitin", "fi")[0] == ("keitin", "keittää")
    assert readings("keitin kahvia", "fi")[0] == ("keittää",)  # a sentence: the verb (test_reference_fi_free_text)
    assert _strong("leivo") == ("leivo", "leipo")  # v -> p
    assert _fi_past_verbs("leivoin") == ("leipoa",)  # via leipoi; simplemma reads leivoin as "leivo"
    assert "pestä" in _fi_past_verbs("pesin")  # the -si- past: pesi- + tä (simplemma has pesiä, to nest)
    assert _fi_past_verbs("tiskasin")[-2:] == ("tiskasta", "tiskata")  # back vowels: -ta


def test_finnish_action_nouns_in_u_y_and_to_read_as_verbs():
    from shared.reference._esco_lemma import _fi_verbs

    assert "pestä" in _fi_verbs("pesu")
    assert "käyttää" in _fi_verbs("käyttö")
    assert "hoitaa" in _fi_verbs("hoito")


def test_finnish_compound_label_words_are_split_and_answer_a_query_word_per_part():
    from shared.reference._esco_lemma import _head, _pair_up, lemma_index

    ix = lemma_index("fi")
    word = ix.vocab_id["hevostenhoito"]
    assert ix.compounds["hevostenhoito"] == ("hevonen", "hoito")
    assert (word, False) in ix.parts["hevonen"] and (word, True) in ix.parts["hoito"]
    assert (word, True) in ix.parts["hoitaa"]  # the head's verb
    assert _head(ix, "jalometalli") == "metalli"  # so talli is not its head
    by_word = {"hevostenhoito": [(2.0, 0), (1.5, 1)]}
    assert _pair_up(("tarjota", "hevostenhoito"), by_word, 2, ix.compounds) == [2.0, 1.5]
    assert _pair_up(("tarjota", "hevostenhoito"), by_word, 2, {}) == [2.0, 0.0]  # a plain word answers one


def test_swedish_inflected_compounds_verbs_from_nouns_and_unknown_heads():
    from shared.reference._esco_lemma import _matches, _parts, _verbs, lemma_index

    ix = lemma_index("sv")
    assert _parts("försäljningsfakturor", ix.words, "sv") == ("försäljning", "faktura")
    assert _verbs("kakla", "sv") == ("kakel",)
    assert _verbs("kakel", "sv") == ()
    assert _matches(ix, "lagerarbetare") == {ix.vocab_id["lager"]: 0.5}  # arbetare is in no label


def test_compounds_and_past_forms_reach_the_skill():
    def labels(text, lang):
        return [h.label for h in esco.normalise_free_text(text, lang=lang, limit=5)]

    assert "tarjota hevostenhoitoa" in labels("hoidin hevosia tallilla", "fi")  # hoitaa ~ hoito, hevonen
    assert "lägga kakel" in labels("kaklade badrum", "sv")
    assert "paistaa tuotteita" in labels("leivoin pullia ja leipää", "fi") or \
        "leipoa ja paistaa leivonnaisia" in labels("leivoin pullia ja leipää", "fi")


def test_finnish_verb_noun_pairs_compounds_and_heads():
    def labels(text):
        return [h.label for h in esco.normalise_free_text(text, lang="fi", limit=5)]

    assert labels("tuotteiden myynti")[0] == "myydä tuotteita"  # myynti ~ myydä
    assert "käsitellä asiakasvalituksia" in labels("asiakkaiden valitusten käsittely")  # asiakas + valitus
    assert "käyttää haarukkatrukkia" in labels("trukin ajaminen varastossa")  # trukki heads haarukkatrukki
    assert "tietokoneohjelmointi" in labels("ohjelmointi ja koodaus")


def test_inflected_label_variants_keep_the_labels_lemmas_in_reverse_order():
    from services.matching.domain import free_text_evaluation as fe
    from shared.reference._esco_lemma import lemma
    from shared.reference._esco_search import tokens

    tax = esco.load_taxonomy()
    variants = fe.label_variants("en", n=6, seed=3)
    assert len(variants) == 6
    changed = 0
    for skill, text in variants:
        label = tokens(tax.labels["en"][skill])
        assert len(tokens(text)) == len(label)
        assert [lemma(w, "en") for w in reversed(tokens(text))] == [lemma(w, "en") for w in label]
        changed += text != " ".join(reversed(label))
    assert changed >= 3  # most labels have a word with another form
    assert fe.variant_recall("en", n=6, seed=3).queries == 6


def test_a_word_lexicon_is_learned_from_the_aligned_preferred_labels():
    from shared.reference._esco_lemma import lexicon

    def best(lang, word):
        return lexicon(lang)[word][0][0]

    assert best("fi", "kahvi") == "coffee"
    assert best("fi", "korjata") == "repair"
    assert best("fi", "hevonen") == "horse"
    assert {"customer", "service"} <= {e for e, _ in lexicon("fi")["asiakaspalvelu"]}  # a compound: both words
    assert best("sv", "kakel") == "tile"
    assert best("sv", "fönster") == "window"
    assert all(0.2 <= p <= 1.0 for entries in lexicon("sv").values() for _, p in entries)
    assert "" not in lexicon("fi")  # the empty word is not a word


def test_finnish_and_swedish_text_is_also_matched_on_the_english_labels(monkeypatch):
    from shared.reference import _esco_lemma

    cases = (("laatoitin kylpyhuoneita", "fi", "asentaa laattoja"),  # tiling ~ "lay tiles" (tile laying, tiling)
             ("lärde barn att simma", "sv", "ge simlektioner"))  # "teach swimming lessons"

    def labels(text, lang):
        hits = esco.normalise_free_text(text, lang=lang, limit=5)
        assert all(h.lang == lang for h in hits)  # answered in the text's language
        return [h.label for h in hits]

    # the everyday-vocabulary thesaurus (laatoittaa ~ laatta) finds the tiles by itself: off, to see the field alone
    monkeypatch.setattr(_esco_lemma, "everyday", lambda lang: {})
    for derived in ("_fi_keys", "_fi_known"):  # kept from the thesaurus: uncached while it is off, caches untouched
        monkeypatch.setattr(_esco_lemma, derived, getattr(_esco_lemma, derived).__wrapped__)
    for text, lang, label in cases:
        assert label in labels(text, lang)
    monkeypatch.setattr(_esco_lemma, "_english_field", lambda *args: {})
    for text, lang, label in cases:
        assert label not in labels(text, lang)


def test_the_unseen_phrases_name_known_skills_and_situations_no_other_set_has():
    from services.matching.domain import free_text_evaluation as fe

    tax = esco.load_taxonomy()
    for lang in ("fi", "sv"):
        assert sum(1 for p in fe.UNSEEN_PHRASES if p[0] == lang) == 12
    assert all(uri in tax.index for _, _, uris in fe.UNSEEN_PHRASES for uri in uris)
    earlier = {uri for _, _, uris in fe.PHRASES + fe.DEVELOPMENT_PHRASES for uri in uris}
    assert not earlier & {uri for _, _, uris in fe.UNSEEN_PHRASES for uri in uris}


def test_the_december_7_held_out_phrases_name_known_skills_and_situations_no_other_set_has():
    from services.matching.domain import free_text_evaluation as fe

    tax = esco.load_taxonomy()
    for lang in ("fi", "sv", "en"):
        assert sum(1 for p in fe.HELDOUT_DEC7 if p[0] == lang) == 22
    assert all(uri in tax.index for _, _, uris in fe.HELDOUT_DEC7 for uri in uris)
    earlier = {uri for _, _, uris in fe.PHRASES + fe.DEVELOPMENT_PHRASES + fe.UNSEEN_PHRASES for uri in uris}
    assert not earlier & {uri for _, _, uris in fe.HELDOUT_DEC7 for uri in uris}


def test_the_december_8_swedish_and_english_held_out_phrases_name_known_skills_and_new_situations():
    from services.matching.domain import free_text_evaluation as fe

    tax = esco.load_taxonomy()
    for lang in ("sv", "en"):
        assert sum(1 for p in fe.HELDOUT_DEC8_SV_EN if p[0] == lang) == 20
    assert all(uri in tax.index for _, _, uris in fe.HELDOUT_DEC8_SV_EN for uri in uris)
    earlier = fe.PHRASES + fe.DEVELOPMENT_PHRASES + fe.UNSEEN_PHRASES + fe.HELDOUT_DEC7
    # a situation may share a skill with an earlier one (burgers are meat dishes too) but never its whole answer
    assert not {frozenset(uris) for _, _, uris in earlier} & {frozenset(u) for _, _, u in fe.HELDOUT_DEC8_SV_EN}
    assert not {text for _, text, _ in earlier} & {text for _, text, _ in fe.HELDOUT_DEC8_SV_EN}


# the phrase sets in the order they were written: each held-out set is checked against all the sets before it
_SETS_IN_ORDER = ("PHRASES", "DEVELOPMENT_PHRASES", "UNSEEN_PHRASES", "HELDOUT_DEC7", "HELDOUT_DEC8",
                  "HELDOUT_DEC8_SV_EN", "HELDOUT_DEC9", "HELDOUT_DEC10")


@pytest.mark.parametrize("name", ["HELDOUT_DEC9", "HELDOUT_DEC10"])
def test_the_held_out_phrases_in_three_languages_name_known_skills_and_new_situations(name):
    from services.matching.domain import free_text_evaluation as fe

    tax = esco.load_taxonomy()
    held_out = getattr(fe, name)
    for lang in ("fi", "sv", "en"):
        assert sum(1 for p in held_out if p[0] == lang) == 20
    assert len(held_out) == 60
    assert all(1 <= len(uris) <= 3 for _, _, uris in held_out)
    assert all(uri in tax.index for _, _, uris in held_out for uri in uris)
    earlier = tuple(p for before in _SETS_IN_ORDER[:_SETS_IN_ORDER.index(name)] for p in getattr(fe, before))
    assert not {frozenset(uris) for _, _, uris in earlier} & {frozenset(u) for _, _, u in held_out}
    assert not {text for _, text, _ in earlier} & {text for _, text, _ in held_out}
    # a different situation in each language: no answer is shared between two languages of the set
    by_lang = {lang: {frozenset(u) for lg, _, u in held_out if lg == lang} for lang in ("fi", "sv", "en")}
    assert all(len(answers) == 20 for answers in by_lang.values())
    assert not (by_lang["fi"] & by_lang["sv"]) | (by_lang["fi"] & by_lang["en"]) | (by_lang["sv"] & by_lang["en"])


def test_label_length_normalisation_is_bm25s_for_a_word_found_once():
    from shared.reference._esco_lemma import length_norm

    # (k1 + 1) / (1 + k1 * (1 - b + b * words / average)) with k1 = 1.2, b = 0.5, by hand:
    assert length_norm(4, 4.0) == pytest.approx(1.0)  # 2.2 / 2.2
    assert length_norm(2, 4.0) == pytest.approx(2.2 / 1.9)  # 1 + 1.2 * (0.5 + 0.25)
    assert length_norm(6, 4.0) == pytest.approx(2.2 / 2.5)  # 1 + 1.2 * (0.5 + 0.75)


def test_a_short_label_with_the_texts_key_word_outranks_a_long_one_that_shares_more_words():
    from array import array

    from shared.reference._esco_lemma import LemmaIndex, _score, length_norm

    entries = (("pour", "concrete"), ("pour", "concrete", "floor", "underwater", "tunnel", "mould"))  # average 4
    vocab = tuple(sorted({w for e in entries for w in e}))
    ix = LemmaIndex(
        lang="en", skill=array("i", [0, 1]), preferred=bytes([1, 1]), entry_lemmas=entries,
        length_norm=array("d", [length_norm(2, 4.0), length_norm(6, 4.0)]), vocab=vocab,
        vocab_id={v: k for k, v in enumerate(vocab)},
        postings=tuple(array("i", [e for e, words in enumerate(entries) if v in words]) for v in vocab),
        idf=(1.0,) * len(vocab), stems={}, blob="\n".join(vocab), starts=array("i"),
    )
    # the text's words "concrete" (weight 3) and "floor" (weight 1): 4 possible
    best = _score(ix, [{"concrete": 3.0}, {"floor": 1.0}], [{"concrete": 1.0}, {"floor": 1.0}], [0, 1], 4.0)
    # short: 3/4 of the weight, covers 1 of 2 words: 0.75 * (0.6 + 0.4 / 2) * 2.2 / 1.9 = 0.6947
    # long: all the weight, covers 2 of 6 words: 1 * (0.6 + 0.4 * 2 / 6) * 2.2 / 2.5 = 0.6453
    # (without the normalisation the long label would win, 0.7333 against 0.6)
    assert best[0][0] == pytest.approx(0.75 * 0.8 * 2.2 / 1.9)
    assert best[1][0] == pytest.approx((0.6 + 0.4 * 2 / 6) * 2.2 / 2.5)
    assert best[0][0] > best[1][0]
