"""Writing Fountain: each element plainly where ``classify`` reads it back the same, forced otherwise.

``fountain.write`` is the public name; this module keeps the reader's module short.
"""

from __future__ import annotations

from mosaico.screenplay.fountain import KEEP_BLANK, MARKS, SPEECH, TITLE_KEY, classify, split_cue
from mosaico.screenplay.model import DualSide, Element, ElementType, Screenplay


def write_fountain(screenplay: Screenplay) -> str:
    """Fountain text that ``parse`` reads back to the same elements.

    Each element is written plainly when ``classify`` would read the plain form
    back as the same kind, and forced (``!``, ``@``, ``.``, ``>``) otherwise.
    What Fountain cannot say at all is written as close as it can be: text with
    ``[[ ]]`` or ``/* */`` in it, a dialogue line that looks like a parenthetical,
    an action line that starts with ``~`` or is a page break, a heading that starts
    with a dot or ends in ``#…#``, a transition that ends in ``<``, leading or
    trailing spaces on one-line kinds, two dialogues in a row, a cue with no
    speech after it, and speech elements that follow no cue.
    """
    out: list[str] = []
    for entry in screenplay.title_page:
        value_lines = entry.value.split("\n") if entry.value else []
        if len(value_lines) <= 1:
            out.append(f"{entry.key}: {entry.value}".rstrip())
        else:
            out.append(f"{entry.key}:")
            out.extend(f"    {value}" for value in value_lines)
    if screenplay.title_page:
        out.append("")
    in_speech = False  # inside a cue's block, where no blank line may come between elements
    previous: ElementType | None = None
    for element in screenplay.elements:
        kind = element.kind
        # Two lyrics in a row are two elements only with a blank line between them.
        joined = in_speech and kind in SPEECH and not (kind is previous is ElementType.LYRICS)
        if out and not joined:
            out.append("")
        in_speech = kind is ElementType.CHARACTER or joined
        previous = kind
        _write_element(element, out)
    return "\n".join(out).lstrip("\n") + "\n"


def _reads_as(line: str, kind: ElementType, next_blank: bool = True) -> bool:
    stripped = line.strip()
    return bool(stripped) and classify(line, stripped, True, next_blank) is kind


def _write_element(element: Element, out: list[str]) -> None:
    kind = element.kind
    text = element.text
    if kind is ElementType.SCENE_HEADING:
        number = f" #{element.scene_number}#" if element.scene_number else ""
        plain = text[:1] != "." and _reads_as(text, kind)
        out.append(("" if plain else ".") + text + number)
    elif kind is ElementType.CHARACTER:
        cue = text + (f" {element.extension}" if element.extension else "")
        if element.dual is DualSide.RIGHT:
            cue += " ^"
        wanted = (text, element.extension, element.dual is DualSide.RIGHT)
        plain = _reads_as(cue, kind, next_blank=False) and split_cue(cue) == wanted
        out.append(cue if plain else "@" + cue)
    elif kind is ElementType.DIALOGUE:
        out.extend(line if line.strip() else KEEP_BLANK for line in text.split("\n"))
    elif kind is ElementType.PARENTHETICAL:
        out.append(text)
    elif kind is ElementType.TRANSITION:
        out.append(text if text[:1] != ">" and _reads_as(text, kind) else f"> {text}")
    elif kind is ElementType.CENTERED:
        out.extend(f"> {line} <" for line in text.split("\n"))
    elif kind is ElementType.LYRICS:
        out.extend(f"~{line}" for line in text.split("\n"))
    elif kind is ElementType.PAGE_BREAK:
        out.append("===")
    elif kind is ElementType.SECTION:
        out.append("#" * max(element.depth, 1) + " " + text)
    elif kind is ElementType.SYNOPSIS:
        out.append(f"= {text}")
    elif kind is ElementType.NOTE:
        out.append(f"[[{text}]]")
    else:  # action, and the FDX-only kinds (shot, general) that Fountain writes as action
        lines = [line if line.strip() else KEEP_BLANK for line in text.split("\n")]
        first = lines[0]
        plain = (
            first.lstrip()[:1] not in MARKS
            and not first.lstrip().startswith("[[")
            and TITLE_KEY.match(first) is None  # would be a title page at the top
            and _reads_as(first, ElementType.ACTION, next_blank=len(lines) == 1)
        )
        if not plain:
            lines[0] = "!" + first
        out.extend(lines)
