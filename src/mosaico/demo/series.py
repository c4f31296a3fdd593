"""The demo series "Granizo": its bible, scripts, casting pool and crew, loaded and checked.

Everything is read from the data files in ``mosaico/demo/series/`` with
``importlib.resources``, so it works from a wheel as well as from a checkout.
The casting pool and the crew are drawn by a seeded generator from the name
lists in ``people.yaml``: the same people come back on every load.

``load_series()`` is pure (no database, no settings) and raises
``ValidationError`` naming the file and the field when a data file is wrong.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import yaml

from mosaico.errors import ValidationError
from mosaico.screenplay.model import IntExt
from mosaico.screenplay.names import character_key, fold

_PACKAGE = "mosaico.demo"
_FOLDER = "series"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ADULT_AGE = 18


class CallSource(StrEnum):
    """How a casting call reached a candidate."""

    COMMUNITY = "community"
    SOCIAL_MEDIA = "social_media"
    WORD_OF_MOUTH = "word_of_mouth"
    AGENCY = "agency"


class Consent(StrEnum):
    """What the people behind a research source allow."""

    GRANTED = "granted"
    ANONYMISED = "anonymised"
    WITHHELD = "withheld"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class Storyline:
    id: str
    name: str
    colour: str
    summary: str


@dataclass(frozen=True, slots=True)
class Character:
    cue: str
    name: str
    age: int
    region: str
    main: bool
    storylines: tuple[str, ...]
    profile: str

    @property
    def minor(self) -> bool:
        return self.age < ADULT_AGE


@dataclass(frozen=True, slots=True)
class ResearchSource:
    id: str
    kind: str
    title: str
    author: str
    date: date
    provenance: str
    consent: Consent
    storylines: tuple[str, ...]
    characters: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class City:
    id: str
    name: str
    shot_in: str
    country: str
    timezone: str
    lat: float
    lon: float
    hospital: str


@dataclass(frozen=True, slots=True)
class ShootingSet:
    """What a heading names, e.g. ``CASA DE LOS MEDINA - COCINA`` (no ``name``: the place)."""

    location_id: str
    name: str | None
    int_ext: IntExt
    heading: str


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    city: str
    heading: str
    lat: float
    lon: float
    sets: tuple[ShootingSet, ...]


@dataclass(frozen=True, slots=True)
class Episode:
    number: int
    title: str
    file: str
    minutes: int
    synopsis: str
    script: str


@dataclass(frozen=True, slots=True)
class Card:
    """An index card of the writers' room: a storyline's beat in one episode."""

    episode: int
    storyline: str
    scenes: tuple[int, ...]
    text: str
    colour: str


@dataclass(frozen=True, slots=True)
class Calendar:
    start: date
    weekly_days_off: tuple[int, ...]  # 0 = Monday, as date.weekday()
    holidays: tuple[tuple[date, str], ...]
    shoot_days_planned: int

    def is_day_off(self, day: date) -> bool:
        return day.weekday() in self.weekly_days_off or any(d == day for d, _ in self.holidays)


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    purpose: str


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    name: str
    age: int
    gender: str
    region: str
    professional: bool
    source: CallSource
    call: str
    guardian: str | None  # a minor comes with the adult who signs for them


@dataclass(frozen=True, slots=True)
class CrewMember:
    id: str
    name: str
    department: str
    position: str
    unit: str


@dataclass(frozen=True, slots=True)
class DemoSeries:
    title: str
    logline: str
    synopsis: str
    base_city: str
    storylines: tuple[Storyline, ...]
    characters: tuple[Character, ...]
    sources: tuple[ResearchSource, ...]
    cities: tuple[City, ...]
    locations: tuple[Location, ...]
    episodes: tuple[Episode, ...]
    cards: tuple[Card, ...]
    calendar: Calendar
    units: tuple[Unit, ...]
    candidates: tuple[Candidate, ...]
    crew: tuple[CrewMember, ...]

    @property
    def sets(self) -> tuple[ShootingSet, ...]:
        return tuple(s for location in self.locations for s in location.sets)

    def find_set(self, heading_set: str) -> ShootingSet | None:
        """The set a heading names (accents and case ignored), or None."""
        wanted = fold(heading_set)
        return next((s for s in self.sets if fold(s.heading) == wanted), None)

    def character(self, cue: str) -> Character | None:
        wanted = character_key(cue)
        return next((c for c in self.characters if character_key(c.cue) == wanted), None)


def _read_text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(_FOLDER, name).read_text(encoding="utf-8")


Reader = Callable[[str], str]
"""Reads a data file of the series by name (the package's files unless a test passes its own)."""


def _read_yaml(read: Reader, name: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(read(name))
    except (OSError, yaml.YAMLError) as exc:
        raise ValidationError(name, f"cannot be read as YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValidationError(name, "expected a mapping at the top level")
    return data


class _Fields:
    """Reads one mapping of a data file, naming ``file: path.field`` in every error."""

    def __init__(self, file: str, path: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise ValidationError(f"{file}: {path}", "expected a mapping")
        self.file, self.path, self.data = file, path, data

    def where(self, key: str) -> str:
        return f"{self.file}: {self.path}.{key}" if self.path else f"{self.file}: {key}"

    def text(self, key: str, *, optional: bool = False) -> str:
        value = self.data.get(key)
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(self.where(key), "expected non-empty text")
        return value.strip()

    def number(self, key: str, low: float, high: float) -> float:
        value = self.data.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise ValidationError(self.where(key), f"expected a number from {low} to {high}")
        return float(value)

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(self.where(key), f"expected a whole number from {low} to {high}")
        return value

    def ids(self, key: str, known: set[str]) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(self.where(key), "expected a list of names")
        for item in value:
            if item not in known:
                raise ValidationError(self.where(key), f"unknown {key[:-1]} {item!r}")
        return tuple(value)

    def day(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationError(self.where(key), "expected a date as YYYY-MM-DD") from exc

    def items(self, key: str) -> list[_Fields]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            raise ValidationError(self.where(key), "expected a non-empty list")
        prefix = f"{self.path}.{key}" if self.path else key
        return [_Fields(self.file, f"{prefix}[{i}]", v) for i, v in enumerate(value)]


def _unique(file: str, what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValidationError(f"{file}: {what}", f"{key!r} appears twice")
        seen.add(key)


def _storylines(bible: _Fields) -> tuple[Storyline, ...]:
    out = []
    for f in bible.items("storylines"):
        colour = f.text("colour")
        if not _COLOUR.match(colour):
            raise ValidationError(f.where("colour"), "expected a colour like #1a2b3c")
        out.append(Storyline(f.text("id"), f.text("name"), colour, f.text("summary")))
    _unique(bible.file, "storylines", [s.id for s in out])
    return tuple(out)


def _characters(bible: _Fields, storylines: set[str], regions: set[str]) -> tuple[Character, ...]:
    out = []
    for f in bible.items("characters"):
        region = f.text("region")
        if region not in regions:
            raise ValidationError(f.where("region"), f"unknown region {region!r}")
        out.append(
            Character(
                cue=f.text("cue"),
                name=f.text("name"),
                age=f.integer("age", 0, 110),
                region=region,
                main=f.data.get("main") is True,
                storylines=f.ids("storylines", storylines),
                profile=f.text("profile"),
            )
        )
    _unique(bible.file, "characters", [character_key(c.cue) for c in out])
    return tuple(out)


def _sources(bible: _Fields, storylines: set[str], cues: set[str]) -> tuple[ResearchSource, ...]:
    out = []
    for f in bible.items("research_sources"):
        consent = f.text("consent")
        if consent not in set(Consent):
            raise ValidationError(f.where("consent"), f"expected one of {', '.join(Consent)}")
        out.append(
            ResearchSource(
                id=f.text("id"),
                kind=f.text("kind"),
                title=f.text("title"),
                author=f.text("author"),
                date=f.day("date"),
                provenance=f.text("provenance"),
                consent=Consent(consent),
                storylines=f.ids("storylines", storylines),
                characters=f.ids("characters", cues),
                notes=f.text("notes"),
            )
        )
    _unique(bible.file, "research_sources", [s.id for s in out])
    return tuple(out)


def _cities(bible: _Fields) -> tuple[City, ...]:
    out = []
    for f in bible.items("cities"):
        zone = f.text("timezone")
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError(f.where("timezone"), f"unknown time zone {zone!r}") from exc
        out.append(
            City(
                id=f.text("id"),
                name=f.text("name"),
                shot_in=f.text("shot_in"),
                country=f.text("country"),
                timezone=zone,
                lat=f.number("lat", -90, 90),
                lon=f.number("lon", -180, 180),
                hospital=f.text("hospital"),
            )
        )
    _unique(bible.file, "cities", [c.id for c in out])
    return tuple(out)


def _locations(bible: _Fields, cities: set[str]) -> tuple[Location, ...]:
    out = []
    for f in bible.items("locations"):
        city, heading, loc_id = f.text("city"), f.text("heading"), f.text("id")
        if city not in cities:
            raise ValidationError(f.where("city"), f"unknown city {city!r}")
        sets = []
        for s in f.items("sets"):
            name = s.text("name", optional=True) or None
            int_ext = s.text("int_ext")
            if int_ext not in {"INT", "EXT", "INT/EXT"}:
                raise ValidationError(s.where("int_ext"), "expected INT, EXT or INT/EXT")
            full = f"{heading} - {name}" if name else heading
            sets.append(ShootingSet(loc_id, name, IntExt(int_ext), full))
        out.append(
            Location(
                loc_id,
                city,
                heading,
                f.number("lat", -90, 90),
                f.number("lon", -180, 180),
                tuple(sets),
            )
        )
    _unique(bible.file, "locations", [loc.id for loc in out])
    _unique(bible.file, "sets", [fold(s.heading) for loc in out for s in loc.sets])
    return tuple(out)


def _episodes(bible: _Fields, read: Reader) -> tuple[Episode, ...]:
    out = []
    for f in bible.items("episodes"):
        file = f.text("file")
        try:
            script = read(file)
        except OSError as exc:
            raise ValidationError(f.where("file"), f"script {file!r} is missing") from exc
        out.append(
            Episode(
                number=f.integer("number", 1, 99),
                title=f.text("title"),
                file=file,
                minutes=f.integer("minutes", 1, 240),
                synopsis=f.text("synopsis"),
                script=script,
            )
        )
    _unique(bible.file, "episodes", [str(e.number) for e in out])
    return tuple(out)


def _cards(
    bible: _Fields, storylines: dict[str, Storyline], episodes: set[int]
) -> tuple[Card, ...]:
    raw = bible.data.get("cards")
    if not isinstance(raw, dict):
        raise ValidationError(bible.where("cards"), "expected a mapping of episode to cards")
    out = []
    for episode, cards in raw.items():
        if episode not in episodes:
            raise ValidationError(bible.where(f"cards.{episode}"), "no such episode")
        holder = _Fields(bible.file, f"cards.{episode}", {"list": cards})
        for f in holder.items("list"):
            storyline = f.text("storyline")
            if storyline not in storylines:
                raise ValidationError(f.where("storyline"), f"unknown storyline {storyline!r}")
            scenes = f.data.get("scenes")
            if not isinstance(scenes, list) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in scenes
            ):
                raise ValidationError(f.where("scenes"), "expected a list of scene numbers")
            colour = f.text("colour", optional=True) or storylines[storyline].colour
            out.append(Card(episode, storyline, tuple(scenes), f.text("text"), colour))
    return tuple(out)


def _calendar(bible: _Fields) -> Calendar:
    f = _Fields(bible.file, "calendar", bible.data.get("calendar"))
    start = f.day("start")
    days_off = f.data.get("weekly_days_off")
    if not isinstance(days_off, list) or not all(d in _WEEKDAYS for d in days_off):
        raise ValidationError(f.where("weekly_days_off"), f"expected names from {_WEEKDAYS}")
    country = _Fields(bible.file, "calendar.holidays", f.data.get("holidays"))
    planned = f.integer("shoot_days_planned", 1, 1000)
    # The shoot may run into next year; holidays come from the package, never typed in.
    years = range(start.year, start.year + 2)
    try:
        table = holidays.country_holidays(
            country.text("country"), years=years, language=country.text("language")
        )
    except NotImplementedError as exc:
        raise ValidationError(country.where("country"), "unknown country code") from exc
    return Calendar(
        start=start,
        weekly_days_off=tuple(_WEEKDAYS.index(d) for d in days_off),
        holidays=tuple(sorted(table.items())),
        shoot_days_planned=planned,
    )


def _pick_name(rng: random.Random, names: dict[str, list[str]], region: str, gender: str) -> str:
    if region == "el_paso" and rng.random() < 0.5:
        first = names["us_female" if gender == "F" else "us_male"]
        last = names["us_surnames"] + names["mx_surnames"]
    elif region == "chihuahua" and rng.random() < 0.12:
        # The valley's Mennonite colonies (the series has a Mennonite family): one surname.
        first = names["mennonite_female" if gender == "F" else "mennonite_male"]
        return f"{rng.choice(first)} {rng.choice(names['mennonite_surnames'])}"
    else:
        first = names["mx_female" if gender == "F" else "mx_male"]
        last = names["mx_surnames"]
    return f"{rng.choice(first)} {rng.choice(last)} {rng.choice(names['mx_surnames'])}"


def _candidates(people: _Fields) -> tuple[Candidate, ...]:
    rng = random.Random(people.integer("seed", 0, 2**31))
    names = people.data.get("names")
    casting = _Fields(people.file, "casting", people.data.get("casting"))
    regions = casting.data.get("regions")
    if not isinstance(names, dict) or not isinstance(regions, dict):
        raise ValidationError(f"{people.file}: names", "expected name lists and regions")
    taken: set[str] = set()
    out: list[Candidate] = []
    for call in casting.items("calls"):
        source, region = call.text("source"), call.text("region")
        if source not in set(CallSource):
            raise ValidationError(call.where("source"), f"expected one of {', '.join(CallSource)}")
        if region not in regions:
            raise ValidationError(call.where("region"), f"unknown region {region!r}")
        professional = call.data.get("professional") is True
        for _ in range(call.integer("count", 0, 10_000)):
            gender = rng.choice("FM")
            name = _pick_name(rng, names, region, gender)
            while name in taken:
                name = _pick_name(rng, names, region, gender)
            taken.add(name)
            # Community calls bring the children the series needs; agencies bring adults.
            age = (
                rng.randint(7, 17)
                if not professional and rng.random() < 0.3
                else rng.randint(18, 78)
            )
            guardian = None
            if age < ADULT_AGE:
                # The mother's first surname is the child's second one.
                mother = f"{rng.choice(names['mx_female'])} {name.split()[-1]}"
                guardian = f"{mother} {rng.choice(names['mx_surnames'])} (madre o tutora)"
            number = len(out) + 1
            out.append(
                Candidate(
                    f"cand-{number:03d}",
                    name,
                    age,
                    gender,
                    region,
                    professional,
                    CallSource(source),
                    call.text("where"),
                    guardian,
                )
            )
    return tuple(out)


def _crew(people: _Fields, units: set[str]) -> tuple[CrewMember, ...]:
    rng = random.Random(people.integer("seed", 0, 2**31) + 1)
    names = people.data["names"]
    out: list[CrewMember] = []
    taken: set[str] = set()
    for dept in people.items("crew"):
        department = dept.text("department")
        for i, position in enumerate(dept.data.get("positions") or []):
            if not isinstance(position, list) or len(position) not in (2, 3):
                raise ValidationError(
                    dept.where(f"positions[{i}]"), "expected [title, count, unit?]"
                )
            title, count = position[0], position[1]
            unit = position[2] if len(position) == 3 else "primera"
            if unit not in units or not isinstance(count, int) or count < 1:
                raise ValidationError(dept.where(f"positions[{i}]"), "bad count or unknown unit")
            for _ in range(count):
                name = _pick_name(rng, names, "chihuahua", rng.choice("FM"))
                while name in taken:
                    name = _pick_name(rng, names, "chihuahua", rng.choice("FM"))
                taken.add(name)
                out.append(CrewMember(f"crew-{len(out) + 1:03d}", name, department, title, unit))
    return tuple(out)


def load_series(read: Reader = _read_text) -> DemoSeries:
    """Read, check and assemble the demo series. Raises ``ValidationError`` on a bad data file."""
    bible = _Fields("bible.yaml", "", _read_yaml(read, "bible.yaml"))
    people = _Fields("people.yaml", "", _read_yaml(read, "people.yaml"))
    series = _Fields(bible.file, "series", bible.data.get("series"))
    storylines = _storylines(bible)
    storyline_ids = {s.id for s in storylines}
    regions = people.data.get("casting", {}).get("regions", {})
    characters = _characters(bible, storyline_ids, set(regions))
    cities = _cities(bible)
    base_city = series.text("base_city")
    if base_city not in {c.id for c in cities}:
        raise ValidationError(series.where("base_city"), f"unknown city {base_city!r}")
    episodes = _episodes(bible, read)
    units = tuple(
        Unit(u.text("id"), u.text("name"), u.text("purpose")) for u in bible.items("units")
    )
    return DemoSeries(
        title=series.text("title"),
        logline=series.text("logline"),
        synopsis=series.text("synopsis"),
        base_city=base_city,
        storylines=storylines,
        characters=characters,
        sources=_sources(bible, storyline_ids, {c.cue for c in characters}),
        cities=cities,
        locations=_locations(bible, {c.id for c in cities}),
        episodes=episodes,
        cards=_cards(bible, {s.id: s for s in storylines}, {e.number for e in episodes}),
        calendar=_calendar(bible),
        units=units,
        candidates=_candidates(people),
        crew=_crew(people, {u.id for u in units}),
    )
