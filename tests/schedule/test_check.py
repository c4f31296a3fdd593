"""The rule checker: hand-made boards it must flag, and every schedule the solver returns
for generated small problems keeps every rule, at the brute-force optimum."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mosaico.errors import Infeasible
from mosaico.schedule.check import Rule, cover_options, violations
from mosaico.schedule.cpsat import solve
from mosaico.schedule.model import (
    Block,
    Calendar,
    CastMember,
    CastPod,
    Location,
    Precedence,
    Rules,
    ScheduleProblem,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay

MONDAY = date(2027, 3, 1)
WEIGHTS = Weights(
    shoot_day=5_000,
    company_move=2_000,
    day_night_switch=1_500,
    under_filled_eighth=100,
    over_filled_eighth=300,
    drop_pickup=2_500,
)


def _base(rules: Rules | None = None, days: int = 5) -> ScheduleProblem:
    tuesday = date(2027, 3, 2)
    cast = (
        CastMember("1", "ÉRIKA", unavailable=frozenset({tuesday})),
        CastMember("2", "NIÑA", minor_max_hours=4, school_hours=2, available_until=tuesday),
    )
    places = (Location("casa", city="durango", max_days=2), Location("hotel", city="saltillo"))
    strips = (
        Strip("1", 8, "CASA", "casa", cast=("1",), hours=2.0),
        Strip("2", 8, "CASA", "casa", cast=("2",), hours=1.5),
        Strip("3", 8, "CASA", "casa", cast=("2",), hours=1.5),
        Strip("4", 8, "HOTEL", "hotel", time=TimeOfDay.NIGHT, cast=("1",)),
    )
    calendar = Calendar(start=MONDAY, work_days=days)
    return ScheduleProblem(strips, cast, places, calendar, rules or Rules(), WEIGHTS)


TUESDAY, WEDNESDAY = date(2027, 3, 2), date(2027, 3, 3)


def test_a_board_that_keeps_every_rule_has_no_violations():
    board = {"1": MONDAY, "2": MONDAY, "3": TUESDAY, "4": WEDNESDAY}
    assert violations(_base(), board) == []


def test_each_broken_rule_is_reported_once_with_its_scenes_and_date():
    board = {
        "1": TUESDAY,  # ÉRIKA is off that day
        "2": WEDNESDAY,  # after the minor's release; casa a third day
        "3": MONDAY,
        "4": MONDAY,  # night at the hotel, then ÉRIKA's day call: no rest
    }
    found = violations(_base(), board)
    assert {(v.rule, v.strips, v.date) for v in found} == {
        (Rule.CAST_UNAVAILABLE, ("1",), TUESDAY),
        (Rule.CAST_WINDOW, ("2",), WEDNESDAY),
        (Rule.LOCATION_MAX_DAYS, ("1", "2", "3"), None),
        (Rule.TURNAROUND, ("4", "1"), TUESDAY),
    }
    assert all(v.text for v in found)


def test_minor_hours_and_company_moves():
    found = violations(_base(), {"1": MONDAY, "2": MONDAY, "3": MONDAY, "4": MONDAY})
    assert [v.rule for v in found] == [Rule.MINOR_HOURS]
    assert found[0].text == "NIÑA (2), a minor, is on set 3.00 hours on 2027-03-01, over 2"
    moves = violations(
        _base(Rules(max_company_moves_per_day=0)),
        {"1": MONDAY, "2": MONDAY, "3": TUESDAY, "4": MONDAY},
    )
    assert [v.rule for v in moves] == [Rule.COMPANY_MOVES]


def test_dates_off_the_calendar_unknown_and_missing_scenes():
    p = _base()
    saturday, later = date(2027, 3, 6), date(2027, 4, 1)
    found = violations(p, {"1": saturday, "2": later, "9": MONDAY})
    texts = {(v.rule, v.strips): v.text for v in found}
    assert texts[(Rule.CALENDAR, ("1",))] == "2027-03-06 is not a shoot date: weekly day off"
    assert texts[(Rule.CALENDAR, ("2",))].endswith("outside the shoot, 2027-03-01 to 2027-03-05")
    assert (Rule.UNKNOWN_SCENE, ("9",)) in texts
    assert (Rule.UNSCHEDULED, ("3",)) in texts
    assert violations(p, {"1": MONDAY}, complete=False) == []


def test_cities_need_travel_days_when_asked():
    rules = Rules(same_day_city_moves=False)
    board = {"1": MONDAY, "2": MONDAY, "3": TUESDAY, "4": WEDNESDAY}
    found = violations(_base(rules), board)
    assert [(v.rule, v.strips, v.date) for v in found] == [(Rule.CITY_TRAVEL, ("4",), WEDNESDAY)]
    assert violations(_base(rules), {**board, "4": date(2027, 3, 4)}) == []


def test_scene_rules_blocks_pods_and_headcount():
    rules = Rules(
        fixed_dates={"1": MONDAY},
        must_precede=(Precedence("2", "3"),),
        same_day=(("1", "4"),),
        blocks_in_order=True,
        pods=(CastPod("A", ("1",)), CastPod("B", ("2",))),
        max_headcount_per_day=1,
        max_headcount_per_set=1,
    )
    base = _base(rules)
    strips = tuple(
        Strip(
            s.scene_id,
            s.eighths,
            s.set_name,
            s.location,
            time=s.time,
            cast=s.cast,
            hours=s.hours,
            episode=int(s.scene_id),
            background=1,
        )
        for s in base.strips
    )
    blocks = (Block((3, 4), "B"), Block((1, 2), "A"))
    p = ScheduleProblem(strips, base.cast, base.locations, base.calendar, rules, WEIGHTS, blocks)
    found = violations(p, {"1": WEDNESDAY, "2": MONDAY, "3": MONDAY, "4": MONDAY})
    assert {v.rule for v in found} == {
        Rule.FIXED_DATE,
        Rule.MUST_PRECEDE,
        Rule.SAME_DAY,
        Rule.ONE_BLOCK_A_DAY,
        Rule.BLOCK_ORDER,
        Rule.PODS,
        Rule.HEADCOUNT_DAY,
        Rule.HEADCOUNT_SET,
        Rule.MINOR_HOURS,  # scenes 2 and 3 on one day, three hours for a minor
    }


def test_cover_options_are_later_interior_scenes_everyone_can_do_that_day():
    cast = (CastMember("1", "ÉRIKA", unavailable=frozenset({date(2027, 3, 2)})),)
    strips = (
        Strip("ext", 8, "PLAZA", "casa", int_ext=IntExt.EXT),
        Strip("w1", 8, "CASA", "casa", weather_cover=True),
        Strip("w2", 8, "CASA", "casa", weather_cover=True, cast=("1",)),
        Strip("w3", 8, "CASA", "casa", weather_cover=True),
    )
    calendar = Calendar(start=MONDAY, work_days=4)
    p = ScheduleProblem(strips, cast, (Location("casa"),), calendar, Rules(), WEIGHTS)
    when = {"ext": date(2027, 3, 2), "w1": date(2027, 3, 3), "w2": date(2027, 3, 4), "w3": MONDAY}
    assert cover_options(p, when, date(2027, 3, 2)) == ["w1"]


# --- generated problems: the solver's answer keeps every rule and is the cheapest ------------


def cost_of(problem: ScheduleProblem, when: dict[str, date]) -> int:
    """The objective, counted from the weights' documentation over dates."""
    dates = problem.calendar.shoot_dates()
    w, target = problem.weights, problem.rules.target_eighths_per_day
    index = {day: d for d, day in enumerate(dates)}
    by_day: dict[int, list[Strip]] = {}
    for strip in problem.strips:
        by_day.setdefault(index[when[strip.scene_id]], []).append(strip)
    total = w.shoot_day * (max(by_day) + 1)
    for strips in by_day.values():
        total += w.company_move * (len({s.location for s in strips}) - 1)
        if any(s.is_night for s in strips) and any(not s.is_night for s in strips):
            total += w.day_night_switch
        eighths = sum(s.eighths for s in strips)
        total += w.under_filled_eighth * max(0, target - eighths)
        total += w.over_filled_eighth * max(0, eighths - target)
    for member in problem.cast:
        worked = sorted({index[when[s.scene_id]] for s in problem.strips if member.id in s.cast})
        for a, b in itertools.pairwise(worked):
            if member.allow_drop and (dates[b] - dates[a]).days - 1 >= member.drop_min_gap:
                total += w.drop_pickup
            else:
                total += member.cost_per_day * w.cast_holding * (b - a - 1)
    return total


