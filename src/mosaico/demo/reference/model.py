"""The reference production's facts as plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the month, or only to part of a year (``late`` 2019)."""

    year: int
    month: int | None = None
    part: str | None = None  # "early", "mid" or "late" when the month is not known

    def __str__(self) -> str:
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.part} {self.year}" if self.part else str(self.year)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    author: str
    outlet: str


@dataclass(frozen=True, slots=True)
class Setting:
    """Where and when the story takes place."""

    town: str
    region: str
    country: str
    year: int
    month: int
    population_approx: int
    border_city: str
    border_drive_minutes: int


@dataclass(frozen=True, slots=True)
class Research:
    consultant: str
    years: int
    writers_room_city: str
    rights_acquired_year: int


@dataclass(frozen=True, slots=True)
class ReferenceEpisode:
    number: int
    minutes: int
    approximate: bool
    directors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Credit:
    role: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CastCredit:
    """One actor and the character they play. ``order`` is the place in the kit's list."""

    order: int
    actor: str
    character: str
    professional: bool


@dataclass(frozen=True, slots=True)
class Casting:
    interviews_min: int
    calls: tuple[str, ...]
    professional_casting_city: str


@dataclass(frozen=True, slots=True)
class ShootingCity:
    name: str
    region: str
    country: str
    latitude: float
    longitude: float
    note: str | None


@dataclass(frozen=True, slots=True)
class Shoot:
    """The shoot's calendar and size: start, strike day, suspension and resumption."""

    start: PartialDate
    base_city: str
    timezone: str
    cities: tuple[ShootingCity, ...]
    strike_day: date
    suspended: PartialDate
    resumed: PartialDate
    crew_size: int
    last_week_units: int
    last_week_destination: str


@dataclass(frozen=True, slots=True)
class Premiere:
    date: date
    countries_min: int


@dataclass(frozen=True, slots=True)
class ReferenceProduction:
    title: str
    format: str
    platform: str
    language: str
    premiere: Premiere
    based_on: Source
    setting: Setting
    created_by: tuple[str, ...]
    writers: tuple[str, ...]
    executive_producers: tuple[str, ...]
    co_executive_producers: tuple[str, ...]
    production_company: str
    in_association_with: str
    research: Research
    episodes: tuple[ReferenceEpisode, ...]
    storylines: tuple[str, ...]
    crew: tuple[Credit, ...]
    other_crew: tuple[Credit, ...]
    casting: Casting
    shoot: Shoot
    cast: tuple[CastCredit, ...]

    @property
    def non_professional_cast(self) -> tuple[CastCredit, ...]:
        return tuple(c for c in self.cast if not c.professional)

    @property
    def professional_cast(self) -> tuple[CastCredit, ...]:
        return tuple(c for c in self.cast if c.professional)

    @property
    def directors(self) -> tuple[str, ...]:
        """Every director, in order of first episode."""
        seen: dict[str, None] = {}
        for episode in self.episodes:
            seen.update(dict.fromkeys(episode.directors))
        return tuple(seen)
