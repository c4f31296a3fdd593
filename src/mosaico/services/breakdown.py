"""The breakdown of a production: automatic tags stored, then accepted, edited and merged.

``run_auto`` tags the current scripts and stores what it finds as *proposed*
tags on elements (one element per category and key: the red pickup of 14 scenes
is one record). People then accept, reject, add, re-categorise, merge and link;
running the tagger again keeps every such decision. ``breakdown_rows`` reads
the stored breakdown back in the shape ``breakdown show --json`` prints.
``auto_breakdown`` still computes a breakdown on the fly, for productions
whose breakdown has not been stored yet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from mosaico.breakdown import (
    DEFAULT_CATEGORIES,
    Category,
    apply_links,
    check_categories,
    default_vocabulary,
    established,
    scene_elements,
    tag_script,
)
from mosaico.breakdown import Tag as FoundTag
from mosaico.breakdown.cast import cast_key
from mosaico.breakdown.categories import key_for_name, new_key
from mosaico.breakdown.lemma import element_key
from mosaico.breakdown.tags import count_before
from mosaico.errors import Conflict, LimitExceeded, NotFound, ValidationError
from mosaico.screenplay.io import screenplay_from_data
from mosaico.screenplay.model import Screenplay, TagCategory
from mosaico.screenplay.model import Tag as ModelTag
from mosaico.screenplay.scenes import split_scenes
from mosaico.services.productions import get_or_raise
from mosaico.services.scripts import current_versions, load_screenplay
from mosaico.store import files
from mosaico.store.tables import (
    BreakdownCategory,
    Element,
    ElementLink,
    Episode,
    Scene,
    ScriptVersion,
    Tag,
)

STATUSES = ("proposed", "accepted", "rejected", "review")
ORIGINS = ("auto", "user", "fdx")
_CAST = ("cast", "cast_silent")
_NAME_LIMIT = 300
_NOTES_LIMIT = 20_000
_PHOTO_LIMIT = 50


# --- what the service hands out -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SceneElements:
    """One scene of the breakdown, in the shape ``breakdown show --json`` prints."""

    episode: int
    index: int
    number: str | None
    heading: str
    elements: dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """A category as the production uses it; ``custom`` when the production made or changed it."""

    key: str
    name_en: str
    name_es: str
    colour: str
    position: int
    custom: bool
    version: int | None


@dataclass(frozen=True, slots=True)
class ElementInfo:
    """A stored element; ``scenes`` counts current scenes where it is tagged (not rejected)."""

    id: int
    category: str
    name: str
    key: str
    notes: str
    photos: tuple[str, ...]
    department: str
    minor: bool
    age: int | None
    count: int | None
    version: int
    scenes: int = 0


@dataclass(frozen=True, slots=True)
class ElementScene:
    """A scene an element is tagged in."""

    scene_id: int
    episode: int
    index: int
    number: str | None
    heading: str


@dataclass(frozen=True, slots=True)
class ElementDetail:
    """An element with its scenes and links (ids of the elements it brings and is brought by)."""

    element: ElementInfo
    scenes: tuple[ElementScene, ...]
    links: tuple[int, ...]
    linked_by: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TagInfo:
    """A stored tag: which element, in which scene, found where, and its state."""

    id: int
    scene_id: int
    element_id: int
    category: str
    name: str
    source_element: int | None
    source_start: int | None
    source_end: int | None
    source_text: str | None
    confidence: float
    origin: str
    status: str
    count: int | None
    version: int


@dataclass(frozen=True, slots=True)
class SceneDetail:
    """One scene's stored breakdown: its tags (rejected ones too) and its elements as shown."""

    scene_id: int
    episode: int
    index: int
    number: str | None
    heading: str
    tags: tuple[TagInfo, ...]
    elements: dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class AutoSummary:
    """What ``run_auto`` did."""

    episodes: int
    scenes: int
    added: int
    kept: int
    dropped: int
    elements_added: int


@dataclass(frozen=True, slots=True)
class LinkInfo:
    anchor_id: int
    linked_id: int


# --- categories -----------------------------------------------------------------------


def _category_rows(session: Session, production_id: int) -> dict[str, BreakdownCategory]:
    rows = session.scalars(
        select(BreakdownCategory).where(BreakdownCategory.production_id == production_id)
    )
    return {row.key: row for row in rows}


def _categories(session: Session, production_id: int) -> list[CategoryInfo]:
    rows = _category_rows(session, production_id)
    out: list[CategoryInfo] = []
    for position, default in enumerate(DEFAULT_CATEGORIES, start=1):
        row = rows.pop(default.key, None)
        if row is None:
            out.append(
                CategoryInfo(
                    default.key, default.name, default.name_es, default.color, position, False, None
                )
            )
        else:
            out.append(_category_info(row))
    out.extend(_category_info(row) for row in rows.values())
    out.sort(key=lambda category: (category.position, category.key))
    return out


def _category_info(row: BreakdownCategory) -> CategoryInfo:
    return CategoryInfo(
        row.key, row.name_en, row.name_es, row.colour, row.position, True, row.version
    )


def _pure(categories: Iterable[CategoryInfo]) -> list[Category]:
    return [Category(c.key, c.name_en, c.name_es, c.colour) for c in categories]


