"""Reading FDX: Final Draft's own files, and each paragraph type and attribute."""

from __future__ import annotations

from conftest import SCRIPTS
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx import parse_fdx
from mosaico.screenplay.model import DualSide, Element, ElementType

FD_REAL = SCRIPTS / "fdx-real"
E = ElementType


def _fdx(content: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{content}\n</Content>\n{extra}</FinalDraft>\n"
    ).encode()


def _kinds_and_texts(data: bytes) -> list[tuple[ElementType, str]]:
    return [(e.kind, e.text) for e in parse_fdx(data).elements]


def test_final_draft_sample_reads_scenes_numbers_and_lengths() -> None:
    screenplay = parse_fdx((FD_REAL / "screenplay-tools-TestFDX-FD.fdx").read_bytes())
    headings = [e for e in screenplay.elements if e.kind is E.SCENE_HEADING]
    assert [(h.text, h.scene_number) for h in headings] == [
        ("INT. RADIO STUDIO", "1"),
        ("EXT. OUTSIDE THE FOOD STORE", "2"),
    ]
    assert [(h.imported_length, h.imported_page) for h in headings] == [
        (Eighths(3), "1"),
        (Eighths(2), "1"),
    ]
    assert screenplay.elements[2:5] == (
        Element(E.CHARACTER, "DJ"),
        Element(E.PARENTHETICAL, "(bored)"),
        Element(E.DIALOGUE, "Hey everyone, this is some music that sounds kinda terrible."),
    )
    # The cue's extension is split from the name.
    jim = next(e for e in screenplay.elements if e.kind is E.CHARACTER and e.text == "JIM")
    assert jim.extension == "(O.S.)"
    assert screenplay.elements[-1] == Element(E.TRANSITION, "FADE TO BLACK")
    assert screenplay.warnings == ()


def test_final_draft_title_page_is_read_by_place_and_wording() -> None:
    screenplay = parse_fdx((FD_REAL / "rsdoiel-sample-06.fdx").read_bytes())
    assert [(entry.key, entry.value) for entry in screenplay.title_page] == [
        ("Title", "_SAMPLE 06_"),  # Final Draft underlines the title
        ("Credit", "Written by"),
        ("Author", "Jane Doe"),
        ("Copyright", "Copyright (c) 2018"),
        ("Draft date", "2018-01-01"),
        (
            "Contact",
            "ACME Examples Production\n1234 5th Avenue\nAnytown, Planet Earth, 012345-1234",
        ),
    ]


def test_starts_new_page_is_a_page_break_and_centred_action_is_centered() -> None:
    screenplay = parse_fdx((FD_REAL / "rsdoiel-sample-06.fdx").read_bytes())
    kinds = [e.kind for e in screenplay.elements]
    assert kinds.count(E.PAGE_BREAK) == 1
    assert kinds[kinds.index(E.PAGE_BREAK) + 1] is E.SCENE_HEADING
    assert screenplay.elements[-1] == Element(E.CENTERED, "THE END.")


def test_every_final_draft_file_keeps_its_scene_lengths() -> None:
    lengths = {}
    for path in sorted(FD_REAL.glob("rsdoiel-sample-0*.fdx")):
        screenplay = parse_fdx(path.read_bytes())
        lengths[path.stem] = [
            str(e.imported_length) for e in screenplay.elements if e.kind is E.SCENE_HEADING
        ]
    assert lengths["rsdoiel-sample-01"] == ["2/8"]
    assert lengths["rsdoiel-sample-06"] == ["2/8", "3/8", "2/8"]
    assert all(value != "None" for values in lengths.values() for value in values)


def test_all_paragraph_types_map_to_elements() -> None:
    data = _fdx(
        """
<Paragraph Type="Scene Heading" Number="12A"><Text>INT. KITCHEN - DAY</Text></Paragraph>
<Paragraph Type="Action"><Text>Steam rises.</Text></Paragraph>
<Paragraph Type="Character"><Text>DOÑA CHAYO (V.O.) (CONT'D)</Text></Paragraph>
<Paragraph Type="Parenthetical"><Text>(quietly)</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Ya llegó.</Text></Paragraph>
<Paragraph Type="Lyrics"><Text>La la la</Text></Paragraph>
<Paragraph Type="Shot"><Text>CLOSE ON THE POT</Text></Paragraph>
<Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
<Paragraph Type="General"><Text>General text.</Text></Paragraph>
<Paragraph Type="Cast List"><Text>CHAYO, a cook</Text></Paragraph>
<Paragraph Type="New Act"><Text>ACT TWO</Text></Paragraph>
<Paragraph Type="End of Act"><Text>END OF ACT TWO</Text></Paragraph>
<Paragraph Type="Outline 2"><Text>The market</Text></Paragraph>
<Paragraph Type="Outline Body"><Text>They meet.</Text></Paragraph>
<Paragraph Type="Action" Alignment="Center"><Text>THE END</Text></Paragraph>
<Paragraph Type="Action"><Text></Text></Paragraph>
"""
    )
    screenplay = parse_fdx(data)
    assert screenplay.elements == (
        Element(E.SCENE_HEADING, "INT. KITCHEN - DAY", scene_number="12A"),
        Element(E.ACTION, "Steam rises."),
        Element(E.CHARACTER, "DOÑA CHAYO", extension="(V.O.) (CONT'D)"),
        Element(E.PARENTHETICAL, "(quietly)"),
        Element(E.DIALOGUE, "Ya llegó."),
        Element(E.LYRICS, "La la la"),
        Element(E.SHOT, "CLOSE ON THE POT"),
        Element(E.TRANSITION, "CUT TO:"),
        Element(E.GENERAL, "General text."),
        Element(E.GENERAL, "CHAYO, a cook"),
        Element(E.CENTERED, "ACT TWO"),
        Element(E.CENTERED, "END OF ACT TWO"),
        Element(E.SECTION, "The market", depth=2),
        Element(E.SYNOPSIS, "They meet."),
        Element(E.CENTERED, "THE END"),
    )
    assert screenplay.warnings == ()


