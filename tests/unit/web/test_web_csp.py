"""Templates keep to the Content-Security-Policy: no inline styles, scripts or event handlers.

Every template under shared/ and services/ is read at test time, so later pages are held to it too.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = sorted(p for tree in ("shared", "services") for p in (ROOT / tree).glob("**/templates/**/*.html"))

RULES = {
    "an inline style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "an inline event handler (on...=)": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
    "hx-on (needs eval, which the CSP refuses)": re.compile(r"\shx-on", re.I),
}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)


def test_there_are_templates_to_check():
    assert any(p.name == "base.html" for p in TEMPLATES)


def problems_in(text: str) -> list[str]:
    problems = [what for what, pattern in RULES.items() if pattern.search(text)]
    scripts = SCRIPT.findall(text)
    if any(not re.search(r"\ssrc\s*=", attributes) or body.strip() for attributes, body in scripts):
        problems.append("a <script> without src (inline script)")
    if text.lower().count("<script") != len(scripts):
        problems.append("a <script> that is not closed")
    return problems


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_styles_or_scripts(path):
    problems = problems_in(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(ROOT)} has " + ", ".join(problems)


@pytest.mark.parametrize("snippet", [
    '<p style="color: red">', "<style>p {}</style>", "<script>alert(1)</script>",
    '<script src="/a.js">alert(1)</script>', '<button onclick="go()">', '<a href="javascript:go()">',
    '<div hx-on:click="go()">', '<script src="/a.js">',
])
def test_the_checks_catch_what_the_csp_would_block(snippet):
    assert problems_in(snippet)


def test_the_checks_allow_what_the_layout_does():
    assert problems_in('<script src="/static/kampus/kampus.js" defer></script><p class="lead" hx-get="/x">') == []
