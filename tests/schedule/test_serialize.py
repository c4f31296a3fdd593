"""Problems and schedules to JSON and back: exact round trips, and bad data named by place."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mosaico.demo.synth import generate_production
from mosaico.errors import ValidationError
from mosaico.schedule import serialize as ser
from mosaico.schedule.cpsat import solve
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.model import (
    Calendar,
    CastMember,
    DayOff,
    Location,
    Precedence,
    Rules,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Status,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay


def through_json(data: dict[str, Any]) -> Any:
    """What the store gives back: the dict after a trip through JSON text."""
    return json.loads(json.dumps(data))


# --- strategies -----------------------------------------------------------------------

texts = st.text(min_size=1, max_size=12)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)


@st.composite
def problems(draw: st.DrawFn) -> ScheduleProblem:
    cast_ids = draw(st.lists(texts, unique=True, max_size=5))
    place_ids = draw(st.lists(texts, unique=True, min_size=1, max_size=4))
    scene_ids = draw(st.lists(texts, unique=True, max_size=8))
    strips = tuple(
        Strip(
            scene_id=scene,
            eighths=draw(st.integers(1, 80)),
            set_name=draw(st.text(max_size=20)),
            location=draw(st.sampled_from(place_ids)),
            int_ext=draw(st.sampled_from(list(IntExt))),
            time=draw(st.sampled_from(list(TimeOfDay))),
            script_day=draw(st.integers(0, 30)),
            episode=draw(st.integers(1, 12)),
            cast=tuple(draw(st.lists(st.sampled_from(cast_ids), unique=True))) if cast_ids else (),
            background=draw(st.integers(0, 300)),
            elements=tuple(draw(st.lists(texts, max_size=3))),
            hours=draw(st.none() | st.floats(min_value=0.1, max_value=24)),
        )
        for scene in scene_ids
    )
    cast = tuple(
        CastMember(
            id=member,
            name=draw(texts),
            cost_per_day=draw(st.integers(0, 10**9)),
            unavailable=draw(st.frozensets(days, max_size=4)),
            max_consecutive_days=draw(st.none() | st.integers(1, 30)),
        )
        for member in cast_ids
    )
    locations = tuple(
        Location(
            id=place,
            city=draw(st.text(max_size=10)),
            latitude=draw(finite),
            longitude=draw(finite),
            unavailable=draw(st.frozensets(days, max_size=3)),
        )
        for place in place_ids
    )
    start = draw(days)
    offs = draw(
        st.lists(
            st.tuples(days, st.none() | st.integers(0, 20), texts).map(
                lambda t: DayOff(
                    start=t[0], reason=t[2], end=None if t[1] is None else t[0] + timedelta(t[1])
                )
            ),
            max_size=3,
        )
    )
    calendar = Calendar(
        start=start,
        work_days=draw(st.integers(1, 40)),
        weekly_days_off=draw(st.frozensets(st.integers(0, 6), max_size=3)),
        country=draw(st.none() | st.sampled_from(["MX", "ES", "US"])),
        subdivision=None,
        days_off=tuple(offs),
    )
    fixed = (
        {s: draw(days) for s in draw(st.lists(st.sampled_from(scene_ids), unique=True))}
        if (scene_ids)
        else {}
    )
    pairs = (
        tuple(
            Precedence(a, b)
            for a, b in draw(
                st.lists(st.tuples(st.sampled_from(scene_ids), st.sampled_from(scene_ids)))
            )
        )
        if scene_ids
        else ()
    )
    groups = (
        tuple(
            tuple(g)
            for g in draw(st.lists(st.lists(st.sampled_from(scene_ids), min_size=2, max_size=3)))
        )
        if scene_ids
        else ()
    )
    rules = Rules(
        max_hours_per_day=draw(st.floats(min_value=0.5, max_value=24)),
        target_eighths_per_day=draw(st.integers(1, 120)),
        max_company_moves_per_day=draw(st.integers(0, 4)),
        turnaround_hours=draw(st.floats(min_value=0, max_value=24)),
        fixed_dates=fixed,
        must_precede=pairs,
        same_day=groups,
    )
    weights = Weights(*(draw(st.integers(0, 10**7)) for _ in range(6)))
    return ScheduleProblem(strips, cast, locations, calendar, rules, weights)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    day_list = tuple(
        ShootDay(
            number=n + 1,
            date=draw(days),
            strips=tuple(draw(st.lists(texts, max_size=4))),
            eighths=draw(st.integers(0, 200)),
            hours=draw(st.floats(min_value=0, max_value=24)),
            locations=tuple(draw(st.lists(texts, max_size=3))),
        )
        for n in range(draw(st.integers(0, 5)))
    )
    cost = {
        term: draw(st.integers(0, 10**10)) for term in draw(st.sets(st.sampled_from(list(Term))))
    }
    return Schedule(
        days=day_list,
        cost=cost,
        lower_bound=draw(st.integers(0, 10**10)),
        status=draw(st.sampled_from(list(Status))),
        seconds=draw(st.floats(min_value=0, max_value=1e4)),
        first_feasible_seconds=draw(st.none() | st.floats(min_value=0, max_value=1e4)),
        details=tuple(draw(st.lists(st.tuples(texts, st.integers(-(10**9), 10**9)), max_size=4))),
    )


# --- round trips ------------------------------------------------------------------------


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_any_problem_comes_back_equal_after_json(problem: ScheduleProblem) -> None:
    data = ser.problem_to_dict(problem)
    back = ser.problem_from_dict(through_json(data))
    assert back == problem
    # Writing again gives the same JSON: nothing depends on set order.
    assert ser.problem_to_dict(back) == data


@settings(max_examples=120, deadline=None)
@given(schedules())
def test_any_schedule_comes_back_equal_after_json(schedule: Schedule) -> None:
    back = ser.schedule_from_dict(through_json(ser.schedule_to_dict(schedule)))
    assert back == schedule
    assert back.total_cost == schedule.total_cost
    assert back.gap == schedule.gap


def test_a_solved_synthetic_episode_round_trips_with_its_schedule() -> None:
    problem = problem_from_synth(generate_production("episode", seed=3))
    schedule = solve(problem, time_limit=3.0)
    problem_json = json.dumps(ser.problem_to_dict(problem))
    schedule_json = json.dumps(ser.schedule_to_dict(schedule))
    assert ser.problem_from_dict(json.loads(problem_json)) == problem
    back = ser.schedule_from_dict(json.loads(schedule_json))
    assert back == schedule
    assert [d.date for d in back.days] == [d.date for d in schedule.days]
    for day in schedule.days:
        assert back.day_of(day.strips[0]).date == day.date


def test_dates_are_iso_and_sets_are_sorted() -> None:
    member = CastMember(
        id="1", name="ÉRIKA", unavailable=frozenset({date(2027, 5, 2), date(2027, 4, 30)})
    )
    assert ser.cast_to_dict(member)["unavailable"] == ["2027-04-30", "2027-05-02"]
    calendar = Calendar(
        start=date(2027, 3, 1),
        work_days=5,
        weekly_days_off=frozenset({6, 5}),
        days_off=(DayOff(date(2027, 3, 3), "paro", end=date(2027, 3, 4)),),
    )
    data = ser.calendar_to_dict(calendar)
    assert data["start"] == "2027-03-01"
    assert data["weekly_days_off"] == [5, 6]
    assert data["days_off"] == [{"start": "2027-03-03", "reason": "paro", "end": "2027-03-04"}]


# --- bad data -----------------------------------------------------------------------------


def _problem_dict() -> dict[str, Any]:
    problem = problem_from_synth(generate_production("episode", seed=1))
    return through_json(ser.problem_to_dict(problem))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["strips"][2].update(eighths="3"), "strips[2].eighths"),
        (lambda d: d["strips"][0].update(eighths=True), "strips[0].eighths"),
        (lambda d: d["strips"][1].pop("location"), "strips[1].location"),
        (lambda d: d["strips"][1].update(time="NOON"), "strips[1].time"),
        (lambda d: d["cast"][0].update(unavailable=["2027-02-30"]), "cast[0].unavailable[0]"),
        (lambda d: d["calendar"].update(start="next monday"), "calendar.start"),
        (
            lambda d: d["calendar"].update(days_off=[{"start": "2027-01-01"}]),
            "calendar.days_off[0].reason",
        ),
        (lambda d: d["rules"].update(must_precede=[["a"]]), "rules.must_precede[0]"),
        (lambda d: d["weights"].update(shoot_day=-1), "weights.shoot_day"),
        (lambda d: d.update(locations="none"), "locations"),
    ],
)
def test_bad_values_are_named_by_their_place(change: Any, field: str) -> None:
    data = _problem_dict()
    change(data)
    with pytest.raises(ValidationError) as caught:
        ser.problem_from_dict(data)
    assert caught.value.field == field


def test_the_model_rules_still_apply_when_reading() -> None:
    data = _problem_dict()
    data["strips"][0]["location"] = "nowhere"
    with pytest.raises(ValidationError, match="unknown location 'nowhere'"):
        ser.problem_from_dict(data)


def test_bad_schedule_values_are_named() -> None:
    problem = problem_from_synth(generate_production("episode", seed=1))
    good = ser.schedule_to_dict(solve(problem, time_limit=2.0))
    data = through_json(good)
    data["cost"]["idle"] = 3
    with pytest.raises(ValidationError) as caught:
        ser.schedule_from_dict(data)
    assert caught.value.field == "cost"
    data = through_json(good)
    data["days"][0]["date"] = 20270301
    with pytest.raises(ValidationError) as caught:
        ser.schedule_from_dict(data)
    assert caught.value.field == "days[0].date"


def test_a_snapshot_from_before_a_field_existed_reads_with_its_default() -> None:
    data = _problem_dict()
    for strip in data["strips"]:
        del strip["hours"]
    del data["rules"]["same_day"]
    del data["weights"]["over_filled_eighth"]
    problem = ser.problem_from_dict(data)
    assert all(s.hours is None for s in problem.strips)
    assert problem.rules.same_day == ()
    assert problem.weights.over_filled_eighth == Weights().over_filled_eighth
