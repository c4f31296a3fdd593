"""Screenplay PDF in: words with their positions back into elements."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdf_printable import printable, styled_words

from conftest import SCRIPTS
from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.paginate import Paper, paginate
from mosaico.screenplay.pdf_in import read_pdf
from mosaico.screenplay.pdf_out import write_pdf

K = ElementType
BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
SHORT = sorted((SCRIPTS / "short").glob("*.fountain"))
FULL = sorted((SCRIPTS / "full-length").glob("*.fountain"))
FDX_TWINS = sorted((SCRIPTS / "fdx-real").glob("*.fountain"))


def _parse(path: Path) -> Screenplay:
    return fountain.parse(path.read_text(encoding="utf-8"), path.name)


def _round_trip(path: Path, paper: Paper) -> None:
    screenplay = _parse(path)
    # What is checked here is the reading, not its speed: a loaded machine may take
    # longer than the default time limit over a 160-page script.
    patient = Limits(seconds=DEFAULT_LIMITS.seconds * 10)
    back = read_pdf(write_pdf(screenplay, paper), f"{path.stem}.pdf", patient)
    assert printable(back.elements) == printable(screenplay.elements)


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("path", SHORT + FDX_TWINS, ids=lambda p: p.name)
def test_our_pdf_reads_back_to_the_same_printable_elements(path: Path, paper: Paper) -> None:
    _round_trip(path, paper)


@pytest.mark.parametrize("path", FULL, ids=lambda p: p.name)
def test_full_length_scripts_read_back_from_their_letter_pdf(path: Path) -> None:
    """Big Fish (both quote styles) and Charade, hard-wrapped and messy, on US Letter."""
    _round_trip(path, Paper.LETTER)


def test_scene_numbers_come_back_from_the_margins() -> None:
    elements = (
        Element(K.SCENE_HEADING, "INT. CASA - DÍA", scene_number="12A"),
        Element(K.ACTION, "Lupe entra."),
        Element(K.SCENE_HEADING, "EXT. CALLE - NOCHE", scene_number="A13"),
        Element(K.ACTION, "Llueve."),
        Element(K.SCENE_HEADING, "OMITTED", scene_number="14"),  # a heading without INT/EXT
    )
    back = read_pdf(write_pdf(Screenplay(elements=elements)))
    assert back.elements == elements


def test_a_speech_over_a_page_break_reads_back_as_one_speech() -> None:
    speech = "\n".join(f"Line {n} of a speech that will not end." for n in range(40))
    elements = (
        Element(K.SCENE_HEADING, "INT. A - DAY"),
        Element(K.CHARACTER, "ÉRIKA", extension="(V.O.)"),
        Element(K.PARENTHETICAL, "(quietly)"),
        Element(K.DIALOGUE, speech),
    )
    data = write_pdf(Screenplay(elements=elements))
    assert paginate(Screenplay(elements=elements)).page_count == 2
    assert read_pdf(data).elements == elements  # no (MORE), no second cue


def test_an_action_split_at_a_sentence_reads_back_as_one_paragraph() -> None:
    heading = Element(K.SCENE_HEADING, "INT. A - DAY")
    filler = (heading, *(Element(K.ACTION, f"Line {n}.") for n in range(24)))  # 49 lines
    paragraph = "One.\nTwo.\nthen a run\non and on\nand on\nand on.\nEnd."
    elements = (*filler, Element(K.ACTION, paragraph), Element(K.ACTION, "After."))
    layout = paginate(Screenplay(elements=elements))
    assert layout.page_count == 2 and len(layout.pages[0].lines) == 52  # 3 rows left empty
    assert read_pdf(write_pdf(Screenplay(elements=elements))).elements == elements


def test_two_parentheticals_in_a_row_stay_two() -> None:
    elements = (
        Element(K.CHARACTER, "REGGIE"),
        Element(K.PARENTHETICAL, "(on the phone)"),
        Element(K.PARENTHETICAL, "(laughs)"),
        Element(K.DIALOGUE, "Fine."),
    )
    assert read_pdf(write_pdf(Screenplay(elements=elements))).elements == elements


def test_the_title_page_comes_back_by_position() -> None:
    screenplay = _parse(BRICK)
    back = read_pdf(write_pdf(screenplay), "brick.pdf")
    for key in ("Title", "Credit", "Author", "Source", "Draft date", "Contact"):
        theirs, ours = screenplay.title_value(key), back.title_value(key)
        assert ours is not None and styled_words(ours) == styled_words(theirs or ""), key


def test_a_title_page_without_a_credit_line_gives_the_author() -> None:
    screenplay = fountain.parse("Title: Somos\nAuthor: Ana Ruiz\n\nINT. CASA - DÍA\n\nAcción.")
    back = read_pdf(write_pdf(screenplay), "t.pdf")
    assert (back.title_value("Title"), back.title_value("Author")) == ("Somos", "Ana Ruiz")
    assert back.title_value("Credit") is None


def _weasy(html: str) -> bytes:
    from weasyprint import HTML

    document: bytes = HTML(string=html).write_pdf()
    return document


def test_a_pdf_of_prose_is_refused() -> None:
    prose = _weasy("<p style='font-family:serif'>" + "A plain letter about apples. " * 80 + "</p>")
    with pytest.raises(ScriptImportError) as caught:
        read_pdf(prose, "letter.pdf")
    assert "letter.pdf" in str(caught.value) and "does not look like a screenplay" in str(
        caught.value
    )


def test_a_page_of_random_monospaced_text_is_refused() -> None:
    import random

    rng = random.Random(3)
    lines = [
        " " * rng.randrange(0, 30) + "".join(rng.choice("abcdefgh xyz") for _ in range(40))
        for _ in range(50)
    ]
    page = "<pre style='font-family:\"Liberation Mono\";font-size:12pt;margin:1in 1in 1in 1.5in'>"
    with pytest.raises(ScriptImportError, match="does not look like a screenplay"):
        read_pdf(_weasy(page + "\n".join(lines) + "</pre>"), "noise.pdf")


@pytest.mark.parametrize(
    "data", [b"", b"%PDF-1.7\n" + b"\x00garbage" * 100, b"not a pdf at all", b"%PDF-1.4\n%%EOF"]
)
def test_a_damaged_pdf_is_refused_naming_the_file(data: bytes) -> None:
    with pytest.raises(ScriptImportError) as caught:
        read_pdf(data, "broken.pdf")
    assert str(caught.value).startswith("broken.pdf: ")


def _encrypted_pdf() -> bytes:
    """A one-page PDF locked with a user password (Standard security handler, RC4 40-bit)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    file_id = b"<" + b"ab" * 16 + b">"
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, file_id, file_id, xref)
    )
    return out.getvalue()


