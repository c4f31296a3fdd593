"""A quick first schedule to start the CP-SAT search from.

Strips go, in one of a few orders, onto the first date that can take them:
within the day's hours, the move cap, everyone's availability and contract
dates, minors' hours, a location's dates and allowed days, a fixed date,
turnaround after night work, one block, one city and one pod a day when those
rules are on, and the daily headcount. Precedence, same-day groups, travel
days, weather cover and the per-set headcount are left to the solver, which
repairs the start where it breaks them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from mosaico.schedule.costs import assignment_cost
from mosaico.schedule.model import NIGHT_WRAP_HOUR, ScheduleProblem, Strip


def _rested(problem: ScheduleProblem, night: date, then: date, strip: Strip) -> bool:
    rest = (then - night).days * 24 + strip.call_hour - NIGHT_WRAP_HOUR
    return rest >= problem.rules.turnaround_hours


def first_fit(problem: ScheduleProblem, dates: tuple[date, ...]) -> dict[str, int]:
    """Scene id -> index into ``dates`` for every strip it could place.

    Three orders are tried (by location, longest strips first, by script day)
    and the cheapest placement that places the most strips is kept.
    """
    minutes_at = Counter[str]()
    for strip in problem.strips:
        minutes_at[strip.location] += strip.minutes
    keys = _day_keys(problem)

    cover_last = problem.rules.weather_cover_required

    def group(s: Strip) -> tuple[int, str, bool]:
        # Blocks in their order, then one city after another: days fill forward;
        # weather-cover scenes last, so they land after the exteriors they cover.
        block, city, _ = keys[s.scene_id]
        return (-1 if block is None else block, city or "", cover_last and s.weather_cover)

    orders = (
        sorted(
            problem.strips,
            key=lambda s: (group(s), -minutes_at[s.location], s.location, s.script_day, s.scene_id),
        ),
        sorted(problem.strips, key=lambda s: (group(s), -s.minutes, s.location, s.scene_id)),
        sorted(problem.strips, key=lambda s: (group(s), s.script_day, s.location, s.scene_id)),
    )
    tried = [_place(problem, dates, order) for order in orders]

    def rank(placed: dict[str, int]) -> tuple[int, int]:
        if len(placed) < len(problem.strips):
            return (len(problem.strips) - len(placed), 0)
        cost, _ = assignment_cost(problem, dates, placed)
        return (0, sum(cost.values()))

    return min(tried, key=rank)


def _day_keys(problem: ScheduleProblem) -> dict[str, tuple[int | None, str | None, str | None]]:
    """Each strip's block, city and pod, where a rule lets a day hold only one of each."""
    rules = problem.rules
    pod_of = {member: pod.name for pod in rules.pods for member in pod.members}
    keys = {}
    for strip in problem.strips:
        block = problem.block_of(strip) if len(problem.blocks) > 1 else None
        city = None if rules.same_day_city_moves else (problem.city_of(strip) or None)
        pods = {pod_of[c] for c in strip.cast if c in pod_of}
        pod = min(pods) if len(rules.pods) > 1 and pods else None
        keys[strip.scene_id] = (block, city, pod)
    return keys


def _place(problem: ScheduleProblem, dates: tuple[date, ...], order: list[Strip]) -> dict[str, int]:
    rules = problem.rules
    cast = {member.id: member for member in problem.cast}
    places = {place.id: place for place in problem.locations}
    load = [0] * len(dates)
    minor_load: dict[tuple[str, int], int] = Counter()
    location_days: dict[str, set[int]] = {place: set() for place in places}
    at: list[set[str]] = [set() for _ in dates]
    on: list[list[Strip]] = [[] for _ in dates]
    placed: dict[str, int] = {}
    # Counted once: a strip's minutes are asked for at every date tried.
    minutes = {strip.scene_id: strip.minutes for strip in order}
    caps = {member.id: member.on_set_minutes for member in problem.cast}
    keys = _day_keys(problem)
    longest = max([rules.city_travel_days, *(hop.days for hop in rules.city_travel)])
    # What each day already holds: its block, city and pod, and its people.
    day_keys: list[list[object]] = [[None, None, None] for _ in dates]
    people_cast: list[set[str]] = [set() for _ in dates]
    crowd = [0] * len(dates)

    def fits(strip: Strip, d: int) -> bool:
        when = dates[d]
        if load[d] + minutes[strip.scene_id] > rules.max_minutes_per_day:
            return False
        if strip.location not in at[d] and len(at[d]) > rules.max_company_moves_per_day:
            return False
        if rules.fixed_dates.get(strip.scene_id, when) != when:
            return False
        if not places[strip.location].available_on(when):
            return False
        if any(not cast[c].available_on(when) for c in strip.cast):
            return False
        for c in strip.cast:
            cap = caps[c]
            if cap is not None and minor_load[(c, d)] + minutes[strip.scene_id] > cap:
                return False
        limit = places[strip.location].max_days
        booked = location_days[strip.location]
        if limit is not None and d not in booked and len(booked) >= limit:
            return False
        for held, wanted in zip(day_keys[d], keys[strip.scene_id], strict=True):
            if held is not None and wanted is not None and held != wanted:
                return False
        if not _travelled(strip, d):
            return False
        cap = rules.max_headcount_per_day
        if cap is not None:
            people = len(people_cast[d] | set(strip.cast)) + crowd[d] + strip.background
            if people > cap:
                return False
        return _turnaround_ok(strip, d)

    def _travelled(strip: Strip, d: int) -> bool:
        """No day too close to d in another city (stricter than the rule: safe)."""
        here = keys[strip.scene_id][1]
        if here is None:
            return True
        # Each shoot date further away is at least a calendar day more of room.
        for e in range(max(0, d - longest - 1), min(len(dates), d + longest + 2)):
            there = day_keys[e][1]
            if e == d or there is None or there == here:
                continue
            need = rules.travel_days(str(here), str(there))
            a, b = min(d, e), max(d, e)
            room = (dates[b] - dates[a]).days - 1 if rules.travel_on_days_off else b - a - 1
            if room < need:
                return False
        return True

    def _turnaround_ok(strip: Strip, d: int) -> bool:
        mine = set(strip.cast)
        if d and any(
            s.is_night
            and mine & set(s.cast)
            and not _rested(problem, dates[d - 1], dates[d], strip)
            for s in on[d - 1]
        ):
            return False
        if strip.is_night and d + 1 < len(dates):
            return all(
                _rested(problem, dates[d], dates[d + 1], s) for s in on[d + 1] if mine & set(s.cast)
            )
        return True

    for strip in order:
        for d in range(len(dates)):
            if fits(strip, d):
                placed[strip.scene_id] = d
                load[d] += strip.minutes
                for c in strip.cast:
                    minor_load[(c, d)] += strip.minutes
                location_days[strip.location].add(d)
                for k, wanted in enumerate(keys[strip.scene_id]):
                    if wanted is not None:
                        day_keys[d][k] = wanted
                people_cast[d] |= set(strip.cast)
                crowd[d] += strip.background
                at[d].add(strip.location)
                on[d].append(strip)
                break
    return placed
