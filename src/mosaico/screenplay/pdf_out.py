"""Screenplay PDF, laid out exactly: every line where ``paginate`` put it.

The page is drawn by WeasyPrint from HTML with absolutely positioned lines, in
Liberation Mono (Courier's metrics: 10 characters and 6 lines an inch at 12 pt),
1.5" left and 1" right/top/bottom margins, page numbers top right from page 2,
scene numbers in both margins, and a title page when the script has one.
"""

from __future__ import annotations

import html
import re

from mosaico.screenplay.model import ElementType, Screenplay
from mosaico.screenplay.paginate import LaidOutLine, Page, Paper, paginate

_PAGE_SIZE = {Paper.LETTER: ("8.5in", "11in"), Paper.A4: ("210mm", "297mm")}
_LEFT_IN = 1.5
_TOP_IN = 1.0
_LINE_PT = 12.0
_CHAR_IN = 0.1
_EMPHASIS = (
    (re.compile(r"(?<!\\)\*\*\*(\S.*?\S|\S)\*\*\*"), r"<b><i>\1</i></b>"),
    (re.compile(r"(?<!\\)\*\*(\S.*?\S|\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<!\\)\*(\S.*?\S|\S)\*"), r"<i>\1</i>"),
    (re.compile(r"(?<!\\)_(\S.*?\S|\S)_"), r"<u>\1</u>"),
)

_CSS = """
@page {{ size: {width} {height}; margin: 0; }}
body {{ margin: 0; font-family: "Liberation Mono", "Courier Prime", "Courier New", monospace; font-size: 12pt; }}
.page {{ position: relative; width: {width}; height: {height}; page-break-after: always; overflow: hidden; }}
.page:last-child {{ page-break-after: auto; }}
.ln {{ position: absolute; white-space: pre; line-height: 12pt; height: 12pt; }}
.heading {{ font-weight: normal; }}
.title {{ position: absolute; left: 0; width: 100%; text-align: center; white-space: pre; line-height: 12pt; }}
"""


def _styled(text: str) -> str:
    escaped = html.escape(text, quote=False)
    for pattern, replacement in _EMPHASIS:
        escaped = pattern.sub(replacement, escaped)
    return escaped.replace("\\*", "*").replace("\\_", "_")


def _line_html(top_pt: float, left_in: float, content: str) -> str:
    return f'<div class="ln" style="top:{top_pt:.1f}pt;left:{left_in:.2f}in">{content}</div>'


def _page_html(page: Page, paper: Paper) -> str:
    parts = []
    if page.number > 1:
        parts.append(_line_html(36.0, 7.0, f"{page.number}."))
    for row, line in enumerate(page.lines):
        if line is None:
            continue
        top = _TOP_IN * 72 + row * _LINE_PT
        parts.append(_line_html(top, _LEFT_IN + line.indent * _CHAR_IN, _styled(line.text)))
        if (
            line.kind is ElementType.SCENE_HEADING
            and line.scene_number
            and _first_of(line, page, row)
        ):
            parts.append(_line_html(top, 0.75, html.escape(line.scene_number)))
            parts.append(_line_html(top, 7.6, html.escape(line.scene_number)))
    return '<div class="page">' + "".join(parts) + "</div>"


def _first_of(line: LaidOutLine, page: Page, row: int) -> bool:
    """Scene numbers go beside the first line of a (possibly wrapped) heading only."""
    previous = page.lines[row - 1] if row > 0 else None
    return previous is None or previous.element_index != line.element_index


def _title_html(screenplay: Screenplay) -> str:
    def value(key: str) -> str:
        return screenplay.title_value(key) or ""

    parts = []
    block = [
        value("Title"),
        "",
        value("Credit"),
        "",
        value("Author") or value("Authors"),
        "",
        value("Source"),
    ]
    top = 3.5 * 72
    for text in "\n".join(block).strip("\n").split("\n"):
        parts.append(f'<div class="title" style="top:{top:.1f}pt">{_styled(text)}</div>')
        top += _LINE_PT
    bottom = [value("Contact"), value("Draft date")]
    lines = "\n".join(t for t in bottom if t).split("\n")
    top = 10 * 72 - len(lines) * _LINE_PT
    for text in lines:
        if text:
            parts.append(_line_html(top, _LEFT_IN, _styled(text)))
        top += _LINE_PT
    return '<div class="page">' + "".join(parts) + "</div>"


def render_html(
    screenplay: Screenplay, paper: Paper = Paper.LETTER, *, title_page: bool = True
) -> str:
    """The print HTML (also handy to inspect a layout in a browser)."""
    layout = paginate(screenplay, paper)
    width, height = _PAGE_SIZE[paper]
    pages = [_page_html(page, paper) for page in layout.pages]
    if title_page and screenplay.title_value("Title"):
        pages.insert(0, _title_html(screenplay))
    css = _CSS.format(width=width, height=height)
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(pages)}</body></html>"


def write_pdf(
    screenplay: Screenplay, paper: Paper = Paper.LETTER, *, title_page: bool = True
) -> bytes:
    """An industry-format screenplay PDF."""
    from weasyprint import HTML

    document: bytes = HTML(string=render_html(screenplay, paper, title_page=title_page)).write_pdf()
    return document
