"""A quick first schedule to start the CP-SAT search from.

Strips go, in one of a few orders, onto the first date that can take them:
within the day's hours, the move cap, everyone's availability and contract
dates, minors' hours, a location's allowed days, a fixed date and turnaround
after night work. Precedence, same-day groups, cities, blocks, weather cover
and health protocols are left to the solver, which repairs the start where it
breaks them.
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
    orders = (
        sorted(
            problem.strips,
            key=lambda s: (-minutes_at[s.location], s.location, s.script_day, s.scene_id),
        ),
        sorted(problem.strips, key=lambda s: (-s.minutes, s.location, s.scene_id)),
        sorted(problem.strips, key=lambda s: (s.script_day, s.location, s.scene_id)),
    )
    tried = [_place(problem, dates, order) for order in orders]

    def rank(placed: dict[str, int]) -> tuple[int, int]:
        if len(placed) < len(problem.strips):
            return (len(problem.strips) - len(placed), 0)
        cost, _ = assignment_cost(problem, dates, placed)
        return (0, sum(cost.values()))

    return min(tried, key=rank)


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
        return _turnaround_ok(strip, d)

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
                at[d].add(strip.location)
                on[d].append(strip)
                break
    return placed
