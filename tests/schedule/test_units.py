"""Several units: each keeps its own calendar and limits, and no one is in two places at once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from mosaico.demo.synth import Tier, generate_production
from mosaico.errors import ValidationError
from mosaico.schedule import lns
from mosaico.schedule.check import violations
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.model import Calendar, Schedule, ScheduleProblem
from mosaico.schedule.units import UnitSpec, assign_units, solve_units


@pytest.fixture(scope="module")
def problem() -> ScheduleProblem:
    return problem_from_synth(generate_production(tier=Tier.BLOCK, seed=2))


def _solver(sub: ScheduleProblem, seconds: float) -> Schedule:
    return lns.solve_any(sub, time_limit=min(seconds, 3.0))


def test_small_units_take_small_scenes_and_the_advance_unit_its_city(
    problem: ScheduleProblem,
) -> None:
    city = {loc.id: loc.city for loc in problem.locations}
    far = sorted(set(city.values()))[-1]
    units = (
        UnitSpec("main unit"),
        UnitSpec("second unit", max_background=5, max_cast=2),
        UnitSpec("advance unit", cities=frozenset({far}), advance=True),
    )
    chosen = assign_units(problem, units)
    assert sorted(chosen) == sorted(s.scene_id for s in problem.strips)
    for strip in problem.strips:
        unit = chosen[strip.scene_id]
        if unit == "second unit":
            assert strip.background <= 5 and len(strip.cast) <= 2
        if unit == "advance unit":
            assert city[strip.location] == far
        if city[strip.location] == far:
            assert unit == "advance unit"
    assert {"main unit", "second unit"} <= set(chosen.values())


def test_a_scene_no_unit_can_shoot_is_named(problem: ScheduleProblem) -> None:
    crowd = max(problem.strips, key=lambda s: s.background)
    units = (UnitSpec("splinter", max_background=crowd.background - 1),)
    with pytest.raises(ValidationError, match=f"strip {crowd.scene_id}"):
        assign_units(problem, units)
    with pytest.raises(ValidationError, match="unit names must differ"):
        assign_units(problem, (UnitSpec("a"), UnitSpec("a")))


def test_each_unit_keeps_its_calendar_and_nobody_works_two_units_a_day(
    problem: ScheduleProblem,
) -> None:
    second = Calendar(
        start=problem.calendar.start,
        work_days=problem.calendar.work_days,
        weekly_days_off=frozenset({0, 6}),  # this unit rests on Sundays and Mondays
    )
    units = (
        UnitSpec("main unit", max_hours_per_day=10.0),
        UnitSpec("second unit", max_background=10, max_cast=3, calendar=second),
    )
    plan = solve_units(problem, units, time_limit=6.0, solver=_solver)
    assert [u.unit.name for u in plan.units] == ["main unit", "second unit"]
    shot = [s for u in plan.units for d in u.schedule.days for s in d.strips]
    assert sorted(shot) == sorted(s.scene_id for s in problem.strips)
    working: dict[tuple[str, date], set[str]] = defaultdict(set)
    strips = {s.scene_id: s for s in problem.strips}
    for unit in plan.units:
        calendar = unit.unit.calendar or problem.calendar
        allowed = set(calendar.shoot_dates())
        when = {s: d.date for d in unit.schedule.days for s in d.strips}
        assert violations(unit.problem, when) == []
        for day in unit.schedule.days:
            assert day.date in allowed
            assert day.hours <= (unit.unit.max_hours_per_day or 12.0)
            for scene in day.strips:
                if unit.unit.max_background is not None:
                    assert strips[scene].background <= unit.unit.max_background
                for member in strips[scene].cast:
                    working[(member, day.date)].add(unit.unit.name)
    assert all(len(names) == 1 for names in working.values())
    assert plan.lower_bound <= plan.total_cost
