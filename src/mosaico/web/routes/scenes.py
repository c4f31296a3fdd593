"""Scenes: the scene list of a production, all episodes or one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from mosaico.screenplay.eighths import Eighths
from mosaico.services import productions, scenes, scripts
from mosaico.web.deps import SessionDep
from mosaico.web.forms import episode_number
from mosaico.web.render import is_htmx, render
from mosaico.web.schemas import ERRORS, SceneOut

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["scenes"], responses=ERRORS)


@api.get("/{slug}/scenes", response_model=list[SceneOut], summary="Scenes of the current scripts")
def list_scenes(
    slug: str,
    session: SessionDep,
    episode: Annotated[int | None, Query(ge=1, description="Only this episode.")] = None,
) -> list[SceneOut]:
    rows = scenes.list_scenes(session=session, production=slug, episode=episode)
    return [SceneOut.of(row) for row in rows]


@api.get("/{slug}/scenes/{scene_id}", response_model=SceneOut, summary="One scene")
def get_scene(slug: str, scene_id: int, session: SessionDep) -> SceneOut:
    info = productions.get_or_raise(session=session, name=slug)
    # Scoped by production: another production's scene id is not found here.
    return SceneOut.of(
        scenes.get_or_raise(session=session, production_id=info.id, scene_id=scene_id)
    )


@router.get("/productions/{slug}/scenes", response_class=HTMLResponse, include_in_schema=False)
def scenes_page(
    request: Request,
    slug: str,
    session: SessionDep,
    episode: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    number = episode_number(episode)
    rows = scenes.list_scenes(session=session, production=slug, episode=number)
    fragment = is_htmx(request)
    return render(
        request,
        # The episode filter asks htmx for the table only.
        "scenes_table.html" if fragment else "scenes.html",
        fragment=fragment,
        default_language=info.language,
        production=info,
        scenes=rows,
        total=Eighths(sum(row.eighths.value for row in rows)),
        episodes=scripts.list_episodes(session=session, production=slug),
        episode=number,
    )
