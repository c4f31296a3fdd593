"""The scheduling problem as plain frozen dataclasses, and what a solver returns.

A ``ScheduleProblem`` holds the strips to shoot, the cast and locations they
need, the shooting calendar, the hard rules a 1st AD sets and the weights of
the soft ones. Solvers (``schedule.cpsat``) read it and return a ``Schedule``:
the shoot days, what each strip costs by named term, and how far from the
best possible the answer can be. Nothing here touches a database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import holidays as holidays_lib

from mosaico.errors import ValidationError
from mosaico.screenplay.model import IntExt, TimeOfDay

# A day's work is priced in minutes so the solver can stay in integers.
SETUP_HOURS = 0.25  # lighting and blocking before any page is shot
HOURS_PER_PAGE = 1.2
NIGHT_EXTERIOR_FACTOR = 1.25  # lamps, generators, cold crews
CROWD_FACTOR = 1.25  # marshalling background costs time
CROWD_SIZE = 20
# When night work wraps and day work calls, as hours after the midnight that
# starts the shoot day (26 = 02:00 the next morning).
NIGHT_WRAP_HOUR = 26.0
DAY_CALL_HOUR = 7.0
DAWN_CALL_HOUR = 4.5
NIGHT_CALL_HOUR = 18.0
# The calendar looks this far ahead for shooting dates before it gives up.
MAX_CALENDAR_DAYS = 3 * 366


class Term(StrEnum):
    """The named terms of the objective; a schedule's cost is broken down by these."""

    CAST_HOLDING = "cast holding"
    SHOOT_DAYS = "shoot days"
    COMPANY_MOVES = "company moves"
    DAY_NIGHT_SWITCHES = "day/night switches"
    UNDER_FILLED = "under-filled days"
    OVER_FILLED = "over-filled days"


NIGHT_TIMES = frozenset({TimeOfDay.NIGHT, TimeOfDay.EVENING})
EARLY_TIMES = frozenset({TimeOfDay.DAWN, TimeOfDay.MORNING})


@dataclass(frozen=True, slots=True)
class Strip:
    """One strip of the stripboard: a scene, or part of one, to shoot on a single day."""

    scene_id: str
    eighths: int
    set_name: str
    location: str  # Location.id
    int_ext: IntExt = IntExt.INT
    time: TimeOfDay = TimeOfDay.DAY
    script_day: int = 0
    episode: int = 1
    cast: tuple[str, ...] = ()  # CastMember.id
    background: int = 0
    elements: tuple[str, ...] = ()  # vehicles, animals, special equipment
    hours: float | None = None  # the 1st AD's own estimate, overriding the rule of thumb

    @property
    def estimated_hours(self) -> float:
        """The override if given, else setup plus pages, longer at night outside and with crowds."""
        if self.hours is not None:
            return self.hours
        hours = SETUP_HOURS + HOURS_PER_PAGE * self.eighths / 8
        if self.is_night and self.int_ext in (IntExt.EXT, IntExt.INT_EXT):
            hours *= NIGHT_EXTERIOR_FACTOR
        if self.background >= CROWD_SIZE:
            hours *= CROWD_FACTOR
        return hours

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(round(self.estimated_hours * 60, 6)))

    @property
    def is_night(self) -> bool:
        return self.time in NIGHT_TIMES

    @property
    def call_hour(self) -> float:
        """When the company must be ready to shoot this strip, for turnaround."""
        if self.is_night:
            return NIGHT_CALL_HOUR
        return DAWN_CALL_HOUR if self.time in EARLY_TIMES else DAY_CALL_HOUR


@dataclass(frozen=True, slots=True)
class CastMember:
    id: str
    name: str  # the character, as the call sheet prints it
    cost_per_day: int = 0  # what a day of holding costs the production
    unavailable: frozenset[date] = frozenset()
    max_consecutive_days: int | None = None  # consecutive shoot days, not calendar days


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    city: str = ""
    latitude: float = 0.0
    longitude: float = 0.0
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True, slots=True)
class DayOff:
    """A custom non-shooting day (a strike, a wrap party) or, with ``end``, a hiatus range."""

    start: date
    reason: str
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day <= (self.end or self.start)


