"""CP-SAT day assignment: every rule holds on every schedule, tiny optima match brute force,
and an impossible request names the rules that clash."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest

from mosaico.demo.synth import generate_production
from mosaico.errors import Infeasible, LimitExceeded, ScheduleError
from mosaico.schedule.check import violations
from mosaico.schedule.cpsat import dump_model, solve
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.lower_bound import fewest_by_moves
from mosaico.schedule.model import (
    NIGHT_WRAP_HOUR,
    Calendar,
    CastMember,
    Location,
    Precedence,
    Progress,
    Rules,
    Schedule,
    ScheduleProblem,
    Status,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay

# The checks below are written from the rules' wording, not from the solver's code.


def _clash(problem: ScheduleProblem, night_date: date, next_date: date, strip: Strip) -> bool:
    rest = (next_date - night_date).days * 24 + strip.call_hour - NIGHT_WRAP_HOUR
    return rest < problem.rules.turnaround_hours


def broken_rules(problem: ScheduleProblem, placed: dict[str, int]) -> list[str]:
    """Every hard rule the assignment (scene id -> index into the shoot dates) breaks."""
    dates = problem.calendar.shoot_dates()
    rules = problem.rules
    broken = []
    by_day: dict[int, list[Strip]] = {}
    for strip in problem.strips:
        if strip.scene_id not in placed:
            broken.append(f"{strip.scene_id} not scheduled")
            continue
        by_day.setdefault(placed[strip.scene_id], []).append(strip)
    for d, strips in by_day.items():
        if sum(s.minutes for s in strips) > rules.max_minutes_per_day:
            broken.append(f"day {d} too long")
        if len({s.location for s in strips}) - 1 > rules.max_company_moves_per_day:
            broken.append(f"day {d} too many moves")
        for strip in strips:
            for member in problem.cast:
                if member.id in strip.cast and dates[d] in member.unavailable:
                    broken.append(f"{member.id} unavailable on day {d}")
            for place in problem.locations:
                if place.id == strip.location and dates[d] in place.unavailable:
                    broken.append(f"{place.id} unavailable on day {d}")
    for scene, when in rules.fixed_dates.items():
        if dates[placed[scene]] != when:
            broken.append(f"{scene} not on {when}")
    for pair in rules.must_precede:
        if not placed[pair.before] < placed[pair.after]:
            broken.append(f"{pair.before} not before {pair.after}")
    for group in rules.same_day:
        if len({placed[scene] for scene in group}) > 1:
            broken.append(f"{group} split")
    for member in problem.cast:
        worked = sorted({placed[s.scene_id] for s in problem.strips if member.id in s.cast})
        limit = member.max_consecutive_days
        if limit is not None:
            run = 1
            for a, b in itertools.pairwise(worked):
                run = run + 1 if b == a + 1 else 1
                if run > limit:
                    broken.append(f"{member.id} works {run} days in a row")
        for d, strips in by_day.items():
            if d + 1 not in by_day:
                continue
            if any(s.is_night and member.id in s.cast for s in strips):
                for strip in by_day[d + 1]:
                    if member.id in strip.cast and _clash(problem, dates[d], dates[d + 1], strip):
                        broken.append(f"{member.id} turnaround after day {d}")
    return broken


def cost_of(problem: ScheduleProblem, placed: dict[str, int]) -> dict[Term, int]:
    """The objective by term, counted straight from the weights' documentation."""
    w, target = problem.weights, problem.rules.target_eighths_per_day
    by_day: dict[int, list[Strip]] = {}
    for strip in problem.strips:
        by_day.setdefault(placed[strip.scene_id], []).append(strip)
    cost = {term: 0 for term in Term}
    # Every calendar date up to the last one shot is paid, idle or not.
    cost[Term.SHOOT_DAYS] = w.shoot_day * (max(by_day) + 1)
    for strips in by_day.values():
        cost[Term.COMPANY_MOVES] += w.company_move * (len({s.location for s in strips}) - 1)
        if any(s.is_night for s in strips) and any(not s.is_night for s in strips):
            cost[Term.DAY_NIGHT_SWITCHES] += w.day_night_switch
        eighths = sum(s.eighths for s in strips)
        cost[Term.UNDER_FILLED] += w.under_filled_eighth * max(0, target - eighths)
        cost[Term.OVER_FILLED] += w.over_filled_eighth * max(0, eighths - target)
    for member in problem.cast:
        worked = {placed[s.scene_id] for s in problem.strips if member.id in s.cast}
        if worked:
            held = max(worked) - min(worked) + 1 - len(worked)
            cost[Term.CAST_HOLDING] += member.cost_per_day * w.cast_holding * held
    return cost


