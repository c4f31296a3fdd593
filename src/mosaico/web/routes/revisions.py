"""Revisions: upload a new draft of an episode, read its scene-by-scene diff, lock and
unlock the numbering, restore an omitted scene; the same as JSON under ``/api``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from mosaico.errors import ValidationError
from mosaico.screenplay.paginate import Paper
from mosaico.services import productions, revisions
from mosaico.services.context import Workspace
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.render import redirect, render
from mosaico.web.routes.scripts import read_upload
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["revisions"], responses=ERRORS)
COLOURS = revisions.REVISION_COLOURS
STYLES = ("12A", "12AA", "A12")


class SceneRefOut(BaseModel):
    index: int
    number: str | None
    heading: str


class SceneChangeOut(BaseModel):
    kind: str
    old: SceneRefOut | None
    new: SceneRefOut | None
    similarity: float
    text_changed: bool
    #: ``[op, text]``: op is ``" "`` (kept), ``"-"`` (taken out) or ``"+"`` (put in).
    diff: list[tuple[str, str]]
    #: Indices of the stored draft's paragraphs that carry the revision asterisk.
    marked: list[int]
    #: ``[paragraph index, [word indices]]`` for paragraphs edited in place: only the
    #: printed lines holding these words (of ``text.split()``) are starred.
    words: list[tuple[int, list[int]]] = []


class RevisionOut(BaseModel):
    episode: int
    number: int
    colour: str
    revision_date: date | None
    created_at: datetime | None
    counts: dict[str, int]
    tags_carried: int
    tags_review: int
    from_version: int | None
    to_version: int | None
    source_name: str
    dry_run: bool
    changes: list[SceneChangeOut] | None = None

    @classmethod
    def of(cls, item: revisions.RevisionInfo, *, full: bool = True) -> RevisionOut:
        data: dict[str, Any] = {
            name: getattr(item, name) for name in cls.model_fields if name != "changes"
        }
        return cls(**data, changes=[SceneChangeOut(**c) for c in item.changes] if full else None)


class NumberingOut(BaseModel):
    episode: int
    locked: bool
    style: str
    scenes: int
    omitted: int
    locked_at: datetime | None
    omitted_numbers: list[str]

    @classmethod
    def of(cls, item: revisions.NumberingInfo) -> NumberingOut:
        return cls(
            episode=item.episode,
            locked=item.locked,
            style=item.style,
            scenes=item.scenes,
            omitted=item.omitted,
            locked_at=item.locked_at,
            omitted_numbers=list(item.omitted_numbers),
        )


class StripChangeOut(BaseModel):
    key: str
    #: The key the schedule knew the strip by (``null`` for a new scene).
    key_before: str | None
    episode: int
    number: str | None
    position: int | None
    kind: str
    eighths_before: int | None
    eighths_after: int | None
    cast_added: list[str]
    cast_removed: list[str]
    set_before: str | None
    set_after: str | None
    elements_added: list[str]
    elements_removed: list[str]


async def _revise(
    workspace: Workspace,
    session: SessionDep,
    slug: str,
    number: int,
    file: UploadFile,
    colour: str | None,
    revision_date: date | None,
    dry_run: bool,
) -> revisions.RevisionInfo:
    settings = workspace.settings
    return revisions.revise(
        session=session,
        production=slug,
        episode=number,
        data=await read_upload(file, settings.limits.max_bytes),
        source=file.filename or "upload",
        limits=settings.limits,
        files_dir=settings.files_dir,
        colour=colour or None,
        revision_date=revision_date,
        dry_run=dry_run,
    )


# --- JSON ---------------------------------------------------------------------------


@api.post(
    "/{slug}/episodes/{number}/revisions",
    response_model=RevisionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Upload a new draft of an episode: compared, numbered, stored as a revision",
)
async def create_revision(
    slug: str,
    number: int,
    file: Annotated[UploadFile, File(description="The new draft (Fountain, FDX or PDF).")],
    session: SessionDep,
    workspace: WorkspaceDep,
    colour: Annotated[
        str | None, Form(max_length=32, description="Revision colour; the next one by default.")
    ] = None,
    revision_date: Annotated[date | None, Form(description="Date of the revision.")] = None,
    dry_run: Annotated[bool, Form(description="Compare only; store nothing.")] = False,
) -> RevisionOut:
    item = await _revise(workspace, session, slug, number, file, colour, revision_date, dry_run)
    return RevisionOut.of(item)


@api.get(
    "/{slug}/episodes/{number}/revisions",
    response_model=list[RevisionOut],
    summary="The episode's revisions, oldest first (without diffs)",
)
def list_revisions(slug: str, number: int, session: SessionDep) -> list[RevisionOut]:
    items = revisions.list_revisions(session=session, production=slug, episode=number)
    return [RevisionOut.of(item, full=False) for item in items]


@api.get(
    "/{slug}/episodes/{number}/revisions/{revision}",
    response_model=RevisionOut,
    summary="One revision with its scene-by-scene diff",
)
def get_revision(slug: str, number: int, revision: int, session: SessionDep) -> RevisionOut:
    item = revisions.get_revision(session=session, production=slug, episode=number, number=revision)
    return RevisionOut.of(item)


@api.get(
    "/{slug}/episodes/{number}/revisions/{revision}/pages",
    response_class=Response,
    summary="The revised pages as a PDF (or the whole script with marks)",
    responses={200: {"content": {"application/pdf": {}}}},
)
def revised_pages(
    slug: str,
    number: int,
    revision: int,
    session: SessionDep,
    paper: Annotated[Paper, Query()] = Paper.LETTER,
    whole: Annotated[bool, Query(description="Every page, not only revised ones.")] = False,
) -> Response:
    data = revisions.revised_pdf(
        session=session,
        production=slug,
        episode=number,
        number=revision,
        paper=paper,
        revised_only=not whole,
    )
    name = f"{slug}-ep{number}-rev{revision}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@api.get(
    "/{slug}/episodes/{number}/numbering",
    response_model=NumberingOut,
    summary="Whether the scene numbers are locked, and the omitted scenes",
)
def get_numbering(slug: str, number: int, session: SessionDep) -> NumberingOut:
    return NumberingOut.of(revisions.numbering(session=session, production=slug, episode=number))


class LockIn(BaseModel):
    style: str = "12A"


@api.post(
    "/{slug}/episodes/{number}/numbering/lock",
    response_model=NumberingOut,
    summary="Lock the scene numbers (inserted scenes lettered in a style: 12A, 12AA, A12)",
)
def lock_numbering(slug: str, number: int, body: LockIn, session: SessionDep) -> NumberingOut:
    item = revisions.lock(session=session, production=slug, episode=number, style=body.style)
    return NumberingOut.of(item)


@api.post(
    "/{slug}/episodes/{number}/numbering/unlock",
    response_model=NumberingOut,
    summary="Unlock the scene numbers",
)
def unlock_numbering(slug: str, number: int, session: SessionDep) -> NumberingOut:
    return NumberingOut.of(revisions.unlock(session=session, production=slug, episode=number))


@api.post(
    "/{slug}/episodes/{number}/scenes/{scene}/restore",
    response_model=NumberingOut,
    summary="Restore an omitted scene with the text it last had",
)
def restore_scene(slug: str, number: int, scene: str, session: SessionDep) -> NumberingOut:
    item = revisions.restore(session=session, production=slug, episode=number, number=scene)
    return NumberingOut.of(item)


@api.get(
    "/{slug}/episodes/{number}/changed-strips",
    response_model=list[StripChangeOut],
    summary="Strips whose eighths, cast, set or elements changed since an earlier draft",
)
def changed_strips(
    slug: str,
    number: int,
    session: SessionDep,
    since: Annotated[int | None, Query(description="Script version id; the previous one.")] = None,
) -> list[StripChangeOut]:
    items = revisions.changed_strips(
        session=session, production=slug, episode=number, since_version=since
    )
    return [_strip_out(i) for i in items]


def _strip_out(i: revisions.StripChange) -> StripChangeOut:
    return StripChangeOut(
        key=i.key,
        key_before=i.key_before,
        episode=i.episode,
        number=i.number,
        position=i.position,
        kind=i.kind,
        eighths_before=i.eighths_before,
        eighths_after=i.eighths_after,
        cast_added=list(i.cast_added),
        cast_removed=list(i.cast_removed),
        set_before=i.set_before,
        set_after=i.set_after,
        elements_added=list(i.elements_added),
        elements_removed=list(i.elements_removed),
    )


class AffectedDayOut(BaseModel):
    number: int
    date: date
    strips: list[str]


class ScheduleImpactOut(BaseModel):
    schedule_version: int
    days: list[AffectedDayOut]
    unscheduled: list[str]
    strips: list[StripChangeOut]


@api.get(
    "/{slug}/episodes/{number}/schedule-impact",
    response_model=ScheduleImpactOut,
    summary="The shooting days of a schedule version that hold a changed strip",
)
def schedule_impact(
    slug: str,
    number: int,
    session: SessionDep,
    since: Annotated[int | None, Query(description="Script version id; the previous one.")] = None,
    schedule: Annotated[int | None, Query(description="Schedule version; the latest.")] = None,
) -> ScheduleImpactOut:
    item = revisions.schedule_impact(
        session=session,
        production=slug,
        episode=number,
        since_version=since,
        schedule_version=schedule,
    )
    return ScheduleImpactOut(
        schedule_version=item.schedule_version,
        days=[
            AffectedDayOut(number=d.number, date=d.date, strips=list(d.strips)) for d in item.days
        ],
        unscheduled=list(item.unscheduled),
        strips=[_strip_out(s) for s in item.strips],
    )


# --- pages --------------------------------------------------------------------------


def _base(slug: str, number: int) -> str:
    return f"/productions/{slug}/episodes/{number}/revisions"


@router.get(
    "/productions/{slug}/episodes/{number}/revisions",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def revisions_page(request: Request, slug: str, number: int, session: SessionDep) -> Response:
    info = productions.get_or_raise(session=session, name=slug)
    state = revisions.numbering(session=session, production=slug, episode=number)
    items = revisions.list_revisions(session=session, production=slug, episode=number)
    return render(
        request,
        "revisions.html",
        default_language=info.language,
        production=info,
        episode=number,
        numbering=state,
        revisions=items,
        colours=COLOURS,
        styles=STYLES,
    )


@router.post("/productions/{slug}/episodes/{number}/revisions", include_in_schema=False)
async def upload_from_form(
    request: Request,
    slug: str,
    number: int,
    session: SessionDep,
    workspace: WorkspaceDep,
    file: Annotated[UploadFile, File()],
    colour: Annotated[str, Form()] = "",
    revision_date: Annotated[str, Form()] = "",
    dry_run: Annotated[str, Form()] = "",
) -> Response:
    when = _date(revision_date)
    item = await _revise(workspace, session, slug, number, file, colour, when, bool(dry_run))
    if item.dry_run:
        info = productions.get_or_raise(session=session, name=slug)
        return render(
            request, "revision.html", default_language=info.language, production=info,
            episode=number, revision=item,
        )  # fmt: skip
    return redirect(request, f"{_base(slug, number)}/{item.number}")


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "revision_date", f"expected a date like 2024-05-03, got {value[:40]!r}"
        ) from None


@router.get(
    "/productions/{slug}/episodes/{number}/revisions/{revision}",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def revision_page(
    request: Request, slug: str, number: int, revision: int, session: SessionDep
) -> Response:
    info = productions.get_or_raise(session=session, name=slug)
    item = revisions.get_revision(session=session, production=slug, episode=number, number=revision)
    return render(
        request, "revision.html", default_language=info.language, production=info,
        episode=number, revision=item,
    )  # fmt: skip


@router.post("/productions/{slug}/episodes/{number}/numbering", include_in_schema=False)
def numbering_form(
    request: Request,
    slug: str,
    number: int,
    session: SessionDep,
    action: Annotated[str, Form()],
    style: Annotated[str, Form()] = "12A",
) -> Response:
    if action == "lock":
        revisions.lock(session=session, production=slug, episode=number, style=style)
    elif action == "unlock":
        revisions.unlock(session=session, production=slug, episode=number)
    else:
        raise ValidationError("action", f"expected lock or unlock, got {action[:20]!r}")
    return redirect(request, _base(slug, number))


@router.post(
    "/productions/{slug}/episodes/{number}/scenes/{scene}/restore", include_in_schema=False
)
def restore_form(
    request: Request, slug: str, number: int, scene: str, session: SessionDep
) -> Response:
    revisions.restore(session=session, production=slug, episode=number, number=scene)
    return redirect(request, _base(slug, number))
