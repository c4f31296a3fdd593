"""What a synthetic production is made of: plain frozen dataclasses, and its ``production.json``.

The Fountain text of each episode is the script; everything else here is the
production data a script does not carry (who plays whom and at what daily
cost, where each set is, which script day a scene belongs to).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from mosaico.screenplay.model import IntExt, TimeOfDay


class Tier(StrEnum):
    """The scale tiers of DESIGN.md, by scene count."""

    EPISODE = "episode"
    BLOCK = "block"
    SEASON = "season"
    TELENOVELA = "telenovela"


@dataclass(frozen=True, slots=True)
class TierSize:
    """How big a tier is, and how it is shot (pages a day, units)."""

    scenes: int
    cast: int
    episodes: int
    cities: int
    pages_per_day: float
    units: int


# Cast and shoot days land inside DESIGN.md's ranges: 15–30 / 6–9, 30–60 / 15–25,
# 60–120 / 40–90, 100–200 / 150–250. A telenovela shoots far more pages a day.
TIER_SIZES = {
    Tier.EPISODE: TierSize(scenes=50, cast=24, episodes=1, cities=2, pages_per_day=7.0, units=1),
    Tier.BLOCK: TierSize(scenes=150, cast=45, episodes=3, cities=3, pages_per_day=7.0, units=1),
    Tier.SEASON: TierSize(scenes=500, cast=90, episodes=10, cities=4, pages_per_day=7.5, units=2),
    Tier.TELENOVELA: TierSize(
        scenes=5000, cast=150, episodes=100, cities=5, pages_per_day=25.0, units=3
    ),
}


class CastKind(StrEnum):
    """Series regulars carry the storylines; day players come in for a scene or three."""

    REGULAR = "regular"
    DAY_PLAYER = "day_player"


@dataclass(frozen=True, slots=True)
class City:
    key: str
    name: str
    region: str
    country: str
    latitude: float
    longitude: float
    timezone: str
    language: str  # what people speak in scenes set there: "es" or "en"


@dataclass(frozen=True, slots=True)
class Location:
    """A place the company shoots at (a ranch, a sound stage), with its own coordinates."""

    key: str
    name: str
    city: str  # City.key
    latitude: float
    longitude: float
    stage: bool


@dataclass(frozen=True, slots=True)
class Set:
    """A set as named in scene headings, and the location it is shot at."""

    name: str
    location: str  # Location.key
    int_ext: IntExt
    public: bool  # where crowds (background) gather


@dataclass(frozen=True, slots=True)
class CastMember:
    """A role and who plays it. ``number`` is the billing order used on call sheets."""

    number: int
    character: str  # the cue as written in the script, in capitals
    actor: str
    kind: CastKind
    professional: bool
    daily_cost: int  # MXN a shoot day
    home_city: str  # City.key
    language: str
    storyline: int


@dataclass(frozen=True, slots=True)
class SceneElement:
    category: str  # a Tagger default category, e.g. "Props"
    name: str  # as written in CAPS in the action


@dataclass(frozen=True, slots=True)
class SynthScene:
    """One scene as planned; its Fountain text lies in the episode's script."""

    episode: int
    number: str
    set: str  # Set.name
    int_ext: IntExt
    time: TimeOfDay
    script_day: int
    eighths: int  # the length of its text by mosaico's own pagination (US Letter)
    cast: tuple[int, ...]  # CastMember.number, each speaks in the scene
    background: int
    elements: tuple[SceneElement, ...]
    language: str
    storyline: int


@dataclass(frozen=True, slots=True)
class SynthEpisode:
    number: int
    title: str
    scenes: tuple[SynthScene, ...]
    fountain: str


@dataclass(frozen=True, slots=True)
class CalendarHints:
    """Enough to build a shooting calendar: when, how fast, how many units, which days off."""

    start: date
    days_off: tuple[str, ...]  # weekday names
    pages_per_day: float
    shoot_days: int
    units: int
    timezone: str


@dataclass(frozen=True, slots=True)
class SynthProduction:
    title: str
    seed: int
    tier: Tier | None  # None when made from explicit counts
    cities: tuple[City, ...]
    locations: tuple[Location, ...]
    sets: tuple[Set, ...]
    cast: tuple[CastMember, ...]
    storylines: tuple[str, ...]
    episodes: tuple[SynthEpisode, ...]
    calendar: CalendarHints

    @property
    def scenes(self) -> tuple[SynthScene, ...]:
        return tuple(scene for episode in self.episodes for scene in episode.scenes)

    def to_json(self) -> str:
        """``production.json``: everything but the scripts, in a stable order and format."""
        return json.dumps(production_dict(self), ensure_ascii=False, indent=1) + "\n"


def _scene_dict(scene: SynthScene) -> dict[str, Any]:
    return {
        "episode": scene.episode,
        "number": scene.number,
        "set": scene.set,
        "int_ext": str(scene.int_ext),
        "time": str(scene.time),
        "script_day": scene.script_day,
        "eighths": scene.eighths,
        "cast": list(scene.cast),
        "background": scene.background,
        "elements": [{"category": e.category, "name": e.name} for e in scene.elements],
        "language": scene.language,
        "storyline": scene.storyline,
    }


def production_dict(production: SynthProduction) -> dict[str, Any]:
    """The production data as plain JSON values."""
    calendar = production.calendar
    return {
        "title": production.title,
        "seed": production.seed,
        "tier": str(production.tier) if production.tier else None,
        "cities": [vars_of(city) for city in production.cities],
        "locations": [vars_of(location) for location in production.locations],
        "sets": [{**vars_of(s), "int_ext": str(s.int_ext)} for s in production.sets],
        "cast": [{**vars_of(m), "kind": str(m.kind)} for m in production.cast],
        "storylines": list(production.storylines),
        "episodes": [
            {
                "number": episode.number,
                "title": episode.title,
                "file": episode_file_name(episode.number),
                "scenes": [_scene_dict(scene) for scene in episode.scenes],
            }
            for episode in production.episodes
        ],
        "calendar": {
            "start": calendar.start.isoformat(),
            "days_off": list(calendar.days_off),
            "pages_per_day": calendar.pages_per_day,
            "shoot_days": calendar.shoot_days,
            "units": calendar.units,
            "timezone": calendar.timezone,
        },
    }


def vars_of(obj: object) -> dict[str, Any]:
    """A slotted dataclass's fields as a dict, in declaration order."""
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}  # type: ignore[attr-defined]


def episode_file_name(number: int) -> str:
    return f"episode-{number:03d}.fountain"