def test_an_encrypted_pdf_is_refused_saying_so() -> None:
    with pytest.raises(ScriptImportError) as caught:
        read_pdf(_encrypted_pdf(), "locked.pdf")
    assert "locked.pdf" in str(caught.value) and "encrypted" in str(caught.value)


def test_more_pages_than_the_limit_is_refused() -> None:
    data = write_pdf(_parse(BRICK))  # a title page and 4 pages
    with pytest.raises(LimitExceeded, match="max_pdf_pages"):
        read_pdf(data, "brick.pdf", Limits(max_pdf_pages=3))
    assert read_pdf(data, "brick.pdf", Limits(max_pdf_pages=5)).elements


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(LimitExceeded, match=r"brick\.pdf"):
        read_pdf(b"%PDF-1.7\n" + b" " * 2000, "brick.pdf", Limits(max_bytes=1000))


def test_reading_stops_at_the_time_limit_naming_the_page() -> None:
    data = write_pdf(_parse(BRICK))
    with pytest.raises(LimitExceeded, match="page 1"):
        read_pdf(data, "brick.pdf", Limits(seconds=0))


def _typed_page(rows: list[tuple[int, int, str]]) -> bytes:
    """A Letter page in Liberation Mono 12 pt with ``(row, indent, text)`` lines, as another
    program might print a screenplay."""
    divs = "".join(
        f"<div style='position:absolute;top:{72 + 12 * row}pt;left:{1.5 + indent / 10}in;"
        f"white-space:pre'>{text}</div>"
        for row, indent, text in rows
    )
    return _weasy(
        "<style>@page{size:8.5in 11in;margin:0}body{margin:0;font:12pt/12pt 'Liberation Mono'}"
        f"</style><div style='position:relative;height:11in'>{divs}</div>"
    )


def test_speech_columns_are_measured_on_the_document() -> None:
    """Cues at 3.4", parentheticals at 2.8", dialogue at 2.4" (screenplain's indents)."""
    rows = [
        (0, 0, "INT. GARAGE - NIGHT"),
        (2, 19, "ÉRIKA"),
        (3, 13, "(whispering)"),
        (4, 9, "Is anyone there?"),
        (6, 19, "LUPE (O.S.)"),
        (7, 9, "Only me."),
        (9, 0, "She laughs."),
    ]
    back = read_pdf(_typed_page(rows), "other.pdf")
    assert back.elements == (
        Element(K.SCENE_HEADING, "INT. GARAGE - NIGHT"),
        Element(K.CHARACTER, "ÉRIKA"),
        Element(K.PARENTHETICAL, "(whispering)"),
        Element(K.DIALOGUE, "Is anyone there?"),
        Element(K.CHARACTER, "LUPE", extension="(O.S.)"),
        Element(K.DIALOGUE, "Only me."),
        Element(K.ACTION, "She laughs."),
    )
