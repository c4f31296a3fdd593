"""Writing Fountain: what the writer emits reads back to the same elements."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mosaico.screenplay import fountain
from mosaico.screenplay.model import DualSide, Element, ElementType, Screenplay, TitleEntry

K = ElementType


def round_trip(*elements: Element) -> tuple[str, tuple[Element, ...]]:
    text = fountain.write(Screenplay(elements=elements))
    return text, fountain.parse(text).elements


def test_plain_elements_are_written_plainly() -> None:
    text, again = round_trip(
        Element(K.SCENE_HEADING, "INT. HOUSE - DAY", scene_number="12A"),
        Element(K.ACTION, "Rain."),
        Element(K.CHARACTER, "ÉRIKA", extension="(V.O.)"),
        Element(K.PARENTHETICAL, "(quietly)"),
        Element(K.DIALOGUE, "Ya.\n\nYa llegó."),
        Element(K.TRANSITION, "CUT TO:"),
    )
    assert text == (
        "INT. HOUSE - DAY #12A#\n\nRain.\n\nÉRIKA (V.O.)\n(quietly)\nYa.\n  \nYa llegó.\n\nCUT TO:\n"
    )
    assert len(again) == 6


def test_elements_that_would_be_misread_are_forced() -> None:
    text, _ = round_trip(
        Element(K.SCENE_HEADING, "SNIPER SCOPE POV"),
        Element(K.ACTION, "BANG\nBANG"),  # upper case over a line: would be a cue
        Element(K.ACTION, "INT. is short for interior."),  # would be a heading
        Element(K.CHARACTER, "McCLANE"),  # mixed case: would be action
        Element(K.DIALOGUE, "Yippee."),
        Element(K.TRANSITION, "Burn to white."),  # no TO: would be action
        Element(K.ACTION, "FADE TO:"),  # would be a transition
    )
    assert text.split("\n\n") == [
        ".SNIPER SCOPE POV",
        "!BANG\nBANG",
        "!INT. is short for interior.",
        "@McCLANE\nYippee.",
        "> Burn to white.",
        "!FADE TO:\n",
    ]


def test_dual_dialogue_and_lyrics_in_a_speech() -> None:
    elements = (
        Element(K.CHARACTER, "BRICK", dual=DualSide.LEFT),
        Element(K.DIALOGUE, "Screw retirement."),
        Element(K.CHARACTER, "STEEL", dual=DualSide.RIGHT),
        Element(K.LYRICS, "La la"),
        Element(K.LYRICS, "Lo lo"),
    )
    text, again = round_trip(*elements)
    assert "STEEL ^" in text
    assert again == elements


def test_title_page_with_multi_line_values() -> None:
    screenplay = Screenplay(
        title_page=(TitleEntry("Title", "Somos"), TitleEntry("Contact", "Ana\nMéxico")),
        elements=(Element(K.ACTION, "Title: not a key down here."),),
    )
    again = fountain.parse(fountain.write(screenplay))
    assert (again.title_page, again.elements) == (screenplay.title_page, screenplay.elements)


# --- property: any stream Fountain can say comes back unchanged --------------------------

_ALPHABET = "abcxyz ÁÉÑáéñ.,?!:'*_\\-()#=>~<@^ABCXYZ123\t"
_line = st.text(alphabet=_ALPHABET, min_size=1, max_size=25).filter(lambda t: t.strip() == t)
_name = (
    st.text(alphabet="ABCXYZÉÑ 12'.-@(^", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda t: any(c.isalpha() for c in t) and "(" not in t and "^" not in t)
)


def _speakable(line: str) -> bool:
    """Not a parenthetical or lyric line, which Fountain cannot say as dialogue."""
    return not (line.startswith("(") and line.endswith(")")) and not line.startswith("~")


def _action_line(line: str) -> bool:
    """Not a lyric line or a page break, which end an action paragraph."""
    return not line.startswith("~") and not set(line) <= set("= ")


@st.composite
def _block(draw: st.DrawFn) -> list[Element]:
    kinds = "heading action speech dual transition centered section synopsis note lyrics page"
    choice = draw(st.sampled_from(kinds.split()))
    if choice == "heading":
        prefix = draw(st.sampled_from(["INT. ", "EXT. ", "I/E ", "int. ", "EST. ", ""]))
        body = draw(_line.filter(lambda t: t[0] not in ". " and not t.endswith("#")))
        number = draw(st.none() | st.sampled_from(["1", "12A", "A1", "I-1-A"]))
        return [Element(K.SCENE_HEADING, prefix + body, scene_number=number)]
    if choice == "action":
        lines = draw(st.lists(_line.filter(_action_line) | st.just(""), min_size=1, max_size=3))
        return [Element(K.ACTION, "\n".join(lines).strip("\n") or "x")]
    if choice == "transition":  # one ending in "<" would be centred text
        return [Element(K.TRANSITION, draw(_line.filter(lambda t: not t.endswith("<"))))]
    if choice in ("centered", "synopsis", "note", "lyrics"):
        kind = {"centered": K.CENTERED, "synopsis": K.SYNOPSIS, "note": K.NOTE}
        return [Element(kind.get(choice, K.LYRICS), draw(_line.filter(lambda t: "]]" not in t)))]
    if choice == "section":
        return [Element(K.SECTION, draw(_line), depth=draw(st.integers(1, 3)))]
    if choice == "page":
        return [Element(K.PAGE_BREAK)]
    extension = draw(st.none() | st.sampled_from(["(V.O.)", "(cont’d)", "(O.S.) (CONT'D)"]))
    side = DualSide.LEFT if choice == "dual" else None
    speech = [Element(K.CHARACTER, draw(_name), extension=extension, dual=side)]
    if draw(st.booleans()):
        speech.append(Element(K.PARENTHETICAL, "(" + draw(_line) + ")"))
    lines = draw(st.lists(_line.filter(_speakable) | st.just(""), min_size=1, max_size=3))
    speech.append(Element(K.DIALOGUE, "\n".join(lines).strip("\n") or "y"))
    if choice == "dual":
        speech += [
            Element(K.CHARACTER, draw(_name), dual=DualSide.RIGHT),
            Element(K.DIALOGUE, draw(_line.filter(_speakable))),
        ]
    return speech


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block(), min_size=1, max_size=10))
def test_writer_output_reads_back_to_the_same_elements(blocks: list[list[Element]]) -> None:
    screenplay = Screenplay(elements=tuple(e for block in blocks for e in block))
    assert fountain.parse(fountain.write(screenplay)).elements == screenplay.elements
