"""Large-neighbourhood search: schedules too big for one CP-SAT model.

A season (250–600 strips) strains one CP-SAT model and a telenovela
(3,000–5,000) passes ``cpsat.MAX_CELLS``. The search here starts from a
feasible first-fit plan, then again and again frees a *neighbourhood* — a run
of consecutive shoot days, the days a costly cast member is held over, or the
days a location is used — and re-solves only those days with CP-SAT, the rest
of the schedule untouched. The sub-problem is an ordinary ``ScheduleProblem``
whose calendar is exactly the freed dates, so every per-day rule holds by
construction; rules that reach across days (turnaround, consecutive days,
precedence) and the true cost are checked on the whole schedule before a
move is kept. Emptied days in the middle are then closed by sliding the later
days forward. Every result carries a lower bound from a relaxation (see
``relaxation_bound``), or CP-SAT's own bound when the whole model fits, so
every answer has a gap.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mosaico.errors import ScheduleError
from mosaico.schedule import cpsat
from mosaico.schedule.check import violations
from mosaico.schedule.costs import assignment_cost
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.lower_bound import relaxation_bound
from mosaico.schedule.model import (
    NIGHT_WRAP_HOUR,
    Calendar,
    DayOff,
    Progress,
    ProgressCallback,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Status,
    Strip,
    Term,
)

# Strips freed at once: small enough that CP-SAT proves most neighbourhoods in
# well under a second on two cores, big enough to trade strips between days.
NEIGHBOURHOOD_STRIPS = 25
STEP_SECONDS = 1.5
REORDER_SECONDS = 3.0  # the most one pass of whole-day moves may take
# Up to SMALL_CELLS (strips times days: an episode, a block, a short series),
# one CP-SAT model gets most of the time first: it often proves the optimum,
# and its bound is far above the relaxation's. Past that, CP-SAT rarely finds
# even a first schedule in minutes on two cores, so the search starts at once
# from first fit (CP-SAT is tried only when first fit places too few strips).
SMALL_CELLS = 20_000
SMALL_MODEL_SHARE = 0.85

Placement = dict[str, int]  # scene id -> index into the shoot dates


# Placements and schedules ----------------------------------------------------


def placement_of(schedule: Schedule, dates: tuple[date, ...]) -> Placement:
    """Scene id -> index into ``dates`` for the strips of ``schedule`` shot on one of them."""
    index = {when: d for d, when in enumerate(dates)}
    return {s: index[day.date] for day in schedule.days if day.date in index for s in day.strips}


def to_schedule(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: Mapping[str, int],
    *,
    lower_bound: int,
    seconds: float,
    first_feasible_seconds: float | None = None,
) -> Schedule:
    """The ``Schedule`` of a complete placement, its cost recounted term by term."""
    by_day: dict[int, list[Strip]] = defaultdict(list)
    for strip in problem.strips:
        by_day[placed[strip.scene_id]].append(strip)
    days: list[ShootDay] = []
    for d in sorted(by_day):
        strips = by_day[d]
        days.append(
            ShootDay(
                number=len(days) + 1,
                date=dates[d],
                strips=tuple(s.scene_id for s in strips),
                eighths=sum(s.eighths for s in strips),
                hours=sum(s.minutes for s in strips) / 60,
                locations=tuple(dict.fromkeys(s.location for s in strips)),
            )
        )
    cost, details = assignment_cost(problem, dates, dict(placed))
    total = sum(cost.values())
    bound = min(lower_bound, total)
    return Schedule(
        days=tuple(days),
        cost=cost,
        lower_bound=bound,
        status=Status.OPTIMAL if bound == total else Status.FEASIBLE,
        seconds=seconds,
        first_feasible_seconds=first_feasible_seconds,
        details=details,
    )


def total_cost(problem: ScheduleProblem, dates: tuple[date, ...], placed: Mapping[str, int]) -> int:
    cost, _ = assignment_cost(problem, dates, dict(placed))
    return sum(cost.values())


# The whole-schedule check ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Broken:
    """A hard rule a placement breaks, with the strips that break it."""

    rule: str
    strips: tuple[str, ...]
    text: str


def broken_rules(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: Mapping[str, int],
    *,
    ignore: Iterable[str] = (),
) -> list[Broken]:
    """Every hard rule that ``placed`` breaks (empty when it is a legal schedule).

    The rules are checked by ``check.violations``, written independently of the
    CP-SAT builders, so a move found on part of the schedule is checked
    against the whole. A rule broken only by strips in ``ignore`` (scenes
    already shot, under rules that came after) is left out.
    """
    when = {s: dates[d] for s, d in placed.items() if 0 <= d < len(dates)}
    skip = set(ignore)
    return [
        Broken(rule=str(v.rule), strips=v.strips, text=v.text)
        for v in violations(problem, when)
        if not v.strips or not set(v.strips) <= skip
    ]


# The lower bound ---------------------------------------------------------------


# Sub-problems ------------------------------------------------------------------


def calendar_of(dates: list[date]) -> Calendar:
    """A calendar whose shoot dates are exactly ``dates`` (sorted, distinct)."""
    gaps = []
    for a, b in itertools.pairwise(dates):
        if (b - a).days > 1:
            gaps.append(DayOff(a + timedelta(days=1), "not freed", end=b - timedelta(days=1)))
    return Calendar(
        start=dates[0], work_days=len(dates), weekly_days_off=frozenset(), days_off=tuple(gaps)
    )


def sub_problem(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: Mapping[str, int],
    days: Iterable[int],
    *,
    free: Iterable[str],
    pinned: Iterable[str] = (),
) -> ScheduleProblem:
    """The strips ``free`` and ``pinned`` shot on the dates of ``days`` only.

    Pinned strips keep their dates (they must be on one of ``days``); free
    strips may go on any of them. Rules naming strips outside are dropped here
    and checked on the whole schedule afterwards.
    """
    chosen = sorted(set(days))
    keep = set(free) | set(pinned)
    strips = tuple(s for s in problem.strips if s.scene_id in keep)
    rules = problem.rules
    fixed = {s: when for s, when in rules.fixed_dates.items() if s in keep}
    fixed.update({s: dates[placed[s]] for s in pinned})
    sub_rules = replace(
        rules,
        fixed_dates=fixed,
        must_precede=tuple(p for p in rules.must_precede if p.before in keep and p.after in keep),
        same_day=tuple(g for g in rules.same_day if all(s in keep for s in g)),
    )
    return replace(
        problem,
        strips=strips,
        calendar=calendar_of([dates[d] for d in chosen]),
        rules=sub_rules,
    )


def solve_days(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: Mapping[str, int],
    days: Iterable[int],
    *,
    free: Iterable[str],
    pinned: Iterable[str] = (),
    time_limit: float,
    workers: int = cpsat.WORKERS,
) -> Placement | None:
    """Re-solve ``free`` on ``days`` with CP-SAT (warm from where they are); the new placement.

    ``None`` when CP-SAT finds nothing in time or the days cannot take them.
    """
    chosen = sorted(set(days))
    free = set(free)
    pinned = set(pinned)
    if not chosen or not free:
        return None
    sub = sub_problem(problem, dates, placed, chosen, free=free, pinned=pinned)
    sub_dates = tuple(dates[d] for d in chosen)
    local = {s: chosen.index(placed[s]) for s in free | pinned if placed.get(s) in set(chosen)}
    start = None
    if len(local) == len(sub.strips):
        start = to_schedule(sub, sub_dates, local, lower_bound=0, seconds=0.0)
    try:
        found = cpsat.solve(sub, time_limit=time_limit, workers=workers, start=start)
    except ScheduleError:
        return None
    index = dict(zip(sub_dates, chosen, strict=True))
    new = dict(placed)
    for day in found.days:
        for scene in day.strips:
            new[scene] = index[day.date]
    return new


# The search --------------------------------------------------------------------


@dataclass(slots=True)
class _Search:
    problem: ScheduleProblem
    dates: tuple[date, ...]
    earliest: int  # no strip may move onto a day before this one
    frozen: frozenset[str]  # strips that keep their day
    stay: Mapping[str, int]  # when replanning: each strip's previous day
    stability_weight: int
    rng: random.Random

    def score(self, placed: Mapping[str, int]) -> int:
        """The cost, plus the stability penalty for each strip moved off its previous day."""
        moved = sum(1 for s, d in self.stay.items() if placed.get(s) != d)
        return total_cost(self.problem, self.dates, placed) + self.stability_weight * moved

    def movable_days(self, placed: Mapping[str, int]) -> list[int]:
        """Days strips may be moved on or off: not before ``earliest``, holding no frozen strip."""
        blocked = {placed[s] for s in self.frozen if s in placed}
        return [d for d in range(self.earliest, len(self.dates)) if d not in blocked]

    def neighbourhood(self, placed: Mapping[str, int], kind: str) -> list[int]:
        """Days to free: a run of days, one cast member's span, or one location's days."""
        movable = self.movable_days(placed)
        if not movable:
            return []
        load: dict[int, int] = defaultdict(int)
        for d in placed.values():
            load[d] += 1
        wrap = max(placed.values(), default=0)
        if kind == "cast" and self.problem.cast:
            member = self.rng.choice(self.problem.cast).id
            worked = sorted({placed[s.scene_id] for s in self.problem.strips if member in s.cast})
            if len(worked) > 1:
                candidates = [d for d in movable if worked[0] <= d <= worked[-1]]
                if candidates:
                    return self._cap(candidates, load, self.rng.randrange(len(candidates)))
        if kind == "location" and self.problem.locations:
            place = self.rng.choice(self.problem.locations).id
            used = {placed[s.scene_id] for s in self.problem.strips if s.location == place}
            candidates = [d for d in movable if d in used or d == wrap + 1]
            if len(candidates) > 1:
                return self._cap(candidates, load, self.rng.randrange(len(candidates)))
        within = [d for d in movable if d <= wrap + 1]
        if not within:
            return []
        return self._cap(within, load, self.rng.randrange(len(within)))

    def _cap(self, candidates: list[int], load: Mapping[int, int], first: int) -> list[int]:
        """Days from ``candidates[first]`` on until about ``NEIGHBOURHOOD_STRIPS`` strips are freed."""
        chosen, count = [], 0
        for d in candidates[first:] + candidates[:first]:
            chosen.append(d)
            count += load.get(d, 0)
            if count >= NEIGHBOURHOOD_STRIPS:
                break
        return chosen

    def reorder(self, placed: Placement, seconds: float) -> Placement:
        """Move whole days' work to other dates (the talent-scheduling view of holding).

        Each movable day's strips are taken out and put back at another of
        the same dates, the days between sliding along. Only cast holding can
        change that way (every day keeps its strips), so candidates are ranked
        by holding alone, counted fast; the best is checked against every rule
        and the true score before it is kept. Repeats until no move helps or
        ``seconds`` pass.
        """
        deadline = time.perf_counter() + seconds
        movable = set(self.movable_days(placed))
        by_day: dict[int, list[Strip]] = defaultdict(list)
        for strip in self.problem.strips:
            by_day[placed[strip.scene_id]].append(strip)
        slots = sorted(d for d in by_day if d in movable)
        if len(slots) < 3:
            return placed
        rate = {m.id: m.cost_per_day * self.problem.weights.cast_holding for m in self.problem.cast}
        fixed: dict[str, list[int]] = defaultdict(list)
        for d, strips in by_day.items():
            if d not in movable:
                for member in {c for s in strips for c in s.cast}:
                    fixed[member].append(d)
        crew = [sorted({c for s in by_day[d] for c in s.cast if rate.get(c)}) for d in slots]
        allowed = self._allowed(by_day, slots)
        clash = self._clashes(by_day, slots)

        def legal(seq: list[int], low: int, high: int) -> bool:
            """Quick checks of the dates and nights changed (positions ``low``..``high``)."""
            for position in range(low, high + 1):
                if not allowed[seq[position]][position]:
                    return False
            for position in range(max(0, low - 1), min(len(seq) - 1, high + 1)):
                if (seq[position], seq[position + 1], position) in clash:
                    return False
            return True

        def holding(seq: list[int]) -> int:
            first: dict[str, int] = {}
            last: dict[str, int] = {}
            count: dict[str, int] = defaultdict(int)
            for position, content in enumerate(seq):
                day = slots[position]
                for member in crew[content]:
                    if member not in first:
                        first[member] = day
                    last[member] = day
                    count[member] += 1
            total = 0
            for member, start in first.items():
                low, high, n = start, last[member], count[member]
                for day in fixed.get(member, ()):
                    low, high, n = min(low, day), max(high, day), n + 1
                total += rate[member] * (high - low + 1 - n)
            return total

        seq = list(range(len(slots)))
        current = holding(seq)
        best_placed, best_score = placed, self.score(placed)
        improved = True
        while improved and time.perf_counter() < deadline:
            improved = False
            for i in self.rng.sample(range(len(seq)), len(seq)):
                if time.perf_counter() >= deadline:
                    break
                ranked = []
                for j in range(len(seq)):
                    if j == i:
                        continue
                    trial = seq[:i] + seq[i + 1 :]
                    trial.insert(j, seq[i])
                    if not legal(trial, min(i, j), max(i, j)):
                        continue
                    value = holding(trial)
                    if value < current:
                        ranked.append((value, j, trial))
                for value, _, trial in sorted(ranked, key=lambda r: (r[0], r[1]))[:3]:
                    moved = dict(best_placed)
                    for position, content in enumerate(trial):
                        for strip in by_day[slots[content]]:
                            moved[strip.scene_id] = slots[position]
                    if broken_rules(self.problem, self.dates, moved, ignore=self.frozen):
                        continue
                    score = self.score(moved)
                    if score < best_score:
                        seq, current, best_placed, best_score = trial, value, moved, score
                        improved = True
                        break
        return best_placed

    def _allowed(self, by_day: Mapping[int, list[Strip]], slots: list[int]) -> list[list[bool]]:
        """allowed[k][p]: day ``slots[k]``'s work could be shot on date ``slots[p]``."""
        cast = {m.id: m for m in self.problem.cast}
        places = {p.id: p for p in self.problem.locations}
        fixed = self.problem.rules.fixed_dates
        table = []
        for d in slots:
            strips = by_day[d]
            row = []
            for p in slots:
                when = self.dates[p]
                row.append(
                    all(
                        fixed.get(s.scene_id, when) == when
                        and when not in places[s.location].unavailable
                        and not any(when in cast[c].unavailable for c in s.cast)
                        for s in strips
                    )
                )
            table.append(row)
        return table

    def _clashes(
        self, by_day: Mapping[int, list[Strip]], slots: list[int]
    ) -> set[tuple[int, int, int]]:
        """(a, b, p): day a's work at ``slots[p]`` then b's at ``slots[p + 1]`` breaks turnaround."""
        need = self.problem.rules.turnaround_hours
        nights = [{c for s in by_day[d] if s.is_night for c in s.cast} for d in slots]
        calls: list[dict[str, float]] = []
        for d in slots:
            earliest: dict[str, float] = {}
            for strip in by_day[d]:
                for c in strip.cast:
                    earliest[c] = min(earliest.get(c, 99.0), strip.call_hour)
            calls.append(earliest)
        # Whether rest suffices depends only on the hours between the two dates.
        pairs: dict[float, set[tuple[int, int]]] = {}
        found = set()
        for p in range(len(slots) - 1):
            gap = (self.dates[slots[p + 1]] - self.dates[slots[p]]).days * 24 - NIGHT_WRAP_HOUR
            if gap not in pairs:
                pairs[gap] = {
                    (a, b)
                    for a, night in enumerate(nights)
                    if night
                    for b, call in enumerate(calls)
                    if a != b and any(gap + call[c] < need for c in night if c in call)
                }
            found |= {(a, b, p) for a, b in pairs[gap]}
        return found

    def close_gaps(self, placed: Placement) -> Placement:
        """Slide the days after an empty day forward, wherever the rules allow it."""
        used = set(placed.values())
        wrap = max(used, default=0)
        movable = set(self.movable_days(placed))
        for hole in range(self.earliest, wrap):
            if hole in used or hole not in movable:
                continue
            after = [d for d in range(hole + 1, wrap + 1) if d in used]
            if not all(d in movable for d in after):
                continue
            shifted = {
                s: (d - 1 if d > hole and s not in self.frozen else d) for s, d in placed.items()
            }
            legal = not broken_rules(self.problem, self.dates, shifted, ignore=self.frozen)
            if legal and self.score(shifted) < self.score(placed):
                return self.close_gaps(shifted)
        return placed


