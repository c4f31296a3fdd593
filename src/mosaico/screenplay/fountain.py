"""Fountain 1.1: read a script into elements, and write elements back as Fountain.

The grammar, in the order the reader tries it for a line that starts a paragraph
(a paragraph is a run of non-blank lines; "blank" means empty, so a line of two
spaces keeps a paragraph going as an empty line):

    ===                          page break
    #, ##, ###                   section (depth = number of #)
    = text                       synopsis
    [[ note ]]                   a note standing alone
    .HEADING  (not ..)           forced scene heading
    INT. / EXT. / EST. / I/E …   scene heading (English and Spanish alike)
    > text <                     centred text
    > text                       forced transition
    UPPER CASE ENDING IN TO:     transition (followed by a blank line)
    ~ text                       lyrics
    ! text                       forced action
    @Name / NAME (ext) [^]       character cue, then parentheticals and dialogue
    anything else                action

Boneyard ``/* */`` is removed before anything else; inline notes are removed
from the text they sit in. Emphasis markers and ``\\`` escapes are kept as
written, so the writer can put them back unchanged.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence

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
_KEEP_BLANK = "  "


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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > limits.max_line_chars:
            raise ScriptImportError(
                source,
                f"a line of {len(line):,} characters is longer than the limit of "
                f"{limits.max_line_chars:,}",
                line=number,
            )
    return parse_lines(lines, source=source, limits=limits)


def parse_lines(
    lines: Sequence[str], source: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> Screenplay:
    """Read Fountain already split into lines (no line endings)."""
    numbered = _remove_boneyard(lines)
    start, title_page = _read_title_page(numbered)
    reader = _BodyReader(numbered[start:], source, limits)
    elements = reader.read()
    return Screenplay(
        title_page=tuple(title_page), elements=tuple(elements), warnings=tuple(reader.warnings)
    )


# --- preparation -----------------------------------------------------------------


def _remove_boneyard(lines: Sequence[str]) -> list[tuple[int, str]]:
    """Drop ``/* … */`` spans (they may cross lines); keep each line's original number.

    A line that held nothing but boneyard disappears rather than becoming a blank line,
    so a comment inside a paragraph does not split it.
    """
    kept: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(lines, start=1):
        if not inside and "/*" not in line:
            kept.append((number, line))
            continue
        out: list[str] = []
        rest = line
        touched = False
        while rest:
            if inside:
                end = rest.find("*/")
                if end < 0:
                    rest = ""
                    touched = True
                    break
                rest = rest[end + 2 :]
                inside = False
                touched = True
            else:
                begin = rest.find("/*")
                if begin < 0:
                    out.append(rest)
                    break
                out.append(rest[:begin])
                rest = rest[begin + 2 :]
                inside = True
                touched = True
        cleaned = "".join(out)
        if touched and not cleaned.strip():
            continue
        kept.append((number, cleaned))
    return kept


def _read_title_page(lines: list[tuple[int, str]]) -> tuple[int, list[TitleEntry]]:
    """Read ``Key: value`` pairs at the very top; indented lines continue a value."""
    entries: list[TitleEntry] = []
    # Blank lines before the title page are tolerated (Charade has one).
    skip = 0
    while skip < len(lines) and not lines[skip][1].strip():
        skip += 1
    first = lines[skip][1] if skip < len(lines) else ""
    if not _is_title_key(first):
        return 0, entries
    lines = lines[skip:]
    key: str | None = None
    values: list[str] = []
    index = 0
    for index, (_, line) in enumerate(lines):  # noqa: B007 - index is used after the loop
        if not line.strip():
            break
        match = TITLE_KEY.match(line)
        if match and not line.startswith((" ", "\t")):
            if key is not None:
                entries.append(TitleEntry(key, "\n".join(values)))
            key = match.group(1).strip()
            first = match.group(2).strip()
            values = [first] if first else []
        elif key is not None and line.startswith((" ", "\t")):
            values.append(line.strip())
        else:  # a line that is neither a key nor indented ends the title page
            break
    else:
        index = len(lines)
    if key is not None:
        entries.append(TitleEntry(key, "\n".join(values)))
    return skip + index, entries


def _is_title_key(line: str) -> bool:
    """A ``Key: value`` line, where the key is a known one or written in mixed case
    (``CUT TO:`` at the top of a script is a transition, not a key)."""
    match = TITLE_KEY.match(line)
    if match is None:
        return False
    key = match.group(1).strip()
    return key.casefold() in KNOWN_TITLE_KEYS or not _is_upper(key)


# --- the body --------------------------------------------------------------------


def _is_blank(line: str) -> bool:
    # Exactly two spaces is Fountain's way to keep an empty line inside a paragraph.
    return line != _KEEP_BLANK and not line.strip()


def _is_upper(text: str) -> bool:
    """True when every cased letter is upper case and there is at least one letter."""
    has_letter = False
    for char in text:
        if char.isalpha():
            has_letter = True
            if char.islower():
                return False
    return has_letter


def split_cue(line: str) -> tuple[str, str | None, bool]:
    """Split a cue line into name, extension and whether it ends in ``^``."""
    body = line.strip()
    if body.startswith("@"):
        body = body[1:]
    match = CUE.match(body)
    if match is None:  # unbalanced parentheses: keep it all as the name
        dual = body.endswith("^")
        return body.rstrip("^").strip(), None, dual
    ext = match.group("ext")
    return match.group("name").strip(), ext.strip() if ext else None, bool(match.group("dual"))


class _BodyReader:
    """Walks the numbered lines once, emitting elements in order."""

    def __init__(self, lines: list[tuple[int, str]], source: str, limits: Limits) -> None:
        self.lines = lines
        self.source = source
        self.limits = limits
        self.elements: list[Element] = []
        self.warnings: list[ReadWarning] = []

    def emit(self, element: Element) -> None:
        if len(self.elements) >= self.limits.max_elements:
            raise LimitExceeded(
                f"{self.source}: more than {self.limits.max_elements:,} elements "
                f"(limit max_elements), at line {element.line}"
            )
        self.elements.append(element)

    def blank(self, index: int) -> bool:
        """Whether line ``index`` is blank; beyond either end counts as blank."""
        if index < 0 or index >= len(self.lines):
            return True
        return _is_blank(self.lines[index][1])

    def read(self) -> list[Element]:
        index = 0
        total = len(self.lines)
        deadline = time.monotonic() + self.limits.seconds
        checked = 0
        while index < total:
            if index - checked >= 2048:  # look at the clock now and then, not every line
                checked = index
                if time.monotonic() > deadline:
                    raise LimitExceeded(
                        f"{self.source}: reading took longer than {self.limits.seconds:g} s "
                        f"(setting MOSAICO_READ_SECONDS), stopped at line {self.lines[index][0]}"
                    )
            number, line = self.lines[index]
            if _is_blank(line):
                index += 1
                continue
            index = self.read_paragraph_start(index, number, line)
        return self.elements

    # Each recogniser below returns the index of the next unread line.

    def read_paragraph_start(self, index: int, number: int, line: str) -> int:
        stripped = line.strip()
        after_blank = self.blank(index - 1)
        if PAGE_BREAK.match(line):
            self.emit(Element(ElementType.PAGE_BREAK, line=number))
            return index + 1
        if stripped.startswith("#"):
            depth = len(stripped) - len(stripped.lstrip("#"))
            self.emit(
                Element(ElementType.SECTION, stripped[depth:].strip(), depth=depth, line=number)
            )
            return index + 1
        if stripped.startswith("=") and not stripped.startswith("=="):
            self.emit(Element(ElementType.SYNOPSIS, stripped[1:].strip(), line=number))
            return index + 1
        if stripped.startswith("[["):
            note_end = self.read_note(index, number)
            if note_end is not None:
                return note_end
        if stripped.startswith(".") and len(stripped) > 1 and stripped[1] not in ". \t":
            self.emit_heading(stripped[1:], number)
            return index + 1
        # The spec wants a blank line after a heading too; a writer who forgets it still
        # means a heading (never a character called "INT. HOUSE"), so it is not required.
        if after_blank and HEADING.match(stripped):
            self.emit_heading(stripped, number)
            return index + 1
        if stripped.startswith(">") and stripped.endswith("<") and len(stripped) > 1:
            return self.read_centered(index)
        if stripped.startswith(">"):
            self.emit(Element(ElementType.TRANSITION, stripped[1:].strip(), line=number))
            return index + 1
        if (
            after_blank
            and self.blank(index + 1)
            and line.rstrip() == line
            and stripped.endswith("TO:")
            and _is_upper(stripped)
        ):
            self.emit(Element(ElementType.TRANSITION, stripped, line=number))
            return index + 1
        if stripped.startswith("~"):
            return self.read_lyrics(index)
        if stripped.startswith("!"):
            return self.read_action(index, forced=True)
        if after_blank and not self.blank(index + 1) and self.is_cue(stripped):
            return self.read_dialogue(index)
        return self.read_action(index, forced=False)

    def is_cue(self, stripped: str) -> bool:
        if stripped.startswith("@"):
            return len(stripped) > 1
        name, _, _ = split_cue(stripped)
        return bool(name) and _is_upper(name)

    def emit_heading(self, text: str, number: int) -> None:
        scene_number = None
        match = SCENE_NUMBER.search(text)
        if match:
            scene_number = match.group(1)
            text = text[: match.start()]
        self.emit(
            Element(ElementType.SCENE_HEADING, text.strip(), scene_number=scene_number, line=number)
        )

    def read_note(self, index: int, number: int) -> int | None:
        """A paragraph that is only a note (possibly over several lines) becomes a NOTE."""
        parts: list[str] = []
        end = index
        while end < len(self.lines) and not self.blank(end):
            parts.append(self.lines[end][1])
            end += 1
            if "]]" in parts[-1]:
                break
        joined = "\n".join(parts)
        match = NOTE_ONLY.match(joined)
        if match is None or "]]" in match.group(1) or not self.blank(end):
            return None
        self.emit(Element(ElementType.NOTE, match.group(1).strip(), line=number))
        return end

    def read_centered(self, index: int) -> int:
        number = self.lines[index][0]
        texts: list[str] = []
        while index < len(self.lines):
            stripped = self.lines[index][1].strip()
            if not (stripped.startswith(">") and stripped.endswith("<") and len(stripped) > 1):
                break
            texts.append(stripped[1:-1].strip())
            index += 1
        self.emit(Element(ElementType.CENTERED, "\n".join(texts), line=number))
        return index

    def read_lyrics(self, index: int) -> int:
        number = self.lines[index][0]
        texts: list[str] = []
        while index < len(self.lines) and self.lines[index][1].lstrip().startswith("~"):
            texts.append(self.lines[index][1].lstrip()[1:].strip())
            index += 1
        self.emit(Element(ElementType.LYRICS, "\n".join(texts), line=number))
        return index

    def read_action(self, index: int, forced: bool) -> int:
        number, first = self.lines[index]
        if forced:
            first = first.lstrip()[1:]
        texts = [first]
        index += 1
        while index < len(self.lines) and not self.blank(index):
            line = self.lines[index][1]
            if PAGE_BREAK.match(line) or line.lstrip().startswith("~"):
                break
            texts.append("" if line.strip() == "" else line)
            index += 1
        text = INLINE_NOTE.sub("", "\n".join(texts)).rstrip()
        text = text.lstrip("\n")
        if text.strip():
            self.emit(Element(ElementType.ACTION, text, line=number))
        return index

    def read_dialogue(self, index: int) -> int:
        number, line = self.lines[index]
        name, extension, dual = split_cue(line)
        if dual:
            self.mark_left_cue()
        self.emit(
            Element(
                ElementType.CHARACTER,
                name,
                extension=extension,
                dual=DualSide.RIGHT if dual else None,
                line=number,
            )
        )
        index += 1
        speech: list[str] = []
        speech_line = 0
        while index < len(self.lines) and not self.blank(index):
            number, line = self.lines[index]
            stripped = line.strip()
            if stripped.startswith("~"):  # a sung line inside a speech is lyrics
                self.flush_dialogue(speech, speech_line)
                speech = []
                index = self.read_lyrics(index)
                continue
            if stripped.startswith("(") and stripped.endswith(")"):
                self.flush_dialogue(speech, speech_line)
                speech = []
                self.emit(Element(ElementType.PARENTHETICAL, stripped, line=number))
            else:
                if not speech:
                    speech_line = number
                speech.append(stripped)
            index += 1
        self.flush_dialogue(speech, speech_line)
        return index

    def flush_dialogue(self, speech: list[str], number: int) -> None:
        text = INLINE_NOTE.sub("", "\n".join(speech)).strip("\n")
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
            if element.kind not in (ElementType.DIALOGUE, ElementType.PARENTHETICAL):
                return


# --- writing ---------------------------------------------------------------------


def write(screenplay: Screenplay) -> str:
    """Fountain text that ``parse`` reads back to the same elements."""
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
    previous: Element | None = None
    for element in screenplay.elements:
        in_dialogue = element.kind in (ElementType.DIALOGUE, ElementType.PARENTHETICAL)
        if out and not (in_dialogue and previous is not None and _continues_block(previous)):
            out.append("")
        out.extend(_write_element(element))
        previous = element
    return "\n".join(out).lstrip("\n") + "\n"


def _continues_block(previous: Element) -> bool:
    return previous.kind in (
        ElementType.CHARACTER,
        ElementType.DIALOGUE,
        ElementType.PARENTHETICAL,
    )


def _needs_forcing(first_line: str) -> bool:
    """Whether an action paragraph starting with this line would be read as something else."""
    stripped = first_line.strip()
    if not stripped:
        return True
    if stripped[0] in "!@#=.>~[" or PAGE_BREAK.match(first_line) or HEADING.match(stripped):
        return True
    if TITLE_KEY.match(first_line):  # would be read as a title page at the top
        return True
    if first_line != first_line.lstrip() and first_line.lstrip()[:1] in "!@#=.>~[":
        return True
    # An upper-case first line could be read as a cue or a transition.
    return _is_upper(split_cue(stripped)[0] or stripped)


def _dialogue_lines(text: str) -> list[str]:
    return [line if line.strip() else _KEEP_BLANK for line in text.split("\n")]


def _write_element(element: Element) -> Iterable[str]:
    kind = element.kind
    text = element.text
    if kind is ElementType.SCENE_HEADING:
        number = f" #{element.scene_number}#" if element.scene_number else ""
        plain = HEADING.match(text) is not None and "\n" not in text
        return [("" if plain else ".") + text + number]
    if kind is ElementType.CHARACTER:
        name = text
        forced = not _is_upper(name) or "(" in name or "^" in name
        cue = ("@" if forced else "") + name
        if element.extension:
            cue += " " + element.extension
        if element.dual is DualSide.RIGHT:
            cue += " ^"
        return [cue]
    if kind is ElementType.DIALOGUE:
        return _dialogue_lines(text)
    if kind is ElementType.PARENTHETICAL:
        return [text]
    if kind is ElementType.TRANSITION:
        natural = _is_upper(text) and text.endswith("TO:") and text == text.strip()
        return [text if natural else f"> {text}"]
    if kind is ElementType.CENTERED:
        return [f"> {line} <" for line in text.split("\n")]
    if kind is ElementType.LYRICS:
        return [f"~{line}" for line in text.split("\n")]
    if kind is ElementType.PAGE_BREAK:
        return ["==="]
    if kind is ElementType.SECTION:
        return ["#" * max(element.depth, 1) + " " + text]
    if kind is ElementType.SYNOPSIS:
        return [f"= {text}"]
    if kind is ElementType.NOTE:
        return [f"[[{text}]]"]
    # Action, and the FDX-only kinds (shot, general) that Fountain writes as action.
    lines = [line if line.strip() else _KEEP_BLANK for line in text.split("\n")]
    if _needs_forcing(lines[0]):
        lines[0] = "!" + lines[0]
    return lines
