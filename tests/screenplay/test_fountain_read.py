"""Reading Fountain: the spec's rules, each shown with a fragment."""

from __future__ import annotations

import pytest

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.io import read_script
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import DualSide, Element, ElementType, TitleEntry

K = ElementType


def kinds(text: str) -> list[tuple[ElementType, str]]:
    return [(e.kind, e.text) for e in fountain.parse(text).elements]


# --- scene headings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["INT. HOUSE - DAY", "EXT. PARK", "INT./EXT. CAR", "INT/EXT CAR", "I/E CAR", "EST. CITY",
     "INT HOUSE - DAY", "int. kitchen - night", "INT. CASA - NOCHE", "EXT. CAMPO - DÍA"],
)  # fmt: skip
def test_heading_prefixes_after_a_blank_line(line: str) -> None:
    assert kinds(f"Action.\n\n{line}\n\nMore.")[1] == (K.SCENE_HEADING, line)


def test_heading_needs_a_blank_line_before_it() -> None:
    assert kinds("He said\nINT. HOUSE is nice.")[0][0] is K.ACTION


def test_forced_heading_needs_one_leading_dot_and_text() -> None:
    assert kinds(".SNIPER SCOPE POV\n\nA dot.")[0] == (K.SCENE_HEADING, "SNIPER SCOPE POV")
    assert kinds("...and then\n")[0] == (K.ACTION, "...and then")
    assert kinds(". NOT A HEADER\n")[0] == (K.ACTION, ". NOT A HEADER")


def test_scene_numbers_are_taken_out_of_the_heading() -> None:
    for line, number in [("INT. HOUSE - DAY #12A#", "12A"), (".FLASHBACK #A12#", "A12")]:
        element = fountain.parse(line + "\n\nAction.").elements[0]
        assert (element.kind, element.scene_number) == (K.SCENE_HEADING, number)
        assert "#" not in element.text


# --- action ----------------------------------------------------------------------------


def test_action_keeps_line_breaks_tabs_and_is_one_element_per_paragraph() -> None:
    assert kinds("They run.\n\tThe door\nslams.\n\nSilence.") == [
        (K.ACTION, "They run.\n\tThe door\nslams."),
        (K.ACTION, "Silence."),
    ]


def test_forced_action_with_a_bang() -> None:
    assert kinds("!SCANNING THE AISLES...\nNothing.") == [
        (K.ACTION, "SCANNING THE AISLES...\nNothing.")
    ]
    # The bang wins over the transition rule.
    assert kinds("Run.\n\n!CUT TO:\n\nStop.")[1] == (K.ACTION, "CUT TO:")


def test_centred_text_between_angle_brackets() -> None:
    assert kinds("> THE END <")[0] == (K.CENTERED, "THE END")
    assert kinds(">**Act One**<\n>Part two<")[0] == (K.CENTERED, "**Act One**\nPart two")


def test_emphasis_and_escapes_are_kept_as_written() -> None:
    text = "He *really* means **it** and _now_, \\*not\\* later."
    assert kinds(text) == [(K.ACTION, text)]


# --- cues and dialogue -----------------------------------------------------------------


def test_spanish_heading_and_accented_cues() -> None:
    script = "INT. CASA DE ÉRIKA - COCINA - NOCHE\n\nÉRIKA\n¿Quién anda ahí?\n\nDOÑA CHAYO (O.S.)\nSoy yo, mija.\n"
    assert kinds(script) == [
        (K.SCENE_HEADING, "INT. CASA DE ÉRIKA - COCINA - NOCHE"),
        (K.CHARACTER, "ÉRIKA"),
        (K.DIALOGUE, "¿Quién anda ahí?"),
        (K.CHARACTER, "DOÑA CHAYO"),
        (K.DIALOGUE, "Soy yo, mija."),
    ]
    assert fountain.parse(script).elements[3].extension == "(O.S.)"


def test_cue_needs_a_letter_a_blank_line_before_and_a_line_after() -> None:
    assert kinds("R2D2\nBeep.")[0] == (K.CHARACTER, "R2D2")
    assert kinds("23\nNot a cue.")[0][0] is K.ACTION
    assert kinds("Some action.\nBOB\nStill action.")[0][0] is K.ACTION
    assert kinds("Action.\n\nBOB\n\nMore.")[1] == (K.ACTION, "BOB")


def test_forced_cue_with_an_at_sign() -> None:
    assert kinds("@McCLANE\nYippee ki-yay.") == [
        (K.CHARACTER, "McCLANE"),
        (K.DIALOGUE, "Yippee ki-yay."),
    ]


