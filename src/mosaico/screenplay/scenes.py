"""Scenes: the script cut at each heading, with who speaks and who is seen.

Silent characters follow the trade's convention that a character's first
appearance in action is written in CAPS. A CAPS span in an action line counts as
a character when either
- it is a name that speaks somewhere in the script (``ÉRIKA crosses the yard``), or
- it is followed by an age in parentheses (``DOÑA CHAYO (60s)``, ``LUPITA (9)``).
Other CAPS words (sound cues, props, ``SUPER``, a shouted word) are left to the
breakdown, which has the vocabularies to tell them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mosaico.screenplay.headings import Heading, parse_heading
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.names import character_key, strip_extension

# A run of upper-case words (accents allowed), e.g. "DOÑA CHAYO" or "MR. O'NEIL".
_CAPS_SPAN = re.compile(
    r"\b([A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ0-9'’.\-]*(?:\s+[A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ0-9'’.\-]*)*)"
)
_AGE_AFTER = re.compile(r"^\s*\((?:\d{1,2}|\d0'?s|\d0s|early|mid|late|teen)", re.IGNORECASE)
_OMITTED = {"omitted", "omitida", "omitido"}


@dataclass(frozen=True, slots=True)
class Scene:
    """One scene: its heading, its elements (heading first) and its characters."""

    index: int
    number: str | None
    heading_text: str
    heading: Heading
    start: int
    end: int
    synopsis: str | None
    omitted: bool
    speaking: tuple[str, ...]
    silent: tuple[str, ...]


def speaking_characters(elements: list[Element] | tuple[Element, ...]) -> list[str]:
    """Cue names in order of first line, one spelling per key (the first seen)."""
    seen: dict[str, str] = {}
    for element in elements:
        if element.kind is ElementType.CHARACTER:
            name, _ = strip_extension(element.text)
            key = character_key(name)
            if key and key not in seen:
                seen[key] = name
    return list(seen.values())


def _silent_in(action: str, speakers: dict[str, str], exclude: set[str]) -> list[str]:
    found: list[str] = []
    for match in _CAPS_SPAN.finditer(action):
        span = match.group(1).rstrip(".'’-")
        key = character_key(span)
        if key in exclude or len(span) < 2:
            continue
        if key in speakers:
            found.append(speakers[key])
            exclude.add(key)
        elif _AGE_AFTER.match(action[match.end() :]):
            found.append(span)
            exclude.add(key)
    return found


def split_scenes(screenplay: Screenplay) -> list[Scene]:
    """One ``Scene`` per heading, in script order (text before the first heading is left out)."""
    elements = screenplay.elements
    starts = [i for i, e in enumerate(elements) if e.kind is ElementType.SCENE_HEADING]
    all_speakers = {character_key(name): name for name in speaking_characters(elements)}
    scenes: list[Scene] = []
    for position, start in enumerate(starts, start=1):
        end = starts[position] if position < len(starts) else len(elements)
        body = elements[start:end]
        heading_element = body[0]
        speaking = speaking_characters(body)
        taken = {character_key(name) for name in speaking}
        silent: list[str] = []
        synopsis = None
        for element in body[1:]:
            if element.kind is ElementType.ACTION:
                silent += _silent_in(element.text, all_speakers, taken)
            elif element.kind is ElementType.SYNOPSIS and synopsis is None:
                synopsis = element.text
        scenes.append(
            Scene(
                index=position,
                number=heading_element.scene_number,
                heading_text=heading_element.text,
                heading=parse_heading(heading_element.text),
                start=start,
                end=end,
                synopsis=synopsis,
                omitted=heading_element.text.strip().casefold() in _OMITTED,
                speaking=tuple(speaking),
                silent=tuple(silent),
            )
        )
    return scenes