def _check_category(session: Session, production_id: int, key: str) -> None:
    keys = [category.key for category in _categories(session, production_id)]
    if key not in keys:
        raise ValidationError(
            "category", f"{key[:60]!r} is not a category of this production ({', '.join(keys)})"
        )


def list_categories(*, session: Session, production: str) -> list[CategoryInfo]:
    """The production's categories: the defaults, as it changed them, then its own, by position."""
    info = get_or_raise(session=session, name=production)
    return _categories(session, info.id)


def add_category(
    *,
    session: Session,
    production: str,
    key: str,
    name_en: str,
    name_es: str | None = None,
    colour: str = "#808080",
    position: int | None = None,
) -> CategoryInfo:
    """A new category of the production's own (a shop's ``Drones``, ``Covid crew``…)."""
    info = get_or_raise(session=session, name=production)
    existing = _categories(session, info.id)
    if any(category.key == key for category in existing):
        raise Conflict(f"category {key!r} already exists; change it with update instead")
    [checked] = check_categories(
        [Category(key, name_en.strip(), (name_es or name_en).strip(), colour)]
    )
    _check_length("name_en", checked.name, 80)
    _check_length("name_es", checked.name_es, 80)
    row = BreakdownCategory(
        production_id=info.id,
        key=checked.key,
        name_en=checked.name,
        name_es=checked.name_es,
        colour=checked.color.upper(),
        position=position if position is not None else len(existing) + 1,
    )
    session.add(row)
    session.flush()
    return _category_info(row)


def update_category(
    *,
    session: Session,
    production: str,
    key: str,
    version: int | None = None,
    name_en: str | None = None,
    name_es: str | None = None,
    colour: str | None = None,
    position: int | None = None,
) -> CategoryInfo:
    """Rename, recolour or move a category; a default one gets the production's override.

    ``version`` is the one read (``None`` for a default not yet changed): a stale
    one is a ``Conflict``.
    """
    info = get_or_raise(session=session, name=production)
    current = {category.key: category for category in _categories(session, info.id)}
    if key not in current:
        raise NotFound("category", key, production)
    base = current[key]
    if base.version != version:
        raise Conflict(
            f"category {key!r} was changed by someone else (version {base.version}, "
            f"you read {version}); reload and try again"
        )
    [checked] = check_categories(
        [
            Category(
                key,
                (name_en if name_en is not None else base.name_en).strip(),
                (name_es if name_es is not None else base.name_es).strip(),
                colour if colour is not None else base.colour,
            )
        ]
    )
    _check_length("name_en", checked.name, 80)
    _check_length("name_es", checked.name_es, 80)
    row = _category_rows(session, info.id).get(key)
    if row is None:
        row = BreakdownCategory(production_id=info.id, key=key)
        session.add(row)
    row.name_en, row.name_es, row.colour = checked.name, checked.name_es, checked.color.upper()
    row.position = position if position is not None else base.position
    session.flush()
    return _category_info(row)


# --- elements -------------------------------------------------------------------------


def key_for(category: str, name: str) -> str:
    """The matching key of an element name: cast across honorifics, others folded and singular."""
    if category in _CAST:
        return cast_key(name, default_vocabulary().honorifics)
    return element_key(name)


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(field, f"at most {limit} characters, got {len(value)}")


def _element_info(element: Element, scenes: int = 0) -> ElementInfo:
    return ElementInfo(
        id=element.id,
        category=element.category,
        name=element.name,
        key=element.key,
        notes=element.notes,
        photos=tuple(element.photos or ()),
        department=element.department,
        minor=element.minor,
        age=element.age,
        count=element.count,
        version=element.version,
        scenes=scenes,
    )


class _Elements:
    """The production's elements by (category, key), merged keys included; made on demand."""

    def __init__(self, session: Session, production_id: int) -> None:
        self.session = session
        self.production_id = production_id
        self.by_key: dict[tuple[str, str], Element] = {}
        self.added = 0
        for element in session.scalars(
            select(Element).where(Element.production_id == production_id)
        ):
            for category, key in element.aliases or ():
                self.by_key.setdefault((category, key), element)
        for element in session.scalars(
            select(Element).where(Element.production_id == production_id)
        ):
            self.by_key[(element.category, element.key)] = element

    def find(self, category: str, key: str) -> Element | None:
        return self.by_key.get((category, key))

    def get(self, category: str, key: str, name: str, found: FoundTag | None = None) -> Element:
        element = self.find(category, key)
        if element is None:
            element = Element(
                production_id=self.production_id,
                category=category,
                name=name[:_NAME_LIMIT],
                key=key[:_NAME_LIMIT],
                notes="",
                photos=[],
                department="",
                minor=False,
                aliases=[],
            )
            self.session.add(element)
            self.by_key[(category, key)] = element
            self.added += 1
        if found is not None:
            if found.age is not None and element.age is None:
                element.age, element.minor = found.age, found.minor
            if found.count is not None and element.count is None:
                element.count = found.count
        return element


def _element_or_raise(session: Session, production_id: int, element_id: int) -> Element:
    element = session.get(Element, element_id)
    if element is None or element.production_id != production_id:
        raise NotFound("element", element_id)
    return element


