"""Screenplay PDF out: the page the trade expects, every line where the layout put it."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pdfplumber
import pytest

from conftest import SCRIPTS
from mosaico.screenplay import fountain
from mosaico.screenplay.model import Element, ElementType, Screenplay, TitleEntry
from mosaico.screenplay.paginate import Paper, paginate
from mosaico.screenplay.pdf_out import has_title_page, render_html, styled_lines, write_pdf

K = ElementType
BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
INCH = 72.0
CHAR = 7.2  # Courier 12 pt: 10 characters an inch


def _open(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def _words(page: pdfplumber.page.Page) -> list[dict[str, object]]:
    return list(page.extract_words(extra_attrs=["fontname", "size"]))


def _word(page: pdfplumber.page.Page, text: str) -> dict[str, float]:
    return next(w for w in page.extract_words() if w["text"] == text)


@pytest.fixture(scope="module")
def brick() -> Screenplay:
    return fountain.parse(BRICK.read_text(encoding="utf-8"), BRICK.name)


@pytest.fixture(scope="module")
def numbered() -> Iterator[pdfplumber.PDF]:
    speech = "\n".join(f"Sentence number {n}." for n in range(80))
    elements = (
        Element(K.SCENE_HEADING, "INT. CASA DE ÉRIKA - NOCHE", scene_number="12A"),
        Element(K.ACTION, "Érika waits by the **door**, *listening*."),
        Element(K.CHARACTER, "ÉRIKA", extension="(V.O.)"),
        Element(K.PARENTHETICAL, "(quietly)"),
        Element(K.DIALOGUE, speech),
        Element(K.TRANSITION, "CUT TO:"),
    )
    with _open(write_pdf(Screenplay(elements=elements))) as pdf:
        yield pdf


@pytest.mark.parametrize(("paper", "size"), [(Paper.LETTER, (612, 792)), (Paper.A4, (595, 842))])
def test_one_pdf_page_per_laid_out_page_plus_the_title_page(
    brick: Screenplay, paper: Paper, size: tuple[int, int]
) -> None:
    with _open(write_pdf(brick, paper)) as pdf:
        assert len(pdf.pages) == paginate(brick, paper).page_count + 1
        assert {(round(p.width), round(p.height)) for p in pdf.pages} == {size}
    with _open(write_pdf(brick, paper, title_page=False)) as pdf:
        assert len(pdf.pages) == paginate(brick, paper).page_count


def test_every_line_prints_on_its_row_at_its_indent_in_courier_12(brick: Screenplay) -> None:
    layout = paginate(brick)
    with _open(write_pdf(brick, title_page=False)) as pdf:
        for laid_out, printed in zip(layout.pages, pdf.pages, strict=True):
            words = _words(printed)
            assert {round(float(str(w["size"])), 3) for w in words} == {12.0}
            assert all("Liberation-Mono" in str(w["fontname"]) for w in words)
            for row, line in enumerate(laid_out.lines):
                if line is None or not line.text.strip():
                    continue
                top = INCH + row * 12
                on_row = sorted(
                    (w for w in words if abs(float(w["top"]) - top) < 3), key=lambda w: w["x0"]
                )
                assert on_row, (laid_out.number, row, line.text)
                first = next(w for w in on_row if float(w["x0"]) >= 1.5 * INCH - 1)
                assert float(first["x0"]) == pytest.approx(1.5 * INCH + line.indent * CHAR, abs=0.6)


def test_margins_and_indents_of_the_trade(numbered: pdfplumber.PDF) -> None:
    page = numbered.pages[0]
    heading = _word(page, "INT.")
    assert heading["x0"] == pytest.approx(1.5 * INCH, abs=0.5)  # 1.5" left margin
    assert heading["top"] == pytest.approx(1.0 * INCH, abs=3)  # 1" top margin
    cue = max((w for w in page.extract_words() if w["text"] == "ÉRIKA"), key=lambda w: w["top"])
    assert cue["x0"] == pytest.approx(3.7 * INCH, abs=0.5)  # cue at 3.7"
    assert _word(page, "(quietly)")["x0"] == pytest.approx(3.1 * INCH, abs=0.5)
    assert _word(page, "Sentence")["x0"] == pytest.approx(2.5 * INCH, abs=0.5)  # dialogue
    bottom = max(float(w["bottom"]) for w in page.extract_words())
    # 55 lines of 1/6" under the 1" top margin end 0.83" above the foot of the page.
    assert bottom == pytest.approx(792 - 0.83 * INCH, abs=2)


def test_scene_numbers_in_both_margins(numbered: pdfplumber.PDF) -> None:
    numbers = [w for w in numbered.pages[0].extract_words() if w["text"] == "12A"]
    assert len(numbers) == 2
    left, right = sorted(numbers, key=lambda w: w["x0"])
    heading = _word(numbered.pages[0], "INT.")
    assert left["top"] == right["top"] == heading["top"]
    assert left["x1"] <= 1.5 * INCH - 0.25 * INCH and right["x0"] >= 7.6 * INCH


def test_more_and_contd_around_a_page_break_and_page_numbers(numbered: pdfplumber.PDF) -> None:
    first, second = numbered.pages[0], numbered.pages[1]
    assert first.extract_text().rstrip().endswith("(MORE)")
    assert second.extract_text_lines()[1]["text"] == "ÉRIKA (V.O.) (CONT'D)"
    assert not any(float(w["top"]) < INCH - 6 for w in first.extract_words())  # none on page 1
    number = _word(second, "2.")
    assert number["top"] == pytest.approx(0.5 * INCH, abs=3)
    assert number["x1"] == pytest.approx(7.6 * INCH, abs=1)  # top right, on the text's edge


def test_transitions_end_on_the_right_edge_of_the_text(numbered: pdfplumber.PDF) -> None:
    last = numbered.pages[-1]
    assert _word(last, "TO:")["x1"] == pytest.approx(7.6 * INCH, abs=0.5)


def test_emphasis_prints_in_bold_and_italic(numbered: pdfplumber.PDF) -> None:
    words = {w["text"]: str(w["fontname"]) for w in _words(numbered.pages[0])}
    assert "Bold" in words["door"] and "Bold" not in words[","]
    assert "Italic" in words["listening"] and "Bold" not in words["waits"]


def test_emphasis_pairs_across_the_lines_of_a_paragraph() -> None:
    assert styled_lines(["*a phrase that", "wraps*, then **bold", "too** <ok>"]) == [
        "<i>a phrase that</i>",
        "<i>wraps</i>, then <b>bold</b>",
        "<b>too</b> &lt;ok&gt;",
    ]


def test_title_page_centred_with_contact_bottom_left_and_date_bottom_right() -> None:
    screenplay = Screenplay(
        title_page=(
            TitleEntry("Title", "SOMOS"),
            TitleEntry("Credit", "Written by"),
            TitleEntry("Author", "Ana Ruiz"),
            TitleEntry("Contact", "Netflix México\nCDMX"),
            TitleEntry("Draft date", "2021-06-09"),
        ),
        elements=(Element(K.SCENE_HEADING, "EXT. ALLENDE - DÍA"),),
    )
    with _open(write_pdf(screenplay)) as pdf:
        title = pdf.pages[0]
        somos = _word(title, "SOMOS")
        assert (somos["x0"] + somos["x1"]) / 2 == pytest.approx(306, abs=4)
        assert somos["top"] == pytest.approx(3.5 * INCH, abs=3)
        assert _word(title, "Netflix")["x0"] == pytest.approx(1.5 * INCH, abs=0.5)
        assert _word(title, "CDMX")["bottom"] <= 10 * INCH + 1
        assert _word(title, "2021-06-09")["x1"] == pytest.approx(7.6 * INCH, abs=1)
        assert not any(
            w["text"].endswith(".") and w["text"][:-1].isdigit() for w in title.extract_words()
        )
        assert _word(pdf.pages[1], "EXT.")["top"] == pytest.approx(INCH, abs=3)


def test_a_script_without_title_keys_has_no_title_page() -> None:
    screenplay = Screenplay(elements=(Element(K.ACTION, "Nada."),))
    assert not has_title_page(screenplay)
    with _open(write_pdf(screenplay)) as pdf:
        assert len(pdf.pages) == 1


def test_the_print_html_escapes_script_text() -> None:
    screenplay = Screenplay(elements=(Element(K.ACTION, "<script>alert(1)</script> & more"),))
    html = render_html(screenplay)
    assert (
        "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    )
