"""The funder's report as PDF: the same HTML, tables and SVG charts as the page, laid out by WeasyPrint.

The PDF is tagged for PDF/UA-1 (its structure tree says which text is a heading, a table, a header cell),
with the document's language and title set, so that screen readers read it and archives accept it."""
from __future__ import annotations

from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "reporting" / "report.css"
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str, *, lang: str, title: str) -> bytes:
    """A tagged PDF of a self-contained HTML document (its charts are inline SVG, nothing is fetched), in
    `lang` and titled `title` (the document's own <html lang> and <title> should say the same)."""
    from weasyprint import CSS, HTML

    def no_fetching(url: str, *args, **kwargs):
        raise ValueError(f"the report fetches nothing: {url}")

    document = HTML(string=html, url_fetcher=no_fetching).render(stylesheets=[CSS(filename=str(STYLESHEET))],
                                                                  pdf_variant=PDF_VARIANT)
    document.metadata.title = title
    document.metadata.lang = lang
    return document.write_pdf(pdf_variant=PDF_VARIANT)