def _scene_counts(session: Session, production_id: int) -> dict[int, int]:
    current = _current_version_ids(session, production_id)
    rows = session.execute(
        select(Tag.element_id, func.count(func.distinct(Tag.scene_id)))
        .join(Scene, Scene.id == Tag.scene_id)
        .where(
            Tag.production_id == production_id,
            Tag.status != "rejected",
            Scene.script_version_id.in_(current),
        )
        .group_by(Tag.element_id)
    )
    return {element_id: count for element_id, count in rows}


def list_elements(
    *, session: Session, production: str, category: str | None = None
) -> list[ElementInfo]:
    """The production's elements (of one category), by category order and name."""
    info = get_or_raise(session=session, name=production)
    order = {c.key: c.position for c in _categories(session, info.id)}
    if category is not None:
        _check_category(session, info.id, category)
    query = select(Element).where(Element.production_id == info.id)
    if category is not None:
        query = query.where(Element.category == category)
    counts = _scene_counts(session, info.id)
    elements = [_element_info(e, counts.get(e.id, 0)) for e in session.scalars(query)]
    elements.sort(key=lambda e: (order.get(e.category, 999), e.name.casefold(), e.id))
    return elements


def get_element(*, session: Session, production: str, element_id: int) -> ElementDetail:
    """One element with the current scenes it is tagged in and its links."""
    info = get_or_raise(session=session, name=production)
    element = _element_or_raise(session, info.id, element_id)
    current = _current_version_ids(session, info.id)
    rows = session.execute(
        select(Scene, Episode.number)
        .join(Episode, Episode.id == Scene.episode_id)
        .where(
            Scene.production_id == info.id,
            Scene.script_version_id.in_(current),
            Scene.id.in_(
                select(Tag.scene_id).where(
                    Tag.production_id == info.id,
                    Tag.element_id == element.id,
                    Tag.status != "rejected",
                )
            ),
        )
        .order_by(Episode.number, Scene.position)
    ).all()
    scenes = tuple(
        ElementScene(scene.id, number, scene.position, scene.number, scene.heading)
        for scene, number in rows
    )
    links = session.execute(
        select(ElementLink.anchor_id, ElementLink.linked_id).where(
            ElementLink.production_id == info.id,
            (ElementLink.anchor_id == element.id) | (ElementLink.linked_id == element.id),
        )
    ).all()
    return ElementDetail(
        element=_element_info(element, len(scenes)),
        scenes=scenes,
        links=tuple(linked for anchor, linked in links if anchor == element.id),
        linked_by=tuple(anchor for anchor, linked in links if linked == element.id),
    )


def update_element(
    *,
    session: Session,
    production: str,
    element_id: int,
    version: int,
    name: str | None = None,
    notes: str | None = None,
    department: str | None = None,
    photos: Sequence[str] | None = None,
    minor: bool | None = None,
    age: int | None = None,
    count: int | None = None,
) -> ElementInfo:
    """Change what the production records about an element; a stale ``version`` is a ``Conflict``.

    ``photos`` are digests of files already stored (``add_photo`` stores one).
    """
    info = get_or_raise(session=session, name=production)
    element = _element_or_raise(session, info.id, element_id)
    _check_version("element", element_id, element.version, version)
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError("name", "an element needs a name")
        _check_length("name", name, _NAME_LIMIT)
        element.name = name
    if notes is not None:
        _check_length("notes", notes, _NOTES_LIMIT)
        element.notes = notes
    if department is not None:
        _check_length("department", department, 80)
        element.department = department.strip()
    if photos is not None:
        if len(photos) > _PHOTO_LIMIT:
            raise ValidationError("photos", f"at most {_PHOTO_LIMIT} photos an element")
        for position, digest in enumerate(photos, start=1):
            try:
                files.path_of(Path("."), digest)
            except ValidationError as exc:
                raise ValidationError(f"photos[{position}]", exc.reason) from exc
        element.photos = list(dict.fromkeys(photos))
    if age is not None:
        if not 0 <= age <= 120:
            raise ValidationError("age", f"an age from 0 to 120, got {age}")
        element.age = age
        element.minor = age < 18
    if minor is not None:
        element.minor = minor
    if count is not None:
        if count < 1:
            raise ValidationError("count", f"a count of at least 1, got {count}")
        element.count = count
    session.flush()
    return _element_info(element)


def add_photo(
    *,
    session: Session,
    production: str,
    element_id: int,
    version: int,
    data: bytes,
    files_dir: Path,
    max_bytes: int = 20_000_000,
) -> ElementInfo:
    """Store a photo by its content hash and add it to the element."""
    info = get_or_raise(session=session, name=production)
    element = _element_or_raise(session, info.id, element_id)
    _check_version("element", element_id, element.version, version)
    if not data:
        raise ValidationError("photo", "the file is empty")
    if len(data) > max_bytes:
        raise ValidationError("photo", f"at most {max_bytes} bytes, got {len(data)}")
    photos = list(element.photos or ())
    if len(photos) >= _PHOTO_LIMIT:
        raise ValidationError("photos", f"at most {_PHOTO_LIMIT} photos an element")
    digest = files.sha256(data)
    if digest not in photos:
        element.photos = [*photos, digest]
    session.flush()
    files.save(files_dir, data)
    return _element_info(element)


