"""The ``mosaico`` command: one Typer app, one command group per area, thin over services.

Every ``MosaicoError`` is turned into a one-line message and exit code 1 here, once.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

from mosaico.errors import MosaicoError

app = typer.Typer(
    name="mosaico",
    help="mosaico: scripts, breakdown, casting and schedules for ensemble series and films.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each area's CLI module and how it attaches: a module with ``register(app)``
# adds top-level commands and groups. One line per area, so the command list reads here.
AREAS: tuple[str, ...] = ("scripts", "reference", "synth", "demo")


def build_app() -> typer.Typer:
    """Attach every area's commands to the app (idempotent) and return it."""
    if not getattr(app, "_mosaico_registered", False):
        for name in AREAS:
            importlib.import_module(f"mosaico.cli.{name}").register(app)
        app._mosaico_registered = True  # type: ignore[attr-defined]
    return app


def run() -> None:
    """Entry point: run the app and translate user-facing errors into messages."""
    try:
        build_app()()
    except MosaicoError as err:
        Console(stderr=True).print(f"[bold red]error:[/] {err}", highlight=False, markup=True)
        sys.exit(1)
