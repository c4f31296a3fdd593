"""Breakdown sheets as HTML and PDF, from one template (``breakdown_sheets.html``)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from mosaico.breakdown.sheets import BreakdownSheet
from mosaico.reports.breakdown_render import paper_size, render, to_pdf


def sheets_fragment(sheets: Sequence[BreakdownSheet], *, title: str, language: str) -> Markup:
    """The sheets alone (no page around them), for a web page to embed."""
    return render("breakdown_sheets_body.html", language, sheets=sheets, title=title)


def sheets_html(
    sheets: Sequence[BreakdownSheet], *, title: str, language: str, paper: str = "letter"
) -> str:
    """A whole printable document: one sheet a page."""
    return str(
        render(
            "breakdown_sheets.html",
            language,
            sheets=sheets,
            title=title,
            paper=paper_size(paper),
        )
    )


def sheets_pdf(
    sheets: Sequence[BreakdownSheet], *, title: str, language: str, paper: str = "letter"
) -> bytes:
    """The same document as a PDF (WeasyPrint)."""
    return to_pdf(sheets_html(sheets, title=title, language=language, paper=paper))
