"""Breakdown sheets and department element lists, built from plain scene data.

A breakdown sheet is one scene on one page: a header (scene number, set,
INT/EXT, time of day, length in eighths, script day, synopsis) and one box per
category that has elements in the scene, in the category's colour. A
department list turns the sheets around: for each category, every element with
the scenes it is in.

Nothing here knows where the data came from; the service reads the stored
scenes and breakdown and hands them over as ``SheetScene`` and an elements
mapping (category key to names, background as ``{"name", "count"}``), the shape
``breakdown show --json`` prints. Categories are data: the boxes follow the
order and colours of the production's category list, and an element of a
category the list does not hold gets a box of its own at the end, in grey, so
nothing tagged is ever left off a sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mosaico.breakdown.categories import DEFAULT_CATEGORIES, Category
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.model import TimeOfDay
from mosaico.screenplay.names import fold

# Where in a day each time falls; a scene earlier in the day than the one before it
# starts a new script day. Times that say nothing of the clock (CONTINUOUS, LATER,
# SAME, none) keep the day and the hour of the scene before.
_HOUR_RANK = {
    TimeOfDay.DAWN: 0,
    TimeOfDay.MORNING: 1,
    TimeOfDay.DAY: 2,
    TimeOfDay.AFTERNOON: 3,
    TimeOfDay.DUSK: 4,
    TimeOfDay.EVENING: 5,
    TimeOfDay.NIGHT: 6,
}
_UNKNOWN_COLOUR = "#808080"


@dataclass(frozen=True, slots=True)
class SheetScene:
    """What the header of a sheet shows about a scene.

    ``index`` is the scene's position in its episode's script (from 1);
    ``script_day`` is given when someone has set it, else it is estimated.
    """

    episode: int
    index: int
    number: str | None
    heading: str
    int_ext: str
    set_name: str
    time_of_day: str
    eighths: Eighths
    page: int = 0
    synopsis: str | None = None
    omitted: bool = False
    script_day: int | None = None


@dataclass(frozen=True, slots=True)
class SheetItem:
    """One element in a box: its name as the production shows it, and a count if any."""

    name: str
    count: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.count})" if self.count else self.name


@dataclass(frozen=True, slots=True)
class SheetBox:
    """A category's box on a sheet, in its colour (``ink`` is the readable text colour)."""

    key: str
    name: str
    name_es: str
    color: str
    ink: str
    items: tuple[SheetItem, ...]

    def title(self, language: str) -> str:
        return self.name_es if language == "es" else self.name


@dataclass(frozen=True, slots=True)
class BreakdownSheet:
    """One scene's breakdown sheet."""

    scene: SheetScene
    script_day: int | None
    script_day_estimated: bool
    boxes: tuple[SheetBox, ...]

    @property
    def label(self) -> str:
        """The scene as people name it: its number, or its position when unnumbered."""
        return self.scene.number or str(self.scene.index)

    @property
    def element_count(self) -> int:
        return sum(len(box.items) for box in self.boxes)


@dataclass(frozen=True, slots=True)
class SceneRef:
    """A scene an element is in, with the count there (background) when there is one."""

    episode: int
    index: int
    number: str | None
    count: int | None = None

    @property
    def label(self) -> str:
        """``2-12A``: episode, then the scene number (or its position when unnumbered)."""
        return f"{self.episode}-{self.number or self.index}"


@dataclass(frozen=True, slots=True)
class ListedElement:
    """One element of a department list: where it appears and the most needed at once."""

    name: str
    scenes: tuple[SceneRef, ...]
    count: int | None
    notes: str = ""

    @property
    def episodes(self) -> tuple[int, ...]:
        return tuple(sorted({ref.episode for ref in self.scenes}))


@dataclass(frozen=True, slots=True)
class DepartmentList:
    """Every element of one category, in order of first appearance in the script."""

    key: str
    name: str
    name_es: str
    color: str
    ink: str
    elements: tuple[ListedElement, ...]

    def title(self, language: str) -> str:
        return self.name_es if language == "es" else self.name

    @property
    def scene_count(self) -> int:
        """Scenes with at least one element of this category."""
        return len({(ref.episode, ref.index) for e in self.elements for ref in e.scenes})


