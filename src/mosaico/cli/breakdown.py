"""``mosaico breakdown``: run the tagger, show the breakdown, and edit tags, elements and categories."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from mosaico.services import breakdown
from mosaico.services.context import open_workspace

console = Console()
breakdown_app = typer.Typer(
    help="Breakdown: the elements each department needs.", no_args_is_help=True
)
tag_app = typer.Typer(help="Add, accept, reject and re-categorise tags.", no_args_is_help=True)
categories_app = typer.Typer(help="The production's breakdown categories.")
breakdown_app.add_typer(tag_app, name="tag")
breakdown_app.add_typer(categories_app, name="categories")

ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
EpisodeOption = Annotated[int | None, typer.Option("--episode", "-e", help="Episode number.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def _session() -> Iterator[Session]:
    workspace = open_workspace()
    try:
        with workspace.transaction() as session:
            yield session
    finally:
        workspace.engine.dispose()


def _echo_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _names(items: list[Any]) -> str:
    return ", ".join(
        f"{item['name']} ({item['count']})"
        if isinstance(item, dict) and item.get("count")
        else (item["name"] if isinstance(item, dict) else str(item))
        for item in items
    )


@breakdown_app.command("auto")
def auto(production: ProductionOption, episode: EpisodeOption = None) -> None:
    """Tag the current scripts and store the tags found (people's decisions are kept)."""
    with _session() as session:
        summary = breakdown.run_auto(session=session, production=production, episode=episode)
    console.print(
        f"{summary.scenes} scenes in {summary.episodes} episode(s): {summary.added} tags "
        f"proposed, {summary.kept} kept, {summary.dropped} no longer found; "
        f"{summary.elements_added} new elements"
    )


@breakdown_app.command("show")
def show(
    production: ProductionOption, episode: EpisodeOption = None, as_json: JsonOption = False
) -> None:
    """List each scene's elements by category (the stored breakdown, or computed when none)."""
    with _session() as session:
        rows = breakdown.show_rows(session=session, production=production, episode=episode)
    if as_json:
        _echo_json([{k: v for k, v in asdict(row).items() if k != "episode"} for row in rows])
        return
    table = Table("ep", "#", "heading", "elements")
    for row in rows:
        parts = [
            f"[bold]{category}[/]: {escape(_names(items))}"
            for category, items in row.elements.items()
        ]
        table.add_row(
            str(row.episode), row.number or str(row.index), escape(row.heading), "\n".join(parts)
        )
    console.print(table)


@breakdown_app.command("scene")
def scene(
    production: ProductionOption,
    episode: Annotated[int, typer.Option("--episode", "-e", help="Episode number.")],
    index: Annotated[int, typer.Argument(help="Scene position in the episode's script, from 1.")],
    as_json: JsonOption = False,
) -> None:
    """One scene's stored tags (with their ids, for ``tag accept|reject|move``)."""
    with _session() as session:
        detail = breakdown.scene_breakdown(
            session=session, production=production, episode=episode, index=index
        )
    if as_json:
        _echo_json(asdict(detail))
        return
    console.print(f"[bold]{escape(detail.heading)}[/] (scene id {detail.scene_id})")
    table = Table("tag", "category", "element", "text", "origin", "status", "conf.")
    for tag in detail.tags:
        table.add_row(
            str(tag.id),
            tag.category,
            f"{escape(tag.name)} [dim]#{tag.element_id}[/]",
            escape(tag.source_text or ""),
            tag.origin,
            tag.status,
            f"{tag.confidence:.2f}",
        )
    console.print(table)


@breakdown_app.command("elements")
def elements(
    production: ProductionOption,
    category: Annotated[str | None, typer.Option("--category", "-c", help="Category key.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The production's elements, with the number of scenes each is in."""
    with _session() as session:
        items = breakdown.list_elements(session=session, production=production, category=category)
    if as_json:
        _echo_json([asdict(item) for item in items])
        return
    table = Table("id", "category", "name", "scenes", "department", "notes")
    for item in items:
        table.add_row(
            str(item.id),
            item.category,
            escape(item.name) + (" [dim](minor)[/]" if item.minor else ""),
            str(item.scenes),
            escape(item.department),
            escape(item.notes[:60]),
        )
    console.print(table)


@breakdown_app.command("element")
def element(
    production: ProductionOption,
    element_id: Annotated[int, typer.Argument(help="Element id (see `breakdown elements`).")],
    name: Annotated[str | None, typer.Option(help="New name, as the production shows it.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes for the departments.")] = None,
    department: Annotated[str | None, typer.Option(help="Owning department.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show one element with its scenes; with options, change it first."""
    with _session() as session:
        if name is not None or notes is not None or department is not None:
            current = breakdown.get_element(
                session=session, production=production, element_id=element_id
            )
            breakdown.update_element(
                session=session,
                production=production,
                element_id=element_id,
                version=current.element.version,
                name=name,
                notes=notes,
                department=department,
            )
        detail = breakdown.get_element(
            session=session, production=production, element_id=element_id
        )
    if as_json:
        _echo_json(asdict(detail))
        return
    item = detail.element
    console.print(f"[bold]{escape(item.name)}[/] ({item.category}, id {item.id})")
    if item.notes:
        console.print(escape(item.notes))
    for place in detail.scenes:
        console.print(
            f"  ep {place.episode} #{place.number or place.index}: {escape(place.heading)}"
        )


def _version(session: Session, production: str, tag_id: int) -> int:
    """The tag's stored version: on the command line the change applies to what is stored now."""
    return breakdown.tag_version(session=session, production=production, tag_id=tag_id)


def _tag_change(production: str, tag_id: int, change: Callable[[Session, int], Any]) -> None:
    with _session() as session:
        info = change(session, _version(session, production, tag_id))
    console.print(f"tag {info.id}: {escape(info.name)} ({info.category}) {info.status}")


@tag_app.command("add")
def tag_add(
    production: ProductionOption,
    episode: Annotated[int, typer.Option("--episode", "-e", help="Episode number.")],
    scene_index: Annotated[int, typer.Option("--scene", "-s", help="Scene position, from 1.")],
    category: Annotated[str, typer.Option("--category", "-c", help="Category key.")],
    name: Annotated[str, typer.Argument(help="The element, as the production names it.")],
    count: Annotated[int | None, typer.Option(help="How many (background).")] = None,
) -> None:
    """Tag an element in a scene (accepted at once)."""
    with _session() as session:
        detail = breakdown.scene_breakdown(
            session=session, production=production, episode=episode, index=scene_index
        )
        info = breakdown.add_tag(
            session=session,
            production=production,
            scene_id=detail.scene_id,
            category=category,
            name=name,
            count=count,
        )
    console.print(f"tag {info.id}: {escape(info.name)} ({info.category}) in scene {scene_index}")


def _set_status(production: str, tag_id: int, status: str) -> None:
    _tag_change(
        production,
        tag_id,
        lambda session, version: breakdown.set_tag_status(
            session=session,
            production=production,
            tag_id=tag_id,
            status=status,
            version=version,
        ),
    )


@tag_app.command("accept")
def tag_accept(
    production: ProductionOption, tag_id: Annotated[int, typer.Argument(help="Tag id.")]
) -> None:
    """Accept a proposed tag."""
    _set_status(production, tag_id, "accepted")


@tag_app.command("reject")
def tag_reject(
    production: ProductionOption, tag_id: Annotated[int, typer.Argument(help="Tag id.")]
) -> None:
    """Reject a tag: it stays rejected when the tagger runs again."""
    _set_status(production, tag_id, "rejected")


@tag_app.command("move")
def tag_move(
    production: ProductionOption,
    tag_id: Annotated[int, typer.Argument(help="Tag id.")],
    category: Annotated[str, typer.Argument(help="The new category key.")],
) -> None:
    """Re-categorise a tag (``CABALLO`` from animals to stunts)."""
    _tag_change(
        production,
        tag_id,
        lambda session, version: breakdown.recategorise_tag(
            session=session,
            production=production,
            tag_id=tag_id,
            category=category,
            version=version,
        ),
    )


@breakdown_app.command("merge")
def merge(
    production: ProductionOption,
    keep: Annotated[int, typer.Argument(help="The element id that stays.")],
    others: Annotated[list[int], typer.Argument(help="Element ids merged into it.")],
    across_categories: Annotated[
        bool, typer.Option(help="Allow elements of different categories.")
    ] = False,
) -> None:
    """Merge elements into one: their tags and links move to KEEP."""
    with _session() as session:
        info = breakdown.merge_elements(
            session=session,
            production=production,
            keep_id=keep,
            merge_ids=others,
            across_categories=across_categories,
        )
    console.print(f"merged into {escape(info.name)} ({info.category}), now in {info.scenes} scenes")


@breakdown_app.command("link")
def link(
    production: ProductionOption,
    anchor: Annotated[int, typer.Argument(help="Element id that brings the other.")],
    linked: Annotated[int, typer.Argument(help="Element id brought along.")],
    remove: Annotated[bool, typer.Option("--remove", help="Remove the link instead.")] = False,
) -> None:
    """Link two elements: LINKED is in every scene ANCHOR is in."""
    with _session() as session:
        if remove:
            breakdown.unlink_elements(
                session=session, production=production, anchor_id=anchor, linked_id=linked
            )
        else:
            breakdown.link_elements(
                session=session, production=production, anchor_id=anchor, linked_id=linked
            )
    console.print(f"{'unlinked' if remove else 'linked'} {anchor} -> {linked}")


@categories_app.callback(invoke_without_command=True)
def categories(
    ctx: typer.Context,
    production: Annotated[
        str | None, typer.Option("--production", "-p", help="Production name.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the production's categories (defaults as changed, then its own)."""
    if ctx.invoked_subcommand is not None:
        return
    if production is None:
        raise typer.BadParameter("--production is required", param_hint="--production")
    with _session() as session:
        items = breakdown.list_categories(session=session, production=production)
    if as_json:
        _echo_json([asdict(item) for item in items])
        return
    table = Table("key", "name", "nombre", "colour", "custom")
    for item in items:
        table.add_row(
            item.key,
            escape(item.name_en),
            escape(item.name_es),
            f"[{item.colour}]■[/] {item.colour}",
            "yes" if item.custom else "",
        )
    console.print(table)


@categories_app.command("add")
def categories_add(
    production: ProductionOption,
    key: Annotated[str, typer.Argument(help="Lower-case key, e.g. drones.")],
    name: Annotated[str, typer.Argument(help="English name.")],
    name_es: Annotated[str | None, typer.Option("--name-es", help="Spanish name.")] = None,
    colour: Annotated[str, typer.Option(help="Colour as #RRGGBB.")] = "#808080",
) -> None:
    """Add a category of the production's own."""
    with _session() as session:
        info = breakdown.add_category(
            session=session,
            production=production,
            key=key,
            name_en=name,
            name_es=name_es,
            colour=colour,
        )
    console.print(f"added category {info.key} ({escape(info.name_en)}, {info.colour})")


@categories_app.command("set")
def categories_set(
    production: ProductionOption,
    key: Annotated[str, typer.Argument(help="Category key.")],
    name: Annotated[str | None, typer.Option("--name", help="English name.")] = None,
    name_es: Annotated[str | None, typer.Option("--name-es", help="Spanish name.")] = None,
    colour: Annotated[str | None, typer.Option(help="Colour as #RRGGBB.")] = None,
) -> None:
    """Rename or recolour a category (a default one gets the production's own version)."""
    with _session() as session:
        current = next(
            (
                c
                for c in breakdown.list_categories(session=session, production=production)
                if c.key == key
            ),
            None,
        )
        info = breakdown.update_category(
            session=session,
            production=production,
            key=key,
            version=current.version if current is not None else None,
            name_en=name,
            name_es=name_es,
            colour=colour,
        )
    console.print(
        f"category {info.key}: {escape(info.name_en)} / {escape(info.name_es)}, {info.colour}"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(breakdown_app, name="breakdown")
