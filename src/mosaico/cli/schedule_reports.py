"""``mosaico schedule dood`` and ``mosaico schedule oneliner``: reports of a schedule version.

The commands join the ``schedule`` group (``cli/schedule.py``); text, CSV,
HTML and JSON go to standard output unless ``--output`` is given; PDF and
XLSX go to ``--output`` or, without it, to a file named after the
production and version in the current directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mosaico.cli.schedule import schedule_app
from mosaico.services import schedule_reports as reports
from mosaico.services.context import open_workspace

_BINARY = {"pdf", "xlsx"}

ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
VersionOption = Annotated[
    int | None, typer.Option("--version", "-v", help="Version number (latest when left out).")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
]
LanguageOption = Annotated[
    str | None,
    typer.Option("--lang", help="es or en (the production's language when left out)."),
]


def _write(rendered: reports.Rendered, fmt: str, output: Path | None) -> None:
    if output is None and fmt not in _BINARY:
        typer.echo(rendered.content.decode("utf-8"), nl=False)
        return
    target = output or Path(rendered.filename)
    target.write_bytes(rendered.content)
    typer.echo(f"wrote {target} ({len(rendered.content):,} bytes)", err=True)


def dood(
    production: ProductionOption,
    version: VersionOption = None,
    fmt: Annotated[
        reports.DoodFormat, typer.Option("--format", "-f", help="Output format.")
    ] = reports.DoodFormat.TEXT,
    output: OutputOption = None,
    language: LanguageOption = None,
    elements: Annotated[
        bool, typer.Option("--elements", help="Add rows for the elements on the strips.")
    ] = False,
) -> None:
    """Day out of days: per cast member and date, SW/W/WF/SWF, H, WD/PW, TR, HOL and totals."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        report = reports.dood(session, production, version, elements=elements)
    _write(reports.render_dood(report, fmt.value, language), fmt.value, output)


def oneliner(
    production: ProductionOption,
    version: VersionOption = None,
    fmt: Annotated[
        reports.OneLinerFormat, typer.Option("--format", "-f", help="Output format.")
    ] = reports.OneLinerFormat.TEXT,
    output: OutputOption = None,
    language: LanguageOption = None,
) -> None:
    """One-liner: day N of M with one line per strip, day totals and banners."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        report = reports.oneliner(session, production, version)
    _write(reports.render_oneliner(report, fmt.value, language), fmt.value, output)


def register(app: typer.Typer) -> None:
    """Add ``dood`` and ``oneliner`` to the ``schedule`` group (``app`` gets it from
    ``cli/schedule.py``)."""
    del app
    known = {command.name for command in schedule_app.registered_commands}
    for name, command in (("dood", dood), ("oneliner", oneliner)):
        if name not in known:
            schedule_app.command(name)(command)
