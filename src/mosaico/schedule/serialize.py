"""Schedule problems and schedules as plain JSON-able dicts, and back.

The store keeps a snapshot of every problem solved and every schedule found,
so a version can be shown, compared or replanned later exactly as it was.
Dates are ISO strings, sets become sorted lists, and reading back gives
objects equal to the ones written. Reading is strict: a value of the wrong
kind is a ``ValidationError`` naming where it sits (``strips[3].eighths``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from mosaico.errors import ValidationError
from mosaico.schedule.model import (
    Calendar,
    CastMember,
    DayOff,
    Location,
    Precedence,
    Rules,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Status,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay

T = TypeVar("T")
Json = dict[str, Any]

# --- writing ------------------------------------------------------------------------


def _dates(days: frozenset[date]) -> list[str]:
    return [day.isoformat() for day in sorted(days)]


def strip_to_dict(strip: Strip) -> Json:
    return {
        "scene_id": strip.scene_id,
        "eighths": strip.eighths,
        "set_name": strip.set_name,
        "location": strip.location,
        "int_ext": strip.int_ext.value,
        "time": strip.time.value,
        "script_day": strip.script_day,
        "episode": strip.episode,
        "cast": list(strip.cast),
        "background": strip.background,
        "elements": list(strip.elements),
        "hours": strip.hours,
    }


def cast_to_dict(member: CastMember) -> Json:
    return {
        "id": member.id,
        "name": member.name,
        "cost_per_day": member.cost_per_day,
        "unavailable": _dates(member.unavailable),
        "max_consecutive_days": member.max_consecutive_days,
    }


def location_to_dict(place: Location) -> Json:
    return {
        "id": place.id,
        "city": place.city,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "unavailable": _dates(place.unavailable),
    }


def day_off_to_dict(off: DayOff) -> Json:
    return {
        "start": off.start.isoformat(),
        "reason": off.reason,
        "end": off.end.isoformat() if off.end is not None else None,
    }


def calendar_to_dict(calendar: Calendar) -> Json:
    return {
        "start": calendar.start.isoformat(),
        "work_days": calendar.work_days,
        "weekly_days_off": sorted(calendar.weekly_days_off),
        "country": calendar.country,
        "subdivision": calendar.subdivision,
        "days_off": [day_off_to_dict(off) for off in calendar.days_off],
    }


def rules_to_dict(rules: Rules) -> Json:
    return {
        "max_hours_per_day": rules.max_hours_per_day,
        "target_eighths_per_day": rules.target_eighths_per_day,
        "max_company_moves_per_day": rules.max_company_moves_per_day,
        "turnaround_hours": rules.turnaround_hours,
        "fixed_dates": {scene: when.isoformat() for scene, when in rules.fixed_dates.items()},
        "must_precede": [[p.before, p.after] for p in rules.must_precede],
        "same_day": [list(group) for group in rules.same_day],
    }


def weights_to_dict(weights: Weights) -> Json:
    return {
        "cast_holding": weights.cast_holding,
        "shoot_day": weights.shoot_day,
        "company_move": weights.company_move,
        "day_night_switch": weights.day_night_switch,
        "under_filled_eighth": weights.under_filled_eighth,
        "over_filled_eighth": weights.over_filled_eighth,
    }


def problem_to_dict(problem: ScheduleProblem) -> Json:
    return {
        "strips": [strip_to_dict(s) for s in problem.strips],
        "cast": [cast_to_dict(c) for c in problem.cast],
        "locations": [location_to_dict(p) for p in problem.locations],
        "calendar": calendar_to_dict(problem.calendar),
        "rules": rules_to_dict(problem.rules),
        "weights": weights_to_dict(problem.weights),
    }


def day_to_dict(day: ShootDay) -> Json:
    return {
        "number": day.number,
        "date": day.date.isoformat(),
        "strips": list(day.strips),
        "eighths": day.eighths,
        "hours": day.hours,
        "locations": list(day.locations),
    }


def schedule_to_dict(schedule: Schedule) -> Json:
    return {
        "days": [day_to_dict(d) for d in schedule.days],
        "cost": {term.value: amount for term, amount in schedule.cost.items()},
        "lower_bound": schedule.lower_bound,
        "status": schedule.status.value,
        "seconds": schedule.seconds,
        "first_feasible_seconds": schedule.first_feasible_seconds,
        "details": [[name, amount] for name, amount in schedule.details],
    }


# --- reading ------------------------------------------------------------------------


def _get(data: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise ValidationError(where, "expected an object")
    if key not in data:
        raise ValidationError(f"{where}.{key}" if where else key, "is missing")
    return data[key]


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def read_int(value: Any, where: str) -> int:
    # bool is an int in Python; a JSON true is not a number of days.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(where, f"expected a whole number, got {value!r:.60}")
    return value


def read_float(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(where, f"expected a number, got {value!r:.60}")
    return float(value)


def read_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(where, f"expected text, got {value!r:.60}")
    return value


def _opt(value: Any, read: Callable[[Any, str], T], where: str) -> T | None:
    return None if value is None else read(value, where)


def read_date(value: Any, where: str) -> date:
    """An ISO date (``2027-03-01``); anything else names ``where``."""
    if isinstance(value, date):
        return value
    text = read_str(value, where)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(where, f"expected a date YYYY-MM-DD, got {text[:40]!r}") from exc


def read_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise ValidationError(where, f"expected a list, got {value!r:.60}")
    return list(value)


def _items(value: Any, read: Callable[[Any, str], T], where: str) -> list[T]:
    return [read(item, f"{where}[{i}]") for i, item in enumerate(read_list(value, where))]


def _date_set(value: Any, where: str) -> frozenset[date]:
    return frozenset(_items(value, read_date, where))


def _enum(kind: type[Any], value: Any, where: str) -> Any:
    try:
        return kind(read_str(value, where))
    except ValueError as exc:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ValidationError(where, f"{value!r:.40} is not one of {allowed}") from exc


def strip_from_dict(data: Any, where: str = "strip") -> Strip:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return Strip(
        scene_id=read_str(get("scene_id"), _path(where, "scene_id")),
        eighths=read_int(get("eighths"), _path(where, "eighths")),
        set_name=read_str(get("set_name"), _path(where, "set_name")),
        location=read_str(get("location"), _path(where, "location")),
        int_ext=_enum(IntExt, get("int_ext"), _path(where, "int_ext")),
        time=_enum(TimeOfDay, get("time"), _path(where, "time")),
        script_day=read_int(get("script_day"), _path(where, "script_day")),
        episode=read_int(get("episode"), _path(where, "episode")),
        cast=tuple(_items(get("cast"), read_str, _path(where, "cast"))),
        background=read_int(get("background"), _path(where, "background")),
        elements=tuple(_items(get("elements"), read_str, _path(where, "elements"))),
        hours=_opt(get("hours"), read_float, _path(where, "hours")),
    )


def cast_from_dict(data: Any, where: str = "cast") -> CastMember:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return CastMember(
        id=read_str(get("id"), _path(where, "id")),
        name=read_str(get("name"), _path(where, "name")),
        cost_per_day=read_int(get("cost_per_day"), _path(where, "cost_per_day")),
        unavailable=_date_set(get("unavailable"), _path(where, "unavailable")),
        max_consecutive_days=_opt(
            get("max_consecutive_days"), read_int, _path(where, "max_consecutive_days")
        ),
    )


def location_from_dict(data: Any, where: str = "location") -> Location:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return Location(
        id=read_str(get("id"), _path(where, "id")),
        city=read_str(get("city"), _path(where, "city")),
        latitude=read_float(get("latitude"), _path(where, "latitude")),
        longitude=read_float(get("longitude"), _path(where, "longitude")),
        unavailable=_date_set(get("unavailable"), _path(where, "unavailable")),
    )


def day_off_from_dict(data: Any, where: str = "day_off") -> DayOff:
    return DayOff(
        start=read_date(_get(data, "start", where), _path(where, "start")),
        reason=read_str(_get(data, "reason", where), _path(where, "reason")),
        end=_opt(_get(data, "end", where), read_date, _path(where, "end")),
    )


def calendar_from_dict(data: Any, where: str = "calendar") -> Calendar:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return Calendar(
        start=read_date(get("start"), _path(where, "start")),
        work_days=read_int(get("work_days"), _path(where, "work_days")),
        weekly_days_off=frozenset(
            _items(get("weekly_days_off"), read_int, _path(where, "weekly_days_off"))
        ),
        country=_opt(get("country"), read_str, _path(where, "country")),
        subdivision=_opt(get("subdivision"), read_str, _path(where, "subdivision")),
        days_off=tuple(_items(get("days_off"), day_off_from_dict, _path(where, "days_off"))),
    )


def _pair(value: Any, where: str) -> Precedence:
    items = _items(value, read_str, where)
    if len(items) != 2:
        raise ValidationError(where, "expected [before, after]")
    return Precedence(before=items[0], after=items[1])


def _group(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_items(value, read_str, where))


def rules_from_dict(data: Any, where: str = "rules") -> Rules:
    def get(key: str) -> Any:
        return _get(data, key, where)

    fixed = get("fixed_dates")
    if not isinstance(fixed, Mapping):
        raise ValidationError(_path(where, "fixed_dates"), "expected an object scene -> date")
    return Rules(
        max_hours_per_day=read_float(get("max_hours_per_day"), _path(where, "max_hours_per_day")),
        target_eighths_per_day=read_int(
            get("target_eighths_per_day"), _path(where, "target_eighths_per_day")
        ),
        max_company_moves_per_day=read_int(
            get("max_company_moves_per_day"), _path(where, "max_company_moves_per_day")
        ),
        turnaround_hours=read_float(get("turnaround_hours"), _path(where, "turnaround_hours")),
        fixed_dates={
            read_str(scene, _path(where, "fixed_dates")): read_date(
                when, f"{_path(where, 'fixed_dates')}.{scene}"
            )
            for scene, when in fixed.items()
        },
        must_precede=tuple(_items(get("must_precede"), _pair, _path(where, "must_precede"))),
        same_day=tuple(_items(get("same_day"), _group, _path(where, "same_day"))),
    )


WEIGHT_NAMES = (
    "cast_holding",
    "shoot_day",
    "company_move",
    "day_night_switch",
    "under_filled_eighth",
    "over_filled_eighth",
)


def weights_from_dict(data: Any, where: str = "weights") -> Weights:
    values = {name: read_int(_get(data, name, where), _path(where, name)) for name in WEIGHT_NAMES}
    for name, value in values.items():
        if value < 0:
            raise ValidationError(_path(where, name), f"a weight cannot be negative, got {value}")
    return Weights(**values)


def problem_from_dict(data: Any, where: str = "") -> ScheduleProblem:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return ScheduleProblem(
        strips=tuple(_items(get("strips"), strip_from_dict, _path(where, "strips"))),
        cast=tuple(_items(get("cast"), cast_from_dict, _path(where, "cast"))),
        locations=tuple(_items(get("locations"), location_from_dict, _path(where, "locations"))),
        calendar=calendar_from_dict(get("calendar"), _path(where, "calendar")),
        rules=rules_from_dict(get("rules"), _path(where, "rules")),
        weights=weights_from_dict(get("weights"), _path(where, "weights")),
    )


def day_from_dict(data: Any, where: str = "day") -> ShootDay:
    def get(key: str) -> Any:
        return _get(data, key, where)

    return ShootDay(
        number=read_int(get("number"), _path(where, "number")),
        date=read_date(get("date"), _path(where, "date")),
        strips=tuple(_items(get("strips"), read_str, _path(where, "strips"))),
        eighths=read_int(get("eighths"), _path(where, "eighths")),
        hours=read_float(get("hours"), _path(where, "hours")),
        locations=tuple(_items(get("locations"), read_str, _path(where, "locations"))),
    )


def _detail(value: Any, where: str) -> tuple[str, int]:
    items = read_list(value, where)
    if len(items) != 2:
        raise ValidationError(where, "expected [name, amount]")
    return read_str(items[0], f"{where}[0]"), read_int(items[1], f"{where}[1]")


def schedule_from_dict(data: Any, where: str = "") -> Schedule:
    def get(key: str) -> Any:
        return _get(data, key, where)

    cost = get("cost")
    if not isinstance(cost, Mapping):
        raise ValidationError(_path(where, "cost"), "expected an object term -> amount")
    return Schedule(
        days=tuple(_items(get("days"), day_from_dict, _path(where, "days"))),
        cost={
            _enum(Term, term, _path(where, "cost")): read_int(
                amount, f"{_path(where, 'cost')}.{term}"
            )
            for term, amount in cost.items()
        },
        lower_bound=read_int(get("lower_bound"), _path(where, "lower_bound")),
        status=_enum(Status, get("status"), _path(where, "status")),
        seconds=read_float(get("seconds"), _path(where, "seconds")),
        first_feasible_seconds=_opt(
            get("first_feasible_seconds"), read_float, _path(where, "first_feasible_seconds")
        ),
        details=tuple(_items(get("details"), _detail, _path(where, "details"))),
    )
