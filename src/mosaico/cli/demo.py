"""``mosaico demo``: the demo production through the whole pipeline, then the web UI."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from mosaico.screenplay.eighths import Eighths
from mosaico.services import demo as demo_service
from mosaico.services.context import open_workspace

console = Console()


def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after the pipeline.")] = False,
    host: Annotated[str, typer.Option(help="Address to serve the web UI on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve the web UI on.")] = 8000,
) -> None:
    """Load the demo series, import its scripts, break them down, plan the shoot, serve the UI."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        step = progress.add_task("open the store", total=1)
        workspace = open_workspace()
        progress.advance(step)

        step = progress.add_task("load the demo series", total=1)
        series = demo_service.load_demo_series()
        demo_service.ensure_production(workspace, series)
        progress.advance(step)

        step = progress.add_task("import the scripts", total=len(series.episodes))
        demo_service.import_episodes(workspace, series, lambda _name: progress.advance(step))

        step = progress.add_task("break down every scene", total=1)
        tagged = demo_service.break_down(workspace)
        progress.advance(step)

        step = progress.add_task("plan the shoot (CP-SAT + LNS)", total=1)
        plan = demo_service.plan_shoot(workspace)
        progress.advance(step)

        step = progress.add_task("load the reference production", total=1)
        reference = demo_service.load_reference(workspace)
        progress.advance(step)

    result = demo_service.summary(workspace, reference, tagged, plan)
    table = Table(title=f"{result.title} — demo production", show_header=False)
    table.add_row("episodes", str(result.episodes))
    table.add_row("scenes", str(result.scenes))
    table.add_row("pages (eighths)", f"{Eighths(result.eighths)} ({result.pages} printed pages)")
    table.add_row("characters", str(result.characters))
    table.add_row("breakdown", f"{result.tags:,} tags on {result.elements:,} elements")
    if result.schedule_version is not None:
        table.add_row(
            "schedule",
            f"version {result.schedule_version}: {result.shoot_days} shoot days, "
            f"gap to the proven bound {result.schedule_gap:.1%}",
        )
    table.add_row("reference production", result.reference_title)
    table.add_row("database", workspace.settings.database_url)
    console.print(table)
    workspace.engine.dispose()
    if no_serve:
        return
    import uvicorn

    from mosaico.web.app import create_app

    console.print(f"serving the web UI at http://{host}:{port}  (Ctrl-C to stop)")
    uvicorn.run(create_app(workspace.settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
