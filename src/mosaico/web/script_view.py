"""A laid-out script turned into what the screenplay page template draws.

Lines come from the paginator exactly as printed (indents in characters, page
breaks, ``(MORE)`` and ``CONT'D``); this only turns Fountain's emphasis markers
into ``<b>``, ``<i>`` and ``<u>``, escaping everything else. Markers pair over
a whole element, so a bold phrase that wraps stays bold on both lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from mosaico.screenplay.fdx_runs import BOLD, ITALIC, UNDERLINE, text_to_runs
from mosaico.screenplay.model import ElementType, Screenplay
from mosaico.screenplay.paginate import LaidOutLine, Pagination

# Underline outside, then bold, then italic, as the PDF draws them.
_TAGS = ((UNDERLINE, "u"), (BOLD, "b"), (ITALIC, "i"))
_CENTRE_KEYS = ("title", "credit", "author", "authors", "source")
_LEFT_KEYS = ("contact", "copyright", "notes")
_RIGHT_KEYS = ("draft date", "date", "revision")


@dataclass(frozen=True, slots=True)
class LineView:
    """One printed line; ``scene_number`` only on the first line of a heading."""

    kind: str
    indent: int
    html: Markup
    scene_number: str | None = None


@dataclass(frozen=True, slots=True)
class PageView:
    """One page; ``None`` lines are the blank lines of the layout."""

    number: int
    lines: tuple[LineView | None, ...]


@dataclass(frozen=True, slots=True)
class TitlePageView:
    """The title page: centred block, lower-left (contact) and lower-right (draft date)."""

    centre: tuple[tuple[Markup, ...], ...]
    left: tuple[tuple[Markup, ...], ...]
    right: tuple[tuple[Markup, ...], ...]


def styled_lines(texts: list[str]) -> list[Markup]:
    """``texts`` (the printed lines of one element) as HTML, emphasis paired across them."""
    # Join with spaces (the paginator broke the lines at spaces) and remember where.
    joined = " ".join(texts)
    breaks: set[int] = set()
    offset = 0
    for text in texts[:-1]:
        offset += len(text)
        breaks.add(offset)
        offset += 1
    lines: list[list[str]] = [[]]

    def flush(chars: list[str], styles: frozenset[str]) -> None:
        if not chars:
            return
        html = str(escape("".join(chars)))
        for style, tag in reversed(_TAGS):
            if style in styles:
                html = f"<{tag}>{html}</{tag}>"
        lines[-1].append(html)

    for piece in text_to_runs(joined):
        chars: list[str] = []
        for position in piece.positions:
            if position in breaks:
                flush(chars, piece.styles)
                chars = []
                lines.append([])
            else:
                chars.append(joined[position])
        flush(chars, piece.styles)
    return [Markup("".join(parts)) for parts in lines]


def script_pages(layout: Pagination) -> list[PageView]:
    """Every page of ``layout`` with its lines ready to draw."""
    by_element: dict[int, list[LaidOutLine]] = {}
    for page in layout.pages:
        for line in page.lines:
            if line is not None:
                by_element.setdefault(line.element_index, []).append(line)
    html: dict[int, list[Markup]] = {
        index: styled_lines([line.text for line in lines]) for index, lines in by_element.items()
    }
    used: dict[int, int] = {}
    pages = []
    for page in layout.pages:
        views: list[LineView | None] = []
        for line in page.lines:
            if line is None:
                views.append(None)
                continue
            order = used.get(line.element_index, 0)
            used[line.element_index] = order + 1
            first_of_heading = line.kind is ElementType.SCENE_HEADING and order == 0
            views.append(
                LineView(
                    kind=line.kind.value,
                    indent=line.indent,
                    html=html[line.element_index][order],
                    scene_number=line.scene_number if first_of_heading else None,
                )
            )
        pages.append(PageView(page.number, tuple(views)))
    return pages


def title_page(screenplay: Screenplay) -> TitlePageView | None:
    """The script's title page, or ``None`` when it has none."""
    if not screenplay.title_page:
        return None

    def block(keys: tuple[str, ...]) -> tuple[tuple[Markup, ...], ...]:
        found = []
        for entry in screenplay.title_page:
            if entry.key.casefold() in keys and entry.value.strip():
                found.append(tuple(styled_lines(entry.value.strip().split("\n"))))
        return tuple(found)

    return TitlePageView(block(_CENTRE_KEYS), block(_LEFT_KEYS), block(_RIGHT_KEYS))
