"""Replanning a schedule after something happens on the shoot.

An *event* — a suspension, an actor unavailable, a location lost, a strike
day, a split of the remaining days into reduced units — changes the problem
(``apply_event``). ``replan`` then keeps what is shot (every strip on a day
before ``today`` stays where it is), carries the rest of the current schedule
through the event (a suspension slides the remaining days past its end; the
other events leave dates alone), finds the strips the event displaces (those
whose expected date now breaks a rule) and re-places only those: first into
the room left on nearby days and the days after the wrap, with everything
else pinned; only when that fails are the nearby days freed too, then every
remaining day. Each strip moved off its expected date is charged
``stability.STABILITY_WEIGHT``, and the answer reports the stability figure
(see ``stability``) next to the cost before and after.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from mosaico.errors import ScheduleError, ValidationError
from mosaico.schedule import lns
from mosaico.schedule.model import (
    NIGHT_WRAP_HOUR,
    Calendar,
    DayOff,
    Location,
    Rules,
    Schedule,
    ScheduleProblem,
    Strip,
)
from mosaico.schedule.stability import STABILITY_WEIGHT, Stability, stability
from mosaico.schedule.units import UnitPlan, UnitSpec, solve_units, unit_problem

# Health protocols after a suspension (the pandemic restart): at most this many
# cast and background on set in a day, when the model has such a rule.
HEALTH_HEADCOUNT = 40
# Reduced units of a split: what a small crew can shoot in one scene.
SMALL_UNIT_BACKGROUND = 10
SMALL_UNIT_CAST = 4
# Repair windows: shoot days either side of a displaced strip's expected day.
NEAR_DAYS = (5, 15)
POLISH_SHARE = 0.2  # of the time limit, for neighbourhood moves after the repair


@dataclass(frozen=True, slots=True)
class Suspension:
    """No shooting from ``start`` to ``end``; the rest resumes after, optionally under protocols."""

    start: date
    end: date
    health_protocols: bool = False


@dataclass(frozen=True, slots=True)
class ActorUnavailable:
    cast_id: str
    dates: frozenset[date]


@dataclass(frozen=True, slots=True)
class LocationLost:
    """The location cannot be used from ``from_date``; its later scenes go to ``replacement``."""

    location_id: str
    from_date: date
    replacement: str | None = None  # a location id; None: a stand-in in the same city


@dataclass(frozen=True, slots=True)
class StrikeDay:
    day: date


@dataclass(frozen=True, slots=True)
class SplitUnits:
    """From ``from_date`` the remaining scenes are shot by ``units`` at once."""

    from_date: date
    units: tuple[UnitSpec, ...]
    advance_unit: bool = False


Event = Suspension | ActorUnavailable | LocationLost | StrikeDay | SplitUnits


@dataclass(frozen=True, slots=True)
class Replan:
    event: Event
    problem: ScheduleProblem  # the problem after the event
    schedule: Schedule  # the company's schedule (with units: the days before the split)
    units: UnitPlan | None
    stability: Stability
    cost_before: int  # the current schedule, priced by the problem before the event
    moved: tuple[tuple[str, date | None, date], ...]  # scene, expected date, new date
    changed_days: tuple[date, ...]  # dates whose strips differ from the current schedule
    explanation: tuple[str, ...]
    seconds: float

    @property
    def cost_after(self) -> int:
        units = self.units.total_cost if self.units is not None else 0
        return self.schedule.total_cost + units


def describe(event: Event) -> str:
    """The event in a 1st AD's words."""
    match event:
        case Suspension(start, end, protocols):
            extra = ", restart under health protocols" if protocols else ""
            return f"suspension from {start} to {end}{extra}"
        case ActorUnavailable(cast_id, dates):
            shown = ", ".join(d.isoformat() for d in sorted(dates))
            return f"cast {cast_id} unavailable on {shown}"
        case LocationLost(location_id, from_date, replacement):
            instead = f", replaced by {replacement}" if replacement else ""
            return f"location {location_id} lost from {from_date}{instead}"
        case StrikeDay(day):
            return f"strike on {day}"
        case SplitUnits(from_date, units, advance):
            names = ", ".join(u.name for u in units)
            return f"split into {len(units)} units from {from_date} ({names})" + (
                " with an advance unit" if advance else ""
            )
    raise ValidationError("event", f"unknown event {event!r}")


