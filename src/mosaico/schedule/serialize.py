"""Schedule problems and schedules as plain JSON-able dicts, and back.

The store keeps a snapshot of every problem solved and every schedule found,
so a version can be shown, compared or replanned later exactly as it was.
Dates are ISO strings, sets become sorted lists, and reading back gives
objects equal to the ones written.

Both directions follow the model's dataclass fields and their types, so a
field the model gains is carried without a change here, and a snapshot
stored before it existed still reads (the field takes its default). Reading
is strict about values: one of the wrong kind is a ``ValidationError``
naming where it sits (``strips[3].eighths``, ``calendar.days_off[0].reason``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

from mosaico.errors import ValidationError
from mosaico.schedule.model import (
    Calendar,
    CastMember,
    DayOff,
    Location,
    Rules,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Strip,
    Weights,
)

T = TypeVar("T")
Json = dict[str, Any]


@cache
def _fields(cls: type) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


# --- writing ------------------------------------------------------------------------


def to_plain(value: Any) -> Any:
    """Any model value as JSON-able data: dataclasses as objects, dates ISO, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f, _ in _fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return [to_plain(item) for item in sorted(value)]
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(to_plain(key)): to_plain(item) for key, item in value.items()}
    return value


def strip_to_dict(strip: Strip) -> Json:
    return dict(to_plain(strip))


def cast_to_dict(member: CastMember) -> Json:
    return dict(to_plain(member))


def location_to_dict(place: Location) -> Json:
    return dict(to_plain(place))


def day_off_to_dict(off: DayOff) -> Json:
    return dict(to_plain(off))


def calendar_to_dict(calendar: Calendar) -> Json:
    return dict(to_plain(calendar))


def rules_to_dict(rules: Rules) -> Json:
    return dict(to_plain(rules))


def weights_to_dict(weights: Weights) -> Json:
    return dict(to_plain(weights))


def problem_to_dict(problem: ScheduleProblem) -> Json:
    return dict(to_plain(problem))


def day_to_dict(day: ShootDay) -> Json:
    return dict(to_plain(day))


def schedule_to_dict(schedule: Schedule) -> Json:
    return dict(to_plain(schedule))


# --- reading ------------------------------------------------------------------------


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


def read_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(where, f"expected true or false, got {value!r:.60}")
    return value


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


def _enum(kind: type[Enum], value: Any, where: str) -> Any:
    try:
        return kind(read_str(value, where))
    except ValueError as exc:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ValidationError(where, f"{value!r:.40} is not one of {allowed}") from exc


_SCALARS: dict[Any, Any] = {
    int: read_int,
    float: read_float,
    str: read_str,
    bool: read_bool,
    date: read_date,
}


def from_plain(kind: Any, value: Any, where: str) -> Any:
    """Read ``value`` as the type ``kind`` (a model dataclass or a field's type)."""
    if kind in _SCALARS:
        return _SCALARS[kind](value, where)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind, value, where)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, value, where)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None and len(options) < len(args):
            return None
        if len(options) == 1:
            return from_plain(options[0], value, where)
        raise TypeError(f"no reader for {kind}")  # the model has no other unions
    if origin is tuple:
        items = read_list(value, where)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item, f"{where}[{i}]") for i, item in enumerate(items))
        if len(items) != len(args):
            raise ValidationError(where, f"expected {len(args)} items, got {len(items)}")
        return tuple(
            from_plain(arg, item, f"{where}[{i}]")
            for i, (arg, item) in enumerate(zip(args, items, strict=True))
        )
    if origin in (frozenset, set):
        items = read_list(value, where)
        return frozenset(from_plain(args[0], item, f"{where}[{i}]") for i, item in enumerate(items))
    if origin in (Mapping, dict):
        if not isinstance(value, Mapping):
            raise ValidationError(where, "expected an object")
        return {
            from_plain(args[0], key, where): from_plain(args[1], item, f"{where}.{key}")
            for key, item in value.items()
        }
    raise TypeError(f"no reader for {kind}")


def _dataclass(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, Mapping):
        raise ValidationError(where or "data", "expected an object")
    values: dict[str, Any] = {}
    for f, kind in _fields(cls):  # type: ignore[arg-type]  # a dataclass type hashes
        if f.name in data:
            values[f.name] = from_plain(kind, data[f.name], _path(where, f.name))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValidationError(_path(where, f.name), "is missing")
    return cls(**values)


def strip_from_dict(data: Any, where: str = "strip") -> Strip:
    return _dataclass(Strip, data, where)


def cast_from_dict(data: Any, where: str = "cast") -> CastMember:
    return _dataclass(CastMember, data, where)


def location_from_dict(data: Any, where: str = "location") -> Location:
    return _dataclass(Location, data, where)


def day_off_from_dict(data: Any, where: str = "day_off") -> DayOff:
    return _dataclass(DayOff, data, where)


def calendar_from_dict(data: Any, where: str = "calendar") -> Calendar:
    return _dataclass(Calendar, data, where)


def rules_from_dict(data: Any, where: str = "rules") -> Rules:
    return _dataclass(Rules, data, where)


WEIGHT_NAMES = tuple(f.name for f, _ in _fields(Weights))


def _check_weights(weights: Weights, where: str) -> Weights:
    for name in WEIGHT_NAMES:
        value = getattr(weights, name)
        if value < 0:
            raise ValidationError(_path(where, name), f"a weight cannot be negative, got {value}")
    return weights


def weights_from_dict(data: Any, where: str = "weights") -> Weights:
    return _check_weights(_dataclass(Weights, data, where), where)


def problem_from_dict(data: Any, where: str = "") -> ScheduleProblem:
    problem = _dataclass(ScheduleProblem, data, where)
    _check_weights(problem.weights, _path(where, "weights"))
    return problem


def day_from_dict(data: Any, where: str = "day") -> ShootDay:
    return _dataclass(ShootDay, data, where)


def schedule_from_dict(data: Any, where: str = "") -> Schedule:
    return _dataclass(Schedule, data, where)
