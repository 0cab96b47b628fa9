"""Explanations as people read them: skill labels and notes in fi/sv/en, for the API and the pages.

On the bus and in the stored suggestion an explanation carries skill URIs only
(`services.matching.domain.Explanation.as_payload`).
"""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

VIA = {
    "exact": _l("has the skill"),
    "narrower": _l("has a narrower skill"),
    "broader": _l("has a broader skill"),
    "related-essential": _l("has a closely related skill"),
    "related-optional": _l("has a related skill"),
    "same-group": _l("has a skill of the same group"),
    "sibling": _l("has a skill under the same broader skill"),
    "narrower-2": _l("has a skill two steps narrower"),
    "broader-2": _l("has a skill two steps broader"),
    "co-occupation": _l("has a skill the same occupations ask for"),
}
CONSTRAINTS = {  # name -> (when it holds, when it does not)
    "hours": (_l("Offers enough hours a week"), _l("Offers too few hours a week")),
    "dates": (_l("Available during the period"), _l("Not available during the period")),
    "work_type": (_l("Wants this kind of work"), _l("Does not want this kind of work")),
    "area": (_l("The place is within reach"), _l("The place is out of reach")),
    "languages": (_l("Has the languages asked for"), _l("Lacks a language asked for")),
    "driving_licence": (_l("Has a driving licence"), _l("Has no driving licence")),
    "field": (_l("Field of education is preferred"), _l("Field of education is not among the preferred")),
    "preferred_languages": (_l("Has the preferred languages"), _l("Lacks some preferred languages")),
    "coverage": (_l("Available for the whole period"), _l("Available for part of the period")),
}
# The notes whose subject is the person, said to the student themself on their own page ("you want…").
TO_YOU = {
    "dates": (_l("You are available during the period"), _l("You are not available during the period")),
    "work_type": (_l("You want this kind of work"), _l("You do not want this kind of work")),
    "languages": (_l("You know the languages asked for"), _l("You do not know every language asked for")),
    "driving_licence": (_l("You have a driving licence"), _l("You have no driving licence")),
    "field": (_l("Your field of education is preferred"), _l("Your field of education is not among the preferred")),
    "preferred_languages": (_l("You know the preferred languages"), _l("You do not know every preferred language")),
    "coverage": (_l("You are available for the whole period"), _l("You are available for part of the period")),
}
# What links a required skill to the related held skill that partly covered it; %(concept)s names the link.
LINKS = {
    "narrower": _l("ESCO places the held skill directly under it"),
    "broader": _l("ESCO places it directly under the held skill"),
    "related-essential": _l("ESCO names the held skill as essential to it"),
    "related-optional": _l("ESCO names the held skill as related to it"),
    "same-group": _l("both are in the skill group %(concept)s"),
    "sibling": _l("both are under the broader skill %(concept)s"),
    "narrower-2": _l("the held skill is under %(concept)s, which is under it"),
    "broader-2": _l("it is under %(concept)s, which is under the held skill"),
    "co-occupation": _l("the same occupations ask for both, e.g. %(concept)s"),
}
LINKED_BY_CONCEPT = ("same-group", "sibling", "narrower-2", "broader-2", "co-occupation")
FULL = ("exact", "narrower")  # the skill itself or a narrower one covers a requirement in full
GAP_REASONS = {
    "missing": _l("missing"),
    "level": _l("below the level asked for"),
    "related-only": _l("only a related skill"),
}


_TRANSLATED: dict[tuple[int, str], str] = {}  # (the module constant's id, the request's locale) -> its text


def _text(lazy, locale: str) -> str:
    """A lazy text of this module in the request's locale, looked up once per process and locale: a list of
    suggestions names the same few notes hundreds of times, and each lookup through Flask-Babel costs."""
    key = (id(lazy), locale)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = str(lazy)
    return found


