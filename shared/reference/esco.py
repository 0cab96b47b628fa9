"""ESCO v1.1.1 skills, skill groups, skill relations and occupations (fi/sv/en), loaded lazily."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from shared.reference._common import LANGS, check_lang, read_csv

ALT_SEPARATOR = "|"
RELATION_TYPES = ("essential", "optional")


def _indices(cell: str) -> tuple[int, ...]:
    """Parse a space-separated list of row indices."""
    return tuple(int(x) for x in cell.split())


@dataclass(frozen=True, eq=False)
class SkillTaxonomy:
    """The ESCO skills as parallel tuples; skill i is uris[i]."""

    uris: tuple[str, ...]
    index: Mapping[str, int]
    labels: Mapping[str, tuple[str, ...]]
    skill_type: tuple[str, ...]
    broader: tuple[tuple[int, ...], ...]
    groups: tuple[tuple[str, ...], ...]
    related: tuple[tuple[tuple[int, str], ...], ...]
    alt_labels: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=lambda: MappingProxyType({}))
    reuse_level: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    collections: tuple[frozenset[str], ...] = ()

    def __len__(self) -> int:
        """Number of skills."""
        return len(self.uris)

    def label(self, i: int, lang: str = "fi") -> str:
        """Preferred label of skill i in fi, sv or en (English if the language has none)."""
        return self.labels[check_lang(lang)][i] or self.labels["en"][i]

    def hint(self, i: int, lang: str = "fi") -> str | None:
        """What tells skill i apart from other skills with the same label in `lang`, or None when none shares it."""
        return _label_hints(self, check_lang(lang)).get(i)

    def shown(self, i: int, lang: str = "fi") -> str:
        """The label as pages and the API show it: with its hint in brackets when another skill shares it."""
        hint = self.hint(i, lang)
        return self.label(i, lang) if hint is None else f"{self.label(i, lang)} ({hint})"


@lru_cache(maxsize=8)
def _label_hints(tax: SkillTaxonomy, lang: str) -> Mapping[int, str]:
    """Skills whose label in `lang` another skill shares -> a distinguishing hint.

    The hint is the first broader skill's label when that differs from the label and from the other
    skills' hints; otherwise the English label (when `lang` is not English), else the ESCO identifier's end.
    """
    sharing: dict[str, list[int]] = {}
    for i in range(len(tax.uris)):
        sharing.setdefault(tax.label(i, lang), []).append(i)
    hints: dict[int, str] = {}
    for label, skills in sharing.items():
        if len(skills) < 2:
            continue
        broader = [next((tax.label(b, lang) for b in tax.broader[i] if tax.label(b, lang) != label), None)
                   for i in skills]
        if all(broader) and len(set(broader)) == len(skills):
            hints.update(zip(skills, broader))  # type: ignore[arg-type]
            continue
        english = [tax.labels["en"][i] for i in skills]
        if lang != "en" and len(set(english)) == len(skills) and label not in english:
            hints.update(zip(skills, english))
        else:
            hints.update((i, tax.uris[i].rsplit("/", 1)[-1][:8]) for i in skills)
    return MappingProxyType(hints)


@dataclass(frozen=True)
class SkillGroup:
    """An ESCO skill group (hierarchy node), e.g. S1.1.1 or the ISCED-F based K0613."""

    uri: str
    code: str
    level: int
    label_en: str
    broader: tuple[str, ...]


@dataclass(frozen=True)
class Occupation:
    """An ESCO occupation with its ISCO-08 unit group and essential/optional skill indices."""

    uri: str
    code: str
    isco_group: str
    labels: Mapping[str, str] = field(hash=False, compare=False)
    essential: tuple[int, ...] = field(hash=False, compare=False)
    optional: tuple[int, ...] = field(hash=False, compare=False)

    def label(self, lang: str = "fi") -> str:
        """Preferred label in fi, sv or en."""
        return self.labels[check_lang(lang)] or self.labels["en"]


@dataclass(frozen=True)
class IscoGroup:
    """An ISCO-08 group (1-4 digit code) with fi/sv/en labels."""

    uri: str
    code: str
    labels: Mapping[str, str] = field(hash=False, compare=False)

    def label(self, lang: str = "fi") -> str:
        """Label in fi, sv or en."""
        return self.labels[check_lang(lang)] or self.labels["en"]


@dataclass(frozen=True)
class SkillHit:
    """A search result: skill uri and index, its label in lang, and a score (higher is better); for free text, the
    everyday words of the text that were read as words of the skill's label ("vessa → wc")."""

    uri: str
    index: int
    label: str
    lang: str
    score: float
    read_as: tuple[str, ...] = ()
    translated_as: tuple[str, ...] = ()  # free text: words read through the bilingual dictionary ("får → sheep")


@lru_cache(maxsize=1)
def skill_groups() -> tuple[SkillGroup, ...]:
    """All 647 skill groups ordered by code."""
    rows = list(read_csv("esco_skill_groups.csv.gz"))
    uris = [r["uri"] for r in rows]
    return tuple(
        SkillGroup(r["uri"], r["code"], int(r["level"]), r["label_en"], tuple(uris[i] for i in _indices(r["broader"])))
        for r in rows
    )