def merge_elements(
    *,
    session: Session,
    production: str,
    keep_id: int,
    merge_ids: Sequence[int],
    across_categories: bool = False,
) -> ElementInfo:
    """Make several elements one: their tags and links move to ``keep_id``, they go.

    Elements of another production are not found; elements of different
    categories are refused unless ``across_categories``. The merged keys stay as
    aliases of the kept element, so running the tagger again does not bring them back.
    """
    info = get_or_raise(session=session, name=production)
    if not merge_ids:
        raise ValidationError("merge_ids", "name at least one element to merge")
    if keep_id in merge_ids:
        raise ValidationError("merge_ids", f"element {keep_id} cannot be merged into itself")
    keep = _element_or_raise(session, info.id, keep_id)
    others = [
        _element_or_raise(session, info.id, element_id) for element_id in dict.fromkeys(merge_ids)
    ]
    if not across_categories:
        for other in others:
            if other.category != keep.category:
                raise ValidationError(
                    "merge_ids",
                    f"element {other.id} ({other.name!r}) is in {other.category!r}, "
                    f"element {keep.id} in {keep.category!r}; merge across categories explicitly",
                )
    ids = [other.id for other in others]
    session.execute(
        update(Tag)
        .where(Tag.production_id == info.id, Tag.element_id.in_(ids))
        .values(element_id=keep.id, version=Tag.version + 1)
        .execution_options(synchronize_session=False)
    )
    pairs = set(
        session.execute(
            select(ElementLink.anchor_id, ElementLink.linked_id).where(
                ElementLink.production_id == info.id
            )
        ).all()
    )
    session.execute(
        delete(ElementLink).where(
            ElementLink.production_id == info.id,
            ElementLink.anchor_id.in_(ids) | ElementLink.linked_id.in_(ids),
        )
    )
    moved = {
        (keep.id if a in ids else a, keep.id if b in ids else b)
        for a, b in pairs
        if a in ids or b in ids
    }
    for anchor, linked in sorted(moved - {pair for pair in pairs if not set(pair) & set(ids)}):
        if anchor != linked:
            session.add(ElementLink(production_id=info.id, anchor_id=anchor, linked_id=linked))
    aliases = [list(pair) for pair in keep.aliases or ()]
    notes = [keep.notes] if keep.notes else []
    photos = list(keep.photos or ())
    for other in others:
        aliases.append([other.category, other.key])
        aliases.extend(list(pair) for pair in other.aliases or ())
        if other.notes:
            notes.append(other.notes)
        photos.extend(other.photos or ())
        if keep.age is None and other.age is not None:
            keep.age, keep.minor = other.age, other.minor
        if keep.count is None:
            keep.count = other.count
    keep.aliases = aliases
    keep.notes = "\n\n".join(notes)[:_NOTES_LIMIT]
    keep.photos = list(dict.fromkeys(photos))
    session.flush()
    for other in others:
        session.delete(other)
    session.flush()
    session.expire_all()
    counts = _scene_counts(session, info.id)
    kept = _element_or_raise(session, info.id, keep_id)
    return _element_info(kept, counts.get(kept.id, 0))


def link_elements(*, session: Session, production: str, anchor_id: int, linked_id: int) -> LinkInfo:
    """From now on ``linked_id`` is in every scene ``anchor_id`` is in (a horse brings its wrangler)."""
    info = get_or_raise(session=session, name=production)
    if anchor_id == linked_id:
        raise ValidationError("linked_id", "an element cannot be linked to itself")
    anchor = _element_or_raise(session, info.id, anchor_id)
    linked = _element_or_raise(session, info.id, linked_id)
    exists = session.scalar(
        select(ElementLink.id).where(
            ElementLink.production_id == info.id,
            ElementLink.anchor_id == anchor.id,
            ElementLink.linked_id == linked.id,
        )
    )
    if exists is not None:
        raise Conflict(f"{anchor.name!r} already brings {linked.name!r}")
    session.add(ElementLink(production_id=info.id, anchor_id=anchor.id, linked_id=linked.id))
    session.flush()
    return LinkInfo(anchor.id, linked.id)


def unlink_elements(*, session: Session, production: str, anchor_id: int, linked_id: int) -> None:
    """Remove a link made with ``link_elements``."""
    info = get_or_raise(session=session, name=production)
    link = session.scalar(
        select(ElementLink).where(
            ElementLink.production_id == info.id,
            ElementLink.anchor_id == anchor_id,
            ElementLink.linked_id == linked_id,
        )
    )
    if link is None:
        raise NotFound("element link", f"{anchor_id} -> {linked_id}", production)
    session.delete(link)
    session.flush()


# --- scenes and tags ------------------------------------------------------------------


def _current_version_ids(session: Session, production_id: int) -> list[int]:
    return [v.id for v in current_versions(session=session, production_id=production_id)]


def _check_version(kind: str, key: object, stored: int, read: int) -> None:
    if stored != read:
        raise Conflict(
            f"{kind} {key} was changed by someone else (version {stored}, you read {read}); "
            "reload and try again"
        )


def _tag_info(tag: Tag, element: Element) -> TagInfo:
    return TagInfo(
        id=tag.id,
        scene_id=tag.scene_id,
        element_id=element.id,
        category=element.category,
        name=element.name,
        source_element=tag.source_element,
        source_start=tag.source_start,
        source_end=tag.source_end,
        source_text=tag.source_text,
        confidence=tag.confidence,
        origin=tag.origin,
        status=tag.status,
        count=tag.count,
        version=tag.version,
    )


