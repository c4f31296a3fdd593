"""Reading a screenplay PDF back into elements, from where its words sit on the page.

A screenplay's layout is its grammar: each element type has its own left edge.
In characters from the 1.5" margin (10 to the inch), as mosaico prints them:

    0           heading (starts with INT/EXT/EST/I/E, or has a scene number in
                a margin), else action
    10          dialogue (and lyrics, which look the same on paper)
    16          parenthetical (starts with "(", or continues one)
    22          character cue, in capitals (``(MORE)`` and ``NAME (CONT'D)``
                around a page break are dropped and the speech joined)
    right edge  transition: capitals ending on the last column
    centre      centred text

Other programs shift the speech columns by a character or two, so ``_calibrate``
measures them on the document (a cue is a line in capitals with a less indented
line right below it) and each kind takes the band around its column. A line is
read with the line above and below it: dialogue and parentheticals only under a
cue, and capitals in the cue column are a cue only with a speech below them.

Blank lines part paragraphs. A line that continues a paragraph joins it with a
space where the previous line was full (the layout wrapped it) and with a line
break where the next word would have fitted (the writer broke the line). An
action paragraph that runs on at the top of the next page is joined to the one
that ended the page when the page-break rules say it must be one paragraph (it
would have fitted, or would have been split, had it been a new one).

Not script text: page numbers, scene numbers in the margins (they become the
heading's ``scene_number``) and the title page (read back by position: the
centred groups are title, credit, author and source; bottom left is the
contact; bottom right the draft date).

What a PDF cannot give back: notes, sections, synopses and boneyard are never
printed; underline is a drawn line, not a font, so it is lost (bold and italic
come back from the font names); lyrics read as dialogue; dual dialogue reads as
two speeches one after the other; ``===`` page breaks are not marked on paper.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay.fountain import HEADING
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import Element, ElementType, Screenplay, TitleEntry
from mosaico.screenplay.paginate import LAYOUTS, LINE_WIDTH, LINES_PER_PAGE, Paper

K = ElementType
_CHAR_PT = 7.2  # 12 pt Courier: 10 characters an inch
_LEFT_PT = 108.0  # the 1.5" margin
_TOP_PT = 72.0
_LINE_PT = 12.0
_CONTD = ("(CONT'D)", "(CONT’D)", "(CONT.)", "(CONTINUED)")
_JOINING = frozenset({K.ACTION, K.DIALOGUE, K.PARENTHETICAL, K.CENTERED, K.SCENE_HEADING})
_ADJACENT_MARKERS = tuple(re.compile(rf"(?<!\*)\*{{{n}}} \*{{{n}}}(?!\*)") for n in (3, 2, 1))
_CREDIT_WORDS = frozenset(
    {"by", "written", "screenplay", "teleplay", "story", "por", "escrito", "guion"}
)


@dataclass
class _Line:
    """Words on one baseline, inside the text column."""

    top: float
    x0: float
    x1: float
    words: list[tuple[str, str]] = field(default_factory=list)  # (text, font name)

    @property
    def text(self) -> str:
        return "".join(word for word, _ in self.words)

    @property
    def indent(self) -> float:
        return (self.x0 - _LEFT_PT) / _CHAR_PT

    @property
    def row(self) -> int:
        return round((self.top - _TOP_PT) / _LINE_PT)


@dataclass(frozen=True, slots=True)
class _Geometry:
    """What a page's paper says about its layout."""

    paper: Paper
    width_pt: float
    height_pt: float

    @property
    def columns(self) -> int:
        return LINE_WIDTH[self.paper]

    @property
    def right_pt(self) -> float:
        return _LEFT_PT + self.columns * _CHAR_PT

    @property
    def capacity(self) -> int:
        return LINES_PER_PAGE[self.paper]

    def width(self, kind: ElementType) -> int:
        return LAYOUTS[self.paper].get(kind, (0, self.columns))[1]


def _geometry(page: Any) -> _Geometry:
    width, height = float(page.width), float(page.height)
    return _Geometry(Paper.A4 if width < 603 else Paper.LETTER, width, height)