def improve(
    problem: ScheduleProblem,
    placed: Mapping[str, int],
    *,
    time_limit: float,
    dates: tuple[date, ...] | None = None,
    earliest: int = 0,
    frozen: Iterable[str] = (),
    stay: Mapping[str, int] | None = None,
    stability_weight: int = 0,
    bound: int = 0,
    seed: int = 0,
    workers: int = cpsat.WORKERS,
    on_progress: ProgressCallback | None = None,
) -> Placement:
    """Improve a legal placement by neighbourhood moves until ``time_limit`` seconds pass.

    A move is kept only when the whole schedule still keeps every hard rule and
    its score (cost plus ``stability_weight`` for each strip off its day in
    ``stay``) goes down; strips in ``frozen`` and days before ``earliest`` are
    never touched.
    """
    started = time.perf_counter()
    dates = dates if dates is not None else problem.calendar.shoot_dates()
    search = _Search(
        problem=problem,
        dates=dates,
        earliest=earliest,
        frozen=frozenset(frozen),
        stay=stay or {},
        stability_weight=stability_weight,
        rng=random.Random(seed),
    )
    best = search.close_gaps(dict(placed))
    best_score = search.score(best)
    kinds = ("order", "days", "cast", "location", "days")
    iteration = 0
    while True:
        left = time_limit - (time.perf_counter() - started)
        if left < 0.2:
            break
        kind = kinds[iteration % len(kinds)]
        iteration += 1
        if kind == "order" and search.stay:
            continue  # whole-day moves would shift days a replan keeps
        if kind == "order":
            reordered = search.reorder(best, min(REORDER_SECONDS, left))
            score = search.score(reordered)
            if score < best_score:
                best, best_score = reordered, score
            continue
        days = search.neighbourhood(best, kind)
        chosen = set(days)
        free = {s for s, d in best.items() if d in chosen and s not in search.frozen}
        if search.stay:
            # Replanning: only strips already off their previous day move again, so
            # the polish never disturbs a day the replan kept.
            free = {s for s in free if search.stay.get(s) != best[s]}
        if not free:
            continue
        # The days either side come along pinned, so turnaround across the edges is modelled.
        border = {n for d in chosen for n in (d - 1, d + 1) if 0 <= n < len(dates)} - chosen
        pinned = {s for s, d in best.items() if d in border or (d in chosen and s not in free)}
        found = solve_days(
            problem,
            dates,
            best,
            chosen | border,
            free=free,
            pinned=pinned,
            time_limit=min(STEP_SECONDS, left),
            workers=workers,
        )
        if found is None or broken_rules(problem, dates, found, ignore=search.frozen):
            continue
        found = search.close_gaps(found)
        score = search.score(found)
        if score < best_score:
            best, best_score = found, score
        if on_progress is not None:
            report = Progress(
                incumbent=total_cost(problem, dates, best),
                bound=bound,
                seconds=time.perf_counter() - started,
                iteration=iteration,
            )
            if on_progress(report) is False:
                break  # stopped by the caller: the best so far stands
    return best


