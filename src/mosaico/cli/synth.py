"""``mosaico synth``: synthetic productions and talent-scheduling instances (seeded)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mosaico.demo.synth import Tier, generate_production, write_production
from mosaico.demo.synth_talent import write_talent_instances

synth_app = typer.Typer(
    help="Make synthetic productions and scheduling instances (seeded, reproducible).",
    no_args_is_help=True,
)


@synth_app.command("production")
def production(
    output: Annotated[Path, typer.Option("--output", help="Folder to write the production into.")],
    tier: Annotated[
        Tier | None, typer.Option("--tier", help="Size: episode, block, season or telenovela.")
    ] = None,
    scenes: Annotated[
        int | None, typer.Option("--scenes", help="Scene count (overrides the tier's).")
    ] = None,
    cast: Annotated[
        int | None, typer.Option("--cast", help="Cast size (overrides the tier's).")
    ] = None,
    episodes: Annotated[
        int | None, typer.Option("--episodes", help="Episode count (overrides the tier's).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 0,
) -> None:
    """Write a synthetic production: one .fountain per episode and production.json."""
    console = Console()
    with console.status("generating the production"):
        made = generate_production(tier, scenes=scenes, cast=cast, episodes=episodes, seed=seed)
        paths = write_production(made, output)
    pages = sum(scene.eighths for scene in made.scenes) / 8
    console.print(
        f"{made.title}: {len(made.episodes)} episode(s), {len(made.scenes)} scenes, "
        f"{pages:.0f} pages, {len(made.cast)} cast, {len(made.sets)} sets; "
        f"wrote {len(paths)} files to {output}"
    )


@synth_app.command("talent")
def talent(
    scenes: Annotated[int, typer.Option("--scenes", help="Scenes per instance (n).")],
    actors: Annotated[int, typer.Option("--actors", help="Actors per instance (m).")],
    output: Annotated[Path, typer.Option("--output", help="Folder to write the instances into.")],
    density: Annotated[
        float, typer.Option("--density", help="Chance that an actor is in a scene.")
    ] = 0.3,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the first instance; the next ones count up.")
    ] = 1,
    count: Annotated[int, typer.Option("--count", help="How many instances to write.")] = 1,
) -> None:
    """Write talent-scheduling instances in Stuckey's format (costs 1–100, durations 1–10)."""
    paths = write_talent_instances(
        output, scenes=scenes, actors=actors, density=density, seed=seed, count=count
    )
    Console().print(f"wrote {len(paths)} instance(s) to {output}")


def register(app: typer.Typer) -> None:
    """Attach the ``synth`` group to the ``mosaico`` app."""
    app.add_typer(synth_app, name="synth")