def _current_scene(session: Session, production_id: int, scene_id: int) -> Scene:
    """A scene of the production's current scripts; an old draft's scene is refused by name."""
    scene = session.get(Scene, scene_id)
    if scene is None or scene.production_id != production_id:
        raise NotFound("scene", scene_id)
    if scene.script_version_id not in _current_version_ids(session, production_id):
        episode = session.get_one(Episode, scene.episode_id)
        raise ValidationError(
            "scene_id",
            f"scene {scene_id} is from an earlier draft of episode {episode.number}; "
            "it is no longer in the script",
        )
    return scene


def _screenplay_of(session: Session, version_id: int) -> Screenplay:
    version = session.get_one(ScriptVersion, version_id)
    return screenplay_from_data(version.title_page, version.elements, version.tags)


def add_tag(
    *,
    session: Session,
    production: str,
    scene_id: int,
    category: str,
    name: str,
    source: tuple[int, int, int] | None = None,
    count: int | None = None,
) -> TagInfo:
    """A person tags an element in a scene (accepted at once).

    ``source`` is ``(element index, start, end)`` in the episode's script when the
    tag marks a stretch of text; it must lie inside the scene.
    """
    info = get_or_raise(session=session, name=production)
    scene = _current_scene(session, info.id, scene_id)
    _check_category(session, info.id, category)
    name = name.strip()
    if not name:
        raise ValidationError("name", "a tag needs an element name")
    _check_length("name", name, _NAME_LIMIT)
    if count is not None and count < 1:
        raise ValidationError("count", f"a count of at least 1, got {count}")
    key = key_for(category, name)
    if not key:
        raise ValidationError("name", f"{name[:60]!r} has no letters to match by")
    place: tuple[int | None, int | None, int | None, str | None] = (None, None, None, None)
    if source is not None:
        place = _source(session, scene, source)
    elements = _Elements(session, info.id)
    element = elements.get(category, key, name)
    session.flush()
    same = session.scalar(
        select(Tag).where(
            Tag.production_id == info.id,
            Tag.scene_id == scene.id,
            Tag.element_id == element.id,
            Tag.source_element.is_(None) if place[0] is None else Tag.source_element == place[0],
            Tag.source_start.is_(None) if place[1] is None else Tag.source_start == place[1],
        )
    )
    if same is not None:
        same.status = "accepted"
        if count is not None:
            same.count = count
        session.flush()
        return _tag_info(same, element)
    tag = Tag(
        production_id=info.id,
        scene_id=scene.id,
        element_id=element.id,
        source_element=place[0],
        source_start=place[1],
        source_end=place[2],
        source_text=place[3],
        confidence=1.0,
        origin="user",
        status="accepted",
        count=count,
    )
    session.add(tag)
    session.flush()
    return _tag_info(tag, element)


def _source(
    session: Session, scene: Scene, source: tuple[int, int, int]
) -> tuple[int, int, int, str]:
    element_index, start, end = source
    screenplay = _screenplay_of(session, scene.script_version_id)
    split = next((s for s in split_scenes(screenplay) if s.index == scene.position), None)
    if split is None or not split.start <= element_index < split.end:
        raise ValidationError(
            "source.element", f"element {element_index} is not part of scene {scene.position}"
        )
    text = screenplay.elements[element_index].text
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            "source", f"characters {start}-{end} are outside the element ({len(text)} characters)"
        )
    return element_index, start, end, text[start:end]


def _tag_or_raise(session: Session, production_id: int, tag_id: int) -> tuple[Tag, Element]:
    tag = session.get(Tag, tag_id)
    if tag is None or tag.production_id != production_id:
        raise NotFound("tag", tag_id)
    return tag, session.get_one(Element, tag.element_id)


def tag_version(*, session: Session, production: str, tag_id: int) -> int:
    """The version a tag has now (what a change from the command line applies to)."""
    info = get_or_raise(session=session, name=production)
    tag, _ = _tag_or_raise(session, info.id, tag_id)
    return tag.version


def set_tag_status(
    *, session: Session, production: str, tag_id: int, status: str, version: int
) -> TagInfo:
    """Accept or reject a tag (or send it back to proposed / review)."""
    info = get_or_raise(session=session, name=production)
    if status not in STATUSES:
        raise ValidationError("status", f"{status[:40]!r} is not one of {', '.join(STATUSES)}")
    tag, element = _tag_or_raise(session, info.id, tag_id)
    _check_version("tag", tag_id, tag.version, version)
    tag.status = status
    session.flush()
    return _tag_info(tag, element)


def recategorise_tag(
    *, session: Session, production: str, tag_id: int, category: str, version: int
) -> TagInfo:
    """Move a tag to another category (the element of that category with the same name).

    The tag counts as accepted: a person decided it, so re-running the tagger keeps it.
    """
    info = get_or_raise(session=session, name=production)
    tag, element = _tag_or_raise(session, info.id, tag_id)
    _check_version("tag", tag_id, tag.version, version)
    _check_category(session, info.id, category)
    if category != element.category:
        elements = _Elements(session, info.id)
        target = elements.get(category, key_for(category, element.name), element.name)
        session.flush()
        tag.element_id, element = target.id, target
    tag.status = "accepted"
    session.flush()
    return _tag_info(tag, element)


# --- the automatic breakdown, stored --------------------------------------------------


