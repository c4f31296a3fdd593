"""Benchmark table 3: the full scheduling problem, from an episode to a telenovela, and replanning.

Table 3a (short scripts and the tiers that fit one model): the CP-SAT
day-assignment solver alone — best cost, proven lower bound, gap, time to the
first feasible schedule and the whole run.

Table 3b (every tier of DESIGN.md and the demo series): mosaico's search
(``lns.solve_any``: one CP-SAT model while it is small, the large-neighbourhood
search around it beyond) side by side with its references on the same
problem — the first-fit heuristic and a plain single CP-SAT model given the
same time where it fits — as cost ratios (below 1.00: mosaico is cheaper).
"to 5 %" is the time the search first had a gap of at most 5 % to its bound.
The telenovela is shot by three units (as the tier says): strips are dealt
out by ``units.assign_units`` and each unit is searched; its bound holds for
that split of the strips only.

Table 3c: replanning a season (and the demo series) after a five-month
suspension, a strike day and an actor out for two days: seconds, stability
(share of unaffected days unchanged; the goal is at least 90 % in at most 10 s)
and the cost change.

Run: ``.venv/bin/python benchmarks/schedule_cpsat.py [--quick]`` (about nine
minutes on two cores; ``--quick`` about three).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from _common import markdown_table, save

from mosaico.demo.synth import Tier, generate_production
from mosaico.errors import ScheduleError
from mosaico.schedule import cpsat, lns
from mosaico.schedule.cpsat import solve
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.from_synth import problem_from_synth
from mosaico.schedule.model import Schedule, ScheduleProblem
from mosaico.schedule.replan import ActorUnavailable, Event, StrikeDay, Suspension, replan
from mosaico.schedule.units import UnitSpec, solve_units

# (label, generator arguments, seconds): short scripts first, to show where proofs stop.
RUNS: tuple[tuple[str, dict[str, object], float], ...] = (
    ("12 scenes", {"scenes": 12, "cast": 6, "episodes": 1, "seed": 1}, 10.0),
    ("20 scenes", {"scenes": 20, "cast": 10, "episodes": 1, "seed": 1}, 10.0),
    ("30 scenes", {"scenes": 30, "cast": 14, "episodes": 1, "seed": 1}, 10.0),
    ("episode", {"tier": Tier.EPISODE, "seed": 1}, 10.0),
    ("block", {"tier": Tier.BLOCK, "seed": 1}, 30.0),
)
# Table 3b: (label, tier or None for the demo series, seconds for each method).
TIERS: tuple[tuple[str, Tier | None, float], ...] = (
    ("episode", Tier.EPISODE, 10.0),
    ("block", Tier.BLOCK, 30.0),
    ("season", Tier.SEASON, 45.0),
    ("demo series", None, 30.0),
    ("telenovela (3 units)", Tier.TELENOVELA, 75.0),
)
REPLAN_SECONDS = 10.0
WITHIN = 0.05


def table_cpsat(quick: bool) -> str:
    header = [
        "size",
        "seed",
        "strips",
        "cast",
        "calendar days",
        "shoot days",
        "cost",
        "lower bound",
        "gap",
        "status",
        "first feasible s",
        "run s",
        "limit s",
    ]
    rows = []
    for label, arguments, limit in RUNS:
        limit = limit / 4 if quick else limit
        problem = problem_from_synth(generate_production(**arguments))  # type: ignore[arg-type]
        head = [label, arguments["seed"], len(problem.strips), len(problem.cast)]
        try:
            schedule = solve(problem, time_limit=limit)
        except ScheduleError:
            rows.append(
                [
                    *head,
                    problem.calendar.work_days,
                    "-",
                    "no schedule in time",
                    "-",
                    "-",
                    "unknown",
                    "-",
                    f"{limit:g}",
                    f"{limit:g}",
                ]
            )
            continue
        first = schedule.first_feasible_seconds
        rows.append(
            [
                label,
                arguments["seed"],
                len(problem.strips),
                len(problem.cast),
                problem.calendar.work_days,
                len(schedule.days),
                f"{schedule.total_cost:,}",
                f"{schedule.lower_bound:,}",
                f"{schedule.gap:.1%}",
                schedule.status.value,
                f"{first:.2f}" if first is not None else "-",
                f"{schedule.seconds:.1f}",
                f"{limit:g}",
            ]
        )
    return markdown_table(header, rows)


@cache
def demo_problem() -> ScheduleProblem:
    """The demo series (six episodes) as the store builds it, in a throw-away data folder."""
    from mosaico.services import demo, schedule
    from mosaico.services.context import open_workspace
    from mosaico.settings import get_settings

    folder = tempfile.mkdtemp(prefix="mosaico-bench-")
    workspace = open_workspace(get_settings({"MOSAICO_DATA_DIR": folder}))
    series = demo.load_demo_series()
    demo.ensure_production(workspace, series)
    demo.import_episodes(workspace, series, lambda _: None)
    with workspace.transaction() as session:
        problem = schedule.build_problem(session, demo.DEMO_NAME)
    workspace.engine.dispose()
    return problem


@dataclass
class Trace:
    """When the search first got within ``WITHIN`` of its bound."""

    started: float
    within: float | None = None

    def __call__(self, report: lns.Progress) -> None:
        gap = (report.incumbent - report.bound) / report.incumbent if report.incumbent else 0.0
        if self.within is None and gap <= WITHIN:
            self.within = time.perf_counter() - self.started


def _ratio(mine: int, theirs: int | None) -> str:
    return f"{mine / theirs:.2f}" if theirs else "-"


def _units_run(problem: ScheduleProblem, seconds: float) -> tuple[int, int, int, float | None]:
    """Cost, bound, first-fit cost and first-feasible time of three units on ``problem``."""
    units = tuple(UnitSpec(f"unit {n}") for n in (1, 2, 3))
    first_cost = 0
    first_time: list[float] = []

    def search(sub: ScheduleProblem, limit: float) -> Schedule:
        nonlocal first_cost
        dates = sub.calendar.shoot_dates()
        placed = first_fit(sub, dates)
        if len(placed) == len(sub.strips):
            first_cost += lns.total_cost(sub, dates, placed)
        found = lns.solve_any(sub, time_limit=limit)
        if found.first_feasible_seconds is not None:
            first_time.append(found.first_feasible_seconds)
        return found

    plan = solve_units(problem, units, time_limit=seconds, solver=search)
    return plan.total_cost, plan.lower_bound, first_cost, sum(first_time) if first_time else None


def table_tiers(quick: bool) -> str:
    header = [
        "tier",
        "strips",
        "cast",
        "calendar days",
        "mosaico cost",
        "lower bound",
        "gap",
        "first feasible s",
        f"to {WITHIN:.0%} s",
        "run s",
        "first fit cost",
        "vs first fit",
        "single CP-SAT cost",
        "vs single CP-SAT",
        "limit s",
    ]
    rows = []
    for label, tier, limit in TIERS:
        limit = limit / 4 if quick else limit
        problem = (
            demo_problem()
            if tier is None
            else problem_from_synth(generate_production(tier=tier, seed=1))
        )
        dates = problem.calendar.shoot_dates()
        started = time.perf_counter()
        if tier is Tier.TELENOVELA:
            cost, bound, ff_cost, first = _units_run(problem, limit)
            run = time.perf_counter() - started
            within = None
            single: int | None = None
        else:
            trace = Trace(started)
            found = lns.solve_any(problem, time_limit=limit, on_progress=trace)
            run = time.perf_counter() - started
            cost, bound, first = found.total_cost, found.lower_bound, found.first_feasible_seconds
            within = trace.within
            if within is None and found.gap <= WITHIN:
                within = found.seconds
            placed = first_fit(problem, dates)
            ff_cost = (
                lns.total_cost(problem, dates, placed) if len(placed) == len(problem.strips) else 0
            )
            single = None
            if len(problem.strips) * len(dates) <= cpsat.MAX_CELLS:
                try:
                    single = solve(problem, time_limit=limit).total_cost
                except ScheduleError:
                    single = None
        gap = (cost - bound) / cost if cost else 0.0
        rows.append(
            [
                label,
                len(problem.strips),
                len(problem.cast),
                len(dates),
                f"{cost:,}",
                f"{bound:,}",
                f"{gap:.1%}",
                f"{first:.1f}" if first is not None else "-",
                f"{within:.1f}" if within is not None else "not reached",
                f"{run:.0f}",
                f"{ff_cost:,}" if ff_cost else "-",
                _ratio(cost, ff_cost),
                f"{single:,}"
                if single
                else "no schedule"
                if single is None and tier is not Tier.TELENOVELA
                else "-",
                _ratio(cost, single),
                f"{limit:g}",
            ]
        )
    return markdown_table(header, rows)


def _events(problem: ScheduleProblem, current: Schedule) -> list[tuple[str, Event]]:
    days = current.days
    today = days[len(days) // 3].date
    middle = days[len(days) // 2]
    strips = {s.scene_id: s for s in problem.strips}
    member = next(c for s in middle.strips for c in strips[s].cast)
    return [
        ("suspension, 5 months", Suspension(today, today + timedelta(days=150))),
        ("suspension + health protocols", Suspension(today, today + timedelta(days=150), True)),
        ("strike day", StrikeDay(middle.date)),
        (
            "actor out 2 days",
            ActorUnavailable(member, frozenset({middle.date, days[len(days) // 2 + 1].date})),
        ),
    ]


def table_replan(quick: bool) -> str:
    header = [
        "production",
        "event",
        "strips shot",
        "displaced",
        "seconds",
        "stability",
        "unaffected days",
        "moved strips",
        "cost change",
    ]
    rows = []
    cases: list[tuple[str, Callable[[], ScheduleProblem]]] = [
        ("season", lambda: problem_from_synth(generate_production(tier=Tier.SEASON, seed=1))),
        ("demo series", demo_problem),
    ]
    for name, make in cases:
        problem = make()
        current = lns.solve_any(problem, time_limit=10.0 if quick else 30.0)
        for label, event in _events(problem, current):
            today = current.days[len(current.days) // 3].date
            shot = sum(len(d.strips) for d in current.days if d.date < today)
            try:
                result = replan(problem, current, event, today, time_limit=REPLAN_SECONDS)
            except ScheduleError as exc:
                rows.append(
                    [
                        name,
                        label,
                        shot,
                        "-",
                        f"> {REPLAN_SECONDS:g}",
                        "failed",
                        "-",
                        "-",
                        str(exc)[:60],
                    ]
                )
                continue
            displaced = next(
                (line.split()[0] for line in result.explanation if "displaced by" in line), "-"
            )
            figure = result.stability
            rows.append(
                [
                    name,
                    label,
                    shot,
                    displaced,
                    f"{result.seconds:.1f}",
                    f"{figure.share:.0%}",
                    figure.unaffected_days,
                    len(result.moved),
                    f"{result.cost_after - result.cost_before:+,}",
                ]
            )
    return markdown_table(header, rows)


def main(quick: bool) -> str:
    parts = [
        "### 3a. CP-SAT alone on short scripts, an episode and a block\n\n" + table_cpsat(quick),
        "### 3b. Every tier: mosaico's search against first fit and a single CP-SAT model\n\n"
        + table_tiers(quick),
        "### 3c. Replanning\n\n" + table_replan(quick),
    ]
    return "\n\n".join(parts)


if __name__ == "__main__":
    table = main("--quick" in sys.argv)
    print(table)
    print(f"\nsaved to {save('schedule_cpsat.md', table)}")