def brute_force(problem: ScheduleProblem) -> int | None:
    dates = problem.calendar.shoot_dates()
    scenes = [s.scene_id for s in problem.strips]
    best = None
    for choice in itertools.product(dates, repeat=len(scenes)):
        when = dict(zip(scenes, choice, strict=True))
        if violations(problem, when):
            continue
        cost = cost_of(problem, when)
        best = cost if best is None else min(best, cost)
    return best


@st.composite
def small_problems(draw: st.DrawFn) -> ScheduleProblem:
    days = 3
    # Sundays off; a Friday start puts a day off inside some calendars.
    start = MONDAY + timedelta(days=draw(st.integers(0, 6)))
    calendar = Calendar(start=start, work_days=days, weekly_days_off=frozenset({6}))
    dates = calendar.shoot_dates()
    maybe_date = st.none() | st.sampled_from(dates)
    cast = []
    for i in range(1, 4):
        minor = draw(st.booleans()) and i == 3
        cast.append(
            CastMember(
                str(i),
                f"ROLE {i}",
                cost_per_day=draw(st.sampled_from((0, 800, 3000))),
                unavailable=frozenset(draw(st.lists(st.sampled_from(dates), max_size=1))),
                max_consecutive_days=draw(st.sampled_from((None, None, None, 2))),
                available_from=draw(maybe_date) if i == 1 else None,
                available_until=draw(maybe_date) if i == 2 else None,
                minor_max_hours=5.0 if minor else None,
                school_hours=draw(st.sampled_from((0.0, 2.0))) if minor else 0.0,
                allow_drop=draw(st.booleans()),
                drop_min_gap=draw(st.integers(1, 3)),
            )
        )
    places = (
        Location("rancho", city="durango", max_days=draw(st.sampled_from((None, 1, 2)))),
        Location(
            "mercado",
            city="durango",
            unavailable=frozenset(draw(st.lists(st.sampled_from(dates), max_size=1))),
        ),
        Location(
            "hotel",
            city=draw(st.sampled_from(("durango", "saltillo"))),
            available_until=draw(st.sampled_from((None, None, dates[1]))),
        ),
    )
    n = draw(st.integers(3, 5))
    strips = []
    for i in range(1, n + 1):
        int_ext = draw(st.sampled_from((IntExt.INT, IntExt.EXT)))
        strips.append(
            Strip(
                str(i),
                draw(st.integers(2, 16)),
                f"SET {draw(st.integers(0, 2))}",
                draw(st.sampled_from(places)).id,
                int_ext=int_ext,
                time=draw(st.sampled_from((TimeOfDay.DAY, TimeOfDay.NIGHT, TimeOfDay.DAWN))),
                episode=draw(st.integers(1, 3)),
                cast=tuple(sorted(draw(st.sets(st.sampled_from(["1", "2", "3"]), max_size=2)))),
                background=draw(st.sampled_from((0, 0, 10, 25))),
                weather_cover=int_ext is IntExt.INT and draw(st.booleans()),
            )
        )
    scenes = [s.scene_id for s in strips]
    sometimes = st.sampled_from((False, False, True))  # each rule binds in about a third
    rules = Rules(
        max_hours_per_day=draw(st.sampled_from((6.0, 12.0, 12.0))),
        target_eighths_per_day=16,
        max_company_moves_per_day=draw(st.integers(0, 2)),
        turnaround_hours=draw(st.sampled_from((12.0, 12.0, 30.0))),
        fixed_dates={"1": draw(st.sampled_from(dates))} if draw(sometimes) else {},
        must_precede=(Precedence(scenes[1], scenes[2]),) if draw(sometimes) else (),
        same_day=((scenes[0], scenes[-1]),) if draw(sometimes) else (),
        same_day_city_moves=draw(st.booleans()),
        city_travel_days=draw(st.integers(1, 2)),
        travel_on_days_off=draw(st.booleans()),
        blocks_in_order=draw(st.booleans()),
        weather_cover_required=draw(sometimes),
        max_headcount_per_day=draw(st.sampled_from((None, None, 40))),
        max_headcount_per_set=draw(st.sampled_from((None, None, 30))),
        pods=(CastPod("A", ("1",)), CastPod("B", ("2",))) if draw(sometimes) else (),
    )
    blocks = (Block((1,), "A"), Block((2, 3), "B")) if draw(sometimes) else ()
    return ScheduleProblem(tuple(strips), tuple(cast), places, calendar, rules, WEIGHTS, blocks)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_every_returned_schedule_keeps_every_rule_at_the_optimum(problem):
    best = brute_force(problem)
    try:
        schedule = solve(problem, time_limit=5, workers=1)
    except Infeasible as caught:
        event("infeasible")
        assert best is None, f"the solver found no schedule, brute force one at {best}"
        assert caught.rules
        return
    event("feasible")
    when = {scene: day.date for day in schedule.days for scene in day.strips}
    assert violations(problem, when) == []
    assert schedule.total_cost == cost_of(problem, when)
    assert best is not None
    assert schedule.total_cost == best
    assert schedule.cost[Term.SHOOT_DAYS] > 0
