"""The stripboard page, its live rule check and "save as version".

``/productions/{slug}/stripboard[?version=N]`` shows a schedule version as
coloured strips under day breaks; the page's script drags strips between days
(SortableJS), asks ``POST /api/productions/{slug}/stripboard/check`` after
every drop, and keeps the result with ``POST /api/productions/{slug}/schedules/manual``.
"Re-optimise" queues a background solve (``web.routes.jobs``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from mosaico.errors import NotFound
from mosaico.schedule.check import Violation
from mosaico.services import productions, stripboard
from mosaico.services import schedule as schedules
from mosaico.web.deps import SessionDep
from mosaico.web.render import render
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["stripboard"], responses=ERRORS)

MAX_DAYS = 2_000


class BoardDayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: str = Field(max_length=10, description="ISO date of the shoot day.")
    strips: list[Annotated[str, Field(max_length=64)]] = Field(
        max_length=20_000, description="Strip keys in the order shot that day."
    )


class BoardIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The version the board was read from.")
    days: list[BoardDayIn] = Field(max_length=MAX_DAYS)
    locked: list[Annotated[str, Field(max_length=64)]] = Field(default=[], max_length=20_000)


class ManualIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_version: int = Field(ge=1, description="The version the board was read from.")
    days: list[BoardDayIn] = Field(max_length=MAX_DAYS)
    locked: list[Annotated[str, Field(max_length=64)]] = Field(default=[], max_length=20_000)
    label: str = Field(default="", max_length=200)


class ViolationOut(BaseModel):
    rule: str
    strips: list[str]
    date: date | None
    text: str


class CheckDayOut(BaseModel):
    date: date
    eighths: int
    hours: float


class CheckOut(BaseModel):
    violations: list[ViolationOut] = Field(description="Every hard rule the board breaks.")
    cost: dict[str, int] = Field(description="The board's cost by named term.")
    total_cost: int
    lower_bound: int
    days: list[CheckDayOut]


class ManualOut(BaseModel):
    number: int
    label: str
    kind: str
    parent: int | None
    total_cost: int
    lower_bound: int
    shoot_days: int
    locked: list[str]


def _days(days: list[BoardDayIn]) -> list[tuple[str, list[str]]]:
    return [(day.date, list(day.strips)) for day in days]


def _violations(found: tuple[Violation, ...]) -> list[ViolationOut]:
    return [
        ViolationOut(rule=v.rule.value, strips=list(v.strips), date=v.date, text=v.text)
        for v in found
    ]


@api.post(
    "/{slug}/stripboard/check",
    response_model=CheckOut,
    summary="Check a rearranged stripboard against every hard rule",
)
def check(slug: str, body: BoardIn, session: SessionDep) -> CheckOut:
    result = stripboard.check(session, slug, body.version, _days(body.days), body.locked)
    return CheckOut(
        violations=_violations(result.violations),
        cost={term.value: amount for term, amount in result.cost.items()},
        total_cost=result.total_cost,
        lower_bound=result.lower_bound,
        days=[CheckDayOut(date=d, eighths=e, hours=round(h, 2)) for d, e, h in result.days],
    )


@api.post(
    "/{slug}/schedules/manual",
    response_model=ManualOut,
    status_code=201,
    summary="Keep a rearranged stripboard as a new version",
)
def save_manual(slug: str, body: ManualIn, session: SessionDep) -> ManualOut:
    info = stripboard.save_manual(
        session, slug, body.from_version, _days(body.days), body.locked, body.label
    )
    return ManualOut(
        number=info.number,
        label=info.label,
        kind=info.kind,
        parent=info.parent,
        total_cost=info.total_cost,
        lower_bound=info.lower_bound,
        shoot_days=len(info.schedule.days),
        locked=list(info.locked),
    )


@router.get("/productions/{slug}/stripboard", response_class=HTMLResponse, include_in_schema=False)
def page(
    request: Request,
    slug: str,
    session: SessionDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    job: Annotated[int | None, Query(ge=1, description="A job whose panel to show.")] = None,
) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    versions = schedules.list_versions(session, slug)
    if not versions:
        return render(
            request,
            "stripboard_empty.html",
            default_language=info.language,
            production=info,
            status_code=200,
        )
    if version is not None and version not in {v.number for v in versions}:
        raise NotFound("schedule version", version, slug)
    board = stripboard.board(session, slug, version)
    return render(
        request,
        "stripboard.html",
        default_language=info.language,
        production=info,
        board=board,
        versions=versions,
        job_id=job,
        max_seconds=request.app.state.workspace.settings.job_seconds,
    )
