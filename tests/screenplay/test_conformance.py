"""Other parsers' Fountain fixtures, read by mosaico and compared element by element.

Where a fixture disagrees with the Fountain 1.1 spec (or with another fixture
set), it is listed in ``DIFFERENCES`` with the reason, and the test asserts
that mosaico's reading still differs from the fixture's — so an entry that is
no longer true fails and gets removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_readers import (
    jouvence_cases,
    ours,
    screenplain_fdx,
    screenplain_html,
    screenplay_tools,
)

from conftest import SCRIPTS
from mosaico.errors import ScriptImportError
from mosaico.screenplay import fdx, fountain
from mosaico.screenplay.model import ElementType, TitleEntry

CONFORMANCE = SCRIPTS / "conformance"

DIFFERENCES = {
    "screenplay-tools/Action": "`> CENTERED BIT <` is centred text in the spec; "
    "screenplay-tools has no centred element and keeps it as action",
    "screenplay-tools/PageBreak": "`>**End of Act One**<` is centred text (spec); screenplay-tools reads action",
    "screenplay-tools/Transition": "`> This isn't a transition <` is centred text (spec)",
    "screenplay-tools/Boneyards": "the spec drops boneyard text; screenplay-tools keeps /*n*/ "
    "placeholders inside the surrounding elements",
    "screenplay-tools/Character": "`3CPO` contains letters, so the spec reads a cue (only a name "
    "with no letter, like `23`, is not); screenplay-tools needs a leading letter",
    "screenplay-tools/Formatted": "the expected file lists FORMATTED runs, a screenplay-tools "
    "extension with no counterpart in the spec's element list",
    "screenplay-tools/Notes": "a note broken by a blank line does not close (spec); mosaico keeps "
    "the text as action, screenplay-tools merges it into the previous dialogue",
    "screenplay-tools/Parenthetical": "a parenthetical line right after a cue is a parenthetical "
    "(spec); screenplay-tools reads this one as dialogue",
    "screenplay-tools/Sections": "`CUT TO:` at the top is a transition (as jouvence's fixtures "
    "also say), not a title-page key; screenplay-tools reads a key",
    "screenplay-tools/Tags": "`#tag` suffixes are a screenplay-tools extension, not Fountain",
    "jouvence/test_lyrics.yaml#1": "a `~` line is lyrics wherever it stands (spec; screenplay-tools "
    "agrees); jouvence folds it into the following action",
}


def _tools_cases() -> list[tuple[str, Path, Path]]:
    folder = CONFORMANCE / "screenplay-tools"
    cases = []
    for expected in sorted(folder.glob("*.txt")):
        if expected.stem.endswith("-Unmerged"):
            continue  # the same inputs as -Merged, with each line split: not an element model
        source = expected.with_suffix(".fountain")
        if not source.exists():
            source = folder / (expected.stem.rsplit("-", 1)[0] + ".fountain")
        if source.exists():
            cases.append(
                (f"screenplay-tools/{expected.stem.removesuffix('-Merged')}", source, expected)
            )
    return cases


@pytest.mark.parametrize(("name", "source", "expected"), _tools_cases(), ids=lambda v: str(v))
def test_screenplay_tools_fixture(name: str, source: Path, expected: Path) -> None:
    got = ours(fountain.parse(source.read_text(encoding="utf-8"), source.name))
    want = screenplay_tools(expected)
    if name in DIFFERENCES:
        assert got != want, f"{name} now agrees: remove it from DIFFERENCES"
    else:
        assert got == want


def _jouvence_cases() -> list[tuple[str, str, list[tuple[str, str]]]]:
    cases = []
    for path in sorted((CONFORMANCE / "jouvence").glob("*.yaml")):
        for number, (text, stream) in enumerate(jouvence_cases(path)):
            cases.append((f"jouvence/{path.name}#{number}", text, stream))
    return cases


@pytest.mark.parametrize(("name", "text", "expected"), _jouvence_cases(), ids=lambda v: str(v)[:40])
def test_jouvence_fixture(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    if not text.strip():
        # Jouvence reads an empty text as a script with no elements; mosaico refuses it
        # with "no screenplay content", as an import of an empty file must fail clearly.
        assert expected == []
        with pytest.raises(ScriptImportError, match="no screenplay content"):
            fountain.parse(text, name)
        return
    got = ours(fountain.parse(text, name))
    if name in DIFFERENCES:
        assert got != expected, f"{name} now agrees: remove it from DIFFERENCES"
    else:
        assert got == expected


@pytest.mark.parametrize(
    "expected", sorted((CONFORMANCE / "screenplain").glob("*.html")), ids=lambda p: p.stem
)
def test_screenplain_fixture(expected: Path) -> None:
    source = expected.with_suffix(".fountain")
    got = ours(fountain.parse(source.read_text(encoding="utf-8"), source.name))
    assert got == screenplain_html(expected)


@pytest.mark.parametrize(
    "expected", sorted((CONFORMANCE / "screenplain").glob("*.fdx")), ids=lambda p: p.stem
)
def test_screenplain_fdx_fixture(expected: Path) -> None:
    source = expected.with_suffix(".fountain")
    got = ours(fountain.parse(source.read_text(encoding="utf-8"), source.name))
    assert got == screenplain_fdx(expected)


def test_screenplain_title_page_by_the_spec() -> None:
    """This fixture has no expected file; the spec says what it holds."""
    path = CONFORMANCE / "screenplain" / "title-page.fountain"
    screenplay = fountain.parse(path.read_text(encoding="utf-8"), path.name)
    assert screenplay.title_page == (
        TitleEntry("Title", "My Screenplay"),
        TitleEntry("Author", "Your Name"),
        TitleEntry("Contact", "your.email@example.com\n(555) 123-4567"),
    )
    assert [(e.kind.value, e.text) for e in screenplay.elements] == [
        ("action", "FADE IN:"),  # no TO: at its end, so not a transition
        ("action", "SPACE"),  # alone on the last line: nothing follows, so no cue
    ]


@pytest.mark.parametrize(
    "source", sorted(CONFORMANCE.glob("afterwriting-fdx-*.fountain")), ids=lambda p: p.stem
)
def test_afterwriting_fdx_pairs_read_alike(source: Path) -> None:
    """afterwriting's Fountain renderings of three FDX files, read by both readers."""
    from_fountain = fountain.parse(source.read_text(encoding="utf-8"), source.name).elements
    from_fdx = fdx.parse_fdx(source.with_suffix(".fdx").read_bytes(), source.name).elements
    if source.stem == "afterwriting-fdx-note":
        # A note inside an action paragraph is taken out of the text in Fountain and not
        # kept as an element (it does not split the paragraph); FDX has it as a ScriptNote.
        assert [e.kind for e in from_fdx] == [ElementType.ACTION, ElementType.NOTE]
        assert from_fountain == from_fdx[:1]
    else:
        assert from_fountain == from_fdx


