"""The stripboard: a schedule version laid out as days of coloured strips, edited by hand.

``board`` reads a version as the page shows it (day breaks, banners for
holidays, hiatus and days off between shoot days, company moves within a day,
travel between cities). ``check`` re-checks a board the user rearranged
against every hard rule (``schedule.check``, independent of the solver) and
recounts its cost; ``save_manual`` keeps a rearranged board as a new version
of kind ``manual``. Strips are named by their keys (``"2-12A"``), dates by ISO
strings; nothing from the page is trusted.

Locks: a locked strip stays on its date when the board is re-optimised. On a
board, a strip's lock is a fixed date; the fixed dates an earlier run took
from its own locks are released first, so unlocking a strip frees it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from mosaico.errors import LimitExceeded, ValidationError
from mosaico.schedule import lns
from mosaico.schedule.check import Violation, violations
from mosaico.schedule.model import Schedule, ScheduleProblem, ShootDay, Status, Strip, Term
from mosaico.screenplay.model import IntExt, TimeOfDay
from mosaico.services import schedule as schedules

#: A board names each strip once; more than this is not a schedule anyone could drag.
MAX_STRIPS = 20_000
#: Empty shooting dates shown after the wrap, to drag strips onto.
SPARE_DAYS = 3


@dataclass(frozen=True, slots=True)
class BoardStrip:
    key: str
    episode: int
    scene: str  # the scene number as printed ("12A", or "#7" when unnumbered)
    set_name: str
    location: str
    city: str
    int_ext: str
    time: str
    eighths: int
    hours: float
    script_day: int
    cast: tuple[str, ...]  # names, as the call sheet prints them
    locked: bool

    @property
    def colour(self) -> str:
        """INT/DAY white, EXT/DAY yellow, INT/NIGHT blue, EXT/NIGHT green (CSS class)."""
        place = {"EXT": "ext", "INT/EXT": "ie"}.get(self.int_ext, "int")
        try:
            night = TimeOfDay(self.time) in (TimeOfDay.NIGHT, TimeOfDay.EVENING)
        except ValueError:
            night = False
        return f"strip-{place}-{'night' if night else 'day'}"


@dataclass(frozen=True, slots=True)
class Banner:
    kind: str  # holiday | day_off | hiatus | travel | move
    text: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class BoardDay:
    date: date
    number: int  # 1.. among the days with strips; 0 for an empty date
    strips: tuple[BoardStrip, ...]
    banners_before: tuple[Banner, ...]  # what the calendar holds since the previous date

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.strips)

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.strips)


@dataclass(frozen=True, slots=True)
class Board:
    production: str
    version: schedules.ScheduleVersionInfo
    days: tuple[BoardDay, ...]
    shoot_days: int
    max_hours: float
    target_eighths: int
    violations: tuple[Violation, ...]

    @property
    def locked(self) -> tuple[str, ...]:
        return tuple(s.key for day in self.days for s in day.strips if s.locked)

    def problems(self, key: str) -> tuple[str, ...]:
        """What the stored board breaks around strip ``key`` (normally nothing)."""
        return tuple(v.text for v in self.violations if key in v.strips)

    def day_breaks_rules(self, when: date) -> bool:
        return any(v.date == when for v in self.violations)


@dataclass(frozen=True, slots=True)
class Check:
    """A rearranged board, judged: the rules it breaks and what it costs."""

    violations: tuple[Violation, ...]
    cost: Mapping[Term, int]
    total_cost: int
    lower_bound: int
    days: tuple[tuple[date, int, float], ...]  # date, eighths, hours of each day with strips


# --- reading a board ------------------------------------------------------------------


def _strip(problem: ScheduleProblem, strip: Strip, locked: bool) -> BoardStrip:
    names = {c.id: c.name for c in problem.cast}
    cities = {loc.id: loc.city for loc in problem.locations}
    _, _, scene = strip.scene_id.partition("-")
    return BoardStrip(
        key=strip.scene_id,
        episode=strip.episode,
        scene=scene or strip.scene_id,
        set_name=strip.set_name,
        location=strip.location,
        city=cities.get(strip.location, ""),
        int_ext=IntExt(strip.int_ext).value,
        time=TimeOfDay(strip.time).value,
        eighths=strip.eighths,
        hours=round(strip.minutes / 60, 2),
        script_day=strip.script_day,
        cast=tuple(names.get(c, c) for c in strip.cast),
        locked=locked,
    )


def _calendar_banners(problem: ScheduleProblem, after: date | None, day: date) -> list[Banner]:
    """Holidays, custom days off and hiatus ranges between two shooting dates."""
    if after is None:
        return []
    calendar = problem.calendar
    public = calendar.public_holidays(range(after.year, day.year + 1))
    banners: list[Banner] = []
    current = after + timedelta(days=1)
    while current < day:
        hiatus = next(
            (off for off in calendar.days_off if off.end is not None and off.covers(current)), None
        )
        if hiatus is not None:
            end = min(hiatus.end or current, day - timedelta(days=1))
            banners.append(Banner("hiatus", hiatus.reason, current, end))
            current = end + timedelta(days=1)
            continue
        single = next((off for off in calendar.days_off if off.covers(current)), None)
        if single is not None:
            banners.append(Banner("day_off", single.reason, current, current))
        elif current in public:
            banners.append(Banner("holiday", public[current], current, current))
        current += timedelta(days=1)
    return banners


def _released(problem: ScheduleProblem, previous_locks: Sequence[str]) -> ScheduleProblem:
    """``problem`` without the fixed dates an earlier run set for its own locked strips."""
    if not previous_locks:
        return problem
    fixed = {k: d for k, d in problem.rules.fixed_dates.items() if k not in set(previous_locks)}
    return replace(problem, rules=replace(problem.rules, fixed_dates=fixed))


def _locked_problem(
    problem: ScheduleProblem, assignment: Mapping[str, date], locked: Sequence[str]
) -> ScheduleProblem:
    fixed = dict(problem.rules.fixed_dates)
    for key in locked:
        fixed[key] = assignment[key]
    return replace(problem, rules=replace(problem.rules, fixed_dates=fixed))


def _by_location(problem: ScheduleProblem, strips: Sequence[str]) -> tuple[str, ...]:
    """A solver's day in shooting order: the strips of one location together, as the
    company shoots them (a solver only says which day; a hand-made board keeps its order)."""
    where = {s.scene_id: s.location for s in problem.strips}
    first: dict[str, int] = {}
    for i, key in enumerate(strips):
        first.setdefault(where[key], i)
    return tuple(sorted(strips, key=lambda key: first[where[key]]))


def board(session: Session, production: str, number: int | None = None) -> Board:
    """Version ``number`` (the latest when ``None``) laid out as a stripboard."""
    version = schedules.get_version(session, production, number)
    problem = version.problem
    locked = set(version.locked)
    by_key = {s.scene_id: s for s in problem.strips}
    dates = problem.calendar.shoot_dates()
    shot = {day.date: day for day in version.schedule.days}
    last = max(shot, default=None)
    # Shooting dates up to the wrap (idle ones too) and a few spare after it.
    shown = [d for d in dates if last is None or d <= last]
    shown += [d for d in dates if last is not None and d > last][:SPARE_DAYS]
    shown += [d for d in shot if d not in set(shown)]  # a date the calendar no longer has
    days: list[BoardDay] = []
    previous: date | None = None
    number_ = 0
    for when in sorted(shown):
        strips = shot[when].strips if when in shot else ()
        if version.kind != "manual":
            strips = _by_location(problem, strips)
        if strips:
            number_ += 1
        days.append(
            BoardDay(
                date=when,
                number=number_ if strips else 0,
                strips=tuple(_strip(problem, by_key[k], k in locked) for k in strips),
                banners_before=tuple(_calendar_banners(problem, previous, when)),
            )
        )
        previous = when
    assignment = {k: day.date for day in version.schedule.days for k in day.strips}
    found = violations(problem, assignment)
    return Board(
        production=production,
        version=version,
        days=tuple(days),
        shoot_days=number_,
        max_hours=problem.rules.max_hours_per_day,
        target_eighths=problem.rules.target_eighths_per_day,
        violations=tuple(found),
    )


# --- checking and saving a rearranged board -----------------------------------------


def _read_days(
    problem: ScheduleProblem, days: Sequence[tuple[str, Sequence[str]]]
) -> tuple[dict[str, date], list[tuple[date, list[str]]]]:
    """The page's days (ISO date, strip keys in order), each strip once, on a shooting date."""
    keys = {s.scene_id for s in problem.strips}
    total = sum(len(strips) for _, strips in days)
    if total > MAX_STRIPS or len(days) > MAX_STRIPS:
        raise LimitExceeded(f"{total} strips on {len(days)} days; a board holds {MAX_STRIPS}")
    dates = set(problem.calendar.shoot_dates())
    assignment: dict[str, date] = {}
    ordered: list[tuple[date, list[str]]] = []
    for row, (text, strips) in enumerate(days, start=1):
        try:
            when = date.fromisoformat(text)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"days[{row}].date", f"{str(text)[:40]!r} is not a date") from exc
        if strips and when not in dates:
            raise ValidationError(
                f"days[{row}].date", f"{when.isoformat()} is not a shooting date of this calendar"
            )
        for key in strips:
            if key not in keys:
                raise ValidationError(f"days[{row}].strips", f"no strip {str(key)[:40]!r} here")
            if key in assignment:
                raise ValidationError(f"days[{row}].strips", f"strip {key!r} is on the board twice")
            assignment[key] = when
        ordered.append((when, list(strips)))
    missing = sorted(keys - set(assignment))
    if missing:
        shown = ", ".join(missing[:5]) + ("…" if len(missing) > 5 else "")
        raise ValidationError("days", f"{len(missing)} strips are off the board: {shown}")
    return assignment, ordered


