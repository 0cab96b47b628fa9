"""Compound words split into known words (Finnish hevostenhoito = hevonen + hoito, lasipinta = lasi + pinta)."""

from __future__ import annotations

from collections.abc import Callable, Collection

MIN_PART = 3  # shorter pieces (ja, työ is 3) make too many chance splits


def split(word: str, known: Collection[str], base: Callable[[str], str], min_part: int = MIN_PART) -> tuple[str, ...]:
    """The fewest known words that make up `word`, the last (the head) as written, the others as `base` gives
    them (a Finnish modifier is often a genitive or a plural: hevosten -> hevonen, lasten -> lapsi), or () when
    it is no compound of known words.

    Split from the end: the head is the longest known ending, then each modifier the fewest parts before it;
    among splits of as many parts the longer head wins (asiakaspalvelu = asiakas + palvelu)."""
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)  # best[i]: word[i:] as known parts
    for i in range(n - min_part, -1, -1):
        tail = word[i:]
        if i and tail in known:
            best[i] = (tail,)
            continue
        for j in range(i + min_part, n - min_part + 1):
            rest = best[j]
            if rest is None or (best[i] is not None and len(best[i]) <= len(rest) + 1):  # type: ignore[arg-type]
                continue
            piece = word[i:j]
            part = piece if piece in known else base(piece)
            if part in known:
                best[i] = (part, *rest)
    return best[0] or ()
