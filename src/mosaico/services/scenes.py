"""The scene list of a production, as the stripboard and the scene table read it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from mosaico.errors import NotFound
from mosaico.screenplay.eighths import Eighths
from mosaico.services.productions import get_or_raise as get_production
from mosaico.services.scripts import current_versions
from mosaico.store.tables import Character, Episode, Scene, SceneCharacter


@dataclass(frozen=True, slots=True)
class SceneRow:
    """One scene of the current script of an episode."""

    id: int
    episode: int
    position: int
    number: str | None
    heading: str
    int_ext: str
    set_name: str
    time_of_day: str
    eighths: Eighths
    imported_eighths: Eighths | None
    page: int
    synopsis: str | None
    omitted: bool
    speaking: tuple[str, ...]
    silent: tuple[str, ...]


def list_scenes(*, session: Session, production: str, episode: int | None = None) -> list[SceneRow]:
    """Scenes of the current script versions, in episode and script order."""
    info = get_production(session=session, name=production)
    versions = current_versions(session=session, production_id=info.id, episode=episode)
    version_ids = [version.id for version in versions]
    if not version_ids:
        return []
    return _rows(
        session,
        info.id,
        select(Scene, Episode.number)
        .join(Episode, Episode.id == Scene.episode_id)
        .where(Scene.production_id == info.id, Scene.script_version_id.in_(version_ids))
        .order_by(Episode.number, Scene.position),
    )


def get(*, session: Session, production_id: int, scene_id: int) -> SceneRow | None:
    """One scene of this production by id; ``None`` when it is not one of its scenes."""
    rows = _rows(
        session,
        production_id,
        select(Scene, Episode.number)
        .join(Episode, Episode.id == Scene.episode_id)
        .where(Scene.production_id == production_id, Scene.id == scene_id),
    )
    return rows[0] if rows else None


def get_or_raise(*, session: Session, production_id: int, scene_id: int) -> SceneRow:
    """One scene of this production by id; ``NotFound`` for another production's scene too."""
    row = get(session=session, production_id=production_id, scene_id=scene_id)
    if row is None:
        raise NotFound("scene", scene_id)
    return row


def _rows(session: Session, production_id: int, query: Select[Scene, int]) -> list[SceneRow]:
    rows = session.execute(query).all()
    cast: dict[int, tuple[list[str], list[str]]] = {row.Scene.id: ([], []) for row in rows}
    links = session.execute(
        select(SceneCharacter.scene_id, SceneCharacter.speaking, Character.name)
        .join(Character, Character.id == SceneCharacter.character_id)
        .where(
            SceneCharacter.production_id == production_id, SceneCharacter.scene_id.in_(list(cast))
        )
        .order_by(Character.id)
    )
    for scene_id, speaking, name in links:
        cast[scene_id][0 if speaking else 1].append(name)
    return [
        SceneRow(
            id=scene.id,
            episode=number,
            position=scene.position,
            number=scene.number,
            heading=scene.heading,
            int_ext=scene.int_ext,
            set_name=scene.set_name,
            time_of_day=scene.time_of_day,
            eighths=Eighths(scene.eighths),
            imported_eighths=Eighths(scene.imported_eighths)
            if scene.imported_eighths is not None
            else None,
            page=scene.page,
            synopsis=scene.synopsis,
            omitted=scene.omitted,
            speaking=tuple(cast[scene.id][0]),
            silent=tuple(cast[scene.id][1]),
        )
        for scene, number in rows
    ]
