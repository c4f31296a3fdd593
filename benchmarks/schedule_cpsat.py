"""The CP-SAT day-assignment solver on short synthetic scripts and the episode and block tiers.

For each size and seed: strips, cast and calendar days; the best cost found,
CP-SAT's proven lower bound and the gap between them; the time to the first
feasible schedule and the whole run. The default run takes under two minutes
on two cores (a short script or an episode gets 10 s, a block 40 s); ``--quick`` shortens both.

Run: ``.venv/bin/python benchmarks/schedule_cpsat.py [--quick]``.
"""

from __future__ import annotations

import sys

from _common import markdown_table, save

from mosaico.demo.synth import Tier, generate_production
from mosaico.schedule.cpsat import solve
from mosaico.schedule.from_synth import problem_from_synth

# (label, generator arguments, seconds): short scripts first, to show where proofs stop.
RUNS: tuple[tuple[str, dict[str, object], float], ...] = (
    ("12 scenes", {"scenes": 12, "cast": 6, "episodes": 1, "seed": 1}, 10.0),
    ("20 scenes", {"scenes": 20, "cast": 10, "episodes": 1, "seed": 1}, 10.0),
    ("30 scenes", {"scenes": 30, "cast": 14, "episodes": 1, "seed": 1}, 10.0),
    ("episode", {"tier": Tier.EPISODE, "seed": 1}, 10.0),
    ("episode", {"tier": Tier.EPISODE, "seed": 2}, 10.0),
    ("block", {"tier": Tier.BLOCK, "seed": 1}, 40.0),
)


def main(quick: bool) -> str:
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
        schedule = solve(problem, time_limit=limit)
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


if __name__ == "__main__":
    table = main("--quick" in sys.argv)
    print(table)
    print(f"\nsaved to {save('schedule_cpsat.md', table)}")
