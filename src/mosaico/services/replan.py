"""Replanning a stored schedule after an event on the shoot.

``replan_schedule`` reads a schedule version (the latest by default) with the
problem it was solved from, turns the request into an event (names of cast
and locations as the 1st AD types them), replans outside any transaction and
keeps the answer as a new version of kind "replan". The event, the stability
figure, the cost before and after, the explanation and — after a split — each
unit's schedule are stored with it in the version's event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mosaico.errors import ValidationError
from mosaico.schedule import serialize as ser
from mosaico.schedule.model import Schedule, ScheduleProblem
from mosaico.schedule.replan import (
    ActorUnavailable,
    Event,
    LocationLost,
    Replan,
    SplitUnits,
    StrikeDay,
    Suspension,
    event_to_dict,
    ghost_units,
    replan,
)
from mosaico.schedule.units import UnitSpec, unit_problem
from mosaico.screenplay.names import character_key
from mosaico.services.context import Workspace
from mosaico.services.schedule import (
    ScheduleVersionInfo,
    check_time_limit,
    get_version,
    save_version,
)

EVENT_KINDS = ("suspension", "actor-unavailable", "location-lost", "strike", "split-units")


@dataclass(frozen=True, slots=True)
class EventRequest:
    """What a user asks for, as the CLI options and the API body name it."""

    kind: str
    start: date | None = None  # suspension from, location lost from, split from
    end: date | None = None  # suspension to
    health_protocols: bool = False
    cast: str | None = None  # a character's name (or cast id)
    dates: tuple[date, ...] = ()
    location: str | None = None  # a location id or a set name
    replacement: str | None = None
    day: date | None = None  # strike
    units: int | None = None
    advance_unit: bool = False


@dataclass(frozen=True, slots=True)
class ReplanResult:
    version: ScheduleVersionInfo
    replan: Replan
    parent: int


def _need(value: Any, field: str, what: str) -> Any:
    if value is None or value == () or value == "":
        raise ValidationError(field, f"required for this event: {what}")
    return value


def _cast_id(problem: ScheduleProblem, name: str) -> str:
    wanted = character_key(name)
    for member in problem.cast:
        if member.id == name or character_key(member.name) == wanted:
            return member.id
    known = ", ".join(sorted(m.name for m in problem.cast)[:8])
    raise ValidationError("cast", f"no cast member {name!r} in this schedule (e.g. {known})")


def _location_id(problem: ScheduleProblem, name: str) -> str:
    for place in problem.locations:
        if place.id == name or place.id.casefold() == name.strip().casefold():
            return place.id
    for strip in problem.strips:
        if strip.set_name.casefold() == name.strip().casefold():
            return strip.location
    raise ValidationError("location", f"no location or set {name!r} in this schedule")


def to_event(request: EventRequest, problem: ScheduleProblem, current: Schedule) -> Event:
    """The pure event for ``request``; ``ValidationError`` naming the missing or bad field."""
    kind = request.kind
    if kind == "suspension":
        start = _need(request.start, "from", "the first day of the suspension")
        end = _need(request.end, "to", "the last day of the suspension")
        return Suspension(start, end, request.health_protocols)
    if kind == "actor-unavailable":
        name = _need(request.cast, "cast", "the character's name")
        days = _need(request.dates, "dates", "one or more dates")
        return ActorUnavailable(_cast_id(problem, name), frozenset(days))
    if kind == "location-lost":
        place = _need(request.location, "location", "the location lost")
        start = _need(request.start, "from", "the first day it cannot be used")
        replacement = (request.replacement or "").strip() or None
        return LocationLost(_location_id(problem, place), start, replacement)
    if kind == "strike":
        return StrikeDay(_need(request.day, "date", "the strike day"))
    if kind == "split-units":
        start = _need(request.start, "from", "the first day the units work")
        count = _need(request.units, "units", "how many units")
        units = ghost_units(problem, current, start, count, request.advance_unit)
        return SplitUnits(start, units, request.advance_unit)
    raise ValidationError("event", f"one of {', '.join(EVENT_KINDS)}; got {kind!r}")


def _stored_event(result: Replan, event: Event) -> dict[str, Any]:
    figure = result.stability
    data: dict[str, Any] = {
        **event_to_dict(event),
        "stability": {
            "share": figure.share,
            "unaffected_days": figure.unaffected_days,
            "unchanged_days": figure.unchanged_days,
            "moved_strips": list(figure.moved_strips),
        },
        "cost_before": result.cost_before,
        "cost_after": result.cost_after,
        "changed_days": [d.isoformat() for d in result.changed_days],
        "explanation": list(result.explanation),
        "seconds": result.seconds,
    }
    if result.units is not None:
        data["unit_schedules"] = [
            {
                "unit": unit.unit.name,
                "calendar": ser.problem_to_dict(unit.problem)["calendar"],
                "schedule": ser.schedule_to_dict(unit.schedule),
            }
            for unit in result.units.units
        ]
    return data


def replan_schedule(
    workspace: Workspace,
    production: str,
    request: EventRequest,
    *,
    today: date | None = None,
    version: int | None = None,
    time_limit: float = 10.0,
    label: str = "",
) -> ReplanResult:
    """Replan version ``version`` (the latest when ``None``) after the event and keep the answer.

    Scenes on days before ``today`` (the real date when not given) are shot
    and stay where they are. Nothing is stored when the event is refused or
    the replan finds no schedule.
    """
    check_time_limit(time_limit)
    today = today or date.today()
    with workspace.transaction() as session:
        base = get_version(session, production, version)
    event = to_event(request, base.problem, base.schedule)
    result = replan(base.problem, base.schedule, event, today, time_limit=time_limit)
    problem = result.problem
    if result.units is not None:
        # The version keeps the company's days; the units' schedules go with the event.
        kept = {s for day in result.schedule.days for s in day.strips}
        problem = unit_problem(problem, UnitSpec("company"), kept, {})
    with workspace.transaction() as session:
        saved = save_version(
            session,
            production,
            problem,
            result.schedule,
            kind="replan",
            label=label or _label(event),
            event=_stored_event(result, event),
            parent=base.number,
        )
    return ReplanResult(version=saved, replan=result, parent=base.number)


def _label(event: Event) -> str:
    text = event_to_dict(event)["kind"]
    return f"replan: {text}"


def parse_dates(values: Sequence[str], field: str) -> tuple[date, ...]:
    """ISO dates from the command line or a form, each checked; commas split a list too."""
    out = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            try:
                out.append(date.fromisoformat(part.strip()))
            except ValueError as exc:
                raise ValidationError(field, f"expected YYYY-MM-DD, got {part.strip()!r}") from exc
    return tuple(out)


def stored_units(version: ScheduleVersionInfo) -> list[Mapping[str, Any]]:
    """The units' schedules kept with a split replan (empty otherwise)."""
    event = version.event or {}
    units = event.get("unit_schedules")
    return list(units) if isinstance(units, list) else []
