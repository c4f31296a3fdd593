"""Pagination: the page as it prints, its break rules, and page counts against afterwriting."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SCRIPTS
from mosaico.screenplay import fountain
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.paginate import (
    LINE_WIDTH,
    LINES_PER_PAGE,
    LaidOutLine,
    LineFlag,
    Page,
    Paper,
    paginate,
)

K = ElementType

# afterwriting 1.17.3's page counts from the data README (Letter, A4), no title page.
AFTERWRITING = {
    "full-length/big-fish.fountain": (121, 118),
    "full-length/big-fish.curly-quotes.fountain": (121, 118),
    "full-length/charade-1963.fountain": (161, 164),
    "short/brick-and-steel.fountain": (3, 3),
    "short/the-last-birthday-card.fountain": (19, 19),
    "short/my-living-memory.fountain": (15, 14),
    "short/printing-trouble.fountain": (11, 11),
}


def _parse(relative: str) -> Screenplay:
    path = SCRIPTS / relative
    return fountain.parse(path.read_text(encoding="utf-8"), path.name)


def _texts(page: Page) -> list[str]:
    return [line.text for line in page.lines if line is not None]


def _printed(page: Page) -> list[LaidOutLine]:
    return [line for line in page.lines if line is not None]


@pytest.mark.parametrize("relative", sorted(AFTERWRITING))
@pytest.mark.parametrize("paper", list(Paper))
def test_page_counts_within_one_of_afterwriting(relative: str, paper: Paper) -> None:
    letter, a4 = AFTERWRITING[relative]
    expected = letter if paper is Paper.LETTER else a4
    layout = paginate(_parse(relative), paper)
    assert abs(layout.page_count - expected) <= 1
    assert all(len(page.lines) <= LINES_PER_PAGE[paper] for page in layout.pages)
    assert [page.number for page in layout.pages] == list(range(1, layout.page_count + 1))
    # Nothing runs into the right margin.
    widest = max(
        line.indent + len(line.text.replace("*", "").replace("_", ""))
        for page in layout.pages
        for line in _printed(page)
    )
    assert widest <= LINE_WIDTH[paper]


def test_big_fish_has_190_scenes_in_order_with_pages_that_never_go_back() -> None:
    screenplay = _parse("full-length/big-fish.fountain")
    layout = paginate(screenplay)
    assert len(layout.scenes) == 190
    assert all(screenplay.elements[s.heading_index].kind is K.SCENE_HEADING for s in layout.scenes)
    pages = [scene.page for scene in layout.scenes]
    assert pages == sorted(pages) and pages[-1] == layout.page_count
    # Each scene's eighths come from its lines; the total is their sum, not pages x 8.
    assert layout.total_eighths.value == sum(s.eighths.value for s in layout.scenes)
    assert layout.total_eighths.value >= layout.page_count * 8 - 8


def test_lines_break_at_the_column_widths_of_the_trade() -> None:
    words = " ".join(["word"] * 40)  # 199 characters
    elements = (
        Element(K.ACTION, words),
        Element(K.CHARACTER, "ÉRIKA", extension="(V.O.)"),
        Element(K.PARENTHETICAL, "(" + " ".join(["softly"] * 8) + ")"),
        Element(K.DIALOGUE, words),
        Element(K.TRANSITION, "CUT TO:"),
        Element(K.CENTERED, "THE END"),
    )
    for paper, dialogue_width, full in ((Paper.LETTER, 36, 61), (Paper.A4, 35, 59)):
        lines = _printed(paginate(Screenplay(elements=elements), paper).pages[0])
        by_kind: dict[K, list[LaidOutLine]] = {}
        for line in lines:
            by_kind.setdefault(line.kind, []).append(line)
        assert max(len(line.text) for line in by_kind[K.ACTION]) == 59  # 12 words
        assert {line.indent for line in by_kind[K.ACTION]} == {0}
        assert [(c.text, c.indent) for c in by_kind[K.CHARACTER]] == [("ÉRIKA (V.O.)", 22)]
        assert {line.indent for line in by_kind[K.PARENTHETICAL]} == {16}
        assert max(len(line.text) for line in by_kind[K.PARENTHETICAL]) <= 26
        assert {line.indent for line in by_kind[K.DIALOGUE]} == {10}
        assert max(len(line.text) for line in by_kind[K.DIALOGUE]) <= dialogue_width
        assert len(by_kind[K.DIALOGUE]) == -(-40 // ((dialogue_width + 1) // 5))  # 40 words
        (transition,) = by_kind[K.TRANSITION]
        assert transition.indent + len(transition.text) == full  # right-aligned
        (centred,) = by_kind[K.CENTERED]
        assert centred.indent == (full - 7) // 2


def test_blank_lines_part_paragraphs_but_not_a_cue_from_its_speech() -> None:
    elements = (
        Element(K.SCENE_HEADING, "INT. COCINA - NOCHE", scene_number="12A"),
        Element(K.ACTION, "Doña Chayo cuts onions."),
        Element(K.CHARACTER, "DOÑA CHAYO"),
        Element(K.PARENTHETICAL, "(sin mirar)"),
        Element(K.DIALOGUE, "Siéntate."),
        Element(K.TRANSITION, "CUT TO:"),
    )
    (page,) = paginate(Screenplay(elements=elements)).pages
    kinds = [None if line is None else line.kind for line in page.lines]
    assert kinds == [
        K.SCENE_HEADING, None, K.ACTION, None, K.CHARACTER, K.PARENTHETICAL, K.DIALOGUE,
        None, K.TRANSITION,
    ]  # fmt: skip
    heading = page.lines[0]
    assert heading is not None and heading.scene_number == "12A"
    assert heading.text == "INT. COCINA - NOCHE"


def test_a_scene_number_goes_beside_the_first_line_of_a_long_heading_only() -> None:
    heading = Element(K.SCENE_HEADING, "EXT. " + "VERY LONG PLACE " * 6 + "- DAY", scene_number="7")
    (page,) = paginate(Screenplay(elements=(heading,))).pages
    numbers = [line.scene_number for line in _printed(page)]
    assert numbers == ["7", None]


def test_notes_sections_and_synopses_take_no_room() -> None:
    elements = (
        Element(K.SECTION, "Act one", depth=1),
        Element(K.SYNOPSIS, "She arrives."),
        Element(K.SCENE_HEADING, "INT. A - DAY"),
        Element(K.NOTE, "check the date"),
        Element(K.ACTION, "She arrives."),
    )
    (page,) = paginate(Screenplay(elements=elements)).pages
    assert _texts(page) == ["INT. A - DAY", "She arrives."]


def _filler(lines: int) -> tuple[Element, ...]:
    """One-line action paragraphs taking exactly ``lines`` lines (odd) with their blanks."""
    assert lines % 2 == 1
    return tuple(Element(K.ACTION, f"Line {n}.") for n in range(lines // 2 + 1))


def test_a_heading_is_never_left_at_the_foot_of_a_page() -> None:
    elements = (
        *_filler(51),
        Element(K.SCENE_HEADING, "INT. B - NIGHT"),  # would sit on line 53
        Element(K.ACTION, "\n".join(["Held."] * 5)),
    )
    first, second = paginate(Screenplay(elements=elements)).pages
    assert _printed(first)[-1].kind is K.ACTION
    assert _texts(second)[0] == "INT. B - NIGHT"


def test_a_heading_keeps_at_least_two_lines_of_a_long_action_with_it() -> None:
    elements = (
        *_filler(49),
        Element(K.SCENE_HEADING, "INT. B - NIGHT"),  # line 51, blank 52, room for 3
        Element(K.ACTION, "\n".join(f"Step {n}." for n in range(6))),
    )
    first, second = paginate(Screenplay(elements=elements)).pages
    assert _texts(first)[-4:] == ["INT. B - NIGHT", "Step 0.", "Step 1.", "Step 2."]
    assert _texts(second) == ["Step 3.", "Step 4.", "Step 5."]


def test_action_splits_with_two_lines_on_each_side_or_moves_whole() -> None:
    two = Element(K.ACTION, "a\nb")
    three = Element(K.ACTION, "One.\nTwo.\nThree.")
    first, second = paginate(Screenplay(elements=(*_filler(49), two, three))).pages
    assert len(first.lines) == 52  # two lines were free: a 3-line paragraph cannot split 2 + 2
    assert _texts(second) == ["One.", "Two.", "Three."]


def test_action_splits_after_a_sentence_when_it_can() -> None:
    text = "One.\nTwo.\nthen a run\non and on\nand on\nand on.\nEnd."
    first, second = paginate(Screenplay(elements=(*_filler(49), Element(K.ACTION, text)))).pages
    # Five lines are free, but the last sentence that ends with two lines on each side
    # ends after "Two.", so the page ends there and 3 lines stay empty.
    assert _texts(first)[-2:] == ["One.", "Two."] and len(first.lines) == 52
    assert _texts(second) == ["then a run", "on and on", "and on", "and on.", "End."]


def test_action_with_no_sentence_end_splits_at_the_last_line_that_fits() -> None:
    text = "\n".join(f"step {n}" for n in range(8))
    first, second = paginate(Screenplay(elements=(*_filler(49), Element(K.ACTION, text)))).pages
    assert len(first.lines) == 55 and _texts(second)[0] == "step 5"


def test_dialogue_split_across_pages_gets_more_and_contd() -> None:
    speech = "\n".join(f"Sentence number {n}." for n in range(12))
    elements = (
        *_filler(45),
        Element(K.CHARACTER, "ÉRIKA", extension="(V.O.)"),
        Element(K.DIALOGUE, speech),
    )
    first, second = paginate(Screenplay(elements=elements)).pages
    foot, top = _printed(first), _printed(second)
    assert (foot[-1].text, foot[-1].flag, foot[-1].indent) == ("(MORE)", LineFlag.MORE, 22)
    assert (top[0].text, top[0].flag, top[0].indent) == (
        "ÉRIKA (V.O.) (CONT'D)",
        LineFlag.CONTD,
        22,
    )
    said = [line.text for line in foot + top if line.kind is K.DIALOGUE]
    assert said == speech.split("\n")  # nothing lost, nothing repeated
    assert len(first.lines) == 55


def test_a_speech_longer_than_a_page_continues_on_every_page() -> None:
    speech = " ".join(["Words keep coming and coming."] * 200)
    elements = (
        Element(K.SCENE_HEADING, "INT. A - DAY"),
        Element(K.CHARACTER, "ÉRIKA"),
        Element(K.DIALOGUE, speech),
    )
    pages = paginate(Screenplay(elements=elements)).pages
    assert len(pages) >= 3
    assert all(len(page.lines) <= 55 for page in pages)
    for before, after in itertools.pairwise(pages):
        assert _texts(before)[-1] == "(MORE)" and _texts(after)[0] == "ÉRIKA (CONT'D)"
    spoken = " ".join(
        line.text for page in pages for line in _printed(page) if line.kind is K.DIALOGUE
    )
    assert spoken == speech


def test_no_lone_parenthetical_or_cue_at_the_foot_of_a_page() -> None:
    elements = (
        *_filler(49),
        Element(K.CHARACTER, "LUPE"),
        Element(K.PARENTHETICAL, "(beat)"),
        Element(K.DIALOGUE, "\n".join(["No."] * 6)),
    )
    first, second = paginate(Screenplay(elements=elements)).pages
    last = _printed(first)[-1]
    assert last.kind is K.ACTION or last.flag is LineFlag.MORE
    assert not any(
        a.kind is K.PARENTHETICAL and b.flag is LineFlag.MORE
        for a, b in zip(_printed(first), _printed(first)[1:], strict=False)
    )
    assert _texts(second)[0].startswith("LUPE")


def test_a_page_break_starts_a_new_page() -> None:
    elements = (
        Element(K.ACTION, "One."),
        Element(K.PAGE_BREAK),
        Element(K.ACTION, "Two."),
        Element(K.PAGE_BREAK),
        Element(K.PAGE_BREAK),  # a second break in a row makes no empty page
        Element(K.ACTION, "Three."),
    )
    pages = paginate(Screenplay(elements=elements)).pages
    assert [_texts(page) for page in pages] == [["One."], ["Two."], ["Three."]]


def test_a_paragraph_longer_than_a_page_is_cut_at_the_foot() -> None:
    giant = Element(K.CENTERED, "\n".join(["ECHO"] * 120))  # centred text cannot split
    pages = paginate(Screenplay(elements=(giant,)), Paper.A4).pages
    assert [len(page.lines) for page in pages] == [57, 57, 6]


def test_emphasis_markers_take_no_width() -> None:
    text = "**" + " ".join(["bold"] * 11) + "** tail"  # 59 printed characters + 4 markers
    (page,) = paginate(Screenplay(elements=(Element(K.ACTION, text),))).pages
    assert _texts(page) == [text]


_TEXT = st.text(alphabet=st.sampled_from("abcdefghij ÁÉñ.,!?\n"), min_size=1, max_size=400).filter(
    lambda t: t.strip()
)
_ELEMENT = st.one_of(
    st.builds(lambda t: Element(K.SCENE_HEADING, "INT. " + t.replace("\n", " ")), _TEXT),
    st.builds(lambda t: Element(K.ACTION, t), _TEXT),
    st.builds(lambda t: Element(K.CHARACTER, t.replace("\n", " ")[:30].upper() or "X"), _TEXT),
    st.builds(lambda t: Element(K.PARENTHETICAL, f"({t})"), _TEXT),
    st.builds(lambda t: Element(K.DIALOGUE, t), _TEXT),
    st.builds(lambda t: Element(K.TRANSITION, t.upper()[:20]), _TEXT),
    st.just(Element(K.PAGE_BREAK)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ELEMENT, max_size=60), st.sampled_from(list(Paper)))
def test_any_script_fits_its_pages_and_keeps_every_word(
    elements: list[Element], paper: Paper
) -> None:
    screenplay = Screenplay(elements=tuple(elements))
    layout = paginate(screenplay, paper)
    assert all(len(page.lines) <= LINES_PER_PAGE[paper] for page in layout.pages)
    assert all(page.lines[0] is not None for page in layout.pages if page.lines)
    printed: dict[int, list[str]] = {}
    for page in layout.pages:
        for line in _printed(page):
            if line.flag is None:
                printed.setdefault(line.element_index, []).append(line.text)
    for index, element in enumerate(elements):
        if element.kind is K.PAGE_BREAK:
            continue
        expected = element.text.upper() if element.kind is not K.ACTION else element.text
        if element.kind in (K.DIALOGUE, K.PARENTHETICAL):
            expected = element.text
        assert "".join("".join(printed[index]).split()) == "".join(expected.split())
    headings = [i for i, e in enumerate(elements) if e.kind is K.SCENE_HEADING]
    assert [scene.heading_index for scene in layout.scenes] == headings
    assert all(scene.eighths.value >= 1 for scene in layout.scenes)


def test_corpus_layouts_are_the_same_every_time(tmp_path: Path) -> None:
    screenplay = _parse("short/brick-and-steel.fountain")
    assert paginate(screenplay) == paginate(screenplay)
