"""``mosaico breakdown show``: the automatic breakdown of the current scripts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mosaico.services import breakdown
from mosaico.services.context import open_workspace

console = Console()
breakdown_app = typer.Typer(
    help="Breakdown: the elements each department needs.", no_args_is_help=True
)


@breakdown_app.command("show")
def show(
    production: Annotated[str, typer.Option("--production", "-p", help="Production name.")],
    episode: Annotated[int | None, typer.Option("--episode", "-e", help="Episode number.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON, one object per scene.")
    ] = False,
) -> None:
    """Tag every scene automatically and list its elements by category."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        rows = breakdown.auto_breakdown(session=session, production=production, episode=episode)
    workspace.engine.dispose()
    if as_json:
        payload = [{k: v for k, v in asdict(row).items() if k != "episode"} for row in rows]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table("ep", "#", "heading", "elements")
    for row in rows:
        parts = []
        for category, items in row.elements.items():
            names = [
                f"{i['name']} ({i['count']})"
                if isinstance(i, dict) and i.get("count")
                else (i["name"] if isinstance(i, dict) else str(i))
                for i in items
            ]
            parts.append(f"[bold]{category}[/]: {', '.join(names)}")
        table.add_row(str(row.episode), row.number or str(row.index), row.heading, "\n".join(parts))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(breakdown_app, name="breakdown")
