"""A* that builds the shooting order from both ends at once (after Qin et al. 2016's idea).

A state is a pair of disjoint scene sets: ``front`` (shot first, in the order
chosen) and ``back`` (shot last); the middle ``M`` is still open. Turns
alternate: a scene is appended to the front while both ends are equally long,
otherwise one is put in front of the back. Holding cost during the scenes of
both ends is already known exactly: an actor is paid during a front scene iff
they worked before it and have a scene after it (in M or the back), and the
mirror holds for the back.

Why bother: the lower bound on the middle becomes much stronger. An actor
with scenes at both ends is paid for every middle day they do not work, a
fixed cost. An actor with scenes in front and middle only is a "present" actor
of :class:`mosaico.schedule.bounds.PresentActorBound`; an actor with scenes in
the middle and back only is the same thing with time running backwards (the
bound holds for the reversed middle, which costs the same). Those three actor
sets are disjoint, so their bounds add up. Single-ended search leaves every
actor who has not started out of the bound; here, after a few turns, most
actors are pinned at one end or both.

Two rules prune without losing the optimum:

- An order and its reverse cost the same, so the first front scene is
  required to have a smaller index than the first back scene.
- If a middle scene's cast is exactly the actors paid at the front edge (those
  who worked in front and have a scene to come), it can be shot next at the
  front: nobody waits during it and moving it forward shortens or keeps every
  span. The mirror rule holds at the back edge.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Sequence

from mosaico.schedule.bounds import PresentActorBound, lookup, mask_table


class EndsSearch:
    """The double-ended A* over one reduced instance (bitmask casts, as in the solver)."""

    def __init__(self, durations: Sequence[int], casts: Sequence[int], costs: Sequence[int]):
        self.n = len(durations)
        self.full = (1 << self.n) - 1
        self.durations = list(durations)
        self.casts = list(casts)
        self.actor_tables = mask_table(self.casts, combine_or=True)
        self.cost_tables = mask_table(list(costs), combine_or=False)
        self.bound = PresentActorBound(durations, casts, costs)

    def _actors(self, scenes: int) -> int:
        return lookup(self.actor_tables, scenes, True)

    def _price(self, actors: int) -> int:
        return lookup(self.cost_tables, actors, False)

    def lower(self, front: int, back: int) -> int:
        """A lower bound on the holding cost still to come during the middle scenes."""
        middle = self.full ^ front ^ back
        if not middle:
            return 0
        in_front, in_back = self._actors(front), self._actors(back)
        in_middle = self._actors(middle)
        spanning = in_front & in_back  # paid on every middle day
        total = 0
        if spanning:
            casts, durations, tables = self.casts, self.durations, self.cost_tables
            rest = middle
            while rest:
                low = rest & -rest
                rest ^= low
                s = low.bit_length() - 1
                waiting = spanning & ~casts[s]
                if waiting:
                    total += durations[s] * lookup(tables, waiting, False)
        from_front = in_front & in_middle & ~in_back
        from_back = in_back & in_middle & ~in_front
        return total + self.bound(middle, from_front) + self.bound(middle, from_back)

    def order_cost(self, order: Sequence[int]) -> int:
        """Holding cost of a full order (used to check the result and compare with others)."""
        front = 0
        total = 0
        for s in order:
            edge = self._actors(front) & self._actors(self.full ^ front) & ~self.casts[s]
            total += self.durations[s] * self._price(edge)
            front |= 1 << s
        return total

    def search(
        self, upper: int, deadline: float, max_states: int
    ) -> tuple[list[int] | None, int, int]:
        """Returns (an order cheaper than ``upper`` or None, proven lower bound, nodes expanded).

        The bound is on the holding cost of the reduced instance; when the
        search ends without an order, no order costs less than ``upper`` (or
        than the bound returned, if a limit stopped it first).
        """
        n, full = self.n, self.full
        if n == 0:
            return None, 0, 0
        casts, durations = self.casts, self.durations
        actor_tables, cost_tables = self.actor_tables, self.cost_tables
        start_bound = self.lower(0, 0)
        g: dict[int, int] = {0: 0}
        h: dict[int, int] = {0: start_bound}
        parent: dict[int, int] = {}
        closed: set[int] = set()
        heap = [(start_bound, 0, 0)]
        nodes = 0
        while heap:
            f, depth, key = heapq.heappop(heap)
            if f >= upper:
                return None, upper, nodes
            front, back = key & full, key >> n
            if front | back == full:
                return self._path(key, parent), f, nodes
            g_key = g[key]
            if key in closed or g_key + h[key] < f:
                continue  # stale: the state was reached more cheaply since
            closed.add(key)
            nodes += 1
            if time.perf_counter() > deadline or len(g) > max_states:
                return None, min(f, upper), nodes
            middle = full ^ front ^ back
            in_front = lookup(actor_tables, front, True)
            in_back = lookup(actor_tables, back, True)
            in_middle = lookup(actor_tables, middle, True)
            at_front = front.bit_count() == back.bit_count()
            if at_front:
                edge = in_front & (in_middle | in_back)
            else:
                edge = in_back & (in_front | in_middle)
            candidates = middle
            if edge:
                scan = middle
                while scan:
                    low = scan & -scan
                    scan ^= low
                    if casts[low.bit_length() - 1] == edge:
                        candidates = low  # the forced move of the module docstring
                        break
            if not at_front and not back:
                # Mirror symmetry: the first back scene comes after the first front one.
                candidates &= ~((front << 1) - 1)
            while candidates:
                low = candidates & -candidates
                candidates ^= low
                s = low.bit_length() - 1
                waiting = edge & ~casts[s]
                step = durations[s] * lookup(cost_tables, waiting, False) if waiting else 0
                child = key | (low if at_front else low << n)
                g_child = g_key + step
                known = g.get(child)
                if known is not None and known <= g_child:
                    continue
                h_child = h.get(child)
                if h_child is None:
                    if time.perf_counter() > deadline:
                        return None, min(f, upper), nodes  # f still bounds every child
                    h_child = self.lower(child & full, child >> n)
                    h[child] = h_child
                if g_child + h_child >= upper:
                    continue
                g[child] = g_child
                parent[child] = key
                closed.discard(child)
                heapq.heappush(heap, (g_child + h_child, depth - 1, child))
        return None, upper, nodes

    def _path(self, key: int, parent: dict[int, int]) -> list[int]:
        n = self.n
        firsts: list[int] = []
        lasts: list[int] = []
        while key:
            prev = parent[key]
            bit = (key ^ prev).bit_length() - 1
            if bit < n:
                firsts.append(bit)
            else:
                lasts.append(bit - n)
            key = prev
        # firsts were collected last-added first; lasts likewise, i.e. in shooting order.
        return firsts[::-1] + lasts
