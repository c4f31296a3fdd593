"""Breakdown pages: an episode's breakdown, a scene to tag, the element manager, the sheets.

The JSON API of the breakdown (tags, elements, links, categories) is in
``routes/breakdown.py``; the scene page's script (``static/breakdown.js``)
calls it to add and edit tags. This module adds the printable documents to
the API (sheets, department reports) and the HTML pages, whose forms (run
the tagger, merge, link, notes) post here and go back to the page.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from mosaico.breakdown.sheets import ink_for
from mosaico.errors import ValidationError
from mosaico.i18n import N_
from mosaico.reports.breakdown_department import department_fragment
from mosaico.reports.breakdown_sheets import sheets_fragment
from mosaico.services import breakdown, breakdown_reports, productions, scripts
from mosaico.web.deps import SessionDep
from mosaico.web.forms import episode_number
from mosaico.web.render import redirect, render, request_language
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["breakdown"], responses=ERRORS)

_FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/pdf": {},
            "text/html": {},
            "text/csv": {},
            breakdown_reports.MEDIA_TYPES["xlsx"]: {},
        },
        "description": "The document.",
    }
}
# Tag states as the pages name them (the API keeps the keys).
STATUS_LABELS = {
    "proposed": N_("proposed"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "review": N_("to review"),
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


_HELPERS: dict[str, Any] = {"ink": ink_for, "status_label": status_label}
EpisodeQuery = Annotated[int | None, Query(ge=1, description="Only this episode.")]
LangQuery = Annotated[
    str | None, Query(max_length=8, description="es or en (default: the production's).")
]
PaperQuery = Annotated[str, Query(max_length=10, description="letter or a4.")]


def _document(data: bytes, fmt: str, filename: str, *, inline: bool) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(
        content=data,
        media_type=breakdown_reports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'{disposition}; filename="{filename}.{fmt}"'},
    )


@api.get(
    "/{slug}/breakdown/sheets",
    response_class=Response,
    responses=_FILES,
    summary="Breakdown sheets (HTML or PDF): every scene, one episode or one scene",
)
def sheets_document(
    slug: str,
    session: SessionDep,
    episode: EpisodeQuery = None,
    scene: Annotated[
        str | None, Query(max_length=20, description="One scene by its number (e.g. 12A).")
    ] = None,
    format: Annotated[str, Query(max_length=8, description="html or pdf.")] = "html",
    lang: LangQuery = None,
    paper: PaperQuery = "letter",
) -> Response:
    data = breakdown_reports.sheet_data(
        session=session, production=slug, episode=episode, scene=scene
    )
    document = breakdown_reports.render_sheets(data, fmt=format, language=lang, paper=paper)
    name = f"{slug}-sheets" + (f"-ep{episode}" if episode else "") + (f"-{scene}" if scene else "")
    return _document(document, format, name, inline=True)


@api.get(
    "/{slug}/breakdown/sheets.pdf",
    response_class=Response,
    responses=_FILES,
    summary="Breakdown sheets as a PDF",
)
def sheets_pdf(
    slug: str,
    session: SessionDep,
    episode: EpisodeQuery = None,
    scene: Annotated[str | None, Query(max_length=20)] = None,
    lang: LangQuery = None,
    paper: PaperQuery = "letter",
) -> Response:
    return sheets_document(
        slug, session, episode=episode, scene=scene, format="pdf", lang=lang, paper=paper
    )


@api.get(
    "/{slug}/breakdown/report",
    response_class=Response,
    responses=_FILES,
    summary="Department report: every element per category with its scenes",
)
def department_report(
    slug: str,
    session: SessionDep,
    category: Annotated[str | None, Query(max_length=40, description="One category key.")] = None,
    episode: EpisodeQuery = None,
    format: Annotated[str, Query(max_length=8, description="pdf, xlsx, csv or html.")] = "pdf",
    lang: LangQuery = None,
    paper: PaperQuery = "letter",
) -> Response:
    data = breakdown_reports.report_data(
        session=session, production=slug, category=category, episode=episode
    )
    document = breakdown_reports.render_report(data, fmt=format, language=lang, paper=paper)
    name = f"{slug}-breakdown-{category or 'departments'}" + (f"-ep{episode}" if episode else "")
    return _document(document, format, name, inline=format in ("pdf", "html"))


# --- pages ------------------------------------------------------------------------------


def _base(slug: str) -> str:
    return f"/productions/{slug}/breakdown"


@router.get("/productions/{slug}/breakdown", response_class=HTMLResponse, include_in_schema=False)
def episode_page(
    request: Request,
    slug: str,
    session: SessionDep,
    episode: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    episodes = scripts.list_episodes(session=session, production=slug)
    number = episode_number(episode)
    if number is None and episodes:
        number = episodes[0].number
    data = (
        breakdown_reports.sheet_data(session=session, production=slug, episode=number)
        if number is not None
        else None
    )
    return render(
        request,
        "breakdown_episode.html",
        default_language=info.language,
        production=info,
        episodes=episodes,
        episode=number,
        sheets=data.sheets if data else [],
        stored=breakdown.has_stored(session=session, production=slug),
        base=_base(slug),
        **_HELPERS,
    )


@router.post("/productions/{slug}/breakdown/auto", include_in_schema=False)
def run_tagger(
    request: Request,
    slug: str,
    session: SessionDep,
    episode: Annotated[str | None, Form(max_length=20)] = None,
) -> Response:
    number = episode_number(episode)
    breakdown.run_auto(session=session, production=slug, episode=number)
    return redirect(request, _base(slug) + (f"?episode={number}" if number else ""))


@router.get(
    "/productions/{slug}/breakdown/episodes/{episode}/scenes/{index}",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def scene_page(
    request: Request, slug: str, episode: int, index: int, session: SessionDep
) -> HTMLResponse:
    view = breakdown_reports.scene_view(
        session=session, production=slug, episode=episode, index=index
    )
    return render(
        request,
        "breakdown_scene.html",
        default_language=view.production.language,
        production=view.production,
        view=view,
        sheet=view.sheet,
        category_of={c.key: c for c in view.categories},
        base=_base(slug),
        **_HELPERS,
    )


@router.get(
    "/productions/{slug}/breakdown/elements", response_class=HTMLResponse, include_in_schema=False
)
def elements_page(
    request: Request,
    slug: str,
    session: SessionDep,
    category: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    categories = breakdown_reports.categories(session=session, production=slug)
    chosen = category or None
    items = breakdown.list_elements(session=session, production=slug, category=chosen)
    grouped = [
        (c, [item for item in items if item.category == c.key])
        for c in categories
        if any(item.category == c.key for item in items)
    ]
    return render(
        request,
        "breakdown_elements.html",
        default_language=info.language,
        production=info,
        categories=categories,
        category=chosen,
        grouped=grouped,
        elements=items,
        base=_base(slug),
        **_HELPERS,
    )


@router.post("/productions/{slug}/breakdown/elements/merge", include_in_schema=False)
def merge_elements(
    request: Request,
    slug: str,
    session: SessionDep,
    keep: Annotated[int | None, Form()] = None,
    merge: Annotated[list[int] | None, Form()] = None,
) -> Response:
    if keep is None:
        raise ValidationError("keep", "choose the element to keep")
    others = [item for item in (merge or []) if item != keep]
    if not others:
        raise ValidationError("merge", "tick at least one other element to merge into the kept one")
    breakdown.merge_elements(session=session, production=slug, keep_id=keep, merge_ids=others)
    return redirect(request, f"{_base(slug)}/elements/{keep}")


@router.post("/productions/{slug}/breakdown/elements/link", include_in_schema=False)
def link_elements(
    request: Request,
    slug: str,
    session: SessionDep,
    anchor: Annotated[int, Form()],
    linked: Annotated[int, Form()],
) -> Response:
    breakdown.link_elements(session=session, production=slug, anchor_id=anchor, linked_id=linked)
    return redirect(request, f"{_base(slug)}/elements/{anchor}")


@router.get(
    "/productions/{slug}/breakdown/elements/{element_id}",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def element_page(request: Request, slug: str, element_id: int, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    detail = breakdown.get_element(session=session, production=slug, element_id=element_id)
    others = {
        item.id: item
        for item in breakdown.list_elements(session=session, production=slug)
        if item.id != element_id
    }
    return render(
        request,
        "breakdown_element.html",
        default_language=info.language,
        production=info,
        detail=detail,
        element=detail.element,
        others=others,
        category_of={
            c.key: c for c in breakdown_reports.categories(session=session, production=slug)
        },
        base=_base(slug),
        **_HELPERS,
    )


@router.post("/productions/{slug}/breakdown/elements/{element_id}", include_in_schema=False)
def update_element(
    request: Request,
    slug: str,
    element_id: int,
    session: SessionDep,
    version: Annotated[int, Form()],
    notes: Annotated[str, Form(max_length=20_000)] = "",
    department: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    breakdown.update_element(
        session=session,
        production=slug,
        element_id=element_id,
        version=version,
        notes=notes,
        department=department,
    )
    return redirect(request, f"{_base(slug)}/elements/{element_id}")


@router.post("/productions/{slug}/breakdown/elements/{element_id}/unlink", include_in_schema=False)
def unlink_element(
    request: Request,
    slug: str,
    element_id: int,
    session: SessionDep,
    linked: Annotated[int, Form()],
) -> Response:
    breakdown.unlink_elements(
        session=session, production=slug, anchor_id=element_id, linked_id=linked
    )
    return redirect(request, f"{_base(slug)}/elements/{element_id}")


@router.get(
    "/productions/{slug}/breakdown/sheets", response_class=HTMLResponse, include_in_schema=False
)
def sheets_page(
    request: Request,
    slug: str,
    session: SessionDep,
    episode: Annotated[str | None, Query(max_length=20)] = None,
    scene: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    number = episode_number(episode)
    chosen = scene.strip() if scene and scene.strip() else None
    data = breakdown_reports.sheet_data(
        session=session, production=slug, episode=number, scene=chosen
    )
    language = request_language(request, info.language)
    query = {"episode": number, "scene": chosen, "lang": language}
    pdf_query = urlencode({key: value for key, value in query.items() if value})
    return render(
        request,
        "breakdown_sheets.html",
        default_language=info.language,
        production=info,
        episodes=scripts.list_episodes(session=session, production=slug),
        episode=number,
        scene=chosen,
        count=len(data.sheets),
        sheets_html=sheets_fragment(data.sheets, title=info.title, language=language),
        pdf_url=f"/api/productions/{slug}/breakdown/sheets.pdf?{pdf_query}",
        base=_base(slug),
        **_HELPERS,
    )


@router.get(
    "/productions/{slug}/breakdown/departments",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def departments_page(
    request: Request,
    slug: str,
    session: SessionDep,
    category: Annotated[str | None, Query(max_length=40)] = None,
    episode: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    number = episode_number(episode)
    data = breakdown_reports.report_data(
        session=session, production=slug, category=category or None, episode=number
    )
    language = request_language(request, info.language)
    return render(
        request,
        "breakdown_departments.html",
        default_language=info.language,
        production=info,
        categories=data.categories,
        category=category or None,
        episodes=scripts.list_episodes(session=session, production=slug),
        episode=number,
        report_html=department_fragment(data.departments, language=language),
        base=_base(slug),
        **_HELPERS,
    )
