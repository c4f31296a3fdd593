"""The rules of the day-assignment model, one small builder each.

Hard rules are posted under a *rule literal* named in words a 1st AD uses
("ÉRIKA (3) is unavailable on 2027-04-02"): a normal solve fixes every one to
true, and an infeasible problem is explained by solving again with them as
assumptions. Soft rules return ``Penalty`` objects, each with its term and a
readable name, so a schedule can say what it pays and why.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from mosaico.schedule.lower_bound import fewest_by_moves
from mosaico.schedule.model import DAWN_CALL_HOUR, NIGHT_WRAP_HOUR, ScheduleProblem, Term

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
    # Travel days every shoot must fit before its wrap, and the rules that ask for them.
    travel_days: int = 0
    travel_rules: list[cp_model.IntVar] = field(default_factory=list)
    travel_bound_days: int = 0  # shoot days the cities need, one city a day
    _work: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)
    _used: list[cp_model.IntVar] = field(default_factory=list)

    def strips_by_location(self) -> dict[str, list[int]]:
        """Strip indices per location id, in strip order."""
        by_place: dict[str, list[int]] = defaultdict(list)
        for i, strip in enumerate(self.problem.strips):
            by_place[strip.location].append(i)
        return by_place

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


def window_text(first: date | None, last: date | None) -> str:
    if first is not None and last is not None:
        return f"from {first.isoformat()} to {last.isoformat()}"
    if first is not None:
        return f"from {first.isoformat()}"
    return f"until {last.isoformat() if last else ''}"


def add_cast_windows(v: ModelVars) -> None:
    """The contract's dates: no work before the actor starts or after they are released."""
    for member in v.problem.cast:
        outside = [d for d in v.days if not member.in_window(v.dates[d])]
        mine = v.strips_of(member.id)
        if not outside or not mine:
            continue
        window = window_text(member.available_from, member.available_until)
        literal = v.rule(f"{_label(v, member.id)} is available only {window}")
        for s in mine:
            for d in outside:
                v.model.add(v.x[s][d] == 0).only_enforce_if(literal)


def add_minor_hours(v: ModelVars) -> None:
    """A minor's strips on one day fit in their hour cap less their school hours."""
    for member in v.problem.cast:
        cap = member.on_set_minutes
        mine = v.strips_of(member.id)
        if cap is None or not mine:
            continue
        if sum(v.problem.strips[s].minutes for s in mine) <= cap and all(
            v.problem.strips[s].minutes <= cap for s in mine
        ):
            continue
        hours = f"{member.minor_max_hours:g} hours"
        if member.school_hours:
            hours += f", less {member.school_hours:g} of school"
        literal = v.rule(
            f"{_label(v, member.id)}, a minor, works at most {cap / 60:g} hours a day "
            f"on set ({hours})"
        )
        for d in v.days:
            load = sum(v.problem.strips[s].minutes * v.x[s][d] for s in mine)
            v.model.add(load <= cap).only_enforce_if(literal)


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
    by_place = v.strips_by_location()
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


def add_location_windows(v: ModelVars) -> None:
    for place in v.problem.locations:
        outside = [d for d in v.days if not place.in_window(v.dates[d])]
        mine = [i for i, s in enumerate(v.problem.strips) if s.location == place.id]
        if not outside or not mine:
            continue
        window = window_text(place.available_from, place.available_until)
        literal = v.rule(f"location {place.id} can be used only {window}")
        for s in mine:
            for d in outside:
                v.model.add(v.x[s][d] == 0).only_enforce_if(literal)


def add_location_max_days(v: ModelVars, at: dict[tuple[str, int], cp_model.IntVar]) -> None:
    for place in v.problem.locations:
        limit = place.max_days
        if limit is None or limit >= len(v.dates) or (place.id, 0) not in at:
            continue
        s = "s" if limit != 1 else ""
        literal = v.rule(f"location {place.id} can be used on at most {limit} day{s}")
        v.model.add(sum(at[(place.id, d)] for d in v.days) <= limit).only_enforce_if(literal)


def add_company_moves_cap(v: ModelVars, at: dict[tuple[str, int], cp_model.IntVar]) -> None:
    cap = v.problem.rules.max_company_moves_per_day
    places = {place for place, _ in at}
    if len(places) <= cap + 1:
        return
    literal = v.rule(f"at most {cap} company move{'s' if cap != 1 else ''} a day")
    for d in v.days:
        v.model.add(sum(at[(p, d)] for p in places) <= cap + 1).only_enforce_if(literal)
    # Implied by the cap and the day's length; it lifts the proven bound a lot.
    fewest = fewest_by_moves(v.problem)
    v.model.add(sum(v.used()) >= fewest).only_enforce_if([literal, *v.basics])


