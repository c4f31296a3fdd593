"""Large-neighbourhood search: legal schedules, never worse than the start, an honest bound."""

from __future__ import annotations

from datetime import date

import pytest

from mosaico.demo.synth import Tier, generate_production
from mosaico.errors import ScheduleError
from mosaico.schedule import lns
from mosaico.schedule.check import violations
from mosaico.schedule.cpsat import solve
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.model import Calendar, CastMember, Location, Schedule, ScheduleProblem, Strip


def _assignment(schedule: Schedule) -> dict[str, date]:
    return {scene: day.date for day in schedule.days for scene in day.strips}


@pytest.fixture(scope="module")
def block() -> ScheduleProblem:
    return problem_from_synth(generate_production(tier=Tier.BLOCK, seed=3))


def test_search_returns_a_legal_schedule_no_dearer_than_its_start(block: ScheduleProblem) -> None:
    dates = block.calendar.shoot_dates()
    start = first_fit(block, dates)
    start_cost = lns.total_cost(block, dates, start)
    reports: list[lns.Progress] = []
    found = lns.solve_lns(block, time_limit=5.0, on_progress=reports.append)
    assert violations(block, _assignment(found)) == []
    assert sorted(_assignment(found)) == sorted(s.scene_id for s in block.strips)
    assert found.total_cost <= start_cost
    assert 0 < found.lower_bound <= found.total_cost
    assert found.lower_bound >= lns.relaxation_bound(block, dates)
    incumbents = [r.incumbent for r in reports]
    assert incumbents == sorted(incumbents, reverse=True)
    assert all(r.bound <= r.incumbent for r in reports)


def test_improve_leaves_frozen_strips_and_early_days_alone(block: ScheduleProblem) -> None:
    dates = block.calendar.shoot_dates()
    start = first_fit(block, dates)
    earliest = 4
    frozen = {s for s, d in start.items() if d < earliest}
    better = lns.improve(
        block, start, time_limit=3.0, dates=dates, earliest=earliest, frozen=frozen, seed=5
    )
    assert {s: better[s] for s in frozen} == {s: start[s] for s in frozen}
    assert all(better[s] >= earliest for s in better if s not in frozen)
    assert lns.total_cost(block, dates, better) <= lns.total_cost(block, dates, start)
    assert lns.broken_rules(block, dates, better) == []


def test_relaxation_bound_never_exceeds_a_proven_optimum() -> None:
    for seed in (1, 2, 3):
        problem = problem_from_synth(generate_production(scenes=12, cast=6, episodes=1, seed=seed))
        best = solve(problem, time_limit=5.0)
        bound = lns.relaxation_bound(problem, problem.calendar.shoot_dates())
        assert 0 < bound <= best.total_cost
        if best.status.value == "optimal":
            assert bound <= best.lower_bound


def test_days_freed_keep_every_other_strip_where_it_was(block: ScheduleProblem) -> None:
    dates = block.calendar.shoot_dates()
    start = first_fit(block, dates)
    days = [2, 3, 4]
    free = {s for s, d in start.items() if d in days}
    found = lns.solve_days(block, dates, start, days, free=free, time_limit=3.0)
    assert found is not None
    assert all(found[s] == start[s] for s in start if s not in free)
    assert all(found[s] in days for s in free)


def test_no_legal_start_is_a_clear_schedule_error() -> None:
    # Two hours of scenes a day, ten of them, one shoot day: nothing fits.
    strips = tuple(
        Strip(scene_id=str(n), eighths=8, set_name="kitchen", location="house", hours=10.0)
        for n in range(3)
    )
    problem = ScheduleProblem(
        strips=strips,
        cast=(CastMember(id="1", name="ÉRIKA"),),
        locations=(Location(id="house"),),
        calendar=Calendar(start=date(2027, 3, 1), work_days=2),
    )
    with pytest.raises(ScheduleError, match="no legal first schedule for 3 strips"):
        lns.solve_lns(problem, time_limit=2.0)
