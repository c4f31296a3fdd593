"""Screenplay PDF out (WeasyPrint) and back in (pdfplumber)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from conftest import SCRIPTS
from mosaico.errors import ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.fountain import HEADING
from mosaico.screenplay.model import Element, ElementType
from mosaico.screenplay.paginate import Paper, paginate
from mosaico.screenplay.pdf_in import read_pdf
from mosaico.screenplay.pdf_out import write_pdf

K = ElementType
BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
# Never printed, so a PDF cannot give them back.
UNPRINTED = {K.NOTE, K.SECTION, K.SYNOPSIS, K.PAGE_BREAK}


def printable(elements: tuple[Element, ...]) -> list[tuple[str, str, str | None, str | None]]:
    """What survives paper: kinds and words. Spacing inside a paragraph (double spaces,
    typed line breaks, leading indents) is not recoverable from wrapped lines; lyrics
    print like dialogue; underline is a drawn line, not a font; a heading without
    INT/EXT and without a scene number prints like action; action paragraphs split by a
    page break cannot be told from one paragraph continued."""
    out = []
    for e in elements:
        if e.kind in UNPRINTED:
            continue
        kind = K.DIALOGUE if e.kind is K.LYRICS else e.kind
        if kind is K.SCENE_HEADING and not e.scene_number and not HEADING.match(e.text):
            kind = K.ACTION
        text = e.text.replace("_", "")
        # A blank line kept inside an action (two spaces) prints like a paragraph break.
        words = " ".join(text.split())
        if kind is K.ACTION and out and out[-1][0] == K.ACTION.value:
            # Two action paragraphs on either side of a page break read like one paragraph
            # continued, so consecutive actions are compared as one run of words.
            out[-1] = (K.ACTION.value, f"{out[-1][1]} {words}", None, None)
        elif words:
            out.append((kind.value, words, e.scene_number, e.extension))
    return out


@pytest.mark.parametrize(
    "path",
    [
        BRICK,
        *sorted((SCRIPTS / "short").glob("[mpt]*.fountain")),
        SCRIPTS / "full-length" / "big-fish.fountain",
    ],
    ids=lambda p: p.name,
)
def test_our_pdf_reads_back_to_the_same_printable_elements(path: Path) -> None:
    screenplay = fountain.parse(path.read_text(encoding="utf-8"))
    back = read_pdf(write_pdf(screenplay), path.name)
    assert printable(back.elements) == printable(screenplay.elements)


def test_pdf_pages_match_the_pagination_and_the_margins(tmp_path: Path) -> None:
    screenplay = fountain.parse(BRICK.read_text(encoding="utf-8"))
    for paper, width in ((Paper.LETTER, 612), (Paper.A4, 595)):
        path = tmp_path / f"{paper}.pdf"
        path.write_bytes(write_pdf(screenplay, paper))
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == paginate(screenplay, paper).page_count + 1  # + title page
            assert round(float(pdf.pages[1].width)) == width
            words = pdf.pages[1].extract_words()
            heading = next(w for w in words if w["text"] == "EXT.")
            assert heading["x0"] == pytest.approx(108, abs=0.5)  # 1.5" left margin
            assert heading["top"] == pytest.approx(72, abs=2)  # 1" top margin
            cue = next(w for w in words if w["text"] == "STEEL")
            assert cue["x0"] == pytest.approx(108 + 22 * 7.2, abs=0.5)  # cue at 3.7"
            assert any(w["text"] == "2." for w in pdf.pages[2].extract_words())  # page number


def test_title_page_round_trips() -> None:
    screenplay = fountain.parse(
        "Title: Somos\nCredit: Written by\nAuthor: Ana Ruiz\n\nINT. CASA - DÍA\n\nAcción."
    )
    back = read_pdf(write_pdf(screenplay), "t.pdf")
    assert back.title_value("Title") == "Somos" and back.title_value("Author") == "Ana Ruiz"


def test_a_pdf_that_is_not_a_screenplay_is_refused() -> None:
    from weasyprint import HTML

    prose = HTML(
        string="<p style='font-family:serif'>" + "A plain letter about apples. " * 80 + "</p>"
    ).write_pdf()
    with pytest.raises(ScriptImportError) as caught:
        read_pdf(prose, "letter.pdf")
    assert "letter.pdf" in str(caught.value) and "screenplay" in str(caught.value)


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(ScriptImportError) as caught:
        read_pdf(b"%PDF-1.7\n" + b"\x00garbage" * 100, "broken.pdf")
    assert "broken.pdf" in str(caught.value)
