"""Free text (fi/sv/en) to ESCO skills: simplemma lemmas matched to label lemmas, weighted by rarity."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from shared.reference._common import LANGS
from shared.reference._compounds import split
from shared.reference._esco_search import tokens

_MAX_QUERY_LEMMAS = 40
_CANDIDATE_POOL = 300
_REPEAT_PENALTY = 0.7  # each further hit led by the same query word is worth this much less
_EXACT, _PREFIX, _DERIVED, _INSIDE, _PART = 1.0, 0.8, 0.6, 0.5, 0.5
_VERB = 0.9  # an action noun read as the verb it comes from (käsittely ~ käsitellä): the same activity
_HEAD = 0.8  # the query word is the last part (the head) of a compound label word: it names the same thing
_ALT_LABEL = 0.85  # a match on an alternative label counts a little less than on the preferred one
_ENGLISH = 0.7  # Finnish and Swedish text on the English labels (translated word by word): a weaker field
_TRANSLATED_MATCH = 0.8  # the label words a query word matched at least this well are translated
_MIN_TRANSLATION = 0.2  # lexicon entries less probable than this are dropped
_EM_ROUNDS = 5
_ENGLISH_POOL = 400  # English label entries scored in full per text
# BM25's label-length normalisation (a label word is matched at most once, so its term frequency is 1): a label
# longer than the average label of its language counts less, a shorter one more; b = 0 would switch it off.
_BM25_K1 = 1.2
_BM25_B = 0.5
# A text word read through the everyday-vocabulary thesaurus (vessa ~ wc, bil ~ fordon, till ~ cash register)
# counts as an alternative label does: a little under the label's own word.
_EVERYDAY = 0.85
_MARK = "="  # a reading that came from the thesaurus: "=ajoneuvo" is the label word ajoneuvo, matched exactly
# A Finnish or Swedish word read through the bilingual dictionary (data/dictionary_en.csv.gz, FreeDict/WikDict) as
# English words, matched on the English preferred and alternative labels: weaker than the learned lexicon's
# readings (a dictionary gives every sense of a word, the lexicon those ESCO's labels use), the first sense first.
_DICTIONARY = 0.5
_SENSE_DECAY = 0.6  # each further sense of a word counts this much less
_DICT_MARK = "~"  # a reading only the dictionary knows ("~mejka" of mejkade): not matched on the text's own labels

STOPWORDS = {
    "fi": frozenset(
        "ja tai sekä eli mutta on olen oli olla ei en se ne tämä että kun myös kanssa minä mä mun minun "
        "osata osaan osa osaaminen hyvä hyvin paljon haluta haluan voida pystyä kuten esim jne jo vielä "
        "kaikki muu muut jokin jotain tehdä työskennellä tykätä pitää".split()),
    "sv": frozenset(
        "och eller samt men jag du han hon vi de det den en ett är var vara har ha hade kan kunna vill "
        "vilja att som med på i av för till om också mycket bra inte min mitt mina jobba arbeta göra "
        "gilla tycka åt från hos vid genom mot när där här så sedan".split()),
    "en": frozenset(
        "and or but i me my you we they he she it is am are be was were been have has had can could will "
        "would do does did a an the of in on at to for with from by as also very well good know some lot "
        "lots experience skill skills work worked job like love enjoy "
        # when, not what: a "summer job" names no skill (the labels say summer only of summer tyres)
        "summer".split()),
}


def _everyday_rows(lang: str) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], str, str]]:
    """The thesaurus rows of one language (`data/everyday_vocabulary.csv`, our own), each of its alternatives as
    (the everyday word's lemmas, the label words' lemmas, the everyday word as written, the label words as written).
    The label words are lemmatised as the labels are (and Swedish ones split as the labels' compounds are)."""
    import csv
    from importlib.resources import files

    words = lemma_index(lang).words  # Swedish: label words are split into their parts, as the labels' are
    with files("shared.reference").joinpath("data/everyday_vocabulary.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["lang"] != lang:
                continue
            key = tuple(content_lemmas(row["everyday"], lang))
            for alt in row["label_words"].split("|"):
                lemmas = tuple(p for lem in content_lemmas(alt, lang)
                               for p in (_parts(lem, words, lang) if words else (lem,)))
                if key and lemmas:
                    yield key, lemmas, row["everyday"].strip(), alt.strip()


@lru_cache(maxsize=len(LANGS))
def everyday(lang: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The everyday-vocabulary thesaurus of one language: the lemmas of an everyday word or short phrase -> the
    label words it stands for, each alternative a tuple of label lemmas (vessa -> (wc,), (saniteettitarvike,);
    till -> (cash, register), (cash, point)). The file names the label words as written (`_everyday_rows`)."""
    out: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key, lemmas, _everyday, _label in _everyday_rows(lang):
        found = out.setdefault(key, [])
        if lemmas not in found:
            found.append(lemmas)
    return {key: tuple(alts) for key, alts in out.items()}


@lru_cache(maxsize=len(LANGS))
def everyday_written(lang: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The thesaurus's pairs as its file writes them, by the lemmas `everyday` reads them as: ("ta betala",
    "hand lägga betalning") -> ("ta betalt", "handlägga betalningar"). An explanation names a reading in the words
    a person wrote, not in the lemmas and compound parts the ranking uses; the first row written for a pair wins."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for key, lemmas, written, label in _everyday_rows(lang):
        out.setdefault((" ".join(key), " ".join(lemmas)), (written, label))
    return out


def _everyday_readings(query: list[tuple[str, ...]], lang: str) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """The text's words with the label words the thesaurus reads them as (marked with _MARK), and the pairs
    (everyday word or phrase, label words) used, for the explanation. The first word of each alternative is a
    reading of the text word, the others are further query words; the label words of a two-word everyday phrase
    (make coffee ~ prepare) are all further query words, as are those of a three-word one (a Swedish particle verb
    with its object: ta emot gäster ~ välkomna gäster)."""
    table = everyday(lang)
    if not table:
        return query, []
    out: list[tuple[str, ...]] = []
    extra: list[tuple[str, ...]] = []
    used: list[tuple[str, str]] = []
    for i, r in enumerate(query):
        forms = r + tuple(w for w in _indefinite(r[0], lang) if w not in r)  # any reading (keitin ~ keittää)
        # the words before: in Swedish any of their readings, the thesaurus's too (städade kontor ~ städa kontor,
        # städar kontor ~ städare kontor ~ städa kontor), elsewhere their lemma
        two, one = ((tuple(dict.fromkeys(a.removeprefix(_MARK) for a in out[i - k])) if lang == "sv"
                     else query[i - k][:1]) if i >= k else () for k in (2, 1))
        keys = [(p, q, a) for p in two for q in one for a in forms] + [(q, a) for q in one for a in forms] + [
            (p, a) for p in two for a in forms]  # a split particle verb: show tourists around
        key = next((k for k in keys + [(a,) for a in forms] if k in table), None)
        if key is None:
            out.append(r)
            continue
        alts = table[key]
        if len(key) > 1:  # a phrase (make coffee ~ prepare): its label words are further query words
            out.append(r)
            extra += [(_MARK + w,) for alt in alts for w in alt]
        else:
            out.append(r + tuple(dict.fromkeys(_MARK + alt[0] for alt in alts)))
            extra += [(_MARK + w,) for alt in alts for w in alt[1:]]
        used += [(" ".join(key), " ".join(alt)) for alt in alts]
    return out + list(dict.fromkeys(extra)), used


def _indefinite(word: str, lang: str) -> tuple[str, ...]:
    """The indefinite forms a Swedish definite singular simplemma leaves as it is may stand for (lagersaldot ->
    lagersaldo, huset -> hus, pizzan -> pizza, bilen -> bil), for the thesaurus; () in other languages."""
    if lang != "sv" or len(word) < 5:
        return ()
    out = []
    if word.endswith(("et", "en")) and word[-3] not in "aeiouyåäö":
        out.append(word[:-2])
    if word.endswith(("t", "n")) and word[-2] in "aeiouyåäö":
        out.append(word[:-1])
    return tuple(out)


@lru_cache(maxsize=len(LANGS))
def dictionary(lang: str) -> dict[str, tuple[tuple[str, tuple[str, ...], float], ...]]:
    """The bilingual dictionary of a Finnish or Swedish word: its English translations, each as (the translation
    as written, its lemmas, its weight: _SENSE_DECAY to the power of its sense's number, the first sense 1),
    keittää -> ("cook", ("cook",), 1.0), ...; {} for English. Built by shared.reference.build_dictionary."""
    import csv
    import gzip
    from importlib.resources import files

    if lang == "en":
        return {}
    english = lemma_index("en").vocab_id
    out: dict[str, list[tuple[str, tuple[str, ...], float]]] = {}
    with files("shared.reference").joinpath("data/dictionary_en.csv.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["lang"] != lang:
                continue
            found = out.setdefault(row["word"], [])
            for k, sense in enumerate(row["senses"].split("|")):
                for translation in sense.split(";"):
                    lemmas = tuple(dict.fromkeys(content_lemmas(translation, "en")))
                    if lemmas and all(lem in english for lem in lemmas):
                        found.append((translation, lemmas, _SENSE_DECAY ** k))
    return {word: tuple(found) for word, found in out.items() if found}


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
    length_norm: array  # per entry, length_norm(its number of words, the average of the language's entries)
    vocab: tuple[str, ...]
    vocab_id: dict[str, int]
    postings: tuple[array, ...]
    idf: tuple[float, ...]
    stems: dict[str, tuple[int, ...]]
    blob: str
    starts: array
    words: frozenset[str] = frozenset()  # label words before compounds were split (Swedish only)
    # Finnish: a part of compound label words -> (vocabulary id, whether it is the head), see _fi_parts
    parts: dict[str, tuple[tuple[int, bool], ...]] = field(default_factory=dict)
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # compound label word -> its parts (Finnish)


@lru_cache(maxsize=len(LANGS))
def lemma_index(lang: str) -> LemmaIndex:
    """The lemma index of one language (preferred and alt labels), built once."""
    return build_index(lang)


@lru_cache(maxsize=len(LANGS))
def lexicon(lang: str) -> dict[str, tuple[tuple[str, float], ...]]:
    """Finnish or Swedish label lemma -> its English lemmas with their probabilities t(en | word).

    Learned from the skills' aligned preferred labels (the same skill named in both languages) by a few rounds
    of IBM model 1 (expectation-maximisation of word translation probabilities, with an empty word that English
    words no Finnish or Swedish word explains may come from); pairs below _MIN_TRANSLATION are dropped.
    (Pairing the preferred label with the English alternative labels too was tried and found fewer skills.)"""
    src, en = lemma_index(lang), lemma_index("en")
    english = {en.skill[e]: en.entry_lemmas[e] for e in range(len(en.skill)) if en.preferred[e]}
    pairs = [((*dict.fromkeys(src.entry_lemmas[e]), ""), tuple(dict.fromkeys(english[src.skill[e]])))
             for e in range(len(src.skill)) if src.preferred[e] and src.skill[e] in english]
    source_vocab = sorted({w for words, _ in pairs for w in words})  # "" (the empty word) first
    source_id = {w: k for k, w in enumerate(source_vocab)}
    group, source, target = array("i"), array("i"), array("i")  # one row per (pair, English word, own word)
    for words, targets in pairs:
        ids = [source_id[w] for w in words]
        for lem in targets:
            group.extend([len(group) and group[-1] + 1] * len(ids))
            source.extend(ids)
            target.extend([en.vocab_id[lem]] * len(ids))
    g = np.frombuffer(group, dtype=np.int32)
    keys, inverse = np.unique(np.frombuffer(source, dtype=np.int32).astype(np.int64) * len(en.vocab)
                              + np.frombuffer(target, dtype=np.int32), return_inverse=True)
    key_source = keys // len(en.vocab)
    t = np.ones(len(keys))
    for _ in range(_EM_ROUNDS):
        tv = t[inverse]
        share = tv / np.bincount(g, weights=tv)[g]  # each English word's count shared among the words it may come from
        counts = np.bincount(inverse, weights=share, minlength=len(keys))
        t = counts / np.bincount(key_source, weights=counts, minlength=len(source_vocab))[key_source]
    table: dict[str, list[tuple[str, float]]] = {}
    for k in np.flatnonzero((t >= _MIN_TRANSLATION) & (key_source > 0)).tolist():
        table.setdefault(source_vocab[int(key_source[k])], []).append((en.vocab[int(keys[k] % len(en.vocab))],
                                                                        float(t[k])))
    return {w: tuple(sorted(es, key=lambda item: -item[1])) for w, es in table.items()}


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
    # försäljning + teknik). Finnish ones stay whole in the entries (their first parts are often inflected and
    # split badly: asiakirja is not asia + kirja); their parts are matched beside them (_fi_parts) and a match
    # of a modifier covers only its share.
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
    average = sum(map(len, entry_lemmas)) / len(entry_lemmas)
    idf = tuple(math.log(1 + total / len({skill[e] for e in by_lemma[v]})) for v in vocab)
    stems: dict[str, list[int]] = {}
    for k, v in enumerate(vocab):
        stems.setdefault(_stem(v, lang), []).append(k)
    starts, pos = array("i"), 0
    for v in vocab:
        starts.append(pos)
        pos += len(v) + 1
    return LemmaIndex(
        **_compound_fields(vocab, lang), words=words, lang=lang, skill=array("i", skill), preferred=bytes(preferred),
        entry_lemmas=tuple(entry_lemmas), vocab=vocab,
        length_norm=array("d", (length_norm(len(lemmas), average) for lemmas in entry_lemmas)),
        vocab_id={v: k for k, v in enumerate(vocab)}, postings=tuple(array("i", by_lemma[v]) for v in vocab),
        idf=idf, stems={s: tuple(ks) for s, ks in stems.items()}, blob="\n".join(vocab), starts=starts,
    )


def length_norm(words: int, average: float) -> float:
    """BM25's weight of a word found once in a label of `words` words, relative to its weight in a label of the
    average length: (k1 + 1) / (1 + k1 * (1 - b + b * words / average)). With k1 = 1.2 and b = 0.5 a label as long
    as the average gets 1, one twice as long 2.2 / 2.8 = 0.79: a long, narrow label that shares more of the text's
    words no longer outranks a short, general one on its matched words alone."""
    return (_BM25_K1 + 1) / (1 + _BM25_K1 * (1 - _BM25_B + _BM25_B * words / average))


def _compound_fields(vocab: tuple[str, ...], lang: str) -> dict:
    """LemmaIndex's parts and compounds: Finnish only (Swedish label compounds are split in the entries)."""
    if lang != "fi":
        return {}
    parts, compounds = _fi_parts(vocab)
    return {"parts": parts, "compounds": compounds}


def _fi_parts(vocab: tuple[str, ...]) -> tuple[dict[str, tuple[tuple[int, bool], ...]], dict[str, tuple[str, ...]]]:
    """The parts of Finnish compound label words (hevostenhoito = hevonen + hoito), each part -> the words it is
    in and whether it is their head (a head that is an action noun also as its verb, asennus ~ asentaa), and
    each compound -> its parts."""
    known = frozenset(vocab)
    out: dict[str, dict[int, bool]] = {}
    compounds: dict[str, tuple[str, ...]] = {}
    for k, v in enumerate(vocab):
        parts = split(v, known, lambda piece: lemma(piece, "fi")) if len(v) >= 6 else ()
        if parts:
            compounds[v] = parts
        for n, part in enumerate(parts):
            heads = (part, *(verb for verb in _fi_verbs(part) if verb in known)) if n == len(parts) - 1 else (part,)
            for word in heads:
                found = out.setdefault(word, {})
                found[k] = found.get(k, False) or n == len(parts) - 1
    return {part: tuple(found.items()) for part, found in out.items()}, compounds


def _parts(word: str, words: Collection[str], lang: str) -> tuple[str, ...]:
    """A Swedish compound as known label words (joined directly or with s), else the word itself; the last part
    may be inflected (försäljningsfakturor = försäljning + faktura), as simplemma leaves unknown compounds."""
    if len(word) < 8:
        return (word,)
    for cut in range(len(word) - 4, 3, -1):  # the longest known last part first
        head, tail = word[:cut], word[cut:]
        if tail not in words:
            tail = lemma(tail, lang)
            if tail not in words:
                continue
        for h in (head, head[:-1]) if lang == "sv" and head.endswith("s") else (head,):
            if len(h) >= 4 and (h in words or lemma(h, lang) in words):
                return (*_parts(h if h in words else lemma(h, lang), words, lang), tail)
    return (word,)


def _verbs(noun: str, lang: str) -> tuple[str, ...]:
    """Verbs a Finnish or Swedish action noun is regularly derived from (ESCO's labels use the verbs), and the
    noun a Swedish -la verb is made from."""
    if lang == "fi" and noun.endswith("minen") and len(noun) > 7:
        stem = noun[:-5]
        return (stem + stem[-1],)  # ajaminen -> ajaa, käyttäminen -> käyttää
    if lang == "sv":
        if noun.endswith("ering") and len(noun) > 7:
            return (noun[:-5] + "era",)  # programmering -> programmera
        if noun.endswith("ning") and len(noun) > 6:
            return (noun[:-4] + "a",)  # städning -> städa, svetsning -> svetsa
        if noun.endswith("la") and len(noun) >= 5 and noun[-3] not in "aeiouyåäö":
            return (noun[:-2] + "el",)  # a verb made from a noun: kakla -> kakel, cykla -> cykel
    return ()


_GEMINATES = ("kk", "pp", "tt")


def _weak(word: str) -> str:
    """The word with its last double stop made single (pakka -> paka, käsitte -> käsite): Finnish gradation."""
    for i in range(len(word) - 2, -1, -1):
        if word[i:i + 2] in _GEMINATES:
            return word[:i] + word[i + 1:]
    return word


def _fi_verbs(noun: str) -> tuple[str, ...]:
    """Infinitives a Finnish action noun may come from, before checking them against the labels' words.

    siivous -> siivota, pakkaus -> pakata, asennus -> asentaa, käsittely -> käsitellä, ohjelmointi ->
    ohjelmoida, seuranta -> seurata, laitto -> laittaa, pakkaaminen -> pakata, maalaaminen -> maalata.
    """
    out: list[str] = []
    if noun.endswith("minen") and len(noun) > 7:
        stem = noun[:-5]
        if stem[-1] == stem[-2] and stem[-1] in "aä":  # pakkaa- -> pakata, maalaa- -> maalata
            out += [stem[:-1] + "t" + stem[-1], _weak(stem[:-1]) + "t" + stem[-1]]
    for suffix, ends in (("us", ("ta", "tä")), ("ys", ("tä", "ta")), ("nti", ("da", "dä")), ("nta", ("ta",)),
                         ("ntä", ("tä",)), ("ly", ("llä",)), ("lu", ("lla",)), ("tto", ("ttaa",)),
                         ("ttö", ("ttää",)), ("to", ("taa",)), ("tö", ("tää",)),
                         ("u", ("aa", "ea", "ta", "tä")), ("y", ("ää", "eä", "tä"))):
        if noun.endswith(suffix) and len(noun) >= len(suffix) + 3:
            base = noun[:-len(suffix)]
            if suffix in ("nti",):
                base = noun[:-3]  # ohjelmointi -> ohjelmoi-da, myynti -> myy-dä
            if suffix in ("tto", "ttö"):
                base = noun[:-3]
            for end in ends:
                out += [base + end, _weak(base) + end]
    if noun.endswith("nnus") and len(noun) > 6:  # asennus -> asentaa
        out.append(noun[:-4] + "ntaa")
    if noun[-2:] in ("us", "ys", "os", "ös") and len(noun) >= 6 and noun[-3] not in "aeiouyäö":
        # the verb's stem in the strong grade: ulkoilutus -> ulkoiluttaa, käännös -> kääntää, lämmitys -> lämmittää
        end = "aa" if any(c in "aou" for c in noun[:-2]) else "ää"
        out += [strong + end for strong in _strong(noun[:-2])[1:]]
    return tuple(dict.fromkeys(out))


_WEAK = {"tt": "t", "kk": "k", "pp": "p", "nt": "nn", "lt": "ll", "rt": "rr", "mp": "mm", "nk": "ng"}


def _fi_nouns(verb: str) -> tuple[str, ...]:
    """Action nouns in -us/-ys (and -os/-ös, -nti) a Finnish verb regularly makes, before checking them against the
    labels' words: ulkoiluttaa -> ulkoilutus, kääntää -> käännös, asentaa -> asennus, lämmittää -> lämmitys,
    siivota -> siivous, leikata -> leikkaus, ohjelmoida -> ohjelmointi."""
    if len(verb) < 5 or verb[-1] not in "aä":
        return ()
    us = "us" if verb[-1] == "a" else "ys"
    out: list[str] = []
    if verb.endswith(("oida", "öidä")):
        out.append(verb[:-2] + "nti")
    if verb[-2:] in ("ta", "tä") and verb[-3] in "aeiouyäö":  # contracted: siivo-ta, leika-ta (leikkaus)
        out += [strong + us for strong in _strong(verb[:-2])]
    elif verb[-2] == verb[-1]:  # -aa/-ää: ulkoilutt-aa, käänt-ää; the stem's last consonants in the weak grade
        stem = verb[:-2]
        for strong, weak in _WEAK.items():
            if stem.endswith(strong):
                base = stem[:-len(strong)] + weak
                out += [base + us, base + ("ös" if us == "ys" else "os")]
                break
    return tuple(dict.fromkeys(out))


_STRONG = {"v": "p", "d": "t", "j": "k", "k": "kk", "p": "pp", "t": "tt", "nn": "nt", "ll": "lt", "rr": "rt",
           "mm": "mp", "ng": "nk"}  # Finnish consonant gradation, weak -> strong (leivo- -> leipo-)


def _strong(base: str) -> tuple[str, ...]:
    """A Finnish verb's past stem in the strong grade as well (leivo -> leipo, keit -> keitt), its last
    consonants before the final vowels changed; the stem itself first."""
    end = len(base)
    while end and base[end - 1] in "aeiouyäö":
        end -= 1
    out = [base]
    for weak in sorted(_STRONG, key=len, reverse=True):
        if end >= len(weak) + 1 and base[end - len(weak):end] == weak:
            out.append(base[:end - len(weak)] + _STRONG[weak] + base[end:])
            break
    return tuple(out)


def _fi_past_verbs(token: str) -> tuple[str, ...]:
    """Infinitives a Finnish first-person past form may come from (keitin -> keittää, ajoin -> ajaa, leivoin ->
    leipoa, pesin -> pestä), via the third person or, for the -si- past, the stem with -ta/-tä."""
    if not token.endswith("in") or len(token) < 5:
        return ()
    base, own = token[:-2], lemma(token, "fi")
    out = []
    for stem in _strong(base):
        verb = lemma(stem + "i", "fi")
        if verb != stem + "i" and verb[-1] in "aä" and verb != own:
            out.append(verb)
    if base.endswith("s"):  # pesi- -> pestä, korjasi- -> korjata, pakkasi- -> pakata (the weak grade)
        end = "ta" if any(c in "aou" for c in base) else "tä"  # vowel harmony
        out += [base + end, base[:-1] + end, _weak(base[:-1]) + end]
    return tuple(dict.fromkeys(out))


# Finnish case endings as they are added to a loanword or a name simplemma does not know (Wordillä, Instagramissa,
# Excelissä, TikTokissa, YouTubeen), longest first; the -i- that joins them to a consonant is dropped with them.
_FI_ENDINGS = tuple(sorted({i + e for e in ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi",
                                             "n", "a", "ä", "in", "en", "hin", "hen", "han", "t", "ta", "tä")
                            for i in ("", "i")}, key=len, reverse=True))


def _fi_bare(token: str) -> tuple[str, ...]:
    """A Finnish token without a case ending, for words simplemma does not know (wordillä -> word, instagramissa ->
    instagram, youtubeen -> youtube); the caller keeps those that are label or thesaurus words."""
    bare = [token[:-len(e)] for e in _FI_ENDINGS if token.endswith(e) and len(token) - len(e) >= 3]
    # a plural stem in -i of a word in -a/-ä (kenkien -> kenki- -> kenkä, which simplemma reads as kenkiä)
    plural = [b[:-1] + v for b in bare if b.endswith("i") and b[-2] not in "aeiouyäö" for v in "aä"]
    return tuple(dict.fromkeys(bare + plural))


def _fi_unknown(word: str, text: str, known: Collection[str]) -> tuple[str, ...]:
    """The known words (`known`) a Finnish text word simplemma read as `word` is, without a case ending, or the
    thesaurus word its lemma is (instagramissa -> instagram -> insta, as simplemma reads the thesaurus's word)."""
    token = next((t for t in tokens(text) if lemma(t, "fi") == word), word)
    keys = _fi_keys()
    return tuple(dict.fromkeys(w for bare in _fi_bare(token) for w in (bare, lemma(bare, "fi"))
                               if w in known and (w == bare or w in keys)))


def _fi_plural(word: str, text: str, known: Collection[str]) -> tuple[str, ...]:
    """The label word (`known`) a Finnish plural form is of, where simplemma read it as another word: kenkien ->
    kenki- -> kenkä (simplemma: kenkiä)."""
    token = next((t for t in tokens(text) if lemma(t, "fi") == word), word)
    return tuple(w for w in _fi_bare(token)[1:] if w[-1] in "aä" and w != word and w in known)


def _sv_past_verbs(token: str) -> tuple[str, ...]:
    """Infinitives a Swedish past tense may come from where simplemma reads it as something else (delade ->
    dela, not the adjective delad; bytte -> byta, not bytta; sydde -> sy); checked against the labels' words by
    the caller."""
    if len(token) < 5:
        return ()
    if token.endswith("ade"):
        return (token[:-2],)  # delade -> dela, lagade -> laga
    if token.endswith("dde"):
        return (token[:-3],)  # sydde -> sy, bodde -> bo
    if token.endswith(("de", "te")):
        return (token[:-2] + "a",)  # bytte -> byta, körde -> köra, hjälpte -> hjälpa
    return ()


def _known_sv(word: str) -> bool:
    """Whether the Swedish labels or the thesaurus know a word (tränare: both; tolkare: neither, so tolkar in a
    text is the verb tolka)."""
    return word in lemma_index("sv").vocab_id or (word,) in everyday("sv")


def readings(text: str, lang: str) -> list[tuple[str, ...]]:
    """Each content word of text as its lemma and the other words it may stand for (Finnish: a first-person past
    form's verbs).

    A Finnish text that opens with a first-person past form and goes on reads as a sentence ("autoin asiakkaita
    kaupassa"): where simplemma read that word as a noun (no infinitive's final a/ä), it is its verbs only
    (auttaa, not auto; kirjoittaa, not kirjoitin, a printer; keittää, not keitin)."""
    stop = STOPWORDS[lang]
    out: list[tuple[str, ...]] = []
    content = [t for t in tokens(text) if t not in stop and len(t) >= 2]
    for n, token in enumerate(content):
        lem = lemma(token, lang)
        if lang == "sv" and token.endswith("ar") and lem == token + "e" and not _known_sv(lem):
            lem = lemma(token[:-1], lang)  # a present tense read as an agent noun nothing knows is the verb
        if lem in stop or len(lem) < 2:
            continue
        alts = [lem]
        if lang == "fi":
            verbs = [verb for verb in _fi_past_verbs(token) if verb not in stop]
            if verbs and not out and n + 1 < len(content) and lem[-1] not in "aä":  # a noun reading
                alts = verbs
            else:
                alts += verbs
        elif lang == "sv":
            # a strong verb's past read as its participle, whose own lemma is the verb (sålde ~ såld ~ sälja)
            again = lemma(lem, lang) if lem.endswith(("d", "t")) else lem
            past = ((again,) if again.endswith("a") else ()) + _sv_past_verbs(token)
            alts += [verb for verb in dict.fromkeys(past) if verb != lem and verb not in stop]
        out.append(tuple(alts))
    return out


_LIGHT_HEADS = frozenset({"työ", "homma", "duuni", "tehtävä", "keikka"})  # pihatyö, käännöstyö: the work of X


@lru_cache(maxsize=1)
def _fi_keys() -> frozenset[str]:
    """The Finnish thesaurus's one-word entries."""
    return frozenset(key[0] for key in everyday("fi") if len(key) == 1)


@lru_cache(maxsize=2 * len(LANGS))
def _fi_known(ix: LemmaIndex) -> frozenset[str]:
    """The words a Finnish text compound may be made of: the labels' words and the thesaurus's one-word entries."""
    return frozenset(ix.vocab_id) | _fi_keys()


def _fi_compounds(ix: LemmaIndex, query: list[tuple[str, ...]], known: list[bool],
                  used: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Finnish text compounds read through their parts.

    A compound no label has is read as its parts, label words or thesaurus words (kierrätyskeskus = kierrätys +
    keskus; somemarkkinointi = some + markkinointi, some then read through the thesaurus as sosiaalinen media).
    A compound a label has stays, and is also read through its parts where they say what is done: with a light
    head (käännöstyö, pihatyö) as its first part too (käännös ~ kääntää), and with an action noun head
    (sähköasennus = sähkö + asennus ~ asentaa) with its parts as further words (asentaa sähkö- ja ... laitteita).
    The thesaurus pairs a part was read through are added to `used`."""
    out: list[tuple[str, ...]] = []
    extra: list[tuple[str, ...]] = []
    for r, k in zip(query, known):
        word = r[0]
        if k or len(word) < 7:
            out.append(r)
        elif word not in ix.vocab_id:
            parts = split(word, _fi_known(ix), lambda piece: lemma(piece, "fi"))
            if not parts:
                out.append(r)
                continue
            read, more = _everyday_readings([(p,) for p in parts], "fi")
            out += read
            used += more
        elif word in ix.compounds:
            *first, head = ix.compounds[word]
            if head in _LIGHT_HEADS:
                out.append(r + tuple(first))
            else:
                out.append(r)
                if any(verb in ix.vocab_id for verb in _fi_verbs(head)):
                    extra += [(p,) for p in (*first, head)]
        else:
            out.append(r)
    return out + [e for e in dict.fromkeys(extra) if e not in out]


def _head(ix: LemmaIndex, word: str) -> str:
    """The head of a Finnish label word: the last of its parts, else its longest ending that is a label word
    (metalli in jalometalli, so talli is not its head), else the word itself."""
    parts = ix.compounds.get(word)
    if parts:
        return parts[-1]
    return next((word[i:] for i in range(1, len(word) - 2) if word[i:] in ix.vocab_id), word)


def _is_head(ix: LemmaIndex, word: str, q: str) -> bool:
    """Whether q is the head of a Finnish label word (trukki of haarukkatrukki) or the head's verb (hoitaa of
    hevostenhoito)."""
    parts = ix.compounds.get(word)
    return word.endswith(q) if not parts else q == parts[-1] or q in _fi_verbs(parts[-1])


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
    for verb in _verbs(q, ix.lang) + (_fi_verbs(q) if ix.lang == "fi" else ()):
        add(ix.vocab_id.get(verb), _VERB)  # ajaminen -> ajaa, käsittely -> käsitellä: labels are verb phrases
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
    if ix.lang == "fi" and len(q) >= 4:  # (Swedish label compounds are split into their words already)
        pos = ix.blob.find(q + "\n")
        while pos >= 0:  # the compound's head: trukki -> haarukkatrukki, ohjelmointi -> tietokoneohjelmointi
            k = bisect_right(ix.starts, pos) - 1
            if k >= 0 and ix.vocab[k] != q and ix.vocab[k].endswith(q) and _head(ix, ix.vocab[k]) == q:
                add(k, _HEAD)
            pos = ix.blob.find(q + "\n", pos + 1)
    for k, is_head in ix.parts.get(q, ()):  # hevonen, hoitaa ~ hevostenhoito; lasi ~ lasipinta
        add(k, _HEAD if is_head else _INSIDE)
    if ix.lang == "fi":  # kääntää ~ käännös, ulkoiluttaminen ~ ulkoilutuspalvelu: the verb's action noun
        for noun in (n for verb in ((q,) if q[-1] in "aä" else ()) + _verbs(q, "fi") for n in _fi_nouns(verb)):
            add(ix.vocab_id.get(noun), _VERB)
            for k in range(bisect_left(ix.vocab, noun), bisect_right(ix.vocab, noun + "\uffff")):
                add(k, _INSIDE)  # a compound it begins
    if q not in ix.vocab_id and len(q) >= 7:
        for cut in range(3, len(q) - 2):  # trukkikortti -> trukki + kortti
            head, tail = _vocab_or_lemma(ix, q[:cut]), _vocab_or_lemma(ix, q[cut:])
            if head is not None and tail is not None:
                add(head, _PART)
                add(tail, _PART)
    if not found and len(q) >= 7:  # a compound with a head no label has: its longest known first part
        for cut in range(len(q) - 3, 3, -1):  # lagerarbetare -> lager
            first = _vocab_or_lemma(ix, q[:cut])
            if first is not None:
                add(first, _PART)
                break
    return found


def _pair_up(lemmas: tuple[str, ...], by_word: dict[str, list[tuple[float, int]]], n: int,
             compounds: dict[str, tuple[str, ...]]) -> list[float]:
    """Each of the n query words' contribution when every label word answers at most one query word, or one per
    part of a compound (`compounds`), best pairs first; by_word holds each label word's (weight, query word) pairs."""
    pairs = sorted(((weight, q, j) for j, lem in enumerate(lemmas) for weight, q in by_word.get(lem, ())),
                   reverse=True)
    out, left = [0.0] * n, [len(compounds.get(lem, "_")) for lem in lemmas]
    for weight, q, j in pairs:
        if not out[q] and left[j]:
            out[q] = weight
            left[j] -= 1
    return out


def _matches_any(ix: LemmaIndex, alternatives: tuple[str, ...]) -> dict[int, float]:
    """The matches of a query word read any of its ways (the best quality of each vocabulary word)."""
    found: dict[int, float] = {}
    for alternative in alternatives:
        if alternative.startswith(_DICT_MARK):  # for the dictionary only
            continue
        if alternative.startswith(_MARK):  # a label word the thesaurus read the text word as
            k = ix.vocab_id.get(alternative[1:])
            if k is not None and found.get(k, 0.0) < _EVERYDAY:
                found[k] = _EVERYDAY
            # Finnish: as the head of a compound label word (ruoka ~ liharuoka); the head word itself, not its verb
            # (hoitaa is no head of jalkojenhoito)
            word = alternative[1:]
            for k, is_head in ix.parts.get(word, ()):
                if is_head and ix.compounds[ix.vocab[k]][-1] == word and found.get(k, 0.0) < _EVERYDAY * _HEAD:
                    found[k] = _EVERYDAY * _HEAD
            continue
        for k, quality in _matches(ix, alternative).items():
            if found.get(k, 0.0) < quality:
                found[k] = quality
    return found


def _word_weights(ix: LemmaIndex, q: str, m: dict[int, float]) -> tuple[dict[str, float], dict[str, float]]:
    """A query word's weight on each label word it matches, and the share of that label word it covers.

    A query word that matched only part of a label word (kauppa in kauppalainsäädäntö, coffee in
    CoffeeScript) covers that share of it, and weighs no more than the query word itself."""
    own = ix.idf[ix.vocab_id[q]] if q in ix.vocab_id else None
    w: dict[str, float] = {}
    c: dict[str, float] = {}
    for k, quality in m.items():
        v = ix.vocab[k]
        # hitsata ~ hitsaus, not kahvila ~ kahvipapu; trukki ~ haarukkatrukki (the compound's head) covers
        # the label word but weighs no more than the query word
        whole = quality in (_EXACT, _EVERYDAY) or len(v) <= len(q) + 2
        head = not whole and ix.lang == "fi" and _is_head(ix, v, q)
        if quality == _VERB and own is not None:  # as telling as the noun the text used
            w[v] = quality * own
        else:
            w[v] = quality * (ix.idf[k] if whole or own is None else min(ix.idf[k], own))
        c[v] = 1.0 if whole or head else len(q) / len(v)
    return w, c


def _score(ix: LemmaIndex, weights: list[dict[str, float]], shares: list[dict[str, float]], leads: list[int],
           possible: float, candidates: Collection[int] | None = None) -> dict[int, tuple[float, int]]:
    """skill -> (score, leading query word) of the entries the weighted query words match (or of `candidates`),
    best entry per skill."""
    best: dict[int, tuple[float, int]] = {}
    if candidates is None:
        candidates = {e for w in weights for v in w for e in ix.postings[ix.vocab_id[v]]}
    by_word: dict[str, list[tuple[float, int]]] = {}
    for q, w in enumerate(weights):
        for v, weight in w.items():
            by_word.setdefault(v, []).append((weight, q))
    cover: dict[str, float] = {}
    for c in shares:
        for v, share in c.items():
            cover[v] = max(cover.get(v, 0.0), share)
    for e in candidates:
        lemmas = ix.entry_lemmas[e]
        contributions = _pair_up(lemmas, by_word, len(weights), ix.compounds)
        covered = sum(cover.get(lem, 0.0) for lem in lemmas)
        score = sum(contributions) / possible * (0.6 + 0.4 * covered / len(lemmas)) * ix.length_norm[e]
        if not ix.preferred[e]:
            score *= _ALT_LABEL
        lead = leads[max(range(len(weights)), key=contributions.__getitem__)]
        s = ix.skill[e]
        if score > best.get(s, (0.0, 0))[0]:
            best[s] = (score, lead)
    return best


def _rank(ix: LemmaIndex, query: list[tuple[str, ...]], limit: int) -> list[tuple[int, float]]:
    """(skill, score) pairs: lemma overlap weighted by rarity and label coverage, diversified across query words.

    Each query word is a tuple of its readings (its lemma first). Finnish and Swedish text is also matched,
    word by word through a learned lexicon, to the English preferred and alternative labels, a weaker field."""
    return _ranked(ix, query, limit)[0]


def _ranked(ix: LemmaIndex, query: list[tuple[str, ...]],
            limit: int) -> tuple[list[tuple[int, float]], list[tuple[str, str, tuple[str, ...]]]]:
    """_rank's (skill, score) pairs, and the dictionary translations read (word, translation, its lemmas)."""
    unique = list({r[0]: r for r in query[:_MAX_QUERY_LEMMAS]}.values())
    found = [_matches_any(ix, r) for r in unique]
    matched = [(j, r[0], m) for j, (r, m) in enumerate(zip(unique, found)) if m]
    translated = _translated(ix, unique, found)
    if not matched and not translated:
        return [], []
    weights, shares = zip(*(_word_weights(ix, q, m) for _, q, m in matched)) if matched else ((), ())
    slots = _dictionary_slots(translated)
    # a word only the dictionary reads counts in the whole as much as its best translations may
    possible = sum(max(w.values()) for w in weights) + sum(max(slot.values()) for j, slot in slots
                                                           if not found[j])
    best = _score(ix, list(weights), list(shares), [j for j, _, _ in matched], possible) if matched else {}
    if ix.lang != "en":
        across = _english_field(ix, [(j, max(w.values()), m) for (j, _, m), w in zip(matched, weights)], possible,
                                slots)
        for s, (score, lead) in across.items():
            mine = best.get(s, (0.0, lead))
            best[s] = (mine[0] + _ENGLISH * score, mine[1] if mine[0] >= _ENGLISH * score else lead)
    pool = sorted(best.items(), key=lambda item: -item[1][0])[:_CANDIDATE_POOL]
    used = [0] * len(unique)
    ranked: list[tuple[int, float]] = []
    while pool and len(ranked) < limit:
        pick = max(range(len(pool)), key=lambda j: pool[j][1][0] * _REPEAT_PENALTY ** used[pool[j][1][1]])
        s, (score, lead) = pool.pop(pick)
        ranked.append((s, score * _REPEAT_PENALTY ** used[lead]))
        used[lead] += 1
    return ranked, [(word, text, lemmas) for _, word, translations in translated for text, lemmas, _ in translations]


def _translated(ix: LemmaIndex, unique: list[tuple[str, ...]], found: list[dict[int, float]]
                ) -> list[tuple[int, str, tuple[tuple[str, tuple[str, ...], float], ...]]]:
    """(query word, the word looked up, its translations) for the query words the bilingual dictionary reads: those
    no label word of their own language matched at least _TRANSLATED_MATCH (the lexicon translates those that did),
    through any of their readings the dictionary has (mejkade ~ mejka), the first one's translations first."""
    table = dictionary(ix.lang)
    out: list[tuple[int, str, tuple[tuple[str, tuple[str, ...], float], ...]]] = []
    for j, (r, m) in enumerate(zip(unique, found)):
        if m and max(m.values()) >= _TRANSLATED_MATCH:
            continue
        for reading in dict.fromkeys(a.removeprefix(_DICT_MARK) for a in r if not a.startswith(_MARK)):
            if reading in table:
                out.append((j, reading, table[reading]))
    return out


def _dictionary_slots(translated: list[tuple[int, str, tuple[tuple[str, tuple[str, ...], float], ...]]]
                      ) -> list[tuple[int, dict[str, float]]]:
    """The English query words the dictionary's translations make: (query word, English lemma -> weight), the n-th
    word of every translation of a query word in its n-th slot (kassa: {cash, checkout, cashier, ...}, {register,
    desk}), so that one text word answers a label word at most once per word of a translation. A translation's
    weight is _DICTIONARY times its sense's weight times the English word's rarity (clean, make: little)."""
    en = lemma_index("en")
    out: list[tuple[int, dict[str, float]]] = []
    for j, _word, translations in translated:
        slots: list[dict[str, float]] = []
        for _text, lemmas, weight in translations:
            for n, lem in enumerate(lemmas):
                if n == len(slots):
                    slots.append({})
                w = _DICTIONARY * weight * en.idf[en.vocab_id[lem]]
                slots[n][lem] = max(slots[n].get(lem, 0.0), w)
        out += [(j, slot) for slot in slots]
    return out


def _english_field(ix: LemmaIndex, matched: list[tuple[int, float, dict[int, float]]], possible: float,
                   translated: Collection[tuple[int, dict[str, float]]] = ()) -> dict[int, tuple[float, int]]:
    """skill -> (score, leading query word) on the English labels, for (query word, its weight, its matches)
    of a Finnish or Swedish text: each label word the query word matched stands for its English translations
    (lexicon), weighed by the query word's weight times the translation's probability; with the English words
    the bilingual dictionary read further query words as (`translated`, (query word, lemma -> weight))."""
    en, table = lemma_index("en"), lexicon(ix.lang)
    weights: list[dict[str, float]] = []
    shares: list[dict[str, float]] = []
    leads: list[int] = []
    for j, weight, m in matched:
        conf: dict[str, float] = {}
        for k, quality in m.items():
            if quality < _TRANSLATED_MATCH:
                continue
            for e, p in table.get(ix.vocab[k], ()):
                conf[e] = max(conf.get(e, 0.0), quality * p)
        total = sum(conf.values())
        for e, c in conf.items():
            c = c / total if total > 1 else c
            if e in en.vocab_id:
                weights.append({e: weight * c})
                shares.append({e: 1.0})
                leads.append(j)
    for j, slot in translated:
        weights.append(slot)
        shares.append(dict.fromkeys(slot, 1.0))
        leads.append(j)
    if not weights:
        return {}
    # Translations of common words (use, machine) reach many labels: only the entries with the most weight
    # matched (an upper bound of their score) are scored in full.
    bound = np.zeros(len(en.skill))
    for w in weights:
        for v, weight in w.items():
            bound[np.frombuffer(en.postings[en.vocab_id[v]], dtype=np.int32)] += weight
    reached = np.flatnonzero(bound)
    if len(reached) > _ENGLISH_POOL:
        reached = reached[np.argpartition(-bound[reached], _ENGLISH_POOL)[:_ENGLISH_POOL]]
    return _score(en, weights, shares, leads, possible, reached.tolist())


def rank(ix: LemmaIndex, text: str, limit: int) -> list[tuple[int, float]]:
    """(skill, score) pairs for free text in the index's language, best first."""
    return _rank(ix, _query(ix, text)[0], limit)


def _query(ix: LemmaIndex, text: str) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """The text's query words, each a tuple of its readings (its lemma first), and the thesaurus pairs used."""
    words = _fi_known(ix) if ix.lang == "fi" else ix.vocab_id
    table = dictionary(ix.lang)
    read = readings(text, ix.lang)
    query = [(r[0], *(a for a in r[1:] if a in words)) for r in read]
    # the readings only the dictionary knows (mejkade ~ mejka, which no Swedish label has), for it alone
    unknown = {r[0]: tuple(_DICT_MARK + a for a in r[1:] if a not in words and a in table) for r in read}
    if ix.lang == "fi":  # a word neither labels nor thesaurus know, without its case ending (Wordillä ~ word)
        query = [r if r[0] in words or len(r) > 1 else (r[0], *_fi_unknown(r[0], text, words)) for r in query]
        query = [r + tuple(w for w in _fi_plural(r[0], text, ix.vocab_id) if w not in r) for r in query]
    query, used = _everyday_readings(query, ix.lang)
    known = [any(a.startswith(_MARK) for a in r) for r in query]  # the thesaurus knows it: not split
    if ix.words:  # compounds split as the labels' are, their parts read through the thesaurus too (golvtvätt =
        parted: list[tuple[str, ...]] = []  # golv + tvätt, tvätta ~ rengöra)
        for r, k in zip(query, known):
            split_up = () if k else _parts(r[0], ix.words, ix.lang)
            # a word that is no compound keeps its other readings (städade ~ städad, städa)
            parts: list[tuple[str, ...]] = [(p,) for p in split_up] if len(split_up) > 1 else [r]
            if len(parts) > 1:
                parts, more = _everyday_readings(parts, ix.lang)
                used += more
            parted += parts
        query = parted
    elif ix.lang == "fi":  # a compound no label has, as its parts (kierrätyskeskus = kierrätys + keskus)
        query = _fi_compounds(ix, query, known, used)
        # asiakkaiden valitukset ~ asiakasvalitus: the head word may be read as the compound
        query = [r + ((query[i - 1][0] + r[0],) if i and query[i - 1][0] + r[0] in ix.vocab_id else ())
                 for i, r in enumerate(query)]
    return [r + unknown.get(r[0], ()) for r in query], used


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
        ix = lemma_index(lg)
        query, used = _query(ix, text)
        ranked, translated = _ranked(ix, query, limit)
        if ranked:
            used = _news(used, text, lg)
            return [SkillHit(tax.uris[s], s, tax.shown(s, lg), lg, round(score, 4), _read_as(ix, s, used),
                             _translated_as(ix, s, translated)) for s, score in ranked]
    return []


def _translated_as(ix: LemmaIndex, skill: int, translated: list[tuple[str, str, tuple[str, ...]]]) -> tuple[str, ...]:
    """The dictionary's translations (word → English words) all of whose words are in one of the skill's English
    labels, of words the skill's labels in the index's language do not have: what the explanation names
    ("vitsailla → joke")."""
    if not translated:
        return ()
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    alts = tax.alt_labels.get("en")
    english = [set(content_lemmas(label, "en")) for label in (tax.labels["en"][skill], *(alts[skill] if alts else ()))]
    alts = tax.alt_labels.get(ix.lang)
    own = {part for label in (tax.labels[ix.lang][skill], *(alts[skill] if alts else ()))
           for lem in content_lemmas(label, ix.lang)  # Swedish compounds as their parts too (restaurang in
           for part in (lem, *(_parts(lem, ix.words, ix.lang) if ix.words else ()))}  # restaurangservice)
    return tuple(dict.fromkeys(f"{word} → {text}" for word, text, lemmas in translated
                               if word not in own and any(set(lemmas) <= words for words in english)))


def _news(used: list[tuple[str, str]], text: str, lang: str) -> list[tuple[str, str]]:
    """The thesaurus readings that add a word: those whose label words are not all the text's own words already
    ("täytin hyllyjä" read through "täyttää hylly → hylly" reads nothing the text did not say, and naming it would
    only puzzle the reader)."""
    own = {word for reading in readings(text, lang) for word in reading}
    return [(everyday, label) for everyday, label in used if not set(label.split()) <= own]


def _read_as(ix: LemmaIndex, skill: int, used: list[tuple[str, str]]) -> tuple[str, ...]:
    """The thesaurus readings (everyday word → label words) whose label words are all in one of the skill's labels
    in the index's language: what the explanation names ("vessa → wc")."""
    if not used:
        return ()
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    alts = tax.alt_labels.get(ix.lang)
    labels = (tax.labels[ix.lang][skill], *(alts[skill] if alts else ()))
    words = [set(p for lem in content_lemmas(label, ix.lang) for p in _parts(lem, ix.words, ix.lang))
             if ix.words else set(content_lemmas(label, ix.lang)) for label in labels]
    written = everyday_written(ix.lang)
    return tuple(dict.fromkeys(" → ".join(written.get((everyday, label), (everyday, label))) for everyday, label in used
                               if any(set(label.split()) <= w for w in words)))
