"""Day out of days: who works, holds, travels or is off on each date of the shoot.

The grid runs over every calendar date from the first shoot day to the last
(of every unit), one row per cast member (and, when asked, per element named
on the strips), with Movie Magic's codes:

- work days: ``S`` (start) or ``P`` (pick-up) before ``W``, ``F`` (finish) or
  ``D`` (drop) after it: ``SW``, ``W``, ``WF``, ``SWF``, ``WD``, ``SWD``,
  ``PW``, ``PWF``, ``PWD``;
- ``H`` hold: a shooting date between two work days on which the member is
  kept (and paid) without working;
- ``TR`` travel: the company travels between cities on that date;
- ``HOL``: the company does not shoot (weekly day off, public holiday, a
  strike, a hiatus) while the member is held;
- blank: before the start, after the finish, and between a drop and the
  pick-up (those dates count as *idle*).

A member is dropped when more calendar days pass between two work days than
their rule allows (``DropRule.drop_after_days``; by default from the cast
member's own ``allow_drop`` and ``drop_min_gap``), or at any gap with a
shooting date in it when holds are not allowed for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from mosaico.errors import ValidationError
from mosaico.schedule.model import Calendar, Schedule, ScheduleProblem, ShootDay

#: The unit name used when a single schedule (not a mapping of units) is given.
MAIN_UNIT = "main"
#: Idle calendar days between two work days past which a member is dropped.
DEFAULT_DROP_AFTER_DAYS = 10

_Date = date  # for fields declared after a field named ``date``
HOLD = "H"
TRAVEL = "TR"
HOLIDAY = "HOL"
BLANK = ""


class DayKind(StrEnum):
    """What the company does on a calendar date of the shoot."""

    SHOOT = "shoot"
    WEEKLY_OFF = "weekly day off"
    HOLIDAY = "holiday"  # a public holiday
    DAY_OFF = "day off"  # a custom non-shooting day: a strike, a wrap party
    HIATUS = "hiatus"  # a custom range of days off: a suspension
    TRAVEL = "travel"  # the company moves to another city
    IDLE = "no shooting"  # a shooting date on which nothing was scheduled


@dataclass(frozen=True, slots=True)
class CompanyDay:
    date: date
    kind: DayKind
    reason: str = ""  # the holiday's name, the day off's reason, the travel's destination
    shoot_days: tuple[tuple[str, int], ...] = ()  # (unit, day number) shooting on this date
    hiatus_start: _Date | None = None  # the whole range of a hiatus this date is part of
    hiatus_end: _Date | None = None

    @property
    def is_shoot(self) -> bool:
        return self.kind is DayKind.SHOOT


@dataclass(frozen=True, slots=True)
class DropRule:
    """How a member may be kept between work days."""

    allow_holds: bool = True
    allow_drop: bool = True
    drop_after_days: int = DEFAULT_DROP_AFTER_DAYS

    def __post_init__(self) -> None:
        if self.drop_after_days < 0:
            raise ValidationError(
                "drop_after_days", f"must be 0 or more, got {self.drop_after_days}"
            )


@dataclass(frozen=True, slots=True)
class DoodRules:
    """Drop rules and company travel dates for a day out of days.

    Each cast member's rule is, first found: theirs in ``members``; ``default``
    when given (for everyone); else their own ``CastMember.allow_drop`` and
    ``drop_min_gap`` (dropped when at least that many calendar days pass idle),
    the rule the solver prices holding by. Elements use ``default`` or
    ``DropRule()``.

    ``travel`` names dates the company travels (date -> destination city); when
    empty, a travel date is found wherever two consecutive shoot days of a unit
    are in different cities with a free date between them (see ``company_days``).
    """

    default: DropRule | None = None
    members: Mapping[str, DropRule] = field(default_factory=dict)
    travel: Mapping[date, str] = field(default_factory=dict)

    def rule_for(self, member_id: str, problem: ScheduleProblem) -> DropRule:
        if member_id in self.members:
            return self.members[member_id]
        if self.default is not None:
            return self.default
        for member in problem.cast:
            if member.id == member_id:
                allow = getattr(member, "allow_drop", None)
                gap = getattr(member, "drop_min_gap", None)
                if allow is None or gap is None:
                    break
                # "at least N idle days allow a drop" is "more than N - 1".
                return DropRule(allow_drop=bool(allow), drop_after_days=max(0, int(gap) - 1))
        return DropRule()


@dataclass(frozen=True, slots=True)
class DoodTotals:
    work: int = 0
    hold: int = 0
    travel: int = 0
    holiday: int = 0
    idle: int = 0
    drops: int = 0
    start: date | None = None
    finish: date | None = None

    @property
    def paid(self) -> int:
        """Days the member is on the production's books: work, hold, travel and holiday."""
        return self.work + self.hold + self.travel + self.holiday


