"""Screenplay PDF, laid out exactly: every line where ``paginate`` put it.

``paginate`` decides where each line falls; this module only draws it. The
Jinja template ``templates/screenplay_print.html`` places every line
absolutely (WeasyPrint renders it), in Liberation Mono, whose metrics are
Courier's (10 characters and 6 lines an inch at 12 pt):

- 1.5" left margin, 1" top and bottom, text no wider than the layout's columns;
- page numbers ``2.`` top right at 0.5" from page 2 on;
- scene numbers in both margins beside the first line of a heading;
- ``(MORE)`` and ``NAME (CONT'D)`` where the layout split a speech;
- Fountain's emphasis as bold, italic and underline, paired over a whole
  paragraph so that a bold phrase that wraps stays bold on both lines;
- a title page, not numbered: title, credit, author and source centred from
  3.5" down; contact, notes and copyright bottom left; draft date bottom right;
- revision marks: every printed line that changed carries ``*`` in the right
  margin (all lines of a new paragraph, only the lines holding the changed words of
  an edited one); a page holding one is printed on paper of the revision's colour
  (a pale tint) with the colour and date in its header, and ``revised_only``
  prints just those pages, under their own page numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import jinja2
from markupsafe import Markup, escape

from mosaico.screenplay.fdx_runs import BOLD, ITALIC, UNDERLINE, text_to_runs
from mosaico.screenplay.model import Screenplay
from mosaico.screenplay.paginate import LINE_WIDTH, Page, Pagination, Paper, paginate

LEFT_IN = 1.5
TOP_PT = 72.0
LINE_PT = 12.0
CHAR_IN = 0.1
PAGE_NUMBER_TOP_PT = 36.0
TITLE_TOP_IN = 3.5
# (CSS width, CSS height, width in inches)
_SIZES = {Paper.LETTER: ("8.5in", "11in", 8.5, 11.0), Paper.A4: ("210mm", "297mm", 8.27, 11.69)}
# Title-page keys and where they print, in this order.
TITLE_CENTRE = ("title", "credit", "author", "authors", "source")
TITLE_LEFT = ("contact", "notes", "copyright")
TITLE_RIGHT = ("draft date", "date", "revision")
# Underline outside, then bold, then italic.
_TAGS = ((UNDERLINE, "u"), (BOLD, "b"), (ITALIC, "i"))


@dataclass(frozen=True, slots=True)
class _Size:
    width: str
    height: str
    width_in: float
    height_in: float


# Pale tints of the trade's revision paper, for the page background.
PAPER_TINTS = {
    "White": "#ffffff", "Blue": "#dce8fb", "Pink": "#fbe0ea", "Yellow": "#fcf6c8",
    "Green": "#dff3dc", "Goldenrod": "#f6df98", "Buff": "#f2e5c9", "Salmon": "#fbd6c8",
    "Cherry": "#f5c9cf", "Tan": "#e9dac2", "Gray": "#e5e5e5",
}  # fmt: skip
MARK = "*"
MARK_RIGHT_IN = 0.2  # the asterisk's right edge, from the paper's right edge


@dataclass(frozen=True, slots=True)
class RevisionMark:
    """The revision a marked page belongs to: its colour and the date printed in the header."""

    colour: str
    date: str = ""

    @property
    def tint(self) -> str:
        base = self.colour.removeprefix("Double ").strip()
        return PAPER_TINTS.get(base, "#ffffff")

    @property
    def header(self) -> str:
        return f"{self.colour} Revision" + (f" — {self.date}" if self.date else "")


@dataclass(frozen=True, slots=True)
class PlacedPage:
    """A page's lines and, for a revised page, its paper tint."""

    lines: list[PlacedLine]
    tint: str = ""


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """A line of text at a place on the page: ``css`` is ``""`` (from ``left``),
    ``"right"`` (ending ``right`` inches from the right edge) or ``"centre"``."""

    top: float
    html: Markup
    left: float = 0.0
    right: float = 0.0
    css: str = ""


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mosaico.screenplay", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def styled_lines(texts: list[str]) -> list[Markup]:
    """The printed lines of one paragraph as HTML, emphasis markers paired across them.

    The lines are joined with spaces (the wrap took a space out at each break), so
    ``*a phrase that wraps*`` pairs over the break and stays italic on both lines.
    """
    joined = " ".join(texts)
    ends: list[int] = []
    offset = 0
    for text in texts:
        offset += len(text)
        ends.append(offset)
        offset += 1
    lines: list[list[str]] = [[] for _ in texts]
    row = 0
    for piece in text_to_runs(joined):
        chars: list[tuple[int, str]] = []
        for position in piece.positions:
            while row < len(ends) - 1 and position >= ends[row]:
                row += 1
            if position == ends[row - 1] if row else False:
                continue  # the space that joined two lines
            chars.append((row, joined[position]))
        for number, group in groupby(chars, key=itemgetter(0)):
            html = str(escape("".join(char for _, char in group)))
            for style, tag in reversed(_TAGS):
                if style in piece.styles:
                    html = f"<{tag}>{html}</{tag}>"
            lines[number].append(html)
    return [Markup("".join(parts)) for parts in lines]


