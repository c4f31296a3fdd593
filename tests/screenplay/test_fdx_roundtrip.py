"""Fountain → FDX → elements, on the corpus; and FDX files from other programs against their Fountain twins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SCRIPTS
from mosaico.screenplay import fountain
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx import parse_fdx, write_fdx
from mosaico.screenplay.model import Element, ElementType

E = ElementType
DEMO_SERIES = Path(__file__).resolve().parents[2] / "src" / "mosaico" / "demo" / "series"
CORPUS = [
    *sorted((SCRIPTS / "full-length").glob("*.fountain")),
    *sorted((SCRIPTS / "short").glob("*.fountain")),
    *sorted(DEMO_SERIES.glob("*.fountain")),  # Spanish, with an Episode key on the title page
]


def _read_fountain(path: Path) -> tuple[Element, ...]:
    return fountain.parse(path.read_text(encoding="utf-8-sig"), path.name).elements


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: Path(path).name)
def test_fountain_to_fdx_gives_the_same_elements(path: Path) -> None:
    original = fountain.parse(path.read_text(encoding="utf-8-sig"), path.name)
    assert original.elements  # the corpus file was read
    assert len(CORPUS) >= 13
    headings = sum(1 for e in original.elements if e.kind is E.SCENE_HEADING)
    lengths = [(Eighths(3), page) for page in range(1, headings + 1)]
    again = parse_fdx(write_fdx(original, scene_lengths=lengths), path.name)
    assert again.elements == original.elements
    assert again.warnings == ()
    # Final Draft's title page has no keys: they come back by place, in canonical case.
    assert {e.key.casefold(): e.value for e in again.title_page} == {
        e.key.casefold(): e.value for e in original.title_page
    }
    # And back to Fountain text, which reads as the same elements once more.
    assert fountain.parse(fountain.write(again)).elements == original.elements


CONFORMANCE = sorted((SCRIPTS / "conformance").glob("**/*.fountain"))


@pytest.mark.parametrize("path", CONFORMANCE, ids=lambda path: Path(path).name)
def test_every_fountain_fixture_survives_fdx(path: Path) -> None:
    # Sections six deep, escaped markers, dual dialogue, notes, boneyard leftovers…
    original = _read_fountain(path)
    assert parse_fdx(write_fdx(fountain.parse(path.read_text(encoding="utf-8-sig")))).elements == (
        original
    )


# Each FDX that another program wrote, with its Fountain twin and what is really
# different between the two (the Fountain side is adjusted by the function).


def _without(*kinds: ElementType) -> Callable[[list[Element]], list[Element]]:
    def adjust(elements: list[Element]) -> list[Element]:
        return [e for e in elements if e.kind not in kinds]

    return adjust


def _same(elements: list[Element]) -> list[Element]:
    return elements


def _forced_centred_action(elements: list[Element]) -> list[Element]:
    # The twin writes `!>THE END.<`: forced action whose text keeps the `>` `<`;
    # Final Draft has a centred action paragraph.
    return [Element(E.CENTERED, e.text[1:-1]) if e.text == ">THE END.<" else e for e in elements]


def _fade_in_as_action(elements: list[Element]) -> list[Element]:
    # The twin forces `> FADE IN:` to a transition; the Final Draft file types it as action.
    return [replace(e, kind=E.ACTION) if e.text == "FADE IN:" else e for e in elements]


def _page_break_after_speech(elements: list[Element]) -> list[Element]:
    # The twin has `===` on the line right under a speech, so Fountain reads it as
    # a line of the dialogue; the Final Draft file starts the next scene on a new page.
    out: list[Element] = []
    for element in _forced_centred_action(elements):
        if element.kind is E.DIALOGUE and element.text.endswith("\n==="):
            out += [replace(element, text=element.text[: -len("\n===")]), Element(E.PAGE_BREAK)]
        else:
            out.append(element)
    return out


def _inline_note(elements: list[Element]) -> list[Element]:
    # Fountain's reader drops an inline `[[note]]` from the action; the FDX's
    # ScriptNote is kept as a note element after the action.
    return [*elements, Element(E.NOTE, "Note in action. Note. Note. Note.")]


TWINS: list[tuple[str, str, Callable[[list[Element]], list[Element]]]] = [
    # screenplain writes no sections or synopses.
    (
        "short/the-last-birthday-card.screenplain-export.fdx",
        "short/the-last-birthday-card.fountain",
        _without(E.SECTION, E.SYNOPSIS),
    ),
    ("short/brick-and-steel.screenplain-export.fdx", "short/brick-and-steel.fountain", _same),
    (
        "fdx-real/screenplay-tools-TestFDX-FD.fdx",
        "fdx-real/screenplay-tools-TestFDX-FD.fountain",
        _same,
    ),
    (
        "fdx-real/screenplay-tools-TestFDX-FI.fadein-export.fdx",
        "fdx-real/screenplay-tools-TestFDX-FI.fountain",
        _same,
    ),
    ("fdx-real/rsdoiel-sample-01.fdx", "fdx-real/rsdoiel-sample-01.fountain", _same),
    ("fdx-real/rsdoiel-sample-02.fdx", "fdx-real/rsdoiel-sample-02.fountain", _same),
    ("fdx-real/rsdoiel-sample-03.fdx", "fdx-real/rsdoiel-sample-03.fountain", _fade_in_as_action),
    (
        "fdx-real/rsdoiel-sample-04.fdx",
        "fdx-real/rsdoiel-sample-04.fountain",
        _forced_centred_action,
    ),
    (
        "fdx-real/rsdoiel-sample-05.fdx",
        "fdx-real/rsdoiel-sample-05.fountain",
        _forced_centred_action,
    ),
    (
        "fdx-real/rsdoiel-sample-06.fdx",
        "fdx-real/rsdoiel-sample-06.fountain",
        _page_break_after_speech,
    ),
    (
        "conformance/afterwriting-fdx-note.fdx",
        "conformance/afterwriting-fdx-note.fountain",
        _inline_note,
    ),
    (
        "conformance/afterwriting-fdx-header_note.fdx",
        "conformance/afterwriting-fdx-header_note.fountain",
        _same,
    ),
    (
        "conformance/afterwriting-fdx-synopsis.fdx",
        "conformance/afterwriting-fdx-synopsis.fountain",
        _same,
    ),
] + [
    (str(path.relative_to(SCRIPTS)), str(path.with_suffix(".fountain").relative_to(SCRIPTS)), _same)
    for path in sorted((SCRIPTS / "conformance" / "screenplain").glob("*.fdx"))
]


@pytest.mark.parametrize(("fdx", "twin", "adjust"), TWINS, ids=[twin[0] for twin in TWINS])
def test_fdx_from_other_programs_matches_its_fountain_twin(
    fdx: str, twin: str, adjust: Callable[[list[Element]], list[Element]]
) -> None:
    ours = parse_fdx((SCRIPTS / fdx).read_bytes(), fdx)
    expected = adjust(list(_read_fountain(SCRIPTS / twin)))
    assert list(ours.elements) == expected
    assert ours.warnings == ()


def test_big_fish_from_screenplain_matches_its_twin() -> None:
    ours = parse_fdx((SCRIPTS / "full-length" / "big-fish.screenplain-export.fdx").read_bytes())
    twin = _read_fountain(SCRIPTS / "full-length" / "big-fish.fountain")
    # screenplain writes no page breaks, and it writes the song's *…*, which
    # spans lines, as literal asterisks; mosaico keeps those as text (escaped).
    expected = [e for e in twin if e.kind is not E.PAGE_BREAK]
    unescaped = [replace(e, text=e.text.replace("\\*", "*")) for e in ours.elements]
    assert unescaped == expected
    escaped = [e.text for e in ours.elements if "\\*" in e.text]
    assert len(escaped) == 3
    assert all(text.endswith("\\*") and "\n" in text for text in escaped)


def test_consecutive_dialogue_paragraphs_are_one_speech() -> None:
    # screenplain writes a speech line by line, with an empty paragraph for a blank line.
    path = SCRIPTS / "conformance" / "screenplain" / "dialogue-with-blank-line.fdx"
    assert parse_fdx(path.read_bytes()).elements == (
        Element(E.CHARACTER, "DEALER"),
        Element(E.DIALOGUE, "Dealer gets a seven.\n\nHit or stand sir?"),
    )
