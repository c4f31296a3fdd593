"""The subset recurrence of :mod:`mosaico.schedule.talent_solver`, layer by layer in NumPy.

The dense table (:mod:`mosaico.schedule.talent_dp`) stores every scene set and
stops at 26 scenes; the A* search stores only the sets it needs but pays a
Python loop per set. This engine sits in between: layer ``k`` holds the sets
of ``k`` scenes shot first that can still lead to an order cheaper than the
incumbent, each with the cheapest holding cost of reaching it (``g``). A layer
is grown into the next as one batch of vector operations: every unshot scene
is tried, duplicates keep their cheapest ``g``, and a set is dropped as soon
as ``g`` plus the lower bound of :class:`mosaico.schedule.bounds.PresentActorBound`
(evaluated here for a whole batch at once) reaches the incumbent's cost.

Every order passes through exactly one set of each layer, so when a limit
stops the run, the smallest ``g + bound`` of the last layer (or the incumbent,
if lower) bounds every order: the gap reported stays honest. The forced move
of the solver (a scene whose cast is exactly the actors on the payroll goes
next) is applied to every set of a layer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from mosaico.schedule.talent_dp import _Tables

#: Largest reduced instance handled (scene sets are signed 64-bit words).
LAYERS_MAX_SCENES = 62
#: Sets whose bound is evaluated in one batch (bounds the (actors x batch) temporaries).
_BATCH = 1 << 16
_EPS = 1e-7

Ints = npt.NDArray[np.int64]


class _TimeUp(Exception):
    """The deadline passed in the middle of a layer."""


class LayeredSearch:
    """Breadth-first search over scene sets with batched bounds (one reduced instance)."""

    def __init__(self, durations: Sequence[int], casts: Sequence[int], costs: Sequence[int]):
        if len(durations) > LAYERS_MAX_SCENES:
            raise ValueError(f"at most {LAYERS_MAX_SCENES} scenes, got {len(durations)}")
        self.n = len(durations)
        self.full = (1 << self.n) - 1
        self.durations = list(durations)
        self.casts = list(casts)
        self.costs = list(costs)
        self.tables = _Tables(self.casts, self.costs, np.int64, np.int64)
        self.cast_actors = [[a for a in range(len(costs)) if c >> a & 1] for c in self.casts]

    def _present(self, done: Ints) -> Ints:
        actors: Ints = self.tables.actors(done) & self.tables.actors(self.full ^ done)
        return actors

    def bound(self, remaining: Ints, present: Ints, deadline: float = float("inf")) -> Ints:
        """The present-actor bound of :mod:`mosaico.schedule.bounds` for each pair of masks."""
        out: Ints = np.zeros(len(remaining), dtype=np.int64)
        for start in range(0, len(remaining), _BATCH):
            if time.perf_counter() > deadline:
                raise _TimeUp
            stop = start + _BATCH
            out[start:stop] = self._bound_batch(remaining[start:stop], present[start:stop])
        return out

    def _bound_batch(self, remaining: Ints, present: Ints) -> Ints:
        m, size = len(self.costs), len(remaining)
        share = np.zeros((m, size))
        densest = np.zeros((m, size), dtype=np.int64)
        work = np.zeros(size, dtype=np.int64)
        for s, cast in enumerate(self.casts):
            on = np.where((remaining >> s) & 1 == 1, present & cast, 0)
            shared = self.tables.cost(on)
            work += shared * self.durations[s]
            part = self.durations[s] / np.maximum(shared, 1)
            for a in self.cast_actors[s]:
                hit = (on >> a) & 1 == 1
                share[a] += np.where(hit, part, 0.0)
                row = densest[a]
                densest[a] = np.where(hit & ((row == 0) | (shared < row)), shared, row)
        # Smith's rule: actors by share ascending; those with no share sort last and add 0.
        key = np.where(share > 0, share, np.inf)
        order = np.argsort(key, axis=0)
        ratio = np.take_along_axis(share, order, axis=0)
        cost = np.where(ratio > 0, np.asarray(self.costs, dtype=np.float64)[order], 0.0)
        dense = np.take_along_axis(densest, order, axis=0)
        job = cost * ratio
        elapsed = np.cumsum(job, axis=0)
        total = (cost * elapsed + job * (dense - cost) / 2).sum(axis=0)
        value = np.ceil(total - work - _EPS * (1 + total))
        result: Ints = np.maximum(value, 0).astype(np.int64)
        return result

    def _children(self, done: Ints, g: Ints, deadline: float) -> tuple[Ints, Ints]:
        """Every set one scene larger, with its cheapest g (deduplicated, sorted by set)."""
        present = self._present(done)
        forced = np.full(len(done), -1, dtype=np.int64)
        for s in range(self.n - 1, -1, -1):
            hit = ((done >> s) & 1 == 0) & (present == self.casts[s]) & (present != 0)
            forced[hit] = s
        sets: list[Ints] = []
        values: list[Ints] = []
        for s, cast in enumerate(self.casts):
            if time.perf_counter() > deadline:
                raise _TimeUp
            take = np.flatnonzero(((done >> s) & 1 == 0) & ((forced < 0) | (forced == s)))
            if not len(take):
                continue
            step = self.tables.cost(present[take] & ~cast) * self.durations[s]
            sets.append(done[take] | (1 << s))
            values.append(g[take] + step)
        child = np.concatenate(sets)
        value = np.concatenate(values)
        order = np.lexsort((value, child))
        child, value = child[order], value[order]
        first = np.ones(len(child), dtype=bool)
        first[1:] = child[1:] != child[:-1]
        return child[first], value[first]

    def search(
        self, upper: int, deadline: float, max_states: int
    ) -> tuple[list[int] | None, int, int]:
        """Returns (an order cheaper than ``upper`` or None, proven lower bound, sets kept)."""
        if self.n == 0:
            return None, 0, 0
        done: Ints = np.zeros(1, dtype=np.int64)
        g: Ints = np.zeros(1, dtype=np.int64)
        layers = [(done, g)]
        kept = 1
        floor = 0  # the smallest g + bound of the last finished layer
        for _ in range(self.n):
            try:
                child, value = self._children(done, g, deadline)
                live = value < upper
                child, value = child[live], value[live]
                present = self._present(child)
                estimate = value + self.bound(self.full ^ child, present, deadline)
            except _TimeUp:
                return None, min(floor, upper), kept
            live = estimate < upper
            done, g = child[live], value[live]
            if not len(done):
                return None, upper, kept  # nothing beats the incumbent: it is optimal
            floor = int(estimate[live].min())
            kept += len(done)
            layers.append((done, g))
            if kept > max_states or time.perf_counter() > deadline:
                return None, min(floor, upper), kept
        return self._path(layers), int(g[0]), kept

    def _path(self, layers: list[tuple[Ints, Ints]]) -> list[int]:
        """Walk back from the full set through sets whose g plus the step matches."""
        state, value = self.full, int(layers[-1][1][0])
        order: list[int] = []
        for done, g in reversed(layers[:-1]):
            for s in range(self.n):
                if not state >> s & 1:
                    continue
                prev = state ^ (1 << s)
                at = int(np.searchsorted(done, prev))
                if at == len(done) or int(done[at]) != prev:
                    continue
                present = int(self._present(np.array([prev], dtype=np.int64))[0])
                waiting = present & ~self.casts[s]
                step = self.durations[s] * sum(
                    c for a, c in enumerate(self.costs) if waiting >> a & 1
                )
                if int(g[at]) + step == value:
                    order.append(s)
                    state, value = prev, int(g[at])
                    break
            else:
                raise AssertionError("no layer set leads to the order found")  # pragma: no cover
        return order[::-1]