@dataclass(frozen=True, slots=True)
class Calendar:
    """The shooting dates: ``work_days`` dates from ``start``, skipping every kind of day off."""

    start: date
    work_days: int
    weekly_days_off: frozenset[int] = frozenset({5, 6})  # date.weekday(): Saturday, Sunday
    country: str | None = None  # public holidays from the ``holidays`` package
    subdivision: str | None = None
    days_off: tuple[DayOff, ...] = ()

    def __post_init__(self) -> None:
        if self.work_days < 1:
            raise ValidationError("calendar.work_days", f"must be at least 1, got {self.work_days}")
        if len(self.weekly_days_off) >= 7 or any(not 0 <= d <= 6 for d in self.weekly_days_off):
            raise ValidationError(
                "calendar.weekly_days_off", "weekday numbers 0 (Monday) to 6, not all seven"
            )
        for off in self.days_off:
            if off.end is not None and off.end < off.start:
                raise ValidationError("calendar.days_off", f"{off.reason!r} ends before it starts")

    def public_holidays(self, years: range) -> dict[date, str]:
        if self.country is None:
            return {}
        try:
            found = holidays_lib.country_holidays(
                self.country, subdiv=self.subdivision, years=list(years)
            )
        except NotImplementedError as exc:
            raise ValidationError(
                "calendar.country", f"no public holidays known for {self.country!r}"
            ) from exc
        return {day: str(name) for day, name in found.items()}

    def day_off_reason(self, day: date, public: Mapping[date, str]) -> str | None:
        """Why no one shoots on ``day``, or ``None`` when it is a shooting date."""
        for off in self.days_off:
            if off.covers(day):
                return off.reason
        if day in public:
            return public[day]
        if day.weekday() in self.weekly_days_off:
            return "weekly day off"
        return None

    def shoot_dates(self) -> tuple[date, ...]:
        last = self.start + timedelta(days=MAX_CALENDAR_DAYS)
        public = self.public_holidays(range(self.start.year, last.year + 1))
        dates: list[date] = []
        day = self.start
        while len(dates) < self.work_days:
            if day > last:
                raise ValidationError(
                    "calendar",
                    f"only {len(dates)} of {self.work_days} shooting dates fit in the "
                    f"{MAX_CALENDAR_DAYS} days after {self.start.isoformat()}",
                )
            if self.day_off_reason(day, public) is None:
                dates.append(day)
            day += timedelta(days=1)
        return tuple(dates)


@dataclass(frozen=True, slots=True)
class Precedence:
    """``before`` must be shot on an earlier shoot day than ``after`` (a haircut, a burnt set)."""

    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Rules:
    """The hard rules; a schedule that breaks one is never returned."""

    max_hours_per_day: float = 12.0
    target_eighths_per_day: int = 56  # seven pages
    max_company_moves_per_day: int = 1
    turnaround_hours: float = 12.0
    fixed_dates: Mapping[str, date] = field(default_factory=dict)  # scene id -> date
    must_precede: tuple[Precedence, ...] = ()
    same_day: tuple[tuple[str, ...], ...] = ()

    @property
    def max_minutes_per_day(self) -> int:
        return int(self.max_hours_per_day * 60)


@dataclass(frozen=True, slots=True)
class Weights:
    """What each soft term costs, in the production's currency.

    Defaults follow a mid-budget series: a shoot day of crew and equipment
    costs far more than anything else (every calendar date up to the wrap
    counts, shot or idle, since the crew is booked for it), a company move (wrap, travel, relight)
    about a tenth of a day, a day that mixes day and night work a little less,
    and every eighth a day strays from the target page count a small amount.
    Cast holding is the cast member's ``cost_per_day`` times this multiplier
    for each shoot day between their first and last that they do not work.
    """

    cast_holding: int = 1
    shoot_day: int = 250_000
    company_move: int = 25_000
    day_night_switch: int = 15_000
    under_filled_eighth: int = 1_500
    over_filled_eighth: int = 3_000


