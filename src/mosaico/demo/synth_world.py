"""The world of a synthetic production: cities, locations and sets, storylines, cast.

Each builder takes its own ``random.Random`` so adding a draw in one cannot
shift what another produces.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from mosaico.demo import synth_names as names
from mosaico.demo.synth_model import CastKind, CastMember, City, Location, Set
from mosaico.screenplay.model import IntExt

# How far from the city centre a location may be, in degrees (about 3 km and 13 km).
_IN_TOWN, _OUTSKIRTS = 0.03, 0.12
# Productions this big build their recurring interiors on sound stages.
STAGE_FROM_SCENES = 300
REGULAR_SHARE = 0.3


def slug(text: str) -> str:
    """``"Gómez Palacio"`` → ``"gomez-palacio"``: a stable ASCII key."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def build_cities(rng: random.Random, count: int) -> tuple[City, ...]:
    """A base city, Mexican towns, and (from three cities on) one US city for English scenes."""
    count = max(1, min(count, 1 + len(names.TOWNS) + 1))
    facts = [rng.choice(names.BASE_CITIES)]
    us = [rng.choice(names.US_CITIES)] if count >= 3 else []
    facts += rng.sample(names.TOWNS, count - 1 - len(us)) + us
    return tuple(
        City(
            key=slug(f.name),
            name=f.name,
            region=f.region,
            country=f.country,
            latitude=f.latitude,
            longitude=f.longitude,
            timezone=f.timezone,
            language="en" if f.country == "US" else "es",
        )
        for f in facts
    )


@dataclass(frozen=True, slots=True)
class World:
    """Where a production shoots: its locations and sets, with each set's storyline."""

    locations: tuple[Location, ...]
    sets: tuple[Set, ...]
    set_storyline: dict[str, int]  # Set.name -> storyline, -1 for shared (public) sets
    set_city: dict[str, City]


def _proper_name(rng: random.Random, pattern: str, language: str) -> str:
    places = names.PLACE_NAMES_EN if language == "en" else names.PLACE_NAMES_ES
    surnames = names.SURNAMES_EN if language == "en" else names.SURNAMES
    return pattern.format(
        name=rng.choice(places),
        surname=rng.choice(surnames).upper(),
        saint=rng.choice(names.SAINTS),
    )


def _location_count(scenes: int) -> int:
    return max(4, min(100, round(1.4 * math.sqrt(scenes))))


def english_storyline(cities: Sequence[City], storylines: int) -> int | None:
    """With a US city and more than one storyline, the last storyline is the American one."""
    if storylines > 1 and any(city.language == "en" for city in cities):
        return storylines - 1
    return None


