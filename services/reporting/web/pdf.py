"""The funder's report as PDF: the same HTML, tables and SVG charts as the page, laid out by WeasyPrint."""
from __future__ import annotations

from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "reporting" / "report.css"


def render_pdf(html: str) -> bytes:
    """A PDF of a self-contained HTML document (its charts are inline SVG, nothing is fetched)."""
    from weasyprint import CSS, HTML

    def no_fetching(url: str, *args, **kwargs):
        raise ValueError(f"the report fetches nothing: {url}")

    return HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
