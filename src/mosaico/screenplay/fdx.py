"""Final Draft FDX: read and write, with defusedxml (an FDX from outside is untrusted).

Paragraph types and the elements they become (FDX name on the left)::

    Scene Heading → scene_heading       Action → action (centred → centered)
    Character → character               Parenthetical → parenthetical
    Dialogue → dialogue                 Transition → transition
    Shot → shot                         Lyrics → lyrics
    General, Cast List → general        New Act, End of Act → centered
    Outline 1…4 → section (depth 1…4)   Outline Body → synopsis
    Section, Synopsis (older mosaico files) → section, synopsis
    anything else → action, with a warning naming the paragraph

Inside a paragraph: ``Number`` is the scene number; ``SceneProperties``
``Length``/``Page`` are kept on the heading as ``imported_length``/``imported_page``
and its ``Summary`` becomes a synopsis after the heading; each ``ScriptNote``
(inside the paragraph, as Final Draft 8–9 wrote them, or in the top-level
``ScriptNotes`` by ``Range``, as later ones do) becomes a note after the
paragraph; ``StartsNewPage="Yes"`` becomes a page break before it;
``<DualDialogue>`` marks its first cue left and its second right. Dialogue
paragraphs in a row are one speech, a line each (an empty one is a blank line),
the way Fountain keeps it; an empty paragraph gives no element.
Styled runs become Fountain emphasis (``fdx_runs``), tagged runs become
``Tag``s (``fdx_tags``), and the title page is read by place (``fdx_layout``).
An element's ``line`` is the XML line of its paragraph, and warnings name the
paragraph's number. ``write_fdx`` (in ``fdx_writer``) does the reverse, in the
layout Final Draft itself writes.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fdx_layout
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx_runs import runs_to_text, styles_of
from mosaico.screenplay.fdx_tags import TagIndex, collect_tags, read_tag_data
from mosaico.screenplay.fdx_writer import write_fdx
from mosaico.screenplay.fountain import CUE
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import (
    DualSide,
    Element,
    ElementType,
    ReadWarning,
    Screenplay,
    Tag,
)

_READ_TYPES: dict[str, ElementType] = {
    "Scene Heading": ElementType.SCENE_HEADING,
    "Action": ElementType.ACTION,
    "Character": ElementType.CHARACTER,
    "Parenthetical": ElementType.PARENTHETICAL,
    "Dialogue": ElementType.DIALOGUE,
    "Transition": ElementType.TRANSITION,
    "Shot": ElementType.SHOT,
    "General": ElementType.GENERAL,
    "Cast List": ElementType.GENERAL,
    "Lyrics": ElementType.LYRICS,
    "New Act": ElementType.CENTERED,
    "End of Act": ElementType.CENTERED,
    "Outline Body": ElementType.SYNOPSIS,
    "Synopsis": ElementType.SYNOPSIS,
    "Section": ElementType.SECTION,
}
_OUTLINE = re.compile(r"^Outline ([1-9])$")

__all__ = ["parse_fdx", "write_fdx"]


# --- reading -----------------------------------------------------------------------


class _TreeBuilder:
    """Builds the tree while refusing nesting past the limit and noting each paragraph's line."""

    def __init__(self, source: str, max_depth: int) -> None:
        self.builder = ET.TreeBuilder()
        self.source = source
        self.max_depth = max_depth
        self.depth = 0
        self.lines: dict[ET.Element, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self.depth += 1
        line = self.expat.CurrentLineNumber if self.expat is not None else None
        if self.depth > self.max_depth:
            raise LimitExceeded(
                f"{self.source}, line {line}: XML nested deeper than {self.max_depth} levels "
                "(limit max_xml_depth)"
            )
        node = self.builder.start(tag, attrs)
        if line is not None and tag in ("Paragraph", "TagCategory", "TagDefinition", "Tag"):
            self.lines[node] = line
        return node

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return self.builder.end(tag)

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> ET.Element:
        return self.builder.close()


def _parse_xml(
    data: bytes, source: str, limits: Limits
) -> tuple[ET.Element, dict[ET.Element, int]]:
    builder = _TreeBuilder(source, limits.max_xml_depth)
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise ScriptImportError(
            source,
            "refused: the XML declares a DTD, entities or external references, which an FDX "
            f"never needs ({type(exc).__name__})",
            line=parser.parser.CurrentLineNumber,
        ) from exc
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ScriptImportError(source, f"not well-formed XML ({exc.msg})", line=line) from exc
    if not isinstance(root, ET.Element):
        raise ScriptImportError(source, "not well-formed XML (no root element)")
    return root, builder.lines


def parse_fdx(data: bytes, source: str = "<fdx>", limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Read an FDX file. DTDs, entities and external references are refused."""
    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(data):,} bytes is over the limit of {limits.max_bytes:,} "
            "(limit max_bytes)"
        )
    root, lines = _parse_xml(data, source, limits)
    if root.tag != "FinalDraft":
        raise ScriptImportError(
            source, f"not a Final Draft file: the root element is <{root.tag}>, not <FinalDraft>"
        )
    content = root.find("Content")
    if content is None:
        raise ScriptImportError(source, "not a Final Draft script: it has no <Content>")
    index = read_tag_data(root, lines)
    reader = _Reader(source, limits, index, lines)
    reader.anchored = _anchored_notes(root, content, reader.warnings)
    for paragraph in content.iterfind("Paragraph"):
        reader.paragraph(paragraph)
    for text in reader.anchored.get(None, ()):
        reader.emit(Element(ElementType.NOTE, text))
    title_page = fdx_layout.read_title_page(root, _paragraphs_text)
    return Screenplay(
        title_page=tuple(title_page),
        elements=tuple(reader.elements),
        warnings=tuple(index.warnings + reader.warnings),
        tag_categories=tuple(index.categories),
        tags=tuple(reader.tags),
    )


def _runs_of(paragraph: ET.Element) -> tuple[str, list[tuple[int, int, str]]]:
    """A paragraph's text with emphasis markers, and each run's span with its ``TagNumber``."""
    return _read_runs([child for child in paragraph if child.tag == "Text"])


def _read_runs(nodes: list[ET.Element]) -> tuple[str, list[tuple[int, int, str]]]:
    return _text_of(*_raw_runs(nodes))


def _raw_runs(nodes: list[ET.Element]) -> tuple[list[tuple[str, frozenset[str]]], list[str]]:
    """Each ``<Text>``'s characters and styles, and its ``TagNumber`` ("" when untagged)."""
    runs: list[tuple[str, frozenset[str]]] = []
    numbers: list[str] = []
    for run in nodes:
        text = run.text or ""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        runs.append((text, styles_of(run.get("Style"))))
        numbers.append(run.get("TagNumber") or "")
    return runs, numbers


def _text_of(
    runs: list[tuple[str, frozenset[str]]], numbers: list[str]
) -> tuple[str, list[tuple[int, int, str]]]:
    """The runs as element text, and each run's span with its ``TagNumber``."""
    if len(runs) == 1 and not runs[0][1]:
        text = runs[0][0]
        if not any(char in text for char in "*_\\"):
            return text, [(0, len(text), numbers[0])]
    text, spans = runs_to_text(runs)
    return text, [(start, end, number) for (start, end), number in zip(spans, numbers, strict=True)]


@dataclass(slots=True)
class _Reader:
    source: str
    limits: Limits
    index: TagIndex
    lines: dict[ET.Element, int]
    elements: list[Element] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    count: int = 0
    #: Final Draft 10+ keeps notes outside the text; each goes after the paragraph it is on.
    anchored: dict[ET.Element | None, list[str]] = field(default_factory=dict)
    #: Blank dialogue paragraphs since the last line of an open speech; None when none is open.
    blank_lines: int | None = None
    #: The open speech's runs and tag numbers, and where its tags start in ``tags``.
    speech: tuple[list[tuple[str, frozenset[str]]], list[str], int] = ([], [], 0)

    def emit(self, element: Element) -> None:
        if element.kind is not ElementType.DIALOGUE:
            self.blank_lines = None
        if len(self.elements) >= self.limits.max_elements:
            raise LimitExceeded(
                f"{self.source}, line {element.line}: more than {self.limits.max_elements:,} "
                "elements (limit max_elements)"
            )
        self.elements.append(element)

    def paragraph(
        self, paragraph: ET.Element, dual: DualSide | None = None, in_dual: bool = False
    ) -> None:
        self.count += 1
        number = self.count
        line = self.lines.get(paragraph, 0)
        # Two columns side by side cannot break a page between them.
        if paragraph.get("StartsNewPage") == "Yes" and self.elements and not in_dual:
            self.emit(Element(ElementType.PAGE_BREAK, line=line))
        # One pass over the children: ElementPath lookups cost more than the rest.
        texts: list[ET.Element] = []
        notes: list[ET.Element] = []
        props = dual_block = None
        for child in paragraph:
            tag = child.tag
            if tag == "Text":
                texts.append(child)
            elif tag == "SceneProperties":
                props = child
            elif tag == "ScriptNote":
                notes.append(child)
            elif tag == "DualDialogue":
                dual_block = child
        if dual_block is not None and not in_dual:  # no columns within columns
            # The first cue with a name is the left column, the next the right;
            # any more are ordinary cues.
            sides = [DualSide.LEFT, DualSide.RIGHT]
            for inner in dual_block.iterfind("Paragraph"):
                side = None
                kind = inner.get("Type")
                if kind == "Character" and _runs_of(inner)[0].strip() and sides:
                    side = sides.pop(0)
                elif kind not in ("Character", "Dialogue", "Parenthetical"):
                    sides.clear()  # anything but speech ends the columns
                self.paragraph(inner, side, in_dual=True)
            return
        type_name = paragraph.get("Type") or "Action"
        depth = 0
        outline = _OUTLINE.match(type_name)
        level = paragraph.get("Level") or ""
        if outline or type_name == "Section":
            default = int(outline.group(1)) if outline else 1
            depth = int(level) if level.isdigit() and 0 < int(level) < 100 else default
        elif type_name not in _READ_TYPES:
            self.warnings.append(
                ReadWarning(
                    line,
                    f"paragraph {number}: unknown paragraph type {type_name!r}, read as action",
                )
            )
        kind = ElementType.SECTION if outline else _READ_TYPES.get(type_name, ElementType.ACTION)
        if kind is ElementType.ACTION and paragraph.get("Alignment") == "Center":
            kind = ElementType.CENTERED
        own_runs, numbers = _raw_runs(texts)
        own = sum(len(part) for part, _ in own_runs)
        if own > self.limits.max_line_chars:
            raise ScriptImportError(
                self.source,
                f"paragraph {number} holds {own:,} characters, over the limit of "
                f"{self.limits.max_line_chars:,} (limit max_line_chars)",
                line=line or None,
            )
        speech_goes_on = kind is ElementType.DIALOGUE and self.blank_lines is not None
        visible = any(part.strip() for part, _ in own_runs)
        merged: Element | None = None
        if speech_goes_on and visible:
            # Dialogue paragraphs in a row are one speech, a line each (an empty
            # one is a blank line), as Fountain keeps it: the speech is read
            # again as a whole, so emphasis and escapes are the same as if
            # Final Draft had written one paragraph.
            runs_before, numbers_before, first_tag = self.speech
            own_runs = [
                *runs_before,
                ("\n" * (1 + (self.blank_lines or 0)), frozenset()),
                *own_runs,
            ]
            numbers = [*numbers_before, "", *numbers]
            merged = self.elements.pop()
            del self.tags[first_tag:]
        raw, runs = _text_of(own_runs, numbers)
        text = raw.strip() if kind is not ElementType.ACTION else raw.strip("\n")
        shift = (
            len(raw) - len(raw.lstrip())
            if kind is not ElementType.ACTION
            else (len(raw) - len(raw.lstrip("\n")))
        )
        if text:
            element = self.element(kind, text, paragraph, props, line, depth, dual)
            if merged is not None:
                element = replace(merged, text=element.text)
            first_tag = len(self.tags)
            if any(numbers):  # most paragraphs carry no tags
                limit = len(element.text)
                moved = [
                    (max(0, start - shift), min(limit, end - shift), tag_number)
                    for start, end, tag_number in runs
                ]
                self.tag(moved, number, line)
            self.emit(element)
            if kind is ElementType.DIALOGUE:
                self.blank_lines = 0
                self.speech = (own_runs, numbers, first_tag)
        elif speech_goes_on and self.blank_lines is not None:
            self.blank_lines += 1
        else:
            self.blank_lines = None
        if kind is ElementType.SCENE_HEADING and props is not None:
            summary = props.find("Summary")
            if summary is not None:
                self.note_like(summary, ElementType.SYNOPSIS, line)
        for note in notes:
            self.note_like(note, ElementType.NOTE, line)
        for text in self.anchored.get(paragraph, ()):
            self.emit(Element(ElementType.NOTE, text, line=line))

    def tag(self, runs: list[tuple[int, int, str]], number: int, line: int) -> None:
        """Tags on the runs of the element about to be emitted."""
        if not any(tag_number for _, _, tag_number in runs):
            return
        for tag_number in sorted({n for _, _, n in runs if n} - self.index.occurrences.keys()):
            self.warnings.append(
                ReadWarning(
                    line,
                    f"paragraph {number}: text tagged {tag_number!r}, a tag that "
                    "TagData does not define; left untagged",
                )
            )
        self.tags.extend(collect_tags(len(self.elements), runs, self.index))

    def element(
        self,
        kind: ElementType,
        text: str,
        paragraph: ET.Element,
        props: ET.Element | None,
        line: int,
        depth: int,
        dual: DualSide | None,
    ) -> Element:
        if kind is ElementType.CHARACTER:
            match = CUE.match(text)
            extension = match.group("ext") if match else None
            name = match.group("name").strip() if match else text
            return Element(kind, name, extension=extension, dual=dual, line=line)
        if kind is ElementType.SCENE_HEADING:
            length = page = None
            if props is not None:
                length = _length(props.get("Length"))
                page = props.get("Page") or None
            return Element(
                kind,
                text,
                scene_number=(paragraph.get("Number") or "").strip() or None,
                line=line,
                imported_length=length,
                imported_page=page,
            )
        return Element(kind, text, depth=depth, line=line)

    def note_like(self, holder: ET.Element, kind: ElementType, line: int) -> None:
        text = _paragraphs_text(list(holder.iterfind("Paragraph")))
        if text:
            self.emit(Element(kind, text, line=line))


_RANGE = re.compile(r"^\s*(\d+)\s*,\s*(\d+)\s*$")


def _anchored_notes(
    root: ET.Element, content: ET.Element, warnings: list[ReadWarning]
) -> dict[ET.Element | None, list[str]]:
    """Top-level ``ScriptNotes`` by the paragraph their ``Range`` starts in.

    A range counts characters through the script's text with one more for each
    paragraph end. A note whose range cannot be read goes at the end, with a warning.
    """
    block = root.find("ScriptNotes")
    if block is None or len(block) == 0:
        return {}
    leaves: list[ET.Element] = []
    for paragraph in content.iterfind("Paragraph"):
        dual = paragraph.find("DualDialogue")
        leaves.extend(dual.iterfind("Paragraph") if dual is not None else [paragraph])
    starts: list[int] = []
    offset = 0
    for leaf in leaves:
        starts.append(offset)
        offset += sum(len(run.text or "") for run in leaf if run.tag == "Text") + 1
    anchored: dict[ET.Element | None, list[str]] = {}
    for note in block.iterfind("ScriptNote"):
        text = _paragraphs_text(list(note.iterfind("Paragraph")))
        if not text:
            continue
        match = _RANGE.match(note.get("Range") or "")
        anchor: ET.Element | None = None
        if match is not None and leaves:
            anchor = leaves[max(0, bisect.bisect_right(starts, int(match.group(1))) - 1)]
        else:
            warnings.append(
                ReadWarning(
                    None,
                    f"a script note with an unreadable Range {note.get('Range')!r} "
                    "was put at the end of the script",
                )
            )
        anchored.setdefault(anchor, []).append(text)
    return anchored


def _paragraphs_text(paragraphs: list[ET.Element]) -> str:
    """The text of a note, summary or title-page value: its paragraphs' runs read
    as one, a line each, so emphasis and escapes come out as from one paragraph."""
    runs: list[tuple[str, frozenset[str]]] = []
    numbers: list[str] = []
    for position, inner in enumerate(paragraphs):
        if position:
            runs.append(("\n", frozenset()))
            numbers.append("")
        more_runs, more_numbers = _raw_runs([child for child in inner if child.tag == "Text"])
        runs += more_runs
        numbers += more_numbers
    return _text_of(runs, numbers)[0].strip()


def _length(raw: str | None) -> Eighths | None:
    if not raw:
        return None
    try:
        return Eighths.parse(raw)
    except ValueError:
        return None
