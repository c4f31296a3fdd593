"""The automatic breakdown of a production's current scripts, episode by episode.

Computed from the stored scripts each time (nothing is stored yet: accepting,
editing and merging tags is the next step). Elements established in earlier
episodes are carried into later ones, as a breakdown of a season would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from mosaico.breakdown import apply_links, established, scene_elements, tag_script
from mosaico.services.productions import get_or_raise
from mosaico.services.scripts import current_versions, load_screenplay
from mosaico.store.tables import Episode


@dataclass(frozen=True, slots=True)
class SceneElements:
    """One scene of the breakdown, in the shape ``breakdown show --json`` prints."""

    episode: int
    index: int
    number: str | None
    heading: str
    elements: dict[str, list[Any]]


def auto_breakdown(
    *, session: Session, production: str, episode: int | None = None
) -> list[SceneElements]:
    """Tag every scene of the current scripts (one episode, or all in order)."""
    info = get_or_raise(session=session, name=production)
    numbers = [
        session.get_one(Episode, version.episode_id).number
        for version in current_versions(session=session, production_id=info.id)
    ]
    known: dict[str, str] = {}
    rows: list[SceneElements] = []
    for number in numbers:
        if episode is not None and number > episode:
            break
        screenplay = load_screenplay(session=session, production=production, episode=number)
        breakdowns = tag_script(screenplay, known_elements=known)
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
