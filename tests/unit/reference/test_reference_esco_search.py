"""As-you-type skill search."""

import time

import pytest

from shared.reference import esco

pytestmark = pytest.mark.slow  # warm() builds the search index of the whole ESCO taxonomy: seconds


@pytest.fixture(scope="module", autouse=True)
def warm():
    esco.warm_up()


def labels(hits):
    return [h.label for h in hits]


def test_finnish_label_and_prefix():
    hits = esco.search_skills("asiakaspalvelu", lang="fi")
    assert hits[0].label == "asiakaspalvelu" and hits[0].lang == "fi"
    assert all("asiakaspalvelu" in label.casefold() for label in labels(hits))
    prefix = esco.search_skills("hitsa", lang="fi", limit=5)
    assert len(prefix) == 5 and all("hitsa" in label for label in labels(prefix))


def test_swedish_and_english_labels():
    assert esco.search_skills("kundservice", lang="sv")[0].label == "kundservice"
    hits = esco.search_skills("customer serv", lang="en")
    assert hits[0].label == "customer service"
    assert esco.search_skills("svets")[0].lang == "sv"


def test_english_alt_label_finds_the_skill_in_finnish():
    tax = esco.load_taxonomy()
    i = next(k for k, alts in enumerate(tax.alt_labels["en"]) if "bookkeeping" in alts)
    assert tax.label(i, "en") == "accounting"
    hit = esco.search_skills("Bookkeeping", lang="fi")[0]
    assert (hit.index, hit.label, hit.lang) == (i, "kirjanpito", "fi")
    assert i in [h.index for h in esco.search_skills("bookkee", lang="fi", limit=3)]


def test_case_and_diacritics_but_not_finnish_letters():
    assert esco.search_skills("PYTHON")[0].label.startswith("Python")
    assert labels(esco.search_skills("Käyttää", lang="fi", limit=3)) == labels(
        esco.search_skills("käyttää", lang="fi", limit=3))
    assert labels(esco.search_skills("cafe", limit=3)) == labels(esco.search_skills("café", limit=3))
    assert esco.search_skills("kaeyttaeae") == []
    assert all("ä" in h.label for h in esco.search_skills("käyttää", lang="fi", limit=5))


def test_substring_after_prefix():
    hits = esco.search_skills("hitsaus", lang="fi", limit=20)
    assert any(not label.startswith("hitsaus") and "hitsaus" in label for label in labels(hits))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hits_are_distinct_skills_within_limit():
    hits = esco.search_skills("manage", limit=7)
    assert len(hits) == 7 and len({h.index for h in hits}) == 7
    tax = esco.load_taxonomy()
    assert all(tax.uris[h.index] == h.uri for h in hits)


@pytest.mark.parametrize("query", ["", "   ", "!!", None])
def test_empty_queries(query):
    assert esco.search_skills(query) == []


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        esco.search_skills("weld", lang="de")


def test_answers_in_a_few_milliseconds():
    queries = ["a", "hit", "asiakaspalvelu", "customer serv", "svets", "pro man", "xqzv"]
    start = time.perf_counter()
    for q in queries:
        esco.search_skills(q, lang="fi")
    assert (time.perf_counter() - start) / len(queries) < 0.05  # generous for slow CI machines
