"""A whole script broken down: every scene tagged, minors and earlier elements carried forward.

``tag_script`` walks the scenes in order so that what one scene establishes
(a character's age, an element first written in CAPS) is known in the next.
``scene_elements`` gives one scene's elements per category, one entry per key,
as the breakdown sheet and ``breakdown show --json`` list them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mosaico.breakdown.autotag import tag_scene
from mosaico.breakdown.categories import DEFAULT_CATEGORIES, Category
from mosaico.breakdown.tags import Tag
from mosaico.breakdown.vocabulary import Vocabulary, default_vocabulary
from mosaico.screenplay.model import Screenplay
from mosaico.screenplay.scenes import Scene, speaking_characters, split_scenes

# Categories whose elements are carried to later lower-case mentions.
_CARRIED = frozenset(
    {"props", "vehicles", "animals", "weapons", "background", "wardrobe", "special_effects"}
)
_CAST = ("cast", "cast_silent")
# Only elements found with some certainty (CAPS, a description) are carried forward.
_SURE = 0.7
#: Tags at or above this confidence make the breakdown; those below (a thing only
#: mentioned in lower case, which is often set dressing) are suggestions to review.
SHOWN = 0.6


@dataclass(frozen=True, slots=True)
class SceneBreakdown:
    """One scene and the tags found in it."""

    scene: Scene
    tags: tuple[Tag, ...]


def tag_script(
    screenplay: Screenplay,
    *,
    categories: Sequence[Category] = DEFAULT_CATEGORIES,
    vocab: Vocabulary | None = None,
    known_elements: Mapping[str, str] | None = None,
) -> list[SceneBreakdown]:
    """Tag every scene of a screenplay, in script order.

    ``known_elements`` (key to category) are elements established before this
    script, e.g. by the season's earlier episodes (see ``established``).
    """
    vocab = vocab or default_vocabulary()
    known: dict[str, str] = dict(known_elements or {})
    # Characters established earlier (a silent one from an earlier episode) are known
    # by name too, so "El Güero Montoya" is found where he never speaks.
    characters = [*speaking_characters(screenplay.elements)]
    characters += [key for key, category in known.items() if category in _CAST]
    ages: dict[str, Tag] = {}
    result: list[SceneBreakdown] = []
    for scene in split_scenes(screenplay):
        tags = tag_scene(
            screenplay.elements[scene.start : scene.end],
            characters,
            categories,
            vocab,
            first_index=scene.start,
            known_elements={k: c for k, c in known.items() if c not in _CAST},
        )
        marked: list[Tag] = []
        for tag in tags:
            if tag.category in _CAST:
                if tag.age is not None:
                    ages.setdefault(tag.key, tag)
                elif tag.key in ages:
                    first = ages[tag.key]
                    tag = replace(tag, age=first.age, minor=first.minor)
            elif tag.category in _CARRIED and tag.confidence >= _SURE:
                known.setdefault(tag.key, tag.category)
            marked.append(tag)
        result.append(SceneBreakdown(scene=scene, tags=tuple(marked)))
    return result


def established(breakdowns: Sequence[SceneBreakdown]) -> dict[str, str]:
    """Elements and characters a script established (key to category), for the next episode."""
    known: dict[str, str] = {}
    for breakdown in breakdowns:
        for tag in breakdown.tags:
            carried = tag.category in _CARRIED or tag.category in _CAST
            if carried and tag.confidence >= _SURE:
                known.setdefault(tag.key, tag.category)
    return known


def suggestions(tags: Sequence[Tag]) -> list[Tag]:
    """The tags below ``SHOWN``: likely elements a person should confirm or drop."""
    return [tag for tag in tags if tag.confidence < SHOWN]


def scene_elements(tags: Sequence[Tag], *, floor: float = SHOWN) -> dict[str, list[Any]]:
    """Elements per category key, first spelling per key; background as ``{name, count}``.

    Only tags of confidence ``floor`` or more count (``suggestions`` has the rest).
    A character who speaks anywhere in the scene is listed once, under ``cast``.
    """
    tags = [tag for tag in tags if tag.confidence >= floor]
    speaking = {tag.key for tag in tags if tag.category == "cast"}
    listed: dict[str, dict[str, Any]] = {}
    # Cues first, so a character is listed as the cue spells the name.
    for tag in sorted(tags, key=lambda tag: (tag.category != "cast", -tag.confidence)):
        category = "cast" if tag.category == "cast_silent" and tag.key in speaking else tag.category
        entries = listed.setdefault(category, {})
        if category == "background":
            entry = entries.setdefault(tag.key, {"name": tag.name, "count": tag.count})
            if entry["count"] is None:
                entry["count"] = tag.count
        else:
            entries.setdefault(tag.key, tag.name)
    return {category: list(entries.values()) for category, entries in listed.items()}