def placement(schedule: Schedule, problem: ScheduleProblem) -> dict[str, int]:
    index = {day: i for i, day in enumerate(problem.calendar.shoot_dates())}
    return {scene: index[day.date] for day in schedule.days for scene in day.strips}


def assert_schedule_keeps_every_rule(problem: ScheduleProblem, schedule: Schedule) -> None:
    placed = placement(schedule, problem)
    assert broken_rules(problem, placed) == []
    when = {scene: day.date for day in schedule.days for scene in day.strips}
    assert violations(problem, when) == []
    assert schedule.cost == cost_of(problem, placed)
    assert schedule.lower_bound <= schedule.total_cost
    assert [d.number for d in schedule.days] == list(range(1, len(schedule.days) + 1))
    for day in schedule.days:
        strips = [problem.strip(scene) for scene in day.strips]
        assert day.eighths == sum(s.eighths for s in strips)
        assert set(day.locations) == {s.location for s in strips}


TINY_WEIGHTS = Weights(
    shoot_day=5_000,
    company_move=2_000,
    day_night_switch=1_500,
    under_filled_eighth=100,
    over_filled_eighth=300,
)


def tiny_problem(seed: int, *, strips: int = 6, days: int = 3) -> ScheduleProblem:
    """A random small problem whose every rule has a chance to bind."""
    rng = random.Random(seed)
    start = date(2027, 3, 1) + timedelta(days=rng.randrange(7))
    calendar = Calendar(start=start, work_days=days, weekly_days_off=frozenset({6}))
    dates = calendar.shoot_dates()
    cast = tuple(
        CastMember(
            str(i),
            f"ROLE {i}",
            cost_per_day=rng.choice((0, 800, 3000)),
            unavailable=frozenset({rng.choice(dates)}) if rng.random() < 0.3 else frozenset(),
            max_consecutive_days=2 if rng.random() < 0.2 else None,
        )
        for i in range(1, 5)
    )
    places = tuple(
        Location(
            name,
            unavailable=frozenset({rng.choice(dates)}) if rng.random() < 0.2 else frozenset(),
        )
        for name in ("rancho", "mercado", "iglesia")
    )
    made = tuple(
        Strip(
            str(i),
            rng.randint(2, 24),
            f"SET {i % 4}",
            rng.choice(places).id,
            int_ext=rng.choice((IntExt.INT, IntExt.EXT)),
            time=rng.choice((TimeOfDay.DAY, TimeOfDay.DAY, TimeOfDay.NIGHT, TimeOfDay.DAWN)),
            cast=tuple(sorted(rng.sample([c.id for c in cast], rng.randint(0, 3)))),
        )
        for i in range(1, strips + 1)
    )
    rules = Rules(
        max_hours_per_day=rng.choice((6.0, 8.0, 12.0)),
        target_eighths_per_day=16,
        max_company_moves_per_day=rng.choice((0, 1, 2)),
        must_precede=(Precedence("2", "5"),) if rng.random() < 0.4 else (),
        same_day=(("1", "6"),) if rng.random() < 0.3 else (),
        fixed_dates={"3": dates[-1]} if rng.random() < 0.3 else {},
    )
    return ScheduleProblem(made, cast, places, calendar, rules, TINY_WEIGHTS)


