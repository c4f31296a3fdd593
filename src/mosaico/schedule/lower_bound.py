"""A lower bound on a schedule's cost from counting alone, for any solver to report.

Cheap (no search), always valid for the problem's hard rules, and often close on
the terms that dominate a production's cost: shoot days, page fill and company
moves. CP-SAT's own bound and this one are combined by taking the larger.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from mosaico.schedule.model import ScheduleProblem


def fewest_by_moves(problem: ScheduleProblem) -> int:
    """Shoot days the company-move cap forces: a day visits at most cap + 1 locations,
    and each location needs the days its strips' hours fill.

    An episode of 21 locations at one move a day cannot take fewer than 11 days.
    """
    rules = problem.rules
    by_place: dict[str, int] = defaultdict(int)
    for strip in problem.strips:
        by_place[strip.location] += strip.minutes
    if len(by_place) <= rules.max_company_moves_per_day + 1:
        return 0
    visits = sum(math.ceil(m / rules.max_minutes_per_day) for m in by_place.values())
    return math.ceil(visits / (rules.max_company_moves_per_day + 1))


def relaxation_bound(problem: ScheduleProblem, dates: tuple[date, ...]) -> int:
    """A proven lower bound from counting alone.

    For every possible number ``n`` of days shot: the wrap comes no earlier
    than day ``n`` (shoot days), the eighths that ``n`` days cannot hold at the
    page target are over it and what they leave unused is under it (fill),
    and every location needs a day or a move of its own (company moves). Cast
    holding and day/night switches count as zero. The bound is the cheapest
    ``n`` from the fewest days the hours and the company-move cap allow (a day
    visits at most cap + 1 locations) to the whole calendar.
    """
    if not problem.strips:
        return 0
    rules, weights = problem.rules, problem.weights
    minutes = sum(s.minutes for s in problem.strips)
    eighths = sum(s.eighths for s in problem.strips)
    places = len({s.location for s in problem.strips})
    fewest = max(1, math.ceil(minutes / rules.max_minutes_per_day), fewest_by_moves(problem))
    index = {when: d for d, when in enumerate(dates)}
    latest_fixed = max((index.get(when, 0) + 1 for when in rules.fixed_dates.values()), default=0)
    target = rules.target_eighths_per_day
    best: int | None = None
    for n in range(fewest, max(fewest, len(dates)) + 1):
        cost = weights.shoot_day * max(n, latest_fixed)
        cost += weights.over_filled_eighth * max(0, eighths - target * n)
        cost += weights.under_filled_eighth * max(0, target * n - eighths)
        cost += weights.company_move * max(0, places - n)
        best = cost if best is None else min(best, cost)
    return best or 0
