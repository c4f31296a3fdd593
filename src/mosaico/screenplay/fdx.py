"""Final Draft FDX: read and write, with defusedxml (an FDX from outside is untrusted).

Paragraph types map to elements like this (the FDX name on the left):

    Scene Heading → scene_heading   Action → action (centred action → centered)
    Character → character           Parenthetical → parenthetical
    Dialogue → dialogue             Transition → transition
    Shot → shot                     General, Cast List → general
    Lyrics → lyrics                 anything else → action, with a warning

A ``ScriptNote`` inside a paragraph becomes a note element after it;
``StartsNewPage="Yes"`` becomes a page break before it; ``<DualDialogue>``
marks its two cues left and right. Styled runs (Bold, Italic, Underline) become
Fountain's emphasis markers in the text, and markers become styled runs again
on the way out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import (
    DualSide,
    Element,
    ElementType,
    ReadWarning,
    Screenplay,
    TitleEntry,
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
    "Section": ElementType.SECTION,
    "Synopsis": ElementType.SYNOPSIS,
}
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
}
# Fountain emphasis, longest marker first; a marker escaped with a backslash is text.
_EMPHASIS = re.compile(
    r"(?<!\\)(\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)(.+?)(?<=\S)\*|"
    r"_(?=\S)(.+?)(?<=\S)_)",
    re.DOTALL,
)
_STYLE_MARKERS = {
    "Bold+Italic": "***",
    "Bold": "**",
    "Italic": "*",
    "Underline": "_",
}
_CUE = re.compile(r"^(?P<name>[^(]*?)\s*(?P<ext>\(.*\))?\s*$")


def parse_fdx(data: bytes, source: str = "<fdx>", limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Read an FDX file. Entities, DTDs and external references are refused."""
    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(data):,} bytes is over the limit of {limits.max_bytes:,}"
        )
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ScriptImportError(
            source, f"refused: the XML declares a DTD or entities ({type(exc).__name__})"
        ) from exc
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ScriptImportError(source, f"not well-formed XML ({exc.msg})", line=line) from exc
    if root.tag != "FinalDraft":
        raise ScriptImportError(
            source, f"not a Final Draft file: the root is <{root.tag}>, not <FinalDraft>"
        )
    _check_depth(root, limits.max_xml_depth, source)
    content = root.find("Content")
    if content is None:
        raise ScriptImportError(source, "not a Final Draft script: it has no <Content>")
    reader = _Reader(source, limits)
    for paragraph in content.findall("Paragraph"):
        reader.paragraph(paragraph)
    return Screenplay(
        title_page=tuple(_title_page(root)),
        elements=tuple(reader.elements),
        warnings=tuple(reader.warnings),
    )