def test_extensions_in_any_case_and_with_curly_apostrophes() -> None:
    cue = fountain.parse("\nSTEEL (CONT’D)\nMore.").elements[0]
    assert (cue.text, cue.extension) == ("STEEL", "(CONT’D)")
    cue = fountain.parse("\nHANS (on the radio)\nWhat?").elements[0]
    assert (cue.text, cue.extension) == ("HANS", "(on the radio)")


def test_parentheticals_split_a_speech() -> None:
    assert kinds("STEEL\n(starting the engine)\nSo much for retirement!\n(beat)\nGo.") == [
        (K.CHARACTER, "STEEL"),
        (K.PARENTHETICAL, "(starting the engine)"),
        (K.DIALOGUE, "So much for retirement!"),
        (K.PARENTHETICAL, "(beat)"),
        (K.DIALOGUE, "Go."),
    ]


def test_two_spaces_keep_a_blank_line_inside_dialogue() -> None:
    elements = fountain.parse("DEALER\nTen.\n  \nFour.").elements
    assert elements[1] == Element(K.DIALOGUE, "Ten.\n\nFour.")


def test_dual_dialogue_marks_both_columns() -> None:
    elements = fountain.parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.").elements
    assert [e.dual for e in elements if e.kind is K.CHARACTER] == [DualSide.LEFT, DualSide.RIGHT]
    assert [e.text for e in elements if e.kind is K.CHARACTER] == ["BRICK", "STEEL"]


def test_lyrics_alone_and_inside_a_speech() -> None:
    assert kinds("~Willy Wonka!\n~Willy Wonka!") == [(K.LYRICS, "Willy Wonka!\nWilly Wonka!")]
    assert kinds("OOMPA\n~Oompa loompa\nStop.") == [
        (K.CHARACTER, "OOMPA"),
        (K.LYRICS, "Oompa loompa"),
        (K.DIALOGUE, "Stop."),
    ]


# --- transitions and page structure ----------------------------------------------------


def test_transitions_natural_forced_and_trailing_space() -> None:
    assert kinds("Action.\n\nCUT TO:\n\nINT. HOUSE - DAY")[1] == (K.TRANSITION, "CUT TO:")
    assert kinds("> Burn to white.")[0] == (K.TRANSITION, "Burn to white.")
    # The spec: a transition ends in TO:, so "CUT TO: " with a trailing space is action.
    assert kinds("Action.\n\nCUT TO: \n\nMore.")[1][0] is K.ACTION
    # Without a blank line after it, an upper-case line over text is a cue, by the spec.
    assert kinds("Action.\n\nCUT TO:\nMore.")[1][0] is K.CHARACTER


def test_page_breaks_sections_and_synopses() -> None:
    script = "===\n\n# Act one\n\n### A beat\n\n= They meet.\n\nText.\n==="
    assert kinds(script) == [
        (K.PAGE_BREAK, ""),
        (K.SECTION, "Act one"),
        (K.SECTION, "A beat"),
        (K.SYNOPSIS, "They meet."),
        (K.ACTION, "Text."),
        (K.PAGE_BREAK, ""),
    ]
    assert [e.depth for e in fountain.parse(script).elements[1:3]] == [1, 3]


def test_a_note_alone_is_an_element_and_inline_notes_leave_the_text_whole() -> None:
    assert kinds("[[A note\nover two lines]]\n\nAction.") == [
        (K.NOTE, "A note\nover two lines"),
        (K.ACTION, "Action."),
    ]
    assert kinds("He waits [[too long?]] and\nleaves.") == [(K.ACTION, "He waits  and\nleaves.")]
    assert kinds("BOB\nHi [[louder]] there.")[1] == (K.DIALOGUE, "Hi  there.")


def test_boneyard_is_removed_even_across_lines() -> None:
    assert kinds("One. /* gone */ Two.\n/* gone\nstill gone */\nThree.") == [
        (K.ACTION, "One.  Two.\nThree.")
    ]


def test_a_boneyard_that_never_closes_is_kept_as_text_with_a_warning() -> None:
    screenplay = fountain.parse("A /* x */ b.\n\nOne /* two\n\nBOB\nHi.\n")
    assert [(e.kind, e.text) for e in screenplay.elements] == [
        (K.ACTION, "A  b."),
        (K.ACTION, "One /* two"),
        (K.CHARACTER, "BOB"),
        (K.DIALOGUE, "Hi."),
    ]
    assert [(w.line, "never closed" in w.message) for w in screenplay.warnings] == [(3, True)]


