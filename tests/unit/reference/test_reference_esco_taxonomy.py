"""ESCO v1.1.1 taxonomy: counts, labels, hierarchy, relations and occupations."""

import pytest

from shared.reference import esco


@pytest.fixture(scope="module")
def tax():
    return esco.load_taxonomy()


def test_counts_and_labels_in_three_languages(tax):
    assert len(tax.uris) == len(tax) == 13_896
    assert len(set(tax.uris)) == 13_896
    for lang in ("fi", "sv", "en"):
        assert len(tax.labels[lang]) == 13_896
        assert all(tax.labels[lang]), f"a {lang} label is missing"
    assert all(tax.index[uri] == i for i, uri in enumerate(tax.uris))
    assert esco.load_taxonomy() is tax


def test_label_and_types(tax):
    i = next(k for k, label in enumerate(tax.labels["en"]) if label == "customer service")
    assert tax.label(i) == "asiakaspalvelu"
    assert tax.label(i, "sv") == "kundservice"
    assert tax.label(i, "en") == "customer service"
    with pytest.raises(ValueError):
        tax.label(i, "de")
    assert set(tax.skill_type) == {"skill/competence", "knowledge", ""}
    assert tax.skill_type.count("knowledge") == 3_059
    assert sum(len(alts) for alts in tax.alt_labels["en"]) > 80_000


def test_broader_and_groups_are_consistent(tax):
    n = len(tax)
    assert len(tax.broader) == len(tax.groups) == len(tax.related) == n
    assert all(0 <= b < n and b != i for i, bs in enumerate(tax.broader) for b in bs)
    assert sum(map(len, tax.broader)) == 6_565
    group_uris = {g.uri for g in esco.skill_groups()}
    assert len(group_uris) == 647
    assert all(gs and set(gs) <= group_uris for gs in tax.groups)
    assert set("".join(tax.pillars)) == {"S", "K", "L", "T"}


def test_related_is_symmetric_and_typed(tax):
    n = len(tax)
    pairs = {(i, j, kind) for i, links in enumerate(tax.related) for j, kind in links}
    assert pairs and all(0 <= j < n and j != i for i, j, _ in pairs)
    assert all((j, i, kind) in pairs for i, j, kind in pairs)
    assert {kind for _, _, kind in pairs} == {"essential", "optional"}
    assert len(pairs) == 2 * 5_898


def test_skill_groups_hierarchy():
    groups = esco.skill_groups()
    roots = {g.code for g in groups if not g.broader}
    assert roots == {"S", "K", "L", "T"}
    by_uri = {g.uri: g for g in groups}
    assert all(by_uri[p].level == g.level - 1 for g in groups for p in g.broader)
    ict = esco.skill_group("http://data.europa.eu/esco/isced-f/0613")
    assert ict.code == "K0613" and ict.level == 3


def test_occupations_and_their_skills(tax):
    occupations = esco.occupations()
    assert len(occupations) == 3_007
    welder = next(o for o in occupations if o.label("en") == "welder")
    assert welder.isco_group == "7212" and welder.label("fi") and welder.label("sv")
    skills = esco.occupation_skills(welder.uri)
    assert {kind for _, kind in skills} == {"essential", "optional"}
    assert all(0 <= i < len(tax) for i, _ in skills)
    assert any("weld" in tax.label(i, "en") for i, kind in skills if kind == "essential")
    total = sum(len(o.essential) + len(o.optional) for o in occupations)
    assert total == 123_788
    with pytest.raises(KeyError):
        esco.occupation_skills("http://data.europa.eu/esco/occupation/nope")


def test_isco_groups():
    assert len(esco.isco_groups()) == 619
    group = esco.isco_group("7212")
    assert group.label("en").startswith("Welders")
    assert group.label("fi") and group.label("sv")


def _hand_built(broader):
    from types import MappingProxyType

    from shared.reference.esco import SkillTaxonomy

    uris = ("u/serve", "u/customer-service", "u/retail", "u/hospitality")
    labels = {"fi": ("asiakaspalvelu", "asiakaspalvelu", "vähittäiskauppa", "majoitus- ja ravitsemisala"),
              "sv": ("kundservice", "kundtjänst", "detaljhandel", "hotell och restaurang"),
              "en": ("serve customers", "customer service", "retail", "hospitality")}
    return SkillTaxonomy(uris=uris, index=MappingProxyType({u: i for i, u in enumerate(uris)}),
                         labels=MappingProxyType(labels), skill_type=("skill",) * 4, broader=broader,
                         groups=((),) * 4, related=((),) * 4)


def test_skills_that_share_a_label_are_shown_with_their_broader_skill():
    tax = _hand_built(broader=((2,), (3,), (), ()))
    assert [tax.shown(i, "fi") for i in range(4)] == [
        "asiakaspalvelu (vähittäiskauppa)", "asiakaspalvelu (majoitus- ja ravitsemisala)", "vähittäiskauppa",
        "majoitus- ja ravitsemisala"]
    assert tax.hint(0, "sv") is None and tax.shown(0, "sv") == "kundservice"  # Swedish labels differ


def test_without_distinct_broader_skills_the_hint_is_the_english_label():
    tax = _hand_built(broader=((2,), (2,), (), ()))
    assert (tax.shown(0, "fi"), tax.shown(1, "fi")) == ("asiakaspalvelu (serve customers)",
                                                        "asiakaspalvelu (customer service)")