@dataclass(frozen=True, slots=True)
class DoodRow:
    id: str
    name: str
    number: int  # the cast number (billing order), or the element's position
    category: str  # "cast" or "elements"
    codes: tuple[str, ...]  # one per ``DayOutOfDays.days``
    totals: DoodTotals


@dataclass(frozen=True, slots=True)
class DayOutOfDays:
    days: tuple[CompanyDay, ...]
    rows: tuple[DoodRow, ...]
    units: tuple[str, ...]

    def row(self, member_id: str) -> DoodRow:
        for row in self.rows:
            if row.id == member_id:
                return row
        raise ValidationError("member", f"{member_id!r} is not in the day out of days")

    def code(self, member_id: str, day: date) -> str:
        for index, company_day in enumerate(self.days):
            if company_day.date == day:
                return self.row(member_id).codes[index]
        raise ValidationError("date", f"{day.isoformat()} is outside the shoot")


def as_units(schedules: Schedule | Mapping[str, Schedule]) -> dict[str, Schedule]:
    """Each unit's schedule: a single schedule is split by its days' ``unit`` where they
    carry one, and is otherwise the main unit's."""
    if isinstance(schedules, Schedule):
        by_unit: dict[str, list[ShootDay]] = {}
        for day in schedules.days:
            by_unit.setdefault(str(getattr(day, "unit", None) or MAIN_UNIT), []).append(day)
        if len(by_unit) <= 1:
            return {next(iter(by_unit), MAIN_UNIT): schedules}
        return {unit: replace(schedules, days=tuple(days)) for unit, days in by_unit.items()}
    if not schedules:
        raise ValidationError("units", "at least one unit's schedule is needed")
    return dict(schedules)


def cast_numbers(problem: ScheduleProblem) -> dict[str, int]:
    """Cast numbers in billing order: the order of ``problem.cast``, from 1."""
    return {member.id: number for number, member in enumerate(problem.cast, start=1)}


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _cities(problem: ScheduleProblem, day: ShootDay) -> list[str]:
    city = {place.id: place.city for place in problem.locations}
    return [city.get(place, "") for place in day.locations]


def _found_travel(
    problem: ScheduleProblem, units: Mapping[str, Schedule], blocked: set[date]
) -> dict[date, str]:
    """Travel dates where a unit changes city between two shoot days with a free date between.

    The company travels on the last date before it shoots in the new city that
    is not a holiday, strike or hiatus (a weekly day off is a fine day to travel).
    Consecutive dates mean a same-day move: no travel date.
    """
    travel: dict[date, str] = {}
    for schedule in units.values():
        days = sorted(schedule.days, key=lambda d: d.date)
        for before, after in pairwise(days):
            left, right = _cities(problem, before), _cities(problem, after)
            if not left or not right or not left[-1] or not right[0] or left[-1] == right[0]:
                continue
            gap = _dates(before.date + timedelta(days=1), after.date - timedelta(days=1))
            free = [d for d in gap if d not in blocked]
            if free:
                travel[free[-1]] = right[0]
    return travel


def company_days(
    problem: ScheduleProblem,
    schedules: Schedule | Mapping[str, Schedule],
    travel: Mapping[date, str] | None = None,
) -> tuple[CompanyDay, ...]:
    """Every calendar date from the first shoot day to the last, with what the company does."""
    units = as_units(schedules)
    shooting: dict[date, list[tuple[str, int]]] = {}
    for unit, schedule in units.items():
        for day in schedule.days:
            shooting.setdefault(day.date, []).append((unit, day.number))
    if not shooting:
        return ()
    dates = _dates(min(shooting), max(shooting))
    calendar: Calendar = problem.calendar
    public = calendar.public_holidays(range(dates[0].year, dates[-1].year + 1))
    custom = {d: off for d in dates for off in calendar.days_off if off.covers(d)}
    blocked = set(public) | set(custom)
    moves = dict(travel) if travel else _found_travel(problem, units, blocked)
    out: list[CompanyDay] = []
    for when in dates:
        if when in shooting:
            out.append(CompanyDay(when, DayKind.SHOOT, shoot_days=tuple(sorted(shooting[when]))))
        elif when in moves:
            out.append(CompanyDay(when, DayKind.TRAVEL, reason=moves[when]))
        elif when in custom:
            off = custom[when]
            if off.end is not None and off.end != off.start:
                out.append(
                    CompanyDay(
                        when, DayKind.HIATUS, off.reason, hiatus_start=off.start, hiatus_end=off.end
                    )
                )
            else:
                out.append(CompanyDay(when, DayKind.DAY_OFF, off.reason))
        elif when in public:
            out.append(CompanyDay(when, DayKind.HOLIDAY, public[when]))
        elif when.weekday() in calendar.weekly_days_off:
            out.append(CompanyDay(when, DayKind.WEEKLY_OFF))
        else:
            out.append(CompanyDay(when, DayKind.IDLE))
    return tuple(out)


