"""Explanations as they travel and as people read them: skill URIs on the bus, labels in fi/sv/en on pages."""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from services.matching.domain import Explanation


def payload(explanation: Explanation, uris) -> dict:
    """The explanation as the event and the stored suggestion carry it (no personal data)."""
    parts = explanation.parts
    return {
        "score": round(explanation.score, 6),
        "parts": {"essential": round(parts.essential, 6), "nice_to_have": round(parts.nice_to_have, 6),
                  "preferences": round(parts.preferences, 6)},
        "skills": [{"uri": uris[m.skill], "essential": m.essential, "required_level": m.required_level,
                    "weight": round(m.weight, 6), "credit": round(m.credit, 6),
                    "held_uri": None if m.matched_skill is None else uris[m.matched_skill],
                    "held_level": m.held_level, "via": m.via} for m in explanation.matches],
        "missing_essential": [uris[s] for s in explanation.missing_essential],
        "learning_gaps": [{"uri": uris[g.skill], "essential": g.essential, "target_level": g.target_level,
                           "current_level": g.current_level, "reason": g.reason} for g in explanation.learning_gaps],
        "constraints": [{"name": c.name, "hard": c.hard, "ok": c.ok, "detail": c.detail}
                        for c in explanation.constraints],
    }


VIA = {
    "exact": _l("has the skill"),
    "narrower": _l("has a narrower skill"),
    "broader": _l("has a broader skill"),
    "related-essential": _l("has a closely related skill"),
    "related-optional": _l("has a related skill"),
    "same-group": _l("has a skill of the same group"),
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
GAP_REASONS = {
    "missing": _l("missing"),
    "level": _l("below the level asked for"),
    "related-only": _l("only a related skill"),
}


def readable(explanation: Mapping, taxonomy, lang: str) -> dict:
    """The stored explanation with skill labels in `lang` and translated notes, for a page."""
    index = taxonomy.index

    def label(uri: str | None) -> str | None:
        if uri is None:
            return None
        i = index.get(uri)
        return taxonomy.label(i, lang) if i is not None else uri

    skills = [{**s, "label": label(s["uri"]), "held_label": label(s.get("held_uri")),
               "via_text": str(VIA.get(s.get("via"), "")) if s.get("via") else ""} for s in explanation["skills"]]
    constraints = []
    for c in explanation["constraints"]:
        texts = CONSTRAINTS.get(c["name"])
        constraints.append({**c, "text": str(texts[0 if c["ok"] else 1]) if texts else c["detail"]})
    return {
        **explanation,
        "skills": skills,
        "matched": [s for s in skills if s.get("held_uri")],
        "missing_essential": [{"uri": u, "label": label(u)} for u in explanation["missing_essential"]],
        "learning_gaps": [{**g, "label": label(g["uri"]), "reason_text": str(GAP_REASONS.get(g["reason"], ""))}
                          for g in explanation["learning_gaps"]],
        "constraints": constraints,
    }
