"""The scheduling problem as plain frozen dataclasses, and what a solver returns.

A ``ScheduleProblem`` holds the strips to shoot, the cast and locations they
need, the shooting calendar, the hard rules a 1st AD sets and the weights of
the soft ones. Solvers (``schedule.cpsat``) read it and return a ``Schedule``:
the shoot days, what each strip costs by named term, and how far from the
best possible the answer can be. Nothing here touches a database.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
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
    DROP_PICKUP = "drops and pick-ups"


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
    # An interior scene kept in reserve: pulled forward when an exterior day is rained out.
    weather_cover: bool = False

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
    def is_exterior(self) -> bool:
        """Weather can stop it: outside, or moving between inside and outside."""
        return self.int_ext in (IntExt.EXT, IntExt.INT_EXT)

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
    # The contract's window: no work before ``available_from`` or after ``available_until``.
    available_from: date | None = None
    available_until: date | None = None
    # A minor: at most this many hours a day in all, of which ``school_hours`` go to the
    # studio teacher, so on-set work is capped at the difference.
    minor_max_hours: float | None = None
    school_hours: float = 0.0
    # Drop and pick-up instead of holding: an idle stretch of at least ``drop_min_gap``
    # calendar days between two work days releases the actor (a fixed cost,
    # ``Weights.drop_pickup``) instead of paying the held days.
    allow_drop: bool = False
    drop_min_gap: int = 10

    def available_on(self, day: date) -> bool:
        if day in self.unavailable:
            return False
        if self.available_from is not None and day < self.available_from:
            return False
        return self.available_until is None or day <= self.available_until

    def in_window(self, day: date) -> bool:
        """Within the contract's window (``unavailable`` dates aside)."""
        if self.available_from is not None and day < self.available_from:
            return False
        return self.available_until is None or day <= self.available_until

    @property
    def on_set_minutes(self) -> int | None:
        """A minor's cap on set per day, in minutes; ``None`` for an adult."""
        if self.minor_max_hours is None:
            return None
        return int(round((self.minor_max_hours - self.school_hours) * 60, 6))


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    city: str = ""
    latitude: float = 0.0
    longitude: float = 0.0
    unavailable: frozenset[date] = frozenset()
    max_days: int | None = None  # shoot days the owner allows, in all
    # The permit's or the lease's window: no shooting there before or after it.
    available_from: date | None = None
    available_until: date | None = None

    def in_window(self, day: date) -> bool:
        if self.available_from is not None and day < self.available_from:
            return False
        return self.available_until is None or day <= self.available_until

    def available_on(self, day: date) -> bool:
        return day not in self.unavailable and self.in_window(day)


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
class CityTravel:
    """Calendar days the company needs to travel between two cities (either way); 0: same day."""

    city_a: str
    city_b: str
    days: int


@dataclass(frozen=True, slots=True)
class CastPod:
    """A health-protocol bubble: its cast never shares a shoot day with another pod's cast."""

    name: str
    members: tuple[str, ...]  # CastMember.id


@dataclass(frozen=True, slots=True)
class Block:
    """Episodes shot together under one director; strips of a block may be cross-boarded."""

    episodes: tuple[int, ...]
    director: str


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
    # Cities. When False, a shoot day stays in one city and the company needs
    # travel days (``city_travel_days``, or the pair's ``city_travel`` entry)
    # between the last day in one city and the first in the next. Travel takes
    # shoot dates left idle (paid: the crew travels) unless ``travel_on_days_off``
    # lets weekends and other days off serve. True (the default) lets the company
    # move between cities like between any two locations.
    same_day_city_moves: bool = True
    city_travel_days: int = 1
    city_travel: tuple[CityTravel, ...] = ()
    travel_on_days_off: bool = False
    # Episode blocks (``ScheduleProblem.blocks``): when True, every strip of a
    # block is shot before any strip of the next block in the tuple.
    blocks_in_order: bool = False
    # Every day with exterior work keeps an interior weather-cover strip, shot
    # later and available that date, that could be pulled in if the day is lost.
    weather_cover_required: bool = False
    # Health protocols: cast working plus background booked, per day and per set
    # per day (background counted per strip: the safe count), and pods.
    max_headcount_per_day: int | None = None
    max_headcount_per_set: int | None = None
    pods: tuple[CastPod, ...] = ()

    @property
    def max_minutes_per_day(self) -> int:
        return int(self.max_hours_per_day * 60)

    def travel_days(self, city_a: str, city_b: str) -> int:
        """Travel days needed between two cities; 0 within one city or when moves are free."""
        if city_a == city_b or self.same_day_city_moves:
            return 0
        for hop in self.city_travel:
            if {hop.city_a, hop.city_b} == {city_a, city_b}:
                return hop.days
        return self.city_travel_days


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
    # A drop and pick-up (for cast with ``allow_drop``): a new contract day and the paperwork.
    drop_pickup: int = 5_000


