"""The ``mosaico`` command: one Typer app, one command group per area, thin over services.

Every ``MosaicoError`` is turned into a one-line message and exit code 1 here, once
(``_TranslatingGroup``), so commands never catch errors themselves.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from mosaico.errors import MosaicoError


class _TranslatingGroup(TyperGroup):
    """The one place a ``MosaicoError`` becomes a message (``error: …``) and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MosaicoError as err:
            Console(stderr=True).print(
                f"[bold red]error:[/] {escape(str(err))}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(code=1) from err


app = typer.Typer(
    cls=_TranslatingGroup,
    name="mosaico",
    help="mosaico: scripts, breakdown, casting and schedules for ensemble series and films.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each area's CLI module and how it attaches: a module with ``register(app)``
# adds top-level commands and groups. One line per area, so the command list reads here.
AREAS: tuple[str, ...] = (
    "scripts",
    "reference",
    "synth",
    "demo",
    "schedule",
    "schedule_reports",
    "breakdown",
    "breakdown_reports",
    "revisions",
    "jobs",
)


def build_app() -> typer.Typer:
    """Attach every area's commands to the app (idempotent) and return it."""
    if not getattr(app, "_mosaico_registered", False):
        for name in AREAS:
            importlib.import_module(f"mosaico.cli.{name}").register(app)
        app._mosaico_registered = True  # type: ignore[attr-defined]
    return app


def run() -> None:
    """Entry point of the ``mosaico`` command."""
    build_app()()
