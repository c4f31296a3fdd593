"""Replanning after an event on the shoot: the JSON endpoint and a small form page.

``POST /api/productions/{slug}/schedules/replan`` replans a stored version (the
latest by default) and keeps the answer as a new version; the page
``/productions/{slug}/schedules/replan`` asks for the same event in a form.
The replan runs within the request, up to the service's time cap.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from mosaico.errors import MosaicoError
from mosaico.services import productions
from mosaico.services import replan as replans
from mosaico.services import schedule as schedules
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.render import render
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["schedule"], responses=ERRORS)

EventKind = Literal["suspension", "actor-unavailable", "location-lost", "strike", "split-units"]


class ReplanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    event: EventKind
    from_date: dt.date | None = Field(
        default=None, alias="from", description="Suspension, location lost, split: first day."
    )
    to: dt.date | None = Field(default=None, description="Suspension: the last day.")
    health_protocols: bool = Field(default=False, description="Suspension: headcount caps.")
    cast: str | None = Field(default=None, max_length=200, description="A character's name.")
    dates: list[dt.date] = Field(default=[], max_length=366, description="Actor unavailable.")
    location: str | None = Field(default=None, max_length=200, description="Location or set.")
    replacement: str | None = Field(default=None, max_length=200)
    day: dt.date | None = Field(default=None, alias="date", description="Strike: the day lost.")
    units: int | None = Field(default=None, ge=1, le=10, description="Split: how many units.")
    advance_unit: bool = False
    today: dt.date | None = Field(
        default=None, description="Scenes before this date are shot (default: today)."
    )
    version: int | None = Field(default=None, ge=1, description="Default: the latest.")
    time_limit: float = Field(
        default=10.0, gt=0, description=f"At most {schedules.MAX_TIME_LIMIT:g} s."
    )
    label: str = Field(default="", max_length=200)

    def request(self) -> replans.EventRequest:
        return replans.EventRequest(
            kind=self.event,
            start=self.from_date,
            end=self.to,
            health_protocols=self.health_protocols,
            cast=self.cast,
            dates=tuple(self.dates),
            location=self.location,
            replacement=self.replacement,
            day=self.day,
            units=self.units,
            advance_unit=self.advance_unit,
        )


class StabilityOut(BaseModel):
    share: float = Field(description="Unchanged over unaffected days (1.0 when none).")
    unaffected_days: int
    unchanged_days: int


class MovedOut(BaseModel):
    strip: str
    expected: dt.date | None = Field(description="Its date carried through the event.")
    after: dt.date


class UnitDayOut(BaseModel):
    date: dt.date
    strips: list[str]


class UnitOut(BaseModel):
    unit: str
    days: list[UnitDayOut]


class ReplanOut(BaseModel):
    version: int = Field(description="The new version (kind replan).")
    parent: int
    event: dict[str, Any]
    stability: StabilityOut
    cost_before: int
    cost_after: int
    moved: list[MovedOut]
    changed_days: list[dt.date]
    explanation: list[str]
    seconds: float
    units: list[UnitOut]


def _out(done: replans.ReplanResult) -> ReplanOut:
    result = done.replan
    figure = result.stability
    event = {
        k: v
        for k, v in (done.version.event or {}).items()
        if k not in ("stability", "unit_schedules", "explanation", "changed_days")
    }
    units = result.units.units if result.units is not None else ()
    return ReplanOut(
        version=done.version.number,
        parent=done.parent,
        event=event,
        stability=StabilityOut(
            share=figure.share,
            unaffected_days=figure.unaffected_days,
            unchanged_days=figure.unchanged_days,
        ),
        cost_before=result.cost_before,
        cost_after=result.cost_after,
        moved=[MovedOut(strip=s, expected=a, after=b) for s, a, b in result.moved],
        changed_days=list(result.changed_days),
        explanation=list(result.explanation),
        seconds=result.seconds,
        units=[
            UnitOut(
                unit=u.unit.name,
                days=[UnitDayOut(date=d.date, strips=list(d.strips)) for d in u.schedule.days],
            )
            for u in units
        ],
    )


@api.post(
    "/{slug}/schedules/replan",
    response_model=ReplanOut,
    status_code=201,
    summary="Replan after an event and keep the answer as a new version",
)
def replan(slug: str, body: ReplanIn, workspace: WorkspaceDep) -> ReplanOut:
    # No request transaction: the service reads, replans outside, then saves.
    done = replans.replan_schedule(
        workspace,
        slug,
        body.request(),
        today=body.today,
        version=body.version,
        time_limit=body.time_limit,
        label=body.label,
    )
    return _out(done)


PAGE = "/productions/{slug}/schedules/replan"


@router.get(PAGE, response_class=HTMLResponse, include_in_schema=False)
def replan_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    return render(
        request,
        "schedule_replan.html",
        default_language=info.language,
        production=info,
        versions=schedules.list_versions(session, slug),
        result=None,
        error=None,
        form={},
    )


@router.post(PAGE, response_class=HTMLResponse, include_in_schema=False)
def replan_form(
    request: Request,
    slug: str,
    workspace: WorkspaceDep,
    event: Annotated[str, Form(max_length=40)],
    from_date: Annotated[str, Form(max_length=10)] = "",
    to: Annotated[str, Form(max_length=10)] = "",
    health_protocols: Annotated[bool, Form()] = False,
    cast: Annotated[str, Form(max_length=200)] = "",
    dates: Annotated[str, Form(max_length=4000)] = "",
    location: Annotated[str, Form(max_length=200)] = "",
    strike_date: Annotated[str, Form(max_length=10)] = "",
    units: Annotated[int | None, Form(ge=1, le=10)] = None,
    advance_unit: Annotated[bool, Form()] = False,
    today: Annotated[str, Form(max_length=10)] = "",
    time_limit: Annotated[float, Form(gt=0)] = 10.0,
) -> HTMLResponse:
    form = {
        "event": event,
        "from_date": from_date,
        "to": to,
        "health_protocols": health_protocols,
        "cast": cast,
        "dates": dates,
        "location": location,
        "strike_date": strike_date,
        "units": units or "",
        "advance_unit": advance_unit,
        "today": today,
        "time_limit": time_limit,
    }
    result: ReplanOut | None = None
    error: str | None = None
    status = 201
    try:
        parsed = {
            "from": replans.parse_dates([from_date], "from"),
            "to": replans.parse_dates([to], "to"),
            "date": replans.parse_dates([strike_date], "date"),
            "today": replans.parse_dates([today], "today"),
        }
        request_ = replans.EventRequest(
            kind=event,
            start=parsed["from"][0] if parsed["from"] else None,
            end=parsed["to"][0] if parsed["to"] else None,
            health_protocols=health_protocols,
            cast=cast or None,
            dates=replans.parse_dates([dates], "dates"),
            location=location or None,
            day=parsed["date"][0] if parsed["date"] else None,
            units=units,
            advance_unit=advance_unit,
        )
        done = replans.replan_schedule(
            workspace,
            slug,
            request_,
            today=parsed["today"][0] if parsed["today"] else None,
            time_limit=time_limit,
        )
        result = _out(done)
    except MosaicoError as exc:
        error, status = str(exc), exc.status_code
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name=slug)
        versions = schedules.list_versions(session, slug)
    return render(
        request,
        "schedule_replan.html",
        status_code=status,
        default_language=info.language,
        production=info,
        versions=versions,
        result=result,
        error=error,
        form=form,
    )
