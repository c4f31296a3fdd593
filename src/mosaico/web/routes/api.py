"""The JSON API. Bodies and responses are Pydantic models of the web layer only."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import Response
from pydantic import BaseModel, Field

from mosaico.screenplay.io import ScriptFormat
from mosaico.screenplay.paginate import Paper
from mosaico.services import productions, scenes, scripts
from mosaico.web.deps import SessionDep, WorkspaceDep

router = APIRouter(prefix="/api", tags=["api"])

_MEDIA = {
    ScriptFormat.FOUNTAIN: "text/plain; charset=utf-8",
    ScriptFormat.FDX: "application/xml",
    ScriptFormat.PDF: "application/pdf",
    ScriptFormat.JSON: "application/json",
}
_SUFFIX = {
    ScriptFormat.FOUNTAIN: "fountain",
    ScriptFormat.FDX: "fdx",
    ScriptFormat.PDF: "pdf",
    ScriptFormat.JSON: "json",
}


class ProductionIn(BaseModel):
    name: str = Field(description="Short name: lower case, digits, - and _.", max_length=120)
    title: str | None = Field(default=None, max_length=300)
    language: str = Field(default="es", description="es or en")


class ProductionOut(BaseModel):
    id: int
    name: str
    title: str
    language: str
    episodes: int
    scenes: int


class ImportOut(BaseModel):
    source: str
    format: str
    episode: int
    scenes: int
    pages: int
    eighths: int
    characters: int
    already_imported: bool
    warnings: list[str]


class SceneOut(BaseModel):
    id: int
    episode: int
    index: int
    number: str | None
    heading: str
    int_ext: str
    set: str
    time_of_day: str
    eighths: str = Field(description="Length as the trade writes it, e.g. '1 3/8'.")
    eighths_total: int = Field(description="Length in eighths of a page.")
    imported_eighths: str | None = Field(
        description="Final Draft's own length, when imported from FDX."
    )
    page: int
    synopsis: str | None
    omitted: bool
    speaking: list[str]
    silent: list[str]


@router.get("/productions", response_model=list[ProductionOut])
def list_productions(session: SessionDep) -> list[ProductionOut]:
    return [ProductionOut(**asdict(item)) for item in productions.list_productions(session=session)]


@router.post("/productions", response_model=ProductionOut, status_code=status.HTTP_201_CREATED)
def create_production(body: ProductionIn, session: SessionDep) -> ProductionOut:
    info = productions.create(
        session=session, name=body.name, title=body.title, language=body.language
    )
    return ProductionOut(**asdict(info))


@router.get("/productions/{name}", response_model=ProductionOut)
def get_production(name: str, session: SessionDep) -> ProductionOut:
    return ProductionOut(**asdict(productions.get_or_raise(session=session, name=name)))


@router.post(
    "/productions/{name}/scripts", response_model=ImportOut, status_code=status.HTTP_201_CREATED
)
async def upload_script(
    name: str,
    file: Annotated[UploadFile, File(description="A Fountain, FDX or PDF script.")],
    session: SessionDep,
    workspace: WorkspaceDep,
    episode: Annotated[int | None, Form(ge=1)] = None,
    draft: Annotated[str, Form(max_length=120)] = "",
    colour: Annotated[str, Form()] = "White",
) -> ImportOut:
    data = await read_upload(file, workspace.settings.limits.max_bytes)
    result = scripts.import_script(
        session=session,
        production=name,
        data=data,
        source=file.filename or "upload",
        limits=workspace.settings.limits,
        files_dir=workspace.settings.files_dir,
        episode=episode,
        draft=draft,
        colour=colour,
    )
    return ImportOut(
        **(asdict(result) | {"format": result.format.value, "warnings": list(result.warnings)})
    )


async def read_upload(file: UploadFile, limit: int) -> bytes:
    """The uploaded bytes, refusing more than ``limit`` without reading it all."""
    from mosaico.errors import LimitExceeded

    data = await file.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(
            f"{file.filename}: the file is over the limit of {limit:,} bytes (setting MOSAICO_MAX_BYTES)"
        )
    return data


@router.get("/productions/{name}/scenes", response_model=list[SceneOut])
def list_scenes(
    name: str, session: SessionDep, episode: Annotated[int | None, Query(ge=1)] = None
) -> list[SceneOut]:
    rows = scenes.list_scenes(session=session, production=name, episode=episode)
    return [
        SceneOut(
            id=row.id,
            episode=row.episode,
            index=row.position,
            number=row.number,
            heading=row.heading,
            int_ext=row.int_ext,
            set=row.set_name,
            time_of_day=row.time_of_day,
            eighths=str(row.eighths),
            eighths_total=row.eighths.value,
            imported_eighths=str(row.imported_eighths) if row.imported_eighths else None,
            page=row.page,
            synopsis=row.synopsis,
            omitted=row.omitted,
            speaking=list(row.speaking),
            silent=list(row.silent),
        )
        for row in rows
    ]


@router.get("/productions/{name}/export", response_class=Response)
def export(
    name: str,
    session: SessionDep,
    format: Annotated[ScriptFormat, Query()] = ScriptFormat.FOUNTAIN,
    episode: Annotated[int | None, Query(ge=1)] = None,
    paper: Annotated[Paper, Query()] = Paper.LETTER,
) -> Response:
    data = scripts.export_script(
        session=session, production=name, fmt=format, episode=episode, paper=paper
    )
    filename = f"{name}{f'-ep{episode}' if episode else ''}.{_SUFFIX[format]}"
    return Response(
        data,
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
