"""Writing FDX: Final Draft's structure, and every element read back unchanged."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from conftest import SCRIPTS
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx import parse_fdx, write_fdx
from mosaico.screenplay.model import DualSide, Element, ElementType, Screenplay, TitleEntry

E = ElementType
FD_SAMPLE = SCRIPTS / "fdx-real" / "screenplay-tools-TestFDX-FD.fdx"
FDX_FILES = sorted(SCRIPTS.glob("**/*.fdx"))


def _tree(data: bytes) -> ET.Element:
    root: ET.Element = fromstring(data)
    return root


@pytest.mark.parametrize("path", FDX_FILES, ids=lambda path: Path(path).name)
def test_every_fdx_file_reads_back_the_same_after_writing(path: Path) -> None:
    original = parse_fdx(path.read_bytes(), path.name)
    again = parse_fdx(write_fdx(original))
    assert again.elements == original.elements
    # Final Draft's own lengths and pages travel with the headings.
    assert [(e.imported_length, e.imported_page) for e in again.elements] == [
        (e.imported_length, e.imported_page) for e in original.elements
    ]
    assert again.tag_categories == original.tag_categories
    assert again.title_page == original.title_page


def test_written_file_has_final_drafts_top_level_sections() -> None:
    sample = {child.tag for child in _tree(FD_SAMPLE.read_bytes())}
    screenplay = parse_fdx(FD_SAMPLE.read_bytes())
    ours = _tree(write_fdx(screenplay))
    assert ours.tag == "FinalDraft"
    assert ours.attrib == {"DocumentType": "Script", "Template": "No", "Version": "5"}
    sections = {child.tag for child in ours}
    assert sections <= sample
    assert {
        "Content",
        "HeaderAndFooter",
        "PageLayout",
        "ElementSettings",
        "TitlePage",
        "SmartType",
        "MoresAndContinueds",
        "SceneNumberOptions",
        "TagData",
    } <= sections


def test_element_settings_cover_every_paragraph_type_written() -> None:
    screenplay = Screenplay(
        elements=tuple(
            Element(kind, "x", depth=1)
            for kind in ElementType
            if kind not in (E.PAGE_BREAK, E.NOTE, E.CHARACTER)
        )
    )
    root = _tree(write_fdx(screenplay))
    settings = {node.get("Type") for node in root.iterfind("ElementSettings")}
    written = {node.get("Type") for node in root.iterfind("Content/Paragraph")}
    assert written <= settings
    assert {"Scene Heading", "Action", "Character", "Parenthetical", "Dialogue"} <= settings


def test_scene_lengths_go_into_scene_properties() -> None:
    screenplay = Screenplay(
        elements=(
            Element(E.SCENE_HEADING, "INT. HOUSE - DAY", scene_number="1"),
            Element(E.ACTION, "Quiet."),
            Element(E.SCENE_HEADING, "EXT. YARD - NIGHT", scene_number="2"),
        )
    )
    data = write_fdx(screenplay, scene_lengths=[(Eighths(11), 1), (Eighths(3), 2)])
    props = [node.attrib for node in _tree(data).iterfind("Content/Paragraph/SceneProperties")]
    assert props == [
        {"Length": "1 3/8", "Page": "1", "Title": ""},
        {"Length": "3/8", "Page": "2", "Title": ""},
    ]
    headings = [e for e in parse_fdx(data).elements if e.kind is E.SCENE_HEADING]
    assert [(h.imported_length, h.imported_page, h.scene_number) for h in headings] == [
        (Eighths(11), "1", "1"),
        (Eighths(3), "2", "2"),
    ]


def test_without_lengths_a_heading_keeps_the_length_it_came_with() -> None:
    heading = Element(
        E.SCENE_HEADING, "INT. A - DAY", imported_length=Eighths(5), imported_page="3"
    )
    props = _tree(write_fdx(Screenplay(elements=(heading,)))).find(
        "Content/Paragraph/SceneProperties"
    )
    assert props is not None
    assert (props.get("Length"), props.get("Page")) == ("5/8", "3")


def test_emphasis_becomes_styled_runs() -> None:
    screenplay = Screenplay(elements=(Element(E.ACTION, "A **bold** and _**loud**_ *end*"),))
    runs = [
        (run.text, run.get("Style"))
        for run in _tree(write_fdx(screenplay)).iterfind("Content/Paragraph/Text")
    ]
    assert runs == [
        ("A ", None),
        ("bold", "Bold"),
        (" and ", None),
        ("loud", "Bold+Underline"),
        (" ", None),
        ("end", "Italic"),
    ]


def test_page_breaks_notes_synopses_sections_and_dual_dialogue_survive() -> None:
    elements = (
        Element(E.SECTION, "Act one", depth=1),
        Element(E.SECTION, "The farm", depth=3),
        Element(E.SECTION, "The well", depth=6),
        Element(E.SCENE_HEADING, "EXT. FARM - DAWN", scene_number="7"),
        Element(E.SYNOPSIS, "The harvest starts."),
        Element(E.NOTE, "Check the rights to the song."),
        Element(E.ACTION, "Workers arrive."),
        Element(E.NOTE, "First note.\n\nSecond paragraph."),
        Element(E.CHARACTER, "ÉRIKA", extension="(O.S.)", dual=DualSide.LEFT),
        Element(E.DIALOGUE, "¡Vámonos!"),
        Element(E.CHARACTER, "BETO", dual=DualSide.RIGHT),
        Element(E.PARENTHETICAL, "(laughing)"),
        Element(E.DIALOGUE, "Ya voy."),
        Element(E.PAGE_BREAK),
        Element(E.SYNOPSIS, "A synopsis on its own."),
        Element(E.LYRICS, "Canta y no llores"),
        Element(E.CENTERED, "FIN"),
        Element(E.PAGE_BREAK),
    )
    again = parse_fdx(write_fdx(Screenplay(elements=elements)))
    assert again.elements == elements


def test_a_note_with_nothing_before_it_and_a_note_after_a_page_break() -> None:
    elements = (
        Element(E.NOTE, "Opening note."),
        Element(E.ACTION, "Start."),
        Element(E.PAGE_BREAK),
        Element(E.NOTE, "After the break."),
        Element(E.PAGE_BREAK),
        Element(E.PAGE_BREAK),
        Element(E.ACTION, "End."),
    )
    assert parse_fdx(write_fdx(Screenplay(elements=elements))).elements == elements


def test_title_page_keys_round_trip() -> None:
    title_page = (
        TitleEntry("Title", "_**EL POZO 7**_"),
        TitleEntry("Credit", "Escrito por"),
        TitleEntry("Author", "Ana Ruiz"),
        TitleEntry("Source", "Basada en hechos reales"),
        TitleEntry("Draft date", "2026-03-01"),
        TitleEntry("Contact", "Producciones Mosaico\nCiudad de México"),
        TitleEntry("Copyright", "© 2026 Producciones Mosaico"),
        TitleEntry("Notes", "Borrador de rodaje"),
    )
    again = parse_fdx(write_fdx(Screenplay(title_page=title_page)))
    assert sorted(again.title_page, key=lambda e: e.key) == sorted(title_page, key=lambda e: e.key)


def test_keys_final_draft_has_no_place_for_come_back_as_keys() -> None:
    title_page = (
        TitleEntry("Title", "Granizo"),
        TitleEntry("Episode", '1 — "Tiempo de pizca"'),
        TitleEntry("Draft date", "4 de mayo de 2026"),
        TitleEntry("Notes", "Segundo borrador"),
    )
    again = parse_fdx(write_fdx(Screenplay(title_page=title_page)))
    assert sorted(again.title_page, key=lambda e: e.key) == sorted(title_page, key=lambda e: e.key)
    right = [
        "".join(p.itertext())
        for p in _tree(write_fdx(Screenplay(title_page=title_page))).iterfind(
            "TitlePage/Content/Paragraph"
        )
        if p.get("Alignment") == "Right"
    ]
    assert right == ["Segundo borrador", 'Episode: 1 — "Tiempo de pizca"']


def test_characters_xml_cannot_hold_are_dropped_not_written() -> None:
    screenplay = Screenplay(elements=(Element(E.ACTION, "Bell\x07 rings & <stops>"),))
    assert parse_fdx(write_fdx(screenplay)).elements == (Element(E.ACTION, "Bell rings & <stops>"),)


def test_writing_is_deterministic() -> None:
    screenplay = parse_fdx(FD_SAMPLE.read_bytes())
    assert write_fdx(screenplay) == write_fdx(screenplay)


def test_smart_type_lists_the_scripts_characters_and_sets() -> None:
    screenplay = parse_fdx(FD_SAMPLE.read_bytes())
    root = _tree(write_fdx(screenplay))
    characters = [node.text for node in root.iterfind("SmartType/Characters/Character")]
    locations = [node.text for node in root.iterfind("SmartType/Locations/Location")]
    assert characters == ["DJ", "DAVE", "JIM", "KAY"]
    assert locations == ["RADIO STUDIO", "OUTSIDE THE FOOD STORE"]


def test_notes_are_written_as_final_drafts_ranged_script_notes() -> None:
    elements = (
        Element(E.SCENE_HEADING, "INT. LAB - DAY"),
        Element(E.ACTION, "**Hum**."),
        Element(E.NOTE, "On the hum."),
    )
    root = _tree(write_fdx(Screenplay(elements=elements)))
    assert root.find("Content/Paragraph/ScriptNote") is None
    notes = [
        (note.get("Range"), "".join(note.itertext()))
        for note in root.iterfind("ScriptNotes/ScriptNote")
    ]
    assert notes == [("15,19", "On the hum.")]  # markers are not text


def test_emphasis_across_the_lines_of_a_speech_is_one_styled_run() -> None:
    # Big Fish's song is italic from its first line to its last.
    speech = Element(E.DIALOGUE, "*Sometimes a girl can feel so alone\nWithout a lover.*")
    root = _tree(write_fdx(Screenplay(elements=(speech,))))
    runs = [(run.text, run.get("Style")) for run in root.iterfind("Content/Paragraph/Text")]
    assert runs == [("Sometimes a girl can feel so alone\nWithout a lover.", "Italic")]
    assert parse_fdx(write_fdx(Screenplay(elements=(speech,)))).elements == (speech,)