def run_auto(*, session: Session, production: str, episode: int | None = None) -> AutoSummary:
    """Tag the current scripts (all episodes, or one) and store the tags found.

    New finds are *proposed*. What people decided stays: accepted, rejected and
    re-categorised tags, tags they added and tags from a file are kept, and a
    find at a place someone already decided is not added again. Proposed tags
    the tagger no longer finds go. Elements are reused by category and key
    (merged keys included). Earlier episodes are always read, so elements they
    established are known in later ones.
    """
    info = get_or_raise(session=session, name=production)
    versions = current_versions(session=session, production_id=info.id)
    if episode is not None:
        numbers = {session.get_one(Episode, v.episode_id).number: v for v in versions}
        if episode not in numbers:
            raise NotFound("episode", episode, production)
    categories = _pure(_categories(session, info.id))
    elements = _Elements(session, info.id)
    known: dict[str, str] = {}
    episodes = scenes = added = kept = dropped = 0
    for version in versions:
        number = session.get_one(Episode, version.episode_id).number
        if episode is not None and number > episode:
            break
        screenplay = screenplay_from_data(version.title_page, version.elements, version.tags)
        found = tag_script(screenplay, categories=categories, known_elements=known)
        known.update(established(found))
        if episode is not None and number != episode:
            continue
        episodes += 1
        # A character's element is named as the cues write it (``AMPARO``, not ``DOÑA AMPARO``).
        cue_names: dict[str, str] = {}
        for item in found:
            for hit in item.tags:
                if hit.category == "cast" and hit.confidence >= 1.0:
                    cue_names.setdefault(hit.key, hit.name)
        rows = {
            row.position: row
            for row in session.scalars(select(Scene).where(Scene.script_version_id == version.id))
        }
        existing: dict[int, list[Tag]] = defaultdict(list)
        for tag in session.scalars(
            select(Tag).where(
                Tag.production_id == info.id, Tag.scene_id.in_([r.id for r in rows.values()])
            )
        ):
            existing[tag.scene_id].append(tag)
        for item in found:
            row = rows.get(item.scene.index)
            if row is None:
                continue
            scenes += 1
            stored = existing.get(row.id, [])
            seen: set[int] = set()
            for hit in item.tags:
                element = elements.find(hit.category, hit.key)
                here = [
                    t
                    for t in stored
                    if (t.source_element, t.source_start) == (hit.element, hit.start)
                ]
                same = next(
                    (t for t in here if element is not None and t.element_id == element.id), None
                )
                if same is not None:
                    seen.add(same.id)
                    kept += 1
                    continue
                if any(t.origin != "auto" or t.status != "proposed" for t in here):
                    continue  # someone decided this stretch of text already
                name = cue_names.get(hit.key, hit.name) if hit.category in _CAST else hit.name
                element = elements.get(hit.category, hit.key, name, hit)
                if element.id is None:
                    session.flush()
                new = Tag(
                    production_id=info.id,
                    scene_id=row.id,
                    element_id=element.id,
                    source_element=hit.element,
                    source_start=hit.start,
                    source_end=hit.end,
                    source_text=screenplay.elements[hit.element].text[hit.start : hit.end],
                    confidence=hit.confidence,
                    origin="auto",
                    status="proposed",
                    count=hit.count,
                )
                session.add(new)
                added += 1
            for old in stored:
                if old.origin == "auto" and old.status == "proposed" and old.id not in seen:
                    session.delete(old)
                    dropped += 1
        session.flush()
    return AutoSummary(episodes, scenes, added, kept, dropped, elements.added)


def has_stored(*, session: Session, production: str) -> bool:
    """Whether the production has a stored breakdown (any tag on its current scripts)."""
    info = get_or_raise(session=session, name=production)
    current = _current_version_ids(session, info.id)
    found = session.scalar(
        select(Tag.id)
        .join(Scene, Scene.id == Tag.scene_id)
        .where(Tag.production_id == info.id, Scene.script_version_id.in_(current))
        .limit(1)
    )
    return found is not None


def _scene_rows(
    session: Session, production_id: int, episode: int | None
) -> list[tuple[Scene, int]]:
    versions = current_versions(session=session, production_id=production_id, episode=episode)
    return [
        (scene, number)
        for scene, number in session.execute(
            select(Scene, Episode.number)
            .join(Episode, Episode.id == Scene.episode_id)
            .where(
                Scene.production_id == production_id,
                Scene.script_version_id.in_([v.id for v in versions]),
            )
            .order_by(Episode.number, Scene.position)
        ).all()
    ]


def _shown(
    tags: Sequence[tuple[Tag, Element]],
    links: dict[int, list[Element]],
) -> dict[str, list[Any]]:
    """A scene's elements per category: its tags not rejected, element links, default links."""
    found: list[FoundTag] = []
    present: set[int] = set()
    ordered = sorted(
        tags,
        key=lambda pair: (
            pair[0].source_element is None,
            pair[0].source_element or 0,
            pair[0].source_start or 0,
            pair[0].id,
        ),
    )
    for tag, element in ordered:
        if tag.status == "rejected":
            continue
        present.add(element.id)
        # A suggestion someone accepted is in the breakdown whatever the tagger's confidence.
        sure = 1.0 if tag.status == "accepted" else tag.confidence
        found.append(_as_found(element, tag.source_element, tag.source_start, sure, tag.count))
    for tag, element in ordered:
        if tag.status == "rejected":
            continue
        for linked in links.get(element.id, ()):
            if linked.id not in present:
                present.add(linked.id)
                found.append(_as_found(linked, None, None, 1.0, None, element.key))
    return scene_elements(apply_links(found))


