"""Talent scheduling: mosaico's exact solver against didppy and MiniZinc + Gecode.

Benchmark 1: every instance in ``shared/data/talent/`` (listed in ``optima.csv``),
solved by each solver in this one process on this machine, one after another,
each with the same per-instance time limit (20 s by default, so that ``make
bench`` ends within the hour; ``--time-limit 60`` for the longer protocol).
mosaico must prove the optimum of ``optima.csv``. didppy runs our DyPDL model (``peers/talent_didp.py``, CABS,
one thread); MiniZinc runs our model (``peers/talent.mzn``) on Gecode with one
thread, fed a dzn written from the parsed instance (the dzn copies in the data
folder hold the same numbers, which the tests check; writing it ourselves
gives every file, Stuckey's or not, the one set of names the model reads).
Peers get the file's instance as it is; merging scenes and dropping actors is
part of mosaico's solver and is timed with it.

Benchmark 2: random instances from ``mosaico.demo.synth`` (costs 1-100,
durations 1-10) in groups of n scenes x m actors; per group, the share solved
to proven optimality within the time limit, next to the published frontier
(Qin et al. 2016's enhanced branch-and-bound: 18,706 of 20,000 instances of
n=16..64, m=8..22 solved within 10 minutes; 23 of 100 at 64 x 22). The default
run is short (3 instances a group, 5 s each); ``--full`` is the published
protocol (100 a group, every even n and m, 600 s each), which takes weeks.

Run: ``make bench`` or ``.venv/bin/python benchmarks/talent.py [--time-limit S]
[--only TEXT] [--no-peers] [--skip-1] [--skip-2] [--per-group K] [--group-limit S] [--full]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import DATA, markdown_table, save

from mosaico.demo.synth import generate_talent_instance
from mosaico.schedule.talent import TalentInstance, read_instance, read_stuckey
from mosaico.schedule.talent_solver import solve

TALENT = DATA / "talent"
PEERS = Path(__file__).resolve().parent / "peers"
MODEL = PEERS / "talent.mzn"


@dataclass(frozen=True)
class Run:
    cost: int | None  # None: no schedule found in time
    proven: bool
    seconds: float

    def cells(self) -> list[str]:
        cost = "-" if self.cost is None else str(self.cost)
        return [cost, "yes" if self.proven else "no", f"{self.seconds:.2f}"]


def run_ours(instance: TalentInstance, limit: float) -> Run:
    result = solve(instance, time_limit=limit)
    return Run(result.total_cost, result.optimal, result.seconds)


def run_didppy(instance: TalentInstance, limit: float) -> Run:
    sys.path.insert(0, str(PEERS))
    from talent_didp import solve as solve_didp  # a peer, imported only when it runs

    result = solve_didp(instance, limit)
    return Run(
        result.total_cost if result.total_cost >= 0 else None, result.optimal, result.seconds
    )


def dzn(instance: TalentInstance) -> str:
    rows = "\n  | ".join(
        ", ".join("1" if a in cast else "0" for cast in instance.casts)
        for a in range(instance.actors)
    )
    return (
        f"numScenes = {instance.scenes};\nnumActors = {instance.actors};\n"
        f"ia = [| {rows} |];\nc = {list(instance.costs)};\nd = {list(instance.durations)};\n"
    )


def run_minizinc(instance: TalentInstance, limit: float) -> Run:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "instance.dzn"
        data.write_text(dzn(instance), encoding="utf-8")
        command = ["minizinc", "--solver", "gecode", "-p", "1", "--time-limit"]
        command += [str(int(limit * 1000)), str(MODEL), str(data)]
        started = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit + 60)
            out = done.stdout
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        seconds = time.perf_counter() - started
    costs = re.findall(r"obj = (\d+);", out)
    return Run(int(costs[-1]) if costs else None, "==========" in out, seconds)


def benchmark_published(limit: float, only: str, peers: bool) -> str:
    rows = list(csv.DictReader((TALENT / "optima.csv").read_text(encoding="utf-8").splitlines()))
    rows = [row for row in rows if only in row["file"]]
    use_minizinc = peers and shutil.which("minizinc") is not None
    if peers and not use_minizinc:
        print("minizinc is not installed (make bench installs it): MiniZinc column left empty")
    header = ["instance", "n x m", "optimum", "ours", "proven", "s"]
    if peers:
        header += ["didppy", "proven", "s", "minizinc", "proven", "s"]
    table = []
    totals = {"ours": 0.0, "didppy": 0.0, "minizinc": 0.0}
    proven = {"ours": 0, "didppy": 0, "minizinc": 0}
    wrong = []
    for row in rows:
        instance = read_instance(TALENT / row["file"])
        runs = {"ours": run_ours(instance, limit)}
        if peers:
            runs["didppy"] = run_didppy(instance, limit)
            if use_minizinc:
                runs["minizinc"] = run_minizinc(instance, limit)
        optimum = int(row["opt_total_cost"])
        if runs["ours"].cost != optimum or not runs["ours"].proven:
            wrong.append(row["file"])
        line = [row["file"], f"{instance.scenes} x {instance.actors}", optimum]
        for name, run in runs.items():
            totals[name] += run.seconds
            proven[name] += run.proven and run.cost == optimum
        line += [cell for run in runs.values() for cell in run.cells()]
        if peers and not use_minizinc:
            line += ["not installed", "", ""]
        table.append(line)
        print(" | ".join(str(cell) for cell in line), flush=True)
    summary = [
        f"{len(rows)} instances, time limit {limit:g} s each, one thread per solver.",
        "",
        markdown_table(
            ["solver", "proven optimal", "total s", "total s / ours"],
            [
                [
                    name,
                    f"{proven[name]} / {len(rows)}",
                    f"{totals[name]:.1f}",
                    f"{totals[name] / max(totals['ours'], 1e-9):.1f}",
                ]
                for name in totals
                if name == "ours" or (peers and (name != "minizinc" or use_minizinc))
            ],
        ),
    ]
    if wrong:
        summary.append(f"\nNOT PROVEN OPTIMAL BY MOSAICO: {', '.join(wrong)}")
    return markdown_table(header, table) + "\n\n" + "\n".join(summary)


# Qin et al. (2016), Tables 11-13, as quoted in issue 5: the whole frontier and its hardest group.
PUBLISHED_SOLVED = "18,706 of 20,000 within 600 s (all groups); 23 of 100 at 64 x 22"


def benchmark_generated(per_group: int, limit: float, full: bool) -> str:
    scenes = range(16, 65, 2) if full else (16, 24, 32, 48, 64)
    actors = range(8, 23, 2) if full else (8, 15, 22)
    header = ["n x m", "solved (proven)", "share", "mean s", "median s", "mean gap of the unsolved"]
    table = []
    for n in scenes:
        for m in actors:
            solved = 0
            times = []
            gaps = []
            for seed in range(1, per_group + 1):
                text = generate_talent_instance(n, m, 0.3, seed)
                result = solve(read_stuckey(text, f"synth {n}x{m} #{seed}"), time_limit=limit)
                times.append(result.seconds)
                if result.optimal:
                    solved += 1
                else:
                    gaps.append(result.gap)
            times.sort()
            gap = f"{sum(gaps) / len(gaps):.1%}" if gaps else "-"
            line = [
                f"{n} x {m}",
                f"{solved} / {per_group}",
                f"{solved / per_group:.0%}",
                f"{sum(times) / len(times):.2f}",
                f"{times[len(times) // 2]:.2f}",
                gap,
            ]
            table.append(line)
            print(" | ".join(line), flush=True)
    note = (
        f"Density 0.3, seeds 1..{per_group}, time limit {limit:g} s each. "
        f"Published frontier: {PUBLISHED_SOLVED}."
    )
    return markdown_table(header, table) + "\n\n" + note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds per instance")
    parser.add_argument("--only", default="", help="benchmark 1: files whose path contains this")
    parser.add_argument("--no-peers", action="store_true", help="benchmark 1: mosaico only")
    parser.add_argument("--skip-1", action="store_true", help="skip the published instances")
    parser.add_argument("--skip-2", action="store_true", help="skip the generated instances")
    parser.add_argument("--per-group", type=int, default=3, help="benchmark 2: instances a group")
    parser.add_argument("--group-limit", type=float, default=5.0, help="benchmark 2: s each")
    parser.add_argument("--full", action="store_true", help="benchmark 2: the 10-minute protocol")
    args = parser.parse_args()
    parts = ["# Talent scheduling\n"]
    if not args.skip_1:
        print("== Benchmark 1: published instances")
        parts += [
            "## Published instances\n",
            benchmark_published(args.time_limit, args.only, not args.no_peers),
        ]
    if not args.skip_2:
        print("\n== Benchmark 2: generated instances")
        per_group, limit = (100, 600.0) if args.full else (args.per_group, args.group_limit)
        parts += ["\n## Generated instances\n", benchmark_generated(per_group, limit, args.full)]
    text = "\n".join(parts)
    print("\n" + text)
    print(f"\nwritten to {save('talent.md', text)}")


if __name__ == "__main__":
    main()
