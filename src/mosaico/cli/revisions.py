"""``mosaico revise``, ``mosaico revision …`` and ``mosaico script lock|unlock|restore``:
thin over ``services.revisions``."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mosaico.cli.scripts import _read
from mosaico.errors import ValidationError
from mosaico.screenplay.paginate import Paper
from mosaico.services import revisions
from mosaico.services.context import open_workspace

console = Console()
revision_app = typer.Typer(help="Revisions of an episode: list, show, revised pages, strips.")
script_app = typer.Typer(help="Locked scene numbering: lock, unlock, restore, status.")

ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
EpisodeOption = Annotated[int, typer.Option("--episode", "-e", help="Episode number.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
_COLOURS = {
    "added": "green",
    "changed": "yellow",
    "moved": "cyan",
    "omitted": "red",
    "unchanged": "dim",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _print_changes(result: revisions.RevisionInfo, *, diff: bool) -> None:
    table = Table("kind", "old", "new", "heading", "similarity")
    for change in result.changes:
        if change["kind"] == "unchanged":
            continue
        old, new = change["old"], change["new"]
        shown = new or old
        table.add_row(
            f"[{_COLOURS[change['kind']]}]{change['kind']}[/]",
            (old["number"] or f"#{old['index']}") if old else "",
            (new["number"] or f"#{new['index']}") if new else "",
            escape(shown["heading"]),
            f"{change['similarity']:.2f}" if old and new else "",
        )
    if table.row_count:
        console.print(table)
    if diff:
        for change in result.changes:
            if change["kind"] in ("unchanged", "moved") and not change["text_changed"]:
                continue
            shown = change["new"] or change["old"]
            console.print(f"[bold]{escape(shown['heading'])}[/] ({change['kind']})")
            for op, text in change["diff"]:
                if op == " ":
                    continue
                colour = "green" if op == "+" else "red"
                console.print(f"[{colour}]{op} {escape(text)}[/]", highlight=False)


def _summary(result: revisions.RevisionInfo) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in result.counts.items() if n)
    return counts or "no scenes"


def revise(
    file: Annotated[Path, typer.Argument(help="The new draft: Fountain, FDX or PDF.")],
    production: ProductionOption,
    episode: EpisodeOption,
    colour: Annotated[
        str | None, typer.Option(help="Revision colour; the next in the trade's order by default.")
    ] = None,
    date: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date of the revision.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the comparison; store nothing.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the changed lines too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import a new draft of an episode, compare it with the current one and record the revision."""
    workspace = open_workspace()
    data = _read(file, workspace.settings.limits.max_bytes)
    with console.status("comparing drafts…"), workspace.transaction() as session:
        result = revisions.revise(
            session=session,
            production=production,
            episode=episode,
            data=data,
            source=str(file),
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            colour=colour,
            revision_date=date.date() if date is not None else None,
            dry_run=dry_run,
        )
    if as_json:
        typer.echo(json.dumps(_jsonable(asdict(result)), ensure_ascii=False, indent=2))
        return
    _print_changes(result, diff=diff)
    if dry_run:
        console.print(
            f"dry run: {file.name} against episode {episode}: {_summary(result)}; nothing stored"
        )
        return
    console.print(
        f"revision {result.number} of episode {episode} ({result.colour}): {_summary(result)}; "
        f"{result.tags_carried} tags carried, {result.tags_review} to review"
    )


@revision_app.command("list")
def list_(
    production: ProductionOption, episode: EpisodeOption, as_json: JsonOption = False
) -> None:
    """The episode's revisions, oldest first."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        items = revisions.list_revisions(session=session, production=production, episode=episode)
    if as_json:
        payload = [_jsonable(asdict(item)) for item in items]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table("#", "colour", "date", "draft", "changes", "tags carried", "to review")
    for item in items:
        table.add_row(
            str(item.number),
            item.colour,
            item.revision_date.isoformat() if item.revision_date else "",
            escape(item.source_name),
            _summary(item),
            str(item.tags_carried),
            str(item.tags_review),
        )
    console.print(table)


@revision_app.command("show")
def show(
    production: ProductionOption,
    episode: EpisodeOption,
    number: Annotated[
        int | None, typer.Argument(help="Revision number (latest if left out).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """One revision, scene by scene, with the changed lines."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        item = revisions.get_revision(
            session=session, production=production, episode=episode, number=number
        )
    if as_json:
        typer.echo(json.dumps(_jsonable(asdict(item)), ensure_ascii=False, indent=2))
        return
    console.print(f"revision {item.number} of episode {episode} ({item.colour}): {_summary(item)}")
    _print_changes(item, diff=True)