def test_styled_runs_become_fountain_emphasis() -> None:
    data = _fdx(
        '<Paragraph Type="Action"><Text>He is </Text><Text Style="Bold">very</Text>'
        '<Text> </Text><Text Style="Italic+AllCaps">angry</Text><Text>, </Text>'
        '<Text Style="Underline">truly</Text><Text> and </Text>'
        '<Text Style="Bold+Italic+Underline">loudly</Text><Text>.</Text></Paragraph>'
    )
    assert _kinds_and_texts(data) == [
        (E.ACTION, "He is **very** *angry*, _truly_ and _***loudly***_.")
    ]


def test_whitespace_at_the_edge_of_a_styled_run_goes_outside_the_markers() -> None:
    data = _fdx(
        '<Paragraph Type="Action"><Text Style="Bold">Stop </Text><Text>now.</Text></Paragraph>'
    )
    assert _kinds_and_texts(data) == [(E.ACTION, "**Stop** now.")]


def test_literal_asterisks_are_escaped_only_when_they_would_read_as_emphasis() -> None:
    data = _fdx(
        '<Paragraph Type="Action"><Text>5 * 3 is fifteen.</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>A *sign* reads.</Text></Paragraph>'
    )
    assert _kinds_and_texts(data) == [
        (E.ACTION, "5 * 3 is fifteen."),
        (E.ACTION, "A *sign\\* reads."),  # escaping the closing one is enough
    ]


def test_line_breaks_inside_a_paragraph_are_kept() -> None:
    data = _fdx('<Paragraph Type="Dialogue"><Text>One.\r\nTwo.</Text></Paragraph>')
    assert _kinds_and_texts(data) == [(E.DIALOGUE, "One.\nTwo.")]


def test_dual_dialogue_marks_the_first_cue_left_and_the_second_right() -> None:
    path = SCRIPTS / "conformance" / "screenplain" / "dual-dialogue.fdx"
    cues = [e for e in parse_fdx(path.read_bytes()).elements if e.kind is E.CHARACTER]
    assert [(cue.text, cue.dual) for cue in cues] == [
        ("GIRL", DualSide.LEFT),
        ("GUY", DualSide.RIGHT),
    ]


def test_script_notes_and_scene_summary_follow_their_paragraph() -> None:
    conformance = SCRIPTS / "conformance"
    header_note = parse_fdx((conformance / "afterwriting-fdx-header_note.fdx").read_bytes())
    assert header_note.elements == (
        Element(E.SCENE_HEADING, "INT. SCENE HEADING - DAY"),
        Element(E.NOTE, "Note in scene heading."),
    )
    synopsis = parse_fdx((conformance / "afterwriting-fdx-synopsis.fdx").read_bytes())
    assert synopsis.elements == (
        Element(E.SCENE_HEADING, "INT. SCENE HEADING - DAY"),
        Element(E.SYNOPSIS, "Here is the synopsis."),
    )


def test_elements_remember_the_xml_line_of_their_paragraph() -> None:
    data = _fdx(
        '<Paragraph Type="Action"><Text>One.</Text></Paragraph>\n\n'
        '<Paragraph Type="Action"><Text>Two.</Text></Paragraph>'
    )
    assert [e.line for e in parse_fdx(data).elements] == [4, 6]


def test_a_heading_with_an_unreadable_length_keeps_no_length() -> None:
    data = _fdx(
        '<Paragraph Type="Scene Heading"><SceneProperties Length="lots" Page="9"/>'
        "<Text>EXT. ROAD - NIGHT</Text></Paragraph>"
    )
    (heading,) = parse_fdx(data).elements
    assert heading.imported_length is None
    assert heading.imported_page == "9"


def test_final_draft_10_script_notes_go_after_the_paragraph_their_range_starts_in() -> None:
    # Ranges count the text with one more for each paragraph end:
    # "INT. LAB - DAY" is 0-14, "Hum." 15-19, "MARA" 20-24, "Go." 25-28.
    data = _fdx(
        '<Paragraph Type="Scene Heading"><Text>INT. LAB - DAY</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Hum.</Text></Paragraph>'
        '<Paragraph><DualDialogue><Paragraph Type="Character"><Text>MARA</Text></Paragraph>'
        "</DualDialogue></Paragraph>"
        '<Paragraph Type="Action"><Text>Go.</Text></Paragraph>',
        extra="<ScriptNotes>"
        '<ScriptNote Range="15,19"><Paragraph><Text>On the hum.</Text></Paragraph></ScriptNote>'
        '<ScriptNote Range="22,23"><Paragraph><Text>Inside the cue.</Text></Paragraph></ScriptNote>'
        '<ScriptNote Range="oops"><Paragraph><Text>Lost.</Text></Paragraph></ScriptNote>'
        "</ScriptNotes>\n",
    )
    screenplay = parse_fdx(data)
    assert [(e.kind, e.text) for e in screenplay.elements] == [
        (E.SCENE_HEADING, "INT. LAB - DAY"),
        (E.ACTION, "Hum."),
        (E.NOTE, "On the hum."),
        (E.CHARACTER, "MARA"),
        (E.NOTE, "Inside the cue."),
        (E.ACTION, "Go."),
        (E.NOTE, "Lost."),
    ]
    (warning,) = screenplay.warnings
    assert "'oops'" in warning.message
