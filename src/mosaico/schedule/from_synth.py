"""A ``ScheduleProblem`` from a synthetic production, for tests and benchmarks.

Scenes become strips (id ``"<episode>-<number>"``), roles become cast members
at their daily cost, the synthetic locations keep their cities and
coordinates, and the calendar starts on the production's start date with a
few days of slack over the shoot days its page rate asks for. Day players are
sometimes unavailable for a day, drawn from the seed, so availability binds.
"""

from __future__ import annotations

import math
import random
from datetime import date

from mosaico.demo.synth_model import CastKind, SynthProduction, SynthScene
from mosaico.schedule.model import (
    Calendar,
    CastMember,
    Location,
    Rules,
    ScheduleProblem,
    Strip,
    Weights,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_PLAYER_OFF_SHARE = 0.3  # share of day players who have one date they cannot work
SLACK_SHARE = 0.25  # extra calendar shoot days over what the page rate needs


def scene_id(scene: SynthScene) -> str:
    return f"{scene.episode}-{scene.number}"


def _strip(scene: SynthScene, set_location: dict[str, str]) -> Strip:
    return Strip(
        scene_id=scene_id(scene),
        eighths=scene.eighths,
        set_name=scene.set,
        location=set_location[scene.set],
        int_ext=scene.int_ext,
        time=scene.time,
        script_day=scene.script_day,
        episode=scene.episode,
        cast=tuple(str(number) for number in scene.cast),
        background=scene.background,
        elements=tuple(e.name for e in scene.elements if e.category != "Props"),
    )


def problem_from_synth(
    production: SynthProduction,
    *,
    rules: Rules | None = None,
    weights: Weights | None = None,
    slack_days: int | None = None,
    max_company_moves_per_day: int = 2,
) -> ScheduleProblem:
    """The schedule problem of ``production``; ``rules`` (if given) replace the derived ones."""
    hints = production.calendar
    set_location = {s.name: s.location for s in production.sets}
    city_country = {c.key: c.country for c in production.cities}
    slack = math.ceil(hints.shoot_days * SLACK_SHARE) + 1 if slack_days is None else slack_days
    calendar = Calendar(
        start=hints.start,
        work_days=hints.shoot_days + slack,
        weekly_days_off=frozenset(WEEKDAYS.index(day) for day in hints.days_off),
        country=city_country.get(production.cities[0].key) if production.cities else None,
    )
    dates = calendar.shoot_dates()
    rng = random.Random(f"mosaico-schedule:{production.seed}:availability")
    cast = []
    for member in production.cast:
        off: frozenset[date] = frozenset()
        if member.kind is CastKind.DAY_PLAYER and rng.random() < DAY_PLAYER_OFF_SHARE:
            off = frozenset({rng.choice(dates)})
        cast.append(
            CastMember(
                id=str(member.number),
                name=member.character,
                cost_per_day=member.daily_cost,
                unavailable=off,
            )
        )
    locations = tuple(
        Location(id=loc.key, city=loc.city, latitude=loc.latitude, longitude=loc.longitude)
        for loc in production.locations
    )
    derived = Rules(
        target_eighths_per_day=round(hints.pages_per_day * 8),
        max_company_moves_per_day=max_company_moves_per_day,
    )
    return ScheduleProblem(
        strips=tuple(_strip(scene, set_location) for scene in production.scenes),
        cast=tuple(cast),
        locations=locations,
        calendar=calendar,
        rules=rules or derived,
        weights=weights or Weights(),
    )
