"""``mosaico production``, ``import``, ``scenes`` and ``export``: thin over the services."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from mosaico.errors import LimitExceeded, ScriptImportError, ValidationError
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.io import ScriptFormat
from mosaico.screenplay.paginate import Paper
from mosaico.services import productions, revisions, scenes, scripts
from mosaico.services.context import open_workspace

console = Console()
# Messages of commands whose standard output may be a file (export) go here.
notes = Console(stderr=True)
production_app = typer.Typer(help="Create and list productions.", no_args_is_help=True)

ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
EpisodeOption = Annotated[int | None, typer.Option("--episode", "-e", help="Episode number.")]


@production_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Short name: lower case, digits, - and _.")],
    title: Annotated[str | None, typer.Option(help="Full title.")] = None,
    language: Annotated[str, typer.Option(help="es or en.")] = "es",
    timezone: Annotated[
        str, typer.Option(help="Time zone of the shoot, e.g. America/Mexico_City.")
    ] = "America/Mexico_City",
) -> None:
    """Create a production."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        info = productions.create(
            session=session, name=name, title=title, language=language, timezone=timezone
        )
    console.print(f"created production [bold]{info.name}[/] ({info.title})")


@production_app.command("list")
def list_() -> None:
    """List productions with their episode and scene counts."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        items = productions.list_productions(session=session)
    table = Table("name", "title", "language", "episodes", "scenes")
    for item in items:
        table.add_row(item.name, item.title, item.language, str(item.episodes), str(item.scenes))
    console.print(table)


def import_(
    files: Annotated[list[Path], typer.Argument(help="Fountain, FDX or PDF files.")],
    production: ProductionOption,
    episode: EpisodeOption = None,
    draft: Annotated[str, typer.Option(help="Draft name, e.g. 'Production draft'.")] = "",
    colour: Annotated[str, typer.Option(help="Revision colour (White, Blue, Pink…).")] = "White",
    date: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date of the draft.")
    ] = None,
) -> None:
    """Import scripts; the format comes from each file's content. One episode per file
    unless --episode is given."""
    workspace = open_workspace()
    limit = workspace.settings.limits.max_bytes
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("importing", total=len(files))
        for path in files:
            progress.update(task, description=f"importing {path.name}")
            data = _read(path, limit)
            with workspace.transaction() as session:
                result = scripts.import_script(
                    session=session,
                    production=production,
                    data=data,
                    source=str(path),
                    limits=workspace.settings.limits,
                    files_dir=workspace.settings.files_dir,
                    episode=episode,
                    draft=draft,
                    colour=colour,
                    script_date=date.date() if date is not None else None,
                )
            progress.advance(task)
            state = "already imported" if result.already_imported else "imported"
            console.print(
                f"{path.name}: {state} as episode {result.episode} ({result.format.value}): "
                f"{result.scenes} scenes, {result.pages} pages, {result.characters} characters"
            )
            for warning in result.warnings:
                console.print(f"[yellow]warning:[/] {path.name}, {warning}")


def _read(path: Path, limit: int) -> bytes:
    """The file's bytes; an oversized file is refused before it is read into memory."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise LimitExceeded(
                f"{path}: {size:,} bytes is over the limit of {limit:,} (setting MOSAICO_MAX_BYTES)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise ScriptImportError(str(path), f"cannot read the file: {exc.strerror}") from exc


def scenes_(
    production: ProductionOption,
    episode: EpisodeOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List scenes: number, INT/EXT, set, time of day, eighths, page and characters."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        rows = scenes.list_scenes(session=session, production=production, episode=episode)
    if as_json:
        payload = [
            {
                "episode": row.episode,
                "index": row.position,
                "number": row.number,
                "heading": row.heading,
                "int_ext": row.int_ext,
                "set": row.set_name,
                "time_of_day": row.time_of_day,
                "eighths": str(row.eighths),
                "final_draft_eighths": str(row.imported_eighths) if row.imported_eighths else None,
                "page": row.page,
                "speaking": list(row.speaking),
                "silent": list(row.silent),
            }
            for row in rows
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    # A script from Final Draft carries FD's own lengths: shown beside ours.
    from_final_draft = any(row.imported_eighths is not None for row in rows)
    columns = [
        "ep",
        "#",
        "I/E",
        "set",
        "time",
        "eighths",
        *(["FD"] if from_final_draft else []),
        "page",
    ]
    table = Table(*columns, "characters")
    table.columns[5].justify = "right"
    for row in rows:
        final_draft = [str(row.imported_eighths or "")] if from_final_draft else []
        table.add_row(
            str(row.episode),
            row.number or str(row.position),
            row.int_ext,
            row.set_name,
            row.time_of_day,
            str(row.eighths),
            *final_draft,
            str(row.page),
            ", ".join(row.speaking + tuple(f"({name})" for name in row.silent)),
        )
    total = Eighths(sum(row.eighths.value for row in rows))
    table.caption = f"{len(rows)} scenes, {total} pages"
    console.print(table)


def export(
    production: ProductionOption,
    fmt: Annotated[ScriptFormat, typer.Option("--format", "-f", help="Output format.")],
    episode: EpisodeOption = None,
    paper: Annotated[Paper, typer.Option(help="Paper size for PDF.")] = Paper.LETTER,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    revised_only: Annotated[
        bool,
        typer.Option(
            "--revised-only",
            help="PDF of the episode's latest revised pages only (changed lines starred).",
        ),
    ] = False,
) -> None:
    """Export the current script (one episode or all) as Fountain, FDX, PDF or JSON."""
    if output is None and fmt is ScriptFormat.PDF and sys.stdout.isatty():
        raise ValidationError("--output", "a PDF is not sent to a terminal: add --output FILE")
    if revised_only and (fmt is not ScriptFormat.PDF or episode is None):
        raise ValidationError("--revised-only", "needs --format pdf and an --episode")
    workspace = open_workspace()
    with notes.status(f"writing {fmt.value}…"), workspace.transaction() as session:
        if revised_only and episode is not None:
            data = revisions.revised_pdf(
                session=session, production=production, episode=episode, paper=paper
            )
        else:
            data = scripts.export_script(
                session=session, production=production, fmt=fmt, episode=episode, paper=paper
            )
    if output is not None:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise ValidationError("--output", f"cannot write {output}: {exc.strerror}") from exc
        notes.print(f"wrote {output} ({len(data):,} bytes)")
        return
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.add_typer(production_app, name="production")
    app.command("import")(import_)
    app.command("scenes")(scenes_)
    app.command("export")(export)