def brute_force(problem: ScheduleProblem) -> int | None:
    """The cheapest cost over every assignment that keeps every rule, or None if none does."""
    days = problem.calendar.work_days
    scenes = [s.scene_id for s in problem.strips]
    best = None
    for choice in itertools.product(range(days), repeat=len(scenes)):
        placed = dict(zip(scenes, choice, strict=True))
        if broken_rules(problem, placed):
            continue
        total = sum(cost_of(problem, placed).values())
        best = total if best is None else min(best, total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_tiny_optimum_matches_brute_force(seed):
    problem = tiny_problem(seed)
    best = brute_force(problem)
    if best is None:
        with pytest.raises(Infeasible) as caught:
            solve(problem, time_limit=20)
        assert caught.value.rules
        return
    schedule = solve(problem, time_limit=20)
    assert schedule.status is Status.OPTIMAL
    assert schedule.total_cost == best
    assert schedule.lower_bound == best
    assert schedule.gap == 0
    assert_schedule_keeps_every_rule(problem, schedule)


def test_brute_force_sees_both_outcomes():
    # The seeds above must include feasible and infeasible problems, or the test proves less.
    outcomes = {brute_force(tiny_problem(seed)) is None for seed in range(12)}
    assert outcomes == {True, False}


def _two_actors() -> ScheduleProblem:
    cast = (
        CastMember("1", "ÉRIKA", cost_per_day=5000),
        CastMember("2", "DOÑA CHAYO", cost_per_day=1000),
    )
    places = (Location("casa"), Location("plaza"))
    strips = (
        Strip("1", 8, "CASA", "casa", cast=("1",)),
        Strip("2", 8, "CASA", "casa", cast=("1", "2")),
        Strip("3", 8, "PLAZA", "plaza", time=TimeOfDay.NIGHT, cast=("1",)),
        Strip("4", 8, "PLAZA", "plaza", cast=("2",)),
        Strip("5", 8, "PLAZA", "plaza", cast=("1",)),
    )
    calendar = Calendar(start=date(2027, 3, 1), work_days=5, weekly_days_off=frozenset())
    return ScheduleProblem(strips, cast, places, calendar, Rules(max_hours_per_day=4), TINY_WEIGHTS)


def test_fixed_date_precedence_and_same_day_hold():
    base = _two_actors()
    when = base.calendar.shoot_dates()[1]
    rules = Rules(
        max_hours_per_day=4,
        fixed_dates={"4": when},
        must_precede=(Precedence("5", "1"),),
        same_day=(("2", "4"),),
    )
    problem = ScheduleProblem(base.strips, base.cast, base.locations, base.calendar, rules)
    schedule = solve(problem, time_limit=10)
    assert schedule.day_of("4").date == when
    assert schedule.day_of("2") == schedule.day_of("4")
    assert schedule.day_of("5").number < schedule.day_of("1").number
    assert_schedule_keeps_every_rule(problem, schedule)


def test_night_work_is_followed_by_rest_before_a_day_call():
    problem = _two_actors()
    schedule = solve(problem, time_limit=10)
    night = schedule.day_of("3")
    after = [d for d in schedule.days if d.number == night.number + 1]
    assert not after or not {"1", "2", "5"} & set(after[0].strips)
    assert_schedule_keeps_every_rule(problem, schedule)


def test_cost_is_broken_down_by_named_penalties():
    schedule = solve(_two_actors(), time_limit=10)
    assert sum(amount for _, amount in schedule.details) == schedule.total_cost
    assert any(name.startswith("shoot days") for name, _ in schedule.details)


def test_clashing_rules_are_named_in_words():
    base = _two_actors()
    first = base.calendar.shoot_dates()[0]
    cast = (
        CastMember("1", "ÉRIKA", cost_per_day=5000, unavailable=frozenset({first})),
        base.cast[1],
    )
    rules = Rules(max_hours_per_day=4, fixed_dates={"2": first}, same_day=(("3", "4"),))
    problem = ScheduleProblem(base.strips, cast, base.locations, base.calendar, rules)
    with pytest.raises(Infeasible) as caught:
        solve(problem, time_limit=10)
    # The two rules that clash (with the calendar that makes scene 2 be shot at all),
    # not the harmless same-day group nor the day length.
    assert caught.value.rules == [
        "every scene is shot within the 5 shoot days 2027-03-01 to 2027-03-05",
        "ÉRIKA (1) is unavailable on 2027-03-01",
        "scene 2 is fixed on 2027-03-01",
    ]


def test_too_few_days_names_the_calendar_and_the_day_length():
    base = _two_actors()
    short = Calendar(start=date(2027, 3, 1), work_days=2, weekly_days_off=frozenset())
    problem = ScheduleProblem(base.strips, base.cast, base.locations, short, base.rules)
    with pytest.raises(Infeasible) as caught:
        solve(problem, time_limit=10)
    assert caught.value.rules == [
        "every scene is shot within the 2 shoot days 2027-03-01 to 2027-03-02",
        "a shoot day lasts at most 4 hours",
    ]


def test_time_limit_must_be_positive():
    with pytest.raises(ScheduleError, match="time limit"):
        solve(_two_actors(), time_limit=0)


def test_model_can_be_dumped_for_a_bug_report():
    text = dump_model(_two_actors())
    assert "variables" in text and "objective" in text


def test_synthetic_episode_keeps_every_rule():
    problem = problem_from_synth(generate_production("episode", seed=2))
    schedule = solve(problem, time_limit=5)
    assert_schedule_keeps_every_rule(problem, schedule)
    assert len(schedule.days) <= problem.calendar.work_days
    assert schedule.first_feasible_seconds is not None


def test_nothing_to_shoot_is_an_empty_schedule():
    base = _two_actors()
    problem = ScheduleProblem((), base.cast, base.locations, base.calendar, base.rules)
    schedule = solve(problem, time_limit=5)
    assert schedule.days == ()
    assert schedule.total_cost == 0
    assert schedule.status is Status.OPTIMAL


def test_a_model_too_big_for_one_solve_is_refused_with_its_size():
    base = _two_actors()
    strips = tuple(Strip(str(i), 8, "CASA", "casa") for i in range(300))
    long = Calendar(start=date(2027, 3, 1), work_days=800, weekly_days_off=frozenset())
    problem = ScheduleProblem(strips, base.cast, base.locations, long, base.rules)
    with pytest.raises(LimitExceeded, match="300 strips over 800 calendar days"):
        solve(problem, time_limit=5)


def test_warm_start_from_an_optimum_keeps_its_cost():
    problem = tiny_problem(1)
    best = solve(problem, time_limit=20)
    again = solve(problem, time_limit=20, start=best)
    assert again.status is Status.OPTIMAL
    assert again.total_cost == best.total_cost
    assert_schedule_keeps_every_rule(problem, again)


def test_first_fit_start_keeps_the_rules_it_knows():
    # A synthetic block has no precedence or same-day rules, the two first fit leaves out.
    problem = problem_from_synth(generate_production("block", seed=1))
    placed = first_fit(problem, problem.calendar.shoot_dates())
    assert len(placed) == len(problem.strips)
    assert broken_rules(problem, placed) == []


def test_turnaround_clash_is_named_with_the_fixed_dates_that_force_it():
    cast = (CastMember("1", "ÉRIKA", cost_per_day=5000),)
    strips = (
        Strip("1", 8, "CALLE", "casa", time=TimeOfDay.NIGHT, cast=("1",)),
        Strip("2", 8, "CASA", "casa", time=TimeOfDay.DAWN, cast=("1",)),
    )
    calendar = Calendar(start=date(2027, 3, 1), work_days=2, weekly_days_off=frozenset())
    rules = Rules(fixed_dates={"1": date(2027, 3, 1), "2": date(2027, 3, 2)})
    problem = ScheduleProblem(strips, cast, (Location("casa"),), calendar, rules)
    with pytest.raises(Infeasible) as caught:
        solve(problem, time_limit=10)
    assert caught.value.rules == [
        "every scene is shot within the 2 shoot days 2027-03-01 to 2027-03-02",
        "scene 1 is fixed on 2027-03-01",
        "scene 2 is fixed on 2027-03-02",
        "ÉRIKA (1) needs 12 hours of rest after a night's work",
    ]
    # A weekend between the two dates gives the rest, and the schedule exists.
    weekend = Calendar(start=date(2027, 3, 5), work_days=2)
    rested = Rules(fixed_dates={"1": date(2027, 3, 5), "2": date(2027, 3, 8)})
    fine = ScheduleProblem(strips, cast, (Location("casa"),), weekend, rested)
    assert_schedule_keeps_every_rule(fine, solve(fine, time_limit=10))


def test_a_late_fixed_date_leaves_idle_days_that_are_still_paid():
    base = _two_actors()
    fifth = base.calendar.shoot_dates()[4]
    rules = Rules(max_hours_per_day=4, fixed_dates={"4": fifth})
    problem = ScheduleProblem(base.strips, base.cast, base.locations, base.calendar, rules)
    schedule = solve(problem, time_limit=10)
    assert schedule.day_of("4").date == fifth
    assert schedule.cost[Term.SHOOT_DAYS] == 5 * problem.weights.shoot_day
    assert_schedule_keeps_every_rule(problem, schedule)


def test_progress_reports_each_better_schedule_and_a_false_answer_stops_the_search():
    problem = problem_from_synth(generate_production("episode", seed=2))
    reports: list[Progress] = []

    def stop_at_first(report: Progress) -> bool:
        reports.append(report)
        return False

    schedule = solve(problem, time_limit=20.0, on_progress=stop_at_first)
    assert len(reports) == 1  # stopped at once, long before the limit
    assert reports[0].bound <= reports[0].incumbent
    # The schedule found so far is whole and legal.
    assert sorted(s for day in schedule.days for s in day.strips) == sorted(
        s.scene_id for s in problem.strips
    )
    assert_schedule_keeps_every_rule(problem, schedule)


def test_the_move_cap_proves_the_days_five_locations_need():
    # Five short scenes at five places, one company move a day: three days at least.
    places = tuple(Location(f"p{i}") for i in range(5))
    strips = tuple(Strip(str(i), 2, f"SET {i}", f"p{i}") for i in range(5))
    calendar = Calendar(start=date(2027, 3, 1), work_days=6, weekly_days_off=frozenset())
    problem = ScheduleProblem(strips, (), places, calendar, Rules(max_company_moves_per_day=1))
    assert fewest_by_moves(problem) == 3
    schedule = solve(problem, time_limit=5)
    assert len(schedule.days) == 3
    assert schedule.status is Status.OPTIMAL
    assert schedule.lower_bound == schedule.total_cost