def _as_found(
    element: Element,
    source_element: int | None,
    start: int | None,
    confidence: float,
    count: int | None,
    linked_from: str | None = None,
) -> FoundTag:
    return FoundTag(
        category=element.category,
        name=element.name,
        key=element.key,
        element=source_element if source_element is not None else -1,
        start=start or 0,
        end=start or 0,
        confidence=confidence,
        count=count if count is not None else element.count,
        age=element.age,
        minor=element.minor,
        linked_from=linked_from,
    )


def _links(session: Session, production_id: int) -> dict[int, list[Element]]:
    rows = session.execute(
        select(ElementLink.anchor_id, Element)
        .join(Element, Element.id == ElementLink.linked_id)
        .where(ElementLink.production_id == production_id)
        .order_by(ElementLink.id)
    ).all()
    out: dict[int, list[Element]] = defaultdict(list)
    for anchor_id, element in rows:
        out[anchor_id].append(element)
    return out


def _tags_by_scene(
    session: Session, production_id: int, scene_ids: list[int]
) -> dict[int, list[tuple[Tag, Element]]]:
    out: dict[int, list[tuple[Tag, Element]]] = defaultdict(list)
    for tag, element in session.execute(
        select(Tag, Element)
        .join(Element, Element.id == Tag.element_id)
        .where(Tag.production_id == production_id, Tag.scene_id.in_(scene_ids))
    ).all():
        out[tag.scene_id].append((tag, element))
    return out


def breakdown_rows(
    *, session: Session, production: str, episode: int | None = None
) -> list[SceneElements]:
    """The stored breakdown, one row per scene in script order: accepted and proposed tags,
    element links applied, names as the production shows them."""
    info = get_or_raise(session=session, name=production)
    scenes = _scene_rows(session, info.id, episode)
    tags = _tags_by_scene(session, info.id, [scene.id for scene, _ in scenes])
    links = _links(session, info.id)
    return [
        SceneElements(
            episode=number,
            index=scene.position,
            number=scene.number,
            heading=scene.heading,
            elements=_shown(tags.get(scene.id, []), links),
        )
        for scene, number in scenes
    ]


def scene_breakdown(*, session: Session, production: str, episode: int, index: int) -> SceneDetail:
    """One scene of an episode's current script (``index`` from 1): its tags and elements."""
    info = get_or_raise(session=session, name=production)
    scenes = [pair for pair in _scene_rows(session, info.id, episode) if pair[0].position == index]
    if not scenes:
        raise NotFound("scene", f"{episode}/{index}", production)
    scene, number = scenes[0]
    pairs = _tags_by_scene(session, info.id, [scene.id]).get(scene.id, [])
    pairs.sort(
        key=lambda pair: (
            pair[0].source_element is None,
            pair[0].source_element or 0,
            pair[0].source_start or 0,
            pair[0].id,
        )
    )
    return SceneDetail(
        scene_id=scene.id,
        episode=number,
        index=scene.position,
        number=scene.number,
        heading=scene.heading,
        tags=tuple(_tag_info(tag, element) for tag, element in pairs),
        elements=_shown(pairs, _links(session, info.id)),
    )


# --- on the fly, before anything is stored ---------------------------------------------


def auto_breakdown(
    *, session: Session, production: str, episode: int | None = None
) -> list[SceneElements]:
    """Tag every scene of the current scripts without storing anything (one episode, or all)."""
    info = get_or_raise(session=session, name=production)
    numbers = [
        session.get_one(Episode, version.episode_id).number
        for version in current_versions(session=session, production_id=info.id)
    ]
    if episode is not None and episode not in numbers:
        raise NotFound("episode", episode, production)
    categories = _pure(_categories(session, info.id))
    known: dict[str, str] = {}
    rows: list[SceneElements] = []
    for number in numbers:
        if episode is not None and number > episode:
            break
        screenplay = load_screenplay(session=session, production=production, episode=number)
        breakdowns = tag_script(screenplay, categories=categories, known_elements=known)
        known.update(established(breakdowns))
        if episode is not None and number != episode:
            continue
        for item in breakdowns:
            rows.append(
                SceneElements(
                    episode=number,
                    index=item.scene.index,
                    number=item.scene.number,
                    heading=item.scene.heading_text,
                    elements=scene_elements(apply_links(item.tags)),
                )
            )
    return rows


def show_rows(
    *, session: Session, production: str, episode: int | None = None
) -> list[SceneElements]:
    """What ``breakdown show`` prints: the stored breakdown when there is one, else computed."""
    if has_stored(session=session, production=production):
        return breakdown_rows(session=session, production=production, episode=episode)
    return auto_breakdown(session=session, production=production, episode=episode)


# --- tags in script files (FDX TagData) -------------------------------------------------

