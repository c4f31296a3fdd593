"""Fountain 1.1: read a script into elements, and write elements back as Fountain.

A paragraph is a run of non-blank lines ("blank" means empty or only spaces,
except a line of exactly two spaces, which keeps a paragraph going as an empty
line). The line that starts a paragraph decides its kind, tried in this order
(``classify`` is the one place this precedence lives):

    [[ note ]]                   a paragraph that is only a note
    ===                          page break
    = text                       synopsis
    #, ##, ###                   section (depth = number of #)
    .HEADING  (not ..)           forced scene heading
    > text <                     centred text
    > text                       forced transition
    ~ text                       lyrics
    ! text                       forced action
    @Name                        forced character cue (a non-blank line must follow)
    INT. / EXT. / EST. / I/E …   scene heading, after a blank line (English and Spanish alike)
    UPPER CASE ENDING IN TO:     transition, between blank lines, no trailing space
    NAME (ext) [^]               character cue: after a blank line, a non-blank line follows
    anything else                action

A cue is followed by parentheticals ``(…)``, dialogue and ``~`` lyrics up to the
next blank line. Boneyard ``/* */`` is removed before anything else; inline notes
are removed from the text they sit in without splitting it. Emphasis markers and
``\\`` escapes are kept as written, so the writer can put them back unchanged.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import (
    DualSide,
    Element,
    ElementType,
    ReadWarning,
    Screenplay,
    TitleEntry,
)

# The spec's heading prefixes; Spanish uses the same abbreviations. EXT/INT is not
# among them (Big Fish writes it twice, and every other reader keeps those as action).
HEADING = re.compile(r"^(?:INT\.?/EXT|INT\./EXT|I/E|INT|EXT|EST)(?:\.|\s)", re.IGNORECASE)
SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#\s*$")
_SCENE_NUMBER_CHARS = re.compile(r"[\w.\-]+")
TITLE_KEY = re.compile(r"^([A-Za-z][\w \-]{0,40}):(.*)$")
KNOWN_TITLE_KEYS = frozenset(
    ("title", "credit", "author", "authors", "source", "draft date", "date", "contact",
     "copyright", "notes", "revision", "episode", "format")
)  # fmt: skip
PAGE_BREAK = re.compile(r"^\s*={3,}\s*$")
NOTE_ONLY = re.compile(r"^\s*\[\[(.*)\]\]\s*$", re.DOTALL)
INLINE_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
CUE = re.compile(r"^(?P<name>[^(^]*?)\s*(?P<ext>\(.*\))?\s*(?P<dual>\^)?\s*$")

#: A blank line that keeps a paragraph going (Fountain's "two spaces" rule).
KEEP_BLANK = "  "
#: First characters that force a kind (or may start a page break, note or section).
MARKS = frozenset("=#.>~!@")
SPEECH = (ElementType.DIALOGUE, ElementType.PARENTHETICAL, ElementType.LYRICS)
_NO_CONTENT = "no screenplay content (nothing but blank lines, boneyard or notes)"


def parse(text: str, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Read Fountain text. Raises ``ScriptImportError`` naming ``source`` and the line."""
    if len(text) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(text):,} characters is over the limit of {limits.max_bytes:,}"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ScriptImportError(source, "this is not a text file (it contains NUL bytes)")
    if not text.strip():
        raise ScriptImportError(source, "no screenplay content (the file is empty)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if max(map(len, lines)) > limits.max_line_chars:  # one C-speed pass; find it only if needed
        number = next(n for n, line in enumerate(lines, 1) if len(line) > limits.max_line_chars)
        raise ScriptImportError(
            source,
            f"a line of {len(lines[number - 1]):,} characters is longer than the limit of "
            f"{limits.max_line_chars:,}",
            line=number,
        )
    screenplay = parse_lines(lines, source=source, limits=limits)
    if not screenplay.elements and not screenplay.title_page:
        raise ScriptImportError(source, _NO_CONTENT)
    return screenplay


def parse_lines(
    lines: Sequence[str], source: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> Screenplay:
    """Read Fountain already split into lines (no line endings)."""
    numbers, kept, warnings = _remove_boneyard(lines)
    start, title_page = _read_title_page(kept)
    reader = _BodyReader(numbers[start:], kept[start:], source, limits)
    elements = reader.read()
    return Screenplay(
        title_page=tuple(title_page),
        elements=tuple(elements),
        warnings=tuple(warnings + reader.warnings),
    )


def classify(line: str, stripped: str, after_blank: bool, next_blank: bool) -> ElementType:
    """The kind of paragraph that ``line`` starts (``stripped`` is ``line.strip()``, not empty).

    Notes are not decided here: a ``[[`` paragraph is a note only if the whole
    paragraph is one note, which needs the lines that follow.
    """
    first = stripped[0]
    if first in MARKS:
        if first == "=":
            if PAGE_BREAK.match(stripped):
                return ElementType.PAGE_BREAK
            if not stripped.startswith("=="):
                return ElementType.SYNOPSIS
        elif first == "#":
            return ElementType.SECTION
        elif first == ".":
            if len(stripped) > 1 and stripped[1] not in ". \t":
                return ElementType.SCENE_HEADING
        elif first == ">":
            if len(stripped) > 1 and stripped.endswith("<"):
                return ElementType.CENTERED
            return ElementType.TRANSITION
        elif first == "~":
            return ElementType.LYRICS
        elif first == "!":
            return ElementType.ACTION
        elif len(stripped) > 1 and not next_blank:  # "@"
            return ElementType.CHARACTER
    if not after_blank:
        return ElementType.ACTION
    # The spec wants a blank line after a heading too; a writer who forgets it still
    # means a heading (never a character called "INT. HOUSE"), so it is not required.
    if HEADING.match(stripped):
        return ElementType.SCENE_HEADING
    if next_blank:
        if stripped.endswith("TO:") and stripped.isupper() and line[-1] not in " \t":
            return ElementType.TRANSITION
        return ElementType.ACTION
    # A cue is upper case: ``isupper`` needs one cased letter (R2D2 yes, 23 no) and
    # knows accented capitals (ÉRIKA, DOÑA CHAYO). Extensions may be in any case.
    if not first.islower() and split_cue(stripped)[0].isupper():
        return ElementType.CHARACTER
    return ElementType.ACTION


def split_cue(line: str) -> tuple[str, str | None, bool]:
    """Split a cue line into name, extension and whether it ends in ``^``.

    ``BOB (V.O.) (CONT'D) ^`` gives ``("BOB", "(V.O.) (CONT'D)", True)``; with
    unbalanced brackets the whole line is the name. (String methods, not ``CUE``:
    this runs for every paragraph that could be a cue.)
    """
    body = line.strip()
    if body[:1] == "@":
        body = body[1:]
    dual = body.endswith("^")
    if dual:
        body = body.rstrip("^").rstrip()
    cut = body.find("(")
    if cut < 0 or not body.endswith(")") or "^" in body[:cut]:  # "AND ^ (Dual)" is no cue
        return body.strip(), None, dual
    return body[:cut].strip(), body[cut:], dual


# --- preparation -----------------------------------------------------------------


def _remove_boneyard(lines: Sequence[str]) -> tuple[list[int], list[str], list[ReadWarning]]:
    """Drop ``/* … */`` spans (they may cross lines); keep each line's original number.

    A line that held nothing but boneyard disappears rather than becoming a blank line,
    so a comment inside a paragraph does not split it; blank lines inside a long
    boneyard stay, so what was around it still ends its paragraph there. A ``/*``
    that never closes would hide the rest of the script: it is kept as text, with a
    warning naming its line.
    """
    if "/*" not in "\n".join(lines):  # one C-speed scan for the common case
        return list(range(1, len(lines) + 1)), list(lines), []
    numbers: list[int] = []
    kept: list[str] = []
    inside = False
    opened = (0, 0)  # where the open boneyard began: its line number and len(kept) then
    for number, line in enumerate(lines, start=1):
        if not inside and "/*" not in line:
            numbers.append(number)
            kept.append(line)
            continue
        out: list[str] = []
        rest = line
        while rest:
            if inside:
                end = rest.find("*/")
                if end < 0:
                    break
                rest = rest[end + 2 :]
                inside = False
            else:
                begin = rest.find("/*")
                if begin < 0:
                    out.append(rest)
                    break
                out.append(rest[:begin])
                rest = rest[begin + 2 :]
                inside = True
                opened = (number, len(kept))
        cleaned = "".join(out)
        if cleaned.strip() or not line.strip():
            numbers.append(number)
            kept.append(cleaned)
    if not inside:
        return numbers, kept, []
    first, cut = opened
    warning = ReadWarning(first, "a boneyard /* is never closed with */; kept as text")
    return (
        numbers[:cut] + list(range(first, len(lines) + 1)),
        kept[:cut] + list(lines[first - 1 :]),
        [warning],
    )


def _read_title_page(lines: list[str]) -> tuple[int, list[TitleEntry]]:
    """Read ``Key: value`` pairs at the very top; indented lines continue a value."""
    entries: list[TitleEntry] = []
    # Blank lines before the title page are tolerated (Charade has one).
    skip = 0
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    if skip == len(lines) or not _is_title_key(lines[skip]):
        return 0, entries
    key: str | None = None
    values: list[str] = []
    index = skip
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        indented = line.startswith((" ", "\t"))
        match = None if indented else TITLE_KEY.match(line)
        if match:
            if key is not None:
                entries.append(TitleEntry(key, "\n".join(values)))
            key = match.group(1).strip()
            first = match.group(2).strip()
            values = [first] if first else []
        elif key is not None and indented:
            values.append(line.strip())
        else:  # a line that is neither a key nor indented ends the title page
            break
        index += 1
    if key is not None:
        entries.append(TitleEntry(key, "\n".join(values)))
    return index, entries


def _is_title_key(line: str) -> bool:
    """A ``Key: value`` line, where the key is a known one or written in mixed case
    (``CUT TO:`` at the top of a script is a transition, not a key)."""
    match = TITLE_KEY.match(line)
    if match is None:
        return False
    key = match.group(1).strip()
    return key.casefold() in KNOWN_TITLE_KEYS or not key.isupper()


def _without_notes(text: str) -> str:
    """``text`` with every ``[[ … ]]`` taken out (what ``INLINE_NOTE.sub`` does, in
    linear time even when a ``[[`` never closes)."""
    start = text.find("[[")
    if start < 0:
        return text
    out: list[str] = []
    position = 0
    while start >= 0:
        end = text.find("]]", start + 2)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 2
        start = text.find("[[", position)
    out.append(text[position:])
    return "".join(out)


# --- the body --------------------------------------------------------------------


class _BodyReader:
    """Walks the lines once, emitting elements in order.

    ``strips`` and ``blank`` are computed once for every line, so no recogniser
    strips or tests a line twice.
    """

    def __init__(self, numbers: list[int], lines: list[str], source: str, limits: Limits) -> None:
        self.numbers = numbers
        self.lines = lines
        self.strips = [line.strip() for line in lines]
        self.blank = [
            not s and line != KEEP_BLANK for s, line in zip(self.strips, lines, strict=True)
        ]
        self.blank.append(True)  # past the end counts as blank
        self.source = source
        self.limits = limits
        self.elements: list[Element] = []
        self.emit = self.elements.append
        self.warnings: list[ReadWarning] = []

    def check_size(self) -> None:
        """Elements are never more than lines, so checking now and then bounds memory too."""
        limit = self.limits.max_elements
        if len(self.elements) > limit:
            raise LimitExceeded(
                f"{self.source}: more than {limit:,} elements "
                f"(limit max_elements), at line {self.elements[limit].line}"
            )

    def read(self) -> list[Element]:
        strips, total = self.strips, len(self.lines)
        deadline = time.monotonic() + self.limits.seconds
        checked = 0
        index = 0
        while index < total:
            if index - checked >= 2048:  # look at the clock now and then, not every line
                checked = index
                self.check_size()
                if time.monotonic() > deadline:
                    raise LimitExceeded(
                        f"{self.source}: reading took longer than {self.limits.seconds:g} s "
                        f"(setting MOSAICO_READ_SECONDS), stopped at line {self.numbers[index]}"
                    )
            stripped = strips[index]
            if not stripped:  # blank, or a stray two-space line between paragraphs
                index += 1
                continue
            index = self.read_paragraph(index, stripped)
        self.check_size()
        return self.elements

    def read_paragraph(self, index: int, stripped: str) -> int:
        """Read the paragraph starting at ``index``; return the index of the next unread line."""
        number = self.numbers[index]
        if stripped.startswith("[["):
            end = self.read_note(index, number)
            if end is not None:
                return end
        after_blank = index == 0 or not self.strips[index - 1]
        kind = classify(self.lines[index], stripped, after_blank, self.blank[index + 1])
        if kind is ElementType.ACTION:
            return self.read_action(index, forced=stripped[0] == "!")
        if kind is ElementType.CHARACTER:
            return self.read_dialogue(index, stripped)
        if kind is ElementType.SCENE_HEADING:
            self.emit_heading(stripped[1:] if stripped[0] == "." else stripped, number)
        elif kind is ElementType.SECTION:
            depth = len(stripped) - len(stripped.lstrip("#"))
            self.emit(Element(kind, stripped[depth:].strip(), depth=depth, line=number))
        elif kind is ElementType.SYNOPSIS:
            self.emit(Element(kind, stripped[1:].strip(), line=number))
        elif kind is ElementType.TRANSITION:
            self.emit(Element(kind, stripped.removeprefix(">").strip(), line=number))
        elif kind is ElementType.PAGE_BREAK:
            self.emit(Element(kind, line=number))
        elif kind is ElementType.CENTERED:
            return self.read_centered(index)
        elif kind is ElementType.LYRICS:
            return self.read_lyrics(index)
        return index + 1

    def emit_heading(self, text: str, number: int) -> None:
        scene_number = None
        if text.endswith("#"):  # "#12A#" at the end; found with rfind, never a backtracking search
            opening = text.rfind("#", 0, len(text) - 1)
            if opening >= 0 and _SCENE_NUMBER_CHARS.fullmatch(text, opening + 1, len(text) - 1):
                scene_number = text[opening + 1 : -1]
                text = text[:opening]
        self.emit(
            Element(ElementType.SCENE_HEADING, text.strip(), scene_number=scene_number, line=number)
        )

    def read_note(self, index: int, number: int) -> int | None:
        """A paragraph that is only a note (possibly over several lines) becomes a NOTE."""
        parts: list[str] = []
        end = index
        while not self.blank[end]:
            parts.append(self.lines[end])
            end += 1
            if "]]" in parts[-1]:
                break
        match = NOTE_ONLY.match("\n".join(parts))
        if match is None or "]]" in match.group(1) or not self.blank[end]:
            return None
        self.emit(Element(ElementType.NOTE, match.group(1).strip(), line=number))
        return end

    def read_centered(self, index: int) -> int:
        number, strips = self.numbers[index], self.strips
        texts: list[str] = []
        while not self.blank[index]:
            stripped = strips[index]
            if not (stripped.startswith(">") and stripped.endswith("<") and len(stripped) > 1):
                break
            texts.append(stripped[1:-1].strip())
            index += 1
        self.emit(Element(ElementType.CENTERED, "\n".join(texts), line=number))
        return index

    def read_lyrics(self, index: int) -> int:
        number, strips = self.numbers[index], self.strips
        texts: list[str] = []
        while index < len(strips) and strips[index].startswith("~"):
            texts.append(strips[index][1:].strip())
            index += 1
        self.emit(Element(ElementType.LYRICS, "\n".join(texts), line=number))
        return index

    def read_action(self, index: int, forced: bool) -> int:
        lines, strips, blank = self.lines, self.strips, self.blank
        number, first = self.numbers[index], lines[index]
        texts = [first.lstrip()[1:] if forced else first]
        index += 1
        while not blank[index]:
            stripped = strips[index]
            # A page break or a sung line ends the paragraph without a blank line.
            if stripped.startswith("~") or (stripped[:1] == "=" and PAGE_BREAK.match(stripped)):
                break
            texts.append(lines[index] if stripped else "")
            index += 1
        text = _without_notes("\n".join(texts)).rstrip().lstrip("\n")
        if text.strip():
            self.emit(Element(ElementType.ACTION, text, line=number))
        return index

    def read_dialogue(self, index: int, stripped: str) -> int:
        name, extension, dual = split_cue(stripped)
        if dual:
            self.mark_left_cue()
        side = DualSide.RIGHT if dual else None
        self.emit(
            Element(
                ElementType.CHARACTER,
                name,
                extension=extension,
                dual=side,
                line=self.numbers[index],
            )
        )
        strips, blank, numbers = self.strips, self.blank, self.numbers
        index += 1
        speech: list[str] = []
        speech_line = 0
        while not blank[index]:
            stripped = strips[index]
            if stripped.startswith("~"):  # a sung line inside a speech is lyrics
                self.flush_dialogue(speech, speech_line)
                speech = []
                index = self.read_lyrics(index)
                continue
            if stripped.startswith("(") and stripped.endswith(")"):
                self.flush_dialogue(speech, speech_line)
                speech = []
                self.emit(Element(ElementType.PARENTHETICAL, stripped, line=numbers[index]))
            else:
                if not speech:
                    speech_line = numbers[index]
                speech.append(stripped)
            index += 1
        self.flush_dialogue(speech, speech_line)
        return index

    def flush_dialogue(self, speech: list[str], number: int) -> None:
        if not speech:
            return
        text = _without_notes("\n".join(speech)).strip("\n")
        if text.strip():
            self.emit(Element(ElementType.DIALOGUE, text, line=number))

    def mark_left_cue(self) -> None:
        """The cue before a ``^`` cue is the left column of a dual dialogue."""
        for position in range(len(self.elements) - 1, -1, -1):
            element = self.elements[position]
            if element.kind is ElementType.CHARACTER:
                self.elements[position] = Element(
                    element.kind,
                    element.text,
                    extension=element.extension,
                    dual=DualSide.LEFT,
                    line=element.line,
                )
                return
            if element.kind not in SPEECH:
                return


# --- writing ---------------------------------------------------------------------


def write(screenplay: Screenplay) -> str:
    """Fountain text that ``parse`` reads back to the same elements (see ``fountain_writer``)."""
    from mosaico.screenplay.fountain_writer import write_fountain

    return write_fountain(screenplay)
