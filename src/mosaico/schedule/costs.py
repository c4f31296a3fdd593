"""What a day assignment costs, term by term and penalty by penalty.

The CP-SAT model only bounds some of its penalty variables from below (the
objective pushes them down), so a schedule found before optimality is proven
can carry slack in them. The cost a user sees is therefore counted here from
the assignment itself, with the same names the model's penalties use; it is
never more than the solver's objective, so the proven lower bound still holds.
"""

from __future__ import annotations

import itertools
from datetime import date

from mosaico.schedule.model import ScheduleProblem, Strip, Term


def _label(problem: ScheduleProblem, member: str) -> str:
    for cast in problem.cast:
        if cast.id == member:
            return f"{cast.name} ({cast.id})"
    return member


def assignment_cost(
    problem: ScheduleProblem, dates: tuple[date, ...], placed: dict[str, int]
) -> tuple[dict[Term, int], tuple[tuple[str, int], ...]]:
    """The cost by term and each non-zero penalty, for scene id -> index into ``dates``."""
    weights, target = problem.weights, problem.rules.target_eighths_per_day
    by_day: dict[int, list[Strip]] = {}
    for strip in problem.strips:
        by_day.setdefault(placed[strip.scene_id], []).append(strip)
    details: list[tuple[Term, str, int]] = []
    for member in problem.cast:
        worked = sorted({placed[s.scene_id] for s in problem.strips if member.id in s.cast})
        held = drops = 0
        for a, b in itertools.pairwise(worked):
            off = (dates[b] - dates[a]).days - 1  # calendar days between two work days
            if member.allow_drop and off >= member.drop_min_gap:
                drops += 1
            else:
                held += b - a - 1
        label = _label(problem, member.id)
        amount = member.cost_per_day * weights.cast_holding * held
        details.append((Term.CAST_HOLDING, f"{label} held", amount))
        if drops:
            name = f"{label} dropped and picked up"
            details.append((Term.DROP_PICKUP, name, weights.drop_pickup * drops))
    # Idle dates before the wrap are paid like shoot days: the crew is booked.
    wrap = max(by_day, default=-1) + 1
    details.append((Term.SHOOT_DAYS, "shoot days", weights.shoot_day * wrap))
    for d in sorted(by_day):
        strips, when = by_day[d], dates[d].isoformat()
        moves = len({s.location for s in strips}) - 1
        details.append(
            (Term.COMPANY_MOVES, f"company moves on {when}", weights.company_move * moves)
        )
        if any(s.is_night for s in strips) and any(not s.is_night for s in strips):
            name = f"day and night work on {when}"
            details.append((Term.DAY_NIGHT_SWITCHES, name, weights.day_night_switch))
        eighths = sum(s.eighths for s in strips)
        short = weights.under_filled_eighth * max(0, target - eighths)
        details.append((Term.UNDER_FILLED, f"eighths short on {when}", short))
        over = weights.over_filled_eighth * max(0, eighths - target)
        details.append((Term.OVER_FILLED, f"eighths over on {when}", over))
    cost = {term: 0 for term in Term}
    for term, _, amount in details:
        cost[term] += amount
    return cost, tuple((name, amount) for _, name, amount in details if amount)
