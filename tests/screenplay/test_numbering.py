"""Locked scene numbers: inserted scenes lettered in each style, omitted ones kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.numbering import (
    NumberingError,
    NumberStyle,
    Slot,
    apply_numbers,
    fill_numbers,
    parse_label,
    sort_key,
)
from mosaico.screenplay.scenes import split_scenes

S = NumberStyle


@pytest.mark.parametrize(
    ("slots", "style", "expected"),
    [
        (["11", "12", None, None, "13"], S.SUFFIX, ["11", "12", "12A", "12B", "13"]),
        ([None, None, "1", "2"], S.SUFFIX, ["A1", "B1", "1", "2"]),
        (["12", "12A", None, "12B"], S.SUFFIX, ["12", "12A", "12AA", "12B"]),
        (["12", "12B", None, "12C"], S.SUFFIX, ["12", "12B", "12BA", "12C"]),
        (["12", "12B", None, "12C"], S.DOUBLE, ["12", "12B", "12BB", "12C"]),
        (["11", None, None, "12"], S.PREFIX, ["11", "A12", "B12", "12"]),
        (["A12", None, "12"], S.PREFIX, ["A12", "B12", "12"]),
        (["12", None], S.PREFIX, ["12", "12A"]),
        ([None, "1"], S.PREFIX, ["A1", "1"]),
        # A moved scene keeps its number; the insert after it takes letters after it.
        (["12", None, "5", None, "6"], S.SUFFIX, ["12", "12A", "5", "5A", "6"]),
    ],
)
def test_inserted_scenes_are_lettered(
    slots: list[str | None], style: NumberStyle, expected: list[str]
) -> None:
    assert fill_numbers(slots, style) == expected


def test_a_letter_already_used_is_skipped() -> None:
    # 12A was omitted earlier and stays in the script: the new scene gets 12B.
    assert fill_numbers(["12", "12A", None, "13"], S.SUFFIX) == ["12", "12A", "12B", "13"]


def test_past_z_the_styles_differ() -> None:
    slots: list[str | None] = ["1", *[None] * 28, "2"]
    suffix = fill_numbers(slots, S.SUFFIX)
    double = fill_numbers(slots, S.DOUBLE)
    assert suffix[26:29] == ["1Z", "1ZA", "1ZB"]
    assert double[26:29] == ["1Z", "1ZZ", "1ZZZ"]


def test_labels_sort_the_trade_way() -> None:
    labels = ["13", "12AA", "A12", "12", "12B", "B12", "12A", "A13"]
    assert sorted(labels, key=sort_key) == ["A12", "B12", "12", "12A", "12AA", "12B", "A13", "13"]
    assert parse_label("12a") is not None and str(parse_label("12a")) == "12A"
    assert parse_label("12.1") is None


def test_an_unparsable_locked_number_is_refused_naming_the_scene() -> None:
    with pytest.raises(NumberingError, match=r"scene 2: '7\.5'"):
        fill_numbers(["7", "7.5", None], S.SUFFIX)


def test_no_room_between_a_number_and_its_first_letter() -> None:
    with pytest.raises(NumberingError, match="no scene number is free between 12 and 12A"):
        fill_numbers(["12", None, "12A"], S.SUFFIX)


@given(
    st.lists(st.booleans(), min_size=1, max_size=40),
    st.sampled_from(list(NumberStyle)),
)
def test_numbers_are_unique_and_in_order_whatever_is_inserted(
    inserted: list[bool], style: NumberStyle
) -> None:
    locked = iter(range(1, 100))
    slots = [None if new else str(next(locked)) for new in inserted]
    if all(slot is None for slot in slots):
        slots.append("1")
    numbers = fill_numbers(slots, style)
    assert len(set(numbers)) == len(numbers)
    assert numbers == sorted(numbers, key=sort_key)
    assert [n for n, s in zip(numbers, slots, strict=True) if s] == [s for s in slots if s]


def test_apply_numbers_puts_omitted_headings_in_place() -> None:
    script = Screenplay(
        elements=(
            Element(ElementType.ACTION, "FADE IN:"),
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY"),
            Element(ElementType.ACTION, "Marta peels onions."),
            Element(ElementType.SCENE_HEADING, "EXT. YARD - DAY"),
            Element(ElementType.ACTION, "Dogs bark."),
        )
    )
    out = apply_numbers(script, [Slot("1", 1), Slot("2", None, "INT. HALL - DAY"), Slot("3", 2)])
    scenes = split_scenes(out)
    assert [(s.number, s.omitted) for s in scenes] == [("1", False), ("2", True), ("3", False)]
    assert out.elements[0].text == "FADE IN:"
    assert out.elements[3].text == "OMITTED"
    with pytest.raises(NumberingError, match="every scene"):
        apply_numbers(script, [Slot("1", 2), Slot("2", 1)])


def test_a_files_own_tags_follow_their_paragraphs() -> None:
    from mosaico.screenplay.model import Tag
    from mosaico.screenplay.numbering import splice

    script = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY"),
            Element(ElementType.ACTION, "Marta peels onions."),
            Element(ElementType.SCENE_HEADING, "EXT. YARD - DAY"),
            Element(ElementType.ACTION, "A red PICKUP idles."),
        ),
        tags=(Tag("Vehicles", "PICKUP", 3, 6, 12), Tag("Props", "ONIONS", 1, 12, 18)),
    )
    out = apply_numbers(script, [Slot("1", 1), Slot("1A", None), Slot("2", 2)])
    for tag in out.tags:
        assert out.elements[tag.element].text[tag.start : tag.end].upper() == tag.name
    # Replacing the first scene's action by two paragraphs moves the later tag by one.
    spliced = splice(
        out, 1, 2, [Element(ElementType.ACTION, "Quiet."), Element(ElementType.ACTION, "Rain.")]
    )
    assert [(t.name, t.element) for t in spliced.tags] == [("PICKUP", 5)]
    assert spliced.elements[5].text == "A red PICKUP idles."
