"""``mosaico production load-reference``: the reference production into the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mosaico.cli.scripts import production_app
from mosaico.services.context import open_workspace
from mosaico.services.reference import DEFAULT_NAME, load_reference_production


def load_reference(
    name: Annotated[
        str, typer.Option("--name", help="Short name to store it under.")
    ] = DEFAULT_NAME,
) -> None:
    """Load the reference production's facts (episodes, cast list) as a production."""
    workspace = open_workspace()
    try:
        with workspace.transaction() as session:
            result = load_reference_production(session=session, name=name)
    finally:
        workspace.engine.dispose()  # a one-shot command leaves no pooled connection behind
    info = result.production
    roles = result.non_professional + result.professional
    summary = (
        f"{info.title} as [bold]{info.name}[/]: {info.episodes} episodes, {roles} roles "
        f"({result.non_professional} non-professional, {result.professional} professional)"
    )
    if result.created:
        Console().print(f"loaded {summary}")
    elif result.episodes_added or result.characters_added:
        Console().print(
            f"completed {summary}: added {result.episodes_added} episodes "
            f"and {result.characters_added} characters"
        )
    else:
        Console().print(f"already loaded: {summary}")


def register(app: typer.Typer) -> None:
    """Add ``load-reference`` to the ``production`` group that ``mosaico.cli.scripts`` owns."""
    production_app.command("load-reference")(load_reference)