NYOUSEFI = CONFORMANCE / "nyousefi-fountain"


def _read(name: str) -> list[tuple[str, str, str | None]]:
    text = (NYOUSEFI / f"{name}.fountain").read_text(encoding="utf-8")
    return [(e.kind.value, e.text, e.scene_number) for e in fountain.parse(text, name).elements]


def test_nyousefi_scene_headers_by_the_spec() -> None:
    kinds = [kind for kind, _, _ in _read("SceneHeaders")]
    heading, action = "scene_heading", "action"
    assert kinds == [
        *[heading] * 7,  # INT. EXT. INT EXT INT/EXT. INT./EXT. I/E.
        action,  # "I./E." is not among the spec's prefixes
        *[heading] * 6,  # I/E, INT -, EXT -, EST., EST, and a heading with a year
        heading,  # .KITCHEN, forced
        action,  # "... not a scene header."
        heading,  # two heading-like lines with no blank line between: the spec wants a blank
        action,  # line after a heading, but a writer means a heading here, and the next line
        # (not after a blank line) can only continue it as action
        action,  # ESTABLISHING has no prefix followed by a dot or space
        heading,  # lower case is allowed
    ]


def test_nyousefi_scene_numbers_are_kept_with_letters_dashes_and_dots() -> None:
    numbers = [number for _, _, number in _read("SceneNumbers")]
    assert numbers == ["1", "1A", "1a", "A1", "I-1-A", "1.", "110A"]


