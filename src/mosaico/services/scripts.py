"""Script import and export: file → screenplay → scenes in the store, and back out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mosaico.errors import NotFound, ValidationError
from mosaico.screenplay.io import (
    ScriptFormat,
    detect_format,
    read_script,
    screenplay_from_data,
    screenplay_to_data,
    write_script,
)
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Screenplay, Tag, TagCategory
from mosaico.screenplay.names import character_key
from mosaico.screenplay.paginate import Pagination, Paper, SceneLayout, paginate
from mosaico.screenplay.scenes import Scene as SplitScene
from mosaico.screenplay.scenes import split_scenes
from mosaico.services.productions import get_or_raise
from mosaico.store import files
from mosaico.store.tables import Character, Episode, Scene, SceneCharacter, ScriptVersion

REVISION_COLOURS = (
    "White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry", "Tan",
    "Gray", "Double White", "Double Blue", "Double Pink", "Double Yellow", "Double Green",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import stored (or found already stored)."""

    source: str
    format: ScriptFormat
    episode: int
    scenes: int
    pages: int
    eighths: int
    characters: int
    already_imported: bool
    warnings: tuple[str, ...]


def _episode(session: Session, production_id: int, number: int | None) -> Episode:
    if number is None:
        highest = session.scalar(
            select(func.max(Episode.number)).where(Episode.production_id == production_id)
        )
        number = (highest or 0) + 1
    if number < 1:
        raise ValidationError("episode", f"episode numbers start at 1, got {number}")
    episode = session.scalar(
        select(Episode).where(Episode.production_id == production_id, Episode.number == number)
    )
    if episode is None:
        episode = Episode(production_id=production_id, number=number, title="")
        session.add(episode)
        session.flush()
    return episode


def _characters(session: Session, production_id: int, names: list[str]) -> dict[str, Character]:
    """The production's characters for ``names``, created where missing, keyed by match key."""
    wanted = {character_key(name): name for name in reversed(names) if character_key(name)}
    found = {
        character.key: character
        for character in session.scalars(
            select(Character).where(
                Character.production_id == production_id, Character.key.in_(list(wanted))
            )
        )
    }
    for key, name in wanted.items():
        if key not in found:
            found[key] = Character(production_id=production_id, name=name, key=key)
            session.add(found[key])
    session.flush()
    return found


def import_script(
    *,
    session: Session,
    production: str,
    data: bytes,
    source: str,
    limits: Limits,
    files_dir: Path,
    episode: int | None = None,
    draft: str = "",
    colour: str = "White",
    script_date: date | None = None,
) -> ImportResult:
    """Read a script file and store it as a new version of an episode, all or nothing.

    The same bytes imported again into the same production (and episode, when
    one is named) change nothing. The caller's transaction makes it atomic: any
    error leaves the store as it was.
    """
    info = get_or_raise(session=session, name=production)
    if colour not in REVISION_COLOURS:
        raise ValidationError(
            "colour", f"{colour!r} is not a revision colour ({', '.join(REVISION_COLOURS[:11])}…)"
        )
    if len(draft) > 120:
        raise ValidationError("draft", "a draft name is at most 120 characters")
    digest = files.sha256(data)
    existing = session.scalar(
        select(ScriptVersion)
        .where(ScriptVersion.production_id == info.id, ScriptVersion.sha256 == digest)
        .order_by(ScriptVersion.id)
        .limit(1)
    )
    if existing is not None and (
        episode is None or existing.episode_id == _episode_id(session, info.id, episode)
    ):
        return _result(session, existing, source, already=True, warnings=())

    # Everything that can fail on bad input happens before the first write.
    screenplay = read_script(data, source, limits)
    fmt = detect_format(data, source)
    layout = paginate(screenplay, Paper.LETTER)
    scenes = split_scenes(screenplay)

    target = _episode(session, info.id, episode)
    stored = screenplay_to_data(screenplay)
    version = ScriptVersion(
        production_id=info.id,
        episode_id=target.id,
        draft=draft,
        colour=colour,
        script_date=script_date,
        source_name=Path(source).name[:300],
        source_format=fmt.value,
        sha256=digest,
        title_page=stored["title_page"],
        elements=stored["elements"],
        tags=stored["tags"],
        page_count=layout.page_count,
        total_eighths=layout.total_eighths.value,
    )
    session.add(version)
    session.flush()
    names = [name for scene in scenes for name in (*scene.speaking, *scene.silent)]
    characters = _characters(session, info.id, names)
    rows = [
        _scene_row(screenplay, scene, measure, info.id, target.id, version.id)
        for scene, measure in zip(scenes, layout.scenes, strict=True)
    ]
    session.add_all(rows)
    session.flush()  # one batch of inserts gives every row its id
    links = []
    for scene, row in zip(scenes, rows, strict=True):
        seen: set[str] = set()
        for name, speaking in [(n, True) for n in scene.speaking] + [
            (n, False) for n in scene.silent
        ]:
            key = character_key(name)
            if key in seen or key not in characters:
                continue
            seen.add(key)
            links.append(
                SceneCharacter(
                    scene_id=row.id,
                    character_id=characters[key].id,
                    production_id=info.id,
                    speaking=speaking,
                )
            )
    session.add_all(links)
    session.flush()
    # FDX TagData becomes stored breakdown tags, in this same transaction (a cycle otherwise).
    from mosaico.services.breakdown import import_file_tags

    tag_notes = tuple(
        import_file_tags(session=session, production_id=info.id, version_id=version.id)
    )
    files.save(files_dir, data)
    warnings = (
        tuple(f"line {w.line}: {w.message}" if w.line else w.message for w in screenplay.warnings)
        + tag_notes
    )
    return _result(session, version, source, already=False, warnings=warnings)


