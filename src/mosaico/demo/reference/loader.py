"""Reading ``production.yaml`` into a ``ReferenceProduction``, checking every key on the way.

A wrong or missing value raises ``ValidationError`` whose field is the key's path,
e.g. ``cast.professional[1].character``; an unknown key is refused too, so a typo
cannot silently drop a fact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from mosaico.demo.reference.model import (
    CastCredit,
    Casting,
    Credit,
    PartialDate,
    Premiere,
    ReferenceEpisode,
    ReferenceProduction,
    Research,
    Setting,
    Shoot,
    ShootingCity,
    Source,
)
from mosaico.errors import ValidationError

MAX_BYTES = 1024 * 1024
_PARTS = ("early", "mid", "late")
T = TypeVar("T")


class _Map:
    """A YAML mapping that remembers where it sits, so errors name the full key."""

    def __init__(self, value: object, path: str, keys: tuple[str, ...]) -> None:
        if not isinstance(value, dict):
            raise ValidationError(
                path or "(top)", f"expected a mapping, got {type(value).__name__}"
            )
        self.value: dict[Any, Any] = value
        self.path = path
        for key in value:
            if key not in keys:
                raise ValidationError(
                    self.at(str(key)), f"unknown key (expected one of {', '.join(keys)})"
                )

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type[T], *, optional: bool = False) -> T:
        if key not in self.value or self.value[key] is None:
            if optional:
                return None  # type: ignore[return-value]
            raise ValidationError(self.at(key), "missing")
        value = self.value[key]
        # YAML reads 2019 as int and 2020-03-09 as date; a bool is not an int here.
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(self.at(key), f"expected a whole number, got {value!r}")
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind):
            raise ValidationError(self.at(key), f"expected {kind.__name__}, got {value!r}")
        if isinstance(value, str) and not value.strip():
            raise ValidationError(self.at(key), "must not be empty")
        return value

    def names(self, key: str) -> tuple[str, ...]:
        items = self.get(key, list)
        if not items:
            raise ValidationError(self.at(key), "must list at least one name")
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(f"{self.at(key)}[{i}]", f"expected a name, got {item!r}")
        return tuple(items)

    def each(self, key: str, keys: tuple[str, ...]) -> list[_Map]:
        items = self.get(key, list)
        return [_Map(item, f"{self.at(key)}[{i}]", keys) for i, item in enumerate(items)]

    def child(self, key: str, keys: tuple[str, ...]) -> _Map:
        return _Map(self.get(key, dict), self.at(key), keys)


def _partial(m: _Map) -> PartialDate:
    year = m.get("year", int)
    month = m.get("month", int, optional=True)
    part = m.get("part", str, optional=True)
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(m.at("month"), f"expected 1 to 12, got {month}")
    if part is not None and part not in _PARTS:
        raise ValidationError(m.at("part"), f"expected one of {', '.join(_PARTS)}, got {part!r}")
    return PartialDate(year, month, part)


def _positive(m: _Map, key: str) -> int:
    value = m.get(key, int)
    if value <= 0:
        raise ValidationError(m.at(key), f"must be above 0, got {value}")
    return value


def _credits(m: _Map, key: str) -> tuple[Credit, ...]:
    return tuple(
        Credit(c.get("role", str), c.names("names")) for c in m.each(key, ("role", "names"))
    )


def _cast(m: _Map) -> tuple[CastCredit, ...]:
    credits = []
    for professional, key in ((False, "non_professional"), (True, "professional")):
        for order, c in enumerate(m.each(key, ("actor", "character")), start=1):
            credits.append(
                CastCredit(order, c.get("actor", str), c.get("character", str), professional)
            )
    actors = [c.actor for c in credits]
    for actor in actors:
        if actors.count(actor) > 1:
            raise ValidationError("cast", f"{actor!r} is listed twice")
    return tuple(credits)


def _episodes(m: _Map) -> tuple[ReferenceEpisode, ...]:
    episodes = tuple(
        ReferenceEpisode(
            e.get("number", int),
            _positive(e, "minutes"),
            e.get("approximate", bool),
            e.names("directors"),
        )
        for e in m.each("episodes", ("number", "minutes", "approximate", "directors"))
    )
    if [e.number for e in episodes] != list(range(1, len(episodes) + 1)):
        raise ValidationError("episodes", "numbers must run 1, 2, 3… in order")
    return episodes


def _shoot(m: _Map) -> Shoot:
    city_keys = ("name", "region", "country", "latitude", "longitude", "note")
    cities = tuple(
        ShootingCity(
            c.get("name", str),
            c.get("region", str),
            c.get("country", str),
            c.get("latitude", float),
            c.get("longitude", float),
            c.get("note", str, optional=True),
        )
        for c in m.each("cities", city_keys)
    )
    start_keys = ("year", "month", "part")
    shoot = Shoot(
        start=_partial(m.child("start", start_keys)),
        base_city=m.get("base_city", str),
        timezone=m.get("timezone", str),
        cities=cities,
        strike_day=m.get("strike_day", date),
        suspended=_partial(m.child("suspended", start_keys)),
        resumed=_partial(m.child("resumed", start_keys)),
        crew_size=_positive(m, "crew_size"),
        last_week_units=_positive(m, "last_week_units"),
        last_week_destination=m.get("last_week_destination", str),
    )
    try:
        ZoneInfo(shoot.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(m.at("timezone"), f"{shoot.timezone!r} is not a time zone") from exc
    if shoot.base_city not in {c.name for c in cities}:
        raise ValidationError(m.at("base_city"), f"{shoot.base_city!r} is not among the cities")
    return shoot


_TOP = (
    "title", "format", "platform", "language", "premiere", "based_on", "setting", "created_by",
    "writers", "executive_producers", "co_executive_producers", "production_company",
    "in_association_with", "research", "episodes", "storylines", "crew", "other_crew", "casting",
    "shoot", "cast",
)  # fmt: skip


def parse_reference(data: object) -> ReferenceProduction:
    """Check an already-read YAML document and build the dataclasses."""
    top = _Map(data, "", _TOP)
    premiere = top.child("premiere", ("date", "countries_min"))
    based_on = top.child("based_on", ("title", "author", "outlet"))
    setting = top.child(
        "setting",
        ("town", "region", "country", "year", "month", "population_approx", "border_city",
         "border_drive_minutes"),
    )  # fmt: skip
    research = top.child(
        "research", ("consultant", "years", "writers_room_city", "rights_acquired_year")
    )
    casting = top.child("casting", ("interviews_min", "calls", "professional_casting_city"))
    shoot = top.child(
        "shoot",
        ("start", "base_city", "timezone", "cities", "strike_day", "suspended", "resumed",
         "crew_size", "last_week_units", "last_week_destination"),
    )  # fmt: skip
    return ReferenceProduction(
        title=top.get("title", str),
        format=top.get("format", str),
        platform=top.get("platform", str),
        language=top.get("language", str),
        premiere=Premiere(premiere.get("date", date), _positive(premiere, "countries_min")),
        based_on=Source(
            based_on.get("title", str), based_on.get("author", str), based_on.get("outlet", str)
        ),
        setting=Setting(
            town=setting.get("town", str),
            region=setting.get("region", str),
            country=setting.get("country", str),
            year=setting.get("year", int),
            month=setting.get("month", int),
            population_approx=_positive(setting, "population_approx"),
            border_city=setting.get("border_city", str),
            border_drive_minutes=_positive(setting, "border_drive_minutes"),
        ),
        created_by=top.names("created_by"),
        writers=top.names("writers"),
        executive_producers=top.names("executive_producers"),
        co_executive_producers=top.names("co_executive_producers"),
        production_company=top.get("production_company", str),
        in_association_with=top.get("in_association_with", str),
        research=Research(
            research.get("consultant", str),
            _positive(research, "years"),
            research.get("writers_room_city", str),
            research.get("rights_acquired_year", int),
        ),
        episodes=_episodes(top),
        storylines=top.names("storylines"),
        crew=_credits(top, "crew"),
        other_crew=_credits(top, "other_crew"),
        casting=Casting(
            _positive(casting, "interviews_min"),
            casting.names("calls"),
            casting.get("professional_casting_city", str),
        ),
        shoot=_shoot(shoot),
        cast=_cast(top.child("cast", ("non_professional", "professional"))),
    )


def _read(loader: Callable[[], bytes], name: str) -> object:
    raw = loader()
    if len(raw) > MAX_BYTES:
        raise ValidationError(name, f"{len(raw):,} bytes is over the limit of {MAX_BYTES:,}")
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValidationError(name, f"not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ValidationError(
            name, f"not valid YAML: {where}{getattr(exc, 'problem', exc)}"
        ) from exc


def load_reference(path: Path | None = None) -> ReferenceProduction:
    """The reference production from ``path``, or from the ``production.yaml`` shipped here."""
    if path is None:
        resource = files("mosaico.demo.reference") / "production.yaml"
        return parse_reference(_read(resource.read_bytes, "production.yaml"))
    return parse_reference(_read(path.read_bytes, str(path)))