def turnaround_clash(v: ModelVars, d: int, call_hour: float, e: int | None = None) -> bool:
    """Whether night work on day d leaves too little rest before a call at ``call_hour`` on e.

    ``e`` defaults to the next shoot date.
    """
    later = d + 1 if e is None else e
    gap_days = (v.dates[later] - v.dates[d]).days
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
        # Usually only the next date clashes; a long turnaround can reach further.
        clashes = []
        for d in range(len(v.dates) - 1):
            for e in range(d + 1, len(v.dates)):
                if not turnaround_clash(v, d, DAWN_CALL_HOUR, e):
                    break  # the earliest call of all is rested: so is every later date
                clashes += [
                    (d, e, t) for t in mine if turnaround_clash(v, d, strips[t].call_hour, e)
                ]
        if not clashes:
            continue
        literal = v.rule(
            f"{_label(v, member.id)} needs {hours:g} hours of rest after a night's work"
        )
        night_flags = {
            d: v.at_least([v.x[s][d] for s in nights], f"night {member.id} {d}")
            for d in {d for d, _, _ in clashes}
        }
        for d, e, t in clashes:
            v.model.add_bool_or([night_flags[d].Not(), v.x[t][e].Not()]).only_enforce_if(literal)


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


def add_city_travel(v: ModelVars) -> None:
    """One city a shoot day; travel days (idle dates, or days off if allowed) between cities."""
    rules, problem = v.problem.rules, v.problem
    if rules.same_day_city_moves:
        return
    by_city: dict[str, list[int]] = defaultdict(list)
    for i, strip in enumerate(problem.strips):
        city = problem.city_of(strip)
        if city:  # a location with no city named cannot be placed on the map
            by_city[city].append(i)
    cities = sorted(by_city)
    flags = {
        (city, d): v.at_least([v.x[s][d] for s in by_city[city]], f"in {city} {d}")
        for city in cities
        for d in v.days
    }
    used = v.used()
    fewest = min(
        (rules.travel_days(a, b) for n, a in enumerate(cities) for b in cities[n + 1 :]),
        default=0,
    )
    if fewest > 0 and not rules.travel_on_days_off:
        # Implied: each city is reached once at least, each arrival after idle travel dates.
        v.travel_days = (len(cities) - 1) * fewest
    if fewest > 0:
        # Implied: a day stays in one city, so each city fills its own days.
        needed = sum(v.days_needed(by_city[city]) for city in cities)
        v.travel_bound_days = needed
    for n, city_a in enumerate(cities):
        for city_b in cities[n + 1 :]:
            need = rules.travel_days(city_a, city_b)
            if need <= 0:
                continue
            s = "s" if need != 1 else ""
            literal = v.rule(
                f"moving the company between {city_a} and {city_b} takes {need} travel day{s} "
                "with no shooting"
            )
            v.travel_rules.append(literal)
            for d in v.days:
                same = [flags[(city_a, d)].Not(), flags[(city_b, d)].Not()]
                v.model.add_bool_or(same).only_enforce_if(literal)
                for e in range(d + 1, len(v.dates)):
                    if travel_room(v, d, e) >= need:
                        break
                    between = [used[k] for k in range(d + 1, e)]
                    for one, other in ((city_a, city_b), (city_b, city_a)):
                        clause = [flags[(one, d)].Not(), flags[(other, e)].Not(), *between]
                        v.model.add_bool_or(clause).only_enforce_if(literal)


def travel_room(v: ModelVars, d: int, e: int) -> int:
    """Days free to travel between shoot dates d and e when nothing is shot between them."""
    if v.problem.rules.travel_on_days_off:
        return (v.dates[e] - v.dates[d]).days - 1
    return e - d - 1


