"""As-you-type search index over ESCO skill labels: exact, label prefix, word prefix, substring."""

from __future__ import annotations

import heapq
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from shared.reference._common import LANGS

_TOKEN = re.compile(r"[^\W_]+[+#]*")
_KEEP = frozenset("åäö")
_END = "\uffff"
_TIER_SCORE = (1.0, 0.9, 0.75, 0.5)  # exact, label prefix, word prefixes, substring
_SUBSTRING_CAP = 5000


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Casefold one character and drop its diacritics, except å, ä and ö."""
    folded = ch.casefold()
    if folded in _KEEP:
        return folded
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Casefold text and strip diacritics other than å/ä/ö ("Café Äly" -> "cafe äly")."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text.casefold()
    return "".join(map(_fold_char, text))


def tokens(text: str) -> list[str]:
    """Folded word tokens of text (keeps trailing + and #, as in C++ and C#)."""
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Label entries (skill, language, preferred?) with sorted labels, a token vocabulary and a text blob."""

    skill: array
    lang: tuple[str, ...]
    preferred: bytes
    norm: tuple[str, ...]
    rank: array
    sorted_norm: tuple[str, ...]
    sorted_entry: array
    vocab: tuple[str, ...]
    postings: tuple[array, ...]
    cumulative: array
    blob: str
    starts: array


@lru_cache(maxsize=1)
def search_index() -> SearchIndex:
    """Build the search index once from the taxonomy (preferred labels fi/sv/en and all alt labels)."""
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    skill: list[int] = []
    lang: list[str] = []
    preferred: list[bool] = []
    norm: list[str] = []
    by_token: dict[str, list[int]] = {}
    for lg in LANGS:
        pref_labels, alt_labels = tax.labels[lg], tax.alt_labels.get(lg) or ((),) * len(tax.uris)
        for i, (pref, alts) in enumerate(zip(pref_labels, alt_labels)):
            seen = set()
            for k, label in enumerate((pref, *alts)):
                toks = tokens(label)
                text = " ".join(toks)
                if not text or text in seen:
                    continue
                seen.add(text)
                for t in set(toks):
                    by_token.setdefault(t, []).append(len(norm))
                skill.append(i)
                lang.append(lg)
                preferred.append(k == 0)
                norm.append(text)
    order = sorted(range(len(norm)), key=norm.__getitem__)
    rank = array("i", bytes(4 * len(norm)))
    by_rank = sorted(zip((not p for p in preferred), map(len, norm), norm, range(len(norm))))
    for r, (*_, e) in enumerate(by_rank):
        rank[e] = r
    vocab = tuple(sorted(by_token))
    cumulative = array("i", [0])
    for t in vocab:
        cumulative.append(cumulative[-1] + len(by_token[t]))
    starts, pos = array("i"), 0
    for text in norm:
        starts.append(pos)
        pos += len(text) + 1
    return SearchIndex(
        skill=array("i", skill), lang=tuple(lang), preferred=bytes(preferred), norm=tuple(norm),
        rank=rank, sorted_norm=tuple(norm[e] for e in order),
        sorted_entry=array("i", order), vocab=vocab, postings=tuple(array("i", by_token[t]) for t in vocab),
        cumulative=cumulative, blob="\n".join(norm), starts=starts,
    )


def _vocab_range(ix: SearchIndex, prefix: str) -> tuple[int, int]:
    """Range of vocabulary tokens that start with prefix."""
    return bisect_left(ix.vocab, prefix), bisect_left(ix.vocab, prefix + _END)


def _label_range(ix: SearchIndex, prefix: str) -> tuple[int, int]:
    """Range of sorted labels that start with prefix."""
    return bisect_left(ix.sorted_norm, prefix), bisect_left(ix.sorted_norm, prefix + _END)


def _word_prefix_entries(ix: SearchIndex, query_tokens: list[str]) -> set[int]:
    """Entries where every query token is the prefix of some word of the label."""
    ranges = [_vocab_range(ix, t) for t in query_tokens]
    sizes = [ix.cumulative[hi] - ix.cumulative[lo] for lo, hi in ranges]
    rarest = min(range(len(query_tokens)), key=sizes.__getitem__)
    lo, hi = ranges[rarest]
    found: set[int] = set()
    for postings in ix.postings[lo:hi]:
        found.update(postings)
    others = [t for k, t in enumerate(query_tokens) if k != rarest]
    if others:
        padded = [" " + t for t in others]
        found = {e for e in found if all(p in " " + ix.norm[e] for p in padded)}
    return found


def _substring_entries(ix: SearchIndex, text: str) -> set[int]:
    """Entries whose normalised label contains text (capped for very common fragments)."""
    found: set[int] = set()
    pos = ix.blob.find(text)
    while pos >= 0 and len(found) < _SUBSTRING_CAP:
        entry = bisect_right(ix.starts, pos) - 1
        found.add(entry)
        pos = ix.blob.find(text, ix.starts[entry] + len(ix.norm[entry]) + 1)
    return found


def _order(ix: SearchIndex, entries: list[int], lang: str | None, count: int) -> list[int]:
    """The first count entries by (other language last, preferred first, shorter first, alphabetical)."""
    if lang is None:
        key = ix.rank.__getitem__
    else:
        other = len(ix.norm)
        key = lambda e: ix.rank[e] + (0 if ix.lang[e] == lang else other)  # noqa: E731
    if len(entries) > count:
        return heapq.nsmallest(count, entries, key=key)
    return sorted(entries, key=key)


def _take(ix: SearchIndex, best: dict[int, tuple[int, int]], ordered: list[int], tier: int, limit: int) -> None:
    """Add the skills of ordered entries to best until it holds limit skills."""
    for e in ordered:
        if len(best) >= limit:
            return
        best.setdefault(ix.skill[e], (tier, e))


def search(query: str, lang: str | None, limit: int):
    """Rank skills for an as-you-type query; see shared.reference.esco.search_skills."""
    from shared.reference.esco import SkillHit, load_taxonomy

    query_tokens = tokens(query or "")
    if not query_tokens or limit <= 0:
        return []
    ix, tax = search_index(), load_taxonomy()
    text = " ".join(query_tokens)
    lo, hi = _label_range(ix, text)
    exact_hi = bisect_right(ix.sorted_norm, text, lo, hi)
    tiers = (
        lambda: ix.sorted_entry[lo:exact_hi],
        lambda: ix.sorted_entry[exact_hi:hi],
        lambda: _word_prefix_entries(ix, query_tokens),
        lambda: _substring_entries(ix, text),
    )
    best: dict[int, tuple[int, int]] = {}  # skill -> (tier, entry), in rank order
    for tier, entries in enumerate(tiers):
        candidates = [e for e in entries() if ix.skill[e] not in best]
        ordered = _order(ix, candidates, lang, (limit - len(best)) * 16)
        _take(ix, best, ordered, tier, limit)
        if len(best) < limit and len(ordered) < len(candidates):  # many labels of the same skills
            _take(ix, best, _order(ix, candidates, lang, len(candidates)), tier, limit)
        if len(best) >= limit:
            break
    hits = []
    for s, (tier, e) in best.items():
        score = (_TIER_SCORE[tier] + (0.05 if ix.lang[e] == lang else 0.0) + 0.03 * ix.preferred[e]
                 - min(0.01, 0.0002 * len(ix.norm[e])))
        hit_lang = lang or ix.lang[e]
        hits.append(SkillHit(tax.uris[s], s, tax.shown(s, hit_lang), hit_lang, round(score, 4)))
    return hits
