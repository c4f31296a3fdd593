"""Our DyPDL model of talent scheduling for didppy (a peer in ``benchmarks/talent.py``).

Written from the problem definition: the state is the set of scenes still to
shoot; shooting scene s costs d(s) times the daily cost of its cast plus the
actors who have worked already and have a scene still to come. The dual bound
is what the remaining scenes' casts cost on their own days. A scene whose cast
is exactly the actors on the payroll is shot next (a forced transition), the
one dominance rule that is easy to state in DyPDL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import didppy as dp

from mosaico.schedule.talent import TalentInstance, cost


@dataclass(frozen=True)
class PeerResult:
    order: tuple[int, ...]
    total_cost: int
    optimal: bool
    seconds: float


def build(instance: TalentInstance) -> tuple[dp.Model, list[dp.Transition]]:
    n, m = instance.scenes, instance.actors
    model = dp.Model(maximize=False, float_cost=False)
    scene = model.add_object_type(number=n)
    actor = model.add_object_type(number=m)
    remaining = model.add_set_var(object_type=scene, target=list(range(n)))
    casts = model.add_set_table([sorted(c) for c in instance.casts], object_type=actor)
    actor_cost = model.add_int_table(list(instance.costs))
    all_scenes = model.create_set_const(object_type=scene, value=list(range(n)))
    # Actors who have worked already and still have a scene to come.
    present = casts.union(all_scenes - remaining) & casts.union(remaining)
    transitions = []
    for s in range(n):
        on = casts[s] | (present & casts.union(remaining.remove(s)))
        for forced in (True, False):
            t = dp.Transition(
                name=f"{'forced ' if forced else ''}shoot {s}",
                cost=instance.durations[s] * actor_cost[on] + dp.IntExpr.state_cost(),
                effects=[(remaining, remaining.remove(s))],
                preconditions=[remaining.contains(s)] + ([casts[s] == present] if forced else []),
            )
            model.add_transition(t, forced=forced)
            if not forced:
                transitions.append(t)
    model.add_base_case([remaining.is_empty()])
    work = [
        instance.durations[s] * sum(instance.costs[a] for a in c)
        for s, c in enumerate(instance.casts)
    ]
    work_table = model.add_int_table(work)
    model.add_dual_bound(work_table[remaining])
    return model, transitions


def solve(instance: TalentInstance, time_limit: float) -> PeerResult:
    started = time.perf_counter()
    model, _ = build(instance)
    solver = dp.CABS(model, time_limit=time_limit, quiet=True)
    solution = solver.search()
    seconds = time.perf_counter() - started
    order = tuple(int(t.name.split()[-1]) for t in solution.transitions)
    total = cost(instance, order)[0] if len(order) == instance.scenes else -1
    return PeerResult(order, total, bool(solution.is_optimal), seconds)
