"""Replanning: what is shot stays shot, no one works in a suspension, a strike or a lost
location, unaffected days stay as they were, and bad events are refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mosaico.demo.synth import Tier, generate_production
from mosaico.errors import ValidationError
from mosaico.schedule import lns
from mosaico.schedule.check import violations
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.model import Schedule, ScheduleProblem
from mosaico.schedule.replan import (
    ActorUnavailable,
    Event,
    LocationLost,
    Replan,
    SplitUnits,
    StrikeDay,
    Suspension,
    event_from_dict,
    event_to_dict,
    ghost_units,
    replan,
)
from mosaico.schedule.stability import stability
from mosaico.schedule.units import UnitSpec

LIMIT = 4.0


@pytest.fixture(scope="module")
def problem() -> ScheduleProblem:
    return problem_from_synth(generate_production(tier=Tier.BLOCK, seed=4))


@pytest.fixture(scope="module")
def current(problem: ScheduleProblem) -> Schedule:
    dates = problem.calendar.shoot_dates()
    placed = first_fit(problem, dates)
    assert lns.broken_rules(problem, dates, placed) == []
    return lns.to_schedule(problem, dates, placed, lower_bound=0, seconds=0.0)


def _when(result: Replan) -> dict[str, date]:
    days = list(result.schedule.days)
    if result.units is not None:
        days += [d for u in result.units.units for d in u.schedule.days]
    return {scene: day.date for day in days for scene in day.strips}


def _today(current: Schedule) -> date:
    return current.days[len(current.days) // 3].date


def _check_common(problem: ScheduleProblem, current: Schedule, result: Replan) -> None:
    """Every scene once; shot scenes on their dates; nothing new before today; rules kept."""
    today = _today(current)
    before = {scene: day.date for day in current.days for scene in day.strips}
    after = _when(result)
    assert sorted(after) == sorted(s.scene_id for s in problem.strips)
    for scene, when in before.items():
        if when < today:
            assert after[scene] == when, f"{scene} was shot on {when}"
        else:
            assert after[scene] >= today
    if result.units is None:
        shot = {s for s, w in before.items() if w < today}
        broken = [v for v in violations(result.problem, after) if not set(v.strips) <= shot]
        assert broken == []
    # The stability figure is recounted from what the replan returned.
    assert result.stability.unchanged_days <= result.stability.unaffected_days
    moved = {scene for scene, _, _ in result.moved}
    assert set(result.stability.moved_strips) == moved


def test_suspension_keeps_shot_scenes_and_shoots_nothing_inside_it(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    start, end = today + timedelta(days=2), today + timedelta(days=60)
    result = replan(problem, current, Suspension(start, end), today, time_limit=LIMIT)
    _check_common(problem, current, result)
    assert not [d for d in result.schedule.days if start <= d.date <= end]
    # After the restart the days follow each other as before the suspension.
    assert result.stability.share >= 0.9
    assert any(d.date > end for d in result.schedule.days)


def test_health_protocols_cap_the_headcount_after_a_suspension(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    event = Suspension(today, today + timedelta(days=30), health_protocols=True)
    result = replan(problem, current, event, today, time_limit=LIMIT * 2)
    _check_common(problem, current, result)
    cap = result.problem.rules.max_headcount_per_day
    assert cap is not None
    assert any("health protocols" in line for line in result.explanation)
    strips = {s.scene_id: s for s in problem.strips}
    for day in result.schedule.days:
        if day.date >= today:
            people = {c for s in day.strips for c in strips[s].cast}
            assert len(people) + sum(strips[s].background for s in day.strips) <= cap


def test_strike_day_is_left_empty_and_other_days_stay(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    strike = current.days[len(current.days) // 2].date
    result = replan(problem, current, StrikeDay(strike), today, time_limit=LIMIT)
    _check_common(problem, current, result)
    assert strike not in {d.date for d in result.schedule.days}
    assert result.stability.unaffected_days > 0
    assert result.stability.share >= 0.5


def test_actor_unavailable_is_not_called_on_those_dates(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    day = current.days[len(current.days) // 2]
    strips = {s.scene_id: s for s in problem.strips}
    member = next(c for s in day.strips for c in strips[s].cast)
    off = frozenset({day.date, day.date + timedelta(days=1)})
    result = replan(problem, current, ActorUnavailable(member, off), today, time_limit=LIMIT)
    _check_common(problem, current, result)
    for shoot in result.schedule.days:
        if shoot.date in off:
            assert all(member not in strips[s].cast for s in shoot.strips)
    assert "cast" in result.explanation[0]


def test_location_lost_is_not_used_from_its_date(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    day = current.days[len(current.days) // 2]
    strips = {s.scene_id: s for s in problem.strips}
    lost = strips[day.strips[0]].location
    event = LocationLost(lost, day.date)
    result = replan(problem, current, event, today, time_limit=LIMIT)
    _check_common(problem, current, result)
    new_strips = {s.scene_id: s for s in result.problem.strips}
    for shoot in result.schedule.days:
        if shoot.date >= day.date:
            assert all(new_strips[s].location != lost for s in shoot.strips)
    moved_there = [s for s in new_strips.values() if s.location == f"{lost} (replacement)"]
    assert day.strips[0] in {s.scene_id for s in moved_there}


def test_split_units_each_keep_their_calendar_and_limits(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    split = current.days[-4].date
    units = ghost_units(problem, current, split, 3, advance=True)
    assert units[1].max_background is not None
    result = replan(problem, current, SplitUnits(split, units, True), today, time_limit=LIMIT * 2)
    _check_common(problem, current, result)
    assert result.units is not None
    assert all(d.date < split for d in result.schedule.days)
    strips = {s.scene_id: s for s in problem.strips}
    busy: dict[tuple[str, date], str] = {}
    for unit in result.units.units:
        allowed = set(unit.problem.calendar.shoot_dates())
        when = {s: d.date for d in unit.schedule.days for s in d.strips}
        assert violations(unit.problem, when) == []
        for shoot in unit.schedule.days:
            assert shoot.date in allowed and shoot.date >= split
            for scene in shoot.strips:
                if unit.unit.max_background is not None:
                    assert strips[scene].background <= unit.unit.max_background
                for member in strips[scene].cast:
                    assert busy.setdefault((member, shoot.date), unit.unit.name) == unit.unit.name
    # Days between today and the split are untouched.
    assert result.stability.unchanged_days == result.stability.unaffected_days


def test_events_in_the_past_or_naming_strangers_are_refused(
    problem: ScheduleProblem, current: Schedule
) -> None:
    today = _today(current)
    with pytest.raises(ValidationError, match="before today"):
        replan(problem, current, StrikeDay(today - timedelta(days=1)), today, time_limit=LIMIT)
    with pytest.raises(ValidationError, match=r"event\.cast"):
        replan(problem, current, ActorUnavailable("nobody", frozenset({today})), today)
    with pytest.raises(ValidationError, match=r"event\.location"):
        replan(problem, current, LocationLost("nowhere", today), today)
    with pytest.raises(ValidationError, match=r"event\.end"):
        replan(problem, current, Suspension(today, today - timedelta(days=1)), today)


@pytest.mark.parametrize(
    "event",
    [
        Suspension(date(2027, 3, 2), date(2027, 8, 1), True),
        ActorUnavailable("7", frozenset({date(2027, 3, 2), date(2027, 3, 5)})),
        LocationLost("market", date(2027, 3, 2), "plaza"),
        StrikeDay(date(2027, 3, 9)),
        SplitUnits(
            date(2027, 3, 2),
            (
                UnitSpec("main unit"),
                UnitSpec("advance unit", cities=frozenset({"Durango"}), advance=True),
            ),
            True,
        ),
    ],
)
def test_events_round_trip_as_plain_data(event: Event) -> None:
    assert event_from_dict(event_to_dict(event)) == event


def test_malformed_events_name_the_field() -> None:
    with pytest.raises(ValidationError, match=r"event\.kind"):
        event_from_dict({"kind": "earthquake"})
    with pytest.raises(ValidationError, match=r"event\.start"):
        event_from_dict({"kind": "suspension", "start": "soon", "end": "2027-01-01"})
    with pytest.raises(ValidationError, match=r"event\.dates"):
        event_from_dict({"kind": "actor-unavailable", "cast": "1", "dates": []})


def test_stability_counts_unaffected_days_kept_exactly() -> None:
    d1, d2, d3, d4 = (date(2027, 3, n) for n in (1, 2, 3, 4))
    expected = {"1": d1, "2": d2, "3": d2, "4": d3, "5": d4}
    # 1 is shot; 4 is displaced (its day is affected); 5 lands on day 2, which changes.
    new = {"1": d1, "2": d2, "3": d2, "4": d4, "5": d2}
    figure = stability(expected, new, affected={"4"}, shot={"1"})
    assert figure.unaffected_days == 2  # d2 and d4
    assert figure.unchanged_days == 0
    assert figure.moved_strips == ("4", "5")
    assert stability(expected, expected, affected=(), shot=()).share == 1.0
