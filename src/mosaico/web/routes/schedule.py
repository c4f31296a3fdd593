"""Shooting schedules: the setup, solving, the stored versions and their comparison.

The JSON API is under ``/api/productions/{slug}/schedule/setup`` and
``/api/productions/{slug}/schedules``; the page ``/productions/{slug}/schedules``
lists the versions. A solve here runs within the request, up to the service's
time cap; long runs belong to the background jobs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from mosaico.services import productions
from mosaico.services import schedule as schedules
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.render import render
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["schedule"], responses=ERRORS)


class SetupOut(BaseModel):
    version: int = Field(description="Send it back with a change; 0 while never saved.")
    calendar: dict[str, Any] = Field(
        description="start (null: the Monday after today), work_days (null: as the pages "
        "need), weekly_days_off (0 = Monday), country, subdivision, days_off "
        "[{start, reason, end}]."
    )
    rules: dict[str, Any]
    weights: dict[str, Any]
    cast: dict[str, Any] = Field(
        description="default_cost_per_day, and members: character -> cost_per_day, "
        "unavailable dates, max_consecutive_days."
    )
    sets: dict[str, Any] = Field(
        description="set name -> location, city, latitude, longitude, unavailable dates."
    )

    @classmethod
    def of(cls, info: schedules.SetupInfo) -> SetupOut:
        return cls(**info.as_dict())


class SetupIn(BaseModel):
    """The parts to change; entries of ``cast.members`` and ``sets`` set to null are removed."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=0, description="The version read; a stale one is a conflict.")
    calendar: dict[str, Any] | None = None
    rules: dict[str, Any] | None = None
    weights: dict[str, Any] | None = None
    cast: dict[str, Any] | None = None
    sets: dict[str, Any] | None = None


class SolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    episodes: list[Annotated[int, Field(ge=1)]] | None = Field(
        default=None, max_length=500, description="Only these episodes (all when left out)."
    )
    time_limit: float = Field(
        default=10.0,
        gt=0,
        description=f"Seconds the solver may search, at most {schedules.MAX_TIME_LIMIT:g}.",
    )
    start_from: int | None = Field(default=None, ge=1, description="Warm start from a version.")
    locked: list[Annotated[str, Field(max_length=40)]] = Field(
        default=[], max_length=10_000, description="Strips kept on their date in start_from."
    )
    label: str = Field(default="", max_length=200)


class DayOut(BaseModel):
    number: int
    date: date
    strips: list[str] = Field(description="Strip keys: episode-scene, e.g. 1-12A.")
    eighths: int
    hours: float
    locations: list[str]


class VersionSummaryOut(BaseModel):
    number: int
    label: str
    kind: str
    created_at: datetime
    parent: int | None
    status: str
    total_cost: int
    lower_bound: int
    shoot_days: int
    strips: int


class VersionOut(BaseModel):
    number: int
    label: str
    kind: str
    created_at: datetime
    parent: int | None = Field(description="The version it started from.")
    episodes: list[int]
    strips: int
    status: str = Field(description="optimal (proven) or feasible.")
    optimal: bool
    total_cost: int
    lower_bound: int = Field(description="Proven: no schedule of this problem costs less.")
    gap: float = Field(description="(total_cost - lower_bound) / total_cost.")
    seconds: float
    shoot_days: int
    cost: dict[str, int] = Field(description="The cost by named term.")
    locked: list[str]
    days: list[DayOut]


class MoveOut(BaseModel):
    strip: str
    before: date | None
    after: date | None


class ComparisonOut(BaseModel):
    a: int
    b: int
    total: dict[str, int]
    cost: dict[str, dict[str, int]] = Field(description="term -> {a, b}.")
    unchanged: int
    stability: float = Field(description="Share of the strips in both that kept their date.")
    moves: list[MoveOut]
    days_added: list[date]
    days_removed: list[date]


def _version_out(info: schedules.ScheduleVersionInfo) -> VersionOut:
    return VersionOut.model_validate(schedules.version_as_dict(info))


@api.get("/{slug}/schedule/setup", response_model=SetupOut, summary="The schedule setup")
def get_setup(slug: str, session: SessionDep) -> SetupOut:
    return SetupOut.of(schedules.get_setup(session, slug))


@api.put("/{slug}/schedule/setup", response_model=SetupOut, summary="Change the schedule setup")
def put_setup(slug: str, body: SetupIn, session: SessionDep) -> SetupOut:
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    return SetupOut.of(schedules.update_setup(session, slug, changes, body.version))


@api.post(
    "/{slug}/schedules",
    response_model=VersionOut,
    status_code=201,
    summary="Solve the schedule and keep it as a new version",
)
def solve(slug: str, body: SolveIn, workspace: WorkspaceDep) -> VersionOut:
    # No request transaction here: the service reads, solves outside, then saves.
    info = schedules.solve_schedule(
        workspace,
        slug,
        episodes=body.episodes,
        time_limit=body.time_limit,
        start_from=body.start_from,
        locked=body.locked,
        label=body.label,
    )
    return _version_out(info)


@api.get("/{slug}/schedules", response_model=list[VersionSummaryOut], summary="Versions")
def list_versions(slug: str, session: SessionDep) -> list[VersionSummaryOut]:
    return [
        VersionSummaryOut(
            number=r.number,
            label=r.label,
            kind=r.kind,
            created_at=r.created_at,
            parent=r.parent,
            status=r.status,
            total_cost=r.total_cost,
            lower_bound=r.lower_bound,
            shoot_days=r.days,
            strips=r.strips,
        )
        for r in schedules.list_versions(session, slug)
    ]


@api.get(
    "/{slug}/schedules/compare",
    response_model=ComparisonOut,
    summary="What changed between two versions",
)
def compare(
    slug: str,
    session: SessionDep,
    a: Annotated[int, Query(ge=1, description="The earlier version.")],
    b: Annotated[int, Query(ge=1, description="The later version.")],
) -> ComparisonOut:
    comparison = schedules.compare_versions(session, slug, a, b)
    return ComparisonOut.model_validate(schedules.comparison_as_dict(comparison))


@api.get("/{slug}/schedules/{number}", response_model=VersionOut, summary="One version")
def get_version(slug: str, number: int, session: SessionDep) -> VersionOut:
    return _version_out(schedules.get_version(session, slug, number))


@router.get("/productions/{slug}/schedules", response_class=HTMLResponse, include_in_schema=False)
def versions_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    return render(
        request,
        "schedule_versions.html",
        default_language=info.language,
        production=info,
        versions=schedules.list_versions(session, slug),
    )