def test_title_page_any_case_keys_in_order_and_multi_line_values() -> None:
    screenplay = fountain.parse(
        "title: Somos\nAuthor:\n    Ana\n    Luis\nDRAFT DATE: 2020\n\nINT. HOUSE - DAY"
    )
    assert screenplay.title_page == (
        TitleEntry("title", "Somos"),
        TitleEntry("Author", "Ana\nLuis"),
        TitleEntry("DRAFT DATE", "2020"),
    )
    assert screenplay.title_value("Title") == "Somos"
    assert kinds("CUT TO:\n\nINT. HOUSE - DAY")[0] == (K.TRANSITION, "CUT TO:")


def test_line_endings_and_bom_do_not_matter() -> None:
    text = "Title: X\n\nINT. HOUSE - DAY\n\nAction.\n\nBOB\nHi.\n"
    expected = fountain.parse(text)
    for variant in (
        "\ufeff" + text.replace("\n", "\r\n"),
        text.replace("\n", "\r"),
        text.replace("\n\n", "\r\n\n", 2).replace("Hi.\n", "Hi.\r"),  # mixed
    ):
        again = fountain.parse(variant)
        assert (again.title_page, again.elements) == (expected.title_page, expected.elements)


def test_parse_lines_reads_lines_without_endings() -> None:
    screenplay = fountain.parse_lines(["INT. A - DAY", "", "BOB", "Hi."])
    assert [e.kind for e in screenplay.elements] == [K.SCENE_HEADING, K.CHARACTER, K.DIALOGUE]
    assert [e.line for e in screenplay.elements] == [1, 3, 4]


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "/* only a comment */\n", "\ufeff"])
def test_no_content_is_an_error_naming_the_file(text: str) -> None:
    with pytest.raises(ScriptImportError, match="no screenplay content") as caught:
        fountain.parse(text, "empty.fountain")
    assert caught.value.source == "empty.fountain"


def test_nul_bytes_mean_not_a_text_file() -> None:
    with pytest.raises(ScriptImportError, match="not a text file"):
        fountain.parse("INT. A\x00\x01\x02", "photo.fountain")


def test_limits_name_the_line() -> None:
    with pytest.raises(ScriptImportError) as caught:
        fountain.parse("INT. A - DAY\n\n" + "x" * 50, "long.fountain", Limits(max_line_chars=40))
    assert caught.value.line == 3 and "long.fountain" in str(caught.value)
    with pytest.raises(LimitExceeded, match="max_elements"):
        fountain.parse("A.\n\n" * 20, "many.fountain", Limits(max_elements=5))


def test_a_read_that_passes_the_time_limit_stops_with_the_setting_named() -> None:
    text = "INT. A - DAY\n\nAction.\n\n" * 2_000
    with pytest.raises(LimitExceeded) as caught:
        fountain.parse(text, "slow.fountain", Limits(seconds=0.0))
    assert "MOSAICO_READ_SECONDS" in str(caught.value) and "slow.fountain" in str(caught.value)
    assert fountain.parse(text, "slow.fountain").elements  # the default limit reads it


def test_files_that_are_not_text_are_refused_and_legacy_encodings_read() -> None:
    # Bytes reach the Fountain reader through read_script, which decodes them first.
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ScriptImportError, match="not a text file") as caught:
        read_script(png, "poster.fountain")
    assert caught.value.source == "poster.fountain"
    noise = bytes((7 * n + 130) % 256 for n in range(4096) if (7 * n + 130) % 256 > 127)
    with pytest.raises(ScriptImportError, match="not a text file"):
        read_script(noise, "noise.fountain")
    legacy = "INT. CASA - NOCHE\n\nDOÑA CHAYO\n¿Quién?\n".encode("cp1252")
    screenplay = read_script(legacy, "legacy.fountain")
    assert screenplay.elements[1].text == "DOÑA CHAYO"
    with pytest.raises(ScriptImportError, match="no screenplay content"):
        read_script(b"\n\n  \n", "blank.fountain")


def test_notes_that_never_close_are_text() -> None:
    # An unclosed [[ stays in the text (and a long run of them reads in linear time).
    assert kinds("He waits [[ and\nwaits.") == [(K.ACTION, "He waits [[ and\nwaits.")]
    text = "a [[" + "\n[[ x" * 50_000
    assert fountain.parse(text).elements[0].text.count("[[") == 50_001