_NEW_CATEGORY_LIMIT = 100
_COUNTED = ("background", "animals")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def import_file_tags(*, session: Session, production_id: int, version_id: int) -> list[str]:
    """Store the tags a script file brought (Final Draft's ``TagData``) as accepted ``fdx`` tags.

    Runs inside the import's transaction, so a failure here leaves nothing of the
    import behind. A category the production does not have becomes one of its own
    (named and coloured as in the file) and the returned notes say so; a category
    name over 80 characters, or more than 100 new categories, refuses the file.
    """
    version = session.get_one(ScriptVersion, version_id)
    screenplay = screenplay_from_data(version.title_page, version.elements, version.tags)
    if not screenplay.tags:
        return []
    source = version.source_name
    categories = _categories(session, production_id)
    pure = _pure(categories)
    colours = {category.name: category.color for category in screenplay.tag_categories}
    used = [category.key for category in categories]
    keys: dict[str, str] = {}
    notes: list[str] = []
    for name in dict.fromkeys(tag.category for tag in screenplay.tags):
        key = key_for_name(name, pure)
        if key is None:
            if len(name) > 80 or not name.strip():
                raise ValidationError(
                    f"{source}: TagCategory", f"{name[:60]!r} is not a usable category name"
                )
            if len(used) - len(categories) >= _NEW_CATEGORY_LIMIT:
                raise LimitExceeded(
                    f"{source}: more than {_NEW_CATEGORY_LIMIT} tag categories this production "
                    "does not have"
                )
            key = new_key(name, used)
            used.append(key)
            colour = colours.get(name, "#808080")
            session.add(
                BreakdownCategory(
                    production_id=production_id,
                    key=key,
                    name_en=name.strip(),
                    name_es=name.strip(),
                    colour=colour.upper() if _COLOUR.match(colour) else "#808080",
                    position=len(used),
                )
            )
            notes.append(f"tag category {name!r} is not one of this production's; added as {key!r}")
        keys[name] = key
    session.flush()
    split = split_scenes(screenplay)
    starts = [scene.start for scene in split]
    rows = {
        row.position: row
        for row in session.scalars(select(Scene).where(Scene.script_version_id == version.id))
    }
    elements = _Elements(session, production_id)
    vocab = default_vocabulary()
    seen: set[tuple[int, int, int, int]] = set()
    outside = 0
    for tag in screenplay.tags:
        at = bisect_right(starts, tag.element) - 1
        row = rows.get(split[at].index) if at >= 0 and tag.element < split[at].end else None
        category = keys[tag.category]
        key = key_for(category, tag.name)
        if row is None or not key:
            outside += 1
            continue
        element = elements.get(category, key, tag.name)
        if element.id is None:
            session.flush()
        place = (row.id, element.id, tag.element, tag.start)
        if place in seen:
            continue
        seen.add(place)
        text = screenplay.elements[tag.element].text
        session.add(
            Tag(
                production_id=production_id,
                scene_id=row.id,
                element_id=element.id,
                source_element=tag.element,
                source_start=tag.start,
                source_end=tag.end,
                source_text=text[tag.start : tag.end],
                confidence=1.0,
                origin="fdx",
                status="accepted",
                # The file has no counts; the script's words give them ("20 JORNALEROS").
                count=count_before(text[: tag.start], vocab) if category in _COUNTED else None,
            )
        )
    if outside:
        notes.append(f"{outside} tag(s) outside any scene (before the first heading) left out")
    session.flush()
    return notes


def with_stored_tags(
    *, session: Session, production: str, episode: int | None, screenplay: Screenplay
) -> Screenplay:
    """The screenplay with the stored breakdown as its tags, for writing an FDX Final Draft opens.

    ``screenplay`` is ``load_screenplay``'s for the same episode (or all, one after
    another). Tags not rejected and marking a stretch of text go out under their
    category's English name; a production without a stored breakdown keeps the
    file's own tags.
    """
    if not has_stored(session=session, production=production):
        return screenplay
    info = get_or_raise(session=session, name=production)
    versions = current_versions(session=session, production_id=info.id, episode=episode)
    offsets: dict[int, int] = {}
    offset = 0
    for version in versions:
        offsets[version.id] = offset
        offset += len(version.elements)
    names = {c.key: c for c in _categories(session, info.id)}
    found: list[ModelTag] = []
    used: dict[str, TagCategory] = {}
    rows = session.execute(
        select(Tag, Element, Scene.script_version_id)
        .join(Element, Element.id == Tag.element_id)
        .join(Scene, Scene.id == Tag.scene_id)
        .where(
            Tag.production_id == info.id,
            Tag.status != "rejected",
            Tag.source_element.is_not(None),
            Scene.script_version_id.in_(list(offsets)),
        )
        .order_by(Tag.id)
    ).all()
    for tag, element, version_id in rows:
        index = offsets[version_id] + (tag.source_element or 0)
        start, end = tag.source_start or 0, tag.source_end or 0
        if index >= len(screenplay.elements) or not 0 <= start < end:
            continue
        if end > len(screenplay.elements[index].text):
            continue  # the text changed since the tag was made
        category = names.get(element.category)
        label = category.name_en if category is not None else element.category
        colour = category.colour if category is not None else "#808080"
        used.setdefault(label, TagCategory(label, colour))
        found.append(ModelTag(label, element.name, index, start, end))
    order = {category.name_en: position for position, category in enumerate(names.values())}
    ordered = sorted(used.values(), key=lambda category: order.get(category.name, len(order)))
    return replace(screenplay, tag_categories=tuple(ordered), tags=tuple(found))
