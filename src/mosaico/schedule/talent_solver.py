"""Exact talent scheduling: dynamic programming over the sets of scenes already shot.

The recurrence. Let Q be the set of scenes shot so far and R the rest. The
actors on the payroll while the next scene s is shot are its cast a(s) plus
every actor who has worked already and still has a scene to come:
``P(Q) = actors(Q) & actors(R)``. That depends on Q alone, not on the order
inside Q, so shooting s next adds ``d(s) * c(P(Q) - a(s))`` holding cost and

    f(Q) = min over s in R of  d(s) * c(P(Q) - a(s)) + f(Q + {s}),   f(all) = 0.

Proof: an actor is paid on a day iff it lies between their first and last
scene. On the days of s, an actor outside a(s) is paid iff one of their
scenes is in Q (already shot: it started) and one is in R - {s} (to come: it
has not finished), i.e. iff they are in P(Q) (an actor of P(Q) whose only
remaining scene is s is in a(s)). Summing over the scenes in shooting order
gives the holding cost of the order, and the working cost is the same for
every order, so f(empty) plus the working cost is the optimal total.

Preprocessing keeps the optimum (Garcia de la Banda, Stuckey & Chu 2011; Qin
et al. 2016): scenes with identical casts are shot back to back (merged);
actors who then appear in one merged scene, or in all of them, never wait, so
they are dropped (their cost is fixed); scenes whose cast becomes empty go
first, when nobody is waiting; actors who cost nothing are dropped. One more
rule prunes the search: if some remaining scene's cast is exactly P(Q), it
can be shot next (moving it forward shortens or keeps every span).

Two engines evaluate the recurrence. Reduced instances of up to
``DENSE_MAX_SCENES`` scenes fill the table of f with NumPy
(:mod:`mosaico.schedule.talent_dp`); larger ones run A* from the empty set
with the lower bound of :mod:`mosaico.schedule.bounds`, pruned by an upper
bound from a greedy order improved by local search. Stopped early (time or
memory), either returns its best order and a proven lower bound, so the gap
it reports is honest.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass
from enum import StrEnum

from mosaico.errors import ValidationError
from mosaico.schedule.bounds import PresentActorBound, lookup, mask_table
from mosaico.schedule.talent import TalentInstance, cost
from mosaico.schedule.talent_dp import DENSE_MAX_SCENES, solve_dense
from mosaico.schedule.talent_ends import EndsSearch
from mosaico.schedule.talent_layers import LayeredSearch

#: Default cap on stored search states (a few hundred bytes each in CPython, all dicts).
MAX_STATES = 2_000_000
# Above these sizes the greedy skips its bound look-ahead and local search is skipped.
_LOOKAHEAD_SCENES = 80
_IMPROVE_SCENES = 150


@dataclass(frozen=True)
class TalentResult:
    """The best order found (0-based scene indices) and how good it is proven to be.

    ``lower_bound`` bounds the total cost of every order; ``nodes`` counts the
    states the search expanded, or the table entries filled.
    """

    order: tuple[int, ...]
    total_cost: int
    idle_cost: int
    lower_bound: int
    optimal: bool
    seconds: float
    nodes: int

    @property
    def gap(self) -> float:
        """Relative distance between the order's total cost and the proven lower bound."""
        return 0.0 if self.total_cost == 0 else 1 - self.lower_bound / self.total_cost


@dataclass(frozen=True)
class Reduced:
    """The instance after preprocessing, as bitmasks, and how to expand its orders back."""

    durations: tuple[int, ...]
    casts: tuple[int, ...]  # actor bitmask per merged scene
    costs: tuple[int, ...]  # daily cost per kept actor
    groups: tuple[tuple[int, ...], ...]  # original scenes of each merged scene
    front: tuple[int, ...]  # original scenes shot first (nobody left in their cast)

    def expand(self, order: list[int] | tuple[int, ...]) -> tuple[int, ...]:
        """The original scenes in shooting order for an order of merged scenes."""
        return self.front + tuple(s for g in order for s in self.groups[g])


