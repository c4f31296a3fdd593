"""The screenplay as a stream of elements: what every reader produces and every writer takes.

Fountain, FDX and PDF readers all return a ``Screenplay``; the writers, the
paginator and the scene splitter all take one. Two scripts are "the same" when
their ``elements`` compare equal: ``line`` (where an element came from) is left
out of comparisons so a round trip through another format can be checked with ``==``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mosaico.screenplay.eighths import Eighths


class ElementType(StrEnum):
    """Kinds of screenplay paragraph. Values are stable: they are stored and sent over the API."""

    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    LYRICS = "lyrics"
    TRANSITION = "transition"
    CENTERED = "centered"
    PAGE_BREAK = "page_break"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    NOTE = "note"
    SHOT = "shot"
    GENERAL = "general"


class DualSide(StrEnum):
    """Which column a character cue takes in dual dialogue."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Element:
    """One paragraph of a screenplay.

    ``text`` keeps the paragraph's own line breaks as ``"\\n"`` and Fountain's
    emphasis markers (``*italic*``, ``**bold**``, ``_underline_``) as written.
    For a character cue, ``text`` is the name alone and ``extension`` holds
    what follows it, e.g. ``"(V.O.) (CONT'D)"``.
    """

    kind: ElementType
    text: str = ""
    scene_number: str | None = None
    extension: str | None = None
    dual: DualSide | None = None
    depth: int = 0
    line: int = field(default=0, compare=False)
    #: Final Draft's own ``SceneProperties Length`` of a heading, kept beside ours.
    imported_length: Eighths | None = field(default=None, compare=False)
    #: Final Draft's page number of a heading, as written in the file.
    imported_page: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """One key of a title page, e.g. ``Title`` with its (possibly multi-line) value."""

    key: str
    value: str


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something a reader accepted but the user should know about (a sensible reading was taken)."""

    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class TagCategory:
    """A breakdown category as a script file carries it (Final Draft's Tagger: ``Props``…).

    ``color`` is ``#RRGGBB``; ``id`` and ``number`` are the file's own identifiers,
    kept so that writing the script back keeps the category Final Draft knows.
    """

    name: str
    color: str = "#000000"
    id: str = ""
    number: int = 0


@dataclass(frozen=True, slots=True)
class Tag:
    """One breakdown element tagged on a stretch of script text.

    ``category`` names a ``TagCategory``; ``name`` is the element (``GUN``,
    ``RED PICKUP``); ``element`` indexes ``Screenplay.elements``; ``start``/``end``
    are the character span of that element's ``text`` the tag covers (end exclusive).
    """

    category: str
    name: str
    element: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Screenplay:
    """A parsed script: its title page entries and its elements in order.

    ``tag_categories`` and ``tags`` are breakdown tags that came with the file
    (an FDX's ``TagData``), empty for formats that carry none.
    """

    title_page: tuple[TitleEntry, ...] = ()
    elements: tuple[Element, ...] = ()
    warnings: tuple[ReadWarning, ...] = field(default=(), compare=False)
    tag_categories: tuple[TagCategory, ...] = ()
    tags: tuple[Tag, ...] = ()

    def title_value(self, key: str) -> str | None:
        """The value of a title-page key, matched case-insensitively."""
        wanted = key.casefold()
        for entry in self.title_page:
            if entry.key.casefold() == wanted:
                return entry.value
        return None


class IntExt(StrEnum):
    """Where a scene plays: inside, outside, both (moving between), or not said."""

    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"
    NONE = ""


class TimeOfDay(StrEnum):
    """Normalised time of day from a heading, in English and Spanish alike."""

    DAY = "DAY"
    NIGHT = "NIGHT"
    DAWN = "DAWN"
    DUSK = "DUSK"
    MORNING = "MORNING"
    AFTERNOON = "AFTERNOON"
    EVENING = "EVENING"
    CONTINUOUS = "CONTINUOUS"
    LATER = "LATER"
    SAME = "SAME"
    UNKNOWN = ""
