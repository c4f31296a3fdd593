"""Scripts: upload (format read from the content), export, and the script read as pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import HTMLResponse, Response

from mosaico.errors import LimitExceeded
from mosaico.screenplay.io import ScriptFormat
from mosaico.screenplay.paginate import Paper, paginate
from mosaico.services import productions, scripts
from mosaico.services.context import Workspace
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.forms import episode_number
from mosaico.web.render import is_htmx, redirect, render
from mosaico.web.schemas import ERRORS, ImportOut
from mosaico.web.script_view import script_pages, title_page

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["scripts"], responses=ERRORS)

MEDIA_TYPES = {
    ScriptFormat.FOUNTAIN: "text/plain; charset=utf-8",
    ScriptFormat.FDX: "application/xml",
    ScriptFormat.PDF: "application/pdf",
    ScriptFormat.JSON: "application/json",
}


async def read_upload(file: UploadFile, limit: int) -> bytes:
    """The uploaded bytes, refusing more than ``limit`` without holding more in memory."""
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(
            f"{file.filename}: the file is over the limit of {limit:,} bytes (setting MOSAICO_MAX_BYTES)"
        )
    return data


async def _import(
    workspace: Workspace,
    session: SessionDep,
    slug: str,
    file: UploadFile,
    episode: int | None,
    draft: str = "",
    colour: str = "White",
    script_date: date | None = None,
) -> scripts.ImportResult:
    settings = workspace.settings
    return scripts.import_script(
        session=session,
        production=slug,
        data=await read_upload(file, settings.limits.max_bytes),
        source=file.filename or "upload",
        limits=settings.limits,
        files_dir=settings.files_dir,
        episode=episode,
        draft=draft,
        colour=colour,
        script_date=script_date,
    )


@api.post(
    "/{slug}/scripts",
    response_model=ImportOut,
    status_code=status.HTTP_201_CREATED,
    summary="Upload a script (Fountain, FDX or PDF)",
)
async def upload_script(
    slug: str,
    file: Annotated[UploadFile, File(description="A Fountain, FDX or PDF script.")],
    session: SessionDep,
    workspace: WorkspaceDep,
    episode: Annotated[
        int | None, Form(ge=1, description="Next free number when left out.")
    ] = None,
    draft: Annotated[str, Form(max_length=120)] = "",
    colour: Annotated[str, Form(max_length=32, description="Revision colour.")] = "White",
    script_date: Annotated[date | None, Form(description="The date the draft carries.")] = None,
) -> ImportOut:
    result = await _import(workspace, session, slug, file, episode, draft, colour, script_date)
    return ImportOut.of(result)


@api.get(
    "/{slug}/export",
    response_class=Response,
    summary="The script in a format (one episode or all)",
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
)
def export_script(
    slug: str,
    session: SessionDep,
    format: Annotated[ScriptFormat, Query()] = ScriptFormat.FOUNTAIN,
    episode: Annotated[int | None, Query(ge=1)] = None,
    paper: Annotated[Paper, Query()] = Paper.LETTER,
) -> Response:
    data = scripts.export_script(
        session=session, production=slug, fmt=format, episode=episode, paper=paper
    )
    filename = f"{slug}{f'-ep{episode}' if episode else ''}.{format.value}"
    return Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/productions/{slug}/scripts",
    include_in_schema=False,
)
async def upload_from_form(
    request: Request,
    slug: str,
    session: SessionDep,
    workspace: WorkspaceDep,
    file: Annotated[UploadFile, File()],
    episode: Annotated[str, Form()] = "",
) -> Response:
    number = episode_number(episode)
    result = await _import(workspace, session, slug, file, number)
    info = productions.get_or_raise(session=session, name=slug)  # counts after the import
    if is_htmx(request):
        # Say what came in, and refresh the episode table in place.
        return render(
            request,
            "upload_result.html",
            default_language=info.language,
            production=info,
            result=result,
            episodes=scripts.list_episodes(session=session, production=slug),
        )
    return redirect(request, f"/productions/{slug}/scenes?episode={result.episode}")


@router.get(
    "/productions/{slug}/episodes/{number}/script",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def script_page(
    request: Request,
    slug: str,
    number: int,
    session: SessionDep,
    paper: Annotated[Paper, Query()] = Paper.LETTER,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    screenplay = scripts.load_screenplay(session=session, production=slug, episode=number)
    layout = paginate(screenplay, paper)
    return render(
        request,
        "script.html",
        default_language=info.language,
        production=info,
        episode=number,
        paper=paper.value,
        page_count=layout.page_count,
        title=title_page(screenplay),
        pages=script_pages(layout),
        formats=[fmt.value for fmt in ScriptFormat],
    )
