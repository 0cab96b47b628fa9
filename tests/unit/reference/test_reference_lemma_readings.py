"""Free text read as label words: Finnish first-person past forms read as their verbs (`_esco_lemma._fi_past_verbs`),
English words that say when rather than what left out (`STOPWORDS`)."""

import pytest

from shared.reference._esco_lemma import _fi_past_verbs, _query, lemma_index

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("token, verb", [
    ("pakkasin", "pakata"),  # the -si- past of a contracted verb is in the strong grade: pakkasi- -> pakata
    ("leikkasin", "leikata"),
    ("korjasin", "korjata"),  # no gradation: the stem with -ta, as before
])
def test_a_si_past_is_read_as_its_infinitive_in_the_weak_grade(token, verb):
    assert verb in _fi_past_verbs(token)


def test_pakkasin_is_read_as_pakata_not_only_as_pakka():
    query, _ = _query(lemma_index("fi"), "pakkasin paketteja")
    assert query[0][0] == "pakka"  # simplemma's reading, a deck of cards
    assert "pakata" in query[0]


def test_an_english_summer_job_is_not_read_as_summer_tyres():
    # "summer" is in two English labels only (summer tyres, summer night cooling): it says when, not what
    from shared.reference._esco_lemma import STOPWORDS, rank
    from shared.reference.esco import load_taxonomy

    labels = load_taxonomy().labels["en"]
    found = [labels[s] for s, _ in rank(lemma_index("en"), "summer job at a supermarket", 5)]
    assert "summer" in STOPWORDS["en"]
    assert "types of tyres" not in found and "advise on fitted ventilation systems" not in found
    assert "store goods" in found