def reduce(instance: TalentInstance) -> Reduced:
    """Merge same-cast scenes and drop actors and scenes that cannot change the optimum."""
    groups: list[list[int]] = []
    casts: list[frozenset[int]] = []
    front: list[int] = []
    kept = {a for a, c in enumerate(instance.costs) if c > 0}
    for s, cast in enumerate(instance.casts):
        groups.append([s])
        casts.append(cast & kept)
    while True:
        merged: dict[frozenset[int], list[int]] = {}
        for g, cast in zip(groups, casts, strict=True):
            if cast:
                merged.setdefault(cast, []).extend(g)
            else:
                front.extend(g)
        casts = list(merged)
        groups = list(merged.values())
        count: dict[int, int] = {}
        for cast in casts:
            for a in cast:
                count[a] = count.get(a, 0) + 1
        fixed = {a for a, k in count.items() if k == 1 or k == len(casts)}
        if not fixed:
            break
        casts = [cast - fixed for cast in casts]
    actors = sorted({a for cast in casts for a in cast})
    index = {a: i for i, a in enumerate(actors)}
    return Reduced(
        durations=tuple(sum(instance.durations[s] for s in g) for g in groups),
        casts=tuple(sum(1 << index[a] for a in cast) for cast in casts),
        costs=tuple(instance.costs[a] for a in actors),
        groups=tuple(tuple(g) for g in groups),
        front=tuple(front),
    )


class _Problem:
    """The reduced instance with its lookup tables, shared by the heuristic and the search."""

    def __init__(self, reduced: Reduced) -> None:
        self.n = len(reduced.durations)
        self.full = (1 << self.n) - 1
        self.durations = list(reduced.durations)
        self.casts = list(reduced.casts)
        self.actor_tables = mask_table(self.casts, combine_or=True)
        self.cost_tables = mask_table(list(reduced.costs), combine_or=False)
        self.bound = PresentActorBound(reduced.durations, reduced.casts, reduced.costs)

    def present(self, done: int) -> int:
        """Actors who have worked and still have a scene to shoot."""
        tables = self.actor_tables
        return lookup(tables, done, True) & lookup(tables, self.full ^ done, True)

    def holding(self, order: list[int]) -> int:
        """Holding cost of a full order of merged scenes."""
        casts, durations, tables = self.casts, self.durations, self.cost_tables
        after = [0] * (len(order) + 1)
        for i in range(len(order) - 1, -1, -1):
            after[i] = after[i + 1] | casts[order[i]]
        before = 0
        total = 0
        for i, s in enumerate(order):
            waiting = before & after[i + 1] & ~casts[s]
            if waiting:
                total += durations[s] * lookup(tables, waiting, False)
            before |= casts[s]
        return total


def _greedy(problem: _Problem, deadline: float) -> list[int]:
    """Shoot next the scene with the least holding cost now plus bound afterwards."""
    done = 0
    order = []
    look_ahead = problem.n <= _LOOKAHEAD_SCENES
    while done != problem.full:
        look_ahead = look_ahead and time.perf_counter() < deadline
        present = problem.present(done)
        best = None
        for s in range(problem.n):
            if done >> s & 1:
                continue
            step = problem.durations[s] * lookup(
                problem.cost_tables, present & ~problem.casts[s], False
            )
            after = done | 1 << s
            score = step
            if look_ahead:
                score += problem.bound(problem.full ^ after, problem.present(after))
            if best is None or score < best[0]:
                best = (score, s)
        assert best is not None
        order.append(best[1])
        done |= 1 << best[1]
    return order


def _improve(problem: _Problem, order: list[int], deadline: float) -> tuple[list[int], int]:
    """Move single scenes to better places until no move helps (first improvement)."""
    best = problem.holding(order)
    if len(order) > _IMPROVE_SCENES:
        return order, best  # a pass costs n^3: too slow to be worth it
    improved = True
    while improved:
        improved = False
        for i in range(len(order)):
            if time.perf_counter() > deadline:
                return order, best
            s = order[i]
            rest = order[:i] + order[i + 1 :]
            for j in range(len(order)):
                if j == i:
                    continue
                trial = [*rest[:j], s, *rest[j:]]
                value = problem.holding(trial)
                if value < best:
                    order, best, improved = trial, value, True
                    break
    return order, best


class Method(StrEnum):
    """How the exact part runs: the NumPy table, A* from the front (search) or from both ends."""

    AUTO = "auto"
    TABLE = "table"
    SEARCH = "search"
    ENDS = "ends"
    LAYERS = "layers"