def solve_lns(
    problem: ScheduleProblem,
    *,
    time_limit: float = 60.0,
    start: Schedule | None = None,
    seed: int = 0,
    workers: int = cpsat.WORKERS,
    on_progress: ProgressCallback | None = None,
) -> Schedule:
    """A schedule for a problem of any size: a legal start, improved by neighbourhoods.

    The start is ``start`` (when it places every strip legally) or a first-fit
    plan. A small problem goes to one CP-SAT model first (see ``SMALL_CELLS``):
    its schedule may beat the start, and its bound is usually far above the
    relaxation's. Raises ``ScheduleError`` when no legal start is found.
    """
    if time_limit <= 0:
        raise ScheduleError(f"the time limit must be positive, got {time_limit}")
    started = time.perf_counter()
    dates = problem.calendar.shoot_dates()
    bound = relaxation_bound(problem, dates)
    placed: Placement = {}
    stopped: list[bool] = []  # set when the caller's progress hook asks to stop
    if start is not None:
        placed = placement_of(start, dates)
    if len(placed) < len(problem.strips) or broken_rules(problem, dates, placed):
        placed = first_fit(problem, dates)
    if len(placed) < len(problem.strips) or broken_rules(problem, dates, placed):
        placed = {}
    first: float | None = time.perf_counter() - started if placed else None
    cells = len(problem.strips) * len(dates)
    if cells <= SMALL_CELLS or (not placed and cells <= cpsat.MAX_CELLS):
        share = time_limit * (SMALL_MODEL_SHARE if placed else 0.5)
        hint = to_schedule(problem, dates, placed, lower_bound=0, seconds=0.0) if placed else None
        try:
            whole = cpsat.solve(
                problem,
                time_limit=share,
                workers=workers,
                start=hint,
                on_progress=None if on_progress is None else _listen(on_progress, stopped),
            )
        except ScheduleError:
            whole = None
        if whole is not None:
            bound = max(bound, whole.lower_bound)
            if whole.status is Status.OPTIMAL:
                return whole
            mine = placement_of(whole, dates)
            if not placed or total_cost(problem, dates, mine) < total_cost(problem, dates, placed):
                placed = mine
                if first is None:
                    first = whole.first_feasible_seconds
    if not placed:
        raise ScheduleError(
            f"no legal first schedule for {len(problem.strips)} strips in "
            f"{len(dates)} shoot days; add shoot days or units"
        )
    left = time_limit - (time.perf_counter() - started)
    if left > 0.2 and not stopped:
        placed = improve(
            problem,
            placed,
            time_limit=left,
            dates=dates,
            bound=bound,
            seed=seed,
            workers=workers,
            on_progress=on_progress,
        )
    return to_schedule(
        problem,
        dates,
        placed,
        lower_bound=bound,
        seconds=time.perf_counter() - started,
        first_feasible_seconds=first,
    )


def _listen(on_progress: ProgressCallback, stopped: list[bool]) -> ProgressCallback:
    """Pass reports on, and remember when the caller asked to stop."""

    def hook(report: Progress) -> bool | None:
        answer = on_progress(report)
        if answer is False:
            stopped.append(True)
        return answer

    return hook


def solve_any(
    problem: ScheduleProblem,
    *,
    time_limit: float,
    start: Schedule | None = None,
    workers: int = cpsat.WORKERS,
    on_progress: ProgressCallback | None = None,
) -> Schedule:
    """The best schedule in ``time_limit``: a proof when one CP-SAT model settles it, else LNS.

    Same as ``solve_lns``, which hands small problems to one CP-SAT model first
    and keeps a legal first-fit plan to fall back on when CP-SAT finds nothing.
    """
    return solve_lns(
        problem, time_limit=time_limit, start=start, workers=workers, on_progress=on_progress
    )


__all__ = [
    "Broken",
    "Progress",
    "ProgressCallback",
    "Term",
    "broken_rules",
    "improve",
    "placement_of",
    "relaxation_bound",
    "solve_any",
    "solve_days",
    "solve_lns",
    "sub_problem",
    "to_schedule",
]
