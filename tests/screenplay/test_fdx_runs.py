"""Styled runs and Fountain emphasis: each reads back as the other."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mosaico.screenplay.fdx_runs import (
    BOLD,
    ITALIC,
    UNDERLINE,
    runs_to_text,
    style_attribute,
    styles_of,
    text_to_runs,
)

B, IT, U = frozenset({BOLD}), frozenset({ITALIC}), frozenset({UNDERLINE})


def _runs(text: str) -> list[tuple[str, frozenset[str]]]:
    return [
        ("".join(text[p] for p in piece.positions), piece.styles) for piece in text_to_runs(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "a _b_ c",
        "***both***",
        "*a **b** c*",
        "**a *b***",
        "***a* b**",
        "_Steel's face FILLS the *Leupold Mark 4* scope_.",
        "_**THE END**_",
        "No Dad, _I_ do not. Not after a _thousand_ _times_.",
        "5 * 3 * 2",
        "*unclosed and lonely",
        "sign here: ________",
    ],
)
def test_element_text_survives_runs_and_back(text: str) -> None:
    assert runs_to_text(_runs(text))[0] == text


def test_markers_pair_like_markdown() -> None:
    assert _runs("*a **b** c*") == [("a ", IT), ("b", IT | B), (" c", IT)]
    assert _runs("x ** y") == [("x ** y", frozenset())]  # a marker between spaces is text
    assert _runs("file_name_here") == [("file", frozenset()), ("name", U), ("here", frozenset())]
    assert _runs("sign ____ here") == [("sign ____ here", frozenset())]
    assert _runs("*two\nlines*") == [("two\nlines", IT)]  # a pair may span lines


def test_escaped_markers_are_text() -> None:
    assert _runs(r"a \*b\* c") == [("a *b* c", frozenset())]


def test_spans_point_at_each_runs_characters() -> None:
    text, spans = runs_to_text([("Stop ", B), ("now", frozenset()), ("!", U)])
    assert text == "**Stop** now_!_"
    assert [text[start:end] for start, end in spans] == ["Stop", "now", "!"]


def test_style_attribute_reads_and_writes_final_drafts_names() -> None:
    assert styles_of("Bold+Underline+AllCaps") == B | U
    assert styles_of("") == frozenset()
    assert style_attribute(U | B | IT) == "Bold+Italic+Underline"


_RUN_TEXT = st.text(alphabet="ab *_\\\n", min_size=1, max_size=8)
_STYLES = st.frozensets(st.sampled_from([BOLD, ITALIC, UNDERLINE]))


@given(st.lists(st.tuples(_RUN_TEXT, _STYLES), max_size=6))
def test_any_runs_read_back_with_the_same_text_and_visible_styles(
    runs: list[tuple[str, frozenset[str]]],
) -> None:
    text, _ = runs_to_text(runs)
    back = _runs(text)
    assert "".join(part for part, _ in back) == "".join(part for part, _ in runs)
    visible = [styles for part, styles in runs for char in part if not char.isspace()]
    assert [styles for part, styles in back for char in part if not char.isspace()] == visible
