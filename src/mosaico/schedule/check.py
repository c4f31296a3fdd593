"""Every hard rule, checked again on a finished assignment of strips to dates.

The CP-SAT model states the rules as constraints; this module states them
again, plainly, over a ``{scene id: date}`` mapping, so a schedule can be
audited without trusting the model: tests run it on every schedule a solver
returns, and the stripboard runs it after each drag and drop. Nothing here
uses the CP-SAT builders; only the problem's own data and small accessors.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mosaico.schedule.model import (
    DAWN_CALL_HOUR,
    DAY_CALL_HOUR,
    NIGHT_CALL_HOUR,
    NIGHT_WRAP_HOUR,
    ScheduleProblem,
    Strip,
)

EARLIEST_CALL_HOUR = min(DAWN_CALL_HOUR, DAY_CALL_HOUR, NIGHT_CALL_HOUR)


class Rule(StrEnum):
    """The hard rules a violation can break, by a short name."""

    UNSCHEDULED = "unscheduled"
    UNKNOWN_SCENE = "unknown scene"
    CALENDAR = "calendar"
    HOURS = "day length"
    COMPANY_MOVES = "company moves"
    CAST_UNAVAILABLE = "cast unavailable"
    CAST_WINDOW = "cast window"
    LOCATION_UNAVAILABLE = "location unavailable"
    LOCATION_WINDOW = "location window"
    LOCATION_MAX_DAYS = "location max days"
    FIXED_DATE = "fixed date"
    MUST_PRECEDE = "must precede"
    SAME_DAY = "same day"
    TURNAROUND = "turnaround"
    MAX_CONSECUTIVE = "consecutive days"
    MINOR_HOURS = "minor's hours"
    CITY_TRAVEL = "city travel"
    ONE_BLOCK_A_DAY = "one block a day"
    BLOCK_ORDER = "blocks in order"
    WEATHER_COVER = "weather cover"
    HEADCOUNT_DAY = "headcount per day"
    HEADCOUNT_SET = "headcount per set"
    PODS = "pods"


@dataclass(frozen=True, slots=True)
class Violation:
    rule: Rule
    strips: tuple[str, ...]  # scene ids involved
    date: date | None  # the shoot date it happens on, when there is one
    text: str  # what is wrong, in the 1st AD's words


def violations(
    problem: ScheduleProblem, assignment: Mapping[str, date], *, complete: bool = True
) -> list[Violation]:
    """Every hard rule ``assignment`` breaks; an empty list when it keeps them all.

    ``complete=False`` checks a board still being filled: strips left off it
    are not reported, and rules are checked among the strips placed.
    """
    return _Checker(problem, assignment, complete).run()


def _who(problem: ScheduleProblem, member: str) -> str:
    for cast in problem.cast:
        if cast.id == member:
            return f"{cast.name} ({cast.id})"
    return member


class _Checker:
    def __init__(
        self, problem: ScheduleProblem, assignment: Mapping[str, date], complete: bool
    ) -> None:
        self.problem = problem
        self.complete = complete
        self.raw = assignment
        known = {s.scene_id for s in problem.strips}
        self.when = {scene: day for scene, day in assignment.items() if scene in known}
        self.dates = problem.calendar.shoot_dates()
        self.index = {day: d for d, day in enumerate(self.dates)}
        self.by_date: dict[date, list[Strip]] = defaultdict(list)
        for strip in problem.strips:
            if strip.scene_id in self.when:
                self.by_date[self.when[strip.scene_id]].append(strip)
        self.found: list[Violation] = []
        # Each cast member's placed strips, gathered once (a telenovela has thousands).
        self.of_member: dict[str, list[Strip]] = defaultdict(list)
        for strip in problem.strips:
            if strip.scene_id in self.when:
                for member in strip.cast:
                    self.of_member[member].append(strip)

    def add(
        self, rule: Rule, strips: list[Strip] | tuple[str, ...], day: date | None, text: str
    ) -> None:
        scenes = tuple(s if isinstance(s, str) else s.scene_id for s in strips)
        self.found.append(Violation(rule, scenes, day, text))

    def run(self) -> list[Violation]:
        self.placement()
        self.days()
        self.cast()
        self.locations()
        self.scene_rules()
        self.cities()
        self.blocks()
        self.weather_cover()
        self.pods()
        return self.found

    # --- where each strip went ---------------------------------------------------

    def placement(self) -> None:
        known = {s.scene_id for s in self.problem.strips}
        for scene in sorted(set(self.raw) - known):
            self.add(Rule.UNKNOWN_SCENE, (scene,), None, f"scene {scene} is not a strip")
        if self.complete:
            for strip in self.problem.strips:
                if strip.scene_id not in self.when:
                    text = f"scene {strip.scene_id} is not scheduled"
                    self.add(Rule.UNSCHEDULED, [strip], None, text)
        first, last = self.dates[0], self.dates[-1]
        public = self.problem.calendar.public_holidays(range(first.year, last.year + 1))
        for day, strips in sorted(self.by_date.items()):
            if day in self.index:
                continue
            why = self.problem.calendar.day_off_reason(day, public)
            if why is None:
                why = f"outside the shoot, {first.isoformat()} to {last.isoformat()}"
            self.add(Rule.CALENDAR, strips, day, f"{day.isoformat()} is not a shoot date: {why}")

    # --- each day on its own -----------------------------------------------------

    def days(self) -> None:
        rules = self.problem.rules
        for day, strips in sorted(self.by_date.items()):
            minutes = sum(s.minutes for s in strips)
            if minutes > rules.max_minutes_per_day:
                text = (
                    f"{minutes / 60:.2f} hours of work on {day.isoformat()}, "
                    f"over the {rules.max_hours_per_day:g}-hour day"
                )
                self.add(Rule.HOURS, strips, day, text)
            places = sorted({s.location for s in strips})
            if len(places) - 1 > rules.max_company_moves_per_day:
                text = (
                    f"{len(places) - 1} company moves on {day.isoformat()} "
                    f"({', '.join(places)}), over the cap of {rules.max_company_moves_per_day}"
                )
                self.add(Rule.COMPANY_MOVES, strips, day, text)
            self.headcount(day, strips)

    def headcount(self, day: date, strips: list[Strip]) -> None:
        rules = self.problem.rules
        cap = rules.max_headcount_per_day
        if cap is not None:
            people = len({c for s in strips for c in s.cast}) + sum(s.background for s in strips)
            if people > cap:
                text = f"{people} cast and background on {day.isoformat()}, over the cap of {cap}"
                self.add(Rule.HEADCOUNT_DAY, strips, day, text)
        cap = rules.max_headcount_per_set
        if cap is None:
            return
        by_set: dict[str, list[Strip]] = defaultdict(list)
        for strip in strips:
            by_set[strip.set_name].append(strip)
        for name, on_set in sorted(by_set.items()):
            people = len({c for s in on_set for c in s.cast}) + sum(s.background for s in on_set)
            if people > cap:
                text = (
                    f"{people} cast and background on set {name} on {day.isoformat()}, "
                    f"over the cap of {cap}"
                )
                self.add(Rule.HEADCOUNT_SET, on_set, day, text)

    # --- cast -------------------------------------------------------------------

    def cast(self) -> None:
        rules = self.problem.rules
        for member in self.problem.cast:
            who = _who(self.problem, member.id)
            mine = self.of_member[member.id]
            by_day: dict[date, list[Strip]] = defaultdict(list)
            for strip in mine:
                by_day[self.when[strip.scene_id]].append(strip)
            for day, strips in sorted(by_day.items()):
                if day in member.unavailable:
                    self.add(
                        Rule.CAST_UNAVAILABLE,
                        strips,
                        day,
                        f"{who} is unavailable on {day.isoformat()}",
                    )
                first, last = member.available_from, member.available_until
                if (first is not None and day < first) or (last is not None and day > last):
                    text = f"{who} works on {day.isoformat()}, outside their contract's dates"
                    self.add(Rule.CAST_WINDOW, strips, day, text)
                cap = member.on_set_minutes
                on_set = sum(s.minutes for s in strips)
                if cap is not None and on_set > cap:
                    text = (
                        f"{who}, a minor, is on set {on_set / 60:.2f} hours on {day.isoformat()}, "
                        f"over {cap / 60:g}"
                    )
                    self.add(Rule.MINOR_HOURS, strips, day, text)
            # Turnaround: after night work, the next call leaves enough rest.
            worked_days = sorted(by_day)
            for n, night_day in enumerate(worked_days):
                nights = [s for s in by_day[night_day] if s.is_night]
                if not nights:
                    continue
                for later_day in worked_days[n + 1 :]:
                    gap = (later_day - night_day).days * 24 - NIGHT_WRAP_HOUR
                    if gap + EARLIEST_CALL_HOUR >= rules.turnaround_hours:
                        break  # even the earliest call is rested: so is every later day
                    for strip in by_day[later_day]:
                        rest = (later_day - night_day).days * 24 + strip.call_hour - NIGHT_WRAP_HOUR
                        if rest < rules.turnaround_hours:
                            text = (
                                f"{who} wraps nights on {night_day.isoformat()} and has only "
                                f"{rest:g} hours of rest before scene {strip.scene_id}"
                            )
                            self.add(Rule.TURNAROUND, [*nights, strip], later_day, text)
            limit = member.max_consecutive_days
            worked = sorted(self.index[day] for day in by_day if day in self.index)
            if limit is not None:
                run = 1
                for a, b in itertools.pairwise(worked):
                    run = run + 1 if b == a + 1 else 1
                    if run == limit + 1:
                        day = self.dates[b]
                        text = f"{who} works more than {limit} shoot days in a row up to {day.isoformat()}"
                        self.add(Rule.MAX_CONSECUTIVE, by_day[day], day, text)

    # --- locations --------------------------------------------------------------

    def locations(self) -> None:
        for place in self.problem.locations:
            days: dict[date, list[Strip]] = defaultdict(list)
            for strip in self.problem.strips:
                if strip.location == place.id and strip.scene_id in self.when:
                    days[self.when[strip.scene_id]].append(strip)
            for day, strips in sorted(days.items()):
                if day in place.unavailable:
                    text = f"location {place.id} cannot be used on {day.isoformat()}"
                    self.add(Rule.LOCATION_UNAVAILABLE, strips, day, text)
                elif not place.in_window(day):
                    text = f"location {place.id} is used on {day.isoformat()}, outside its dates"
                    self.add(Rule.LOCATION_WINDOW, strips, day, text)
            if place.max_days is not None and len(days) > place.max_days:
                text = f"location {place.id} is used on {len(days)} days, over its {place.max_days}"
                every = [s for strips in days.values() for s in strips]
                self.add(Rule.LOCATION_MAX_DAYS, every, None, text)

    # --- rules about named scenes -------------------------------------------------

    def scene_rules(self) -> None:
        rules, when = self.problem.rules, self.when
        for scene, fixed in rules.fixed_dates.items():
            if scene in when and when[scene] != fixed:
                text = (
                    f"scene {scene} is fixed on {fixed.isoformat()}, not {when[scene].isoformat()}"
                )
                self.add(Rule.FIXED_DATE, (scene,), when[scene], text)
        for pair in rules.must_precede:
            if (
                pair.before in when
                and pair.after in when
                and not when[pair.before] < when[pair.after]
            ):
                text = f"scene {pair.before} must be shot on a day before scene {pair.after}"
                self.add(Rule.MUST_PRECEDE, (pair.before, pair.after), when[pair.after], text)
        for group in rules.same_day:
            placed = [scene for scene in group if scene in when]
            if len({when[scene] for scene in placed}) > 1:
                text = f"scenes {', '.join(group)} must be shot on the same day"
                self.add(Rule.SAME_DAY, tuple(placed), None, text)

    # --- cities -------------------------------------------------------------------

    def cities(self) -> None:
        problem, rules = self.problem, self.problem.rules
        if rules.same_day_city_moves:
            return
        city = {place.id: place.city for place in problem.locations}
        shot = sorted(day for day in self.by_date if day in self.index)
        cities_on = {
            day: sorted({city[s.location] for s in self.by_date[day] if city[s.location]})
            for day in shot
        }
        for day in shot:
            for a, b in itertools.combinations(cities_on[day], 2):
                if rules.travel_days(a, b) > 0:
                    text = f"{day.isoformat()} shoots in both {a} and {b}, with no day to travel"
                    self.add(Rule.CITY_TRAVEL, self.by_date[day], day, text)
        for p, q in itertools.pairwise(shot):
            if rules.travel_on_days_off:
                room = (q - p).days - 1
            else:
                room = self.index[q] - self.index[p] - 1
            for a in cities_on[p]:
                for b in cities_on[q]:
                    need = rules.travel_days(a, b)
                    if room < need:
                        text = (
                            f"the company moves from {a} ({p.isoformat()}) to {b} "
                            f"({q.isoformat()}) with {room} of the {need} travel days it needs"
                        )
                        strips = [s for s in self.by_date[q] if city[s.location] == b]
                        self.add(Rule.CITY_TRAVEL, strips, q, text)

    # --- episode blocks -------------------------------------------------------------

    def blocks(self) -> None:
        problem = self.problem
        block_days: dict[int, list[date]] = defaultdict(list)
        for day, strips in sorted(self.by_date.items()):
            here = sorted({b for s in strips if (b := problem.block_of(s)) is not None})
            for b in here:
                block_days[b].append(day)
            if len(here) > 1:
                names = " and ".join(f"block {b + 1} ({problem.blocks[b].director})" for b in here)
                self.add(Rule.ONE_BLOCK_A_DAY, strips, day, f"{day.isoformat()} mixes {names}")
        if not problem.rules.blocks_in_order:
            return
        for earlier, later in itertools.pairwise(sorted(block_days)):
            if max(block_days[earlier]) >= min(block_days[later]):
                text = (
                    f"block {later + 1} starts on {min(block_days[later]).isoformat()}, before "
                    f"block {earlier + 1} wraps on {max(block_days[earlier]).isoformat()}"
                )
                self.add(Rule.BLOCK_ORDER, (), min(block_days[later]), text)

    # --- weather cover ------------------------------------------------------------

    def weather_cover(self) -> None:
        problem = self.problem
        if not problem.rules.weather_cover_required:
            return
        for day, strips in sorted(self.by_date.items()):
            outside = [s for s in strips if s.is_exterior]
            if not outside:
                continue
            # With the company in one city a day, each city's exteriors need a cover there.
            if problem.rules.same_day_city_moves:
                groups: dict[str | None, list[Strip]] = {None: outside}
            else:
                groups = defaultdict(list)
                for strip in outside:
                    groups[problem.city_of(strip)].append(strip)
            for city, exteriors in groups.items():
                if not cover_options(problem, self.when, day, city=city):
                    where = f" in {city}" if city else ""
                    text = (
                        f"exterior work{where} on {day.isoformat()} has no weather-cover "
                        "scene to pull in"
                    )
                    self.add(Rule.WEATHER_COVER, exteriors, day, text)

    # --- pods -----------------------------------------------------------------------

    def pods(self) -> None:
        pods = self.problem.rules.pods
        for day, strips in sorted(self.by_date.items()):
            here = sorted(
                {pod.name for pod in pods for s in strips if set(pod.members) & set(s.cast)}
            )
            if len(here) > 1:
                text = f"pods {', '.join(here)} share {day.isoformat()}"
                self.add(Rule.PODS, strips, day, text)


def cover_options(
    problem: ScheduleProblem, when: Mapping[str, date], day: date, *, city: str | None = None
) -> list[str]:
    """Weather-cover scenes scheduled after ``day`` that could be shot on it instead.

    Everyone in the scene must be available that date and its location usable;
    with ``city``, only cover scenes in that city count.
    """
    cast = {member.id: member for member in problem.cast}
    places = {place.id: place for place in problem.locations}
    found = []
    for strip in problem.strips:
        later = when.get(strip.scene_id)
        if not strip.weather_cover or later is None or later <= day:
            continue
        if not places[strip.location].available_on(day):
            continue
        if city is not None and places[strip.location].city != city:
            continue
        if all(cast[c].available_on(day) for c in strip.cast):
            found.append(strip.scene_id)
    return found
