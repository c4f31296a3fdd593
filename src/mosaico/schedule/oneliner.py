"""The one-liner: the shooting schedule as one line per strip, day by day.

Each shoot day opens with "Day N of M — date", lists its strips in shooting
order (scene, I/E, set, D/N, pages in eighths, cast numbers; one location's
strips together), puts a company move banner where the location changes, and closes with the
day's totals. Between days, banners say why the company does not shoot:
weekly days off, public holidays, custom days off (a strike), a hiatus, a
travel day to another city. Words are left to the reports (in Spanish or
English); this module only says what goes where.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mosaico.errors import ValidationError
from mosaico.schedule.dood import (
    MAIN_UNIT,
    CompanyDay,
    DayKind,
    as_units,
    cast_numbers,
    company_days,
)
from mosaico.schedule.model import NIGHT_TIMES, Schedule, ScheduleProblem
from mosaico.screenplay.model import IntExt, TimeOfDay

_Date = date  # for fields declared after a field named ``date``


class BannerKind:
    """What a banner announces (``DayKind`` values, plus a move within a day)."""

    COMPANY_MOVE = "company move"


def day_night(time: TimeOfDay) -> str:
    """The one-liner's D/N column: ``N`` for night and evening, ``DAWN``/``DUSK`` as such, else ``D``."""
    if time in NIGHT_TIMES:
        return "N"
    if time in (TimeOfDay.DAWN, TimeOfDay.DUSK):
        return time.value
    return "D"


@dataclass(frozen=True, slots=True)
class Banner:
    """A line across the board: days off between shoot days, or a company move within one."""

    kind: str  # a ``DayKind`` value, or ``BannerKind.COMPANY_MOVE``
    start: date
    end: _Date
    reason: str = ""  # a holiday's name, a day off's reason, a destination
    city: str = ""  # for a company move: the new location's city

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class StripLine:
    scene_id: str
    episode: int
    int_ext: IntExt
    set_name: str
    time: TimeOfDay
    eighths: int
    cast: tuple[int, ...]  # cast numbers, in billing order
    location: str
    hours: float
    script_day: int = 0

    @property
    def day_night(self) -> str:
        return day_night(self.time)


@dataclass(frozen=True, slots=True)
class OneLinerDay:
    unit: str
    number: int
    of: int  # how many days the unit shoots
    date: date
    lines: tuple[StripLine | Banner, ...]
    eighths: int
    hours: float
    cast: tuple[int, ...]  # everyone called that day

    @property
    def strips(self) -> tuple[StripLine, ...]:
        return tuple(line for line in self.lines if isinstance(line, StripLine))


@dataclass(frozen=True, slots=True)
class OneLiner:
    unit: str
    entries: tuple[OneLinerDay | Banner, ...]
    eighths: int  # the whole schedule's pages, in eighths
    shoot_days: int

    @property
    def days(self) -> tuple[OneLinerDay, ...]:
        return tuple(entry for entry in self.entries if isinstance(entry, OneLinerDay))

    @property
    def banners(self) -> tuple[Banner, ...]:
        return tuple(entry for entry in self.entries if isinstance(entry, Banner))


def _banners(days: list[CompanyDay]) -> list[Banner]:
    """Consecutive free dates of the same kind and reason as one banner (a weekend, a hiatus)."""
    banners: list[Banner] = []
    for day in days:
        last = banners[-1] if banners else None
        if (
            last is not None
            and last.kind == day.kind.value
            and last.reason == day.reason
            and (day.date - last.end).days == 1
        ):
            banners[-1] = Banner(last.kind, last.start, day.date, last.reason)
        else:
            banners.append(Banner(day.kind.value, day.date, day.date, day.reason))
    return banners


def one_liner(
    problem: ScheduleProblem,
    schedule: Schedule,
    *,
    unit: str = MAIN_UNIT,
    travel: Mapping[date, str] | None = None,
) -> OneLiner:
    """The one-liner of one unit's schedule."""
    strips = {strip.scene_id: strip for strip in problem.strips}
    for shot in schedule.days:
        for scene in shot.strips:
            if scene not in strips:
                raise ValidationError(
                    f"unit {unit} day {shot.number}", f"scene {scene!r} is not in the problem"
                )
    places = {place.id: place for place in problem.locations}
    numbers = cast_numbers(problem)
    calendar = company_days(problem, schedule, travel)
    shoot = {day.date: day for day in schedule.days}
    entries: list[OneLinerDay | Banner] = []
    free: list[CompanyDay] = []
    total = len(schedule.days)
    for company_day in calendar:
        if not company_day.is_shoot:
            free.append(company_day)
            continue
        entries.extend(_banners(free))
        free = []
        day = shoot[company_day.date]
        lines: list[StripLine | Banner] = []
        where: str | None = None
        called: set[int] = set()
        # Strips of one location together, locations in the day's order: the company
        # moves only as often as the day's locations say.
        order = {place: index for index, place in enumerate(day.locations)}
        in_order = sorted(day.strips, key=lambda s: order.get(strips[s].location, len(order)))
        for scene in in_order:
            strip = strips[scene]
            if where is not None and strip.location != where:
                place = places.get(strip.location)
                lines.append(
                    Banner(
                        BannerKind.COMPANY_MOVE,
                        day.date,
                        day.date,
                        reason=strip.location,
                        city=place.city if place else "",
                    )
                )
            where = strip.location
            cast = tuple(sorted(numbers[member] for member in strip.cast))
            called.update(cast)
            lines.append(
                StripLine(
                    scene_id=strip.scene_id,
                    episode=strip.episode,
                    int_ext=strip.int_ext,
                    set_name=strip.set_name,
                    time=strip.time,
                    eighths=strip.eighths,
                    cast=cast,
                    location=strip.location,
                    hours=strip.estimated_hours,
                    script_day=strip.script_day,
                )
            )
        entries.append(
            OneLinerDay(
                unit=unit,
                number=day.number,
                of=total,
                date=day.date,
                lines=tuple(lines),
                eighths=sum(strips[s].eighths for s in day.strips),
                hours=day.hours,
                cast=tuple(sorted(called)),
            )
        )
    return OneLiner(
        unit=unit,
        entries=tuple(entries),
        eighths=sum(strips[s].eighths for day in schedule.days for s in day.strips),
        shoot_days=total,
    )


def one_liners(
    problem: ScheduleProblem,
    schedules: Schedule | Mapping[str, Schedule],
    *,
    travel: Mapping[date, str] | None = None,
) -> dict[str, OneLiner]:
    """One one-liner per unit (a single schedule is the main unit's)."""
    return {
        unit: one_liner(problem, schedule, unit=unit, travel=travel)
        for unit, schedule in as_units(schedules).items()
    }


__all__ = [
    "Banner",
    "BannerKind",
    "DayKind",
    "OneLiner",
    "OneLinerDay",
    "StripLine",
    "day_night",
    "one_liner",
    "one_liners",
]