def add_blocks(v: ModelVars) -> None:
    """One block (one director) a day; blocks in their order when the rules ask."""
    problem = v.problem
    by_block: dict[int, list[int]] = defaultdict(list)
    for i, strip in enumerate(problem.strips):
        block = problem.block_of(strip)
        if block is not None:
            by_block[block].append(i)
    blocks = sorted(by_block)
    if len(blocks) < 2:
        return
    flags = {
        (b, d): v.at_least([v.x[s][d] for s in by_block[b]], f"block {b} {d}")
        for b in blocks
        for d in v.days
    }
    literal = v.rule("a shoot day belongs to one episode block (one director on set)")
    for d in v.days:
        v.model.add(sum(flags[(b, d)] for b in blocks) <= 1).only_enforce_if(literal)
    if not problem.rules.blocks_in_order:
        return
    for earlier, later in itertools.pairwise(blocks):
        literal = v.rule(
            f"block {earlier + 1} ({block_words(v, earlier)}) wraps before block "
            f"{later + 1} ({block_words(v, later)}) starts"
        )
        started = None
        for d in v.days:
            # started: the later block has been shot on some day up to d.
            now = v.at_least([flags[(later, d)], *([started] if started is not None else [])], "")
            v.model.add(flags[(earlier, d)] + now <= 1).only_enforce_if(literal)
            started = now


def block_words(v: ModelVars, block: int) -> str:
    found = v.problem.blocks[block]
    episodes = ", ".join(str(e) for e in found.episodes)
    return f"episode{'s' if len(found.episodes) > 1 else ''} {episodes}, {found.director}"


def cover_available(v: ModelVars, strip: int, d: int) -> bool:
    """Whether a weather-cover strip could be pulled onto shoot date d."""
    found, when = v.problem.strips[strip], v.dates[d]
    cast = {member.id: member for member in v.problem.cast}
    if any(not cast[c].available_on(when) for c in found.cast):
        return False
    return all(
        place.available_on(when) for place in v.problem.locations if place.id == found.location
    )


def add_weather_cover(v: ModelVars) -> None:
    """Every day with exterior work keeps an available cover strip scheduled on a later day."""
    strips = v.problem.strips
    if not v.problem.rules.weather_cover_required:
        return
    exteriors = [i for i, s in enumerate(strips) if s.is_exterior]
    covers = [i for i, s in enumerate(strips) if s.weather_cover]
    if not exteriors:
        return
    literal = v.rule(
        "every day with exterior work keeps an interior weather-cover scene in reserve"
    )

    # When the company stays in one city a day, the cover must be in the same city.
    def group(i: int) -> str:
        return "" if v.problem.rules.same_day_city_moves else v.problem.city_of(strips[i])

    # after[c][d]: cover strip c is shot on a date after d (a running sum, so the
    # model stays linear in strips times dates).
    last = len(v.dates) - 1
    after: dict[int, list[cp_model.IntVar]] = {}
    for c in covers:
        row = [v.model.new_int_var(0, last, f"cover {c} after {d}") for d in v.days]
        v.model.add(row[last] == 0)
        for d in range(last):
            v.model.add(row[d] == row[d + 1] + v.x[c][d + 1])
        after[c] = row
    for where in sorted({group(i) for i in exteriors}):
        outside_here = [i for i in exteriors if group(i) == where]
        covers_here = [c for c in covers if group(c) == where]
        for d in v.days:
            outside = v.at_least([v.x[s][d] for s in outside_here], f"exterior {where} {d}")
            later = [after[c][d] for c in covers_here if cover_available(v, c, d)]
            v.model.add(sum(later) >= outside).only_enforce_if(literal)


def add_headcount(v: ModelVars) -> None:
    """Health protocols: cast working plus background, per day and per set per day."""
    rules, strips = v.problem.rules, v.problem.strips
    cap = rules.max_headcount_per_day
    everyone = {c for s in strips for c in s.cast}
    if cap is not None and len(everyone) + sum(s.background for s in strips) > cap:
        literal = v.rule(f"at most {cap} cast and background a day")
        for d in v.days:
            cast = sum(v.work(member)[d] for member in sorted(everyone))
            crowd = sum(s.background * v.x[i][d] for i, s in enumerate(strips) if s.background)
            v.model.add(cast + crowd <= cap).only_enforce_if(literal)
    cap = rules.max_headcount_per_set
    if cap is None:
        return
    by_set: dict[str, list[int]] = defaultdict(list)
    for i, strip in enumerate(strips):
        by_set[strip.set_name].append(i)
    for name, mine in sorted(by_set.items()):
        members = sorted({c for i in mine for c in strips[i].cast})
        if len(members) + sum(strips[i].background for i in mine) <= cap:
            continue
        literal = v.rule(f"at most {cap} cast and background a day on set {name}")
        for d in v.days:
            cast = sum(
                v.at_least([v.x[i][d] for i in mine if m in strips[i].cast], f"{m} on {name} {d}")
                for m in members
            )
            crowd = sum(strips[i].background * v.x[i][d] for i in mine)
            v.model.add(cast + crowd <= cap).only_enforce_if(literal)