def _scene_row(
    screenplay: Screenplay,
    scene: SplitScene,
    measure: SceneLayout,
    production_id: int,
    episode_id: int,
    version_id: int,
) -> Scene:
    imported = screenplay.elements[scene.start].imported_length
    return Scene(
        production_id=production_id,
        episode_id=episode_id,
        script_version_id=version_id,
        position=scene.index,
        number=scene.number[:16] if scene.number else None,
        heading=scene.heading_text,
        int_ext=scene.heading.int_ext.value,
        set_name=scene.heading.set_name[:300],
        time_of_day=scene.heading.time_of_day.value,
        eighths=measure.eighths.value,
        imported_eighths=imported.value if imported is not None else None,
        page=measure.page,
        synopsis=scene.synopsis,
        omitted=scene.omitted,
    )


def _episode_id(session: Session, production_id: int, number: int) -> int | None:
    return session.scalar(
        select(Episode.id).where(Episode.production_id == production_id, Episode.number == number)
    )


def _result(
    session: Session,
    version: ScriptVersion,
    source: str,
    *,
    already: bool,
    warnings: tuple[str, ...],
) -> ImportResult:
    episode = session.get(Episode, version.episode_id)
    assert episode is not None
    scene_ids = select(Scene.id).where(Scene.script_version_id == version.id)
    scenes = session.scalar(select(func.count()).select_from(scene_ids.subquery())) or 0
    characters = session.scalar(
        select(func.count(func.distinct(SceneCharacter.character_id))).where(
            SceneCharacter.scene_id.in_(scene_ids)
        )
    )
    return ImportResult(
        source=source,
        format=ScriptFormat(version.source_format),
        episode=episode.number,
        scenes=scenes,
        pages=version.page_count,
        eighths=version.total_eighths,
        characters=characters or 0,
        already_imported=already,
        warnings=warnings,
    )


def current_versions(
    *, session: Session, production_id: int, episode: int | None = None
) -> list[ScriptVersion]:
    """The newest script version of each episode (or of one episode), in episode order."""
    query = select(Episode).where(Episode.production_id == production_id).order_by(Episode.number)
    if episode is not None:
        query = query.where(Episode.number == episode)
    episodes = list(session.scalars(query))
    if episode is not None and not episodes:
        raise NotFound("episode", episode)
    versions = []
    for item in episodes:
        newest = session.scalar(
            select(ScriptVersion)
            .where(
                ScriptVersion.episode_id == item.id, ScriptVersion.production_id == production_id
            )
            .order_by(ScriptVersion.id.desc())
            .limit(1)
        )
        if newest is not None:
            versions.append(newest)
    return versions


