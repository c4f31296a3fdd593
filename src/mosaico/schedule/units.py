"""Several shooting units at once, each with its own calendar and limits.

A ``UnitSpec`` is a unit: main, second, splinter or advance, with the
calendar it works, the hours of its day and what a reduced crew can handle
(background, cast in a scene) and, for an advance unit, the cities it goes
to ahead of the company. ``assign_units`` deals the strips out: a location's
strips stay together where they can, small units take small scenes, an
advance unit takes what is shot in its cities. ``solve_units`` then solves
one unit after another; an actor booked by an earlier unit on a date is
unavailable to the later ones that day, so no one is in two places at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from mosaico.errors import ValidationError
from mosaico.schedule.model import Calendar, Schedule, ScheduleProblem, Strip

Solver = Callable[[ScheduleProblem, float], Schedule]


@dataclass(frozen=True, slots=True)
class UnitSpec:
    name: str
    crew_size: int | None = None  # for the call sheet; the limits below are what bind
    max_background: int | None = None  # a reduced crew cannot marshal a crowd
    max_cast: int | None = None  # most cast members in one of its scenes
    cities: frozenset[str] = frozenset()  # empty: anywhere; else only scenes set in these
    calendar: Calendar | None = None  # None: the production's calendar
    max_hours_per_day: float | None = None  # None: the production's rule
    advance: bool = False  # shoots ahead in the next city while the company travels

    def takes(self, strip: Strip, city: str) -> bool:
        """Whether this unit can shoot ``strip`` (set in ``city``) at all."""
        if self.max_background is not None and strip.background > self.max_background:
            return False
        if self.max_cast is not None and len(strip.cast) > self.max_cast:
            return False
        return not self.cities or city in self.cities


@dataclass(frozen=True, slots=True)
class UnitSchedule:
    unit: UnitSpec
    problem: ScheduleProblem  # the unit's own problem: its strips, calendar and rules
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class UnitPlan:
    units: tuple[UnitSchedule, ...]
    assignment: Mapping[str, str] = field(default_factory=dict)  # scene id -> unit name

    @property
    def total_cost(self) -> int:
        return sum(u.schedule.total_cost for u in self.units)

    @property
    def lower_bound(self) -> int:
        return sum(u.schedule.lower_bound for u in self.units)


def _size(strip: Strip) -> tuple[int, int, int]:
    return (strip.background, len(strip.cast), strip.minutes)


def assign_units(problem: ScheduleProblem, units: tuple[UnitSpec, ...]) -> dict[str, str]:
    """Scene id -> unit name.

    An advance unit takes every strip it can in its cities. The rest go
    location by location, biggest first, to the unit with the least work for
    its calendar among those that can take the location's biggest strip; a
    strip too big for that unit goes to the least loaded one that can take it.
    Raises ``ValidationError`` naming a strip no unit can shoot.
    """
    if not units:
        raise ValidationError("units", "at least one unit is needed")
    names = [u.name for u in units]
    if len(set(names)) != len(names):
        raise ValidationError("units", "unit names must differ")
    city = {place.id: place.city for place in problem.locations}
    capacity = {
        u.name: (u.calendar or problem.calendar).work_days
        * (u.max_hours_per_day or problem.rules.max_hours_per_day)
        for u in units
    }
    load: dict[str, float] = defaultdict(float)
    chosen: dict[str, str] = {}

    def give(strip: Strip, unit: UnitSpec) -> None:
        chosen[strip.scene_id] = unit.name
        load[unit.name] += strip.minutes / 60

    def least_loaded(candidates: list[UnitSpec]) -> UnitSpec:
        return min(candidates, key=lambda u: (load[u.name] / capacity[u.name], names.index(u.name)))

    for strip in problem.strips:
        for unit in units:
            if unit.advance and unit.cities and unit.takes(strip, city[strip.location]):
                give(strip, unit)
                break
    by_place: dict[str, list[Strip]] = defaultdict(list)
    for strip in problem.strips:
        if strip.scene_id not in chosen:
            by_place[strip.location].append(strip)
    general = [u for u in units if not u.advance] or list(units)
    order = sorted(by_place.items(), key=lambda kv: -sum(s.minutes for s in kv[1]))
    for place, strips in order:
        biggest = max(strips, key=_size)
        fits = [u for u in general if u.takes(biggest, city[place])]
        home = least_loaded(fits) if fits else None
        for strip in strips:
            if home is not None and home.takes(strip, city[place]):
                give(strip, home)
                continue
            able = [u for u in units if u.takes(strip, city[place])]
            if not able:
                raise ValidationError(
                    f"strip {strip.scene_id}",
                    f"no unit can shoot it ({strip.background} background, "
                    f"{len(strip.cast)} cast, in {city[place] or 'no city'})",
                )
            give(strip, least_loaded(able))
    return chosen


def unit_problem(
    problem: ScheduleProblem,
    unit: UnitSpec,
    scenes: set[str],
    busy: Mapping[str, set[date]],
) -> ScheduleProblem:
    """The unit's own problem: its strips, its calendar, and cast busy elsewhere made unavailable."""
    strips = tuple(s for s in problem.strips if s.scene_id in scenes)
    cast = tuple(
        replace(member, unavailable=member.unavailable | frozenset(busy.get(member.id, set())))
        for member in problem.cast
    )
    rules = problem.rules
    if unit.max_hours_per_day is not None:
        rules = replace(rules, max_hours_per_day=unit.max_hours_per_day)
    rules = replace(
        rules,
        fixed_dates={s: d for s, d in rules.fixed_dates.items() if s in scenes},
        must_precede=tuple(
            p for p in rules.must_precede if p.before in scenes and p.after in scenes
        ),
        same_day=tuple(g for g in rules.same_day if all(s in scenes for s in g)),
    )
    return replace(
        problem,
        strips=strips,
        cast=cast,
        calendar=unit.calendar or problem.calendar,
        rules=rules,
    )


def solve_units(
    problem: ScheduleProblem,
    units: tuple[UnitSpec, ...],
    *,
    time_limit: float,
    solver: Solver,
    assignment: Mapping[str, str] | None = None,
) -> UnitPlan:
    """Each unit's schedule, solved in turn by ``solver(problem, seconds)``.

    The time is shared by strip count. Cast members working for an earlier
    unit on a date are unavailable to the later units on that date. Same-day
    groups and precedence between strips of different units are not linked
    (each unit keeps its own).
    """
    chosen = dict(assignment) if assignment is not None else assign_units(problem, units)
    busy: dict[str, set[date]] = defaultdict(set)
    cast_of = {s.scene_id: s.cast for s in problem.strips}
    total = max(1, len(problem.strips))
    out = []
    for unit in units:
        scenes = {s for s, name in chosen.items() if name == unit.name}
        sub = unit_problem(problem, unit, scenes, busy)
        seconds = max(1.0, time_limit * len(scenes) / total)
        found = solver(sub, seconds)
        for day in found.days:
            for scene in day.strips:
                for member in cast_of[scene]:
                    busy[member].add(day.date)
        out.append(UnitSchedule(unit=unit, problem=sub, schedule=found))
    return UnitPlan(units=tuple(out), assignment=chosen)
