"""Writing FDX: the screenplay in the layout Final Draft itself writes.

Elements become paragraphs as ``fdx`` reads them back (see its table); a note
becomes a ``ScriptNote`` whose ``Range`` covers the paragraph before it (an
empty action paragraph holds one that has none), a synopsis right after a heading
goes into its ``SceneProperties`` ``Summary``, other synopses and sections become
Final Draft's hidden outline paragraphs (``Outline Body``, ``Outline 1…4``), and
a page break sets ``StartsNewPage`` on the next paragraph. Tags go into
``TagData`` (``fdx_tags``), emphasis into styled runs (``fdx_runs``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from mosaico.screenplay import fdx_layout
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fdx_runs import style_attribute, text_to_runs
from mosaico.screenplay.fdx_tags import plan_tags
from mosaico.screenplay.model import DualSide, Element, ElementType, Screenplay

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
    #: Characters of text in the paragraph (markers left out), for note ranges.
    length: int = 0

    def xml(self, indent: str = "    ") -> str:
        if self.inner is not None:
            inner = "\n".join(p.xml(indent + "    ") for p in self.inner)
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
        parts.append(self.body)
        return f"{indent}<Paragraph{self.attrs}>{''.join(parts)}</Paragraph>"


def _note_paragraphs(text: str) -> str:
    # One paragraph, line breaks kept: emphasis may run across lines.
    return f"<Paragraph>{_runs_xml(text, ())[0]}</Paragraph>"


def _script_notes(body: list[_Paragraph]) -> str:
    """Final Draft's ``ScriptNotes``: each note's ``Range`` covers the paragraph it hangs on.

    Offsets count the script's text with one more for each paragraph end, as
    the reader does.
    """
    notes: list[str] = []
    offset = 0
    for paragraph in body:
        for leaf in paragraph.inner if paragraph.inner is not None else [paragraph]:
            notes += [
                f'    <ScriptNote Range="{offset},{offset + leaf.length}">'
                f"{_note_paragraphs(text)}</ScriptNote>"
                for text in leaf.notes
            ]
            offset += leaf.length + 1
    if not notes:
        return ""
    return "\n  <ScriptNotes>\n" + "\n".join(notes) + "\n  </ScriptNotes>\n"


def _runs_xml(text: str, stretches: Sequence[tuple[int, int, int]]) -> tuple[str, int]:
    """``<Text>`` runs for element text (a run per style change and per tagged stretch),
    and how many characters they hold."""
    text = _NOT_XML.sub("", text)
    if not stretches and not any(char in text for char in "*_\\"):
        return f"<Text>{escape(text)}</Text>", len(text)
    starts = [start for start, _, _ in stretches]
    out: list[str] = []
    length = 0
    for piece in text_to_runs(text):
        length += len(piece.positions)
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
    return "".join(out) or "<Text></Text>", length


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
    imported with, if any. Tags and categories go into ``TagData``; Final Draft
    tags script text only, so tags on notes and synopses are left out.
    """
    elements = screenplay.elements
    untaggable = (ElementType.NOTE, ElementType.SYNOPSIS, ElementType.PAGE_BREAK)
    tags = [
        tag
        for tag in screenplay.tags
        if 0 <= tag.element < len(elements) and elements[tag.element].kind not in untaggable
    ]
    plan = (
        plan_tags(screenplay.tag_categories, tags, len(elements))
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
            inner: list[_Paragraph] = []
            for at in range(index, end):
                if elements[at].kind is ElementType.NOTE:  # hangs on the line before it
                    inner[-1].notes.append(elements[at].text)
                else:
                    inner.append(_paragraph(at, elements[at], None, False, stretches))
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
    numbered = any(e.scene_number for e in elements if e.kind is ElementType.SCENE_HEADING)
    title = "\n".join(
        f'      <Paragraph Alignment="{align}" FirstIndent="0.00" Leading="Regular" '
        f'LeftIndent="1.50" RightIndent="7.50" SpaceBefore="0" Spacing="1" StartsNewPage="No">'
        f"{_runs_xml(text, ())[0] if text else ''}</Paragraph>"
        for align, text in fdx_layout.title_page_paragraphs(screenplay.title_page)
    )
    document = "".join(
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n',
            f'<FinalDraft DocumentType="Script" Template="No" Version="{_FDX_VERSION}">\n\n',
            "  <Content>\n",
            "".join(paragraph.xml() + "\n" for paragraph in body),
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
            _script_notes(body),
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
    if kind is ElementType.SECTION and element.depth > 4:
        # Final Draft has four outline levels; a deeper section says its own.
        attrs = f' Level="{element.depth}"' + attrs
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
    body, chars = _runs_xml(text, stretches.get(index, ()))
    return _Paragraph(
        attrs,
        body,
        properties,
        length=chars,
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
        elif element.kind not in (
            ElementType.DIALOGUE,
            ElementType.PARENTHETICAL,
            ElementType.NOTE,
        ):
            break
        index += 1
    return index
