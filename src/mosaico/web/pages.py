"""HTML pages: thin over the same services as the API, rendered with Jinja2 + htmx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from mosaico.errors import MosaicoError
from mosaico.i18n import LANGUAGES, negotiate, translator
from mosaico.services import productions, scenes, scripts
from mosaico.web.deps import LanguageDep, SessionDep, WorkspaceDep
from mosaico.web.routes.api import read_upload

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)


def render(
    request: Request, template: str, language: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page in ``language``; a ``?lang=`` choice is remembered in a cookie."""
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {"_": translator(language), "lang": language, "languages": LANGUAGES, **context},
        status_code=status_code,
    )
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", language, max_age=365 * 24 * 3600, samesite="lax")
    return response


def error_page(request: Request, error: MosaicoError) -> HTMLResponse:
    language = negotiate(
        request.query_params.get("lang"),
        request.cookies.get("lang"),
        request.headers.get("accept-language"),
    )
    template = "error_fragment.html" if request.headers.get("hx-request") else "error.html"
    return render(request, template, language, status_code=error.status_code, error=str(error))


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, language: LanguageDep) -> HTMLResponse:
    return render(
        request,
        "productions.html",
        language,
        productions=productions.list_productions(session=session),
    )


@router.post("/productions")
def create_production(
    session: SessionDep,
    name: Annotated[str, Form(max_length=120)],
    title: Annotated[str, Form(max_length=300)] = "",
    language: Annotated[str, Form()] = "es",
) -> Response:
    info = productions.create(
        session=session, name=name.strip(), title=title.strip() or None, language=language
    )
    return RedirectResponse(f"/productions/{info.name}", status_code=303)


@router.get("/productions/{name}", response_class=HTMLResponse)
def production(
    request: Request, name: str, session: SessionDep, language: LanguageDep
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=name)
    episodes = scripts.list_episodes(session=session, production=name)
    return render(request, "production.html", language, production=info, episodes=episodes)


@router.post("/productions/{name}/upload")
async def upload(
    request: Request,
    name: str,
    session: SessionDep,
    workspace: WorkspaceDep,
    language: LanguageDep,
    file: Annotated[UploadFile, File()],
    episode: Annotated[str, Form()] = "",
) -> Response:
    data = await read_upload(file, workspace.settings.limits.max_bytes)
    number = int(episode) if episode.strip().isdigit() else None
    result = scripts.import_script(
        session=session,
        production=name,
        data=data,
        source=file.filename or "upload",
        limits=workspace.settings.limits,
        files_dir=workspace.settings.files_dir,
        episode=number,
    )
    return RedirectResponse(f"/productions/{name}/scenes?episode={result.episode}", status_code=303)


@router.get("/productions/{name}/scenes", response_class=HTMLResponse)
def scene_list(
    request: Request,
    name: str,
    session: SessionDep,
    language: LanguageDep,
    episode: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=name)
    number = int(episode) if episode and episode.isdigit() else None
    rows = scenes.list_scenes(session=session, production=name, episode=number)
    episodes = scripts.list_episodes(session=session, production=name)
    template = "scenes_table.html" if request.headers.get("hx-request") else "scenes.html"
    return render(
        request, template, language, production=info, scenes=rows, episodes=episodes, episode=number
    )


@router.get("/productions/{name}/episodes/{number}/script", response_class=HTMLResponse)
def script_page(
    request: Request, name: str, number: int, session: SessionDep, language: LanguageDep
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=name)
    layout = scripts.script_layout(session=session, production=name, episode=number)
    return render(request, "script.html", language, production=info, layout=layout, episode=number)
