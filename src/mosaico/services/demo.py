"""The demo production through the pipeline: each step a use case the CLI shows with a progress bar.

Every step is idempotent, so ``make demo`` can run again without duplicating anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mosaico.demo.series import DemoSeries, load_series
from mosaico.services import breakdown, productions, scripts
from mosaico.services import schedule as schedules
from mosaico.services.context import Workspace
from mosaico.services.reference import load_reference_production

DEMO_NAME = "demo"
# The demo shoot starts on a fixed Monday in Mexico, so every run plans the same calendar.
DEMO_CALENDAR = {"start": "2027-03-01", "country": "MX"}
DEMO_SOLVE_SECONDS = 20.0


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
    tags: int = 0
    elements: int = 0
    schedule_version: int | None = None
    shoot_days: int = 0
    schedule_gap: float = 0.0


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


def break_down(workspace: Workspace) -> breakdown.AutoSummary:
    """Tag every scene and store the tags (a second run keeps them and adds nothing)."""
    with workspace.transaction() as session:
        return breakdown.run_auto(session=session, production=DEMO_NAME)


def plan_shoot(workspace: Workspace) -> schedules.VersionSummary:
    """Set the demo calendar and solve the season once; a later run keeps the stored plan."""
    with workspace.transaction() as session:
        if schedules.get_setup(session, DEMO_NAME).version == 0:
            schedules.update_setup(session, DEMO_NAME, {"calendar": DEMO_CALENDAR}, 0)
        versions = schedules.list_versions(session, DEMO_NAME)
    if not versions:
        schedules.solve_schedule(
            workspace, DEMO_NAME, time_limit=DEMO_SOLVE_SECONDS, label="demo: whole season"
        )
        with workspace.transaction() as session:
            versions = schedules.list_versions(session, DEMO_NAME)
    return versions[-1]


def load_reference(workspace: Workspace) -> str:
    with workspace.transaction() as session:
        return load_reference_production(session=session).production.title


def summary(
    workspace: Workspace,
    reference_title: str,
    tagged: breakdown.AutoSummary | None = None,
    plan: schedules.VersionSummary | None = None,
) -> DemoSummary:
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name=DEMO_NAME)
        episodes = scripts.list_episodes(session=session, production=DEMO_NAME)
        characters = scripts.count_characters(session=session, production=DEMO_NAME)
        elements = len(breakdown.list_elements(session=session, production=DEMO_NAME))
    return DemoSummary(
        title=info.title,
        episodes=len(episodes),
        scenes=sum(e.scenes for e in episodes),
        eighths=sum(e.eighths for e in episodes),
        pages=sum(e.pages for e in episodes),
        characters=characters,
        reference_title=reference_title,
        tags=0 if tagged is None else tagged.added + tagged.kept,
        elements=elements,
        schedule_version=None if plan is None else plan.number,
        shoot_days=0 if plan is None else plan.days,
        schedule_gap=0.0 if plan is None else plan.gap,
    )


def load_demo_series() -> DemoSeries:
    return load_series()