def _segments(work: list[date], days: tuple[CompanyDay, ...], rule: DropRule) -> list[list[date]]:
    """Work dates split where the member is dropped between them."""
    shoot_dates = [d.date for d in days if d.is_shoot]
    segments: list[list[date]] = [[work[0]]]
    for before, after in pairwise(work):
        idle = (after - before).days - 1
        held_shoot_dates = any(before < d < after for d in shoot_dates)
        drop = rule.allow_drop and (
            idle > rule.drop_after_days or (not rule.allow_holds and held_shoot_dates)
        )
        if drop:
            segments.append([after])
        else:
            segments[-1].append(after)
    return segments


def _work_code(day: date, segment: list[date], first: bool, last: bool) -> str:
    start = ("S" if first else "P") if day == segment[0] else ""
    end = ("F" if last else "D") if day == segment[-1] else ""
    return f"{start}W{end}"


def dood_row(
    member_id: str,
    name: str,
    number: int,
    category: str,
    work: set[date],
    days: tuple[CompanyDay, ...],
    rule: DropRule,
) -> DoodRow:
    """One member's codes and totals from the dates they work."""
    if not work:
        return DoodRow(member_id, name, number, category, tuple(BLANK for _ in days), DoodTotals())
    segments = _segments(sorted(work), days, rule)
    code_of: dict[date, str] = {}
    for index, segment in enumerate(segments):
        first, last = index == 0, index == len(segments) - 1
        for day in segment:
            code_of[day] = _work_code(day, segment, first, last)
    spans = [(segment[0], segment[-1]) for segment in segments]
    counts = {"work": 0, "hold": 0, "travel": 0, "holiday": 0, "idle": 0}
    codes: list[str] = []
    for company_day in days:
        day = company_day.date
        code = BLANK
        if day in code_of:
            code, what = code_of[day], "work"
        elif any(a < day < b for a, b in spans):
            if company_day.is_shoot:
                code, what = HOLD, "hold"
            elif company_day.kind is DayKind.TRAVEL:
                code, what = TRAVEL, "travel"
            else:
                code, what = HOLIDAY, "holiday"
        elif spans[0][0] < day < spans[-1][1]:
            what = "idle"  # between a drop and the pick-up
        else:
            what = ""
        if what:
            counts[what] += 1
        codes.append(code)
    totals = DoodTotals(drops=len(segments) - 1, start=spans[0][0], finish=spans[-1][1], **counts)
    return DoodRow(member_id, name, number, category, tuple(codes), totals)


def day_out_of_days(
    problem: ScheduleProblem,
    schedules: Schedule | Mapping[str, Schedule],
    rules: DoodRules | None = None,
    *,
    elements: bool = False,
) -> DayOutOfDays:
    """The day out of days of a schedule (or of every unit's schedule together).

    Rows are the cast members who work at least once, in billing order; with
    ``elements`` the elements named on the strips follow, in name order.
    """
    rules = rules or DoodRules()
    units = as_units(schedules)
    days = company_days(problem, units, rules.travel or None)
    strips = {strip.scene_id: strip for strip in problem.strips}
    cast_work: dict[str, set[date]] = {}
    element_work: dict[str, set[date]] = {}
    for unit, schedule in units.items():
        for day in schedule.days:
            for scene in day.strips:
                if scene not in strips:
                    raise ValidationError(
                        f"unit {unit} day {day.number}", f"scene {scene!r} is not in the problem"
                    )
                for member_id in strips[scene].cast:
                    cast_work.setdefault(member_id, set()).add(day.date)
                for element in strips[scene].elements:
                    element_work.setdefault(element, set()).add(day.date)
    rows: list[DoodRow] = []
    numbers = cast_numbers(problem)
    for member in problem.cast:
        if member.id in cast_work:
            rule = rules.rule_for(member.id, problem)
            rows.append(
                dood_row(
                    member.id,
                    member.name,
                    numbers[member.id],
                    "cast",
                    cast_work[member.id],
                    days,
                    rule,
                )
            )
    if elements:
        for number, name in enumerate(sorted(element_work, key=str.casefold), start=1):
            rule = rules.members.get(name, rules.default or DropRule())
            rows.append(dood_row(name, name, number, "elements", element_work[name], days, rule))
    return DayOutOfDays(days=days, rows=tuple(rows), units=tuple(units))
