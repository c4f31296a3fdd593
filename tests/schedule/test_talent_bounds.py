"""The present-actor lower bound never exceeds the holding cost still to come."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaico.schedule.bounds import PresentActorBound, lookup, mask_table


def remaining_holding(
    durations: list[int], casts: list[int], costs: list[int], done: int
) -> tuple[int, int, int]:
    """(best holding cost of the remaining scenes by brute force, remaining mask, present mask)."""
    n = len(durations)
    rest = [s for s in range(n) if not done >> s & 1]
    shot = 0
    for s in range(n):
        if done >> s & 1:
            shot |= casts[s]
    best = None
    for order in itertools.permutations(rest):
        total = 0
        before = shot
        for i, s in enumerate(order):
            after = 0
            for t in order[i + 1 :]:
                after |= casts[t]
            waiting = before & after & ~casts[s]
            total += durations[s] * sum(c for a, c in enumerate(costs) if waiting >> a & 1)
            before |= casts[s]
        best = total if best is None else min(best, total)
    remaining = sum(1 << s for s in rest)
    needed = 0
    for s in rest:
        needed |= casts[s]
    return best or 0, remaining, shot & needed


@st.composite
def subproblems(draw: st.DrawFn) -> tuple[list[int], list[int], list[int], int]:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 6))
    durations = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    casts = draw(st.lists(st.integers(1, (1 << m) - 1), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(0, 20), min_size=m, max_size=m))
    done = draw(st.integers(0, (1 << n) - 1))
    return durations, casts, costs, done


@settings(max_examples=300, deadline=None)
@given(subproblems())
def test_bound_is_at_most_the_best_remaining_holding_cost(
    case: tuple[list[int], list[int], list[int], int],
) -> None:
    durations, casts, costs, done = case
    best, remaining, present = remaining_holding(durations, casts, costs, done)
    assert 0 <= PresentActorBound(durations, casts, costs)(remaining, present) <= best


def test_bound_is_exact_when_two_present_actors_cannot_both_finish_first() -> None:
    # Actors 0 and 1 are on the payroll; each has one scene left, of 2 and 3 days.
    # Whoever goes second waits for the other: the best is 5 * 3 = 15 (actor 0 waits 3 days)
    # or 7 * 2 = 14 (actor 1 waits 2 days).
    bound = PresentActorBound([2, 3], [0b01, 0b10], [5, 7])
    assert bound(0b11, 0b11) == 14


def test_nobody_present_means_no_bound() -> None:
    assert PresentActorBound([1, 1], [0b1, 0b1], [3])(0b11, 0) == 0


def test_lookup_tables_combine_bits_past_the_first_byte() -> None:
    items = [1 << i for i in range(20)]
    tables = mask_table(items, combine_or=True)
    assert lookup(tables, (1 << 19) | (1 << 3), True) == (1 << 19) | (1 << 3)
    sums = mask_table(list(range(20)), combine_or=False)
    assert lookup(sums, (1 << 19) | (1 << 3), False) == 22
