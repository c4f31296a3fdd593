"""Synthetic productions at any scale, seeded so the same arguments give the same bytes.

``generate_production(tier, seed=…)`` or ``generate_production(scenes=…, cast=…,
episodes=…, seed=…)`` builds the cities, locations and sets, the cast, the
scene plan and each episode's Fountain script; ``write_production`` puts them
on disk as one ``.fountain`` per episode and a ``production.json``.
``generate_talent_instance`` (Stuckey-format text for the scheduler's
benchmarks) lives in ``synth_talent`` and is re-exported here.

Each part draws from its own random stream (named after the seed and the
part), so the cities of seed 7 are the same whatever the scene count.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from mosaico.demo import synth_names as names
from mosaico.demo.synth_fountain import title_page, write_episode
from mosaico.demo.synth_model import (
    TIER_SIZES,
    CalendarHints,
    SynthEpisode,
    SynthProduction,
    SynthScene,
    Tier,
    TierSize,
    episode_file_name,
)
from mosaico.demo.synth_plan import PlannedScene, assign_cast, plan_scenes
from mosaico.demo.synth_talent import generate_talent_instance, make_talent_instance
from mosaico.demo.synth_world import (
    build_cast,
    build_cities,
    build_world,
    storyline_count,
    storyline_names,
)
from mosaico.errors import ValidationError
from mosaico.schedule.talent import TalentInstance
from mosaico.screenplay import fountain
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.paginate import Paper, paginate

__all__ = [
    "SynthProduction",
    "TalentInstance",
    "Tier",
    "generate_fountain_script",
    "generate_production",
    "generate_talent_instance",
    "make_talent_instance",
    "tier_for",
    "write_production",
]

MAX_SCENES = 20_000
MAX_CAST = 2_000
FIRST_MONDAY = date(2027, 1, 4)


def _rng(seed: int, part: str) -> random.Random:
    # A string seed is hashed with SHA-512 by ``random``: stable across runs and platforms.
    return random.Random(f"mosaico-synth:{seed}:{part}")


def tier_for(scenes: int) -> Tier:
    """The tier whose size suits ``scenes`` (for defaults when only counts are given)."""
    if scenes <= 90:
        return Tier.EPISODE
    if scenes <= 300:
        return Tier.BLOCK
    if scenes <= 2000:
        return Tier.SEASON
    return Tier.TELENOVELA


def _size(
    tier: Tier | None, scenes: int | None, cast: int | None, episodes: int | None
) -> TierSize:
    if tier is None and scenes is None:
        raise ValidationError("tier", "give a tier or an explicit scene count")
    base = TIER_SIZES[tier if tier is not None else tier_for(scenes or 1)]
    scenes = base.scenes if scenes is None else scenes
    if not 1 <= scenes <= MAX_SCENES:
        raise ValidationError("scenes", f"must be between 1 and {MAX_SCENES}, got {scenes}")
    per_episode = base.scenes / base.episodes
    episodes = max(1, round(scenes / per_episode)) if episodes is None else episodes
    if not 1 <= episodes <= scenes:
        raise ValidationError("episodes", f"must be between 1 and the scene count ({scenes})")
    cast = base.cast if cast is None else cast
    if not 1 <= cast <= MAX_CAST:
        raise ValidationError("cast", f"must be between 1 and {MAX_CAST}, got {cast}")
    return TierSize(
        scenes=scenes,
        cast=cast,
        episodes=episodes,
        cities=base.cities,
        pages_per_day=base.pages_per_day,
        units=base.units,
    )


def _freeze(p: PlannedScene) -> SynthScene:
    return SynthScene(
        episode=p.episode,
        number=p.number,
        set=p.set.name,
        int_ext=p.set.int_ext,
        time=p.time,
        script_day=p.script_day,
        eighths=p.eighths,
        cast=tuple(p.cast),
        background=p.background,
        elements=p.elements,
        language=p.language,
        storyline=p.storyline,
    )


def measure(scenes: list[SynthScene], text: str, source: str) -> tuple[SynthScene, ...]:
    """The scenes with the lengths mosaico's own pagination gives their text (US Letter).

    The text was written to the planned lengths; page feet and breaks move about
    one scene in a hundred by an eighth, and the data says what the script says.
    """
    # Our own text is trusted: the reader's size limits are for files from outside.
    limits = Limits(max_bytes=len(text) * 4 + 1, max_elements=len(text))
    layout = paginate(fountain.parse(text, source, limits), Paper.LETTER)
    return tuple(
        replace(scene, eighths=measured.eighths.value)
        for scene, measured in zip(scenes, layout.scenes, strict=True)
    )


def generate_production(
    tier: Tier | str | None = None,
    *,
    scenes: int | None = None,
    cast: int | None = None,
    episodes: int | None = None,
    seed: int = 0,
) -> SynthProduction:
    """A complete synthetic production; counts given explicitly override the tier's."""
    try:
        chosen = Tier(tier) if tier is not None else None
    except ValueError:
        allowed = ", ".join(t.value for t in Tier)
        raise ValidationError("tier", f"{tier!r} is not one of {allowed}") from None
    size = _size(chosen, scenes, cast, episodes)
    cities = build_cities(_rng(seed, "cities"), size.cities)
    storylines = storyline_count(max(1, round(size.cast * 0.3)))
    world = build_world(_rng(seed, "world"), cities, size.scenes, storylines)
    members = build_cast(_rng(seed, "cast"), size.cast, cities, storylines)
    planned = plan_scenes(
        _rng(seed, "scenes"),
        scenes=size.scenes,
        episodes=size.episodes,
        sets=world.sets,
        set_storyline=world.set_storyline,
        set_language={name: city.language for name, city in world.set_city.items()},
        storylines=storylines,
    )
    assign_cast(_rng(seed, "casting"), planned, members)
    meta = _rng(seed, "titles")
    title = meta.choice(names.PRODUCTION_TITLES)
    writers = ", ".join(meta.sample(names.WRITERS, 2))
    start = FIRST_MONDAY + timedelta(weeks=meta.randrange(52))
    draft = (start - timedelta(weeks=6)).isoformat()
    by_number = {m.number: m for m in members}
    frozen = [_freeze(p) for p in planned]
    episode_list = []
    for number in range(1, size.episodes + 1):
        mine = [s for s in frozen if s.episode == number]
        if size.episodes <= len(names.EPISODE_TITLES):
            episode_title = names.EPISODE_TITLES[(number - 1) % len(names.EPISODE_TITLES)]
        else:
            episode_title = f"Capítulo {number}"
        front = title_page(title, number, episode_title, writers, draft)
        text = write_episode(_rng(seed, f"text:{number}"), mine, by_number, front)
        measured = measure(mine, text, episode_file_name(number))
        episode_list.append(SynthEpisode(number, episode_title, measured, text))
    pages = sum(s.eighths for e in episode_list for s in e.scenes) / 8
    calendar = CalendarHints(
        start=start,
        days_off=("sunday",) if size.units > 2 else ("saturday", "sunday"),
        pages_per_day=size.pages_per_day,
        shoot_days=max(1, math.ceil(pages / size.pages_per_day)),
        units=size.units,
        timezone=cities[0].timezone,
    )
    return SynthProduction(
        title=title,
        seed=seed,
        tier=chosen,
        cities=cities,
        locations=world.locations,
        sets=world.sets,
        cast=members,
        storylines=storyline_names(members, storylines),
        episodes=tuple(episode_list),
        calendar=calendar,
    )


def generate_fountain_script(*, scenes: int, seed: int = 0) -> str:
    """One long Fountain script of ``scenes`` scenes (a single episode), for benchmarks."""
    return generate_production(scenes=scenes, episodes=1, seed=seed).episodes[0].fountain


def write_production(production: SynthProduction, directory: Path) -> list[Path]:
    """Write each episode's ``.fountain`` and ``production.json`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for episode in production.episodes:
        path = directory / episode_file_name(episode.number)
        path.write_text(episode.fountain, encoding="utf-8")
        paths.append(path)
    path = directory / "production.json"
    path.write_text(production.to_json(), encoding="utf-8")
    paths.append(path)
    return paths
