"""Styled text runs of an FDX paragraph, and Fountain's emphasis markers that stand for them.

An FDX paragraph holds ``<Text Style="Bold+Underline">`` runs; mosaico keeps one
string per element with Fountain's markers (``*italic*``, ``**bold**``,
``***both***``, ``_underline_``). ``runs_to_text`` writes the markers for a list
of runs and ``text_to_runs`` reads them back. Any runs survive a trip through
the text (same characters, same styles on every visible one); text as scripts
write it survives a trip through runs, except where two spellings mean the same
styles (``**_x_**`` comes back as ``_**x**_``, ``\\*`` as ``*`` when no escape is
needed).

Markers pair up the way Markdown's do: a marker that opens sits before a
non-space character, one that closes sits after one, a closer matches the
nearest opener of the same kind, ``***`` is both a bold and an italic marker,
and a lone ``*`` never pairs with a ``**`` (Markdown's rule of three).
``\\*``, ``\\_`` and ``\\\\`` are literal characters; a run of two or more
underscores (a signature line) is text. A pair may span the lines of one
paragraph (Big Fish's song is italic from its first line to its last), as the
PDF prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BOLD = "Bold"
ITALIC = "Italic"
UNDERLINE = "Underline"
#: Final Draft's order of styles in ``Style``.
STYLE_ORDER = (BOLD, ITALIC, UNDERLINE)
#: The order markers open in (and close in reverse) when styles start together:
#: underline outside, as scripts write it (``_**THE END**_``).
_OPEN_ORDER = (UNDERLINE, BOLD, ITALIC)
_MARKER = {BOLD: "**", ITALIC: "*", UNDERLINE: "_"}
_MARKERS = "*_"
#: What a backslash makes literal (a backslash too).
_ESCAPABLE = "*_\\"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of an element's text that is one run: its characters' positions and styles.

    ``positions`` index the element text (markers and escape backslashes left out),
    so a tag's character span can be cut along them.
    """

    positions: Sequence[int]
    styles: frozenset[str]


def styles_of(attribute: str | None) -> frozenset[str]:
    """The emphasis styles in an FDX ``Style`` attribute (``AllCaps`` and the like are layout)."""
    if not attribute:
        return frozenset()
    return frozenset(part for part in attribute.split("+") if part in _MARKER)


def style_attribute(styles: frozenset[str]) -> str:
    """``Style`` value for a set of emphasis styles, in Final Draft's order."""
    return "+".join(style for style in STYLE_ORDER if style in styles)


def runs_to_text(runs: Sequence[tuple[str, frozenset[str]]]) -> tuple[str, list[tuple[int, int]]]:
    """Element text for styled runs, and where each run's visible characters landed in it.

    Markers hug the words: whitespace at the edge of a styled run goes outside
    them, or ``** word**`` would not read back as bold. Literal ``*``, ``_`` and
    ``\\`` are escaped only where they would otherwise read as markers.
    """
    if not any(styles for text, styles in runs if text.strip()):
        return _plain_text(runs)  # styles on spaces alone show nothing
    text, spans = _place_markers(runs, escape=False)
    if any(char in text for char in "*_\\"):
        read_back = [
            ("".join(text[position] for position in piece.positions), piece.styles)
            for piece in text_to_runs(text)
        ]
        if _signature(read_back) != _signature(runs):
            text, spans = _place_markers(runs, escape=True)
    return text, spans


def _plain_text(runs: Sequence[tuple[str, frozenset[str]]]) -> tuple[str, list[tuple[int, int]]]:
    """Unstyled runs (split by tags only): every character stays, and only the
    markers that would pair up get a backslash, the closing one of each pair."""
    plain = "".join(part for part, _ in runs)
    escaped: set[int] = set()
    where = list(range(len(plain)))
    text = plain
    while any(char in plain for char in "*_\\"):
        origin: list[int | None] = []
        for index in range(len(plain)):
            if index in escaped:
                origin.append(None)
            where[index] = len(origin)
            origin.append(index)
        text = "".join("\\" + char if i in escaped else char for i, char in enumerate(plain))
        hidden, ranges = _pair_markers(text)
        found = {origin[end] for _, end, _ in ranges}
        found |= {origin[i] for i in hidden if text[i] == "\\"}
        fresh = {index for index in found if index is not None} - escaped
        if not fresh:
            break
        escaped |= fresh
    spans: list[tuple[int, int]] = []
    offset = 0
    for part, _ in runs:
        if part:
            first = where[offset] - (1 if offset in escaped else 0)
            spans.append((first, where[offset + len(part) - 1] + 1))
        else:
            spans.append((spans[-1][1], spans[-1][1]) if spans else (0, 0))
        offset += len(part)
    return text, spans


def _signature(runs: Sequence[tuple[str, frozenset[str]]]) -> tuple[str, list[frozenset[str]]]:
    """The plain text, and the styles of each visible character (spaces show no style)."""
    plain = "".join(text for text, _ in runs)
    styles = [style for text, style in runs for char in text if not char.isspace()]
    return plain, styles


