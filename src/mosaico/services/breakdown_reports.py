"""Breakdown sheets and department reports of a production, ready to print or download.

Reads the stored scenes (header of each sheet) and the breakdown (elements per
scene), builds the sheets with ``breakdown.sheets`` and renders them with
``reports.breakdown_*``. Every query is scoped by the production.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from mosaico.breakdown.categories import Category
from mosaico.breakdown.sheets import (
    BreakdownSheet,
    DepartmentList,
    Segment,
    SheetScene,
    build_sheets,
    department_lists,
    marked_segments,
)
from mosaico.errors import NotFound, ValidationError
from mosaico.i18n import LANGUAGES
from mosaico.reports import breakdown_department, breakdown_sheets
from mosaico.reports.breakdown_render import PAPERS
from mosaico.screenplay.names import fold
from mosaico.screenplay.scenes import split_scenes
from mosaico.services import breakdown, scenes
from mosaico.services.productions import ProductionInfo, get_or_raise
from mosaico.services.scripts import load_screenplay

SHEET_FORMATS = ("html", "pdf")
REPORT_FORMATS = ("pdf", "html", "xlsx", "csv")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Sheets:
    """The breakdown sheets asked for, with what a page or a file needs around them."""

    production: ProductionInfo
    episode: int | None
    sheets: list[BreakdownSheet]
    categories: tuple[Category, ...]


@dataclass(frozen=True, slots=True)
class DepartmentReport:
    """Element lists per category for a production (or one episode, or one category)."""

    production: ProductionInfo
    episode: int | None
    category: str | None
    departments: list[DepartmentList]
    categories: tuple[Category, ...]


@dataclass(frozen=True, slots=True)
class ScriptParagraph:
    """A paragraph of a scene's script; ``segments`` mark tags by their index in the scene's tags."""

    element: int
    kind: str
    text: str
    extension: str | None
    segments: list[Segment]


@dataclass(frozen=True, slots=True)
class SceneView:
    """One scene to tag on a page: its sheet, its script text with the tags drawn in, its tags."""

    production: ProductionInfo
    sheet: BreakdownSheet
    scene_id: int
    paragraphs: list[ScriptParagraph]
    tags: tuple[breakdown.TagInfo, ...]
    stored: bool
    categories: tuple[Category, ...]
    previous: int | None
    next: int | None


def categories(*, session: Session, production: str) -> tuple[Category, ...]:
    """The production's categories in order, with its own names and colours."""
    return tuple(
        Category(key=c.key, name=c.name_en, name_es=c.name_es, color=c.colour)
        for c in breakdown.list_categories(session=session, production=production)
    )


def sheet_data(
    *, session: Session, production: str, episode: int | None = None, scene: str | None = None
) -> Sheets:
    """Sheets of every scene of the current scripts, of one episode, or of one scene.

    ``scene`` is a scene number as written (``12A``), or the position of an
    unnumbered scene; a number found in several episodes needs the episode.
    """
    info = get_or_raise(session=session, name=production)
    rows = scenes.list_scenes(session=session, production=production, episode=episode)
    if episode is not None and not rows:
        raise NotFound("episode", episode, production)
    if scene is not None:
        rows = _pick_scene(rows, scene, production)
    cats = categories(session=session, production=production)
    episodes = sorted({row.episode for row in rows})
    # Script days are counted over the whole episode even when one scene is asked for.
    whole = (
        scenes.list_scenes(session=session, production=production, episode=episodes[0])
        if scene is not None and episodes
        else rows
    )
    elements = _elements(session, production, episodes)
    headers = [_header(row) for row in whole]
    built = build_sheets(headers, elements, cats)
    wanted = {(row.episode, row.position) for row in rows}
    sheets = [s for s in built if (s.scene.episode, s.scene.index) in wanted]
    return Sheets(production=info, episode=episode, sheets=sheets, categories=cats)


def report_data(
    *,
    session: Session,
    production: str,
    category: str | None = None,
    episode: int | None = None,
) -> DepartmentReport:
    """Every element per category with its scenes; ``category`` keeps one category key."""
    cats = categories(session=session, production=production)
    if category is not None and category not in {c.key for c in cats}:
        keys = ", ".join(c.key for c in cats)
        raise ValidationError(
            "category", f"{category!r} is not a category of {production!r} ({keys})"
        )
    data = sheet_data(session=session, production=production, episode=episode)
    notes = {
        (item.category, fold(item.name)): item.notes
        for item in breakdown.list_elements(
            session=session, production=production, category=category
        )
        if item.notes
    }
    return DepartmentReport(
        production=data.production,
        episode=episode,
        category=category,
        departments=department_lists(data.sheets, cats, only=category, notes=notes),
        categories=cats,
    )


