"""Maintainer tool: derive the compact fi/sv -> English word dictionary in shared/reference/data/ from Debian's
FreeDict (WikDict) dictionaries.

Run once per dictionary release (the product itself only reads the compact file):

    python -m shared.reference.build_dictionary [--dictd /usr/share/dictd] [--out DIR]

Reads the dictd files of the Debian packages dict-freedict-fin-eng, -eng-fin, -swe-fin and -fin-swe (all
CC BY-SA 3.0, WikDict's dictionaries made from Wiktionary); the GPL swe-eng/eng-swe ones are not used.

Output: dictionary_en.csv.gz, columns `lang, word, senses`: a Finnish or Swedish headword (folded, one word) and
its English translations, senses separated by `|` (the dictionary's first sense first), the translations of a
sense by `;` (keittää: "cook;boil;brew"). Finnish: the fin-eng senses, then one sense of the English headwords
whose eng-fin entry gives the word (in the order of that entry's sense numbers). Swedish (no CC BY-SA Swedish-
English dictionary): through Finnish, one sense per Finnish translation (swe-fin, then fin-swe read backwards),
each the first sense of that Finnish word. Only nouns and verbs are read (skills are named with them), and only
translations of at most three words whose content words all occur in ESCO's English labels (as lemmas) are kept:
the product matches them against those labels only.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

from shared.reference._esco_search import tokens
from shared.reference.build_esco import DATA_DIR, write_gz_csv

COLUMNS = ["lang", "word", "senses"]
SENSE_SEPARATOR, WORD_SEPARATOR = "|", ";"
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_PART_OF_SPEECH = re.compile(r" <(n|v)[,>]")  # a noun or a verb: what skills are named with
_NUMBERED = re.compile(r"^(\d+)\. (.*)$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_MAX_WORDS = 3  # a translation longer than this is a definition, not a word
_MAX_SENSES = 5
_MAX_PER_SENSE = 6


def _number(text: str) -> int:
    """A dictd index number (base64 digits, most significant first)."""
    value = 0
    for ch in text:
        value = value * 64 + _BASE64.index(ch)
    return value


def entries(dictd: Path, name: str) -> Iterator[tuple[str, str]]:
    """(headword, entry text) of one dictd dictionary (`freedict-<name>.index` and `.dict.dz`), in index order,
    without the database's own 00database* entries."""
    with gzip.open(dictd / f"freedict-{name}.dict.dz") as f:
        body = f.read()
    with (dictd / f"freedict-{name}.index").open(encoding="utf-8") as index:
        for line in index:
            word, offset, length = line.rstrip("\n").split("\t")
            if not word.startswith("00database"):
                start = _number(offset)
                yield word, body[start:start + _number(length)].decode("utf-8")


def senses(entry: str) -> list[list[str]]:
    """The translations of a noun's or a verb's entry, sense by sense: the line after the headword, or the numbered
    lines ("2. cashier"); the gloss lines that follow each are definitions in the source language and are left out.
    Other entries (adjectives, adverbs, names, interjections: kännissä ~ wasted) give none."""
    head, *lines = entry.split("\n")
    if not _PART_OF_SPEECH.search(head):
        return []
    out: list[list[str]] = []
    for n, line in enumerate(lines):
        numbered = _NUMBERED.match(line)
        if numbered:
            line = numbered.group(2)
        elif n or not line or line[0].isspace():
            continue
        line = re.sub(r"( \d+\.)+$", "", line)  # "imuroida 2." (a sense number run into the line)
        words = [clean for part in _PARENTHESES.sub("", line).split(",") if (clean := _bare(part))
                 and "[" not in part and len(clean.split()) <= _MAX_WORDS]
        if words:
            out.append(words)
    return out


def _bare(translation: str) -> str:
    """A translation folded, without the infinitive's "to" or an article before it ("to lay" -> "lay")."""
    words = tokens(translation)
    while len(words) > 1 and words[0] in ("to", "a", "an", "the"):
        words = words[1:]
    return " ".join(words)


def headword(word: str) -> str | None:
    """A headword as the product looks it up (folded, one word of letters), or None."""
    folded = tokens(word)
    return folded[0] if len(folded) == 1 and len(folded[0]) > 1 and folded[0].isalpha() else None


def bilingual(dictd: Path, forward: str, backward: str) -> dict[str, list[list[str]]]:
    """headword -> senses from the `forward` dictionary, then one more sense of the headwords of the `backward`
    dictionary (read the other way) whose entries give it, in the order of their sense numbers."""
    table: dict[str, list[list[str]]] = {}
    for word, entry in entries(dictd, forward):
        key = headword(word)
        if key:
            table.setdefault(key, []).extend(senses(entry))
    reverse: dict[str, list[tuple[int, str]]] = {}
    for word, entry in entries(dictd, backward):
        back = " ".join(tokens(word))
        if back and len(back.split()) <= _MAX_WORDS:
            for rank, translations in enumerate(senses(entry)):
                for translation in translations:
                    key = headword(translation)
                    if key:
                        reverse.setdefault(key, []).append((rank, back))
    for key, found in reverse.items():
        table.setdefault(key, []).append([back for _, back in sorted(found, key=lambda item: item[0])])
    return table


def tidy(found: list[list[str]], keep) -> list[list[str]]:
    """Senses with only the translations `keep` accepts, each once (where it first appears), empty senses dropped."""
    seen: set[str] = set()
    out: list[list[str]] = []
    for sense in found:
        kept = [t for t in dict.fromkeys(sense) if t not in seen and keep(t)][:_MAX_PER_SENSE]
        seen.update(kept)
        if kept:
            out.append(kept)
    return out[:_MAX_SENSES]


def build(dictd: Path) -> list[dict[str, str]]:
    """The rows of dictionary_en.csv.gz (see the module docstring)."""
    from shared.reference._esco_lemma import content_lemmas, lemma_index

    english = lemma_index("en").vocab_id

    def known(translation: str) -> bool:
        """Whether all content words of an English translation are words of ESCO's English labels."""
        lemmas = content_lemmas(translation, "en")
        return bool(lemmas) and all(lem in english for lem in lemmas)

    finnish = {word: tidy(found, known) for word, found in bilingual(dictd, "fin-eng", "eng-fin").items()}
    finnish = {word: found for word, found in finnish.items() if found}
    swedish: dict[str, list[list[str]]] = {}
    for word, found in bilingual(dictd, "swe-fin", "fin-swe").items():
        via = [finnish[fi][0] for sense in found for fi in sense if fi in finnish]
        if tidy(via, known):
            swedish[word] = tidy(via, known)
    return [{"lang": lang, "word": word, "senses": SENSE_SEPARATOR.join(WORD_SEPARATOR.join(s) for s in found)}
            for lang, table in (("fi", finnish), ("sv", swedish)) for word, found in sorted(table.items())]


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dictd", type=Path, default=Path("/usr/share/dictd"), help="the dictd files' directory")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    write_gz_csv(args.out / "dictionary_en.csv.gz", COLUMNS, build(args.dictd))


if __name__ == "__main__":
    main()