def _place_markers(
    runs: Sequence[tuple[str, frozenset[str]]], *, escape: bool
) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    size = 0
    spans: list[tuple[int, int]] = []
    open_styles: list[str] = []
    held = ""  # trailing whitespace not yet written: closing markers go before it

    def put(chunk: str) -> None:
        nonlocal size
        parts.append(chunk)
        size += len(chunk)

    # How far each style runs on from each run: the longest-lasting opens outermost,
    # so it need not close and reopen when a shorter one ends.
    # Empty runs are invisible: they neither count nor break a style's reach.
    reach: list[dict[str, int]] = [{} for _ in runs]
    for position in range(len(runs) - 1, -1, -1):
        after = reach[position + 1] if position + 1 < len(runs) else {}
        if not runs[position][0]:
            reach[position] = after
            continue
        for style in runs[position][1]:
            reach[position][style] = 1 + after.get(style, 0)

    for position, (raw, styles) in enumerate(runs):
        if not raw:  # an empty run changes nothing
            spans.append((size + len(held), size + len(held)))
            continue
        body = raw
        if escape:
            body = "".join("\\" + char if char in _ESCAPABLE else char for char in body)
        core = body.strip()
        keep = 0
        while keep < len(open_styles) and open_styles[keep] in styles:
            keep += 1
        if keep < len(open_styles):
            put("".join(_MARKER[style] for style in reversed(open_styles[keep:])))
            del open_styles[keep:]
        if not core:  # whitespace between runs takes no markers (and no span) of its own
            held += body
            spans.append((size, size))
            continue
        lead = body[: len(body) - len(body.lstrip())]
        put(held + lead)
        held = ""
        opening = sorted(
            (style for style in styles if style not in open_styles),
            key=lambda style: (-reach[position][style], _OPEN_ORDER.index(style)),
        )
        put("".join(_MARKER[style] for style in opening))
        open_styles.extend(opening)
        start = size
        put(core)
        spans.append((start, size))
        held = body[len(lead) + len(core) :]
    put("".join(_MARKER[style] for style in reversed(open_styles)))
    put(held)
    return "".join(parts), spans


@dataclass(slots=True)
class _Delimiter:
    position: int
    char: str
    count: int
    can_open: bool
    can_close: bool


def text_to_runs(text: str) -> list[Piece]:
    """Split element text into runs at its emphasis markers (see the module's rules)."""
    if not any(char in text for char in "*_\\"):
        return [Piece(range(len(text)), frozenset())] if text else []
    hidden, ranges = _pair_markers(text)
    pieces: list[Piece] = []
    positions: list[int] = []
    current: frozenset[str] | None = None
    for position in range(len(text)):
        if position in hidden:
            continue
        styles = frozenset(style for start, end, style in ranges if start <= position < end)
        if styles != current and positions:
            pieces.append(Piece(positions, current or frozenset()))
            positions = []
        current = styles
        positions.append(position)
    if positions:
        pieces.append(Piece(positions, current or frozenset()))
    return pieces


def _can_pair(opener: int, closer: int) -> bool:
    # Markdown's rule of three: a lone ``*`` never closes a ``**`` (nor the reverse),
    # so ``**a*b***`` is bold "a", then bold italic "b".
    return (opener + closer) % 3 != 0 or (opener % 3 == 0 and closer % 3 == 0)


def _pair_markers(text: str) -> tuple[set[int], list[tuple[int, int, str]]]:
    """Positions that are markers or escapes (not text), and the styled ranges they make."""
    hidden: set[int] = set()
    delimiters: list[_Delimiter] = []
    size = len(text)
    index = 0
    while index < size:
        char = text[index]
        if char == "\\" and index + 1 < size and text[index + 1] in _ESCAPABLE:
            hidden.add(index)
            index += 2
            continue
        if char in _MARKERS:
            end = index
            while end < size and text[end] == char:
                end += 1
            count = end - index
            if (char == "*" and count <= 6) or count == 1:
                before = text[index - 1] if index > 0 else " "
                after = text[end] if end < size else " "
                delimiters.append(
                    _Delimiter(index, char, count, not after.isspace(), not before.isspace())
                )
            index = end
            continue
        index += 1
    ranges: list[tuple[int, int, str]] = []
    stack: list[_Delimiter] = []
    for closer in delimiters:
        if closer.can_close:
            while closer.count > 0:
                found = next(
                    (
                        depth
                        for depth in range(len(stack) - 1, -1, -1)
                        if stack[depth].char == closer.char
                        and _can_pair(stack[depth].count, closer.count)
                    ),
                    None,
                )
                if found is None:
                    break
                opener = stack[found]
                del stack[found + 1 :]
                use = 2 if closer.char == "*" and opener.count >= 2 and closer.count >= 2 else 1
                inner_start = opener.position + opener.count
                style = UNDERLINE if closer.char == "_" else (BOLD if use == 2 else ITALIC)
                ranges.append((inner_start, closer.position, style))
                hidden.update(range(inner_start - use, inner_start))
                hidden.update(range(closer.position, closer.position + use))
                opener.count -= use
                closer.position += use
                closer.count -= use
                if opener.count == 0:
                    stack.pop()
        if closer.count > 0 and closer.can_open:
            stack.append(closer)
    return hidden, ranges
