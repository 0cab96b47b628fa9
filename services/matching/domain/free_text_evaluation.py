"""Recall@5 of the free-text skill suggestions, on ESCO alternative labels held out of the index.

Construction (seeded): among the skills with at least two alternative labels in a language, `n` are drawn
and one alternative label of each is drawn; those labels are taken out of the index, and each is then
given as free text. A hit is the skill among the first five suggestions. A language whose ESCO data has
no alternative labels gets no figure (`None`): the repository's Finnish and Swedish ESCO labels are
preferred labels only (shared/reference/data/SOURCES.md).

A small hand-written sample of phrases as people write them (`PHRASES`) is scored the same way, with the
whole index; it was written while improving the ranking, so it is a check, not a held-out measure.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LANGS = ("fi", "sv", "en")

_SKILL = "http://data.europa.eu/esco/skill/"


def _skills(uuids: str) -> tuple[str, ...]:
    """ESCO skill URIs from their ids, separated by spaces."""
    return tuple(_SKILL + u for u in uuids.split())


_SERVICE = _skills("15a33d76-4640-438d-ae64-fdc0c1d3eebc")
_CASH = _skills("279101c1-e325-4349-bf58-401b6c8ff208 0cb013af-6dd9-4fb2-b34e-63dda1a5cf82")
_COFFEE = _skills("a37afd64-1022-48ba-a8e7-e41b29fe056e e4fb4f26-1c0c-45e4-9250-5be32cee2a48")
_BAKE = _skills("5626b3b1-5415-47f6-acf1-b573d457d180 587530c9-149c-4078-9f64-b58097aea0ae")
_CLEAN = _skills("7bb01a18-4637-4535-ba18-258f48f705b8 4f1b6304-f54a-42f0-9604-5427a28d240f")
_FORKLIFT = _skills("28cb374e-6261-4133-8371-f9a5470145da")
_WELD = _skills("2ee57de4-bffd-4194-b009-0060edec77cc 2fcd95a4-1f9a-41cf-95a9-4701bde476b4 "
                "530cb489-d900-46ab-9350-4d50ccd49eea")
_ELDERLY = _skills("261e740b-d32d-4356-94a8-3ea29128b70b")
_SHELVES = _skills("7e9daad3-8604-4839-af9b-dc6f8db3ef68")
_SERVE = _skills("42a6eff0-e9d9-423d-877b-e48fe91ff26f")
_COMPLAINTS = _skills("28d715e3-3e5b-4fb6-8dd2-4be4919c8587")
_SELL = _skills("29a50780-f81b-429c-b410-7f23a492e19d")
_PROGRAMMING = _skills("21d2f96d-35f7-4e3f-9745-c533d2dd6e97")
_DISHWASHER = _skills("f20aedf0-6543-498d-b88e-0a32e604acbb")

# (language, free text as people write it, ESCO skills of which one should be among the first five)
PHRASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "Olen tehnyt asiakaspalvelua kaupoissa", _SERVICE),
    ("fi", "olen ollut kassalla töissä", _CASH),
    ("fi", "keitin kahvia kahvilassa", _COFFEE),
    ("fi", "leivoin pullia ja leipää", _BAKE),
    ("fi", "hotellihuoneiden siivous", _CLEAN),
    ("fi", "trukin ajaminen varastossa", _FORKLIFT),
    ("fi", "hitsaustyöt", _WELD),
    ("fi", "vanhusten hoitaminen", _ELDERLY),
    ("fi", "täytin hyllyjä marketissa", _SHELVES),
    ("fi", "ruoan tarjoilu ravintolassa", _SERVE),
    ("fi", "asiakkaiden valitusten käsittely", _COMPLAINTS),
    ("fi", "tuotteiden myynti", _SELL),
    ("fi", "ohjelmointi ja koodaus", _PROGRAMMING),
    ("fi", "astianpesukoneen käyttö keittiössä", _DISHWASHER),
    ("sv", "kundservice i butik", _SERVICE),
    ("sv", "jag har jobbat i kassan", _CASH),
    ("sv", "kokade kaffe på ett café", _COFFEE),
    ("sv", "bakade bullar och bröd", _BAKE),
    ("sv", "städning av hotellrum", _CLEAN),
    ("sv", "körde truck på lagret", _FORKLIFT),
    ("sv", "svetsning", _WELD),
    ("sv", "tog hand om äldre", _ELDERLY),
    ("sv", "fyllde på hyllor i butiken", _SHELVES),
    ("sv", "serverade mat på restaurang", _SERVE),
    ("sv", "hanterade klagomål från kunder", _COMPLAINTS),
    ("sv", "försäljning av produkter", _SELL),
    ("sv", "programmering", _PROGRAMMING),
    ("sv", "skötte diskmaskinen i köket", _DISHWASHER),
    ("en", "customer service in shops", _SERVICE),
    ("en", "worked at the till", _CASH),
    ("en", "making coffee in a cafe", _COFFEE),
    ("en", "baked buns and bread", _BAKE),
    ("en", "cleaning hotel rooms", _CLEAN),
    ("en", "forklift driving in a warehouse", _FORKLIFT),
    ("en", "welding", _WELD),
    ("en", "looking after elderly people", _ELDERLY),
    ("en", "filling shelves in a supermarket", _SHELVES),
    ("en", "serving food in a restaurant", _SERVE),
    ("en", "dealing with customer complaints", _COMPLAINTS),
    ("en", "selling products", _SELL),
    ("en", "coding and programming", _PROGRAMMING),
    ("en", "running the dishwasher in a kitchen", _DISHWASHER),
)


@dataclass(frozen=True)
class Recall:
    """Recall@k of one language: hits of queries."""

    lang: str
    queries: int
    hits: int

    @property
    def recall(self) -> float | None:
        """Share of queries whose skill was among the first k (None without queries)."""
        return self.hits / self.queries if self.queries else None


def held_out_queries(lang: str, n: int, seed: int) -> list[tuple[int, str]]:
    """(skill, alternative label) pairs drawn for `lang`, to leave out of the index and query with."""
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    alt = tax.alt_labels.get(lang) or ()
    rng = np.random.default_rng(seed)
    eligible = [i for i, labels in enumerate(alt) if len(labels) >= 2]
    if not eligible:
        return []
    chosen = sorted(rng.choice(eligible, min(n, len(eligible)), replace=False).tolist())
    return [(i, str(alt[i][int(rng.integers(len(alt[i])))])) for i in chosen]


def held_out_recall(lang: str, n: int = 300, seed: int = 1, k: int = 5) -> Recall:
    """Recall@k on `n` held-out alternative labels of `lang`."""
    from shared.reference._esco_lemma import build_index, rank

    queries = held_out_queries(lang, n, seed)
    if not queries:
        return Recall(lang, 0, 0)
    index = build_index(lang, queries)
    hits = sum(1 for skill, text in queries if skill in [s for s, _ in rank(index, text, k)])
    return Recall(lang, len(queries), hits)


def phrase_recall(lang: str, phrases=PHRASES, k: int = 5) -> Recall:
    """Recall@k of the hand-written phrases of `lang`."""
    from shared.reference._esco_lemma import lemma_index, rank
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    mine = [(text, {tax.index[uri] for uri in uris}) for lg, text, uris in phrases if lg == lang]
    hits = sum(1 for text, skills in mine if skills & {s for s, _ in rank(lemma_index(lang), text, k)})
    return Recall(lang, len(mine), hits)


def table(held_out: list[Recall], phrases: list[Recall]) -> str:
    """Recall@5 per language as a text table."""
    def cell(r: Recall) -> str:
        return f"{r.recall:.3f} ({r.hits}/{r.queries})" if r.recall is not None else "no alt labels"
    lines = [f"{'lang':<5} {'held-out alt labels':>22} {'hand-written phrases':>22}"]
    lines += [f"{a.lang:<5} {cell(a):>22} {cell(b):>22}" for a, b in zip(held_out, phrases)]
    return "\n".join(lines)