def scene_view(*, session: Session, production: str, episode: int, index: int) -> SceneView:
    """The scene at ``index`` (from 1) of an episode's current script, ready to tag."""
    data = sheet_data(session=session, production=production, episode=episode)
    positions = [sheet.scene.index for sheet in data.sheets]
    if index not in positions:
        raise NotFound("scene", f"{episode}/{index}", production)
    at = positions.index(index)
    detail = breakdown.scene_breakdown(
        session=session, production=production, episode=episode, index=index
    )
    screenplay = load_screenplay(session=session, production=production, episode=episode)
    split = next(scene for scene in split_scenes(screenplay) if scene.index == index)
    paragraphs = []
    for number in range(split.start, split.end):
        element = screenplay.elements[number]
        spans = [
            (tag.source_start or 0, tag.source_end or 0) if tag.source_element == number else (0, 0)
            for tag in detail.tags
        ]
        paragraphs.append(
            ScriptParagraph(
                element=number,
                kind=element.kind.value,
                text=element.text,
                extension=element.extension,
                segments=marked_segments(element.text, spans),
            )
        )
    return SceneView(
        production=data.production,
        sheet=data.sheets[at],
        scene_id=detail.scene_id,
        paragraphs=paragraphs,
        tags=detail.tags,
        stored=breakdown.has_stored(session=session, production=production),
        categories=data.categories,
        previous=positions[at - 1] if at > 0 else None,
        next=positions[at + 1] if at + 1 < len(positions) else None,
    )


def render_sheets(
    data: Sheets, *, fmt: str, language: str | None = None, paper: str = "letter"
) -> bytes:
    """The sheets as a printable HTML document or a PDF."""
    _check("format", fmt, SHEET_FORMATS)
    _check("paper", paper, tuple(PAPERS))
    language = _language(language, data.production)
    title = data.production.title
    if fmt == "pdf":
        return breakdown_sheets.sheets_pdf(data.sheets, title=title, language=language, paper=paper)
    html = breakdown_sheets.sheets_html(data.sheets, title=title, language=language, paper=paper)
    return html.encode("utf-8")


def render_report(
    data: DepartmentReport, *, fmt: str, language: str | None = None, paper: str = "letter"
) -> bytes:
    """The department report as PDF, HTML, XLSX (one sheet per department) or CSV."""
    _check("format", fmt, REPORT_FORMATS)
    _check("paper", paper, tuple(PAPERS))
    language = _language(language, data.production)
    departments = data.departments
    if fmt == "csv":
        return breakdown_department.department_csv(departments, language=language).encode("utf-8")
    if fmt == "xlsx":
        return breakdown_department.department_xlsx(departments, language=language)
    scope = f"{data.episode}" if data.episode is not None else ""
    kwargs: dict[str, Any] = {"title": data.production.title, "language": language, "paper": paper}
    if fmt == "pdf":
        return breakdown_department.department_pdf(departments, scope=scope, **kwargs)
    return breakdown_department.department_html(departments, scope=scope, **kwargs).encode("utf-8")


def _check(field: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise ValidationError(field, f"{value!r} is not one of {', '.join(allowed)}")


def _language(language: str | None, production: ProductionInfo) -> str:
    if language is None:
        return production.language
    _check("language", language, LANGUAGES)
    return language


def _pick_scene(rows: list[scenes.SceneRow], wanted: str, production: str) -> list[scenes.SceneRow]:
    key = fold(wanted.strip())
    found = [row for row in rows if row.number is not None and fold(row.number) == key]
    if not found:
        found = [row for row in rows if row.number is None and str(row.position) == key]
    if not found:
        raise NotFound("scene", wanted, production)
    if len({row.episode for row in found}) > 1:
        raise ValidationError("scene", f"scene {wanted!r} is in several episodes: give the episode")
    return found[:1]


def _header(row: scenes.SceneRow) -> SheetScene:
    return SheetScene(
        episode=row.episode,
        index=row.position,
        number=row.number,
        heading=row.heading,
        int_ext=row.int_ext,
        set_name=row.set_name,
        time_of_day=row.time_of_day,
        eighths=row.eighths,
        page=row.page,
        synopsis=row.synopsis,
        omitted=row.omitted,
    )


def _elements(
    session: Session, production: str, episodes: Sequence[int]
) -> dict[tuple[int, int], Mapping[str, Sequence[Any]]]:
    """Elements per (episode, scene position): the stored breakdown (accepted and proposed
    tags, links applied), or the tagger's when nothing is stored yet."""
    found: dict[tuple[int, int], Mapping[str, Sequence[Any]]] = {}
    wanted = set(episodes)
    if not wanted:
        return found
    only = episodes[0] if len(wanted) == 1 else None
    for row in breakdown.show_rows(session=session, production=production, episode=only):
        if row.episode in wanted:
            found[(row.episode, row.index)] = row.elements
    return found
