"""Assigning strips to shoot days with OR-Tools CP-SAT.

Building the model (``build_model``), solving it (``solve``) and reading the
answer (``_read``) are separate steps, and ``dump_model`` writes the model as
text for a bug report. The objective is the weighted sum of the penalties the
soft-rule builders in ``cpsat_rules`` return; the cost shown is recounted from
the assignment (``costs``) by the same names. The search starts from the
current schedule when replanning, else from a first-fit one (``first_fit``).
When no schedule exists, the hard rules are solved again as assumptions and
the conflicting set is shrunk until every rule in it is needed, then raised
as ``Infeasible`` in the 1st AD's words.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from mosaico.errors import Infeasible, LimitExceeded, ScheduleError
from mosaico.schedule import cpsat_rules as rules
from mosaico.schedule.costs import assignment_cost
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.lower_bound import relaxation_bound
from mosaico.schedule.model import (
    Progress,
    ProgressCallback,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Status,
    Term,
)

WORKERS = 2
# Explaining infeasibility needs the single-threaded search: it reports the
# assumptions behind a proof of infeasibility; the portfolio does not.
EXPLAIN_WORKERS = 1
EXPLAIN_SECONDS = 10.0
HINT_SECONDS = 2.0
# Strips times calendar days: past this the model would take gigabytes; a season
# fits, a telenovela needs the neighbourhood search around smaller models.
MAX_CELLS = 200_000


@dataclass(frozen=True, slots=True)
class BuiltModel:
    model: cp_model.CpModel
    vars: rules.ModelVars
    penalties: tuple[rules.Penalty, ...]


def build_model(problem: ScheduleProblem) -> BuiltModel:
    """The CP-SAT model: hard rules under named literals, the objective from named penalties."""
    model = cp_model.CpModel()
    dates = problem.calendar.shoot_dates()
    cells = len(problem.strips) * len(dates)
    if cells > MAX_CELLS:
        raise LimitExceeded(
            f"{len(problem.strips)} strips over {len(dates)} calendar days make {cells:,} "
            f"choices; one CP-SAT model takes at most {MAX_CELLS:,} (split the schedule by block)"
        )
    x = [
        [model.new_bool_var(f"{strip.scene_id} on {day.isoformat()}") for day in dates]
        for strip in problem.strips
    ]
    v = rules.ModelVars(model=model, problem=problem, dates=dates, x=x)
    # These two first: the implied bounds of later builders are enforced by them.
    rules.add_calendar(v)
    rules.add_hours(v)
    rules.add_cast_availability(v)
    rules.add_cast_windows(v)
    rules.add_location_availability(v)
    rules.add_location_windows(v)
    rules.add_fixed_dates(v)
    rules.add_must_precede(v)
    rules.add_same_day(v)
    at = rules.location_flags(v)
    rules.add_location_max_days(v, at)
    rules.add_company_moves_cap(v, at)
    rules.add_turnaround(v)
    rules.add_max_consecutive(v)
    rules.add_minor_hours(v)
    rules.add_city_travel(v)
    rules.add_blocks(v)
    rules.add_weather_cover(v)
    rules.add_headcount(v)
    rules.add_pods(v)
    penalties = [
        *rules.cast_holding(v),
        *rules.shoot_days(v),
        *rules.company_moves(v, at),
        *rules.day_night_switches(v),
        *rules.fill(v),
    ]
    model.minimize(sum(p.weight * p.expr for p in penalties))
    return BuiltModel(model=model, vars=v, penalties=tuple(penalties))


def new_solver(seconds: float, *, workers: int) -> cp_model.CpSolver:
    """A CP-SAT solver with a time limit that leaves Ctrl-C to Python.

    By default CP-SAT takes over SIGINT while it searches and leaves the default
    handler behind, so a second Ctrl-C kills the process (a worker, the CLI)
    without cleaning up.
    """
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.catch_sigint_signal = False
    return solver


def dump_model(problem: ScheduleProblem) -> str:
    """The model as protobuf text, to attach to a bug report."""
    return str(build_model(problem).model.proto)


def _warm_start(v: rules.ModelVars, start: Schedule, seconds: float) -> None:
    """Hint each strip of ``start`` onto its date; strips it lacks are left to the search."""
    index = {when: d for d, when in enumerate(v.dates)}
    placed = {s: index[day.date] for day in start.days for s in day.strips if day.date in index}
    _hint(v, placed, min(HINT_SECONDS, seconds))


def _hint(v: rules.ModelVars, placed: dict[str, int], seconds: float = HINT_SECONDS) -> None:
    """Suggest ``placed`` as the first schedule to improve on.

    CP-SAT only starts from a hint that sets every variable, so a copy of the
    model with the strips pinned is solved first to fill in the rest; when the
    placement breaks a rule, only the strips are hinted and the search repairs.
    """
    pinned = v.model.clone()
    for strip, row in zip(v.problem.strips, v.x, strict=True):
        if strip.scene_id in placed:
            for d, literal in enumerate(row):
                pinned.add(literal == int(d == placed[strip.scene_id]))
    solver = new_solver(seconds, workers=1)
    if len(placed) == len(v.problem.strips) and solver.solve(pinned) in (
        cp_model.OPTIMAL,
        cp_model.FEASIBLE,
    ):
        proto = v.model.proto
        for i in range(len(proto.variables)):
            var = v.model.get_int_var_from_proto_index(i)
            v.model.add_hint(var, solver.value(var))
        return
    for strip, row in zip(v.problem.strips, v.x, strict=True):
        if strip.scene_id in placed:
            for d, literal in enumerate(row):
                v.model.add_hint(literal, d == placed[strip.scene_id])


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Notes when the first feasible schedule turned up, and reports each better one."""

    def __init__(self, started: float, on_progress: ProgressCallback | None = None) -> None:
        super().__init__()
        self.started = started
        self.first: float | None = None
        self.on_progress = on_progress
        self.found = 0

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.started
        if self.first is None:
            self.first = elapsed
        self.found += 1
        if self.on_progress is None:
            return
        report = Progress(
            incumbent=round(self.objective_value),
            bound=math.ceil(self.best_objective_bound - 1e-6),
            seconds=elapsed,
            iteration=self.found,
        )
        if self.on_progress(report) is False:
            self.stop_search()  # the best schedule so far is read as usual


