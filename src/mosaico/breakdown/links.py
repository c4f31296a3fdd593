"""Element links: an element that brings another with it to every scene it is in.

A minor in the cast brings a studio teacher; an animal brings its wrangler; a
production can link one element to another by key (the horse ``relampago`` brings
its own handler). Links are data (``ElementLink``), applied scene by scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mosaico.breakdown.lemma import element_key
from mosaico.breakdown.tags import Tag


@dataclass(frozen=True, slots=True)
class ElementLink:
    """When an anchor is in a scene, ``linked_name`` (in ``linked_category``) is too.

    The anchor is every element of ``anchor_category`` (or only the one whose key
    is ``anchor_key``); ``minors_only`` restricts a cast anchor to minors.
    """

    anchor_category: str
    linked_category: str
    linked_name: str
    anchor_key: str | None = None
    minors_only: bool = False


DEFAULT_LINKS: tuple[ElementLink, ...] = (
    ElementLink("cast", "additional_labor", "Studio teacher", minors_only=True),
    ElementLink("cast_silent", "additional_labor", "Studio teacher", minors_only=True),
    ElementLink("animals", "animal_wrangler", "Animal wrangler"),
)


def _anchors(link: ElementLink, tag: Tag) -> bool:
    if tag.category != link.anchor_category or tag.linked_from is not None:
        return False
    if link.anchor_key is not None and tag.key != link.anchor_key:
        return False
    return tag.minor or not link.minors_only


def apply_links(tags: Sequence[Tag], links: Sequence[ElementLink] = DEFAULT_LINKS) -> list[Tag]:
    """The scene's tags plus one tag per linked element, placed at its first anchor."""
    result = list(tags)
    present = {(tag.category, tag.key) for tag in tags}
    for link in links:
        key = element_key(link.linked_name)
        if (link.linked_category, key) in present:
            continue
        anchor = next((tag for tag in tags if _anchors(link, tag)), None)
        if anchor is None:
            continue
        linked = replace(
            anchor,
            category=link.linked_category,
            name=link.linked_name,
            key=key,
            count=None,
            age=None,
            minor=False,
            linked_from=anchor.key,
        )
        result.append(linked)
        present.add((link.linked_category, key))
    return result


def link_scenes(
    scenes: Sequence[Sequence[Tag]], links: Sequence[ElementLink] = DEFAULT_LINKS
) -> list[list[Tag]]:
    """``apply_links`` on every scene: the linked element follows its anchor everywhere."""
    return [apply_links(tags, links) for tags in scenes]
