"""Locked scene numbers.

Once an episode's numbering is locked, a scene keeps its number through every
later draft. A scene written in between gets a letter instead of a new number,
in the style the production chose:

- ``12A`` (suffix, the default): after scene 12 come ``12A``, ``12B``…; a scene
  put between ``12A`` and ``12B`` becomes ``12AA``; before scene 1 come ``A1``, ``B1``…
- ``12AA`` (doubled): like ``12A``, but past one letter the letter is doubled
  (``12AA``, ``12BB``…, never ``12AB``), as some shops print them;
- ``A12`` (prefix): a scene takes the number of the scene after it with a letter
  in front (``A12`` and ``B12`` come before 12); after the last scene, ``12A``.

Labels sort by their number, then a prefix before no prefix, then letters in
alphabetical order: ``A12 < B12 < 12 < 12A < 12AA < 12B < A13``. A scene taken
out stays in the script as ``OMITTED`` under its number; that number is never
given to another scene.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import product

from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.scenes import split_scenes

OMITTED_TEXT = "OMITTED"
_LABEL = re.compile(r"^([A-Z]*)(\d{1,6})([A-Z]*)$")
_MAX_LETTERS = 3  # 26 + 676 + 17,576 labels between two scenes is plenty


class NumberStyle(StrEnum):
    """How inserted scenes are lettered (see the module docstring)."""

    SUFFIX = "12A"
    DOUBLE = "12AA"
    PREFIX = "A12"


@dataclass(frozen=True, slots=True, order=True)
class Label:
    """A scene number taken apart: ``A12B`` is prefix ``A``, root 12, suffix ``B``."""

    root: int
    prefix: str
    suffix: str

    def __str__(self) -> str:
        return f"{self.prefix}{self.root}{self.suffix}"

    @property
    def key(self) -> tuple[int, int, str, str]:
        # A prefix sorts before the bare number; letters alphabetically (A < AA < B).
        return (self.root, 0 if self.prefix else 1, self.prefix, self.suffix)


class NumberingError(ValueError):
    """A scene number cannot be parsed, or no label fits between two scenes."""


def parse_label(text: str) -> Label | None:
    """``12``, ``12A``, ``A12``, ``A12B`` (case-insensitive) → ``Label``; anything else → None."""
    match = _LABEL.match(text.strip().upper())
    if match is None:
        return None
    return Label(int(match.group(2)), match.group(1), match.group(3))


def sort_key(text: str) -> tuple[int, int, str, str]:
    """Where a scene number sorts among locked numbers (unparsable ones sort last)."""
    label = parse_label(text)
    return label.key if label is not None else (10**9, 0, "", text)


def _letters(style: NumberStyle) -> Iterator[str]:
    """Letter strings, shortest first, alphabetical within a length."""
    for size in range(1, _MAX_LETTERS + 1):
        if style is NumberStyle.DOUBLE:
            yield from (letter * size for letter in string.ascii_uppercase)
        else:
            yield from ("".join(p) for p in product(string.ascii_uppercase, repeat=size))


def _between(
    before: Label | None, after: Label | None, style: NumberStyle, taken: set[str]
) -> Label:
    """The first free label, in the style's order, strictly between two neighbours.

    ``after`` is ignored when it does not sort after ``before`` (a moved scene keeps
    its number, so the numbers around an insert need not be in order).
    """
    if before is not None and after is not None and after.key <= before.key:
        after = None
    if before is None and after is None:
        raise NumberingError("a locked script needs at least one numbered scene")
    # Letters after the scene before (12A), or in front of the scene after (A12).
    families: list[tuple[Label, bool]] = []
    if before is not None:
        families.append((before, False))
    if after is not None:
        # Scenes already lettered in front of a number (A1, before the first scene) go on so.
        in_front_first = (
            style is NumberStyle.PREFIX
            or before is None
            or (bool(before.prefix) and not before.suffix and before.root == after.root)
        )
        families.insert(0 if in_front_first else 1, (after, True))
    for anchor, in_front in families:
        for letters in _letters(style):
            if in_front:
                candidate = Label(anchor.root, letters, "")
            else:
                candidate = Label(anchor.root, anchor.prefix, letters)
            if str(candidate) in taken:
                continue
            if before is not None and candidate.key <= before.key:
                continue
            if after is not None and candidate.key >= after.key:
                continue
            return candidate
    raise NumberingError(
        f"no scene number is free between {before or 'the start'} and {after or 'the end'}"
    )


def fill_numbers(slots: Sequence[str | None], style: NumberStyle) -> list[str]:
    """Numbers for every slot: a locked number stays, ``None`` (an inserted scene) is
    lettered between its neighbours. Raises ``NumberingError`` on an unparsable number."""
    labels: list[Label | None] = []
    for position, slot in enumerate(slots, start=1):
        if slot is None:
            labels.append(None)
            continue
        label = parse_label(slot)
        if label is None:
            raise NumberingError(
                f"scene {position}: {slot!r} is not a scene number mosaico can letter "
                "(digits with optional letters before or after, e.g. 12, 12A, A12)"
            )
        labels.append(label)
    taken = {str(label) for label in labels if label is not None}
    out: list[str] = []
    previous: Label | None = None
    for position, label in enumerate(labels):
        if label is None:
            following = next((x for x in labels[position + 1 :] if x is not None), None)
            label = _between(previous, following, style, taken)
            taken.add(str(label))
        out.append(str(label))
        previous = label
    return out


def first_numbers(count: int) -> list[str]:
    """Plain numbers 1..count, for locking a script that was never numbered."""
    return [str(n) for n in range(1, count + 1)]


@dataclass(frozen=True, slots=True)
class Slot:
    """One scene of the numbered draft: a scene of the new draft (``new_index``, 1-based)
    or a placeholder for an omitted scene (``new_index`` None)."""

    number: str
    new_index: int | None
    heading: str = ""


def apply_numbers(screenplay: Screenplay, slots: Sequence[Slot]) -> Screenplay:
    """``screenplay`` with each heading numbered as its slot says and an ``OMITTED``
    heading put in for every placeholder, at its place among the scenes.

    The slots name every scene of ``screenplay`` once, in any order among placeholders
    but in the screenplay's own order for its scenes.
    """
    scenes = split_scenes(screenplay)
    by_index = {scene.index: scene for scene in scenes}
    listed = [slot.new_index for slot in slots if slot.new_index is not None]
    if listed != [scene.index for scene in scenes]:
        raise NumberingError("the numbering does not list every scene of the draft in order")
    if not scenes:
        return screenplay
    elements = list(screenplay.elements[: scenes[0].start])
    moved: dict[int, int] = {index: index for index in range(scenes[0].start)}
    for slot in slots:
        if slot.new_index is None:
            elements.append(
                Element(ElementType.SCENE_HEADING, OMITTED_TEXT, scene_number=slot.number)
            )
            continue
        scene = by_index[slot.new_index]
        moved[scene.start] = len(elements)
        elements.append(replace(screenplay.elements[scene.start], scene_number=slot.number))
        for index in range(scene.start + 1, scene.end):
            moved[index] = len(elements)
            elements.append(screenplay.elements[index])
    tags = tuple(replace(tag, element=moved[tag.element]) for tag in screenplay.tags)
    return replace(screenplay, elements=tuple(elements), tags=tags)


def splice(screenplay: Screenplay, start: int, end: int, elements: Sequence[Element]) -> Screenplay:
    """``screenplay`` with elements ``[start, end)`` replaced by ``elements``; tags on the
    replaced elements go, tags after them follow their element."""
    shift = len(elements) - (end - start)
    tags = tuple(
        replace(tag, element=tag.element + shift if tag.element >= end else tag.element)
        for tag in screenplay.tags
        if not start <= tag.element < end
    )
    return replace(
        screenplay,
        elements=(*screenplay.elements[:start], *elements, *screenplay.elements[end:]),
        tags=tags,
    )
