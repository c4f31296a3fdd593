"""Lower bounds on the holding cost still to come in a talent-scheduling subproblem.

Everything works on bitmasks: bit ``s`` of a scene mask is scene ``s``, bit
``a`` of an actor mask is actor ``a``. The subproblem is "shoot the remaining
scenes R, given that the actors P are already on the payroll" (P = actors who
worked in a scene already shot and still have a scene in R).

The bound on the actors in P (the "present" actors) is a single-machine
relaxation, in the spirit of Garcia de la Banda, Stuckey & Chu (2011), argued
here from first principles:

1. Time starts now. A present actor ``a`` is paid from now until ``L_a``, the
   end of their last remaining scene, so they cost ``c_a * L_a`` from here on.
2. While scene ``s`` is shot, share it among its present actors in proportion
   to their costs: actor ``a`` receives ``c_a / C_s`` of each day, where
   ``C_s`` is the cost of the present actors in ``s``. Shares add up to at most
   one per day, so this is a schedule of one machine with processor sharing,
   in which actor ``a``'s job has length ``p_a = c_a * sum(d_s / C_s)`` over
   ``a``'s remaining scenes and finishes no later than ``L_a``.
3. For any such schedule, the mean busy times ``M_a`` satisfy
   ``sum_{a in S} p_a M_a >= p(S)^2 / 2`` for every set S of jobs, and the
   minimum of ``sum c_a M_a`` over those inequalities is reached by Smith's
   rule (jobs by ``p_a / c_a`` ascending), with value ``Smith - sum c_a p_a / 2``
   (Queyranne 1993).
4. Actor ``a`` is never processed faster than ``rho_a = c_a / min C_s``, so its
   work ends at least ``p_a / (2 rho_a)`` after its mean busy time:
   ``L_a >= M_a + p_a * min C_s / (2 c_a)``.
5. Adding up: ``sum c_a L_a >= Smith + sum p_a (min C_s - c_a) / 2``; subtracting
   the days they work (``sum_s d_s C_s``) leaves a bound on their holding cost.

Actors not yet started add nothing (each alone could be shot without a wait).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Slack for floating-point sums before rounding a bound up to an integer.
_EPS = 1e-7


def mask_table(items: Sequence[int], combine_or: bool) -> list[list[int]]:
    """Per-byte lookup tables: ``table[k][b]`` combines items ``8k + j`` for the set bits j of b.

    With ``combine_or`` the items (bitmasks) are OR-ed, otherwise (integers) summed.
    """
    tables = []
    for k in range(0, len(items), 8):
        chunk = items[k : k + 8]
        table = [0] * 256
        for b in range(1, 256):
            low = b & -b
            j = low.bit_length() - 1
            rest = table[b ^ low]
            value = chunk[j] if j < len(chunk) else 0
            table[b] = (rest | value) if combine_or else rest + value
        tables.append(table)
    return tables


def lookup(tables: list[list[int]], mask: int, combine_or: bool) -> int:
    """Combine the items of ``mask`` through the tables of :func:`mask_table`."""
    out = 0
    k = 0
    while mask:
        value = tables[k][mask & 255]
        out = (out | value) if combine_or else out + value
        mask >>= 8
        k += 1
    return out


class PresentActorBound:
    """The bound of the module docstring for one (reduced) instance."""

    def __init__(self, durations: Sequence[int], casts: Sequence[int], costs: Sequence[int]):
        self.durations = list(durations)
        self.casts = list(casts)
        self.costs = list(costs)
        self.cost_tables = mask_table(self.costs, combine_or=False)

    def __call__(self, remaining: int, present: int) -> int:
        """A lower bound on the holding cost of ``present`` actors while ``remaining`` is shot."""
        if not present:
            return 0
        durations, casts, costs, tables = self.durations, self.casts, self.costs, self.cost_tables
        share: dict[int, float] = {}
        densest: dict[int, int] = {}
        work = 0
        rest = remaining
        while rest:
            low = rest & -rest
            rest ^= low
            s = low.bit_length() - 1
            on = casts[s] & present
            if not on:
                continue
            shared = 0
            m = on
            k = 0
            while m:
                shared += tables[k][m & 255]
                m >>= 8
                k += 1
            if not shared:
                continue
            d = durations[s]
            work += d * shared
            part = d / shared
            while on:
                bit = on & -on
                on ^= bit
                a = bit.bit_length() - 1
                if a in share:
                    share[a] += part
                    if shared < densest[a]:
                        densest[a] = shared
                else:
                    share[a] = part
                    densest[a] = shared
        elapsed = 0.0
        total = 0.0
        for ratio, a in sorted((r, a) for a, r in share.items()):
            c = costs[a]
            job = c * ratio
            elapsed += job
            total += c * elapsed + job * (densest[a] - c) / 2
        return max(0, math.ceil(total - work - _EPS * (1 + total)))
