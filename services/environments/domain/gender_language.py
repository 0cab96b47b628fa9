"""The gender-neutral language check: gendered job titles in Finnish (and some Swedish and English).

The word list is `services/environments/data/gendered_terms_fi.csv` (term, suggestion, note in Finnish). A term
matches its inflected forms and compounds that end in it: "myyntimies" also finds "myyntimiehen",
"myyntimiehiä", "apumyyntimiestä" and "myyntimiesten"; a listed "-mies" title is also found as the first part
of a compound ("esimieskoulutus"). Besides the list, any other "-mies" compound is flagged with
general advice. `not_gendered_fi.txt` names pieces of words that only look gendered ("miehittää",
"isännöitsijä", "jokamiehenoikeus"); the bare words "mies" and "nainen" are never flagged, so
"Miesten ja naisten tasa-arvo" passes.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from services.environments.domain import N_

DATA = Path(__file__).resolve().parent.parent / "data"
LETTERS = "a-zåäöéü"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
GENERIC_MIES = re.compile(rf"^(?P<stem>[{LETTERS}-]{{3,}})mie(?:s|st[äa]|sten|h[ei][{LETTERS}]*)$")
# The case forms of an -ntä word (emäntä): strong grade nt, weak grade nn, then a possessive suffix.
NTA_FORMS = (r"(?:nt(?:ä|ää|ään|änä|äin|i(?:en|ä|in|nä|neen))"
             r"|nn(?:ä(?:n|t|lle|llä|ltä|ssä|stä|ksi|ttä)|i(?:lle|llä|ltä|ssä|stä|ksi|n|ttä)))"
             r"(?:ni|si|nsa|nsä|mme|nne|an|än)?")
KEPT_TEXTS = 4096  # stored texts whose hits a check keeps (LanguageCheck.check(kept=True))
GENERIC_NOTE = N_("A gendered title ending in -mies: consider a neutral form such as -henkilö, -työntekijä "
                  "or the name of the task.")


@dataclass(frozen=True)
class GenderedTerm:
    """A gendered title of the word list and its neutral suggestion."""

    term: str
    suggestion: str
    note: str = ""

    @property
    def pattern(self) -> re.Pattern:
        """Its inflected forms, in a compound or alone (a whole lower-case word)."""
        return re.compile(rf"^[{LETTERS}-]*?{inflections(self.term)}$")


@dataclass(frozen=True)
class Finding:
    """A gendered word found in one field of text."""

    field: str
    found: str
    start: int
    end: int
    term: str | None
    suggestion: str | None
    note: str

    def as_dict(self) -> dict:
        return {"field": self.field, "found": self.found, "start": self.start, "end": self.end, "term": self.term,
                "suggestion": self.suggestion, "note": self.note}


def inflections(term: str) -> str:
    """A regular expression of a term's inflected forms, from how Finnish, Swedish or English inflect its ending."""
    t = re.escape(term)
    if term.endswith("mies"):  # mies, miehen, miestä, miehet, miehiä, miesten; first part: esimieskoulutus
        return t[:-4] + rf"mie(?:s[{LETTERS}]*|h[ei][{LETTERS}]*)"
    if term.endswith("nainen"):  # nainen, naisen, naista, naiset, naisia, naisten ...
        return t[:-6] + rf"nai(?:nen|s[{LETTERS}]*)"
    if term.endswith("ntä"):  # emäntä, emäntää, emäntiä (strong grade); emännän, emännät, emännille (weak)
        return t[:-3] + NTA_FORMS
    if term.endswith("man"):  # man, men, mannen, mans, män, männen (Swedish and English)
        return t[:-3] + r"m(?:an|en|annen|ans|annens|än|ännen|äns)(?:'s)?"
    return t + rf"[{LETTERS}]{{0,4}}"


class LanguageCheck:
    """Finds gendered titles in texts with a word list and the exceptions that are not gendered."""

    def __init__(self, terms: Iterable[GenderedTerm], exceptions: Iterable[str] = ()) -> None:
        self.terms = sorted(terms, key=lambda t: len(t.term), reverse=True)  # the longest, most specific first
        self._patterns = [(t, t.pattern) for t in self.terms]
        self.exceptions = tuple(e.casefold() for e in exceptions)
        # The hits of stored texts (an environment's name, description, goals, its roles' titles and descriptions)
        # kept by the text: the reminders and the partner's page check every draft's texts on every request, each
        # word against every term's pattern (~60 patterns a word), though the texts seldom change.
        self._kept_hits = lru_cache(maxsize=KEPT_TEXTS)(self._hits)

    def match(self, word: str) -> tuple[GenderedTerm | None, bool]:
        """The term a single word is a form of (or None), and whether the word is flagged at all."""
        folded = word.casefold()
        if any(piece in folded for piece in self.exceptions):
            return None, False
        for term, pattern in self._patterns:
            if pattern.match(folded):
                return term, True
        return None, bool(GENERIC_MIES.match(folded))

    def _hits(self, text: str) -> tuple[tuple[str, int, int, GenderedTerm | None], ...]:
        """The flagged words of a text, in order: each word, where it is, and the term it is a form of (None: a
        generic -mies)."""
        hits = []
        for hit in WORD.finditer(text):
            term, flagged = self.match(hit.group(0))
            if flagged:
                hits.append((hit.group(0), hit.start(), hit.end(), term))
        return tuple(hits)

    def check(self, text: str | None, field: str = "text", *, kept: bool = False) -> list[Finding]:
        """Every gendered title in a text, in order. `kept`: a stored text, whose hits are kept by the text (at
        most KEPT_TEXTS of them); a text someone sends to be checked is not kept."""
        hits = (self._kept_hits if kept else self._hits)(text or "")
        return [Finding(field, found, start, end, term.term if term else None, term.suggestion if term else None,
                        (term.note if term else GENERIC_NOTE) or "") for found, start, end, term in hits]

    def check_all(self, texts: Mapping[str, str | None], *, kept: bool = False) -> list[Finding]:
        """Findings of several fields, e.g. {"name": ..., "roles.0.description": ...}."""
        return [f for name, text in texts.items() for f in self.check(text, name, kept=kept)]


def read_terms(path: Path) -> list[GenderedTerm]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [GenderedTerm(row["term"].strip().casefold(), row["suggestion"].strip(), (row.get("note") or "").strip())
                for row in csv.DictReader(handle) if row.get("term", "").strip()]


def read_exceptions(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def default_check() -> LanguageCheck:
    """The check with the word list kept in the repository (read once)."""
    return LanguageCheck(read_terms(DATA / "gendered_terms_fi.csv"), read_exceptions(DATA / "not_gendered_fi.txt"))
