"""A partner's need page says how many of the need's positions hires have filled, properly for 0, 1 and many."""
from __future__ import annotations

import re

import pytest
from flask import g, render_template

from services.matching import SERVICE
from services.matching.web.suggestions import labels
from shared.auth import Principal
from tests.support.matching import matching_runtime


def sentence(tmp_path, lang: str, hires: int, people: int) -> str:
    """The page's sentence about filled positions, as partner1 reads it in `lang`."""
    runtime = matching_runtime(tmp_path)
    app = SERVICE.app_for(runtime)
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        g.principal = Principal(user_id="p1", username="partner1", name="Kumppani", organisation="konepaja-virtanen",
                                roles=frozenset({"partner"}), locale=lang)
        html = render_template("matching/partner/candidates.html", labels=labels(),
                               found={"title": "Hitsari", "hires": hires, "people": people, "items": []})
    runtime.close()
    found = re.search(r"</p>\s*<p>([^<]*(?:paik|plats|position)[^<]*)</p>", html)
    assert found is not None, html
    return " ".join(found.group(1).split())


@pytest.mark.parametrize("lang, hires, people, expected", [
    ("fi", 0, 1, "Tarpeessa on 1 paikka, jota ei ole vielä täytetty palkkaamalla."),
    ("fi", 0, 3, "Tarpeessa on 3 paikkaa, joista yhtäkään ei ole vielä täytetty palkkaamalla."),
    ("fi", 1, 1, "Tarpeen 1 paikka on täytetty palkkaamalla."),
    ("fi", 3, 3, "Tarpeen kaikki 3 paikkaa on täytetty palkkaamalla."),
    ("fi", 1, 3, "Tarpeen 3 paikasta 1 on täytetty palkkaamalla."),
    ("sv", 0, 1, "Behovet har 1 plats, ännu inte tillsatt genom anställning."),
    ("sv", 2, 3, "2 av behovets 3 platser är tillsatta genom anställning."),
    ("sv", 1, 3, "1 av behovets 3 platser är tillsatt genom anställning."),
    ("en", 0, 2, "The need has 2 positions, none yet filled by a hire."),
    ("en", 2, 2, "All 2 of the need's positions are filled by hires."),
    ("en", 1, 2, "1 of the need's 2 positions is filled by a hire."),
])
def test_the_filled_positions_are_told_for_none_one_and_many(tmp_path, lang, hires, people, expected):
    assert sentence(tmp_path, lang, hires, people) == expected