def _board_problem(
    version: schedules.ScheduleVersionInfo, assignment: Mapping[str, date], locked: Sequence[str]
) -> ScheduleProblem:
    keys = {s.scene_id for s in version.problem.strips}
    for key in locked:
        if key not in keys:
            raise ValidationError("locked", f"no strip {str(key)[:40]!r} here")
    problem = _released(version.problem, version.locked)
    return _locked_problem(problem, assignment, locked)


def _schedule(
    problem: ScheduleProblem,
    ordered: Sequence[tuple[date, Sequence[str]]],
    assignment: Mapping[str, date],
    lower_bound: int,
) -> Schedule:
    """The board as a ``Schedule``: cost recounted, each day's strips in the board's order."""
    dates = tuple(sorted(set(problem.calendar.shoot_dates()) | set(assignment.values())))
    index = {when: d for d, when in enumerate(dates)}
    counted = lns.to_schedule(
        problem,
        dates,
        {k: index[when] for k, when in assignment.items()},
        lower_bound=lower_bound,
        seconds=0.0,
    )
    order = {when: list(strips) for when, strips in ordered}
    days: list[ShootDay] = [
        replace(day, strips=tuple(k for k in order.get(day.date, day.strips) if k in day.strips))
        for day in counted.days
    ]
    bound = min(lower_bound, counted.total_cost)
    status = Status.OPTIMAL if bound == counted.total_cost else Status.FEASIBLE
    return replace(counted, days=tuple(days), lower_bound=bound, status=status)


