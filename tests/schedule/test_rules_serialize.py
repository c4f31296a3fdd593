"""Every field the full scheduling model added survives mosaico.schedule.serialize."""

from __future__ import annotations

from test_rules import PLACES, day, one_hour, problem

from mosaico.schedule.cpsat import solve
from mosaico.schedule.model import Block, CastMember, CastPod, CityTravel, Location, Rules, Term
from mosaico.schedule.serialize import (
    problem_from_dict,
    problem_to_dict,
    schedule_from_dict,
    schedule_to_dict,
)


def test_every_new_field_round_trips_through_serialize():
    cast = (
        CastMember(
            "1",
            "NIÑA",
            cost_per_day=2_000,
            available_from=day(1),
            available_until=day(4),
            minor_max_hours=8,
            school_hours=3,
            allow_drop=True,
            drop_min_gap=5,
        ),
        CastMember("2", "ÉRIKA"),
    )
    places = (
        Location("casa", city="durango", max_days=3, available_from=day(1), available_until=day(4)),
        *PLACES[1:],
    )
    strips = (
        one_hour("1", "casa", cast=("1",), episode=1),
        one_hour("2", "hotel", weather_cover=True, cast=("2",), episode=2),
    )
    rules = Rules(
        same_day_city_moves=False,
        city_travel_days=2,
        city_travel=(CityTravel("durango", "saltillo", 1),),
        travel_on_days_off=True,
        blocks_in_order=True,
        weather_cover_required=True,
        max_headcount_per_day=50,
        max_headcount_per_set=20,
        pods=(CastPod("A", ("1",)), CastPod("B", ("2",))),
    )
    blocks = (Block((1,), "Natalia Beristáin"), Block((2,), "Luis Mandoki"))
    original = problem(strips, cast=cast, rules=rules, blocks=blocks, places=places)
    assert problem_from_dict(problem_to_dict(original)) == original


def test_a_schedule_with_drops_round_trips_through_serialize():
    cast = (CastMember("1", "ÉRIKA", cost_per_day=2_000, allow_drop=True, drop_min_gap=3),)
    strips = (one_hour("1", cast=("1",)), one_hour("2", cast=("1",)))
    rules = Rules(fixed_dates={"1": day(1), "2": day(6)})
    schedule = solve(problem(strips, cast=cast, rules=rules, days=6), time_limit=5)
    assert schedule.cost[Term.DROP_PICKUP] > 0
    assert schedule_from_dict(schedule_to_dict(schedule)) == schedule
