"""Finnish first-person past forms read as the verbs they come from (`_esco_lemma._fi_past_verbs`)."""

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