def _line_html(layout: Pagination) -> dict[int, list[Markup]]:
    """Every element's printed lines as HTML, in the order they appear."""
    texts: dict[int, list[str]] = {}
    for page in layout.pages:
        for line in page.lines:
            if line is not None and line.flag is None:
                texts.setdefault(line.element_index, []).append(line.text)
    return {index: styled_lines(lines) for index, lines in texts.items()}


def _script_page(
    page: Page,
    html: dict[int, list[Markup]],
    used: dict[int, int],
    paper: Paper,
    starred: frozenset[tuple[int, int]] = frozenset(),
) -> list[PlacedLine]:
    size = _size(paper)
    text_right_in = LEFT_IN + LINE_WIDTH[paper] * CHAR_IN
    placed: list[PlacedLine] = []
    if page.number > 1:
        number = Markup(escape(f"{page.number}."))
        placed.append(
            PlacedLine(PAGE_NUMBER_TOP_PT, number, right=size.width_in - text_right_in, css="right")
        )
    for row, line in enumerate(page.lines):
        if line is None:
            continue
        top = TOP_PT + row * LINE_PT
        if line.flag is not None:
            content = Markup(escape(line.text))
        else:
            order = used.get(line.element_index, 0)
            used[line.element_index] = order + 1
            content = html[line.element_index][order]
        placed.append(PlacedLine(top, content, left=LEFT_IN + line.indent * CHAR_IN))
        if (page.number, row) in starred:
            placed.append(PlacedLine(top, Markup(MARK), right=MARK_RIGHT_IN, css="right"))
        if line.scene_number:
            number = Markup(escape(line.scene_number))
            placed.append(PlacedLine(top, number, right=size.width_in - LEFT_IN + 0.5, css="right"))
            placed.append(PlacedLine(top, number, left=text_right_in + 0.2))
    return placed


def _title_page(screenplay: Screenplay, paper: Paper) -> list[PlacedLine]:
    size = _size(paper)
    text_right_in = LEFT_IN + LINE_WIDTH[paper] * CHAR_IN

    def block(keys: tuple[str, ...]) -> list[str]:
        lines: list[str] = []
        for key in keys:
            value = screenplay.title_value(key)
            if value and value.strip():
                if lines:
                    lines.append("")
                lines.extend(part.strip() for part in value.strip().split("\n"))
        return lines

    placed: list[PlacedLine] = []
    centre = block(TITLE_CENTRE)
    for row, html in enumerate(styled_lines(centre)):
        placed.append(PlacedLine(TITLE_TOP_IN * 72 + row * LINE_PT, html, css="centre"))
    bottom = (size.height_in - 1) * 72
    left, right = block(TITLE_LEFT), block(TITLE_RIGHT)
    for row, html in enumerate(styled_lines(left)):
        placed.append(PlacedLine(bottom - (len(left) - row) * LINE_PT, html, left=LEFT_IN))
    for row, html in enumerate(styled_lines(right)):
        top = bottom - (len(right) - row) * LINE_PT
        placed.append(PlacedLine(top, html, right=size.width_in - text_right_in, css="right"))
    return placed


def _size(paper: Paper) -> _Size:
    return _Size(*_SIZES[paper])