def solve(
    problem: ScheduleProblem,
    *,
    time_limit: float = 10.0,
    workers: int = WORKERS,
    start: Schedule | None = None,
    on_progress: ProgressCallback | None = None,
) -> Schedule:
    """The best schedule found within ``time_limit`` seconds, with its proven lower bound.

    ``on_progress`` hears of every better schedule; answering ``False`` stops the
    search with the best one so far.

    ``start`` (the current schedule, when replanning) is a warm start: its
    strips are suggested on their dates, and the search begins from there.
    Raises ``Infeasible`` naming the conflicting rules when no schedule exists,
    and ``ScheduleError`` when none was found in time.
    """
    if time_limit <= 0:
        raise ScheduleError(f"the time limit must be positive, got {time_limit}")
    started = time.perf_counter()
    built = build_model(problem)
    if not problem.strips:
        return Schedule(
            days=(),
            cost={t: 0 for t in Term},
            lower_bound=0,
            status=Status.OPTIMAL,
            seconds=0.0,
            first_feasible_seconds=0.0,
        )
    for literal, _ in built.vars.rules:
        built.model.add(literal == 1)
    if start is not None:
        _warm_start(built.vars, start, time_limit / 4)
    else:
        _hint(built.vars, first_fit(problem, built.vars.dates), min(HINT_SECONDS, time_limit / 4))
    # The start counts against the time limit too.
    solver = new_solver(max(0.1, time_limit - (time.perf_counter() - started)), workers=workers)
    callback = _FirstSolution(started, on_progress)
    status = solver.solve(built.model, callback)
    if status == cp_model.INFEASIBLE:
        raise Infeasible(explain_infeasible(problem, time_limit=min(EXPLAIN_SECONDS, time_limit)))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ScheduleError(
            f"no schedule found within {time_limit:g} s ({solver.status_name(status)}); "
            "give the solver more time"
        )
    return _read(built, solver, status, started, callback.first)


