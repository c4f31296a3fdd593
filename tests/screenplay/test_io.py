"""Choosing a reader from the content, and the stored form of a script."""

from __future__ import annotations

import json

import pytest

from conftest import SCRIPTS
from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.io import (
    ScriptFormat,
    detect_format,
    read_script,
    screenplay_from_data,
    screenplay_to_data,
    write_script,
)
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import (
    DualSide,
    Element,
    ElementType,
    Screenplay,
    Tag,
    TagCategory,
    TitleEntry,
)
from mosaico.screenplay.paginate import Paper

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
FD_FILE = SCRIPTS / "fdx-real" / "screenplay-tools-TestFDX-FD.fdx"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "script.fountain", ScriptFormat.PDF),  # content beats the name
        (b"\x00\x00junk%PDF-1.4", None, ScriptFormat.PDF),  # header within the first KiB
        (b'<?xml version="1.0"?><FinalDraft>', "script.txt", ScriptFormat.FDX),
        (b"\xef\xbb\xbf\r\n<FinalDraft Version='5'>", None, ScriptFormat.FDX),
        (b"INT. HOUSE - DAY\n\nShe waits.", "script.fdx", ScriptFormat.FOUNTAIN),
        (b"INT. HOUSE - DAY\n\nShe waits.", "script.pdf", ScriptFormat.FOUNTAIN),
        (b"<html>", "export.fdx", ScriptFormat.FDX),  # a tie the extension breaks
        (b"<b>loud</b> she said", "scene.fountain", ScriptFormat.FOUNTAIN),
        (b"Title: Somos\n\nINT. CASA - DIA", None, ScriptFormat.FOUNTAIN),
    ],
)
def test_format_comes_from_content_first(
    data: bytes, name: str | None, expected: ScriptFormat
) -> None:
    assert detect_format(data, name) is expected


def test_read_script_picks_the_reader_by_content() -> None:
    fdx_bytes = FD_FILE.read_bytes()
    as_fdx = read_script(fdx_bytes, "named-wrongly.fountain")
    assert as_fdx.elements[0].kind is ElementType.SCENE_HEADING
    assert as_fdx.elements[0].imported_length == Eighths(3)
    text = read_script(BRICK.read_bytes(), "named-wrongly.pdf")
    assert text.elements == fountain.parse(BRICK.read_text(encoding="utf-8")).elements


def test_a_windows_1252_fountain_file_keeps_its_accents() -> None:
    data = "INT. CASA - DÍA\n\nÉRIKA\n¿Qué pasó?\n".encode("cp1252")
    screenplay = read_script(data, "viejo.fountain")
    assert [e.text for e in screenplay.elements] == ["INT. CASA - DÍA", "ÉRIKA", "¿Qué pasó?"]


def test_size_is_checked_before_anything_is_read() -> None:
    with pytest.raises(LimitExceeded, match=r"big\.fountain"):
        read_script(b"x" * 101, "big.fountain", Limits(max_bytes=100))


def test_empty_and_whitespace_files_are_refused_by_name() -> None:
    for data in (b"", b" \r\n\t\n"):
        with pytest.raises(ScriptImportError, match=r"empty\.fountain"):
            read_script(data, "empty.fountain")


def test_a_text_file_with_no_screenplay_in_it_is_refused() -> None:
    with pytest.raises(ScriptImportError, match="no screenplay content"):
        read_script(b"/* everything is in the boneyard */\n", "boneyard.fountain")


def test_stored_form_keeps_every_field_and_the_tags() -> None:
    screenplay = Screenplay(
        title_page=(TitleEntry("Title", "Somos."), TitleEntry("Credit", "escrita por")),
        elements=(
            Element(
                ElementType.SCENE_HEADING,
                "INT. CASA - DÍA",
                scene_number="12A",
                line=4,
                imported_length=Eighths(11),
                imported_page="3",
            ),
            Element(ElementType.CHARACTER, "ÉRIKA", extension="(V.O.)", dual=DualSide.LEFT),
            Element(ElementType.SECTION, "Acto uno", depth=2),
        ),
        tag_categories=(TagCategory("Props", "#9933CC", "id-1", 5),),
        tags=(Tag("Props", "PISTOLA", 0, 4, 8),),
    )
    stored = json.loads(json.dumps(screenplay_to_data(screenplay)))
    back = screenplay_from_data(stored["title_page"], stored["elements"], stored["tags"])
    assert back == screenplay
    heading = back.elements[0]
    assert (heading.line, heading.imported_length, heading.imported_page) == (4, Eighths(11), "3")


def _headings(screenplay: Screenplay) -> list[str]:
    return [e.text for e in screenplay.elements if e.kind is ElementType.SCENE_HEADING]


def test_every_written_format_reads_back_to_the_same_headings() -> None:
    screenplay = fountain.parse(BRICK.read_text(encoding="utf-8"))
    for fmt in (ScriptFormat.FOUNTAIN, ScriptFormat.FDX, ScriptFormat.PDF):
        data = write_script(screenplay, fmt, Paper.A4)
        assert detect_format(data) is fmt
        back = _headings(read_script(data, f"out.{fmt.value}"))
        if fmt is ScriptFormat.PDF:
            # On paper a forced heading (".SNIPER SCOPE POV") looks like action: only
            # headings that say INT/EXT can be recognised again.
            assert back == [h for h in _headings(screenplay) if h.startswith(("INT", "EXT"))]
        else:
            assert back == _headings(screenplay)
    stored = json.loads(write_script(screenplay, ScriptFormat.JSON))
    assert len(stored["elements"]) == len(screenplay.elements)


def test_fdx_written_from_fountain_carries_our_scene_lengths() -> None:
    screenplay = fountain.parse("INT. CASA - DIA\n\nUno.\n\nEXT. CALLE - NOCHE\n\nDos.\n")
    back = read_script(write_script(screenplay, ScriptFormat.FDX), "out.fdx")
    lengths = [e.imported_length for e in back.elements if e.kind is ElementType.SCENE_HEADING]
    assert lengths == [Eighths(1), Eighths(1)]