def load_screenplay(*, session: Session, production: str, episode: int | None = None) -> Screenplay:
    """The current script of one episode, or of all episodes one after another."""
    info = get_or_raise(session=session, name=production)
    versions = current_versions(session=session, production_id=info.id, episode=episode)
    if not versions:
        raise NotFound("script", "any episode", production)
    parts = [screenplay_from_data(v.title_page, v.elements, v.tags) for v in versions]
    if len(parts) == 1:
        return parts[0]
    return _one_after_another(parts)


def _one_after_another(parts: list[Screenplay]) -> Screenplay:
    """Episodes joined into one script; each tag still points at its own element."""
    categories: dict[str, TagCategory] = {}
    tags: list[Tag] = []
    offset = 0
    for part in parts:
        for category in part.tag_categories:
            categories.setdefault(category.name, category)
        tags.extend(replace(tag, element=tag.element + offset) for tag in part.tags)
        offset += len(part.elements)
    return Screenplay(
        title_page=parts[0].title_page,
        elements=tuple(element for part in parts for element in part.elements),
        tag_categories=tuple(categories.values()),
        tags=tuple(tags),
    )


def export_script(
    *,
    session: Session,
    production: str,
    fmt: ScriptFormat,
    episode: int | None = None,
    paper: Paper = Paper.LETTER,
) -> bytes:
    """The stored script (one episode or all) written in ``fmt``."""
    screenplay = load_screenplay(session=session, production=production, episode=episode)
    if fmt is ScriptFormat.FDX:  # the stored breakdown goes out as TagData (a cycle otherwise)
        from mosaico.services.breakdown import with_stored_tags

        screenplay = with_stored_tags(
            session=session, production=production, episode=episode, screenplay=screenplay
        )
    return write_script(screenplay, fmt, paper)


@dataclass(frozen=True, slots=True)
class EpisodeInfo:
    """An episode with its current script version."""

    number: int
    title: str
    scenes: int
    pages: int
    eighths: int
    source_name: str
    colour: str
    draft: str
    script_date: date | None = None


def list_episodes(*, session: Session, production: str) -> list[EpisodeInfo]:
    """The production's episodes with their current script, in order."""
    info = get_or_raise(session=session, name=production)
    out = []
    for version in current_versions(session=session, production_id=info.id):
        episode = session.get(Episode, version.episode_id)
        assert episode is not None
        scenes = session.scalar(
            select(func.count()).select_from(Scene).where(Scene.script_version_id == version.id)
        )
        out.append(
            EpisodeInfo(
                number=episode.number,
                title=episode.title or (_title(version.title_page) or version.source_name),
                scenes=scenes or 0,
                pages=version.page_count,
                eighths=version.total_eighths,
                source_name=version.source_name,
                colour=version.colour,
                draft=version.draft,
                script_date=version.script_date,
            )
        )
    return out


def _title(title_page: list[Any]) -> str | None:
    for entry in title_page:
        if str(entry.get("key", "")).casefold() == "title":
            return str(entry.get("value", "")).replace("*", "").replace("_", "").strip() or None
    return None


def script_layout(
    *, session: Session, production: str, episode: int, paper: Paper = Paper.LETTER
) -> Pagination:
    """The current script of an episode laid out on pages, for reading on screen."""
    return paginate(load_screenplay(session=session, production=production, episode=episode), paper)


def count_characters(*, session: Session, production: str) -> int:
    """Characters of the production that appear in its current scripts."""
    info = get_or_raise(session=session, name=production)
    version_ids = [v.id for v in current_versions(session=session, production_id=info.id)]
    scene_ids = select(Scene.id).where(Scene.script_version_id.in_(version_ids))
    return (
        session.scalar(
            select(func.count(func.distinct(SceneCharacter.character_id))).where(
                SceneCharacter.scene_id.in_(scene_ids)
            )
        )
        or 0
    )