def _styled(words: list[tuple[str, str]]) -> str:
    """Words with Fountain emphasis markers where the font is bold or italic."""
    out: list[str] = []
    for word, font in words:
        name = font.lower()
        bold, italic = "bold" in name, ("italic" in name or "oblique" in name)
        marker = "***" if bold and italic else "**" if bold else "*" if italic else ""
        core = word.strip(" ")
        if marker and core:
            lead = word[: len(word) - len(word.lstrip(" "))]
            out.append(f"{lead}{marker}{core}{marker}")
        else:
            out.append(word)
    text = "".join(out)
    for pattern in _ADJACENT_MARKERS:  # one run of emphasis, not a marker per word
        text = pattern.sub(" ", text)
    return text


def _read_page(
    page: Any, geometry: _Geometry, *, columns: bool = False
) -> tuple[list[_Line], list[tuple[float, str]]]:
    """Lines of the text column, and the words in the margins with their tops.

    With ``columns``, words far apart on one baseline make separate lines (a title
    page's contact and draft date share the bottom line).
    """
    words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=True)
    lines: list[_Line] = []
    margins: list[tuple[float, str]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if word["x0"] < _LEFT_PT - 12 or word["x0"] > geometry.right_pt + 3:
            margins.append((word["top"], word["text"]))
            continue
        gap = round((word["x0"] - lines[-1].x1) / _CHAR_PT) if lines else 0
        if lines and abs(lines[-1].top - word["top"]) < 2 and not (columns and gap > 8):
            line = lines[-1]
            gap = max(1, gap)
            line.words.append((" " * gap + word["text"], word["fontname"]))
            line.x1 = word["x1"]
        else:
            lines.append(
                _Line(word["top"], word["x0"], word["x1"], [(word["text"], word["fontname"])])
            )
    return lines, margins


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where this PDF puts speeches, in characters from the 1.5" margin.

    mosaico prints dialogue at 10, parentheticals at 16 and cues at 22; other
    programs shift them a character or two (screenplain: 9, 13, 19), so the
    columns are measured on the document: a cue is a line in capitals with a
    less indented line right below it.
    """

    dialogue: float = 10
    parenthetical: float = 16
    cue: float = 22

    def is_dialogue(self, indent: float) -> bool:
        return self.dialogue - 1.5 <= indent < (self.dialogue + self.parenthetical) / 2

    def is_parenthetical(self, indent: float) -> bool:
        return (
            (self.dialogue + self.parenthetical) / 2 <= indent < (self.parenthetical + self.cue) / 2
        )

    def is_cue(self, indent: float) -> bool:
        return (self.parenthetical + self.cue) / 2 <= indent <= self.cue + 9

    def is_speech(self, indent: float) -> bool:
        return self.dialogue - 1.5 <= indent < (self.parenthetical + self.cue) / 2


def _calibrate(pages: list[list[_Line]]) -> _Columns:
    cues: Counter[int] = Counter()
    dialogue: Counter[int] = Counter()
    parentheticals: Counter[int] = Counter()
    for lines in pages:
        for above, below in pairwise(lines):
            text = above.text
            if (
                below.row == above.row + 1
                and 4 < below.indent < above.indent - 2
                and text.upper() == text
                and any(char.isalpha() for char in text)
            ):
                cues[round(above.indent)] += 1
                target = parentheticals if below.text.startswith("(") else dialogue
                target[round(below.indent)] += 1
    default = _Columns()
    if sum(cues.values()) < 2 or not dialogue:
        return default
    cue = cues.most_common(1)[0][0]
    speech = dialogue.most_common(1)[0][0]
    paren = (
        parentheticals.most_common(1)[0][0]
        if parentheticals
        else speech + default.parenthetical - default.dialogue
    )
    if not speech < paren < cue:
        return default
    return _Columns(float(speech), float(paren), float(cue))


def _kind_for(
    line: _Line,
    geometry: _Geometry,
    columns: _Columns,
    *,
    numbered: bool = False,
    after: ElementType | None = None,
    before: _Line | None = None,
) -> ElementType:
    """The kind of a line from its place, ``after`` the kind of the line right above it
    (``None`` after a blank line) and ``before`` the line right below it, if any."""
    indent, text = line.indent, line.text
    in_speech = after in (K.CHARACTER, K.PARENTHETICAL, K.DIALOGUE)
    if in_speech and columns.is_dialogue(indent):
        return K.DIALOGUE
    if (
        in_speech
        and columns.is_parenthetical(indent)
        and (text.startswith("(") or after is K.PARENTHETICAL)
    ):
        return K.PARENTHETICAL
    upper = text.upper() == text
    centred = abs((line.x0 + line.x1) / 2 - (_LEFT_PT + geometry.right_pt) / 2) < 4
    # A cue has its speech right below it; centred capitals may start in its column too.
    speech_below = before is not None and columns.is_speech(before.indent)
    on_cue = abs(indent - columns.cue) < 0.5
    if columns.is_cue(indent) and upper and (not centred or (on_cue and speech_below)):
        return K.CHARACTER
    if centred and indent > 3:
        return K.CENTERED
    if indent > 12 and upper and geometry.right_pt - line.x1 < 2 * _CHAR_PT:
        return K.TRANSITION
    if columns.is_dialogue(indent):
        return K.DIALOGUE  # dialogue with no cue above it
    if columns.is_parenthetical(indent) and text.startswith("("):
        return K.PARENTHETICAL
    if indent > 3:
        return K.CENTERED
    if numbered or HEADING.match(text):
        return K.SCENE_HEADING
    return K.ACTION


def read_pdf(data: bytes, source: str = "<pdf>", limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Read a screenplay PDF; refuse one that is not laid out as a screenplay."""
    import pdfplumber

    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(data):,} bytes is over the limit of {limits.max_bytes:,}"
        )
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for damaged or encrypted files
        raise ScriptImportError(source, _why_unreadable(exc)) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise ScriptImportError(source, _why_unreadable(exc)) from exc
        if len(pages) > limits.max_pdf_pages:
            raise LimitExceeded(
                f"{source}: {len(pages):,} pages is over the limit of "
                f"{limits.max_pdf_pages:,} (max_pdf_pages)"
            )
        title_page: list[TitleEntry] = []
        monospace = False
        read: list[tuple[list[_Line], list[tuple[float, str]], _Geometry]] = []
        deadline = time.monotonic() + limits.seconds
        for number, page in enumerate(pages, start=1):
            if time.monotonic() > deadline:
                raise LimitExceeded(
                    f"{source}: reading took longer than {limits.seconds:g} s "
                    f"(setting MOSAICO_READ_SECONDS), stopped at page {number}"
                )
            geometry = _geometry(page)
            try:
                lines, margins = _read_page(page, geometry)
            except Exception as exc:
                raise ScriptImportError(
                    source, f"page {number} cannot be read ({type(exc).__name__})"
                ) from exc
            monospace = monospace or _is_monospace(lines)
            body = [line for line in lines if line.top >= _TOP_PT - 6]  # page numbers sit at 0.5"
            if number == 1 and _looks_like_title_page(body, geometry):
                title_page = _read_title(_read_page(page, geometry, columns=True)[0], geometry)
                continue
            read.append((body, margins, geometry))
        reader = _Assembler(_calibrate([body for body, _, _ in read]))
        for body, margins, geometry in read:
            reader.page(body, margins, geometry)
        elements = reader.finish()
    if not monospace or not any(e.kind in (K.SCENE_HEADING, K.CHARACTER) for e in elements):
        raise ScriptImportError(
            source,
            "this PDF does not look like a screenplay (no pages in a monospaced font with "
            "scene headings or character cues at the usual indents)",
        )
    return Screenplay(title_page=tuple(title_page), elements=tuple(elements))