def build_world(rng: random.Random, cities: Sequence[City], scenes: int, storylines: int) -> World:
    """Locations spread over the cities (half at the base), their sets, and stages when big.

    Each location belongs to one storyline (US ones to the American storyline);
    public sets (a plaza, a dance hall) are shared by all.
    """
    american = english_storyline(cities, storylines)
    mexican = [s for s in range(storylines) if s != american]
    total = _location_count(scenes)
    counts = [0] * len(cities)
    for i in range(total):
        # Half at the base city, the rest shared out; every city gets at least one.
        counts[0 if i % 2 == 0 or len(cities) == 1 else 1 + (i // 2) % (len(cities) - 1)] += 1
    locations: list[Location] = []
    sets: list[Set] = []
    set_storyline: dict[str, int] = {}
    set_city: dict[str, City] = {}
    stages: list[Location] = []
    if scenes >= STAGE_FROM_SCENES:
        base = cities[0]
        for n in range(1, 1 + max(1, scenes // 1500)):
            stages.append(
                Location(f"foro-{n}", f"FORO {n}", base.key, base.latitude, base.longitude, True)
            )
    used: set[str] = set()
    for city, count in zip(cities, counts, strict=True):
        kinds = names.LOCATION_KINDS_EN if city.language == "en" else names.LOCATION_KINDS_ES
        weights = [kind.weight for kind in kinds]
        for n in range(count):
            # The base city always has a vehicle (INT./EXT. scenes need one).
            vehicle = city is cities[0] and n == 0 and city.language == "es"
            kind = names.VEHICLE_KIND if vehicle else rng.choices(kinds, weights)[0]
            name = _proper_name(rng, kind.pattern, city.language)
            while name in used:  # same pattern drawn twice: tell them apart
                name = f"{name} {len([u for u in used if u.startswith(name)]) + 1}"
            used.add(name)
            spread = _OUTSKIRTS if kind.outskirts else _IN_TOWN
            location = Location(
                key=slug(f"{city.key} {name}"),
                name=name,
                city=city.key,
                latitude=round(city.latitude + rng.uniform(-spread, spread), 4),
                longitude=round(city.longitude + rng.uniform(-spread, spread), 4),
                stage=False,
            )
            locations.append(location)
            owner = (
                american if city.language == "en" and american is not None else rng.choice(mexican)
            )
            for set_kind in kind.sets:
                set_name = f"{name} - {set_kind.name}"
                on_stage = stages and kind.stage and city is cities[0]
                shot_at = (
                    rng.choice(stages) if on_stage and set_kind.int_ext == IntExt.INT else None
                )
                sets.append(
                    Set(
                        name=set_name,
                        location=(shot_at or location).key,
                        int_ext=set_kind.int_ext,
                        public=set_kind.public,
                    )
                )
                set_storyline[set_name] = -1 if set_kind.public else owner
                set_city[set_name] = city
    return World(tuple(stages) + tuple(locations), tuple(sets), set_storyline, set_city)


def _unique(rng: random.Random, draw: list[str], taken: set[str]) -> str:
    for candidate in draw:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    # Every candidate taken: number the first one, as scripts do ("POLICÍA 3").
    n = 2
    while f"{draw[0]} {n}" in taken:
        n += 1
    taken.add(f"{draw[0]} {n}")
    return f"{draw[0]} {n}"


def _character(rng: random.Random, regular: bool, language: str, taken: set[str]) -> str:
    firsts = names.FIRST_NAMES_EN if language == "en" else names.FIRST_NAMES_ES
    surnames = names.SURNAMES_EN if language == "en" else names.SURNAMES
    style = rng.random()
    if (regular and style < 0.8) or (not regular and style < 0.25):
        draw = [rng.choice(firsts).upper() for _ in range(4)]
    elif language == "es" and (regular or style < 0.55):
        draw = [
            f"{rng.choice(names.HONORIFICS_ES)} {rng.choice(surnames).upper()}" for _ in range(4)
        ]
    else:
        roles = names.ROLES_EN if language == "en" else names.ROLES_ES
        draw = [rng.choice(roles)]
    return _unique(rng, draw, taken)


def _actor(rng: random.Random, language: str, taken: set[str]) -> str:
    while True:
        if language == "en":
            name = f"{rng.choice(names.FIRST_NAMES_EN)} {rng.choice(names.SURNAMES_EN)}"
        else:
            name = f"{rng.choice(names.FIRST_NAMES_ES)} {rng.choice(names.SURNAMES)}"
            if rng.random() < 0.5:
                name += f" {rng.choice(names.SURNAMES)}"
        if name not in taken:
            taken.add(name)
            return name


def storyline_count(regulars: int) -> int:
    return max(1, min(9, math.ceil(regulars / 2.5)))


def build_cast(
    rng: random.Random, size: int, cities: Sequence[City], storylines: int
) -> tuple[CastMember, ...]:
    """Regulars (billed first, spread over the storylines) then day players.

    With a US city, the last storyline is the American one and speaks English.
    """
    regulars = max(1, min(size, round(size * REGULAR_SHARE)))
    us_city = next((c for c in cities if c.language == "en"), None)
    american = english_storyline(cities, storylines)
    characters: set[str] = set()
    actors: set[str] = set()
    members = []
    for number in range(1, size + 1):
        regular = number <= regulars
        storyline = (number - 1) % storylines if regular else rng.randrange(storylines)
        english = storyline == american
        language = "en" if english else "es"
        if english and us_city is not None:
            home = us_city.name
        elif regular:
            home = rng.choice(("Ciudad de México", cities[0].name, cities[0].name))
        else:
            home = rng.choice([c.name for c in cities if c.language == "es"])
        members.append(
            CastMember(
                number=number,
                character=_character(rng, regular, language, characters),
                actor=_actor(rng, language, actors),
                kind=CastKind.REGULAR if regular else CastKind.DAY_PLAYER,
                professional=rng.random() < (0.75 if regular else 0.35),
                daily_cost=rng.randrange(8000, 30001, 500)
                if regular
                else rng.randrange(1500, 6001, 250),
                home_city=home,
                language=language,
                storyline=storyline,
            )
        )
    return tuple(members)


def storyline_names(cast: Sequence[CastMember], storylines: int) -> tuple[str, ...]:
    """Each storyline is named after its lead, the first billed regular in it."""
    leads: dict[int, str] = {}
    for member in cast:
        leads.setdefault(member.storyline, member.character.title())
    return tuple(f"La historia de {leads.get(s, str(s + 1))}" for s in range(storylines))
