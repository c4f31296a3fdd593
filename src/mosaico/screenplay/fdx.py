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
becomes a note after the paragraph; ``StartsNewPage="Yes"`` becomes a page break
before it; ``<DualDialogue>`` marks its first cue left and its second right.
Styled runs become Fountain emphasis (``fdx_runs``), tagged runs become
``Tag``s (``fdx_tags``), and the title page is read by place (``fdx_layout``).
The writer does the reverse, in the layout Final Draft itself writes.
"""

from __future__ import annotations

import bisect
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fdx_layout
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx_runs import runs_to_text, style_attribute, styles_of, text_to_runs
from mosaico.screenplay.fdx_tags import TagIndex, collect_tags, plan_tags, read_tag_data
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
_WRITE_TYPES: dict[ElementType, str] = {
    ElementType.SCENE_HEADING: "Scene Heading",
    ElementType.ACTION: "Action",
    ElementType.CENTERED: "Action",
    ElementType.CHARACTER: "Character",
    ElementType.PARENTHETICAL: "Parenthetical",
    ElementType.DIALOGUE: "Dialogue",
    ElementType.TRANSITION: "Transition",
    ElementType.SHOT: "Shot",
    ElementType.GENERAL: "General",
    ElementType.LYRICS: "Lyrics",
    ElementType.SYNOPSIS: "Outline Body",
}
# Characters XML 1.0 cannot hold; the writer drops them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FDX_VERSION = "5"


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
    for paragraph in content.iterfind("Paragraph"):
        reader.paragraph(paragraph)
    title_page = fdx_layout.read_title_page(root, lambda node: _runs_of(node)[0])
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
    runs: list[tuple[str, frozenset[str]]] = []
    numbers: list[str] = []
    for run in nodes:
        text = run.text or ""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        runs.append((text, styles_of(run.get("Style"))))
        numbers.append(run.get("TagNumber") or "")
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
    #: Blank dialogue paragraphs since the last line of an open speech; None when none is open.
    blank_lines: int | None = None

    def emit(self, element: Element) -> None:
        if element.kind is not ElementType.DIALOGUE:
            self.blank_lines = None
        if len(self.elements) >= self.limits.max_elements:
            raise LimitExceeded(
                f"{self.source}, line {element.line}: more than {self.limits.max_elements:,} "
                "elements (limit max_elements)"
            )
        self.elements.append(element)

    def paragraph(self, paragraph: ET.Element, dual: DualSide | None = None) -> None:
        self.count += 1
        number = self.count
        line = self.lines.get(paragraph, 0)
        if paragraph.get("StartsNewPage") == "Yes" and self.elements:
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
        if dual_block is not None:
            cues = 0
            for inner in dual_block.iterfind("Paragraph"):
                side = None
                if inner.get("Type") == "Character":
                    cues += 1
                    side = DualSide.LEFT if cues == 1 else DualSide.RIGHT
                self.paragraph(inner, side)
            return
        type_name = paragraph.get("Type") or "Action"
        depth = 0
        outline = _OUTLINE.match(type_name)
        if outline:
            depth = int(outline.group(1))
        elif type_name == "Section":
            level = paragraph.get("Level") or "1"
            depth = int(level) if level.isdigit() else 1
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
        raw, runs = _read_runs(texts)
        if len(raw) > self.limits.max_line_chars:
            raise ScriptImportError(
                self.source,
                f"paragraph {number} holds {len(raw):,} characters, over the limit of "
                f"{self.limits.max_line_chars:,} (limit max_line_chars)",
                line=line or None,
            )
        text = raw.strip() if kind is not ElementType.ACTION else raw.strip("\n")
        shift = (
            len(raw) - len(raw.lstrip())
            if kind is not ElementType.ACTION
            else (len(raw) - len(raw.lstrip("\n")))
        )
        speech_goes_on = kind is ElementType.DIALOGUE and self.blank_lines is not None
        if text:
            element = self.element(kind, text, paragraph, props, line, depth, dual)
            limit = len(element.text)
            moved = [
                (max(0, start - shift), min(limit, end - shift), tag_number)
                for start, end, tag_number in runs
            ]
            if speech_goes_on:
                # Dialogue paragraphs in a row are one speech, a line each (an
                # empty one is a blank line), as Fountain writes it.
                last = self.elements.pop()
                joint = last.text + "\n" * (1 + (self.blank_lines or 0))
                element = replace(last, text=joint + element.text)
                moved = [(start + len(joint), end + len(joint), n) for start, end, n in moved]
            self.tag(moved, number, line)
            self.emit(element)
            self.blank_lines = 0 if kind is ElementType.DIALOGUE else None
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
        text = "\n".join(_runs_of(inner)[0] for inner in holder.iterfind("Paragraph")).strip()
        if text:
            self.emit(Element(kind, text, line=line))


def _length(raw: str | None) -> Eighths | None:
    if not raw:
        return None
    try:
        return Eighths.parse(raw)
    except ValueError:
        return None


# --- writing -----------------------------------------------------------------------


@dataclass(slots=True)
class _Paragraph:
    """One paragraph on its way out; notes and a summary may still attach to it."""

    attrs: str
    body: str
    properties: str | None = None
    heading: bool = False
    summary: str | None = None
    notes: list[str] = field(default_factory=list)
    inner: list[_Paragraph] | None = None

    def xml(self, note_ids: Iterator[int], indent: str = "    ") -> str:
        if self.inner is not None:
            inner = "\n".join(p.xml(note_ids, indent + "    ") for p in self.inner)
            return (
                f"{indent}<Paragraph{self.attrs}>\n{indent}  <DualDialogue>\n{inner}\n"
                f"{indent}  </DualDialogue>\n{indent}</Paragraph>"
            )
        parts = []
        if self.properties is not None or self.summary is not None:
            props = self.properties if self.properties is not None else ' Title=""'
            if self.summary is not None:
                summary = _note_paragraphs(self.summary)
                parts.append(
                    f"<SceneProperties{props}><Summary>{summary}</Summary></SceneProperties>"
                )
            else:
                parts.append(f"<SceneProperties{props}/>")
        for note in self.notes:
            parts.append(f'<ScriptNote ID="{next(note_ids)}">{_note_paragraphs(note)}</ScriptNote>')
        parts.append(self.body)
        return f"{indent}<Paragraph{self.attrs}>{''.join(parts)}</Paragraph>"


def _note_paragraphs(text: str) -> str:
    return "".join(f"<Paragraph>{_runs_xml(line, ())}</Paragraph>" for line in text.split("\n"))


def _runs_xml(text: str, stretches: Sequence[tuple[int, int, int]]) -> str:
    """``<Text>`` runs for element text: a run per style change and per tagged stretch."""
    text = _NOT_XML.sub("", text)
    if not stretches and not any(char in text for char in "*_\\"):
        return f"<Text>{escape(text)}</Text>"
    starts = [start for start, _, _ in stretches]
    out: list[str] = []
    for piece in text_to_runs(text):
        style = style_attribute(piece.styles)
        chunk: list[str] = []
        current = 0
        for position in piece.positions:
            at = bisect.bisect_right(starts, position) - 1
            number = stretches[at][2] if at >= 0 and position < stretches[at][1] else 0
            if number != current and chunk:
                out.append(_text_run("".join(chunk), style, current))
                chunk = []
            current = number
            chunk.append(text[position])
        if chunk:
            out.append(_text_run("".join(chunk), style, current))
    return "".join(out) or "<Text></Text>"


def _text_run(text: str, style: str, tag_number: int) -> str:
    attrs = f" Style={quoteattr(style)}" if style else ""
    if tag_number:
        attrs += f' TagNumber="{tag_number}"'
    return f"<Text{attrs}>{escape(text)}</Text>"


def _attrs(
    kind: str, *, number: str | None = None, centred: bool = False, new_page: bool = False
) -> str:
    attrs = ""
    if centred:
        attrs += ' Alignment="Center"'
    if number:
        attrs += f" Number={quoteattr(_NOT_XML.sub('', number))}"
    if new_page:
        attrs += ' StartsNewPage="Yes"'
    return attrs + f" Type={quoteattr(kind)}"


def write_fdx(
    screenplay: Screenplay, scene_lengths: Sequence[tuple[Eighths, int]] | None = None
) -> bytes:
    """The screenplay as a Final Draft document (``Version="5"``, US Letter).

    ``scene_lengths`` gives each heading, in order, the (length, page) written in
    its ``SceneProperties``; without it a heading keeps the Length and Page it was
    imported with, if any. Tags and categories go into ``TagData``.
    """
    elements = screenplay.elements
    plan = (
        plan_tags(screenplay.tag_categories, screenplay.tags, len(elements))
        if screenplay.tags or screenplay.tag_categories
        else None
    )
    stretches = plan.stretches if plan is not None else {}
    lengths = iter(scene_lengths or ())
    body: list[_Paragraph] = []
    new_page = False
    previous: _Paragraph | None = None  # the last paragraph a note may attach to
    index = 0
    while index < len(elements):
        element = elements[index]
        kind = element.kind
        if kind is ElementType.PAGE_BREAK:
            if new_page:  # two breaks in a row: the first gets an empty paragraph
                body.append(_Paragraph(_attrs("Action", new_page=True), ""))
            new_page = True
            previous = None
            index += 1
            continue
        if kind is ElementType.NOTE and previous is not None:
            previous.notes.append(element.text)
            index += 1
            continue
        if (
            kind is ElementType.SYNOPSIS
            and previous is not None
            and previous.heading
            and previous.summary is None
            and not previous.notes
        ):
            previous.summary = element.text
            index += 1
            continue
        if kind is ElementType.CHARACTER and element.dual is DualSide.LEFT:
            end = _dual_end(elements, index)
            inner = [_paragraph(i, elements[i], None, False, stretches) for i in range(index, end)]
            body.append(_Paragraph(' StartsNewPage="Yes"' if new_page else "", "", inner=inner))
            new_page = False
            previous = None
            index = end
            continue
        if kind is ElementType.NOTE:  # nothing to hang it on: an empty action holds it
            paragraph = _Paragraph(_attrs("Action", new_page=new_page), "")
            paragraph.notes.append(element.text)
        else:
            length = next(lengths, None) if kind is ElementType.SCENE_HEADING else None
            paragraph = _paragraph(index, element, length, new_page, stretches)
        body.append(paragraph)
        previous = paragraph
        new_page = False
        index += 1
    if new_page:
        body.append(_Paragraph(_attrs("Action", new_page=True), ""))
    note_ids = itertools.count(1)
    numbered = any(e.scene_number for e in elements if e.kind is ElementType.SCENE_HEADING)
    title = "\n".join(
        f'      <Paragraph Alignment="{align}" FirstIndent="0.00" Leading="Regular" '
        f'LeftIndent="1.50" RightIndent="7.50" SpaceBefore="0" Spacing="1" StartsNewPage="No">'
        f"{_runs_xml(text, ()) if text else ''}</Paragraph>"
        for align, text in fdx_layout.title_page_paragraphs(screenplay.title_page)
    )
    document = "".join(
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n',
            f'<FinalDraft DocumentType="Script" Template="No" Version="{_FDX_VERSION}">\n\n',
            "  <Content>\n",
            "".join(paragraph.xml(note_ids) + "\n" for paragraph in body),
            "  </Content>\n\n",
            fdx_layout.HEADER_AND_FOOTER,
            "\n",
            fdx_layout.PAGE_LAYOUT,
            "\n",
            fdx_layout.element_settings(),
            "\n  <TitlePage>\n    <Content>\n",
            title + "\n" if title else "",
            "    </Content>\n  </TitlePage>\n\n",
            fdx_layout.smart_type(elements),
            "\n",
            fdx_layout.MORES_AND_CONTINUEDS,
            "\n",
            fdx_layout.scene_number_options(numbered),
            "\n" + plan.xml if plan is not None else "",
            "\n</FinalDraft>\n",
        )
    )
    return document.encode("utf-8")


def _paragraph(
    index: int,
    element: Element,
    length: tuple[Eighths, int] | None,
    new_page: bool,
    stretches: dict[int, list[tuple[int, int, int]]],
) -> _Paragraph:
    kind = element.kind
    if kind is ElementType.SECTION:
        type_name = f"Outline {min(max(element.depth, 1), 4)}"
    else:
        type_name = _WRITE_TYPES.get(kind, "Action")
    text = element.text
    if kind is ElementType.CHARACTER and element.extension:
        text = f"{text} {element.extension}"
    attrs = _attrs(
        type_name,
        number=element.scene_number if kind is ElementType.SCENE_HEADING else None,
        centred=kind is ElementType.CENTERED,
        new_page=new_page,
    )
    properties = None
    if kind is ElementType.SCENE_HEADING:
        if length is not None:
            properties = f' Length="{length[0]}" Page="{length[1]}" Title=""'
        elif element.imported_length is not None or element.imported_page:
            properties = ""
            if element.imported_length is not None:
                properties += f' Length="{element.imported_length}"'
            if element.imported_page:
                properties += f" Page={quoteattr(element.imported_page)}"
            properties += ' Title=""'
    return _Paragraph(
        attrs,
        _runs_xml(text, stretches.get(index, ())),
        properties,
        heading=kind is ElementType.SCENE_HEADING,
    )


def _dual_end(elements: Sequence[Element], start: int) -> int:
    """Index just past the right-hand speech of a dual dialogue starting at ``start``."""
    index = start + 1
    seen_right = False
    while index < len(elements):
        element = elements[index]
        if element.kind is ElementType.CHARACTER:
            if seen_right or element.dual is not DualSide.RIGHT:
                break
            seen_right = True
        elif element.kind not in (ElementType.DIALOGUE, ElementType.PARENTHETICAL):
            break
        index += 1
    return index