@dataclass(frozen=True, slots=True)
class ScheduleProblem:
    strips: tuple[Strip, ...]
    cast: tuple[CastMember, ...]
    locations: tuple[Location, ...]
    calendar: Calendar
    rules: Rules = Rules()
    weights: Weights = Weights()
    blocks: tuple[Block, ...] = ()

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
            if strip.weather_cover and strip.int_ext is not IntExt.INT:
                raise ValidationError(where, "a weather-cover strip must be an interior (INT)")
        for member_ in self.cast:
            _check_member(member_)
        for place in self.locations:
            if place.max_days is not None and place.max_days < 1:
                raise ValidationError(f"location {place.id}", "max days must be >= 1")
            first, last = place.available_from, place.available_until
            if first is not None and last is not None and last < first:
                raise ValidationError(
                    f"location {place.id}", "available until a date before available from"
                )
        self._check_rules()
        self._check_blocks()

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
        if rules.city_travel_days < 0 or any(hop.days < 0 for hop in rules.city_travel):
            raise ValidationError("rules.city_travel", "travel days must be >= 0")
        for cap, name in (
            (rules.max_headcount_per_day, "max_headcount_per_day"),
            (rules.max_headcount_per_set, "max_headcount_per_set"),
        ):
            if cap is not None and cap < 1:
                raise ValidationError(f"rules.{name}", f"must be at least 1, got {cap}")
        cast, podded = {c.id for c in self.cast}, set[str]()
        for pod in rules.pods:
            for member in pod.members:
                if member not in cast:
                    raise ValidationError(f"pod {pod.name}", f"unknown cast member {member!r}")
                if member in podded:
                    raise ValidationError(f"pod {pod.name}", f"{member!r} is in two pods")
                podded.add(member)

    def _check_blocks(self) -> None:
        seen: set[int] = set()
        for number, block in enumerate(self.blocks, start=1):
            where = f"block {number}"
            if not block.episodes or not block.director.strip():
                raise ValidationError(where, "needs at least one episode and a director")
            for episode in block.episodes:
                if episode in seen:
                    raise ValidationError(where, f"episode {episode} is in two blocks")
                seen.add(episode)

    def city_of(self, strip: Strip) -> str:
        for place in self.locations:
            if place.id == strip.location:
                return place.city
        raise ValidationError(f"strip {strip.scene_id}", f"unknown location {strip.location!r}")

    def block_of(self, strip: Strip) -> int | None:
        """Index into ``blocks`` of the block holding the strip's episode, if any."""
        for number, block in enumerate(self.blocks):
            if strip.episode in block.episodes:
                return number
        return None

    def strip(self, scene_id: str) -> Strip:
        for strip in self.strips:
            if strip.scene_id == scene_id:
                return strip
        raise ValidationError("scene", f"no strip {scene_id!r}")


def _check_member(member: CastMember) -> None:
    where = f"cast {member.id}"
    limit = member.max_consecutive_days
    if limit is not None and limit < 1:
        raise ValidationError(where, "max consecutive days must be >= 1")
    first, last = member.available_from, member.available_until
    if first is not None and last is not None and last < first:
        raise ValidationError(where, "available until a date before available from")
    cap = member.minor_max_hours
    if cap is not None and not 0 < cap <= 24:
        raise ValidationError(where, f"a minor's hours must be over 0 and at most 24: {cap}")
    if member.school_hours < 0 or (member.school_hours > 0 and cap is None):
        raise ValidationError(where, "school hours need a minor's hour cap and must be >= 0")
    if cap is not None and member.school_hours >= cap:
        raise ValidationError(where, "school hours leave no time on set")
    if member.drop_min_gap < 1:
        raise ValidationError(where, "the drop and pick-up gap must be at least 1 day")


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


@dataclass(frozen=True, slots=True)
class Progress:
    """One report of a running search, for a progress bar or a background job."""

    incumbent: int  # cost of the best schedule so far
    bound: int  # proven: no schedule costs less
    seconds: float
    iteration: int


#: Called on each report; answering ``False`` stops the search, which then returns
#: the best schedule found so far (a cancel button, a job past its limit).
ProgressCallback = Callable[[Progress], bool | None]
