"""Why each shoot day looks the way it does: the rules that bind on it, in words.

A rule *binds* on a day when it is tight there: the day is full, an actor's
contract ends on the next date, a fixed scene sits on it, the company arrives
from another city, a block starts. The 1st AD reads these next to the
stripboard to see which days can be changed freely and which cannot. Pure:
the problem and a schedule in, plain dataclasses out. Exterior days also list
the weather-cover scenes that could be pulled in (the cover plan).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from mosaico.schedule.check import Rule, cover_options
from mosaico.schedule.model import (
    DAY_CALL_HOUR,
    NIGHT_WRAP_HOUR,
    CastMember,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Strip,
)


@dataclass(frozen=True, slots=True)
class Reason:
    rule: Rule | None  # None: no rule, the day is as it is because it costs least
    text: str


@dataclass(frozen=True, slots=True)
class DayExplanation:
    number: int
    date: date
    reasons: tuple[Reason, ...]
    cover: tuple[str, ...] = ()  # weather-cover scenes to pull in if an exterior day is lost
    exterior: bool = False


def weather_cover_plan(problem: ScheduleProblem, schedule: Schedule) -> dict[date, tuple[str, ...]]:
    """For each day with exterior work, the cover scenes that could replace it."""
    when = {scene: day.date for day in schedule.days for scene in day.strips}
    strips = {s.scene_id: s for s in problem.strips}
    plan: dict[date, tuple[str, ...]] = {}
    for day in schedule.days:
        outside = [strips[s] for s in day.strips if strips[s].is_exterior]
        if not outside:
            continue
        if problem.rules.same_day_city_moves:
            plan[day.date] = tuple(cover_options(problem, when, day.date))
            continue
        # The company stays in one city a day: only cover scenes there can be pulled in.
        found: list[str] = []
        for city in sorted({problem.city_of(s) for s in outside}):
            found += cover_options(problem, when, day.date, city=city)
        plan[day.date] = tuple(found)
    return plan


@dataclass(frozen=True, slots=True)
class TravelDay:
    """A date the company spends travelling between cities (TR on the DOOD for its cast)."""

    date: date
    from_city: str
    to_city: str
    cast: tuple[str, ...]  # CastMember.id: cast who work both before and after the move


def travel_plan(problem: ScheduleProblem, schedule: Schedule) -> list[TravelDay]:
    """The travel dates of a schedule when moves between cities take travel days.

    The first non-shooting dates after the last day in one city serve as travel
    days (shoot dates left idle, or any calendar day when ``travel_on_days_off``).
    """
    rules = problem.rules
    if rules.same_day_city_moves:
        return []
    days = sorted(schedule.days, key=lambda d: d.date)
    city = {place.id: place.city for place in problem.locations}
    strips = {s.scene_id: s for s in problem.strips}
    dates = problem.calendar.shoot_dates()
    cast_on = [{c for scene in day.strips for c in strips[scene].cast} for day in days]
    found = []
    for n in range(len(days) - 1):
        here = {city[loc] for loc in days[n].locations if city[loc]}
        there = {city[loc] for loc in days[n + 1].locations if city[loc]}
        moves = [(a, b, rules.travel_days(a, b)) for a in sorted(here) for b in sorted(there)]
        moves = [move for move in moves if move[2] > 0]
        if not moves:
            continue
        a, b, need = max(moves, key=lambda move: move[2])
        start, end = days[n].date, days[n + 1].date
        if rules.travel_on_days_off:
            free = [start + timedelta(days=k) for k in range(1, (end - start).days)]
        else:
            free = [d for d in dates if start < d < end]
        before = set().union(*cast_on[: n + 1])
        after = set().union(*cast_on[n + 1 :])
        travelling = tuple(sorted(before & after))
        found += [TravelDay(when, a, b, travelling) for when in free[:need]]
    return found


def explain_days(problem: ScheduleProblem, schedule: Schedule) -> list[DayExplanation]:
    """One explanation per shoot day, in date order."""
    return _Explainer(problem, schedule).run()


def _window(first: date | None, last: date | None) -> str:
    if first is not None and last is not None:
        return f"from {first.isoformat()} to {last.isoformat()}"
    if first is not None:
        return f"from {first.isoformat()}"
    return f"until {last.isoformat() if last else ''}"


def _who(member: CastMember) -> str:
    return f"{member.name} ({member.id})"


class _Explainer:
    def __init__(self, problem: ScheduleProblem, schedule: Schedule) -> None:
        self.problem = problem
        self.days = sorted(schedule.days, key=lambda d: d.date)
        self.strips = {s.scene_id: s for s in problem.strips}
        self.dates = problem.calendar.shoot_dates()
        self.index = {day: i for i, day in enumerate(self.dates)}
        self.when = {scene: day.date for day in self.days for scene in day.strips}
        self.cover = weather_cover_plan(problem, schedule)
        self.city = {place.id: place.city for place in problem.locations}
        self.location_days: dict[str, set[date]] = defaultdict(set)
        for day in self.days:
            for scene in day.strips:
                self.location_days[self.strips[scene].location].add(day.date)

    def run(self) -> list[DayExplanation]:
        found = []
        for n, day in enumerate(self.days):
            strips = [self.strips[s] for s in day.strips]
            reasons = [
                *self.fixed(day),
                *self.full(day, strips),
                *self.cast(day, strips),
                *self.locations(day, strips),
                *self.scene_rules(day, n),
                *self.travel(n),
                *self.blocks(n),
                *self.headcount(day, strips),
                *self.weather(day),
            ]
            if not reasons:
                reasons = [
                    Reason(None, "no rule binds: the day is as it is because it costs least")
                ]
            found.append(
                DayExplanation(
                    number=day.number,
                    date=day.date,
                    reasons=tuple(reasons),
                    cover=self.cover.get(day.date, ()),
                    exterior=day.date in self.cover,
                )
            )
        return found

    def neighbours(self, day: date) -> list[date]:
        """The shoot dates just before and after ``day`` in the calendar."""
        i = self.index.get(day)
        if i is None:
            return []
        return [self.dates[j] for j in (i - 1, i + 1) if 0 <= j < len(self.dates)]

    def fixed(self, day: ShootDay) -> list[Reason]:
        fixed = sorted(s for s, when in self.problem.rules.fixed_dates.items() if when == day.date)
        if not fixed:
            return []
        scenes = ", ".join(fixed)
        return [
            Reason(
                Rule.FIXED_DATE, f"scene{'s' if len(fixed) > 1 else ''} {scenes} fixed on this date"
            )
        ]

    def full(self, day: ShootDay, strips: list[Strip]) -> list[Reason]:
        rules = self.problem.rules
        used = sum(s.minutes for s in strips)
        others = [s.minutes for s in self.problem.strips if s.scene_id not in day.strips]
        reasons = []
        if others and used + min(others) > rules.max_minutes_per_day:
            reasons.append(
                Reason(
                    Rule.HOURS,
                    f"the day is full: {used / 60:.2f} of {rules.max_hours_per_day:g} hours, "
                    "no other scene fits",
                )
            )
        moves = len({s.location for s in strips}) - 1
        if moves and moves >= rules.max_company_moves_per_day:
            reasons.append(
                Reason(
                    Rule.COMPANY_MOVES, f"{moves} company move{'s' if moves > 1 else ''}, the cap"
                )
            )
        return reasons

    def cast(self, day: ShootDay, strips: list[Strip]) -> list[Reason]:
        rules = self.problem.rules
        reasons = []
        working = {c for s in strips for c in s.cast}
        for member in self.problem.cast:
            mine = [s for s in strips if member.id in s.cast]
            if member.id in working:
                reasons += self.cast_dates(member, day.date)
                reasons += self.minor(member, day, mine)
                reasons += self.run_of_days(member, day.date)
            # Turnaround: night work on the shoot date before leaves no rest for a day call.
            i = self.index.get(day.date)
            if i is None or i == 0:
                continue
            before = self.dates[i - 1]
            nights = [
                s
                for scene, when in self.when.items()
                if when == before and (s := self.strips[scene]).is_night and member.id in s.cast
            ]
            rest = (day.date - before).days * 24 + DAY_CALL_HOUR - NIGHT_WRAP_HOUR
            if nights and rest < rules.turnaround_hours:
                reasons.append(
                    Reason(
                        Rule.TURNAROUND,
                        f"{_who(member)} wrapped nights on {before.isoformat()}: "
                        f"{rules.turnaround_hours:g} hours of rest keep them off a day call",
                    )
                )
        return reasons

    def cast_dates(self, member: CastMember, day: date) -> list[Reason]:
        reasons = []
        for other in self.neighbours(day):
            side = "next" if other > day else "previous"
            if not member.in_window(other):
                edge = "ends" if other > day else "starts"
                reasons.append(
                    Reason(
                        Rule.CAST_WINDOW,
                        f"{_who(member)}'s contract {edge} here: "
                        f"not available on the {side} shoot date, {other.isoformat()}",
                    )
                )
            elif other in member.unavailable:
                reasons.append(
                    Reason(
                        Rule.CAST_UNAVAILABLE,
                        f"{_who(member)} is unavailable on the {side} shoot date, {other.isoformat()}",
                    )
                )
        return reasons

    def minor(self, member: CastMember, day: ShootDay, mine: list[Strip]) -> list[Reason]:
        cap = member.on_set_minutes
        if cap is None:
            return []
        used = sum(s.minutes for s in mine)
        left = [
            s.minutes
            for s in self.problem.strips
            if member.id in s.cast and s.scene_id not in day.strips
        ]
        if left and used + min(left) <= cap:
            return []
        return [
            Reason(
                Rule.MINOR_HOURS,
                f"{_who(member)}, a minor, is on set {used / 60:.2f} of {cap / 60:g} hours",
            )
        ]

    def run_of_days(self, member: CastMember, day: date) -> list[Reason]:
        limit = member.max_consecutive_days
        i = self.index.get(day)
        if limit is None or i is None:
            return []
        worked = {
            self.index[when]
            for scene, when in self.when.items()
            if member.id in self.strips[scene].cast and when in self.index
        }
        run = 0
        while i - run in worked:
            run += 1
        if run < limit:
            return []
        return [
            Reason(
                Rule.MAX_CONSECUTIVE,
                f"{_who(member)} works {run} shoot days in a row up to here, the most allowed",
            )
        ]

    def locations(self, day: ShootDay, strips: list[Strip]) -> list[Reason]:
        reasons = []
        for place in self.problem.locations:
            if place.id not in day.locations:
                continue
            for other in self.neighbours(day.date):
                side = "next" if other > day.date else "previous"
                if not place.in_window(other):
                    reasons.append(
                        Reason(
                            Rule.LOCATION_WINDOW,
                            f"location {place.id} is available only "
                            f"{_window(place.available_from, place.available_until)}",
                        )
                    )
                elif other in place.unavailable:
                    reasons.append(
                        Reason(
                            Rule.LOCATION_UNAVAILABLE,
                            f"location {place.id} cannot be used on the {side} shoot date, "
                            f"{other.isoformat()}",
                        )
                    )
            used = len(self.location_days[place.id])
            if place.max_days is not None and used >= place.max_days:
                reasons.append(
                    Reason(
                        Rule.LOCATION_MAX_DAYS,
                        f"location {place.id} is used on all {place.max_days} days it allows",
                    )
                )
        return reasons

    def scene_rules(self, day: ShootDay, n: int) -> list[Reason]:
        rules, reasons = self.problem.rules, []
        here = set(day.strips)
        for group in rules.same_day:
            if here & set(group) and len(group) > 1:
                reasons.append(
                    Reason(Rule.SAME_DAY, f"scenes {', '.join(group)} are shot together")
                )
        neighbours = {self.days[m].date for m in (n - 1, n + 1) if 0 <= m < len(self.days)}
        for pair in rules.must_precede:
            if pair.before in here and self.when.get(pair.after) in neighbours:
                text = f"scene {pair.before} must come before scene {pair.after}, the next day shot"
                reasons.append(Reason(Rule.MUST_PRECEDE, text))
            elif pair.after in here and self.when.get(pair.before) in neighbours:
                text = (
                    f"scene {pair.after} must come after scene {pair.before}, the day shot before"
                )
                reasons.append(Reason(Rule.MUST_PRECEDE, text))
        return reasons

    def cities_on(self, n: int) -> set[str]:
        return {
            city
            for scene in self.days[n].strips
            if (city := self.city[self.strips[scene].location])
        }

    def travel(self, n: int) -> list[Reason]:
        rules = self.problem.rules
        if rules.same_day_city_moves:
            return []
        reasons = []
        here = self.cities_on(n)
        if n > 0:
            for a in sorted(self.cities_on(n - 1)):
                for b in sorted(here):
                    if rules.travel_days(a, b) > 0:
                        text = f"first day in {b} after travelling from {a}"
                        reasons.append(Reason(Rule.CITY_TRAVEL, text))
        if n + 1 < len(self.days):
            for a in sorted(here):
                for b in sorted(self.cities_on(n + 1)):
                    if rules.travel_days(a, b) > 0:
                        text = f"last day in {a} before travelling to {b}"
                        reasons.append(Reason(Rule.CITY_TRAVEL, text))
        return reasons

    def blocks_on(self, n: int) -> set[int]:
        return {
            b
            for scene in self.days[n].strips
            if (b := self.problem.block_of(self.strips[scene])) is not None
        }

    def blocks(self, n: int) -> list[Reason]:
        reasons = []
        here = self.blocks_on(n)
        for b in sorted(here):
            block = self.problem.blocks[b]
            if n == 0 or b not in self.blocks_on(n - 1):
                first = all(b not in self.blocks_on(m) for m in range(n))
                if first:
                    text = f"first day of block {b + 1} ({block.director})"
                    reasons.append(Reason(Rule.ONE_BLOCK_A_DAY, text))
            if n + 1 == len(self.days) or b not in self.blocks_on(n + 1):
                last = all(b not in self.blocks_on(m) for m in range(n + 1, len(self.days)))
                if last:
                    text = f"last day of block {b + 1} ({block.director})"
                    reasons.append(Reason(Rule.ONE_BLOCK_A_DAY, text))
        return reasons

    def headcount(self, day: ShootDay, strips: list[Strip]) -> list[Reason]:
        rules = self.problem.rules
        cap = rules.max_headcount_per_day
        reasons = []
        if cap is not None:
            people = len({c for s in strips for c in s.cast}) + sum(s.background for s in strips)
            others = [
                s.background + len(s.cast)
                for s in self.problem.strips
                if s.scene_id not in day.strips
            ]
            if others and people + min(others) > cap:
                text = f"{people} of the {cap} cast and background allowed a day"
                reasons.append(Reason(Rule.HEADCOUNT_DAY, text))
        pods = sorted(
            {pod.name for pod in rules.pods for s in strips if set(pod.members) & set(s.cast)}
        )
        if pods and len(rules.pods) > 1:
            reasons.append(Reason(Rule.PODS, f"a day for pod {pods[0]} only"))
        return reasons

    def weather(self, day: ShootDay) -> list[Reason]:
        wanted = self.problem.rules.weather_cover_required
        if day.date not in self.cover or not (
            wanted or any(s.weather_cover for s in self.problem.strips)
        ):
            return []
        options = self.cover[day.date]
        if options:
            text = f"exterior day: weather cover {', '.join(options)} can be pulled in"
        else:
            text = "exterior day with no weather-cover scene to pull in"
        return [Reason(Rule.WEATHER_COVER, text)]