def _bound(version: schedules.ScheduleVersionInfo, problem: ScheduleProblem) -> int:
    """A proven lower bound for ``problem``: the version's own when the rules are the same."""
    if problem == version.problem:
        return version.lower_bound
    return lns.relaxation_bound(problem, problem.calendar.shoot_dates())


def check(
    session: Session,
    production: str,
    number: int,
    days: Sequence[tuple[str, Sequence[str]]],
    locked: Sequence[str] = (),
) -> Check:
    """The hard rules the rearranged board breaks, and its cost, against version ``number``."""
    version = schedules.get_version(session, production, number)
    assignment, ordered = _read_days(version.problem, days)
    problem = _board_problem(version, assignment, locked)
    found = violations(problem, assignment)
    result = _schedule(problem, ordered, assignment, _bound(version, problem))
    return Check(
        violations=tuple(found),
        cost=dict(result.cost),
        total_cost=result.total_cost,
        lower_bound=result.lower_bound,
        days=tuple((day.date, day.eighths, day.hours) for day in result.days),
    )


def save_manual(
    session: Session,
    production: str,
    number: int,
    days: Sequence[tuple[str, Sequence[str]]],
    locked: Sequence[str] = (),
    label: str = "",
) -> schedules.ScheduleVersionInfo:
    """Keep the rearranged board as a new version (kind ``manual``) made from version ``number``.

    A board that breaks a hard rule is refused, naming the rules: a stored
    version always keeps every rule.
    """
    version = schedules.get_version(session, production, number)
    assignment, ordered = _read_days(version.problem, days)
    problem = _board_problem(version, assignment, locked)
    found = violations(problem, assignment)
    if found:
        listed = "; ".join(v.text for v in found[:3]) + ("…" if len(found) > 3 else "")
        raise ValidationError("days", f"the board breaks {len(found)} rule(s): {listed}")
    result = _schedule(problem, ordered, assignment, _bound(version, problem))
    return schedules.save_version(
        session,
        production,
        problem,
        result,
        kind="manual",
        label=label or f"edited from version {number}",
        parent=number,
        locked=tuple(dict.fromkeys(locked)),
    )
