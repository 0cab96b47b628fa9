"""The explanation on matching's pages names partly covered skills and their link in fi, sv and en."""
from __future__ import annotations

import pytest
from flask import g, render_template

from services.matching import SERVICE
from services.matching.web.suggestions import labels
from shared.auth import Principal
from tests.support.matching import matching_runtime

SKILLS = [{"uri": "s/ten", "label": "rust", "essential": True, "required_level": 1, "weight": 1.0, "credit": 0.4,
           "held_uri": "s/eleven", "held_label": "go", "held_level": 3, "via": "sibling", "link_uri": "s/twelve",
           "via_text": "", "link_text": "both are under the broader skill programming"}]
HEADING = {"fi": "Osittain katetut välttämättömät taidot", "sv": "Delvis täckta väsentliga färdigheter",
           "en": "Partly covered essential skills"}


def rendered(tmp_path, lang: str, score: float, **more) -> str:
    """The explanation partial in `lang` for a suggestion of `score` with the SKILLS above, as a manager sees it."""
    runtime = matching_runtime(tmp_path)
    app = SERVICE.app_for(runtime)
    explanation = {"score": score, "parts": {"essential": score, "nice_to_have": 0.0, "preferences": 0.0},
                   "skills": SKILLS, "matched": SKILLS, "partly_covered": SKILLS, "missing_essential": [],
                   "learning_gaps": [], "constraints": [], **more}
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        g.principal = Principal(user_id="u1", username="maija", name="Maija", organisation="sataedu",
                                roles=frozenset({"manager"}), locale=lang)
        html = render_template("matching/_explanation.html", item={"id": "x", "explanation": explanation},
                               labels=labels(), actions=False)
    runtime.close()
    return html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_partly_covered_skills_are_listed_with_the_related_skill_and_the_link(tmp_path, lang):
    html = rendered(tmp_path, lang, 0.4)
    assert HEADING[lang] in html
    assert "<strong>rust</strong>" in html and "go" in html and "both are under the broader skill programming" in html
    assert {"fi": "vastaavuus 40 %", "sv": "motsvarighet 40 %", "en": "40 % credit"}[lang] in html


FOCUS = {"fi": "Profiilin 14 taidosta 9 liittyy kysyttyyn osaamiseen, joten taitopisteet kerrotaan luvulla 0,85",
         "sv": "9 av profilens 14 färdigheter hör till den efterfrågade kompetensen, så färdighetspoängen "
               "multipliceras med 0,85",
         "en": "9 of the profile's 14 skills bear on the skills asked for, so the skill points are multiplied by 0.85"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_focus_factor_is_named_with_its_counts(tmp_path, lang):
    html = rendered(tmp_path, lang, 0.34, focus={"listed": 14, "bearing": 9, "factor": 0.85})
    assert {"fi": "Kohdentuminen", "sv": "Fokus", "en": "Focus"}[lang] in html
    assert FOCUS[lang] in html