def solve(
    instance: TalentInstance,
    *,
    time_limit: float | None = None,
    max_states: int = MAX_STATES,
    method: Method = Method.AUTO,
) -> TalentResult:
    """The cheapest shooting order, proven optimal unless a limit stops the search first.

    ``auto`` tabulates reduced instances of up to ``DENSE_MAX_SCENES`` scenes
    and searches larger ones.
    """
    if time_limit is not None and time_limit <= 0:
        raise ValidationError("time_limit", "must be a positive number of seconds")
    if max_states < 1:
        raise ValidationError("max_states", "must be at least 1")
    started = time.perf_counter()
    deadline = started + time_limit if time_limit is not None else float("inf")
    reduced = reduce(instance)
    problem = _Problem(reduced)
    order, upper = _improve(problem, _greedy(problem, deadline), deadline)
    if method is Method.TABLE and problem.n > DENSE_MAX_SCENES:
        raise ValidationError("method", f"the table is for at most {DENSE_MAX_SCENES} scenes")
    if method is Method.TABLE or (method is Method.AUTO and problem.n <= DENSE_MAX_SCENES):
        best_order, lower, nodes = solve_dense(
            reduced.durations,
            reduced.casts,
            reduced.costs,
            deadline,
            forecast=method is Method.AUTO,
        )
        if best_order is None and method is Method.AUTO and time.perf_counter() < deadline:
            # The table would not finish in time: the search's bound improves as it goes.
            best_order, searched, more = _search(problem, upper, order, deadline, max_states)
            lower, nodes = max(lower, searched), nodes + more
    elif method is Method.SEARCH:
        best_order, lower, nodes = _search(problem, upper, order, deadline, max_states)
    elif method is Method.LAYERS:
        layered = LayeredSearch(reduced.durations, reduced.casts, reduced.costs)
        best_order, lower, nodes = layered.search(upper, deadline, max_states)
    else:
        ends = EndsSearch(reduced.durations, reduced.casts, reduced.costs)
        best_order, lower, nodes = ends.search(upper, deadline, max_states)
    if best_order is not None and problem.holding(best_order) <= upper:
        order, upper = best_order, problem.holding(best_order)
        lower = upper
    full_order = reduced.expand(order)
    total, idle = cost(instance, full_order)
    work = total - idle
    return TalentResult(
        order=full_order,
        total_cost=total,
        idle_cost=idle,
        lower_bound=work + min(lower, upper),
        optimal=lower >= upper,
        seconds=time.perf_counter() - started,
        nodes=nodes,
    )


def _search(
    problem: _Problem, upper: int, order: list[int], deadline: float, max_states: int
) -> tuple[list[int] | None, int, int]:
    """A* over scene sets. Returns (a better order or None, proven lower bound, nodes expanded)."""
    n, full = problem.n, problem.full
    casts, durations = problem.casts, problem.durations
    actor_tables, cost_tables, bound = problem.actor_tables, problem.cost_tables, problem.bound
    if n == 0:
        return None, 0, 0
    start_bound = bound(full, 0)
    g: dict[int, int] = {0: 0}
    h: dict[int, int] = {0: start_bound}
    parent: dict[int, int] = {}
    heap = [(start_bound, 0, 0)]
    closed: set[int] = set()
    nodes = 0
    while heap:
        f, depth, done = heapq.heappop(heap)
        if f >= upper:
            return None, upper, nodes
        if done == full:
            path = []
            while done:
                prev = parent[done]
                path.append((done ^ prev).bit_length() - 1)
                done = prev
            return path[::-1], f, nodes
        g_done = g[done]
        if done in closed or g_done + h[done] < f:
            continue  # a stale entry: the state was reached more cheaply since
        closed.add(done)
        nodes += 1
        if time.perf_counter() > deadline or len(g) > max_states:
            return None, min(f, upper), nodes
        rest = full ^ done
        present = lookup(actor_tables, done, True) & lookup(actor_tables, rest, True)
        candidates = rest
        scan = rest
        while scan:
            low = scan & -scan
            scan ^= low
            if casts[low.bit_length() - 1] == present:
                candidates = low  # the forced move of the module docstring
                break
        while candidates:
            low = candidates & -candidates
            candidates ^= low
            s = low.bit_length() - 1
            waiting = present & ~casts[s]
            step = durations[s] * lookup(cost_tables, waiting, False) if waiting else 0
            child = done | low
            g_child = g_done + step
            known = g.get(child)
            if known is not None and known <= g_child:
                continue
            h_child = h.get(child)
            if h_child is None:
                if time.perf_counter() > deadline:
                    return None, min(f, upper), nodes  # f still bounds this node's children
                after = rest ^ low
                h_child = bound(
                    after, lookup(actor_tables, child, True) & lookup(actor_tables, after, True)
                )
                h[child] = h_child
            if g_child + h_child >= upper:
                continue
            g[child] = g_child
            parent[child] = done
            closed.discard(child)
            heapq.heappush(heap, (g_child + h_child, depth - 1, child))
    return None, upper, nodes