def _why_unreadable(exc: Exception) -> str:
    causes = [exc, *getattr(exc, "args", ()), exc.__cause__, exc.__context__]
    if any(type(cause).__name__.startswith("PDFPassword") for cause in causes):
        return "this PDF is encrypted with a password; save an unprotected copy and import that"
    if any(type(cause).__name__ == "PDFEncryptionError" for cause in causes):
        return "this PDF is encrypted in a way that cannot be read; save an unprotected copy"
    return f"this is not a readable PDF ({type(exc).__name__}: {str(exc)[:120] or 'damaged file'})"


class _Assembler:
    """Turns positioned lines, page after page, into elements."""

    def __init__(self, columns: _Columns) -> None:
        self.columns = columns
        self.elements: list[Element] = []
        self.kind: ElementType | None = None
        self.text = ""
        self.printed = ""  # the last line printed, as it stands on the page
        self.number: str | None = None
        self.last_row = -2
        self.more = False  # the previous page ended a speech with (MORE)
        self.unused = -1  # rows left empty at the foot of the previous page, if it ended in action

    def flush(self) -> None:
        if self.kind is not None:
            self.elements.append(_element(self.kind, self.text, self.number))
        self.kind, self.text, self.number = None, "", None

    def page(
        self, lines: list[_Line], margins: list[tuple[float, str]], geometry: _Geometry
    ) -> None:
        numbers = {round(top): text for top, text in margins}
        runs_on = self._runs_on(lines, geometry)
        for position, line in enumerate(lines):
            number = numbers.get(round(line.top))
            contiguous = line.row == self.last_row + 1 or (position == 0 and runs_on)
            below = lines[position + 1] if position + 1 < len(lines) else None
            kind = _kind_for(
                line,
                geometry,
                self.columns,
                numbered=number is not None,
                after=self.kind if contiguous else None,
                before=below if below is not None and below.row == line.row + 1 else None,
            )
            text = line.text if kind is K.CHARACTER else _styled(line.words)
            self.last_row = line.row
            if kind is K.CHARACTER and text == "(MORE)":
                self.more = True
                continue
            if kind is K.CHARACTER and self.more and text.endswith(_CONTD):
                self.more = False  # the speech goes on right below
                continue
            if kind is K.PARENTHETICAL and self.text.endswith(")") and text.startswith("("):
                contiguous = False  # one parenthetical right under another
            if contiguous and self.kind is K.SCENE_HEADING and kind is K.ACTION:
                kind = K.SCENE_HEADING  # a long heading that wraps
            if contiguous and kind is self.kind and kind in _JOINING:
                if kind is K.CENTERED:
                    self.text = f"{self.text}\n{text.strip()}"
                else:
                    self.text = _join(self.text, self.printed, text, geometry.width(kind))
            else:
                self.flush()
                self.kind, self.text = kind, text
                if kind is K.SCENE_HEADING:
                    self.number = number
            self.printed = line.text
        last = lines[-1].row if lines else -1
        self.unused = geometry.capacity - last - 1 if self.kind is K.ACTION else -1
        self.last_row = -2

    def _runs_on(self, lines: list[_Line], geometry: _Geometry) -> bool:
        """Whether action at the top of this page goes on with the action that ended the last."""
        if self.unused < 0 or not lines or lines[0].row != 0:
            return False
        if _kind_for(lines[0], geometry, self.columns) is not K.ACTION:
            return False
        size = 1
        while size < len(lines) and lines[size].row == size and lines[size].indent < 0.5:
            size += 1
        room = self.unused - 1  # a new paragraph would have needed a blank line too
        if size <= room:
            return True  # it would have fitted on the last page as a paragraph of its own
        if size >= 4 and room >= 2:
            return True  # as a paragraph of its own it would have been split there
        return _wraps(self.printed, lines[0].text, geometry.width(K.ACTION))

    def finish(self) -> list[Element]:
        self.flush()
        return self.elements


