"""Turning laid-out lines into HTML: emphasis paired over a whole element, text escaped."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mosaico.screenplay import fountain
from mosaico.screenplay.paginate import paginate
from mosaico.web.script_view import script_pages, styled_lines, title_page


def test_plain_text_is_escaped() -> None:
    assert styled_lines(["A & B <i>"]) == ["A &amp; B &lt;i&gt;"]


def test_each_marker_becomes_its_tag() -> None:
    assert styled_lines(["*it* **bold** ***both*** _under_"]) == [
        "<i>it</i> <b>bold</b> <b><i>both</i></b> <u>under</u>"
    ]


def test_emphasis_that_wraps_stays_on_both_lines() -> None:
    assert styled_lines(["He says **very", "loudly** now."]) == [
        "He says <b>very</b>",
        "<b>loudly</b> now.",
    ]


def test_escaped_and_unpaired_markers_stay_as_text() -> None:
    assert styled_lines([r"5 \* 3 and a lone * star"]) == ["5 * 3 and a lone * star"]


def test_scene_number_only_beside_the_first_line_of_a_heading() -> None:
    long_set = "INT. " + "VERY LONG PLACE " * 6 + "- NIGHT #7#"
    screenplay = fountain.parse(f"{long_set}\n\nAction.\n")
    lines = [line for line in script_pages(paginate(screenplay))[0].lines if line is not None]
    headings = [line for line in lines if line.kind == "scene_heading"]
    assert len(headings) == 2  # the heading wraps
    assert [line.scene_number for line in headings] == ["7", None]


def test_blank_lines_and_pages_follow_the_paginator() -> None:
    text = "\n\n".join(f"INT. ROOM {n} - DAY\n\nSomething happens." for n in range(40))
    layout = paginate(fountain.parse(text))
    pages = script_pages(layout)
    assert [page.number for page in pages] == [page.number for page in layout.pages]
    assert [len(page.lines) for page in pages] == [len(page.lines) for page in layout.pages]
    assert [line is None for line in pages[1].lines] == [
        line is None for line in layout.pages[1].lines
    ]


def test_title_page_blocks() -> None:
    screenplay = fountain.parse(
        "Title: **THE LETTER**\nCredit: written by\nAuthor: Ana Ruiz\n"
        "Contact:\n    Calle 1\n    CDMX\nDraft date: 1 May 2026\n\nINT. ROOM - DAY\n\nA.\n"
    )
    view = title_page(screenplay)
    assert view is not None
    assert view.centre == (("<b>THE LETTER</b>",), ("written by",), ("Ana Ruiz",))
    assert view.left == (("Calle 1", "CDMX"),)
    assert view.right == (("1 May 2026",),)
    assert title_page(fountain.parse("INT. ROOM - DAY\n\nA.\n")) is None


@given(st.lists(st.text(alphabet="ab *_\\<&", max_size=12), min_size=1, max_size=5))
def test_one_html_line_for_every_printed_line(texts: list[str]) -> None:
    html = styled_lines(texts)
    assert len(html) == len(texts)
    # Markers and escapes aside, every character is kept, on its own line.
    for text, line in zip(texts, html, strict=True):
        visible = re.sub(r"</?[biu]>", "", str(line)).replace("&lt;", "<").replace("&amp;", "&")
        assert set(visible) <= set(text)
