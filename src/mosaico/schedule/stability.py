"""How much of a schedule a replan kept.

After an event, the *expected* schedule is the current one carried through
the event (a suspension slides every remaining day past its end; other events
leave the dates alone). A day of the expected schedule is *affected* when the
event touches it: a strip on it can no longer be shot there. The stability
figure is the share of the other days — unaffected and not yet shot — that
the replan shoots exactly as expected: the same strips on the same date.
The issue's goal is at least 90 %.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

# What the replan's search charges for each strip it moves off its expected
# date: twice a company move (25,000 by default). Moving a scene means new call
# sheets, new bookings for its cast and location and a note to every
# department, so a move must buy a real saving; it is still far below a shoot
# day (250,000), so an extra day is never kept just to avoid moves.
STABILITY_WEIGHT = 50_000


@dataclass(frozen=True, slots=True)
class Stability:
    unaffected_days: int  # expected days not touched by the event, not yet shot
    unchanged_days: int  # of those, shot exactly as expected
    moved_strips: tuple[str, ...]  # strips off their expected date

    @property
    def share(self) -> float:
        """Unchanged over unaffected days; 1.0 when the event touched every day."""
        if self.unaffected_days == 0:
            return 1.0
        return self.unchanged_days / self.unaffected_days


def by_date(placed: Mapping[str, date]) -> dict[date, frozenset[str]]:
    days: dict[date, set[str]] = defaultdict(set)
    for scene, when in placed.items():
        days[when].add(scene)
    return {when: frozenset(scenes) for when, scenes in days.items()}


def stability(
    expected: Mapping[str, date],
    new: Mapping[str, date],
    *,
    affected: Iterable[str],
    shot: Iterable[str] = (),
) -> Stability:
    """The figure of the module docstring.

    ``expected`` and ``new`` map scene ids to dates; ``affected`` are the
    strips the event displaced (their expected days count as affected);
    ``shot`` strips are already in the can and their days are left out.
    """
    displaced, done = set(affected), set(shot)
    expected_days = by_date(expected)
    new_days = by_date(new)
    unaffected = unchanged = 0
    for when, scenes in expected_days.items():
        if scenes & displaced or scenes <= done:
            continue
        unaffected += 1
        if new_days.get(when, frozenset()) == scenes:
            unchanged += 1
    moved = tuple(sorted(s for s, when in expected.items() if new.get(s) != when))
    return Stability(unaffected_days=unaffected, unchanged_days=unchanged, moved_strips=moved)
