"""Breakdown: the automatic breakdown of the current scripts (read-only for now)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from mosaico.services import breakdown
from mosaico.web.deps import SessionDep
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["breakdown"], responses=ERRORS)


class SceneElementsOut(BaseModel):
    episode: int
    index: int = Field(description="Position of the scene in its episode's script, from 1.")
    number: str | None
    heading: str
    elements: dict[str, list[Any]] = Field(
        description="Element names per category key (cast, background as {name, count}, props…)."
    )


@api.get(
    "/{slug}/breakdown",
    response_model=list[SceneElementsOut],
    summary="Automatic breakdown of every scene",
)
def auto_breakdown(
    slug: str,
    session: SessionDep,
    episode: Annotated[int | None, Query(ge=1, description="Only this episode.")] = None,
) -> list[SceneElementsOut]:
    rows = breakdown.auto_breakdown(session=session, production=slug, episode=episode)
    return [
        SceneElementsOut(
            episode=row.episode,
            index=row.index,
            number=row.number,
            heading=row.heading,
            elements=row.elements,
        )
        for row in rows
    ]