def _read(
    built: BuiltModel,
    solver: cp_model.CpSolver,
    status: cp_model.CpSolverStatus,
    started: float,
    first: float | None,
) -> Schedule:
    v = built.vars
    strips = v.problem.strips
    days: list[ShootDay] = []
    for d, shot in _rows(v, solver):
        when = v.dates[d]
        places = tuple(dict.fromkeys(strips[i].location for i in shot))
        days.append(
            ShootDay(
                number=len(days) + 1,
                date=when,
                strips=tuple(strips[i].scene_id for i in shot),
                eighths=sum(strips[i].eighths for i in shot),
                hours=sum(strips[i].minutes for i in shot) / 60,
                locations=places,
            )
        )
    placed = {strips[i].scene_id: d for d, row in _rows(v, solver) for i in row}
    cost, details = assignment_cost(v.problem, v.dates, placed)
    total = sum(cost.values())
    # The solver's objective can only overstate the exact cost, never understate it.
    # Counting often proves more than CP-SAT's search does in a short run.
    counted = relaxation_bound(v.problem, v.dates)
    bound = min(total, max(math.ceil(solver.best_objective_bound - 1e-6), counted))
    optimal = status == cp_model.OPTIMAL or bound == total
    return Schedule(
        days=tuple(days),
        cost=cost,
        lower_bound=bound,
        status=Status.OPTIMAL if optimal else Status.FEASIBLE,
        seconds=time.perf_counter() - started,
        first_feasible_seconds=first,
        details=details,
    )


def _rows(v: rules.ModelVars, solver: cp_model.CpSolver) -> list[tuple[int, list[int]]]:
    """Each day shot, with the strips on it (indices), in date order."""
    rows = []
    for d in v.days:
        shot = [i for i in range(len(v.x)) if solver.boolean_value(v.x[i][d])]
        if shot:
            rows.append((d, shot))
    return rows


def _infeasible_with(built: BuiltModel, assumed: list[int], time_limit: float) -> list[int] | None:
    """The assumptions a proof of infeasibility used, or ``None`` when feasible or unknown."""
    model = built.model
    model.clear_assumptions()
    model.add_assumptions([built.vars.rules[i][0] for i in assumed])
    solver = new_solver(time_limit, workers=EXPLAIN_WORKERS)
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    by_literal = {built.vars.rules[i][0].index: i for i in assumed}
    used = [by_literal[lit] for lit in solver.sufficient_assumptions_for_infeasibility()]
    return sorted(used) or assumed


def explain_infeasible(
    problem: ScheduleProblem, *, time_limit: float = EXPLAIN_SECONDS
) -> list[str]:
    """The smallest set of rules found that cannot hold together, each in words.

    Start from the assumptions CP-SAT used to prove infeasibility, then drop
    one rule at a time and keep it out whenever the rest still conflict.
    """
    built = build_model(problem)
    built.model.clear_objective()  # type: ignore[no-untyped-call]
    everything = list(range(len(built.vars.rules)))
    deadline = time.perf_counter() + time_limit
    core = _infeasible_with(built, everything, time_limit)
    if core is None:
        return [text for _, text in built.vars.rules]
    for candidate in list(core):
        left = deadline - time.perf_counter()
        if left <= 0 or len(core) == 1:
            break
        if candidate not in core:
            continue
        smaller = _infeasible_with(built, [i for i in core if i != candidate], left)
        if smaller is not None:
            core = smaller
    return [built.vars.rules[i][1] for i in core]
