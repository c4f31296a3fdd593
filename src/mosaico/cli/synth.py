"""``mosaico synth``: synthetic productions and talent-scheduling instances (seeded)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mosaico.demo.synth_talent import write_talent_instances

synth_app = typer.Typer(
    help="Make synthetic productions and scheduling instances (seeded, reproducible).",
    no_args_is_help=True,
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