@revision_app.command("pages")
def pages(
    production: ProductionOption,
    episode: EpisodeOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="PDF file to write.")],
    number: Annotated[int | None, typer.Option("--revision", help="Revision number.")] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.LETTER,
    whole: Annotated[
        bool, typer.Option("--whole", help="The whole script with marks, not only revised pages.")
    ] = False,
) -> None:
    """The revised pages of a revision as a PDF (changed lines starred, colour and date on top)."""
    workspace = open_workspace()
    with console.status("writing PDF…"), workspace.transaction() as session:
        data = revisions.revised_pdf(
            session=session,
            production=production,
            episode=episode,
            number=number,
            paper=paper,
            revised_only=not whole,
        )
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise ValidationError("--output", f"cannot write {output}: {exc.strerror}") from exc
    console.print(f"wrote {output} ({len(data):,} bytes)")


@revision_app.command("strips")
def strips(
    production: ProductionOption,
    episode: EpisodeOption,
    since: Annotated[
        int | None, typer.Option(help="Script version id to compare with (the previous one).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Strips whose eighths, cast, set or elements changed since an earlier draft."""
    workspace = open_workspace()
    with console.status("comparing strips…"), workspace.transaction() as session:
        items = revisions.changed_strips(
            session=session, production=production, episode=episode, since_version=since
        )
    if as_json:
        payload = [_jsonable(asdict(item)) for item in items]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _strip_table(items)


def _strip_table(items: list[revisions.StripChange] | tuple[revisions.StripChange, ...]) -> None:
    table = Table("strip", "kind", "eighths", "cast", "set", "elements")
    for item in items:
        cast = [f"+{n}" for n in item.cast_added] + [f"-{n}" for n in item.cast_removed]
        elements = [f"+{n}" for n in item.elements_added] + [f"-{n}" for n in item.elements_removed]
        renamed = f" (was {item.key_before})" if item.renamed else ""
        table.add_row(
            item.key + renamed,
            item.kind,
            f"{item.eighths_before}→{item.eighths_after}" if item.eighths_changed else "",
            escape(", ".join(cast)),
            escape(f"{item.set_before} → {item.set_after}") if item.set_changed else "",
            escape(", ".join(elements)),
        )
    table.caption = f"{len(items)} strips changed"
    console.print(table)


@revision_app.command("impact")
def impact(
    production: ProductionOption,
    episode: EpisodeOption,
    since: Annotated[
        int | None, typer.Option(help="Script version id to compare with (the previous one).")
    ] = None,
    schedule: Annotated[
        int | None, typer.Option(help="Schedule version (the latest by default).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The shooting days of a schedule that hold a changed strip: the days to re-check."""
    workspace = open_workspace()
    with console.status("reading the schedule…"), workspace.transaction() as session:
        item = revisions.schedule_impact(
            session=session,
            production=production,
            episode=episode,
            since_version=since,
            schedule_version=schedule,
        )
    if as_json:
        typer.echo(json.dumps(_jsonable(asdict(item)), ensure_ascii=False, indent=2))
        return
    table = Table("day", "date", "changed strips")
    for day in item.days:
        table.add_row(str(day.number), day.date.isoformat(), ", ".join(day.strips))
    console.print(table)
    console.print(f"schedule version {item.schedule_version}: {len(item.days)} days to re-check")
    if item.unscheduled:
        console.print(f"new strips on no day yet: {', '.join(item.unscheduled)}")


def _print_state(state: revisions.NumberingInfo) -> None:
    lock = f"locked ({state.style})" if state.locked else "unlocked"
    console.print(
        f"episode {state.episode}: numbering {lock}, {state.scenes} scenes, {state.omitted} omitted"
    )


@script_app.command("lock")
def lock(
    production: ProductionOption,
    episode: EpisodeOption,
    style: Annotated[
        str, typer.Option(help="Letters for inserted scenes: 12A, 12AA or A12.")
    ] = "12A",
) -> None:
    """Lock the episode's scene numbers (numbering the scenes first if they have none)."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        state = revisions.lock(session=session, production=production, episode=episode, style=style)
    _print_state(state)


@script_app.command("unlock")
def unlock(production: ProductionOption, episode: EpisodeOption) -> None:
    """Unlock the episode's scene numbers."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        state = revisions.unlock(session=session, production=production, episode=episode)
    _print_state(state)


@script_app.command("restore")
def restore(
    number: Annotated[str, typer.Argument(help="Number of the omitted scene, e.g. 12.")],
    production: ProductionOption,
    episode: EpisodeOption,
) -> None:
    """Bring back an omitted scene with the text it last had."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        state = revisions.restore(
            session=session, production=production, episode=episode, number=number
        )
    console.print(f"restored scene {escape(number)}")
    _print_state(state)


@script_app.command("numbering")
def status(production: ProductionOption, episode: EpisodeOption) -> None:
    """Whether the episode's numbering is locked, and how many scenes are omitted."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        state = revisions.numbering(session=session, production=production, episode=episode)
    _print_state(state)


def register(app: typer.Typer) -> None:
    app.command("revise")(revise)
    app.add_typer(revision_app, name="revision")
    app.add_typer(script_app, name="script")