def _wraps(printed: str, line: str, width: int) -> bool:
    """Whether ``line`` continues the ``printed`` line above it because that one was full."""
    first_word = line.lstrip().split(" ", 1)[0].replace("*", "")
    return len(printed.replace("*", "").strip()) + 1 + len(first_word) > width


def _join(previous: str, printed: str, line: str, width: int) -> str:
    """``line`` added to the paragraph ``previous``, whose last printed line was ``printed``."""
    line = line.lstrip()
    if not _wraps(printed, line, width):
        return f"{previous}\n{line}"
    if previous.endswith("*") and line.startswith("*"):
        # Emphasis that wrapped: "*one* *run*" reads back as "*one run*".
        seam = f"{previous[-8:]} {line[:8]}"
        for pattern in _ADJACENT_MARKERS:
            seam = pattern.sub(" ", seam)
        return previous[:-8] + seam + line[8:]
    return f"{previous} {line}"


def _element(kind: ElementType, text: str, number: str | None) -> Element:
    if kind is K.CHARACTER:
        cut = text.find("(")  # the extension as printed, curly apostrophes and all
        if cut <= 0:
            return Element(kind, text.strip())
        return Element(kind, text[:cut].strip(), extension=text[cut:].strip())
    if kind is K.SCENE_HEADING:
        return Element(kind, text, scene_number=number)
    if kind is K.CENTERED:
        return Element(kind, text.strip())
    return Element(kind, text)