def readable(explanation: Mapping, taxonomy, lang: str) -> dict:
    """The stored explanation with skill labels in `lang` and translated notes, for a page."""
    index = taxonomy.index
    locale = str(get_locale())

    def label(uri: str | None) -> str | None:
        if uri is None:
            return None
        i = index.get(uri)
        return _shown(taxonomy, i, lang) if i is not None else uri

    skills = [{**s, "label": label(s["uri"]), "held_label": label(s.get("held_uri")),
               "via_text": _text(VIA[s["via"]], locale) if s.get("via") in VIA else "",
               "link_text": link_text(s, taxonomy, lang) if s.get("held_uri") else ""}
              for s in explanation["skills"]]
    partly = [s for s in skills if s["essential"] and s.get("held_uri") and s.get("via") not in FULL]
    constraints = []
    for c in explanation["constraints"]:
        texts = CONSTRAINTS.get(c["name"])
        constraints.append({**c, "text": _text(texts[0 if c["ok"] else 1], locale) if texts else c["detail"]})
    return {
        **explanation,
        "skills": skills,
        "matched": [s for s in skills if s.get("held_uri")],
        "partly_covered": partly,
        "missing_essential": [{"uri": u, "label": label(u)} for u in explanation["missing_essential"]],
        "learning_gaps": [{**g, "label": label(g["uri"]),
                           "reason_text": _text(GAP_REASONS[g["reason"]], locale) if g["reason"] in GAP_REASONS else ""}
                          for g in explanation["learning_gaps"]],
        "constraints": constraints,
    }


def link_text(skill: Mapping, taxonomy, lang: str) -> str:
    """How a related held skill is linked to the required one, naming the linking concept."""
    via, link = skill.get("via"), skill.get("link_uri")
    text = LINKS.get(via or "")
    if text is None:
        return ""
    concept = None
    if via == "co-occupation":
        concept = _common_occupation(skill["uri"], skill["held_uri"], lang)
    elif link is not None:
        i = taxonomy.index.get(link)
        concept = _shown(taxonomy, i, lang) if i is not None else _group_label(link)
    if via in LINKED_BY_CONCEPT:
        return str(text) % {"concept": concept} if concept else ""
    return str(text)


def _shown(taxonomy, i: int, lang: str) -> str:
    """A skill's label with the hint that tells it from others sharing it (taxonomies without hints: the label)."""
    shown = getattr(taxonomy, "shown", None)
    return shown(i, lang) if shown is not None else taxonomy.label(i, lang)


def _group_label(uri: str) -> str:
    """An ESCO skill group's label (ESCO's groups have English labels only), or the name as given."""
    from shared.reference import esco

    try:
        return esco.skill_group(uri).label_en
    except KeyError:
        return uri


def _common_occupation(uri: str, held_uri: str | None, lang: str) -> str | None:
    """An ESCO occupation that asks for both skills (the first by URI), or None."""
    from shared.reference import esco

    tax = esco.load_taxonomy()
    a, b = tax.index.get(uri), tax.index.get(held_uri or "")
    if a is None or b is None:
        return None
    for occupation in esco.occupations():
        skills = occupation.essential + occupation.optional
        if a in skills and b in skills:
            return occupation.label(lang)
    return None


def labelled(item: dict, taxonomy, lang: str) -> dict:
    """A suggestion with its explanation's skill labels and notes in `lang`."""
    return {**item, "explanation": readable(item["explanation"], taxonomy, lang)}


def said_to_you(items: list[dict]) -> list[dict]:
    """Suggestions already `labelled`, their notes about the person said to the student themself."""
    locale = str(get_locale())
    for item in items:
        for c in item["explanation"]["constraints"]:
            texts = TO_YOU.get(c["name"])
            if texts:
                c["text"] = _text(texts[0 if c["ok"] else 1], locale)
    return items


def labelled_all(items: list[dict], taxonomy, lang: str) -> list[dict]:
    """`labelled` for each of a list of suggestions."""
    return [labelled(item, taxonomy, lang) for item in items]
