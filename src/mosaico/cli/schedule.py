"""``mosaico schedule``: shooting schedules; ``talent`` solves one talent-scheduling file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mosaico.schedule.talent import read_instance
from mosaico.schedule.talent_solver import solve

schedule_app = typer.Typer(
    help="Shooting schedules: optimise, and prove how good the result is.",
    no_args_is_help=True,
)


@schedule_app.command("talent")
def talent(
    file: Annotated[
        Path, typer.Argument(help="Instance in Stuckey's format or MiniZinc data (.dzn).")
    ],
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=0.001, help="Stop after this many seconds."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Order the scenes so actors wait as little as possible; prove the optimum or give a gap."""
    instance = read_instance(file)
    if as_json:
        result = solve(instance, time_limit=time_limit)
    else:
        with Console(stderr=True).status(f"solving {instance.name} ({instance.scenes} scenes)"):
            result = solve(instance, time_limit=time_limit)
    order = [s + 1 for s in result.order]
    if as_json:
        payload = {
            "order": order,
            "total_cost": result.total_cost,
            "idle_cost": result.idle_cost,
            "lower_bound": result.lower_bound,
            "optimal": result.optimal,
            "seconds": round(result.seconds, 6),
        }
        typer.echo(json.dumps(payload))
        return
    table = Table(
        title=f"{instance.name}: {instance.scenes} scenes, {instance.actors} actors",
        show_header=False,
    )
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("shooting order", " ".join(str(s) for s in order))
    table.add_row("total cost", str(result.total_cost))
    table.add_row("holding (idle) cost", str(result.idle_cost))
    table.add_row("lower bound", str(result.lower_bound))
    proof = "yes" if result.optimal else f"not proven (gap {result.gap:.1%})"
    table.add_row("optimal", proof)
    table.add_row("seconds", f"{result.seconds:.3f}")
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Attach the ``schedule`` group to the ``mosaico`` app."""
    app.add_typer(schedule_app, name="schedule")
