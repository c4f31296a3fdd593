"""Reading a screenplay PDF back into elements, from where its words sit on the page.

A screenplay's layout is its grammar: each element type has its own left edge.
Measured in characters from the 1.5" margin (10 to the inch), roughly:

    0           heading, action (a heading starts with INT/EXT/EST/I/E
                or has a scene number in the margin)
    9 – 13      dialogue (and lyrics, which look the same on paper)
    14 – 19     parenthetical
    20 – 30     character cue (``(MORE)`` and ``NAME (CONT'D)`` across a
                page break are dropped and the speech joined)
    right edge  transition (ends near 7.5" and is upper case)

Blank lines separate elements; a line that continues a paragraph is joined to it
with a space where the previous line was full (a wrap) and with a new line where
the next word would have fitted (a line break the writer typed). Page numbers,
the title page and scene numbers in the margins are not script text. Notes,
sections, synopses and boneyard are never printed, so a PDF cannot give them
back; emphasis is read back from bold and italic fonts.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay.fountain import HEADING
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import Element, ElementType, Screenplay, TitleEntry
from mosaico.screenplay.names import strip_extension

_CHAR_PT = 7.2  # 12 pt Courier: 10 characters an inch
_LEFT_PT = 108.0  # the 1.5" margin
_LINE_PT = 12.0
_LETTER_WIDTHS = {
    ElementType.ACTION: 61,
    ElementType.SCENE_HEADING: 61,
    ElementType.DIALOGUE: 36,
    ElementType.PARENTHETICAL: 26,
}
_A4_WIDTHS = {**_LETTER_WIDTHS, ElementType.DIALOGUE: 34}
_MORE = re.compile(r"^\(MORE\)$")
_CONTD = re.compile(r"\(CONT[’']D\)\s*$")


@dataclass
class _Line:
    top: float
    x0: float
    x1: float
    words: list[tuple[str, str]] = field(default_factory=list)  # (text, font name)

    @property
    def text(self) -> str:
        return " ".join(word for word, _ in self.words)

    @property
    def indent(self) -> float:
        return (self.x0 - _LEFT_PT) / _CHAR_PT


def _styled_text(words: list[tuple[str, str]]) -> str:
    """Words joined with Fountain emphasis where the font is bold or italic."""
    out: list[str] = []
    run: list[str] = []
    marker = ""

    def flush() -> None:
        if run:
            joined = " ".join(run)
            out.append(f"{marker}{joined}{marker}" if marker else joined)
            run.clear()

    for word, font in words:
        name = font.lower()
        bold, italic = "bold" in name, ("italic" in name or "oblique" in name)
        current = "***" if bold and italic else "**" if bold else "*" if italic else ""
        if current != marker:
            flush()
            marker = current
        run.append(word)
    flush()
    return " ".join(out)


def _lines_of(page: object) -> list[_Line]:
    words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=True)  # type: ignore[attr-defined]
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1].top - word["top"]) < 2:
            line = lines[-1]
            gap = round((word["x0"] - line.x1) / _CHAR_PT)
            if gap > 6:  # a separate column: a scene number in the right margin
                lines.append(
                    _Line(word["top"], word["x0"], word["x1"], [(word["text"], word["fontname"])])
                )
                continue
            line.words.append(
                (("" if gap <= 1 else " " * (gap - 1)) + word["text"], word["fontname"])
            )
            line.x1 = word["x1"]
        else:
            lines.append(
                _Line(word["top"], word["x0"], word["x1"], [(word["text"], word["fontname"])])
            )
    return lines


def _kind_for(line: _Line, page_width_pt: float) -> ElementType:
    indent = line.indent
    text = line.text
    centre = (line.x0 + line.x1) / 2
    text_centre = _LEFT_PT + 30.5 * _CHAR_PT
    if abs(centre - text_centre) < 4 and abs(indent - 22) > 0.5 and indent > 3:
        return ElementType.CENTERED  # centred text; cues sit at 3.7", 22 characters in
    if indent >= 20 and indent <= 31 and text.upper() == text:
        return ElementType.CHARACTER
    if 13.5 <= indent < 20 and text.startswith("("):
        return ElementType.PARENTHETICAL
    if 8.5 <= indent < 13.5:
        return ElementType.DIALOGUE
    right_edge = (page_width_pt - 72 - line.x1) / _CHAR_PT
    if indent > 12 and right_edge < 2 and text.upper() == text:
        return ElementType.TRANSITION
    if indent > 3:
        return ElementType.CENTERED
    if HEADING.match(text):
        return ElementType.SCENE_HEADING
    return ElementType.ACTION


def _wraps(previous: str, line: str, kind: ElementType, widths: dict[ElementType, int]) -> bool:
    """Whether ``line`` continues ``previous`` because the last line was full."""
    width = widths.get(kind, 61)
    last = previous.rsplit("\n", 1)[-1]
    return len(last) + 1 + len(line.split(" ", 1)[0]) > width


def _join(previous: str, line: str, kind: ElementType, widths: dict[ElementType, int]) -> str:
    """Join a wrapped line to its paragraph: a space where the line was full, else a break."""
    return previous + (" " if _wraps(previous, line, kind, widths) else "\n") + line


def read_pdf(data: bytes, source: str = "<pdf>", limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Read a screenplay PDF; refuse one that is not laid out as a screenplay."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(data):,} bytes is over the limit of {limits.max_bytes:,}"
        )
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFSyntaxError as exc:
        raise ScriptImportError(source, f"this PDF cannot be read ({exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds for damaged or encrypted files
        raise ScriptImportError(source, f"this PDF cannot be read ({type(exc).__name__})") from exc
    with pdf:
        if len(pdf.pages) > limits.max_pdf_pages:
            raise LimitExceeded(
                f"{source}: {len(pdf.pages):,} pages is over the limit of {limits.max_pdf_pages:,} (max_pdf_pages)"
            )
        reader = _Assembler()
        title_page: list[TitleEntry] = []
        monospace_pages = 0
        deadline = time.monotonic() + limits.seconds
        for number, page in enumerate(pdf.pages, start=1):
            if time.monotonic() > deadline:
                raise LimitExceeded(
                    f"{source}: reading took longer than {limits.seconds:g} s "
                    f"(setting MOSAICO_READ_SECONDS), stopped at page {number}"
                )
            try:
                lines = _lines_of(page)
            except Exception as exc:
                raise ScriptImportError(
                    source, f"page {number} cannot be read ({type(exc).__name__})"
                ) from exc
            if not lines:
                continue
            if _is_monospace(lines):
                monospace_pages += 1
            body = [line for line in lines if line.top >= 60]  # page numbers sit at 0.5"
            if number == 1 and _looks_like_title_page(body):
                title_page = _read_title(body)
                continue
            reader.page(body, float(page.width), float(page.height))
        elements = reader.finish()
    if (
        not elements
        or monospace_pages == 0
        or not any(e.kind in (ElementType.SCENE_HEADING, ElementType.CHARACTER) for e in elements)
    ):
        raise ScriptImportError(
            source,
            "this PDF does not look like a screenplay (no monospaced pages with scene headings or "
            "character cues at the usual indents)",
        )
    return Screenplay(title_page=tuple(title_page), elements=tuple(elements))


class _Assembler:
    """Turns positioned lines, page after page, into elements."""

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.kind: ElementType | None = None
        self.text = ""
        self.number: str | None = None
        self.last_top = -100.0
        self.carry = False  # a speech or an action runs on from the previous page
        self.more = False  # the previous page ended a speech with (MORE)

    def flush(self) -> None:
        if self.kind is not None:
            self.elements.append(_element(self.kind, self.text, self.number))
        self.kind, self.text, self.number = None, "", None

    def page(self, lines: list[_Line], width: float, height: float) -> None:
        capacity = 55 if height < 800 else 57  # US Letter or A4
        widths = _LETTER_WIDTHS if height < 800 else _A4_WIDTHS
        last_row_top = 72 + (capacity - 1) * _LINE_PT - 2
        for line in lines:
            if line.x0 < _LEFT_PT - 20 or line.indent > 62:  # scene numbers in the margins
                if self.kind is ElementType.SCENE_HEADING and self.number is None:
                    self.number = line.text
                continue
            kind = _kind_for(line, width)
            text = line.text if kind is ElementType.CHARACTER else _styled_text(line.words)
            # A paragraph split by a page break ends its page on a full (wrapped) line.
            runs_on = self.carry and _wraps(self.text, text, kind, widths)
            contiguous = abs(line.top - self.last_top - _LINE_PT) < 2 or runs_on
            self.last_top = line.top
            if kind is ElementType.CHARACTER and _MORE.match(text):
                self.more = True
                continue
            if kind is ElementType.CHARACTER and self.more and _CONTD.search(text):
                self.more = False
                self.carry = True
                continue  # NAME (CONT'D) at the top of the page: the speech goes on
            if self.kind is ElementType.PARENTHETICAL and contiguous and 13.5 <= line.indent < 20:
                kind = ElementType.PARENTHETICAL
            if self.kind is ElementType.SCENE_HEADING and contiguous and line.indent < 0.5:
                kind = ElementType.SCENE_HEADING  # a long heading wraps
            joins = kind in (
                ElementType.ACTION,
                ElementType.DIALOGUE,
                ElementType.PARENTHETICAL,
                ElementType.CENTERED,
                ElementType.SCENE_HEADING,
            )
            if contiguous and joins and kind is self.kind:
                self.text = (
                    _join(self.text, text, kind, widths)
                    if kind is not ElementType.CENTERED
                    else f"{self.text}\n{text.strip()}"
                )
            else:
                self.flush()
                self.kind, self.text = kind, text
            self.carry = False
        # What ran to the foot of a full page may go on at the top of the next.
        self.carry = (
            self.kind in (ElementType.ACTION, ElementType.DIALOGUE)
            and self.last_top >= last_row_top
        )
        self.last_top = -100.0

    def finish(self) -> list[Element]:
        self.flush()
        return self.elements


def _element(kind: ElementType, text: str, number: str | None) -> Element:
    if kind is ElementType.CHARACTER:
        name, extension = strip_extension(text)
        return Element(kind, name, extension=extension)
    if kind is ElementType.SCENE_HEADING:
        return Element(kind, text, scene_number=number)
    if kind is ElementType.CENTERED:
        return Element(kind, text.strip())
    return Element(kind, text)


def _is_monospace(lines: list[_Line]) -> bool:
    fonts = [font.lower() for line in lines for _, font in line.words]
    mono = sum(1 for font in fonts if "mono" in font or "courier" in font)
    return mono >= len(fonts) * 0.8


def _looks_like_title_page(lines: list[_Line]) -> bool:
    """A first page of few lines, centred, with no screenplay element at the usual indents."""
    return (
        len(lines) < 20
        and not any(HEADING.match(line.text) for line in lines)
        and any(abs((line.x0 + line.x1) / 2 - 306) < 20 for line in lines)
    )


def _read_title(lines: list[_Line]) -> list[TitleEntry]:
    centred = [line.text for line in lines if abs((line.x0 + line.x1) / 2 - 306) < 20]
    others = [line.text for line in lines if abs((line.x0 + line.x1) / 2 - 306) >= 20]
    entries = [TitleEntry("Title", centred[0])] if centred else []
    rest = centred[1:]
    if rest:
        entries.append(TitleEntry("Credit", rest[0]))
    if len(rest) > 1:
        entries.append(TitleEntry("Author", rest[1]))
    if others:
        entries.append(TitleEntry("Contact", "\n".join(others)))
    return entries
