"""The subset recurrence of :mod:`mosaico.schedule.talent_solver`, tabulated with NumPy.

For instances whose reduced form has up to :data:`DENSE_MAX_SCENES` scenes,
filling the whole table ``f(Q)`` (holding cost still to come once the scenes
in Q are shot) is faster in NumPy than any pruned search in pure Python: each
layer of sets with the same size is one batch of vector operations.

Only half the table is filled. Shooting an order backwards costs the same,
so the cheapest way to shoot the scenes of Q *first* is ``f(complement of Q)``
(the same subproblem, read in reverse). Layers from n down to n // 2 are
enough: the optimum is ``min over |Q| = ceil(n/2) of f(Q) + f(complement)``,
and both halves of the order are read back from the table.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

#: Largest reduced instance tabulated (2^26 entries of 4 bytes = 256 MiB at most).
DENSE_MAX_SCENES = 26
#: States handled per batch (bounds the temporaries to a few MiB each).
_BATCH = 1 << 18
_COST_BITS = 11
_WHOLE_BITS = 22
#: Entries filled before the pace is trusted to forecast the rest.
_FORECAST_AFTER = 50_000

Array = npt.NDArray[np.signedinteger[Any]]


class _Tables:
    """Vectorised lookups: scene set -> actors, actor set -> daily cost."""

    def __init__(self, casts: Sequence[int], costs: Sequence[int], mask: type, value: type) -> None:
        self.mask = mask
        self.actor_tables = []
        for k in range(0, len(casts), 8):
            chunk = casts[k : k + 8]
            table: Array = np.zeros(256, dtype=mask)
            for b in range(1, 256):
                low = b & -b
                j = low.bit_length() - 1
                table[b] = table[b ^ low] | (chunk[j] if j < len(chunk) else 0)
            self.actor_tables.append(table)
        self.cost_tables = []
        # One table over every actor set while it stays small (a single gather per lookup).
        self.whole = None
        if len(costs) <= _WHOLE_BITS:
            whole: Array = np.zeros(1 << len(costs), dtype=value)
            for a, c in enumerate(costs):
                whole[1 << a : 2 << a] = whole[: 1 << a] + c
            self.whole = whole
        for k in range(0, max(len(costs), 1), _COST_BITS):
            chunk = costs[k : k + _COST_BITS]
            size = 1 << _COST_BITS
            table = np.zeros(size, dtype=value)
            for b in range(1, size):
                low = b & -b
                j = low.bit_length() - 1
                table[b] = table[b ^ low] + (chunk[j] if j < len(chunk) else 0)
            self.cost_tables.append(table)

    def actors(self, scenes: Array) -> Array:
        out: Array = np.zeros(len(scenes), dtype=self.mask)
        for k, table in enumerate(self.actor_tables):
            out |= table[(scenes >> (8 * k)) & 255]
        return out

    def cost(self, actors: Array) -> Array:
        if self.whole is not None:
            whole: Array = self.whole[actors]
            return whole
        out: Array = self.cost_tables[0][actors & ((1 << _COST_BITS) - 1)]
        for k in range(1, len(self.cost_tables)):
            out += self.cost_tables[k][(actors >> (_COST_BITS * k)) & ((1 << _COST_BITS) - 1)]
        return out


def _popcounts(n: int) -> npt.NDArray[np.uint8]:
    byte = np.array([bin(b).count("1") for b in range(256)], dtype=np.uint8)
    out = np.empty(1 << n, dtype=np.uint8)
    for start in range(0, 1 << n, 1 << 20):
        masks = np.arange(start, min(start + (1 << 20), 1 << n), dtype=np.int64)
        counts = byte[masks & 255]
        for k in range(1, (n + 7) // 8):
            counts += byte[(masks >> (8 * k)) & 255]
        out[start : start + len(masks)] = counts
    return out


def solve_dense(
    durations: Sequence[int],
    casts: Sequence[int],
    costs: Sequence[int],
    deadline: float,
    *,
    forecast: bool = False,
) -> tuple[list[int] | None, int, int]:
    """Optimal order of the reduced scenes, its holding cost and the table entries filled.

    If the deadline passes first, returns ``(None, bound, filled)`` where ``bound``
    is the smallest ``f`` of the last finished layer: every order passes
    through one set of that layer, so none can cost less. With ``forecast``
    it gives up as soon as the pace so far says the table cannot be finished
    in time, leaving the rest of the time to another method.
    """
    n = len(durations)
    if n == 0:
        return [], 0, 0
    if n > DENSE_MAX_SCENES:
        raise ValueError(f"{n} scenes is more than the {DENSE_MAX_SCENES} tabulated")
    full = (1 << n) - 1
    worst = sum(costs) * sum(durations)
    # 32-bit arrays whenever the numbers fit: half the memory traffic of 64-bit ones.
    dtype = np.int32 if worst < (1 << 29) else np.int64
    mask = np.int32 if len(costs) <= 30 else np.int64
    tables = _Tables(casts, costs, mask, dtype)
    infinity = (1 << 30) if dtype == np.int32 else (1 << 62)
    f = np.full(1 << n, infinity, dtype=dtype)
    f[full] = 0
    popcount = _popcounts(n)
    not_cast = [mask(~c) for c in casts]
    lowest = n // 2
    bound = 0
    filled = 0
    began = time.perf_counter()
    for size in range(n - 1, lowest - 1, -1):
        layer = np.flatnonzero(popcount == size).astype(np.int32)
        for start in range(0, len(layer), _BATCH):
            if time.perf_counter() > deadline:
                return None, bound, filled
            done = layer[start : start + _BATCH]
            present = tables.actors(done) & tables.actors(full ^ done)
            best = np.full(len(done), infinity, dtype=dtype)
            for s in range(n):
                step = tables.cost(present & not_cast[s]) * durations[s]
                step += f[done | (1 << s)]  # a scene already shot points at an unfilled entry
                np.minimum(best, step, out=best, casting="unsafe")
            f[done] = best
            filled += len(done)
        bound = int(f[layer].min())
        if forecast and filled >= _FORECAST_AFTER:
            left = sum(math.comb(n, k) for k in range(lowest, size))
            now = time.perf_counter()
            if now + (now - began) / filled * left > deadline:
                return None, bound, filled
    middle = np.flatnonzero(popcount == n - lowest)
    totals = f[middle].astype(np.int64) + f[full ^ middle]
    pick = int(np.argmin(totals))
    chosen = int(middle[pick])
    first = _follow(f, full ^ chosen, durations, casts, costs, full)
    order = first[::-1] + _follow(f, chosen, durations, casts, costs, full)
    return order, int(totals[pick]), filled


def _follow(
    f: npt.NDArray[np.generic],
    done: int,
    durations: Sequence[int],
    casts: Sequence[int],
    costs: Sequence[int],
    full: int,
) -> list[int]:
    """The scenes after ``done`` in an optimal order, read from the table."""
    order = []
    while done != full:
        shot = 0
        rest = 0
        for s, cast in enumerate(casts):
            if done >> s & 1:
                shot |= cast
            else:
                rest |= cast
        present = shot & rest
        target = int(f[done])
        for s in range(len(casts)):
            if done >> s & 1:
                continue
            waiting = present & ~casts[s]
            step = durations[s] * sum(c for a, c in enumerate(costs) if waiting >> a & 1)
            if step + int(f[done | 1 << s]) == target:
                order.append(s)
                done |= 1 << s
                break
        else:
            raise AssertionError("the table has no optimal step")  # pragma: no cover
    return order