@dataclass(frozen=True, slots=True)
class ScheduleProblem:
    strips: tuple[Strip, ...]
    cast: tuple[CastMember, ...]
    locations: tuple[Location, ...]
    calendar: Calendar
    rules: Rules = Rules()
    weights: Weights = Weights()

    def __post_init__(self) -> None:
        _check_unique("strips", [s.scene_id for s in self.strips])
        _check_unique("cast", [c.id for c in self.cast])
        _check_unique("locations", [loc.id for loc in self.locations])
        cast = {c.id for c in self.cast}
        places = {loc.id for loc in self.locations}
        for strip in self.strips:
            where = f"strip {strip.scene_id}"
            if strip.eighths < 1:
                raise ValidationError(where, f"must be at least 1/8 long, got {strip.eighths}")
            if strip.hours is not None and not 0 < strip.hours <= 24:
                raise ValidationError(where, f"hours must be over 0 and at most 24: {strip.hours}")
            if strip.location not in places:
                raise ValidationError(where, f"unknown location {strip.location!r}")
            for member in strip.cast:
                if member not in cast:
                    raise ValidationError(where, f"unknown cast member {member!r}")
        for member_ in self.cast:
            limit = member_.max_consecutive_days
            if limit is not None and limit < 1:
                raise ValidationError(f"cast {member_.id}", "max consecutive days must be >= 1")
        self._check_rules()

    def _check_rules(self) -> None:
        rules, scenes = self.rules, {s.scene_id for s in self.strips}
        if not 0 < rules.max_hours_per_day <= 24:
            raise ValidationError("rules.max_hours_per_day", "must be over 0 and at most 24")
        if rules.max_company_moves_per_day < 0 or rules.target_eighths_per_day < 1:
            raise ValidationError("rules", "moves must be >= 0 and the page target >= 1/8")
        named = [*rules.fixed_dates, *(p.before for p in rules.must_precede)]
        named += [p.after for p in rules.must_precede]
        named += [scene for group in rules.same_day for scene in group]
        for scene in named:
            if scene not in scenes:
                raise ValidationError("rules", f"scene {scene!r} is not one of the strips")

    def strip(self, scene_id: str) -> Strip:
        for strip in self.strips:
            if strip.scene_id == scene_id:
                return strip
        raise ValidationError("scene", f"no strip {scene_id!r}")


def _check_unique(what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValidationError(what, f"{key!r} appears twice")
        seen.add(key)


@dataclass(frozen=True, slots=True)
class ShootDay:
    number: int  # 1-based among the days actually shot
    date: date
    strips: tuple[str, ...]  # scene ids
    eighths: int
    hours: float
    locations: tuple[str, ...]

    @property
    def company_moves(self) -> int:
        return max(0, len(self.locations) - 1)


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven: no schedule costs less
    FEASIBLE = "feasible"  # the best found within the time limit; see ``gap``


@dataclass(frozen=True, slots=True)
class Schedule:
    days: tuple[ShootDay, ...]
    cost: Mapping[Term, int]  # the objective broken down by named term
    lower_bound: int  # proven: no schedule of this problem costs less
    status: Status
    seconds: float
    first_feasible_seconds: float | None = None
    details: tuple[tuple[str, int], ...] = ()  # each non-zero penalty, named, with its cost

    @property
    def total_cost(self) -> int:
        return sum(self.cost.values())

    @property
    def gap(self) -> float:
        """How much better than this schedule the best possible could still be, as a share."""
        total = self.total_cost
        if total <= 0:
            return 0.0
        return max(0.0, (total - self.lower_bound) / total)

    def day_of(self, scene_id: str) -> ShootDay:
        for day in self.days:
            if scene_id in day.strips:
                return day
        raise ValidationError("scene", f"{scene_id!r} is not in this schedule")
