"""``mosaico breakdown sheets`` and ``mosaico breakdown report``: printable breakdown documents.

Both attach to the ``breakdown`` group of ``cli/breakdown.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mosaico.cli.breakdown import breakdown_app
from mosaico.services import breakdown_reports
from mosaico.services.context import open_workspace

console = Console(stderr=True)

ProductionOpt = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="File to write ('-' for standard output)."),
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="es or en (default: the production's language).")
]
PaperOpt = Annotated[str, typer.Option("--paper", help="letter or a4.")]


def sheets(
    production: ProductionOpt,
    episode: Annotated[int | None, typer.Option("--episode", "-e", help="Episode number.")] = None,
    scene: Annotated[
        str | None, typer.Option("--scene", "-s", help="One scene, by its number (e.g. 12A).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="pdf or html.")] = "pdf",
    output: OutputOpt = None,
    lang: LangOpt = None,
    paper: PaperOpt = "letter",
) -> None:
    """Breakdown sheets, one page per scene: a whole episode, one scene, or everything."""
    workspace = open_workspace()
    with console.status("Drawing the breakdown sheets…"), workspace.transaction() as session:
        data = breakdown_reports.sheet_data(
            session=session, production=production, episode=episode, scene=scene
        )
        document = breakdown_reports.render_sheets(data, fmt=fmt, language=lang, paper=paper)
    workspace.engine.dispose()
    parts = [production, "breakdown-sheets"]
    if episode is not None:
        parts.append(f"ep{episode}")
    if scene is not None:
        parts.append(f"sc{scene}")
    _write(document, output, "-".join(parts) + f".{fmt}")
    console.print(f"{len(data.sheets)} sheet(s)")


def report(
    production: ProductionOpt,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="One category key (e.g. props).")
    ] = None,
    episode: Annotated[int | None, typer.Option("--episode", "-e", help="Episode number.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="pdf, xlsx, csv or html.")] = "pdf",
    output: OutputOpt = None,
    lang: LangOpt = None,
    paper: PaperOpt = "letter",
) -> None:
    """Element lists per department: every element with the scenes it is in."""
    workspace = open_workspace()
    with console.status("Gathering the elements…"), workspace.transaction() as session:
        data = breakdown_reports.report_data(
            session=session, production=production, category=category, episode=episode
        )
        document = breakdown_reports.render_report(data, fmt=fmt, language=lang, paper=paper)
    workspace.engine.dispose()
    parts = [production, "breakdown", category or "departments"]
    if episode is not None:
        parts.append(f"ep{episode}")
    _write(document, output, "-".join(parts) + f".{fmt}")
    count = sum(len(d.elements) for d in data.departments)
    console.print(f"{len(data.departments)} department(s), {count} element(s)")


def _write(document: bytes, output: Path | None, default: str) -> None:
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.flush()
        return
    target = output or Path(default)
    target.write_bytes(document)
    console.print(f"wrote {target}")


def register(app: typer.Typer) -> None:
    """Add the two commands to the ``breakdown`` group (already attached to ``app``)."""
    breakdown_app.command("sheets")(sheets)
    breakdown_app.command("report")(report)
