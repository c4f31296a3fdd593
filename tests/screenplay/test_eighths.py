"""``Eighths``: the unit of a stripboard, shown the way a 1st AD writes it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mosaico.screenplay.eighths import Eighths, total


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (1, "1/8"), (7, "7/8"), (8, "1"), (11, "1 3/8"), (16, "2"), (43, "5 3/8")],
)
def test_shown_as_whole_pages_and_eighths(value: int, shown: str) -> None:
    assert str(Eighths(value)) == shown


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 3/8", 11), ("3/8", 3), ("2", 16), ("0", 0), (" 1  3 / 8 ", 11), ("0/8", 0)],
)
def test_parsed_from_what_people_write(text: str, value: int) -> None:
    assert Eighths.parse(text) == Eighths(value)


@pytest.mark.parametrize("text", ["", "   ", "3/4", "8/8", "1 9/8", "one", "-1", "1.5", "3/"])
def test_anything_else_is_refused_with_the_text_in_the_message(text: str) -> None:
    with pytest.raises(ValueError, match="not a length in eighths"):
        Eighths.parse(text)


def test_a_length_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        Eighths(-1)


def test_pages_and_remainder() -> None:
    length = Eighths(19)
    assert (length.pages, length.remainder) == (2, 3)


def test_totals_add_eighths() -> None:
    assert total([Eighths(3), Eighths(7), Eighths(11)]) == Eighths(21)
    assert str(total([Eighths(3), Eighths(7), Eighths(11)])) == "2 5/8"
    assert Eighths(3) + Eighths(5) == Eighths(8)
    assert total([]) == Eighths(0)


def test_ordered_by_length() -> None:
    assert sorted([Eighths(9), Eighths(1), Eighths(8)]) == [Eighths(1), Eighths(8), Eighths(9)]
    assert Eighths(2) < Eighths(3) <= Eighths(3)


@given(st.integers(min_value=0, max_value=100_000))
def test_what_is_shown_parses_back(value: int) -> None:
    assert Eighths.parse(str(Eighths(value))) == Eighths(value)
