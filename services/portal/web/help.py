"""The accessibility statement, the data sources and the user guide: public pages in the reader's language.

The guide is docs/guide/<lang>/*.md, rendered here (markdown-it, raw HTML off) so that the one text serves the
repository and the app; its pictures are docs/guide/img/*.png, which the journey tests write.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_from_directory, url_for
from markdown_it import MarkdownIt

from services.portal.config import settings_of
from shared.auth.policy import public
from shared.reference.sources import SOURCES, in_language
from shared.web.context import lang

bp = Blueprint("help", __name__)

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "guide"
CHAPTERS = ("README", "manager", "partner", "host", "student", "coordinator")
FALLBACK = {"fi": ("fi", "en"), "sv": ("sv", "fi", "en"), "en": ("en", "fi")}


@bp.get("/accessibility")
@public
def accessibility():
    """The accessibility statement (Act on the Provision of Digital Services 306/2019, section 15)."""
    return render_template("portal/accessibility.html", language=lang(),
                           contact=settings_of(current_app).accessibility_contact)


@bp.get("/sources")
@public
def sources():
    """The reference data the app shows (skills, occupations, places, words), with each source's credit and licence,
    as those licences ask wherever the data are shown."""
    language = lang()
    return render_template("portal/sources.html", sources=[
        {"name": in_language(s.name, language), "attribution": in_language(s.attribution, language), "use": s.use,
         "licence": s.licence, "licence_url": s.licence_url, "url": s.url} for s in SOURCES])


@bp.get("/guide")
@bp.get("/guide/<chapter>")
@public
def guide(chapter: str = "README"):
    """A chapter of the user guide in the reader's language (else Finnish, else English)."""
    if chapter not in CHAPTERS:
        abort(404)
    for language in FALLBACK.get(lang(request.args.get("lang")), ("fi",)):
        source = GUIDE / language / f"{chapter}.md"
        if source.is_file():
            title, body = _rendered(str(source), source.stat().st_mtime, url_for(".guide"))
            return render_template("portal/guide.html", title=title, body=body, language=language)
    abort(404)


@bp.get("/guide/img/<name>")
@public
def picture(name: str):
    """A screenshot of the guide (send_from_directory refuses any path outside the folder)."""
    return send_from_directory(GUIDE / "img", name, max_age=3600)


@lru_cache(maxsize=32)
def _rendered(path: str, _mtime: float, base: str) -> tuple[str, str]:
    """(the first heading, the chapter as HTML), links to other chapters and pictures pointing into the app."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(Path(path).read_text(encoding="utf-8"))
    title = ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not title:
            title = tokens[i + 1].content
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", _address(str(child.attrGet("href") or ""), base))
            elif child.type == "image":
                child.attrSet("src", _address(str(child.attrGet("src") or ""), base))
    return title, md.renderer.render(tokens, md.options, {})


def _address(href: str, base: str) -> str:
    """A markdown link as the app serves it: 'student.md' -> /guide/student, '../img/x.png' -> /guide/img/x.png."""
    if "://" in href or href.startswith(("#", "mailto:", "/")):
        return href
    folder, _, name = href.rpartition("/")
    if name.endswith(".md"):  # another language's chapter is asked for in that language
        asked = folder.rpartition("/")[2]
        page = f"{base}/{name[:-3]}" if name != "README.md" else base
        return f"{page}?lang={asked}" if asked in FALLBACK else page
    if "img/" in href:
        return f"{base}/img/{name}"
    return href
