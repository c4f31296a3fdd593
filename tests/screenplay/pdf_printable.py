"""What of a screenplay survives paper, for comparing a script with its PDF read back."""

from __future__ import annotations

from mosaico.screenplay.fdx_runs import text_to_runs
from mosaico.screenplay.fountain import HEADING
from mosaico.screenplay.model import Element, ElementType

K = ElementType
# Never printed, so a PDF cannot give them back.
UNPRINTED = {K.NOTE, K.SECTION, K.SYNOPSIS, K.PAGE_BREAK}
Printable = tuple[str, str, str | None, str | None]


def styled_words(text: str) -> str:
    """The words as printed, each with the emphasis it prints in.

    Emphasis is compared as it prints (the PDF pairs markers across a paragraph's
    lines, so line breaks count as spaces); underline is a drawn line, not a
    font, so it cannot come back.
    """
    flat = " ".join(text.split("\n"))
    chars = [
        (flat[position], "+".join(sorted(piece.styles - {"Underline"})))
        for piece in text_to_runs(flat)
        for position in piece.positions
    ]
    words: list[str] = []
    current: list[tuple[str, str]] = []
    for char, styles in [*chars, (" ", "")]:
        if not char.isspace():
            current.append((char, styles))
        elif current:
            kinds = {styles for _, styles in current}
            word = "".join(char for char, _ in current)
            if kinds == {""}:
                words.append(word)
            elif len(kinds) == 1:
                words.append(f"{word}<{kinds.pop()}>")
            else:
                words.append("".join(f"{char}<{styles}>" for char, styles in current))
            current = []
    return " ".join(words)


def printable(elements: tuple[Element, ...]) -> list[Printable]:
    """Kinds, words with their emphasis, scene numbers and cue extensions.

    Also lost on paper, so normalised here: lyrics print like dialogue; a heading
    without INT/EXT and without a scene number prints like action; two action
    paragraphs on either side of a page break can look like one paragraph
    continued, so consecutive actions are compared as one run of words; dual
    dialogue prints as two speeches.
    """
    out: list[Printable] = []
    for element in elements:
        if element.kind in UNPRINTED:
            continue
        kind = K.DIALOGUE if element.kind is K.LYRICS else element.kind
        if kind is K.SCENE_HEADING and not element.scene_number and not HEADING.match(element.text):
            kind = K.ACTION
        words = styled_words(element.text)
        if kind is K.ACTION and out and out[-1][0] == K.ACTION.value:
            out[-1] = (K.ACTION.value, f"{out[-1][1]} {words}", None, None)
        elif words or kind is not K.ACTION:
            out.append((kind.value, words, element.scene_number, element.extension))
    return out
