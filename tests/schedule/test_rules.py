"""Each rule of the full model on a small instance: it changes the answer, the checker
agrees with the solver, and an impossible request names the rule in words."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from mosaico.errors import Infeasible, ValidationError
from mosaico.schedule.check import Rule, violations
from mosaico.schedule.cpsat import solve
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.model import (
    Block,
    Calendar,
    CastMember,
    CastPod,
    CityTravel,
    Location,
    Rules,
    Schedule,
    ScheduleProblem,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt

MONDAY = date(2027, 3, 1)
WEIGHTS = Weights(
    shoot_day=5_000,
    company_move=2_000,
    day_night_switch=1_500,
    under_filled_eighth=0,
    over_filled_eighth=0,
    drop_pickup=3_000,
)
PLACES = (
    Location("casa", city="durango"),
    Location("plaza", city="durango"),
    Location("hotel", city="saltillo"),
)


def problem(
    strips: tuple[Strip, ...],
    *,
    cast: tuple[CastMember, ...] = (),
    days: int = 4,
    rules: Rules | None = None,
    blocks: tuple[Block, ...] = (),
    start: date = MONDAY,
    weekly_days_off: frozenset[int] = frozenset(),
    places: tuple[Location, ...] = PLACES,
) -> ScheduleProblem:
    calendar = Calendar(start=start, work_days=days, weekly_days_off=weekly_days_off)
    members = cast or tuple(CastMember(str(i), f"ROLE {i}") for i in range(1, 5))
    return ScheduleProblem(
        strips, members, places, calendar, rules or Rules(), WEIGHTS, blocks=blocks
    )


def solved(p: ScheduleProblem) -> Schedule:
    schedule = solve(p, time_limit=5)
    assignment = {scene: day.date for day in schedule.days for scene in day.strips}
    assert violations(p, assignment) == []
    return schedule


def rules_named(p: ScheduleProblem) -> list[str]:
    with pytest.raises(Infeasible) as caught:
        solve(p, time_limit=5)
    return caught.value.rules


def day(n: int) -> date:
    return MONDAY + timedelta(days=n - 1)


def one_hour(scene: str, where: str = "casa", **kw: object) -> Strip:
    return Strip(scene, 8, f"SET {where}", where, hours=1.0, **kw)  # type: ignore[arg-type]


# --- cast windows ----------------------------------------------------------------------


def test_cast_window_moves_the_actor_to_their_dates():
    strips = (one_hour("1", cast=("1",)), one_hour("2", cast=("2",)))
    free = solved(problem(strips))
    assert len(free.days) == 1
    late = (CastMember("1", "ÉRIKA"), CastMember("2", "DOÑA CHAYO", available_from=day(3)))
    bound = solved(problem(strips, cast=late))
    assert bound.day_of("2").date >= day(3)
    assert bound.cost[Term.SHOOT_DAYS] > free.cost[Term.SHOOT_DAYS]


def test_cast_window_against_a_fixed_date_is_named():
    strips = (one_hour("1", cast=("1",)),)
    early = (CastMember("1", "ÉRIKA", available_until=day(2)),)
    rules = Rules(fixed_dates={"1": day(3)})
    assert rules_named(problem(strips, cast=early, rules=rules)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "ÉRIKA (1) is available only until 2027-03-02",
        "scene 1 is fixed on 2027-03-03",
    ]


# --- minors ------------------------------------------------------------------------------


def _minor_strips() -> tuple[Strip, ...]:
    return tuple(Strip(str(i), 8, "CASA", "casa", hours=4.0, cast=("1",)) for i in range(1, 4))


def test_minor_works_within_hour_cap_less_school():
    adult = solved(problem(_minor_strips(), cast=(CastMember("1", "NIÑA"),)))
    assert len(adult.days) == 1  # twelve hours fit a twelve-hour day
    minor = (CastMember("1", "NIÑA", minor_max_hours=9, school_hours=3),)
    schedule = solved(problem(_minor_strips(), cast=minor))
    # Six hours on set: one four-hour strip a day.
    assert len(schedule.days) == 3
    assert all(d.hours <= 6 for d in schedule.days)


def test_minor_with_too_few_days_is_named():
    minor = (CastMember("1", "NIÑA", minor_max_hours=9, school_hours=3),)
    assert rules_named(problem(_minor_strips(), cast=minor, days=2)) == [
        "every scene is shot within the 2 shoot days 2027-03-01 to 2027-03-02",
        "NIÑA (1), a minor, works at most 6 hours a day on set (9 hours, less 3 of school)",
    ]


def test_school_hours_need_a_minor_cap():
    with pytest.raises(ValidationError, match="cast 1"):
        problem(_minor_strips(), cast=(CastMember("1", "NIÑA", school_hours=3),))
    with pytest.raises(ValidationError, match="no time on set"):
        problem(_minor_strips(), cast=(CastMember("1", "NIÑA", minor_max_hours=3, school_hours=3),))


# --- locations: max days -------------------------------------------------------------------


def _two_actors_at_casa() -> tuple[tuple[Strip, ...], tuple[CastMember, ...], Rules]:
    strips = (
        one_hour("c1", "casa", cast=("1",)),
        one_hour("p1", "plaza", cast=("1",)),
        one_hour("c2", "casa", cast=("2",)),
        one_hour("p2", "plaza", cast=("2",)),
    )
    cast = (
        CastMember("1", "ÉRIKA", cost_per_day=10_000),
        CastMember("2", "TOÑO", cost_per_day=10_000),
    )
    return strips, cast, Rules(fixed_dates={"p1": day(1), "p2": day(4)})


def test_location_max_days_keeps_its_scenes_together():
    strips, cast, rules = _two_actors_at_casa()
    # Apart, each actor shoots both scenes on one day (a company move each day);
    # together at casa, one of them is held a day.
    free = solved(problem(strips, cast=cast, rules=rules))
    assert free.day_of("c1") != free.day_of("c2")
    few = (Location("casa", city="durango", max_days=1), *PLACES[1:])
    bound = solved(problem(strips, cast=cast, rules=rules, places=few))
    assert bound.day_of("c1") == bound.day_of("c2")
    assert bound.total_cost > free.total_cost


def test_location_max_days_against_fixed_dates_is_named():
    strips, cast, _ = _two_actors_at_casa()
    few = (Location("casa", city="durango", max_days=1), *PLACES[1:])
    rules = Rules(fixed_dates={"c1": day(1), "c2": day(2)})
    assert rules_named(problem(strips, cast=cast, rules=rules, days=3, places=few)) == [
        "every scene is shot within the 3 shoot days 2027-03-01 to 2027-03-03",
        "scene c1 is fixed on 2027-03-01",
        "scene c2 is fixed on 2027-03-02",
        "location casa can be used on at most 1 day",
    ]


# --- cities and travel days ------------------------------------------------------------------


def _two_cities() -> tuple[Strip, ...]:
    return (one_hour("1", "casa"), one_hour("2", "plaza"), one_hour("3", "hotel"))


def test_a_move_across_cities_takes_a_travel_day():
    free = solved(problem(_two_cities(), rules=Rules(max_company_moves_per_day=2)))
    assert len(free.days) == 1
    rules = Rules(max_company_moves_per_day=2, same_day_city_moves=False)
    schedule = solved(problem(_two_cities(), rules=rules))
    assert schedule.day_of("1") == schedule.day_of("2")
    gap = abs(schedule.day_of("3").number - schedule.day_of("1").number)
    assert abs((schedule.day_of("3").date - schedule.day_of("1").date).days) == 2
    assert gap == 1  # numbered among days shot: the travel date between is idle
    assert schedule.cost[Term.SHOOT_DAYS] == 3 * WEIGHTS.shoot_day


def test_travel_on_a_weekend_costs_no_shoot_date():
    friday = date(2027, 3, 5)
    rules = Rules(
        max_company_moves_per_day=2,
        same_day_city_moves=False,
        travel_on_days_off=True,
        fixed_dates={"1": friday},
    )
    weekends = frozenset({5, 6})
    schedule = solved(problem(_two_cities(), rules=rules, start=friday, weekly_days_off=weekends))
    assert schedule.day_of("1").date == friday
    assert schedule.day_of("3").date == date(2027, 3, 8)
    assert schedule.cost[Term.SHOOT_DAYS] == 2 * WEIGHTS.shoot_day


def test_a_longer_trip_between_two_cities_is_named_when_the_calendar_is_short():
    rules = Rules(
        max_company_moves_per_day=2,
        same_day_city_moves=False,
        city_travel=(CityTravel("saltillo", "durango", 2),),
    )
    assert (
        solved(problem(_two_cities(), rules=rules)).cost[Term.SHOOT_DAYS] == 4 * WEIGHTS.shoot_day
    )
    assert rules_named(problem(_two_cities(), rules=rules, days=3)) == [
        "every scene is shot within the 3 shoot days 2027-03-01 to 2027-03-03",
        "moving the company between durango and saltillo takes 2 travel days with no shooting",
    ]


# --- episode blocks --------------------------------------------------------------------------


def _episodes() -> tuple[Strip, ...]:
    return (
        one_hour("1-1", "casa", episode=1),
        one_hour("1-2", "casa", episode=1),
        one_hour("2-1", "casa", episode=2),
        one_hour("3-1", "casa", episode=3),
    )


BLOCKS = (Block((1, 2), "Natalia Beristáin"), Block((3,), "Luis Mandoki"))


def test_blocks_keep_one_director_a_day_and_cross_board_inside():
    assert len(solved(problem(_episodes())).days) == 1
    schedule = solved(problem(_episodes(), blocks=BLOCKS))
    assert len(schedule.days) == 2
    assert schedule.day_of("1-1") == schedule.day_of("2-1")  # one block: cross-boarded
    assert schedule.day_of("3-1") != schedule.day_of("1-1")


def test_blocks_in_order():
    rules = Rules(blocks_in_order=True)
    reverse = (BLOCKS[1], BLOCKS[0])
    schedule = solved(problem(_episodes(), blocks=reverse, rules=rules))
    assert schedule.day_of("3-1").date < schedule.day_of("1-1").date
    fixed = Rules(blocks_in_order=True, fixed_dates={"3-1": day(1)})
    assert rules_named(problem(_episodes(), blocks=BLOCKS, rules=fixed)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "scene 3-1 is fixed on 2027-03-01",
        "block 1 (episodes 1, 2, Natalia Beristáin) wraps before block 2 "
        "(episode 3, Luis Mandoki) starts",
    ]


def test_an_episode_in_two_blocks_is_refused():
    with pytest.raises(ValidationError, match="block 2"):
        problem(_episodes(), blocks=(Block((1, 2), "A"), Block((2,), "B")))


# --- weather cover ---------------------------------------------------------------------------


def _weather() -> tuple[Strip, ...]:
    return (
        one_hour("ext", "plaza", int_ext=IntExt.EXT),
        one_hour("cover", "casa", weather_cover=True),
        one_hour("int", "casa"),
    )


def test_every_exterior_day_keeps_a_cover_scene_for_later():
    assert len(solved(problem(_weather())).days) == 1
    schedule = solved(problem(_weather(), rules=Rules(weather_cover_required=True)))
    assert schedule.day_of("cover").date > schedule.day_of("ext").date


def test_weather_cover_with_one_day_is_named():
    rules = Rules(weather_cover_required=True)
    assert rules_named(problem(_weather(), rules=rules, days=1)) == [
        "every scene is shot within the 1 shoot days 2027-03-01 to 2027-03-01",
        "every day with exterior work keeps an interior weather-cover scene in reserve",
    ]


def test_a_cover_scene_must_be_interior():
    with pytest.raises(ValidationError, match="interior"):
        problem((one_hour("w", int_ext=IntExt.EXT, weather_cover=True),))


# --- health protocols ------------------------------------------------------------------------


def _crowds() -> tuple[Strip, ...]:
    return (
        one_hour("1", "plaza", background=30, cast=("1",)),
        one_hour("2", "plaza", background=30, cast=("2",)),
        one_hour("3", "casa", cast=("3",)),
    )


def test_headcount_per_day_splits_crowds():
    assert len(solved(problem(_crowds())).days) == 1
    schedule = solved(problem(_crowds(), rules=Rules(max_headcount_per_day=40)))
    assert schedule.day_of("1") != schedule.day_of("2")


def test_headcount_per_set_and_same_day_clash_is_named():
    schedule = solved(problem(_crowds(), rules=Rules(max_headcount_per_set=40)))
    assert schedule.day_of("1") != schedule.day_of("2")
    rules = Rules(max_headcount_per_set=40, same_day=(("1", "2"),))
    assert rules_named(problem(_crowds(), rules=rules)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "scenes 1, 2 are shot on the same day",
        "at most 40 cast and background a day on set SET plaza",
    ]


def test_pods_never_share_a_day():
    pods = (CastPod("A", ("1",)), CastPod("B", ("2", "3")))
    schedule = solved(problem(_crowds(), rules=Rules(pods=pods)))
    assert schedule.day_of("1") != schedule.day_of("2")
    assert schedule.day_of("2") == schedule.day_of("3")
    rules = Rules(pods=pods, fixed_dates={"1": day(2), "3": day(2)})
    assert rules_named(problem(_crowds(), rules=rules)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "scene 1 is fixed on 2027-03-02",
        "scene 3 is fixed on 2027-03-02",
        "cast of different pods (A, B) never work on the same day",
    ]


# --- hold or drop and pick up -----------------------------------------------------------------


def _long_gap(allow_drop: bool) -> ScheduleProblem:
    cast = (CastMember("1", "ÉRIKA", cost_per_day=2_000, allow_drop=allow_drop, drop_min_gap=3),)
    strips = (one_hour("1", cast=("1",)), one_hour("2", cast=("1",)), one_hour("3"))
    rules = Rules(fixed_dates={"1": day(1), "2": day(6), "3": day(6)})
    return problem(strips, cast=cast, rules=rules, days=6)


def test_a_long_gap_is_a_drop_and_pick_up_when_allowed():
    held = solved(_long_gap(False))
    assert held.cost[Term.CAST_HOLDING] == 4 * 2_000
    assert held.cost[Term.DROP_PICKUP] == 0
    dropped = solved(_long_gap(True))
    assert dropped.cost[Term.CAST_HOLDING] == 0
    assert dropped.cost[Term.DROP_PICKUP] == WEIGHTS.drop_pickup
    assert ("ÉRIKA (1) dropped and picked up", WEIGHTS.drop_pickup) in dropped.details


def test_a_short_gap_is_held_even_when_drops_are_allowed():
    cast = (CastMember("1", "ÉRIKA", cost_per_day=2_000, allow_drop=True, drop_min_gap=5),)
    base = _long_gap(True)
    p = ScheduleProblem(base.strips, cast, base.locations, base.calendar, base.rules, WEIGHTS)
    schedule = solved(p)
    assert schedule.cost[Term.CAST_HOLDING] == 4 * 2_000
    assert schedule.cost[Term.DROP_PICKUP] == 0


def test_the_checker_names_what_a_hand_made_board_breaks():
    rules = Rules(
        max_company_moves_per_day=2,
        same_day_city_moves=False,
        weather_cover_required=True,
        max_headcount_per_day=40,
    )
    strips = (*_crowds(), one_hour("4", "hotel", int_ext=IntExt.EXT))
    p = problem(strips, rules=rules)
    board = {"1": day(1), "2": day(1), "3": day(2), "4": day(3)}
    found = violations(p, board)
    assert {v.rule for v in found} == {Rule.HEADCOUNT_DAY, Rule.CITY_TRAVEL, Rule.WEATHER_COVER}
    travel = next(v for v in found if v.rule is Rule.CITY_TRAVEL)
    assert travel.date == day(3) and travel.strips == ("4",)
    assert "from durango (2027-03-02) to saltillo (2027-03-03)" in travel.text


def test_first_fit_keeps_contract_dates_minors_and_location_days():
    cast = (
        CastMember("1", "ÉRIKA", available_from=day(2)),
        CastMember("2", "NIÑA", minor_max_hours=5, school_hours=2),
    )
    few = (Location("casa", city="durango", max_days=2), *PLACES[1:])
    strips = (
        Strip("1", 8, "CASA", "casa", hours=2.0, cast=("1",)),
        Strip("2", 8, "CASA", "casa", hours=2.0, cast=("2",)),
        Strip("3", 8, "CASA", "casa", hours=2.0, cast=("2",)),
        Strip("4", 8, "CASA", "casa", hours=2.0),
    )
    p = problem(strips, cast=cast, places=few)
    dates = p.calendar.shoot_dates()
    placed = first_fit(p, dates)
    assert len(placed) == 4
    assert violations(p, {scene: dates[d] for scene, d in placed.items()}) == []


def test_one_block_a_day_against_a_same_day_group_is_named():
    rules = Rules(same_day=(("1-1", "3-1"),))
    assert rules_named(problem(_episodes(), blocks=BLOCKS, rules=rules)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "scenes 1-1, 3-1 are shot on the same day",
        "a shoot day belongs to one episode block (one director on set)",
    ]


def test_headcount_per_day_against_a_same_day_group_is_named():
    rules = Rules(max_headcount_per_day=40, same_day=(("1", "2"),))
    assert rules_named(problem(_crowds(), rules=rules)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "scenes 1, 2 are shot on the same day",
        "at most 40 cast and background a day",
    ]


def test_with_travel_days_a_cover_scene_must_be_in_the_same_city():
    strips = (
        one_hour("ext", "plaza", int_ext=IntExt.EXT),
        one_hour("far", "hotel", weather_cover=True),
    )
    rules = Rules(weather_cover_required=True, same_day_city_moves=False)
    assert rules_named(problem(strips, rules=rules, days=6)) == [
        "every scene is shot within the 6 shoot days 2027-03-01 to 2027-03-06",
        "every day with exterior work keeps an interior weather-cover scene in reserve",
    ]
    near = (*strips, one_hour("near", "casa", weather_cover=True))
    schedule = solved(problem(near, rules=rules, days=6))
    assert schedule.day_of("near").date > schedule.day_of("ext").date


def test_location_window_moves_its_scenes_and_is_named_against_a_fixed_date():
    strips = (one_hour("1", "casa"), one_hour("2", "plaza"))
    rules = Rules(max_company_moves_per_day=1)
    assert len(solved(problem(strips, rules=rules)).days) == 1
    late = (PLACES[0], Location("plaza", city="durango", available_from=day(3)), PLACES[2])
    schedule = solved(problem(strips, rules=rules, places=late))
    assert schedule.day_of("2").date >= day(3)
    fixed = Rules(fixed_dates={"2": day(2)})
    assert rules_named(problem(strips, rules=fixed, places=late)) == [
        "every scene is shot within the 4 shoot days 2027-03-01 to 2027-03-04",
        "location plaza can be used only from 2027-03-03",
        "scene 2 is fixed on 2027-03-02",
    ]


def test_first_fit_keeps_one_block_city_and_pod_a_day_and_the_headcount():
    pods = (CastPod("A", ("1",)), CastPod("B", ("2",)))
    rules = Rules(
        max_company_moves_per_day=2,
        same_day_city_moves=False,
        travel_on_days_off=True,
        pods=pods,
        max_headcount_per_day=40,
    )
    strips = (
        one_hour("1-1", "casa", episode=1, cast=("1",), background=30),
        one_hour("1-2", "plaza", episode=1, cast=("2",)),
        one_hour("2-1", "casa", episode=2),
        one_hour("2-2", "hotel", episode=2, background=30),
        one_hour("3-1", "plaza", episode=3, cast=("1",)),
    )
    p = problem(strips, rules=rules, blocks=BLOCKS, days=6, weekly_days_off=frozenset({6}))
    dates = p.calendar.shoot_dates()
    placed = first_fit(p, dates)
    assert len(placed) == 5
    board = {scene: dates[d] for scene, d in placed.items()}
    assert violations(p, board) == []
    # Travel on idle shoot dates: first fit leaves them free too.
    idle = dataclasses.replace(rules, travel_on_days_off=False)
    p = problem(strips, rules=idle, blocks=BLOCKS, days=8)
    dates = p.calendar.shoot_dates()
    board = {scene: dates[d] for scene, d in first_fit(p, dates).items()}
    assert len(board) == 5
    assert violations(p, board) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"cast": (CastMember("1", "A", available_from=day(3), available_until=day(2)),)},
            "cast 1",
        ),
        ({"cast": (CastMember("1", "A", allow_drop=True, drop_min_gap=0),)}, "cast 1"),
        ({"cast": (CastMember("1", "A", minor_max_hours=30),)}, "cast 1"),
        ({"places": (Location("casa", max_days=0),)}, "location casa"),
        (
            {"places": (Location("casa", available_from=day(2), available_until=day(1)),)},
            "location casa",
        ),
        ({"rules": Rules(max_headcount_per_day=0)}, "rules.max_headcount_per_day"),
        ({"rules": Rules(max_headcount_per_set=0)}, "rules.max_headcount_per_set"),
        ({"rules": Rules(city_travel=(CityTravel("a", "b", -1),))}, "rules.city_travel"),
        ({"rules": Rules(pods=(CastPod("A", ("9",)),))}, "pod A"),
        ({"rules": Rules(pods=(CastPod("A", ("1",)), CastPod("B", ("1",))))}, "pod B"),
        ({"blocks": (Block((1,), " "),)}, "block 1"),
    ],
)
def test_bad_values_of_the_new_fields_name_the_field(change, field):
    arguments = {"cast": (CastMember("1", "A"),), "places": (Location("casa"),), **change}
    with pytest.raises(ValidationError) as caught:
        problem((one_hour("1", "casa"),), **arguments)
    assert caught.value.field == field
