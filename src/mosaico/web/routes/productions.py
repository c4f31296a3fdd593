"""Productions: the list, creating one, and a production's own page with its episodes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response

from mosaico.services import productions, scripts
from mosaico.web.deps import SessionDep
from mosaico.web.render import redirect, render
from mosaico.web.schemas import ERRORS, EpisodeOut, ProductionIn, ProductionOut

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["productions"], responses=ERRORS)


@api.get("", response_model=list[ProductionOut], summary="List productions")
def list_productions(session: SessionDep) -> list[ProductionOut]:
    return [ProductionOut.of(item) for item in productions.list_productions(session=session)]


@api.post(
    "",
    response_model=ProductionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create a production",
)
def create_production(body: ProductionIn, session: SessionDep) -> ProductionOut:
    info = productions.create(
        session=session,
        name=body.name,
        title=body.title,
        language=body.language,
        timezone=body.timezone,
    )
    return ProductionOut.of(info)


@api.get("/{slug}", response_model=ProductionOut, summary="One production")
def get_production(slug: str, session: SessionDep) -> ProductionOut:
    return ProductionOut.of(productions.get_or_raise(session=session, name=slug))


@api.get("/{slug}/episodes", response_model=list[EpisodeOut], summary="Its episodes")
def list_episodes(slug: str, session: SessionDep) -> list[EpisodeOut]:
    return [EpisodeOut.of(item) for item in scripts.list_episodes(session=session, production=slug)]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, session: SessionDep) -> HTMLResponse:
    return render(
        request, "productions.html", productions=productions.list_productions(session=session)
    )


@router.post("/productions", include_in_schema=False)
def create_from_form(
    request: Request,
    session: SessionDep,
    name: Annotated[str, Form(max_length=120)],
    title: Annotated[str, Form(max_length=300)] = "",
    language: Annotated[str, Form()] = "es",
) -> Response:
    info = productions.create(
        session=session, name=name.strip(), title=title.strip() or None, language=language
    )
    return redirect(request, f"/productions/{info.name}")


@router.get("/productions/{slug}", response_class=HTMLResponse, include_in_schema=False)
def production_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    return render(
        request,
        "production.html",
        default_language=info.language,
        production=info,
        episodes=scripts.list_episodes(session=session, production=slug),
    )