# Events as plain data, for storage and the API -----------------------------------


def event_to_dict(event: Event) -> dict[str, Any]:
    match event:
        case Suspension(start, end, protocols):
            return {
                "kind": "suspension",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "health_protocols": protocols,
            }
        case ActorUnavailable(cast_id, dates):
            days = [d.isoformat() for d in sorted(dates)]
            return {"kind": "actor-unavailable", "cast": cast_id, "dates": days}
        case LocationLost(location_id, from_date, replacement):
            return {
                "kind": "location-lost",
                "location": location_id,
                "from": from_date.isoformat(),
                "replacement": replacement,
            }
        case StrikeDay(day):
            return {"kind": "strike", "date": day.isoformat()}
        case SplitUnits(from_date, units, advance):
            return {
                "kind": "split-units",
                "from": from_date.isoformat(),
                "advance_unit": advance,
                "units": [
                    {
                        "name": u.name,
                        "crew_size": u.crew_size,
                        "max_background": u.max_background,
                        "max_cast": u.max_cast,
                        "cities": sorted(u.cities),
                        "advance": u.advance,
                    }
                    for u in units
                ],
            }
    raise ValidationError("event", f"unknown event {event!r}")


def _date(data: Mapping[str, Any], key: str) -> date:
    value = data.get(key)
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(f"event.{key}", f"expected a date YYYY-MM-DD, got {value!r}") from exc


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event stored by ``event_to_dict``; ``ValidationError`` naming the bad field."""
    kind = data.get("kind")
    if kind == "suspension":
        return Suspension(
            _date(data, "start"), _date(data, "end"), bool(data.get("health_protocols", False))
        )
    if kind == "actor-unavailable":
        days = data.get("dates")
        if not isinstance(days, list) or not days:
            raise ValidationError("event.dates", "a list of one or more dates")
        parsed = frozenset(_date({"dates": d}, "dates") for d in days)
        return ActorUnavailable(str(data.get("cast", "")), parsed)
    if kind == "location-lost":
        replacement = data.get("replacement")
        return LocationLost(
            str(data.get("location", "")),
            _date(data, "from"),
            str(replacement) if replacement else None,
        )
    if kind == "strike":
        return StrikeDay(_date(data, "date"))
    if kind == "split-units":
        raw = data.get("units")
        if not isinstance(raw, list) or not raw:
            raise ValidationError("event.units", "a list of one or more units")
        units = tuple(
            UnitSpec(
                name=str(u.get("name", f"unit {i + 1}")),
                crew_size=u.get("crew_size"),
                max_background=u.get("max_background"),
                max_cast=u.get("max_cast"),
                cities=frozenset(u.get("cities") or ()),
                advance=bool(u.get("advance", False)),
            )
            for i, u in enumerate(raw)
        )
        return SplitUnits(_date(data, "from"), units, bool(data.get("advance_unit", False)))
    raise ValidationError(
        "event.kind",
        f"one of suspension, actor-unavailable, location-lost, strike, split-units; got {kind!r}",
    )


# Applying an event -----------------------------------------------------------------


def _first_date(event: Event) -> date:
    match event:
        case Suspension(start, _, _):
            return start
        case ActorUnavailable(_, dates):
            return min(dates)
        case LocationLost(_, from_date, _) | SplitUnits(from_date, _, _):
            return from_date
        case StrikeDay(day):
            return day
    raise ValidationError("event", f"unknown event {event!r}")


def _check_event(problem: ScheduleProblem, event: Event, today: date) -> None:
    if isinstance(event, ActorUnavailable) and not event.dates:
        raise ValidationError("event.dates", "at least one date")
    first = _first_date(event)
    if first < today:
        raise ValidationError(
            "event", f"{first} is before today ({today}); what is shot stays shot"
        )
    if isinstance(event, Suspension) and event.end < event.start:
        raise ValidationError("event.end", f"{event.end} is before the start {event.start}")
    if isinstance(event, ActorUnavailable) and event.cast_id not in {c.id for c in problem.cast}:
        raise ValidationError("event.cast", f"no cast member {event.cast_id!r}")
    if isinstance(event, LocationLost):
        places = {loc.id for loc in problem.locations}
        if event.location_id not in places:
            raise ValidationError("event.location", f"no location {event.location_id!r}")
        if event.replacement is not None and event.replacement == event.location_id:
            raise ValidationError("event.replacement", "must differ from the location lost")
    if isinstance(event, SplitUnits) and not event.units:
        raise ValidationError("event.units", "at least one unit")


def _health_rules(problem: ScheduleProblem) -> tuple[Rules, str]:
    """Rules with the headcount cap switched on, and a line saying what was done.

    The cap never goes below the biggest single scene, which could not be shot at all.
    """
    rules = problem.rules
    biggest = max(problem.strips, key=lambda s: len(s.cast) + s.background, default=None)
    crowd = len(biggest.cast) + biggest.background if biggest is not None else 0
    current = rules.max_headcount_per_day
    wanted = HEALTH_HEADCOUNT if current is None else min(current, HEALTH_HEADCOUNT)
    cap = max(wanted, crowd)
    changed = replace(rules, max_headcount_per_day=cap)
    note = f"health protocols: at most {cap} cast and background on set a day"
    if biggest is not None and cap > wanted:
        note += f" (not {wanted}: scene {biggest.scene_id} alone has {crowd})"
    return changed, note


def apply_event(
    problem: ScheduleProblem, event: Event, current: Mapping[str, date]
) -> tuple[ScheduleProblem, list[str]]:
    """The problem after ``event``, and lines saying what changed.

    ``current`` (scene id -> date) says which scenes of a lost location are
    still to shoot there before it goes.
    """
    notes: list[str] = []
    calendar = problem.calendar
    match event:
        case Suspension(start, end, protocols):
            off = DayOff(start, "suspension", end=end)
            problem = replace(problem, calendar=_with_day_off(calendar, off))
            if protocols:
                rules, note = _health_rules(problem)
                problem = replace(problem, rules=rules)
                notes.append(note)
        case StrikeDay(day):
            off = DayOff(day, "strike")
            problem = replace(problem, calendar=_with_day_off(calendar, off))
        case ActorUnavailable(cast_id, dates):
            cast = tuple(
                replace(c, unavailable=c.unavailable | dates) if c.id == cast_id else c
                for c in problem.cast
            )
            problem = replace(problem, cast=cast)
        case LocationLost(location_id, from_date, replacement):
            problem = _lose_location(problem, location_id, from_date, replacement, current)
            notes.append(f"scenes at {location_id} from {from_date} move to the replacement")
        case SplitUnits():
            # The problem itself stays: ``replan`` deals the remaining strips to the
            # units (``_split``), each with its own calendar.
            pass
    return problem, notes


def _with_day_off(calendar: Calendar, off: DayOff) -> Calendar:
    return replace(calendar, days_off=(*calendar.days_off, off))


def _lose_location(
    problem: ScheduleProblem,
    location_id: str,
    from_date: date,
    replacement: str | None,
    current: Mapping[str, date],
) -> ScheduleProblem:
    lost = next(loc for loc in problem.locations if loc.id == location_id)
    last = max(problem.calendar.shoot_dates()[-1], from_date) + timedelta(days=366)
    gone = frozenset(from_date + timedelta(days=n) for n in range((last - from_date).days + 1))
    places = [
        replace(loc, unavailable=loc.unavailable | gone) if loc is lost else loc
        for loc in problem.locations
    ]
    new_id = replacement or f"{location_id} (replacement)"
    if new_id not in {loc.id for loc in places}:
        places.append(
            Location(id=new_id, city=lost.city, latitude=lost.latitude, longitude=lost.longitude)
        )
    strips = tuple(
        replace(s, location=new_id)
        if s.location == location_id and current.get(s.scene_id, from_date) >= from_date
        else s
        for s in problem.strips
    )
    return replace(problem, strips=strips, locations=tuple(places))


def _expected(
    event: Event,
    old_dates: tuple[date, ...],
    new_dates: tuple[date, ...],
    current: Mapping[str, date],
) -> dict[str, date]:
    """The current schedule carried through the event: a suspension slides the days after it."""
    if not isinstance(event, Suspension):
        return dict(current)
    slide = dict(zip(old_dates, new_dates, strict=False))
    return {s: (slide.get(d, d) if d >= event.start else d) for s, d in current.items()}


# Replanning --------------------------------------------------------------------------


def replan(
    problem: ScheduleProblem,
    current: Schedule,
    event: Event,
    today: date,
    *,
    time_limit: float = 10.0,
    stability_weight: int = STABILITY_WEIGHT,
) -> Replan:
    """The schedule after ``event``, keeping what is shot and as much of the rest as it can.

    Raises ``ValidationError`` for an event in the past or naming unknown cast
    or locations, and ``ScheduleError`` when the remaining scenes cannot be
    placed at all (the message says how many).
    """
    if time_limit <= 0:
        raise ScheduleError(f"the time limit must be positive, got {time_limit}")
    started = time.perf_counter()
    _check_event(problem, event, today)
    current_dates = {s: day.date for day in current.days for s in day.strips}
    old_dates = problem.calendar.shoot_dates()
    before = _price(problem, old_dates, current_dates)
    after, notes = apply_event(problem, event, current_dates)
    dates = after.calendar.shoot_dates()
    index = {when: d for d, when in enumerate(dates)}
    scenes = {s.scene_id for s in after.strips}
    shot = {s for s, when in current_dates.items() if when < today and s in scenes}
    for scene in shot:
        if current_dates[scene] not in index:
            raise ScheduleError(
                f"scene {scene} was shot on {current_dates[scene]}, which is not a shoot date "
                "of the calendar; fix the calendar before replanning"
            )
    expected = {
        s: when
        for s, when in _expected(event, old_dates, dates, current_dates).items()
        if s in scenes
    }
    earliest = next((d for d, when in enumerate(dates) if when >= today), len(dates))
    explanation = [describe(event), *notes, f"{len(shot)} scenes already shot stay as shot"]
    if isinstance(event, SplitUnits):
        return _split(
            after, current, event, today, expected, shot, before, explanation, started, time_limit
        )
    wanted = {s: index[when] for s, when in expected.items() if when in index}
    displaced = _displaced(after, dates, wanted, shot, earliest)
    placed = {s: d for s, d in wanted.items() if s not in displaced}
    explanation.append(f"{len(displaced)} scenes displaced by the event")
    deadline = started + time_limit
    anchors = {s: min(wanted[s], len(dates) - 1) for s in displaced if s in wanted}
    placed = _repair(
        after, dates, placed, displaced, anchors, shot, earliest, deadline, explanation
    )
    # A short polish: most of what it could gain would cost stability.
    polish = min(deadline - time.perf_counter(), time_limit * POLISH_SHARE)
    if polish > 0.5:
        placed = lns.improve(
            after,
            placed,
            time_limit=polish,
            dates=dates,
            earliest=earliest,
            frozen=shot,
            stay={s: d for s, d in wanted.items() if s not in shot},
            stability_weight=stability_weight,
        )
    new_dates = {s: dates[d] for s, d in placed.items()}
    figure = stability(expected, new_dates, affected=displaced, shot=shot)
    schedule = lns.to_schedule(
        after,
        dates,
        placed,
        lower_bound=lns.relaxation_bound(after, dates),
        seconds=time.perf_counter() - started,
    )
    return _finish(
        event,
        after,
        schedule,
        None,
        figure,
        before,
        expected,
        new_dates,
        current_dates,
        explanation,
        started,
    )


def _price(problem: ScheduleProblem, dates: tuple[date, ...], placed: Mapping[str, date]) -> int:
    index = {when: d for d, when in enumerate(dates)}
    by_index = {s: index[when] for s, when in placed.items() if when in index}
    if any(s.scene_id not in by_index for s in problem.strips):
        return 0  # the current schedule does not fit this problem; no fair price
    return lns.total_cost(problem, dates, by_index)


def _displaced(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    wanted: Mapping[str, int],
    shot: set[str],
    earliest: int,
) -> set[str]:
    """Strips whose expected day breaks a rule after the event, or that have no day."""
    out = {s.scene_id for s in problem.strips if s.scene_id not in wanted}
    out |= {s for s, d in wanted.items() if d < earliest and s not in shot}
    for broken in lns.broken_rules(problem, dates, wanted, ignore=shot):
        out |= {s for s in broken.strips if s not in shot}
    # A rule broken by a whole day (too long, too many moves): free only what the event brought.
    return out


def _repair(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: dict[str, int],
    displaced: set[str],
    anchors: Mapping[str, int],
    shot: set[str],
    earliest: int,
    deadline: float,
    explanation: list[str],
) -> dict[str, int]:
    """Place the displaced strips, freeing as little of the schedule as it takes."""
    if not displaced:
        return placed
    blocked = {placed[s] for s in shot}
    movable = [d for d in range(earliest, len(dates)) if d not in blocked]
    wrap = max((d for d in placed.values()), default=earliest - 1)
    tail = [d for d in movable if d > wrap][: len(displaced) + 2]
    hints = sorted(set(anchors.values())) or [wrap]
    tries: list[tuple[str, list[int], bool]] = []
    for near in NEAR_DAYS:
        days = sorted({d for d in movable for a in hints if abs(d - a) <= near} | set(tail))
        tries.append((f"placed within {near} shoot days, everything else unmoved", days, True))
    near = NEAR_DAYS[0]
    days = sorted({d for d in movable for a in hints if abs(d - a) <= near} | set(tail))
    tries.append((f"nearby days ({near} either side) reshuffled", days, False))
    tries.append(("every remaining day reshuffled", movable, False))
    for number, (label, days, pin) in enumerate(tries):
        left = deadline - time.perf_counter()
        if left <= 0.2:
            break
        if number == 1:
            # Many displaced scenes (a day over a new cap) drown CP-SAT: place them one by one.
            inserted = _insert(problem, dates, placed, displaced, anchors, movable)
            if inserted is not None and not lns.broken_rules(problem, dates, inserted, ignore=shot):
                explanation.append("displaced scenes put on the nearest days with room")
                return inserted
            left = deadline - time.perf_counter()
        chosen = set(days)
        on_days = {s for s, d in placed.items() if d in chosen and s not in shot}
        free = displaced | (set() if pin else on_days)
        pinned = on_days - free
        found = lns.solve_days(
            problem,
            dates,
            placed,
            chosen,
            free=free,
            pinned=pinned,
            time_limit=max(0.5, left / (3 if number == 0 else 2)),
        )
        if found is not None and not lns.broken_rules(problem, dates, found, ignore=shot):
            explanation.append(f"displaced scenes {label}")
            return found
    raise ScheduleError(
        f"{len(displaced)} displaced scenes could not be placed in the time left; "
        "give the replan more time or add shoot days"
    )


def _insert(
    problem: ScheduleProblem,
    dates: tuple[date, ...],
    placed: Mapping[str, int],
    displaced: set[str],
    anchors: Mapping[str, int],
    movable: list[int],
) -> dict[str, int] | None:
    """Each displaced strip on the nearest movable day with room under the day's rules.

    Checks what one day decides (hours, moves, availability, fixed dates, the
    headcount cap); the caller checks the whole schedule. ``None`` when a
    strip fits nowhere.
    """
    rules = problem.rules
    strips = {s.scene_id: s for s in problem.strips}
    cast = {m.id: m for m in problem.cast}
    places = {p.id: p for p in problem.locations}
    out = dict(placed)
    by_day: dict[int, list[Strip]] = defaultdict(list)
    for scene, d in placed.items():
        by_day[d].append(strips[scene])
    wrap = max(placed.values(), default=0)
    cap = rules.max_headcount_per_day

    def fits(strip: Strip, d: int) -> bool:
        day, when = by_day[d], dates[d]
        if sum(s.minutes for s in day) + strip.minutes > rules.max_minutes_per_day:
            return False
        if len({s.location for s in day} | {strip.location}) - 1 > rules.max_company_moves_per_day:
            return False
        if rules.fixed_dates.get(strip.scene_id, when) != when:
            return False
        if when in places[strip.location].unavailable:
            return False
        if any(when in cast[c].unavailable for c in strip.cast):
            return False
        if cap is not None:
            people = len({c for s in [*day, strip] for c in s.cast})
            if people + sum(s.background for s in [*day, strip]) > cap:
                return False
        return rested(strip, d)

    def rested(strip: Strip, d: int) -> bool:
        """Turnaround with the days either side, as ``check`` counts it."""
        mine = set(strip.cast)
        if d > 0:
            gap = (dates[d] - dates[d - 1]).days * 24 + strip.call_hour - NIGHT_WRAP_HOUR
            if gap < rules.turnaround_hours and any(
                s.is_night and mine & set(s.cast) for s in by_day[d - 1]
            ):
                return False
        if strip.is_night and d + 1 < len(dates):
            gap = (dates[d + 1] - dates[d]).days * 24 - NIGHT_WRAP_HOUR
            if any(
                mine & set(s.cast) and gap + s.call_hour < rules.turnaround_hours
                for s in by_day[d + 1]
            ):
                return False
        return True

    for scene in sorted(displaced, key=lambda s: (anchors.get(s, wrap), s)):
        strip, anchor = strips[scene], anchors.get(scene, wrap)
        day = next(
            (d for d in sorted(movable, key=lambda d: (abs(d - anchor), d)) if fits(strip, d)), None
        )
        if day is None:
            return None
        out[scene] = day
        by_day[day].append(strip)
    return out


def _split(
    problem: ScheduleProblem,
    current: Schedule,
    event: SplitUnits,
    today: date,
    expected: Mapping[str, date],
    shot: set[str],
    before: int,
    explanation: list[str],
    started: float,
    time_limit: float,
) -> Replan:
    """Days before the split stay; the scenes from ``from_date`` on go to the units."""
    dates = problem.calendar.shoot_dates()
    index = {when: d for d, when in enumerate(dates)}
    keep = {s: when for s, when in expected.items() if when < event.from_date and when in index}
    rest = {s.scene_id for s in problem.strips if s.scene_id not in keep}
    remaining_days = len({when for s, when in expected.items() if s in rest}) or 1
    calendar = Calendar(
        start=event.from_date,
        work_days=remaining_days + remaining_days // 4 + 2,
        weekly_days_off=problem.calendar.weekly_days_off,
        country=problem.calendar.country,
        subdivision=problem.calendar.subdivision,
        days_off=problem.calendar.days_off,
    )
    units = tuple(
        u if u.calendar is not None else replace(u, calendar=calendar) for u in event.units
    )
    if event.advance_unit and not any(u.advance and u.cities for u in units):
        explanation.append(
            "no advance unit: the remaining scenes are all in one city "
            "(or their locations have no city)"
        )
    main = unit_problem(problem, UnitSpec("company"), set(keep), {})
    left = max(1.0, time_limit - (time.perf_counter() - started))

    def solver(sub: ScheduleProblem, seconds: float) -> Schedule:
        return lns.solve_any(sub, time_limit=seconds)

    remaining = unit_problem(problem, UnitSpec("remaining"), rest, {})
    plan = solve_units(remaining, units, time_limit=left, solver=solver)
    main_dates = main.calendar.shoot_dates()
    schedule = lns.to_schedule(
        main,
        main_dates,
        {s: {w: d for d, w in enumerate(main_dates)}[when] for s, when in keep.items()},
        lower_bound=0,
        seconds=time.perf_counter() - started,
    )
    new_dates = dict(keep)
    for unit in plan.units:
        for day in unit.schedule.days:
            for scene in day.strips:
                new_dates[scene] = day.date
        explanation.append(
            f"{unit.unit.name}: {sum(len(d.strips) for d in unit.schedule.days)} scenes "
            f"in {len(unit.schedule.days)} days"
        )
    figure = stability(expected, new_dates, affected=rest, shot=shot)
    return _finish(
        event,
        problem,
        schedule,
        plan,
        figure,
        before,
        expected,
        new_dates,
        {s: day.date for day in current.days for s in day.strips},
        explanation,
        started,
    )


def _finish(
    event: Event,
    problem: ScheduleProblem,
    schedule: Schedule,
    units: UnitPlan | None,
    figure: Stability,
    before: int,
    expected: Mapping[str, date],
    new_dates: Mapping[str, date],
    current_dates: Mapping[str, date],
    explanation: list[str],
    started: float,
) -> Replan:
    moved = tuple(
        (s, expected.get(s), when)
        for s, when in sorted(new_dates.items())
        if expected.get(s) != when
    )
    changed = {when for s, when in new_dates.items() if current_dates.get(s) != when}
    changed |= {when for s, when in current_dates.items() if new_dates.get(s) != when}
    explanation.append(
        f"stability: {figure.unchanged_days} of {figure.unaffected_days} unaffected days "
        f"unchanged ({figure.share:.0%}); {len(figure.moved_strips)} scenes off their expected date"
    )
    result = Replan(
        event=event,
        problem=problem,
        schedule=schedule,
        units=units,
        stability=figure,
        cost_before=before,
        moved=moved,
        changed_days=tuple(sorted(changed)),
        explanation=tuple(explanation),
        seconds=time.perf_counter() - started,
    )
    return replace(result, explanation=(*result.explanation, _cost_line(result)))


def _cost_line(result: Replan) -> str:
    change = result.cost_after - result.cost_before
    return f"cost {result.cost_before:,} -> {result.cost_after:,} ({change:+,})"


def ghost_units(
    problem: ScheduleProblem, current: Schedule, from_date: date, count: int, advance: bool
) -> tuple[UnitSpec, ...]:
    """The reference production's "ghost plan": ``count`` reduced units from ``from_date``.

    The first keeps a full crew for crowd scenes; the others are small (at most
    ``SMALL_UNIT_BACKGROUND`` background, ``SMALL_UNIT_CAST`` cast in a scene).
    With ``advance``, the last unit goes ahead to the next city — the city of
    the last scenes still to shoot when it differs from where the company is.
    """
    if not 1 <= count <= 10:
        raise ValidationError("units", f"between 1 and 10 units, got {count}")
    city = {loc.id: loc.city for loc in problem.locations}
    strips = {s.scene_id: s for s in problem.strips}
    ahead = [
        city[strips[s].location]
        for day in current.days
        if day.date >= from_date
        for s in day.strips
        if s in strips
    ]
    units = [UnitSpec("main unit")]
    for n in range(2, count + 1):
        units.append(
            UnitSpec(f"unit {n}", max_background=SMALL_UNIT_BACKGROUND, max_cast=SMALL_UNIT_CAST)
        )
    if advance and count >= 2 and ahead and ahead[-1] != ahead[0]:
        units[-1] = replace(
            units[-1], name="advance unit", cities=frozenset({ahead[-1]}), advance=True
        )
    return tuple(units)