@lru_cache(maxsize=1)
def _groups_by_uri() -> Mapping[str, SkillGroup]:
    """Skill groups keyed by uri."""
    return MappingProxyType({g.uri: g for g in skill_groups()})


def skill_group(uri: str) -> SkillGroup:
    """One skill group by uri; KeyError if unknown."""
    return _groups_by_uri()[uri]


@lru_cache(maxsize=1)
def load_taxonomy() -> SkillTaxonomy:
    """The 13,896 ESCO skills with labels, broader skills, nearest groups and relations (cached)."""
    rows = list(read_csv("esco_skills.csv.gz"))
    group_uris = [g.uri for g in skill_groups()]
    related: list[list[tuple[int, str]]] = [[] for _ in rows]
    for r in read_csv("esco_skill_relations.csv.gz"):
        a, b = int(r["skill"]), int(r["related"])
        related[a].append((b, r["relation"]))
        related[b].append((a, r["relation"]))
    uris = tuple(r["uri"] for r in rows)
    return SkillTaxonomy(
        uris=uris,
        index=MappingProxyType({uri: i for i, uri in enumerate(uris)}),
        labels=MappingProxyType({lang: tuple(r[f"label_{lang}"] for r in rows) for lang in LANGS}),
        skill_type=tuple(r["skill_type"] for r in rows),
        broader=tuple(_indices(r["broader_skills"]) for r in rows),
        groups=tuple(tuple(group_uris[i] for i in _indices(r["groups"])) for r in rows),
        related=tuple(tuple(sorted(set(links))) for links in related),
        alt_labels=MappingProxyType({
            lang: tuple(tuple(a for a in r[f"alt_{lang}"].split(ALT_SEPARATOR) if a) for r in rows) for lang in LANGS
        }),
        reuse_level=tuple(r["reuse_level"] for r in rows),
        pillars=tuple(r["pillars"] for r in rows),
        collections=tuple(frozenset(r["collections"].split()) for r in rows),
    )


@lru_cache(maxsize=1)
def _occupations() -> Mapping[str, Occupation]:
    """Occupations keyed by uri, ordered by uri."""
    table = {}
    for r in read_csv("esco_occupations.csv.gz"):
        table[r["uri"]] = Occupation(
            uri=r["uri"], code=r["code"], isco_group=r["isco_group"],
            labels=MappingProxyType({lang: r[f"label_{lang}"] for lang in LANGS}),
            essential=_indices(r["essential"]), optional=_indices(r["optional"]),
        )
    return MappingProxyType(table)


def occupations() -> tuple[Occupation, ...]:
    """All 3,007 ESCO occupations ordered by uri."""
    return tuple(_occupations().values())


def occupation(uri: str) -> Occupation:
    """One occupation by uri; KeyError if unknown."""
    return _occupations()[uri]


def occupation_skills(uri: str) -> tuple[tuple[int, str], ...]:
    """(skill index, 'essential'|'optional') pairs of an occupation, essential first; KeyError if unknown."""
    occ = occupation(uri)
    return tuple((i, "essential") for i in occ.essential) + tuple((i, "optional") for i in occ.optional)


@lru_cache(maxsize=1)
def _isco_groups() -> Mapping[str, IscoGroup]:
    """ISCO-08 groups keyed by code."""
    return MappingProxyType({
        r["code"]: IscoGroup(r["uri"], r["code"], MappingProxyType({lang: r[f"label_{lang}"] for lang in LANGS}))
        for r in read_csv("esco_isco_groups.csv.gz")
    })


def isco_group(code: str) -> IscoGroup:
    """An ISCO-08 group by code ("2512"); KeyError if unknown."""
    return _isco_groups()[code]


def isco_groups() -> tuple[IscoGroup, ...]:
    """All 619 ISCO-08 groups ordered by code."""
    return tuple(_isco_groups().values())


def search_skills(query: str, lang: str | None = None, limit: int = 10) -> list[SkillHit]:
    """As-you-type skill search over fi/sv/en labels and English alt labels.

    Exact label, then label prefix, then word prefixes, then substring; lang (if given) ranks its
    labels first and is the language of the returned labels. The index is built on first use.
    """
    from shared.reference._esco_search import search

    if lang is not None:
        check_lang(lang)
    return search(query, lang, limit)


def normalise_free_text(text: str, lang: str | None = None, limit: int = 10) -> list[SkillHit]:
    """Suggest skills for free text in fi/sv/en by lemma overlap with labels (language detected if None)."""
    from shared.reference._esco_lemma import suggest

    if lang is not None:
        check_lang(lang)
    return suggest(text, lang, limit)


def warm_up(free_text: bool = False) -> None:
    """Load the taxonomy and build the search index now (and the free-text indices if asked), e.g. at start-up."""
    from shared.reference._esco_lemma import dictionary, everyday, lemma_index, lexicon
    from shared.reference._esco_search import search_index

    load_taxonomy()
    search_index()
    if free_text:
        for lang in LANGS:
            lemma_index(lang)
            everyday(lang)
            if lang != "en":
                lexicon(lang)
                dictionary(lang)
