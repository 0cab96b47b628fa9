"""Free text (fi/sv/en) to ESCO skills: simplemma lemmas matched to label lemmas, weighted by rarity."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from shared.reference._common import LANGS
from shared.reference._esco_search import tokens

_MAX_QUERY_LEMMAS = 40
_CANDIDATE_POOL = 300
_REPEAT_PENALTY = 0.7  # each further hit led by the same query word is worth this much less
_EXACT, _PREFIX, _DERIVED, _INSIDE, _PART = 1.0, 0.8, 0.6, 0.5, 0.5
_ALT_LABEL = 0.85  # a match on an alternative label counts a little less than on the preferred one

STOPWORDS = {
    "fi": frozenset(
        "ja tai sekä eli mutta on olen oli olla ei en se ne tämä että kun myös kanssa minä mä mun minun "
        "osata osaan osa osaaminen hyvä hyvin paljon haluta haluan voida pystyä kuten esim jne jo vielä "
        "kaikki muu muut jokin jotain tehdä työskennellä tykätä pitää".split()),
    "sv": frozenset(
        "och eller samt men jag du han hon vi de det den en ett är var vara har ha hade kan kunna vill "
        "vilja att som med på i av för till om också mycket bra inte min mitt mina jobba arbeta göra "
        "gilla tycka".split()),
    "en": frozenset(
        "and or but i me my you we they he she it is am are be was were been have has had can could will "
        "would do does did a an the of in on at to for with from by as also very well good know some lot "
        "lots experience skill skills work worked job like love enjoy".split()),
}


def _stem(word: str, lang: str) -> str:
    """A crude Finnish/Swedish stem for derived forms (hitsata ~ hitsaus): drop up to two final letters."""
    return word if lang == "en" or len(word) < 6 else word[: max(5, len(word) - 2)]


@lru_cache(maxsize=200_000)
def lemma(token: str, lang: str) -> str:
    """simplemma lemma of a folded token, folded again."""
    import simplemma

    return " ".join(tokens(simplemma.lemmatize(token, lang=lang))) or token


def content_lemmas(text: str, lang: str) -> list[str]:
    """Lemmas of the words of text, without stopwords and one-letter words, in order."""
    stop = STOPWORDS[lang]
    out = []
    for token in tokens(text):
        if token in stop or len(token) < 2:
            continue
        lem = lemma(token, lang)
        if lem not in stop and len(lem) > 1:
            out.append(lem)
    return out


@dataclass(frozen=True, eq=False)
class LemmaIndex:
    """Label entries of one language as lemma tuples, with a lemma vocabulary and its rarity weights."""

    lang: str
    skill: array
    preferred: bytes
    entry_lemmas: tuple[tuple[str, ...], ...]
    vocab: tuple[str, ...]
    vocab_id: dict[str, int]
    postings: tuple[array, ...]
    idf: tuple[float, ...]
    stems: dict[str, tuple[int, ...]]
    blob: str
    starts: array
    words: frozenset[str] = frozenset()  # label words before compounds were split (Swedish only)


@lru_cache(maxsize=len(LANGS))
def lemma_index(lang: str) -> LemmaIndex:
    """The lemma index of one language (preferred and alt labels), built once."""
    return build_index(lang)


def build_index(lang: str, held_out: Collection[tuple[int, str]] = ()) -> LemmaIndex:
    """Build a lemma index of one language without the (skill, alt label) pairs in `held_out` (for evaluation)."""
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    alt = tax.alt_labels.get(lang) or ((),) * len(tax.uris)
    left_out = set(held_out)
    skill: list[int] = []
    preferred: list[bool] = []
    entry_lemmas: list[tuple[str, ...]] = []
    by_lemma: dict[str, list[int]] = {}
    labelled: list[tuple[int, bool, tuple[str, ...]]] = []
    for i, (pref_label, alts) in enumerate(zip(tax.labels[lang], alt)):
        for k, label in enumerate(dict.fromkeys((pref_label, *(a for a in alts if (i, a) not in left_out)))):
            lemmas = tuple(content_lemmas(label, lang))
            if lemmas:
                labelled.append((i, k == 0, lemmas))
    words: frozenset[str] = frozenset()
    # Swedish compound label words count as their parts (hotellrum = hotell + rum, försäljningsteknik =
    # försäljning + teknik). Finnish ones stay whole: their first parts are often inflected and split
    # badly (asiakirja is not asia + kirja); partial matches of them count only in part (see _rank).
    if lang == "sv":
        words = frozenset(lem for _, _, lemmas in labelled for lem in lemmas)
        labelled = [(i, pref, tuple(p for lem in lemmas for p in _parts(lem, words, lang)))
                    for i, pref, lemmas in labelled]
    for i, pref, lemmas in labelled:
        for lem in set(lemmas):
            by_lemma.setdefault(lem, []).append(len(skill))
        skill.append(i)
        preferred.append(pref)
        entry_lemmas.append(lemmas)
    vocab = tuple(sorted(by_lemma))
    total = len(tax.uris)
    idf = tuple(math.log(1 + total / len({skill[e] for e in by_lemma[v]})) for v in vocab)
    stems: dict[str, list[int]] = {}
    for k, v in enumerate(vocab):
        stems.setdefault(_stem(v, lang), []).append(k)
    starts, pos = array("i"), 0
    for v in vocab:
        starts.append(pos)
        pos += len(v) + 1
    return LemmaIndex(
        words=words, lang=lang, skill=array("i", skill), preferred=bytes(preferred),
        entry_lemmas=tuple(entry_lemmas), vocab=vocab,
        vocab_id={v: k for k, v in enumerate(vocab)}, postings=tuple(array("i", by_lemma[v]) for v in vocab),
        idf=idf, stems={s: tuple(ks) for s, ks in stems.items()}, blob="\n".join(vocab), starts=starts,
    )


def _parts(word: str, words: Collection[str], lang: str) -> tuple[str, ...]:
    """A Swedish compound as known label words (joined directly or with s), else the word itself."""
    if len(word) < 8:
        return (word,)
    for cut in range(len(word) - 4, 3, -1):  # the longest known last part first
        head, tail = word[:cut], word[cut:]
        if tail not in words:
            continue
        for h in (head, head[:-1]) if lang == "sv" and head.endswith("s") else (head,):
            if len(h) >= 4 and (h in words or lemma(h, lang) in words):
                return (*_parts(h if h in words else lemma(h, lang), words, lang), tail)
    return (word,)


def _verbs(noun: str, lang: str) -> tuple[str, ...]:
    """Verbs a Finnish or Swedish action noun is regularly derived from (ESCO's labels use the verbs)."""
    if lang == "fi" and noun.endswith("minen") and len(noun) > 7:
        stem = noun[:-5]
        return (stem + stem[-1],)  # ajaminen -> ajaa, käyttäminen -> käyttää
    if lang == "sv":
        if noun.endswith("ering") and len(noun) > 7:
            return (noun[:-5] + "era",)  # programmering -> programmera
        if noun.endswith("ning") and len(noun) > 6:
            return (noun[:-4] + "a",)  # städning -> städa, svetsning -> svetsa
    return ()


def _vocab_or_lemma(ix: LemmaIndex, part: str) -> int | None:
    """Vocabulary id of a compound part, as it is or as its lemma ("lasten" -> "lapsi")."""
    if part in ix.vocab_id:
        return ix.vocab_id[part]
    return ix.vocab_id.get(lemma(part, ix.lang))


def _matches(ix: LemmaIndex, q: str) -> dict[int, float]:
    """Vocabulary lemmas matching query lemma q with a quality: exact, shared stem, inside a compound."""
    found: dict[int, float] = {}

    def add(k: int | None, quality: float) -> None:
        """Record vocabulary id k with the better of its qualities."""
        if k is not None and found.get(k, 0.0) < quality:
            found[k] = quality

    add(ix.vocab_id.get(q), _EXACT)
    if len(q) < 4:
        return found
    for verb in _verbs(q, ix.lang):  # ajaminen -> ajaa, städning -> städa: labels are verb phrases
        add(ix.vocab_id.get(verb), _PREFIX)
    stem = _stem(q, ix.lang)
    for k in range(bisect_left(ix.vocab, stem), bisect_right(ix.vocab, stem + "\uffff")):
        full = ix.vocab[k].startswith(q) and ix.lang != "en"
        add(k, _PREFIX if full else _DERIVED)  # varasto -> varastotoiminto; hitsata -> hitsaus
    for cut in range(max(4, math.ceil(0.55 * len(q))), len(q)):
        add(ix.vocab_id.get(q[:cut]), _PREFIX)  # welder -> weld, cooking -> cook
        for k in ix.stems.get(q[:cut], ()):
            add(k, _PREFIX)
    if len(stem) >= 5:
        pos = ix.blob.find(stem)
        while pos >= 0:
            add(bisect_right(ix.starts, pos) - 1, _INSIDE)  # hitsata -> kaarihitsaus
            pos = ix.blob.find(stem, pos + 1)
    if q not in ix.vocab_id and len(q) >= 7:
        for cut in range(3, len(q) - 2):  # trukkikortti -> trukki + kortti
            head, tail = _vocab_or_lemma(ix, q[:cut]), _vocab_or_lemma(ix, q[cut:])
            if head is not None and tail is not None:
                add(head, _PART)
                add(tail, _PART)
    return found


def _pair_up(lemmas: tuple[str, ...], weights: list[dict[str, float]]) -> list[float]:
    """Each query word's contribution when every label word answers at most one query word (best pairs first)."""
    pairs = sorted(((w[lem], q, j) for q, w in enumerate(weights) for j, lem in enumerate(lemmas) if lem in w),
                   reverse=True)
    out, used = [0.0] * len(weights), set()
    for weight, q, j in pairs:
        if not out[q] and j not in used:
            out[q] = weight
            used.add(j)
    return out


def _rank(ix: LemmaIndex, query: list[str], limit: int) -> list[tuple[int, float]]:
    """(skill, score) pairs: lemma overlap weighted by rarity and label coverage, diversified across query words."""
    matched = [(q, m) for q, m in ((q, _matches(ix, q)) for q in dict.fromkeys(query[:_MAX_QUERY_LEMMAS])) if m]
    if not matched:
        return []
    per_query = [m for _, m in matched]
    # A query word that matched only part of a label word (kauppa in kauppalainsäädäntö, coffee in
    # CoffeeScript) covers that share of it, and weighs no more than the query word itself.
    weights: list[dict[str, float]] = []
    shares: list[dict[str, float]] = []
    for q, m in matched:
        own = ix.idf[ix.vocab_id[q]] if q in ix.vocab_id else None
        w: dict[str, float] = {}
        c: dict[str, float] = {}
        for k, quality in m.items():
            v = ix.vocab[k]
            whole = quality == _EXACT or len(v) <= len(q) + 2  # hitsata ~ hitsaus, not kahvila ~ kahvipapu
            w[v] = quality * (ix.idf[k] if whole or own is None else min(ix.idf[k], own))
            c[v] = 1.0 if whole else len(q) / len(v)
        weights.append(w)
        shares.append(c)
    possible = sum(max(w.values()) for w in weights)
    best: dict[int, tuple[float, int]] = {}  # skill -> (score, leading query word)
    candidates = {e for m in per_query for k in m for e in ix.postings[k]}
    for e in candidates:
        lemmas = ix.entry_lemmas[e]
        contributions = _pair_up(lemmas, weights)
        covered = sum(max((c.get(lem, 0.0) for c in shares), default=0.0) for lem in lemmas)
        score = sum(contributions) / possible * (0.6 + 0.4 * covered / len(lemmas))
        if not ix.preferred[e]:
            score *= _ALT_LABEL
        lead = max(range(len(weights)), key=contributions.__getitem__)
        s = ix.skill[e]
        if score > best.get(s, (0.0, 0))[0]:
            best[s] = (score, lead)
    pool = sorted(best.items(), key=lambda item: -item[1][0])[:_CANDIDATE_POOL]
    used = [0] * len(weights)
    ranked: list[tuple[int, float]] = []
    while pool and len(ranked) < limit:
        pick = max(range(len(pool)), key=lambda j: pool[j][1][0] * _REPEAT_PENALTY ** used[pool[j][1][1]])
        s, (score, lead) = pool.pop(pick)
        ranked.append((s, score * _REPEAT_PENALTY ** used[lead]))
        used[lead] += 1
    return ranked


def rank(ix: LemmaIndex, text: str, limit: int) -> list[tuple[int, float]]:
    """(skill, score) pairs for free text in the index's language, best first."""
    lemmas = content_lemmas(text, ix.lang)
    if ix.words:  # compounds split as the labels' are
        lemmas = [p for lem in lemmas for p in _parts(lem, ix.words, ix.lang)]
    return _rank(ix, lemmas, limit)


def detect_languages(text: str) -> list[str]:
    """fi/sv/en ordered by simplemma's language detection (Finnish first when undecided)."""
    import simplemma

    scores = {code: score for code, score in simplemma.langdetect(text, lang=LANGS) if code in LANGS}
    return sorted(LANGS, key=lambda code: (-scores.get(code, 0.0), code != "fi"))


def suggest(text: str, lang: str | None, limit: int):
    """Skill suggestions for free text; see shared.reference.esco.normalise_free_text."""
    from shared.reference.esco import SkillHit, load_taxonomy

    if not text or not text.strip() or limit <= 0:
        return []
    tax = load_taxonomy()
    for lg in [lang] if lang else detect_languages(text):
        ranked = rank(lemma_index(lg), text, limit)
        if ranked:
            return [SkillHit(tax.uris[s], s, tax.shown(s, lg), lg, round(score, 4)) for s, score in ranked]
    return []