def add_pods(v: ModelVars) -> None:
    """Cast of different pods never share a shoot day."""
    strips = v.problem.strips
    pods = [
        (pod, [i for i, s in enumerate(strips) if set(pod.members) & set(s.cast)])
        for pod in v.problem.rules.pods
    ]
    pods = [(pod, mine) for pod, mine in pods if mine]
    if len(pods) < 2:
        return
    names = ", ".join(pod.name for pod, _ in pods)
    literal = v.rule(f"cast of different pods ({names}) never work on the same day")
    for d in v.days:
        flags = [v.at_least([v.x[i][d] for i in mine], f"pod {pod.name} {d}") for pod, mine in pods]
        v.model.add(sum(flags) <= 1).only_enforce_if(literal)


# Soft rules ------------------------------------------------------------------


def cast_holding(v: ModelVars) -> list[Penalty]:
    """A cast member is paid for every shoot day between their first and last, worked or not.

    For cast who may be dropped, only the idle shoot days of short stretches are
    held; a stretch of at least ``drop_min_gap`` calendar days is a drop and pick-up.
    """
    penalties = []
    last_day = len(v.dates) - 1
    for member in v.problem.cast:
        weight = member.cost_per_day * v.problem.weights.cast_holding
        if len(v.strips_of(member.id)) < 2:
            continue
        if member.allow_drop:
            penalties += _drops(v, member.id, member.drop_min_gap, weight)
            continue
        if weight <= 0:
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


def _drops(v: ModelVars, member: str, gap: int, weight: int) -> list[Penalty]:
    work = v.work(member)
    n = len(v.dates)
    # reach[a]: the last date index b whose stretch from a is short (fewer than ``gap``
    # calendar days off between a and b): work on a and b means holding between.
    reach = []
    for a in range(n):
        b = a
        while b + 1 < n and (v.dates[b + 1] - v.dates[a]).days - 1 < gap:
            b += 1
        reach.append(b)
    # soon[d][k - 1]: the member works on one of the k dates after d (exactly).
    soon: list[list[cp_model.IntVar]] = []
    for d in range(n):
        chain: list[cp_model.IntVar] = []
        # reach never falls as d grows, so reach[d] covers every stretch through d.
        for k in range(1, reach[d] - d + 1):
            prior = [chain[-1]] if chain else []
            chain.append(v._exact_or([*prior, work[d + k]], f"soon {member} {d} {k}"))
        soon.append(chain)
    label = _label(v, member)
    penalties = []
    if weight > 0:
        held = []
        for d in range(1, n - 1):
            flag = v.model.new_bool_var(f"held {member} {d}")
            for a in range(d):
                k = reach[a] - d
                if k >= 1 and k <= len(soon[d]):
                    v.model.add(flag >= work[a] + soon[d][k - 1] - 1 - work[d])
            held.append(flag)
        penalties.append(Penalty(Term.CAST_HOLDING, f"{label} held", weight, sum(held)))
    drop_weight = v.problem.weights.drop_pickup
    if drop_weight <= 0:
        return penalties
    later: cp_model.IntVar | None = None
    drops = []
    for a in range(n - 2, -1, -1):
        later = v.at_least([work[a + 1], *([later] if later is not None else [])], "")
        k = reach[a] - a
        short = soon[a][k - 1] if k >= 1 else 0
        drop = v.model.new_bool_var(f"drop {member} {a}")
        v.model.add(drop >= work[a] + later - short - 1)
        drops.append(drop)
    penalties.append(
        Penalty(Term.DROP_PICKUP, f"{label} dropped and picked up", drop_weight, sum(drops))
    )
    return penalties


def shoot_days(v: ModelVars) -> list[Penalty]:
    """Every calendar date up to the wrap is paid, shot or left idle (the crew is booked)."""
    used = v.used()
    span = v.model.new_int_var(0, len(v.dates), "days to the wrap")
    for d in v.days:
        v.model.add(span >= (d + 1) * used[d])
    v.model.add(span >= sum(used))
    if v.travel_rules:
        travel = [*v.basics, *v.travel_rules]
        v.model.add(sum(used) >= v.travel_bound_days).only_enforce_if(travel)
        v.model.add(span >= sum(used) + v.travel_days).only_enforce_if(travel)
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