def _check_depth(root: ET.Element, limit: int, source: str) -> None:
    stack: list[tuple[ET.Element, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise LimitExceeded(
                f"{source}: XML nested deeper than {limit} levels (limit max_xml_depth)"
            )
        stack.extend((child, depth + 1) for child in node)


def _runs_text(paragraph: ET.Element) -> str:
    """The paragraph's text with styled runs turned into Fountain emphasis."""
    parts: list[str] = []
    for run in paragraph.findall("Text"):
        text = run.text or ""
        styles = set((run.get("Style") or "").split("+")) - {""}
        marker = ""
        if {"Bold", "Italic"} <= styles:
            marker = "***"
        elif "Bold" in styles:
            marker = "**"
        elif "Italic" in styles:
            marker = "*"
        if "Underline" in styles and text.strip():
            text = f"_{text}_"
        if marker and text.strip():
            text = f"{marker}{text}{marker}"
        parts.append(text)
    return "".join(parts)


class _Reader:
    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.elements: list[Element] = []
        self.warnings: list[ReadWarning] = []
        self.count = 0

    def emit(self, element: Element) -> None:
        if len(self.elements) >= self.limits.max_elements:
            raise LimitExceeded(
                f"{self.source}: more than {self.limits.max_elements:,} elements (limit max_elements)"
            )
        self.elements.append(element)

    def paragraph(self, paragraph: ET.Element, dual: DualSide | None = None) -> None:
        self.count += 1
        number = self.count
        dual_block = paragraph.find("DualDialogue")
        if dual_block is not None:
            cues = 0
            for inner in dual_block.findall("Paragraph"):
                side = None
                if inner.get("Type") == "Character":
                    cues += 1
                    side = DualSide.LEFT if cues == 1 else DualSide.RIGHT
                self.paragraph(inner, side)
            return
        if paragraph.get("StartsNewPage") == "Yes" and self.elements:
            self.emit(Element(ElementType.PAGE_BREAK, line=number))
        kind_name = paragraph.get("Type", "Action")
        kind = _READ_TYPES.get(kind_name)
        if kind is None:
            self.warnings.append(
                ReadWarning(number, f"unknown paragraph type {kind_name!r}, read as action")
            )
            kind = ElementType.ACTION
        text = _runs_text(paragraph)
        if kind is ElementType.ACTION and paragraph.get("Alignment") == "Center":
            kind = ElementType.CENTERED
        if kind_name == "Section":
            depth = (
                int(paragraph.get("Level") or 1) if (paragraph.get("Level") or "1").isdigit() else 1
            )
            self.emit(Element(ElementType.SECTION, text.strip(), depth=depth, line=number))
        elif kind is ElementType.CHARACTER:
            match = _CUE.match(text.strip())
            name = match.group("name") if match else text.strip()
            ext = match.group("ext") if match else None
            self.emit(Element(kind, name.strip(), extension=ext, dual=dual, line=number))
        elif kind is ElementType.SCENE_HEADING:
            props = paragraph.find("SceneProperties")
            length = _length(props.get("Length")) if props is not None else None
            page = props.get("Page") if props is not None else None
            self.emit(
                Element(
                    kind,
                    text.strip(),
                    scene_number=paragraph.get("Number") or None,
                    line=number,
                    imported_length=length,
                    imported_page=page or None,
                )
            )
        elif text.strip():
            self.emit(Element(kind, text.strip("\n"), line=number))
        for note in paragraph.findall("ScriptNote"):
            note_text = "\n".join(_runs_text(p) for p in note.findall("Paragraph")).strip()
            if note_text:
                self.emit(Element(ElementType.NOTE, note_text, line=number))


def _length(raw: str | None) -> Eighths | None:
    if not raw:
        return None
    try:
        return Eighths.parse(raw)
    except ValueError:
        return None


def _title_page(root: ET.Element) -> Iterator[TitleEntry]:
    """Final Draft's title page is free text; read the usual layout into Fountain keys."""
    block = root.find("TitlePage/Content")
    if block is None:
        return
    lines = [_runs_text(p).strip() for p in block.findall("Paragraph")]
    lines = [line for line in lines if line]
    if not lines:
        return
    yield TitleEntry("Title", lines[0])
    rest = lines[1:]
    credit_words = ("written by", "by", "escrito por", "guion de", "guión de", "story by")
    if rest and rest[0].casefold() in credit_words:
        yield TitleEntry("Credit", rest[0])
        rest = rest[1:]
        if rest:
            yield TitleEntry("Author", rest[0])
            rest = rest[1:]
    if rest:
        yield TitleEntry("Contact", "\n".join(rest))


# --- writing ---------------------------------------------------------------------


def _runs(text: str) -> Iterator[tuple[str, str | None]]:
    """Split Fountain text into (text, FDX style) runs at emphasis markers."""
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], None
        styles = ("Bold+Italic", "Bold", "Italic", "Underline")
        for group, style in enumerate(styles, start=2):
            if match.group(group) is not None:
                yield match.group(group), style
                break
        position = match.end()
    if position < len(text) or not text:
        yield text[position:], None


def _text_runs(text: str) -> str:
    out = []
    for part, style in _runs(text):
        attr = f" Style={quoteattr(style)}" if style else ""
        out.append(f"<Text{attr}>{escape(part)}</Text>")
    return "".join(out)


def _paragraph(element: Element, length: tuple[Eighths, int] | None, new_page: bool) -> str:
    kind = _WRITE_TYPES.get(element.kind, "Action")
    attrs = f' Type="{kind}"'
    if element.kind is ElementType.CENTERED:
        attrs += ' Alignment="Center"'
    if element.scene_number:
        attrs += f" Number={quoteattr(element.scene_number)}"
    if new_page:
        attrs += ' StartsNewPage="Yes"'
    text = element.text
    if element.kind is ElementType.CHARACTER and element.extension:
        text = f"{text} {element.extension}"
    inner = ""
    if element.kind is ElementType.SCENE_HEADING and length is not None:
        eighths, page = length
        inner = f'<SceneProperties Length="{eighths}" Page="{page}" Title=""/>'
    return f"    <Paragraph{attrs}>{inner}{_text_runs(text)}</Paragraph>"


def _note(text: str) -> str:
    return (
        '    <Paragraph Type="Action"><ScriptNote><Paragraph>'
        f"{_text_runs(text)}</Paragraph></ScriptNote></Paragraph>"
    )


def write_fdx(
    screenplay: Screenplay, scene_lengths: Sequence[tuple[Eighths, int]] | None = None
) -> bytes:
    """The screenplay as a Final Draft document (``Version="5"``).

    ``scene_lengths`` gives each heading's (length, page) for ``SceneProperties``.
    Sections and synopses, which Final Draft keeps outside the script text, are
    written as ``Section``/``Synopsis`` paragraphs so mosaico reads them back;
    Final Draft shows them as General paragraphs.
    """
    body: list[str] = []
    headings = iter(scene_lengths or ())
    new_page = False
    elements = screenplay.elements
    index = 0
    while index < len(elements):
        element = elements[index]
        if element.kind is ElementType.PAGE_BREAK:
            new_page = True
            index += 1
            continue
        if element.kind is ElementType.SECTION:
            body.append(
                f'    <Paragraph Type="Section" Level="{element.depth}">{_text_runs(element.text)}</Paragraph>'
            )
            index += 1
            continue
        if element.kind is ElementType.SYNOPSIS:
            body.append(f'    <Paragraph Type="Synopsis">{_text_runs(element.text)}</Paragraph>')
            index += 1
            continue
        if element.kind is ElementType.NOTE:
            body.append(_note(element.text))
            index += 1
            continue
        if element.kind is ElementType.CHARACTER and element.dual is DualSide.LEFT:
            end = _dual_end(elements, index)
            inner = [_paragraph(e, None, False) for e in elements[index:end]]
            body.append(
                "    <Paragraph><DualDialogue>\n"
                + "\n".join(inner)
                + "\n    </DualDialogue></Paragraph>"
            )
            index = end
            continue
        length = next(headings, None) if element.kind is ElementType.SCENE_HEADING else None
        body.append(_paragraph(element, length, new_page))
        new_page = False
        index += 1
    title = "\n".join(
        f'      <Paragraph Alignment="Center">{_text_runs(line)}</Paragraph>'
        for entry in screenplay.title_page
        for line in entry.value.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        "  <Content>\n" + "\n".join(body) + "\n  </Content>\n"
        "  <TitlePage>\n    <Content>\n"
        + title
        + "\n    </Content>\n  </TitlePage>\n"
        + _ELEMENT_SETTINGS
        + '  <PageLayout BackgroundColor="#FFFFFFFFFFFF" BottomMargin="72" BreakDialogueAndActionAtSentences="Yes" '
        'DocumentLeading="Normal" FooterMargin="36" ForegroundColor="#000000000000" HeaderMargin="36" '
        'InvisiblesColor="#A0A0A0A0A0A0" TopMargin="72" UsesSmartQuotes="Yes">\n'
        '    <AutoCastList AddParentheses="Yes" AutomaticallyGenerate="Yes" CastListElement="Cast List"/>\n'
        "  </PageLayout>\n"
        "</FinalDraft>\n"
    )
    return document.encode("utf-8")


def _dual_end(elements: Sequence[Element], start: int) -> int:
    """Index just past the right-hand speech of a dual dialogue starting at ``start``."""
    index = start + 1
    seen_right = False
    while index < len(elements):
        kind = elements[index].kind
        if kind is ElementType.CHARACTER:
            if seen_right or elements[index].dual is not DualSide.RIGHT:
                break
            seen_right = True
        elif kind not in (ElementType.DIALOGUE, ElementType.PARENTHETICAL):
            break
        index += 1
    return index


def _element_setting(kind: str, left: str, right: str, space_before: str, caps: str = "No") -> str:
    return (
        f'  <ElementSettings Type="{kind}">\n'
        '    <FontSpec AdornmentStyle="0" Background="#FFFFFFFFFFFF" Color="#000000000000" '
        'Font="Courier Final Draft" RevisionID="0" Size="12" Style=""/>\n'
        f'    <ParagraphSpec Alignment="Left" FirstIndent="0.00" Leading="Regular" LeftIndent="{left}" '
        f'RightIndent="{right}" SpaceBefore="{space_before}" Spacing="1" StartsNewPage="No"/>\n'
        f'    <Behavior PaginateAs="{kind}" ReturnKey="{kind}" Shortcut=""/>\n'
        "  </ElementSettings>\n"
    ).replace('Style=""/>', f'Style="{"AllCaps" if caps == "Yes" else ""}"/>')


_ELEMENT_SETTINGS = "".join(
    _element_setting(*spec)
    for spec in (
        ("General", "1.50", "7.50", "0"),
        ("Scene Heading", "1.50", "7.50", "24", "Yes"),
        ("Action", "1.50", "7.50", "12"),
        ("Character", "3.50", "7.25", "12", "Yes"),
        ("Parenthetical", "3.00", "5.50", "0"),
        ("Dialogue", "2.50", "6.00", "0"),
        ("Transition", "5.50", "7.10", "12", "Yes"),
        ("Shot", "1.50", "7.50", "12", "Yes"),
        ("Lyrics", "2.50", "6.00", "0"),
    )
)
