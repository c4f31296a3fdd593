"""Fountain reading and writing: the spec's rules, each shown with a fragment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SCRIPTS
from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import DualSide, Element, ElementType, Screenplay
from mosaico.screenplay.scenes import speaking_characters, split_scenes

K = ElementType


def kinds(text: str) -> list[tuple[ElementType, str]]:
    return [(e.kind, e.text) for e in fountain.parse(text).elements]


def test_spanish_heading_and_accented_cue() -> None:
    script = "INT. CASA DE ÉRIKA - COCINA - NOCHE\n\nÉRIKA\n¿Quién anda ahí?\n\nDOÑA CHAYO (O.S.)\nSoy yo, mija.\n"
    assert kinds(script) == [
        (K.SCENE_HEADING, "INT. CASA DE ÉRIKA - COCINA - NOCHE"),
        (K.CHARACTER, "ÉRIKA"),
        (K.DIALOGUE, "¿Quién anda ahí?"),
        (K.CHARACTER, "DOÑA CHAYO"),
        (K.DIALOGUE, "Soy yo, mija."),
    ]
    assert fountain.parse(script).elements[3].extension == "(O.S.)"


def test_forced_heading_needs_one_leading_dot_and_text() -> None:
    assert kinds(".SNIPER SCOPE POV\n\nA dot.")[0] == (K.SCENE_HEADING, "SNIPER SCOPE POV")
    assert kinds("...and then\n")[0] == (K.ACTION, "...and then")
    assert kinds(". NOT A HEADER\n")[0] == (K.ACTION, ". NOT A HEADER")


def test_scene_numbers_are_taken_out_of_the_heading() -> None:
    element = fountain.parse("INT. HOUSE - DAY #12A#\n\nAction.").elements[0]
    assert (element.text, element.scene_number) == ("INT. HOUSE - DAY", "12A")


def test_cue_needs_a_letter_and_a_blank_line_before() -> None:
    assert kinds("R2D2\nBeep.")[0] == (K.CHARACTER, "R2D2")
    assert kinds("23\nNot a cue.")[0][0] is K.ACTION
    assert kinds("Some action.\nBOB\nStill action.")[0][0] is K.ACTION


def test_curly_apostrophe_extension_and_lower_case_extension() -> None:
    cue = fountain.parse("\nSTEEL (CONT’D)\nMore.").elements[0]
    assert (cue.text, cue.extension) == ("STEEL", "(CONT’D)")
    cue = fountain.parse("\nHANS (on the radio)\nWhat?").elements[0]
    assert (cue.text, cue.extension) == ("HANS", "(on the radio)")


def test_dual_dialogue_marks_both_columns() -> None:
    elements = fountain.parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.").elements
    assert [e.dual for e in elements if e.kind is K.CHARACTER] == [DualSide.LEFT, DualSide.RIGHT]


def test_two_spaces_keep_a_blank_line_inside_dialogue() -> None:
    elements = fountain.parse("DEALER\nTen.\n  \nFour.").elements
    assert elements[1] == Element(K.DIALOGUE, "Ten.\n\nFour.")


def test_transitions_natural_forced_and_trailing_space() -> None:
    assert kinds("Action.\n\nCUT TO:\n\nINT. HOUSE - DAY")[1] == (K.TRANSITION, "CUT TO:")
    assert kinds("> Burn to white.")[0] == (K.TRANSITION, "Burn to white.")
    assert kinds("Action.\n\nCUT TO: \n\nMore.")[1][0] is K.ACTION


def test_centred_lyrics_page_break_sections_synopses_notes_boneyard() -> None:
    script = "> THE END <\n\n~Sing it\n\n===\n\n## Act two\n\n= They meet.\n\n[[A note]]\n\n/* gone\nstill gone */\nKept."
    assert kinds(script) == [
        (K.CENTERED, "THE END"),
        (K.LYRICS, "Sing it"),
        (K.PAGE_BREAK, ""),
        (K.SECTION, "Act two"),
        (K.SYNOPSIS, "They meet."),
        (K.NOTE, "A note"),
        (K.ACTION, "Kept."),
    ]
    assert fountain.parse("## Act two").elements[0].depth == 2


def test_title_page_any_case_keys_and_multi_line_values() -> None:
    screenplay = fountain.parse("title: Somos\nAuthor:\n    Ana\n    Luis\n\nINT. HOUSE - DAY")
    assert screenplay.title_value("Title") == "Somos"
    assert screenplay.title_value("author") == "Ana\nLuis"
    assert kinds("CUT TO:\n\nINT. HOUSE - DAY")[0] == (K.TRANSITION, "CUT TO:")


def test_line_endings_and_bom_do_not_matter() -> None:
    text = "INT. HOUSE - DAY\n\nAction.\n\nBOB\nHi.\n"
    expected = fountain.parse(text).elements
    assert fountain.parse("\ufeff" + text.replace("\n", "\r\n")).elements == expected
    assert fountain.parse(text.replace("\n", "\r")).elements == expected


def test_limits_name_the_line() -> None:
    with pytest.raises(ScriptImportError) as caught:
        fountain.parse("INT. A - DAY\n\n" + "x" * 50, "long.fountain", Limits(max_line_chars=40))
    assert caught.value.line == 3 and "long.fountain" in str(caught.value)
    with pytest.raises(LimitExceeded):
        fountain.parse("A.\n\n" * 20, "many.fountain", Limits(max_elements=5))


CORPUS = sorted(
    [*(SCRIPTS / "full-length").glob("*.fountain"), *(SCRIPTS / "short").glob("*.fountain")]
)
SCENES = {  # the data README's scene counts (screenplain's column)
    "big-fish.fountain": 190,
    "big-fish.curly-quotes.fountain": 190,
    "charade-1963.fountain": 209,
    "brick-and-steel.fountain": 8,
    "the-last-birthday-card.fountain": 48,
    "my-living-memory.fountain": 9,
    "printing-trouble.fountain": 29,
}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_scene_counts_and_round_trip(path) -> None:  # type: ignore[no-untyped-def]
    screenplay = fountain.parse(path.read_text(encoding="utf-8"), path.name)
    assert len(split_scenes(screenplay)) == SCENES[path.name]
    again = fountain.parse(fountain.write(screenplay))
    assert again.elements == screenplay.elements
    assert again.title_page == screenplay.title_page


def test_big_fish_has_48_speaking_characters_in_both_quote_styles() -> None:
    for name in ("big-fish.fountain", "big-fish.curly-quotes.fountain"):
        screenplay = fountain.parse((SCRIPTS / "full-length" / name).read_text(encoding="utf-8"))
        assert len(speaking_characters(screenplay.elements)) == 48


_words = st.text(alphabet="abcdefghij ÁÉÑáéñ.,?", min_size=1, max_size=30).filter(
    lambda t: t.strip() == t and t.strip()
)
_names = (
    st.text(alphabet="ABCDEFGÉÑ ", min_size=2, max_size=12)
    .map(str.strip)
    .filter(lambda t: len(t) >= 2)
)


@st.composite
def _blocks(draw: st.DrawFn) -> list[Element]:
    choice = draw(
        st.sampled_from(["heading", "action", "speech", "transition", "centered", "section"])
    )
    if choice == "heading":
        return [Element(K.SCENE_HEADING, "INT. " + draw(_names) + " - DAY")]
    if choice == "action":
        return [Element(K.ACTION, draw(_words).capitalize() or "x")]
    if choice == "transition":
        return [Element(K.TRANSITION, draw(_words))]
    if choice == "centered":
        return [Element(K.CENTERED, draw(_words))]
    if choice == "section":
        return [Element(K.SECTION, draw(_words), depth=draw(st.integers(1, 3)))]
    return [Element(K.CHARACTER, draw(_names)), Element(K.DIALOGUE, draw(_words))]


@settings(max_examples=150, deadline=None)
@given(st.lists(_blocks(), min_size=1, max_size=12))
def test_writer_output_reads_back_to_the_same_elements(blocks: list[list[Element]]) -> None:
    screenplay = Screenplay(elements=tuple(e for block in blocks for e in block))
    assert fountain.parse(fountain.write(screenplay)).elements == screenplay.elements


def test_a_read_that_passes_the_time_limit_stops_with_the_setting_named() -> None:
    text = "INT. A - DAY\n\nAction.\n\n" * 2_000
    with pytest.raises(LimitExceeded) as caught:
        fountain.parse(text, "slow.fountain", Limits(seconds=0.0))
    assert "MOSAICO_READ_SECONDS" in str(caught.value) and "slow.fountain" in str(caught.value)
    assert fountain.parse(text, "slow.fountain").elements  # the default limit reads it
