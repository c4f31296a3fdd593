"""The schedule problem model: calendars, strip hours, validation, results."""

from __future__ import annotations

from datetime import date

import pytest

from mosaico.demo.synth import generate_production
from mosaico.errors import ValidationError
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
    Status,
    Strip,
    Term,
)
from mosaico.screenplay.model import IntExt, TimeOfDay

MONDAY = date(2027, 3, 8)


def test_calendar_skips_weekends():
    dates = Calendar(start=MONDAY, work_days=6).shoot_dates()
    assert dates == (*(date(2027, 3, d) for d in range(8, 13)), date(2027, 3, 15))


def test_calendar_skips_public_holidays_of_the_country():
    # 15 March 2027 is a Monday and Mexico's Benito Juárez holiday (third Monday of March).
    dates = Calendar(start=date(2027, 3, 12), work_days=2, country="MX").shoot_dates()
    assert dates == (date(2027, 3, 12), date(2027, 3, 16))
    plain = Calendar(start=date(2027, 3, 12), work_days=2).shoot_dates()
    assert plain == (date(2027, 3, 12), date(2027, 3, 15))


def test_calendar_skips_a_strike_day_and_a_hiatus():
    calendar = Calendar(
        start=MONDAY,
        work_days=3,
        weekly_days_off=frozenset({6}),
        days_off=(
            DayOff(date(2027, 3, 9), "strike"),
            DayOff(date(2027, 3, 11), "pandemic suspension", end=date(2027, 3, 20)),
        ),
    )
    assert calendar.shoot_dates() == (date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 22))
    assert calendar.day_off_reason(date(2027, 3, 15), {}) == "pandemic suspension"
    assert calendar.day_off_reason(date(2027, 3, 9), {}) == "strike"
    assert calendar.day_off_reason(date(2027, 3, 28), {}) == "weekly day off"


def test_calendar_that_never_reaches_its_days_says_so():
    endless = Calendar(
        start=MONDAY, work_days=5, days_off=(DayOff(MONDAY, "hiatus", end=date(2035, 1, 1)),)
    )
    with pytest.raises(ValidationError, match="shooting dates"):
        endless.shoot_dates()


def test_calendar_rejects_unknown_country_and_bad_fields():
    with pytest.raises(ValidationError, match=r"calendar\.country"):
        Calendar(start=MONDAY, work_days=2, country="ZZ").shoot_dates()
    with pytest.raises(ValidationError, match="work_days"):
        Calendar(start=MONDAY, work_days=0)
    with pytest.raises(ValidationError, match="weekly_days_off"):
        Calendar(start=MONDAY, work_days=2, weekly_days_off=frozenset(range(7)))
    with pytest.raises(ValidationError, match="ends before"):
        Calendar(start=MONDAY, work_days=2, days_off=(DayOff(MONDAY, "x", end=date(2027, 1, 1)),))


def test_strip_hours_grow_at_night_outside_and_with_crowds():
    day = Strip("1", 8, "CASA", "a")
    night_ext = Strip("2", 8, "CALLE", "a", int_ext=IntExt.EXT, time=TimeOfDay.NIGHT)
    crowd = Strip("3", 8, "PLAZA", "a", background=40)
    assert night_ext.estimated_hours > day.estimated_hours
    assert crowd.estimated_hours > day.estimated_hours
    assert Strip("4", 16, "CASA", "a").estimated_hours > day.estimated_hours


def test_strip_hours_override_wins():
    strip = Strip("1", 8, "CASA", "a", int_ext=IntExt.EXT, time=TimeOfDay.NIGHT, hours=5.5)
    assert strip.estimated_hours == 5.5
    assert strip.minutes == 330


def _problem(**changes: object) -> ScheduleProblem:
    base: dict[str, object] = {
        "strips": (Strip("1", 8, "CASA", "a", cast=("1",)), Strip("2", 4, "CASA", "a")),
        "cast": (CastMember("1", "ÉRIKA", 1000),),
        "locations": (Location("a"),),
        "calendar": Calendar(start=MONDAY, work_days=2),
    }
    base.update(changes)
    return ScheduleProblem(**base)  # type: ignore[arg-type]


def test_problem_names_the_strip_with_an_unknown_cast_member():
    with pytest.raises(ValidationError, match=r"strip 9: unknown cast member 'X'"):
        _problem(strips=(Strip("9", 8, "CASA", "a", cast=("X",)),))


def test_problem_names_duplicates_unknown_locations_and_bad_lengths():
    with pytest.raises(ValidationError, match="'1' appears twice"):
        _problem(strips=(Strip("1", 8, "CASA", "a"), Strip("1", 8, "CASA", "a")))
    with pytest.raises(ValidationError, match="unknown location 'b'"):
        _problem(strips=(Strip("1", 8, "CASA", "b"),))
    with pytest.raises(ValidationError, match="at least 1/8"):
        _problem(strips=(Strip("1", 0, "CASA", "a"),))
    with pytest.raises(ValidationError, match="hours"):
        _problem(strips=(Strip("1", 8, "CASA", "a", hours=30),))


def test_problem_rules_must_name_existing_scenes():
    with pytest.raises(ValidationError, match="'7' is not one of the strips"):
        _problem(rules=Rules(must_precede=(Precedence("1", "7"),)))
    with pytest.raises(ValidationError, match="'8'"):
        _problem(rules=Rules(fixed_dates={"8": MONDAY}))
    with pytest.raises(ValidationError, match="'9'"):
        _problem(rules=Rules(same_day=(("1", "9"),)))


def test_schedule_gap_is_the_share_the_bound_leaves_open():
    cost = {term: 0 for term in Term}
    cost[Term.SHOOT_DAYS] = 1000
    schedule = Schedule(days=(), cost=cost, lower_bound=900, status=Status.FEASIBLE, seconds=1)
    assert schedule.total_cost == 1000
    assert schedule.gap == pytest.approx(0.1)


def test_problem_from_a_synthetic_episode_keeps_every_scene_and_role():
    production = generate_production("episode", seed=3)
    problem = problem_from_synth(production)
    assert len(problem.strips) == len(production.scenes)
    assert sum(s.eighths for s in problem.strips) == sum(s.eighths for s in production.scenes)
    assert {c.id for c in problem.cast} == {str(m.number) for m in production.cast}
    assert problem.calendar.work_days > production.calendar.shoot_days
    assert problem.calendar.country == "MX"
    assert problem.rules.target_eighths_per_day == round(production.calendar.pages_per_day * 8)
    # The same seed gives the same problem.
    assert problem_from_synth(generate_production("episode", seed=3)) == problem
