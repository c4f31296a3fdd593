"""The Jinja environment the breakdown reports share: one template gives the HTML and the PDF.

Templates live in ``reports/templates``; each is rendered in one language
(the catalogs of ``mosaico.i18n``), so a sheet printed for a Spanish
production reads in Spanish without the web layer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from mosaico.i18n import translations

TEMPLATE_DIR = Path(__file__).parent / "templates"
PAPERS = {"letter": "8.5in 11in", "a4": "210mm 297mm"}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, language: str, **context: Any) -> Markup:
    """``template`` rendered in ``language`` (``_`` and ``ngettext`` from its catalog)."""
    catalog = translations(language)
    text = (
        _environment()
        .get_template(template)
        .render(_=catalog.gettext, ngettext=catalog.ngettext, lang=language, **context)
    )
    # Autoescaped by the environment, so safe to embed in a page as is.
    return Markup(text)


def to_pdf(html: str) -> bytes:
    """A PDF of a whole HTML document (WeasyPrint, imported here: it is slow to load)."""
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf())


def paper_size(paper: str) -> str:
    """The CSS ``@page`` size of ``letter`` or ``a4``."""
    return PAPERS[paper]