def _is_monospace(lines: list[_Line]) -> bool:
    fonts = [font.lower() for line in lines for _, font in line.words]
    mono = sum(1 for font in fonts if "mono" in font or "courier" in font)
    return bool(fonts) and mono >= len(fonts) * 0.8


def _centred(line: _Line, geometry: _Geometry) -> bool:
    return abs((line.x0 + line.x1) / 2 - geometry.width_pt / 2) < 20


def _looks_like_title_page(lines: list[_Line], geometry: _Geometry) -> bool:
    """A first page of few lines, starting well below the top margin, with a centred block.

    A script page starts on its first row (1"); a title block is set lower.
    """
    return (
        0 < len(lines) < 30
        and min(line.top for line in lines) > 2.5 * 72
        and not any(HEADING.match(line.text) for line in lines)
        and any(_centred(line, geometry) for line in lines if line.top < geometry.height_pt / 2)
    )


def _groups(lines: list[_Line]) -> list[str]:
    """Runs of lines with no blank line between them, each as one value."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and line.top - groups[-1][-1].top < _LINE_PT * 1.5:
            groups[-1].append(line)
        else:
            groups.append([line])
    return ["\n".join(_styled(line.words).strip() for line in group) for group in groups]


def _read_title(lines: list[_Line], geometry: _Geometry) -> list[TitleEntry]:
    middle = geometry.height_pt * 0.75
    centre = [line for line in lines if line.top < middle and _centred(line, geometry)]
    foot = [line for line in lines if line.top >= middle]
    left = [line for line in foot if line.x0 < geometry.width_pt / 2]
    right = [line for line in foot if line.x0 >= geometry.width_pt / 2]
    entries: list[TitleEntry] = []
    groups = _groups(centre)
    if groups:
        entries.append(TitleEntry("Title", groups[0]))
    remaining = ["Credit", "Author", "Source"]
    for value in groups[1:]:
        words = set(value.lower().replace("*", "").split())
        credit_like = len(words) <= 4 and bool(words & _CREDIT_WORDS)
        if remaining and remaining[0] == "Credit" and not credit_like:
            remaining.pop(0)  # no credit line: this is the author
        entries.append(TitleEntry(remaining.pop(0) if remaining else "Source", value))
    others = ["Contact", "Notes"]
    for group in _groups(left):
        lowered = group.lower()
        if "©" in group or "(c)" in lowered or "copyright" in lowered:
            entries.append(TitleEntry("Copyright", group))
        else:  # a contact and notes look alike on paper: the first is taken as the contact
            entries.append(TitleEntry(others.pop(0) if others else "Notes", group))
    for key, group in zip(("Draft date", "Revision"), _groups(right), strict=False):
        entries.append(TitleEntry(key, group))
    return entries
