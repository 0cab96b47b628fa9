"""One scale on one page: the words at the ends of the 1–5 answer options are the words the page's instructions
use, in Finnish and Swedish (the language review found the two scales on one Finnish page; the walk in Swedish found
"stämmer inte alls" in the hint above options saying "instämmer inte alls")."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parents[3] / "services" / "environments" / "translations"
LOW, HIGH = "1 – fully disagree", "5 – fully agree"  # the answer options (web/forms.py LIKERT_LABELS)
INSTRUCTIONS = (
    "Tell how the project went: 1 = fully disagree, 5 = fully agree. Your answers are used for the network's "
    "statistics without your name.",  # above the experience survey
)


@cache
def translations(locale: str) -> dict[str, str]:
    with open(CATALOGS / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return {m.id: m.string for m in read_po(po, locale=locale) if isinstance(m.id, str) and m.string}


@pytest.mark.parametrize("locale", ["fi", "sv"])
@pytest.mark.parametrize("instruction", INSTRUCTIONS)
def test_the_options_use_the_words_of_the_instructions(locale, instruction):
    texts = translations(locale)
    low, high = (texts[option].split("–", 1)[1].strip() for option in (LOW, HIGH))
    hint = texts[instruction]
    assert f"1 = {low}" in hint and f"5 = {high}" in hint, (locale, low, high, hint)