def ink_for(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``#RRGGBB``)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    # Relative luminance (sRGB weights, gamma ignored: plenty to pick black or white).
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.5 else "#FFFFFF"


def estimate_script_days(scenes: Sequence[SheetScene]) -> list[int]:
    """Script days of one episode's scenes, in script order, from their times of day.

    The story moves to a new day when a scene plays earlier in the day than
    the one before it (``NOCHE`` then ``AMANECER``). Two days in a row at the
    same time cannot be told apart from the headings alone; a day set by hand
    (``SheetScene.script_day``) wins and the count goes on from it.
    """
    days: list[int] = []
    day = 1
    rank: int | None = None
    for scene in scenes:
        if scene.script_day is not None:
            day = scene.script_day
        else:
            here = _rank(scene.time_of_day)
            if here is not None and rank is not None and here < rank and days:
                day += 1
        here = _rank(scene.time_of_day)
        if here is not None:
            rank = here
        days.append(day)
    return days


def _rank(time_of_day: str) -> int | None:
    try:
        return _HOUR_RANK.get(TimeOfDay(time_of_day))
    except ValueError:
        return None


def build_sheets(
    scenes: Sequence[SheetScene],
    elements: Mapping[tuple[int, int], Mapping[str, Sequence[Any]]],
    categories: Sequence[Category] = DEFAULT_CATEGORIES,
) -> list[BreakdownSheet]:
    """One sheet per scene, in the order given; ``elements`` is keyed by (episode, index).

    Script days are estimated within each episode (see ``estimate_script_days``).
    """
    by_episode: dict[int, list[SheetScene]] = {}
    for scene in scenes:
        by_episode.setdefault(scene.episode, []).append(scene)
    days: dict[tuple[int, int], int] = {}
    for episode_scenes in by_episode.values():
        ordered = sorted(episode_scenes, key=lambda s: s.index)
        for scene, day in zip(ordered, estimate_script_days(ordered), strict=True):
            days[(scene.episode, scene.index)] = day
    return [
        BreakdownSheet(
            scene=scene,
            script_day=days[(scene.episode, scene.index)],
            script_day_estimated=scene.script_day is None,
            boxes=sheet_boxes(elements.get((scene.episode, scene.index), {}), categories),
        )
        for scene in scenes
    ]


def sheet_boxes(
    elements: Mapping[str, Sequence[Any]], categories: Sequence[Category] = DEFAULT_CATEGORIES
) -> tuple[SheetBox, ...]:
    """The boxes of one sheet: categories with elements, in the production's order."""
    boxes: list[SheetBox] = []
    for category in _categories_for(elements.keys(), categories):
        items = tuple(_item(entry) for entry in elements.get(category.key, ()))
        if items:
            boxes.append(
                SheetBox(
                    key=category.key,
                    name=category.name,
                    name_es=category.name_es,
                    color=category.color,
                    ink=ink_for(category.color),
                    items=items,
                )
            )
    return tuple(boxes)


def department_lists(
    sheets: Iterable[BreakdownSheet],
    categories: Sequence[Category] = DEFAULT_CATEGORIES,
    only: str | None = None,
    notes: Mapping[tuple[str, str], str] | None = None,
) -> list[DepartmentList]:
    """Every element per category with the scenes it is in, from a run of sheets.

    One element per accent- and case-insensitive name; it is listed as first
    spelled. ``count`` is the largest count in any one scene (the most extras
    needed at once). ``only`` keeps one category key. ``notes`` are the
    departments' notes per (category key, folded name).
    """
    notes = notes or {}
    found: dict[str, dict[str, tuple[str, list[SceneRef]]]] = {}
    for sheet in sheets:
        scene = sheet.scene
        for box in sheet.boxes:
            entries = found.setdefault(box.key, {})
            for item in box.items:
                _, refs = entries.setdefault(fold(item.name), (item.name, []))
                if not any(r.episode == scene.episode and r.index == scene.index for r in refs):
                    refs.append(SceneRef(scene.episode, scene.index, scene.number, item.count))
    lists: list[DepartmentList] = []
    for category in _categories_for(found.keys(), categories):
        if only is not None and category.key != only:
            continue
        entries = found.get(category.key, {})
        if not entries:
            continue
        listed = tuple(
            ListedElement(
                name=name,
                scenes=tuple(refs),
                count=max((r.count for r in refs if r.count), default=None),
                notes=notes.get((category.key, key), ""),
            )
            for key, (name, refs) in entries.items()
        )
        lists.append(
            DepartmentList(
                key=category.key,
                name=category.name,
                name_es=category.name_es,
                color=category.color,
                ink=ink_for(category.color),
                elements=listed,
            )
        )
    return lists


def _categories_for(keys: Iterable[str], categories: Sequence[Category]) -> list[Category]:
    """The production's categories, then one plain category per key it does not list."""
    known = {category.key for category in categories}
    extra = [
        Category(key, key.replace("_", " ").title(), key.replace("_", " ").title(), _UNKNOWN_COLOUR)
        for key in keys
        if key not in known
    ]
    return [*categories, *extra]


def _item(entry: Any) -> SheetItem:
    if isinstance(entry, Mapping):
        count = entry.get("count")
        return SheetItem(name=str(entry["name"]), count=int(count) if count else None)
    return SheetItem(name=str(entry))


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a paragraph: plain text, or the text of the tag at ``mark`` (an index)."""

    text: str
    mark: int | None = None


def marked_segments(text: str, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """``text`` cut at the spans (start, end) so each tagged stretch can be drawn in colour.

    ``Segment.mark`` is the span's index in ``spans``. Spans outside the text or
    empty are left out; where two overlap, the one that starts first (the longer
    at the same start) is drawn and the other is left to the tag list.
    """
    order = sorted(
        (i for i, (start, end) in enumerate(spans) if 0 <= start < end <= len(text)),
        key=lambda i: (spans[i][0], -spans[i][1]),
    )
    segments: list[Segment] = []
    at = 0
    for i in order:
        start, end = spans[i]
        if start < at:
            continue
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], i))
        at = end
    if at < len(text) or not segments:
        segments.append(Segment(text[at:]))
    return segments
