"""The demo production through the pipeline: each step a use case the CLI shows with a progress bar.

Every step is idempotent, so ``make demo`` can run again without duplicating anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mosaico.demo.series import DemoSeries, load_series
from mosaico.services import productions, scripts
from mosaico.services.context import Workspace
from mosaico.services.reference import load_reference_production

DEMO_NAME = "demo"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo production holds after the pipeline."""

    title: str
    episodes: int
    scenes: int
    eighths: int
    pages: int
    characters: int
    reference_title: str


def ensure_production(workspace: Workspace, series: DemoSeries) -> None:
    with workspace.transaction() as session:
        if productions.get(session=session, name=DEMO_NAME) is None:
            productions.create(session=session, name=DEMO_NAME, title=series.title, language="es")


def import_episodes(
    workspace: Workspace, series: DemoSeries, advance: Callable[[str], None]
) -> list[scripts.ImportResult]:
    """Import every episode's script into its episode (a second run finds them stored)."""
    results = []
    for episode in series.episodes:
        with workspace.transaction() as session:
            results.append(
                scripts.import_script(
                    session=session,
                    production=DEMO_NAME,
                    data=episode.script.encode("utf-8"),
                    source=episode.file,
                    limits=workspace.settings.limits,
                    files_dir=workspace.settings.files_dir,
                    episode=episode.number,
                    draft="Shooting draft",
                )
            )
        advance(episode.file)
    return results


def load_reference(workspace: Workspace) -> str:
    with workspace.transaction() as session:
        return load_reference_production(session=session).production.title


def summary(workspace: Workspace, reference_title: str) -> DemoSummary:
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name=DEMO_NAME)
        episodes = scripts.list_episodes(session=session, production=DEMO_NAME)
        characters = scripts.count_characters(session=session, production=DEMO_NAME)
    return DemoSummary(
        title=info.title,
        episodes=len(episodes),
        scenes=sum(e.scenes for e in episodes),
        eighths=sum(e.eighths for e in episodes),
        pages=sum(e.pages for e in episodes),
        characters=characters,
        reference_title=reference_title,
    )


def load_demo_series() -> DemoSeries:
    return load_series()