def test_nyousefi_transitions_forced_elements_centred_and_dual() -> None:
    assert [k for k, _, _ in _read("Transitions")] == [
        "transition", "transition",
        "action",  # FADE TO BLACK. does not end in TO:
        "transition",  # forced with >
        "action",  # CUT TO: followed by spaces
        "transition", "transition",
    ]  # fmt: skip
    assert _read("ForcedElements")[:3] == [
        ("action", "BANG\nBANG\nBANG", None),
        ("character", "McDUCK", None),
        ("dialogue", "I'm vegan.", None),
    ]
    assert _read("ForcedElements")[4] == ("lyrics", "These are the songs\nThat I sing.", None)
    assert [k for k, _, _ in _read("CenteredText")] == [
        "centered",
        "transition",
        "centered",
        "centered",
    ]
    assert [k for k, _, _ in _read("PageBreaks")].count("page_break") == 2
    assert [k for k, _, _ in _read("Synopses")] == ["section", "synopsis"] * 3


def test_every_nyousefi_input_reads_without_error() -> None:
    for path in sorted(NYOUSEFI.glob("*")):
        assert fountain.parse(path.read_text(encoding="utf-8"), path.name).elements


def test_every_documented_difference_names_a_real_fixture() -> None:
    known = {name for name, _, _ in _tools_cases()} | {name for name, _, _ in _jouvence_cases()}
    assert set(DIFFERENCES) <= known


def test_nyousefi_dialogue_dual_and_cue_rules() -> None:
    dialogue = _read("Dialogue")
    assert [k for k, _, _ in dialogue].count("character") == 12
    assert dialogue[20][:2] == ("character", "R2D2")  # a digit is fine beside letters
    assert dialogue[23][0] == "action"  # "23 (O.S.)": no letter, no cue
    assert dialogue[23][1].startswith("23 (O.S.)")
    text = (NYOUSEFI / "DualDialogue.fountain").read_text(encoding="utf-8")
    sides = [e.dual for e in fountain.parse(text).elements if e.kind is ElementType.CHARACTER]
    assert [side.value if side else None for side in sides] == ["left", "right"]


def test_nyousefi_notes_boneyard_and_multi_line_action() -> None:
    assert _read("Notes") == [
        ("action", "A line.", None),
        ("note", "A note.", None),
        ("note", "This line spans\n  multiple lines.", None),
        ("action", "This is an  note.", None),  # an inline note leaves the paragraph whole
    ]
    assert [k for k, _, _ in _read("Boneyard")] == ["action", "action"]
    assert [k for k, _, _ in _read("MultilineAction")] == ["action"] * 3
    assert _read("MultilineAction")[1][1].count("\n") >= 1


def test_nyousefi_simple_ends_with_a_transition_that_has_a_trailing_space() -> None:
    simple = _read("Simple")
    assert simple[0] == ("action", "FADE IN:", None)  # no TO:, so action
    assert simple[-2][0] == "note"
    assert simple[-1] == ("action", "CUT TO:", None)  # "CUT TO: " ends in a space
    assert [k for k, _, _ in _read("Indenting")][:2] == ["transition", "scene_heading"]
    text = (NYOUSEFI / "SectionHeaders.fountain").read_text(encoding="utf-8")
    sections = fountain.parse(text).elements
    assert [(e.text, e.depth) for e in sections][2:] == [
        ("ACT THREE", 1),  # upper case after # is still a section, not a cue
        ("ACT FOUR", 1),
        ("5", 1),
        ("Level 2", 2),
        ("Level 3", 3),
    ]


def test_nyousefi_sections_and_synopses_need_no_blank_line_between() -> None:
    text = (NYOUSEFI / "Sections-Complex.fountain").read_text(encoding="utf-8")
    assert [(e.kind.value, e.text, e.depth) for e in fountain.parse(text).elements] == [
        ("section", "Act 1", 1),
        ("synopsis", "Synopsis 1", 0),
        ("scene_heading", "INT. LOCATION - DAY", 0),
        ("section", "Act 2", 1),
        ("section", "Sequence 1", 2),
        ("scene_heading", "INT. LOCATION - DAY", 0),
    ]


def test_nyousefi_brick_and_steel_copy_reads_like_ours() -> None:
    copy = fountain.parse((NYOUSEFI / "Brick-And-Steel.txt").read_text(encoding="utf-8"))
    ours_ = fountain.parse(
        (SCRIPTS / "short" / "brick-and-steel.fountain").read_text(encoding="utf-8")
    )
    assert (copy.title_page, copy.elements) == (ours_.title_page, ours_.elements)
