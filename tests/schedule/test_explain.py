"""The per-day explanation names the rule that binds on each shoot day."""

from __future__ import annotations

from datetime import date, timedelta

from mosaico.schedule.check import Rule
from mosaico.schedule.cpsat import solve
from mosaico.schedule.explain import (
    DayExplanation,
    TravelDay,
    explain_days,
    travel_plan,
    weather_cover_plan,
)
from mosaico.schedule.model import (
    Block,
    Calendar,
    CastMember,
    Location,
    Rules,
    ScheduleProblem,
    Strip,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay

MONDAY = date(2027, 3, 1)
WEIGHTS = Weights(shoot_day=5_000, company_move=2_000, under_filled_eighth=0, over_filled_eighth=0)
PLACES = (Location("casa", city="durango"), Location("hotel", city="saltillo"))


def day(n: int) -> date:
    return MONDAY + timedelta(days=n - 1)


def explained(
    strips: tuple[Strip, ...],
    rules: Rules,
    *,
    cast: tuple[CastMember, ...] = (),
    blocks: tuple[Block, ...] = (),
    days: int = 4,
) -> tuple[ScheduleProblem, list[DayExplanation]]:
    calendar = Calendar(start=MONDAY, work_days=days, weekly_days_off=frozenset())
    members = cast or (CastMember("1", "ÉRIKA"), CastMember("2", "NIÑA"))
    p = ScheduleProblem(strips, members, PLACES, calendar, rules, WEIGHTS, blocks=blocks)
    schedule = solve(p, time_limit=5)
    return p, explain_days(p, schedule)


def texts(found: DayExplanation) -> dict[Rule | None, list[str]]:
    out: dict[Rule | None, list[str]] = {}
    for reason in found.reasons:
        out.setdefault(reason.rule, []).append(reason.text)
    return out


def test_fixed_scene_full_day_and_contract_end():
    strips = (
        Strip("1", 8, "CASA", "casa", hours=5.0, cast=("1",)),
        Strip("2", 8, "CASA", "casa", hours=5.0, cast=("2",)),
        Strip("3", 8, "CASA", "casa", hours=5.0),
    )
    cast = (CastMember("1", "ÉRIKA", available_until=day(1)), CastMember("2", "NIÑA"))
    _, found = explained(strips, Rules(max_hours_per_day=10, fixed_dates={"1": day(1)}), cast=cast)
    why = texts(found[0])
    assert why[Rule.FIXED_DATE] == ["scene 1 fixed on this date"]
    assert why[Rule.HOURS] == ["the day is full: 10.00 of 10 hours, no other scene fits"]
    assert why[Rule.CAST_WINDOW] == [
        "ÉRIKA (1)'s contract ends here: not available on the next shoot date, 2027-03-02"
    ]


def test_nothing_binding_says_the_day_is_chosen_for_cost():
    strips = (Strip("1", 8, "CASA", "casa", hours=1.0),)
    _, found = explained(strips, Rules())
    assert [(r.rule, r.text) for r in found[0].reasons] == [
        (None, "no rule binds: the day is as it is because it costs least")
    ]


def test_travel_days_are_explained_on_both_sides():
    strips = (Strip("1", 8, "CASA", "casa", hours=1.0), Strip("2", 8, "HOTEL", "hotel", hours=1.0))
    rules = Rules(same_day_city_moves=False, fixed_dates={"1": MONDAY})
    _, found = explained(strips, rules)
    assert texts(found[0])[Rule.CITY_TRAVEL] == [
        "last day in durango before travelling to saltillo"
    ]
    assert texts(found[1])[Rule.CITY_TRAVEL] == [
        "first day in saltillo after travelling from durango"
    ]
    assert found[1].date == day(3)


def test_blocks_minors_and_turnaround():
    strips = (
        Strip("1-1", 8, "CASA", "casa", hours=3.0, episode=1, cast=("2",)),
        Strip("1-2", 8, "CASA", "casa", hours=3.0, episode=1, cast=("2",)),
        Strip("2-1", 8, "CASA", "casa", hours=1.0, episode=2, time=TimeOfDay.NIGHT, cast=("1",)),
        Strip("2-2", 8, "CASA", "casa", hours=1.0, episode=2, time=TimeOfDay.NIGHT, cast=("1",)),
    )
    cast = (CastMember("1", "ÉRIKA"), CastMember("2", "NIÑA", minor_max_hours=5, school_hours=2))
    blocks = (Block((1,), "Natalia Beristáin"), Block((2,), "Luis Mandoki"))
    rules = Rules(fixed_dates={"2-1": day(1), "2-2": day(2)})
    _, found = explained(strips, rules, cast=cast, blocks=blocks)
    by_date = {f.date: texts(f) for f in found}
    assert by_date[day(1)][Rule.ONE_BLOCK_A_DAY] == ["first day of block 2 (Luis Mandoki)"]
    assert by_date[day(2)][Rule.ONE_BLOCK_A_DAY] == ["last day of block 2 (Luis Mandoki)"]
    assert by_date[day(2)][Rule.TURNAROUND] == [
        "ÉRIKA (1) wrapped nights on 2027-03-01: 12 hours of rest keep them off a day call"
    ]
    minor_days = [f for f in found if Rule.MINOR_HOURS in texts(f)]
    assert len(minor_days) == 2
    assert texts(minor_days[0])[Rule.MINOR_HOURS] == [
        "NIÑA (2), a minor, is on set 3.00 of 3 hours"
    ]


def test_exterior_days_list_their_weather_cover():
    strips = (
        Strip("ext", 8, "PLAZA", "casa", hours=1.0, int_ext=IntExt.EXT),
        Strip("w", 8, "CASA", "casa", hours=1.0, weather_cover=True),
    )
    p, found = explained(strips, Rules(weather_cover_required=True))
    ext = next(f for f in found if f.exterior)
    assert ext.cover == ("w",)
    assert texts(ext)[Rule.WEATHER_COVER] == ["exterior day: weather cover w can be pulled in"]
    schedule = solve(p, time_limit=5)
    assert weather_cover_plan(p, schedule) == {schedule.day_of("ext").date: ("w",)}


def test_travel_plan_gives_the_travel_dates_and_who_travels():
    strips = (
        Strip("1", 8, "CASA", "casa", hours=1.0, cast=("1", "2")),
        Strip("2", 8, "HOTEL", "hotel", hours=1.0, cast=("1",)),
    )
    rules = Rules(same_day_city_moves=False, fixed_dates={"1": MONDAY})
    p, _ = explained(strips, rules)
    schedule = solve(p, time_limit=5)
    assert travel_plan(p, schedule) == [TravelDay(day(2), "durango", "saltillo", ("1",))]
    assert travel_plan(ScheduleProblem(strips, p.cast, PLACES, p.calendar, Rules()), schedule) == []