def has_title_page(screenplay: Screenplay) -> bool:
    """Whether the script has anything to print on a title page."""
    return any(
        (screenplay.title_value(key) or "").strip()
        for key in (*TITLE_CENTRE, *TITLE_LEFT, *TITLE_RIGHT)
    )


def starred_lines(
    layout: Pagination,
    marks: frozenset[int],
    marked_words: Mapping[int, frozenset[int]] | None = None,
) -> frozenset[tuple[int, int]]:
    """``(page number, row)`` of every line that carries the revision asterisk.

    A line of a paragraph in ``marks`` is starred; when ``marked_words`` names the
    paragraph's changed words (indices into ``text.split()``), only the lines that
    print one of them are. Lines wrap at spaces, so counting words line by line
    finds them.
    """
    marked_words = marked_words or {}
    seen_words: dict[int, int] = {}
    out: set[tuple[int, int]] = set()
    for page in layout.pages:
        for row, line in enumerate(page.lines):
            if line is None or line.flag is not None or line.element_index not in marks:
                continue
            first = seen_words.get(line.element_index, 0)
            count = len(line.text.split())
            seen_words[line.element_index] = first + count
            wanted = marked_words.get(line.element_index)
            if wanted is None or any(first <= word < first + count for word in wanted):
                out.add((page.number, row))
    return frozenset(out)


def revised_pages(
    layout: Pagination,
    marks: frozenset[int],
    marked_words: Mapping[int, frozenset[int]] | None = None,
) -> list[int]:
    """Numbers of the pages that print a starred line."""
    return sorted({number for number, _ in starred_lines(layout, marks, marked_words)})


def render_html(
    screenplay: Screenplay,
    paper: Paper = Paper.LETTER,
    *,
    title_page: bool = True,
    layout: Pagination | None = None,
    marks: frozenset[int] = frozenset(),
    revision: RevisionMark | None = None,
    revised_only: bool = False,
    marked_words: Mapping[int, frozenset[int]] | None = None,
) -> str:
    """The print HTML that ``write_pdf`` renders (handy to inspect a layout in a browser).

    ``marks`` are element indices whose lines carry the revision asterisk (only the
    lines holding their ``marked_words``, when given: see ``starred_lines``); with a
    ``revision`` the pages holding them are tinted and headed with its colour and
    date; ``revised_only`` leaves every other page (and the title page) out.
    """
    layout = layout if layout is not None and layout.paper is paper else paginate(screenplay, paper)
    html = _line_html(layout)
    used: dict[int, int] = {}
    starred = starred_lines(layout, marks, marked_words)
    revised = {number for number, _ in starred}
    pages: list[PlacedPage] = []
    for page in layout.pages:
        # Every page is placed (``used`` counts lines in order), then only some are kept.
        lines = _script_page(page, html, used, paper, starred)
        tint = ""
        if page.number in revised and revision is not None:
            tint = revision.tint
            header = Markup(escape(revision.header))
            lines.append(PlacedLine(PAGE_NUMBER_TOP_PT, header, left=LEFT_IN))
        if revised_only and page.number not in revised:
            continue
        pages.append(PlacedPage(lines, tint))
    if title_page and not revised_only and has_title_page(screenplay):
        pages.insert(0, PlacedPage(_title_page(screenplay, paper)))

    title = (screenplay.title_value("title") or "Screenplay").replace("\n", " ")
    template = _environment().get_template("screenplay_print.html")
    return template.render(pages=pages, paper=_size(paper), title=title, language="en")


def write_pdf(
    screenplay: Screenplay,
    paper: Paper = Paper.LETTER,
    *,
    title_page: bool = True,
    marks: frozenset[int] = frozenset(),
    revision: RevisionMark | None = None,
    revised_only: bool = False,
    marked_words: Mapping[int, frozenset[int]] | None = None,
) -> bytes:
    """An industry-format screenplay PDF of ``screenplay`` on ``paper`` (revision marks
    and revised pages as ``render_html`` says)."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    html = render_html(
        screenplay,
        paper,
        title_page=title_page,
        marks=marks,
        revision=revision,
        revised_only=revised_only,
        marked_words=marked_words,
    )
    document: bytes = HTML(string=html).write_pdf()
    return document
