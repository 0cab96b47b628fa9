"""Finnish free text to ESCO skills: derivation, compounds, inflected loanwords, past-tense verbs (ninth round)."""

import pytest

from shared.reference import esco

pytestmark = pytest.mark.slow


def labels(text, limit=5):
    return [h.label for h in esco.normalise_free_text(text, lang="fi", limit=limit)]


def test_a_verb_finds_the_action_noun_a_label_uses():
    from shared.reference._esco_lemma import _fi_nouns, _fi_verbs, _matches, lemma_index

    assert "ulkoilutus" in _fi_nouns("ulkoiluttaa")  # the stem's tt in the weak grade
    assert "käännös" in _fi_nouns("kääntää")  # nt -> nn
    assert "leikkaus" in _fi_nouns("leikata")  # a contracted verb: the strong grade
    assert "ohjelmointi" in _fi_nouns("ohjelmoida")
    assert "kääntää" in _fi_verbs("käännös") and "ulkoiluttaa" in _fi_verbs("ulkoilutus")
    ix = lemma_index("fi")
    # ulkoiluttaminen ~ ulkoiluttaa ~ ulkoilutus, the first part of ulkoilutuspalvelu
    assert ix.vocab_id["ulkoilutuspalvelu"] in _matches(ix, "ulkoiluttaminen")
    assert "tarjota koiran ulkoilutuspalveluita" in labels("koirien ulkoiluttaminen")


def test_text_compounds_are_read_through_their_parts():
    from shared.reference._esco_lemma import _query, lemma_index

    ix = lemma_index("fi")
    # some is a thesaurus word, no label word (somemarkkinointi has become a thesaurus row of its own)
    query, used = _query(ix, "somemainonta")
    assert query[0][0] == "some" and "=sosiaalinen" in query[0] and ("mainonta",) in query
    assert ("some", "sosiaalinen media") in used
    assert _query(ix, "käännöstyöt")[0][0] == ("käännöstyö", "käännös")  # a light head: the work of translating
    query = _query(ix, "sähköasennukset")[0]  # an action noun head: asentaa sähkö...
    assert query[0] == ("sähköasennus",) and ("sähkö",) in query and ("asennus", "sähköasennus") in query
    assert "asentaa sähkö- ja elektroniikkalaitteita" in labels("sähköasennukset omakotitaloihin")
    # käännöstyö read through its part käännös, the noun of kääntää
    assert any(label.startswith("kääntää ") for label in labels("käännöstyöt englannista suomeen"))


def test_inflected_loanwords_and_names_reach_the_thesaurus():
    from shared.reference._esco_lemma import _fi_bare, _query, lemma_index

    assert "word" in _fi_bare("wordillä") and "instagram" in _fi_bare("instagramissa")
    assert "youtube" in _fi_bare("youtubeen") and "tiktok" in _fi_bare("tiktokissa")
    ix = lemma_index("fi")
    assert "=tekstinkäsittelyohjelmisto" in _query(ix, "Wordillä")[0][0]  # simplemma leaves wordillä as it is
    assert "=sosiaalinen" in _query(ix, "TikTokissa")[0][0]  # simplemma reads tiktoka
    assert labels("kirjoitin tekstejä Wordillä")[0] == "käyttää tekstinkäsittelyohjelmistoja"


def test_a_text_opening_with_a_past_form_reads_it_as_the_verb():
    from shared.reference._esco_lemma import readings

    assert readings("autoin asiakkaita kaupassa", "fi")[0] == ("auttaa",)  # not auto, a car
    assert readings("autoin", "fi")[0] == ("auto", "auttaa")  # one word: either
    assert readings("kaupassa autoin asiakkaita", "fi")[1] == ("auto", "auttaa")  # not the opening word
    assert readings("asensin ohjelmia", "fi")[0][0] == "asentaa"  # simplemma's reading is a verb already: kept
    assert not any("auto" in label or "ajoneuvo" in label for label in labels("autoin asiakkaita kaupassa"))


def test_a_thesaurus_word_also_matches_as_the_head_of_a_compound_label_word():
    from shared.reference._esco_lemma import _matches_any, lemma_index

    ix = lemma_index("fi")
    found = _matches_any(ix, ("ruoanlaitto", "=ruoka"))  # laittaa ruoka ~ valmistaa ruokaa
    assert ix.vocab_id["valmisruoka"] in found and ix.vocab_id["liharuoka"] in found
    assert ix.vocab_id["jalkojenhoito"] not in _matches_any(ix, ("=hoitaa",))  # a head's verb is not its head
    assert labels("ruoanlaitto koulun keittiössä")[0] == "valmistaa valmisruokia"


def test_walls_and_floors_read_as_the_surfaces_labels_name():
    from shared.reference._esco_lemma import everyday

    assert ("pinta",) in everyday("fi")[("seinä",)] and ("pinta",) in everyday("fi")[("lattia",)]
    assert "maalata pintoja" in labels("seinien maalaaminen remonteissa")
    assert "puhdistaa pintoja" in labels("lattioiden pesu toimistossa")


def test_a_plural_form_simplemma_misreads_also_reads_as_its_word():
    from shared.reference._esco_lemma import _fi_bare, _query, lemma, lemma_index

    assert lemma("kenkien", "fi") == "kenkiä"  # simplemma's reading (the labels have kenkä)
    assert "kenkä" in _fi_bare("kenkien")  # the plural stem kenki- of kenkä
    ix = lemma_index("fi")
    assert _query(ix, "kenkien korjaus")[0][0][:2] == ("kenkiä", "kenkä")
    assert _query(ix, "suutarilla")[0][0] == ("suutari",)  # no lemma of a cut form (suutar -> suu)
    assert "korjata kenkiä" in labels("kenkien korjaus suutarilla")


def test_the_december_8_held_out_phrases_are_finnish_and_name_known_skills():
    from services.matching.domain import free_text_evaluation as fe

    tax = esco.load_taxonomy()
    assert len(fe.HELDOUT_DEC8) == 20 and all(p[0] == "fi" for p in fe.HELDOUT_DEC8)
    assert all(uri in tax.index for _, _, uris in fe.HELDOUT_DEC8 for uri in uris)
    earlier = {text for _, text, _ in fe.PHRASES + fe.DEVELOPMENT_PHRASES + fe.UNSEEN_PHRASES + fe.HELDOUT_DEC7}
    assert not earlier & {text for _, text, _ in fe.HELDOUT_DEC8}
