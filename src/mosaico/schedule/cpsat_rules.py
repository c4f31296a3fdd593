"""The rules of the day-assignment model, one small builder each.

Hard rules are posted under a *rule literal* named in words a 1st AD uses
("ÉRIKA (3) is unavailable on 2027-04-02"): a normal solve fixes every one to
true, and an infeasible problem is explained by solving again with them as
assumptions. Soft rules return ``Penalty`` objects, each with its term and a
readable name, so a schedule can say what it pays and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from mosaico.schedule.model import NIGHT_WRAP_HOUR, ScheduleProblem, Term

Expr = cp_model.LinearExprT


@dataclass(frozen=True, slots=True)
class Penalty:
    term: Term
    name: str
    weight: int
    expr: Expr


@dataclass(slots=True)
class ModelVars:
    """The CP-SAT model and the variables every builder shares."""

    model: cp_model.CpModel
    problem: ScheduleProblem
    dates: tuple[date, ...]
    # x[s][d]: strip s is shot on shoot date d
    x: list[list[cp_model.IntVar]]
    rules: list[tuple[cp_model.IntVar, str]] = field(default_factory=list)
    _work: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)
    _used: list[cp_model.IntVar] = field(default_factory=list)

    def rule(self, text: str) -> cp_model.IntVar:
        literal = self.model.new_bool_var(f"rule {len(self.rules)}")
        self.rules.append((literal, text))
        return literal

    @property
    def days(self) -> range:
        return range(len(self.dates))

    @property
    def calendar(self) -> cp_model.IntVar:
        """The calendar rule (``add_calendar`` posts it first); implied bounds rest on it."""
        return self.rules[0][0]

    @property
    def basics(self) -> list[cp_model.IntVar]:
        """The calendar and day-length rules (``add_hours`` posts the second)."""
        return [self.rules[0][0], self.rules[1][0]]

    def days_needed(self, strips: list[int]) -> int:
        """The fewest days these strips fit in, by the day's length alone."""
        minutes = sum(self.problem.strips[i].minutes for i in strips)
        return -(-minutes // self.problem.rules.max_minutes_per_day)

    def strips_of(self, member: str) -> list[int]:
        return [i for i, s in enumerate(self.problem.strips) if member in s.cast]

    def day_index(self, strip: int) -> Expr:
        return sum(d * self.x[strip][d] for d in self.days)

    def used(self) -> list[cp_model.IntVar]:
        """used[d]: anything is shot on day d (exactly, both ways)."""
        if not self._used:
            for d in self.days:
                self._used.append(self._exact_or([row[d] for row in self.x], f"used {d}"))
        return self._used

    def work(self, member: str) -> list[cp_model.IntVar]:
        """work[d]: the cast member works on day d (exactly, both ways)."""
        if member not in self._work:
            mine = self.strips_of(member)
            self._work[member] = [
                self._exact_or([self.x[s][d] for s in mine], f"work {member} {d}")
                for d in self.days
            ]
        return self._work[member]

    def _exact_or(self, literals: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
        flag = self.model.new_bool_var(name)
        if literals:
            self.model.add_max_equality(flag, literals)
        else:
            self.model.add(flag == 0)
        return flag

    def at_least(self, literals: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
        """A flag forced on by any of ``literals``; left free otherwise (the objective lowers it)."""
        flag = self.model.new_bool_var(name)
        for literal in literals:
            self.model.add_implication(literal, flag)
        return flag


def _label(v: ModelVars, member: str) -> str:
    for cast in v.problem.cast:
        if cast.id == member:
            return f"{cast.name} ({cast.id})"
    return member


def _dates(days: list[date]) -> str:
    shown = ", ".join(d.isoformat() for d in days[:4])
    return shown + (f" and {len(days) - 4} more" if len(days) > 4 else "")


# Hard rules ------------------------------------------------------------------


def add_calendar(v: ModelVars) -> None:
    first, last = v.dates[0].isoformat(), v.dates[-1].isoformat()
    literal = v.rule(f"every scene is shot within the {len(v.dates)} shoot days {first} to {last}")
    for row in v.x:
        v.model.add_exactly_one(row).only_enforce_if(literal)


def add_hours(v: ModelVars) -> None:
    rules = v.problem.rules
    literal = v.rule(f"a shoot day lasts at most {rules.max_hours_per_day:g} hours")
    for d in v.days:
        load = sum(s.minutes * v.x[i][d] for i, s in enumerate(v.problem.strips))
        v.model.add(load <= rules.max_minutes_per_day).only_enforce_if(literal)
    # Implied, but it gives the search a bound on shoot days from the start.
    total = sum(s.minutes for s in v.problem.strips)
    needed = -(-total // rules.max_minutes_per_day)
    v.model.add(sum(v.used()) >= needed).only_enforce_if(v.basics)


def add_cast_availability(v: ModelVars) -> None:
    for member in v.problem.cast:
        off = [d for d in v.days if v.dates[d] in member.unavailable]
        mine = v.strips_of(member.id)
        if not off or not mine:
            continue
        literal = v.rule(
            f"{_label(v, member.id)} is unavailable on {_dates([v.dates[d] for d in off])}"
        )
        for s in mine:
            for d in off:
                v.model.add(v.x[s][d] == 0).only_enforce_if(literal)


def add_location_availability(v: ModelVars) -> None:
    for place in v.problem.locations:
        off = [d for d in v.days if v.dates[d] in place.unavailable]
        mine = [i for i, s in enumerate(v.problem.strips) if s.location == place.id]
        if not off or not mine:
            continue
        when = _dates([v.dates[d] for d in off])
        literal = v.rule(f"location {place.id} cannot be used on {when}")
        for s in mine:
            for d in off:
                v.model.add(v.x[s][d] == 0).only_enforce_if(literal)


def add_fixed_dates(v: ModelVars) -> None:
    index = {s.scene_id: i for i, s in enumerate(v.problem.strips)}
    for scene, when in v.problem.rules.fixed_dates.items():
        literal = v.rule(f"scene {scene} is fixed on {when.isoformat()}")
        for d in v.days:
            if v.dates[d] != when:
                v.model.add(v.x[index[scene]][d] == 0).only_enforce_if(literal)


def add_must_precede(v: ModelVars) -> None:
    index = {s.scene_id: i for i, s in enumerate(v.problem.strips)}
    for pair in v.problem.rules.must_precede:
        literal = v.rule(f"scene {pair.before} is shot on a day before scene {pair.after}")
        before, after = v.day_index(index[pair.before]), v.day_index(index[pair.after])
        v.model.add(before + 1 <= after).only_enforce_if(literal)


def add_same_day(v: ModelVars) -> None:
    index = {s.scene_id: i for i, s in enumerate(v.problem.strips)}
    for group in v.problem.rules.same_day:
        if len(group) < 2:
            continue
        literal = v.rule(f"scenes {', '.join(group)} are shot on the same day")
        first = index[group[0]]
        for other in group[1:]:
            for d in v.days:
                v.model.add(v.x[first][d] == v.x[index[other]][d]).only_enforce_if(literal)


def location_flags(v: ModelVars) -> dict[tuple[str, int], cp_model.IntVar]:
    """at[(location, d)]: on when a strip at that location is shot on day d."""
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(v.problem.strips):
        by_place[s.location].append(i)
    at = {
        (place, d): v.at_least([v.x[s][d] for s in strips], f"at {place} {d}")
        for place, strips in by_place.items()
        for d in v.days
    }
    # Implied (every location is visited, on as many days as its strips need),
    # and it lifts the bound on company moves.
    for place, strips in by_place.items():
        needed = v.days_needed(strips)
        v.model.add(sum(at[(place, d)] for d in v.days) >= needed).only_enforce_if(v.basics)
    return at


def add_company_moves_cap(v: ModelVars, at: dict[tuple[str, int], cp_model.IntVar]) -> None:
    cap = v.problem.rules.max_company_moves_per_day
    places = {place for place, _ in at}
    if len(places) <= cap + 1:
        return
    literal = v.rule(f"at most {cap} company move{'s' if cap != 1 else ''} a day")
    for d in v.days:
        v.model.add(sum(at[(p, d)] for p in places) <= cap + 1).only_enforce_if(literal)


def turnaround_clash(v: ModelVars, d: int, call_hour: float) -> bool:
    """Whether night work on day d leaves too little rest before a call at ``call_hour`` on d+1."""
    gap_days = (v.dates[d + 1] - v.dates[d]).days
    rest = gap_days * 24 + call_hour - NIGHT_WRAP_HOUR
    return rest < v.problem.rules.turnaround_hours


def add_turnaround(v: ModelVars) -> None:
    hours = v.problem.rules.turnaround_hours
    strips = v.problem.strips
    for member in v.problem.cast:
        mine = v.strips_of(member.id)
        nights = [s for s in mine if strips[s].is_night]
        if not nights or len(v.dates) < 2:
            continue
        clashes = [
            (d, t)
            for d in range(len(v.dates) - 1)
            for t in mine
            if turnaround_clash(v, d, strips[t].call_hour)
        ]
        if not clashes:
            continue
        literal = v.rule(
            f"{_label(v, member.id)} needs {hours:g} hours of rest after a night's work"
        )
        night_flags = {
            d: v.at_least([v.x[s][d] for s in nights], f"night {member.id} {d}")
            for d in {d for d, _ in clashes}
        }
        for d, t in clashes:
            v.model.add_bool_or([night_flags[d].Not(), v.x[t][d + 1].Not()]).only_enforce_if(
                literal
            )


def add_max_consecutive(v: ModelVars) -> None:
    for member in v.problem.cast:
        limit = member.max_consecutive_days
        if limit is None or limit >= len(v.dates) or not v.strips_of(member.id):
            continue
        literal = v.rule(f"{_label(v, member.id)} works at most {limit} shoot days in a row")
        work = v.work(member.id)
        for start in range(len(v.dates) - limit):
            window = work[start : start + limit + 1]
            v.model.add(sum(window) <= limit).only_enforce_if(literal)


# Soft rules ------------------------------------------------------------------


def cast_holding(v: ModelVars) -> list[Penalty]:
    """A cast member is paid for every shoot day between their first and last, worked or not."""
    penalties = []
    last_day = len(v.dates) - 1
    for member in v.problem.cast:
        weight = member.cost_per_day * v.problem.weights.cast_holding
        if weight <= 0 or len(v.strips_of(member.id)) < 2:
            continue
        work = v.work(member.id)
        first = v.model.new_int_var(0, last_day, f"first {member.id}")
        last = v.model.new_int_var(0, last_day, f"last {member.id}")
        for d in v.days:
            v.model.add(first <= d).only_enforce_if(work[d])
            v.model.add(last >= d).only_enforce_if(work[d])
        v.model.add(first <= last)
        held = v.model.new_int_var(0, last_day, f"held {member.id}")
        v.model.add(held == last - first + 1 - sum(work))
        name = f"{_label(v, member.id)} held"
        penalties.append(Penalty(Term.CAST_HOLDING, name, weight, held))
    return penalties


def shoot_days(v: ModelVars) -> list[Penalty]:
    """Every calendar date up to the wrap is paid, shot or left idle (the crew is booked)."""
    used = v.used()
    span = v.model.new_int_var(0, len(v.dates), "days to the wrap")
    for d in v.days:
        v.model.add(span >= (d + 1) * used[d])
    v.model.add(span >= sum(used))
    return [Penalty(Term.SHOOT_DAYS, "shoot days", v.problem.weights.shoot_day, span)]


def company_moves(v: ModelVars, at: dict[tuple[str, int], cp_model.IntVar]) -> list[Penalty]:
    weight = v.problem.weights.company_move
    places = {place for place, _ in at}
    used = v.used()
    penalties = []
    for d in v.days:
        moves = v.model.new_int_var(0, max(0, len(places) - 1), f"moves {d}")
        v.model.add(moves >= sum(at[(p, d)] for p in places) - used[d])
        name = f"company moves on {v.dates[d].isoformat()}"
        penalties.append(Penalty(Term.COMPANY_MOVES, name, weight, moves))
    # Implied: every location is visited once, so moves make up what days do not.
    total = sum(p.expr for p in penalties)
    v.model.add(total >= len(places) - sum(used)).only_enforce_if(v.calendar)
    return penalties


def day_night_switches(v: ModelVars) -> list[Penalty]:
    strips = v.problem.strips
    nights = [i for i, s in enumerate(strips) if s.is_night]
    days = [i for i, s in enumerate(strips) if not s.is_night]
    if not nights or not days:
        return []
    penalties = []
    used = v.used()
    night_flags: list[cp_model.IntVar] = []
    day_flags: list[cp_model.IntVar] = []
    for d in v.days:
        night = v.at_least([v.x[s][d] for s in nights], f"has night {d}")
        day = v.at_least([v.x[s][d] for s in days], f"has day {d}")
        night_flags.append(night)
        day_flags.append(day)
        switch = v.model.new_bool_var(f"switch {d}")
        v.model.add(switch >= day + night - used[d])
        name = f"day and night work on {v.dates[d].isoformat()}"
        penalties.append(
            Penalty(Term.DAY_NIGHT_SWITCHES, name, v.problem.weights.day_night_switch, switch)
        )
    # Implied: night and day work each need so many days; past the days shot, they share.
    v.model.add(sum(night_flags) >= v.days_needed(nights)).only_enforce_if(v.basics)
    v.model.add(sum(day_flags) >= v.days_needed(days)).only_enforce_if(v.basics)
    return penalties


def fill(v: ModelVars) -> list[Penalty]:
    """Eighths short of, or over, the day's page target on each day shot."""
    target = v.problem.rules.target_eighths_per_day
    weights = v.problem.weights
    total = sum(s.eighths for s in v.problem.strips)
    used = v.used()
    penalties = []
    for d in v.days:
        shot = sum(s.eighths * v.x[i][d] for i, s in enumerate(v.problem.strips))
        under = v.model.new_int_var(0, target, f"under {d}")
        over = v.model.new_int_var(0, max(0, total - target), f"over {d}")
        v.model.add(under >= target * used[d] - shot)
        v.model.add(over >= shot - target)
        when = v.dates[d].isoformat()
        penalties.append(
            Penalty(
                Term.UNDER_FILLED, f"eighths short on {when}", weights.under_filled_eighth, under
            )
        )
        penalties.append(
            Penalty(Term.OVER_FILLED, f"eighths over on {when}", weights.over_filled_eighth, over)
        )
    # Implied: what the days shot cannot hold at the target spills over it.
    overs = [p.expr for p in penalties if p.term is Term.OVER_FILLED]
    unders = [p.expr for p in penalties if p.term is Term.UNDER_FILLED]
    spill = cp_model.LinearExpr.sum(overs) - cp_model.LinearExpr.sum(unders)
    v.model.add(spill >= total - target * sum(used)).only_enforce_if(v.calendar)
    return penalties
