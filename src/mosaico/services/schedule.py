"""Shooting schedules: the setup a production solves under, solving, and the versions kept.

The pure solver (``schedule.cpsat``) never sees the store. Here the stored
scenes and characters become a ``ScheduleProblem`` (``build_problem``), a
solve runs outside any transaction (``solve_schedule`` reads in one, solves,
saves in another, so a long solve holds no lock), and every result is kept
as a numbered ``ScheduleVersion`` with the problem it was solved from.

Strips are keyed by ``strip_key`` (episode and scene number), never by
database ids: a new draft of a script replaces the scene rows, but scene
``2-12A`` stays ``2-12A``, so versions, locks and fixed dates survive it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import holidays as holidays_lib
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mosaico.errors import (
    Conflict,
    Infeasible,
    LimitExceeded,
    NotFound,
    ScheduleError,
    ValidationError,
)
from mosaico.schedule import cpsat, lns
from mosaico.schedule import serialize as ser
from mosaico.schedule.first_fit import first_fit
from mosaico.schedule.model import (
    Calendar,
    CastMember,
    Location,
    Rules,
    Schedule,
    ScheduleProblem,
    Status,
    Strip,
    Term,
    Weights,
)
from mosaico.screenplay.model import IntExt, TimeOfDay
from mosaico.screenplay.names import character_key
from mosaico.services.context import Workspace
from mosaico.services.productions import get_or_raise as get_production
from mosaico.services.scripts import current_versions
from mosaico.store.tables import (
    Character,
    Element,
    Episode,
    Scene,
    SceneCharacter,
    ScheduleSetup,
    ScheduleVersion,
    Tag,
)

#: The longest solve a request may ask for, in seconds (longer runs are background jobs).
MAX_TIME_LIMIT = 600.0
KINDS = ("solve", "replan", "manual")
#: What a day of a character's time costs when the setup does not say.
DEFAULT_COST_PER_DAY = 2_000
#: Calendar shoot days offered over what the pages need, as a share, when not set.
SLACK_SHARE = 0.3
#: Breakdown categories a strip carries to the solver: they decide what a day needs.
DAY_SHAPING_CATEGORIES = (
    "vehicles",
    "animals",
    "stunts",
    "special_effects",
    "mechanical_fx",
    "special_equipment",
)
#: A set named "CASA DE LOS MEDINA - COCINA" is at location "CASA DE LOS MEDINA".
SET_SEPARATORS = (" - ", " – ", " — ")


def strip_key(episode: int, number: str | None, position: int) -> str:
    """The strip's stable key: ``"2-12A"``, or ``"2-#7"`` for the 7th scene when unnumbered."""
    return f"{episode}-{number}" if number else f"{episode}-#{position}"


def location_of(set_name: str) -> str:
    """The location a set is shot at, when the setup does not say: the heading before " - "."""
    for separator in SET_SEPARATORS:
        if separator in set_name:
            return set_name.split(separator, 1)[0].strip() or set_name
    return set_name or "(no set)"


# --- setup --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetupInfo:
    """The setup as stored (or the defaults), with the version an update must carry.

    ``calendar.start`` and ``calendar.work_days`` may be ``None``: then the
    shoot starts on the Monday after today and the calendar offers the shoot
    days the pages need plus a margin (``SLACK_SHARE``).
    """

    version: int  # 0 while never saved
    calendar: dict[str, Any]
    rules: dict[str, Any]
    weights: dict[str, Any]
    cast: dict[str, Any]  # {"default_cost_per_day": int, "members": {name: {...}}}
    sets: dict[str, Any]  # {set name: {"location", "city", "latitude", "longitude", ...}}

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "calendar": self.calendar,
            "rules": self.rules,
            "weights": self.weights,
            "cast": self.cast,
            "sets": self.sets,
        }


def default_setup() -> SetupInfo:
    return SetupInfo(
        version=0,
        calendar={
            "start": None,
            "work_days": None,
            "weekly_days_off": [5, 6],
            "country": None,
            "subdivision": None,
            "days_off": [],
        },
        rules=ser.rules_to_dict(Rules()),
        weights=ser.weights_to_dict(Weights()),
        cast={"default_cost_per_day": DEFAULT_COST_PER_DAY, "members": {}},
        sets={},
    )


def _setup_row(session: Session, production_id: int) -> ScheduleSetup | None:
    return session.scalar(select(ScheduleSetup).where(ScheduleSetup.production_id == production_id))


def get_setup(session: Session, production: str) -> SetupInfo:
    """The production's schedule setup; the defaults while it was never changed."""
    info = get_production(session=session, name=production)
    row = _setup_row(session, info.id)
    if row is None:
        return default_setup()
    return SetupInfo(
        version=row.version,
        calendar=dict(row.calendar),
        rules=dict(row.rules),
        weights=dict(row.weights),
        cast=dict(row.cast),
        sets=dict(row.sets),
    )


_CALENDAR_KEYS = ("start", "work_days", "weekly_days_off", "country", "subdivision", "days_off")
_CAST_KEYS = ("cost_per_day", "unavailable", "max_consecutive_days")
_SET_KEYS = ("location", "city", "latitude", "longitude", "unavailable")


def _merge(
    current: Mapping[str, Any], changes: Any, allowed: Iterable[str], where: str
) -> dict[str, Any]:
    if not isinstance(changes, Mapping):
        raise ValidationError(where, "expected an object")
    allowed = tuple(allowed)
    merged = dict(current)
    for key, value in changes.items():
        if key not in allowed:
            raise ValidationError(
                f"{where}.{key}", f"unknown; expected one of {', '.join(allowed)}"
            )
        merged[key] = value
    return merged


def _merge_named(
    current: Mapping[str, Any],
    changes: Any,
    allowed: Iterable[str],
    where: str,
    same: Callable[[str], str] = str.strip,
) -> dict[str, Any]:
    """Entries by name: a change merges into the entry, ``None`` removes it.

    Names that ``same`` makes equal are one entry ("Abel" and "ABEL" for cast),
    kept under the name first given.
    """
    if not isinstance(changes, Mapping):
        raise ValidationError(where, "expected an object of names")
    merged = dict(current)
    for name, change in changes.items():
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(where, f"a name must be non-empty text, got {name!r:.40}")
        stored = next((given for given in merged if same(given) == same(name)), name.strip())
        if change is None:
            merged.pop(stored, None)
            continue
        merged[stored] = _merge(merged.get(stored, {}), change, allowed, f"{where}.{name}")
    return merged


def update_setup(
    session: Session,
    production: str,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> SetupInfo:
    """Apply ``changes`` (the parts to change, in ``SetupInfo`` shape) and store the setup.

    Sections merge key by key; in ``cast.members`` and ``sets`` an entry merges
    into the one of that name and ``None`` removes it. The whole result is
    checked before anything is stored (``ValidationError`` naming the field).
    ``expected_version`` is the version read (0 for a setup never saved); a
    stale one is a ``Conflict``; ``None`` skips the check.
    """
    info = get_production(session=session, name=production)
    current = get_setup(session, production)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(
            f"the schedule setup is at version {current.version}, not {expected_version}: "
            "someone saved it since you read it; reload and apply your change again"
        )
    if not isinstance(changes, Mapping):
        raise ValidationError("setup", "expected an object")
    sections = ("calendar", "rules", "weights", "cast", "sets")
    for key in changes:
        if key not in (*sections, "version"):
            raise ValidationError(str(key), f"unknown; expected one of {', '.join(sections)}")
    calendar = current.calendar
    if "calendar" in changes:
        calendar = _merge(calendar, changes["calendar"], _CALENDAR_KEYS, "calendar")
    rules = current.rules
    if "rules" in changes:
        rules = _merge(rules, changes["rules"], ser.rules_to_dict(Rules()), "rules")
    weights = current.weights
    if "weights" in changes:
        weights = _merge(weights, changes["weights"], ser.WEIGHT_NAMES, "weights")
    cast = current.cast
    if "cast" in changes:
        cast_changes = changes["cast"]
        if not isinstance(cast_changes, Mapping):
            raise ValidationError("cast", "expected an object")
        cast = _merge(
            cast,
            {k: v for k, v in cast_changes.items() if k != "members"},
            ("default_cost_per_day",),
            "cast",
        )
        if "members" in cast_changes:
            cast["members"] = _merge_named(
                cast.get("members", {}),
                cast_changes["members"],
                _CAST_KEYS,
                "cast.members",
                same=character_key,
            )
    sets = current.sets
    if "sets" in changes:
        sets = _merge_named(sets, changes["sets"], _SET_KEYS, "sets")
    setup = SetupInfo(
        version=current.version,
        calendar=calendar,
        rules=rules,
        weights=weights,
        cast=cast,
        sets=sets,
    )
    _check_setup(setup)
    row = _setup_row(session, info.id)
    if row is None:
        row = ScheduleSetup(production_id=info.id)
        session.add(row)
    row.calendar, row.rules, row.weights = setup.calendar, setup.rules, setup.weights
    row.cast, row.sets = setup.cast, setup.sets
    session.flush()
    return replace(setup, version=row.version)


def _check_setup(setup: SetupInfo) -> None:
    """Every part read as the model reads it, so a bad value fails here, named, not at solve."""
    _calendar(setup, needed_days=1)
    rules = ser.rules_from_dict(setup.rules, "rules")
    # The model checks these only when it is built; a bad setup should fail when saved.
    if not 0 < rules.max_hours_per_day <= 24:
        raise ValidationError("rules.max_hours_per_day", "must be over 0 and at most 24")
    if rules.target_eighths_per_day < 1:
        raise ValidationError("rules.target_eighths_per_day", "must be at least 1")
    if rules.max_company_moves_per_day < 0:
        raise ValidationError("rules.max_company_moves_per_day", "cannot be negative")
    if not 0 <= rules.turnaround_hours <= 48:
        raise ValidationError("rules.turnaround_hours", "must be between 0 and 48")
    ser.weights_from_dict(setup.weights, "weights")
    default = ser.read_int(setup.cast.get("default_cost_per_day"), "cast.default_cost_per_day")
    if default < 0:
        raise ValidationError("cast.default_cost_per_day", "cannot be negative")
    for name in setup.cast.get("members", {}):
        _cast_member(setup, name, name)
    for name in setup.sets:
        _location(setup, name, name)


def _calendar(setup: SetupInfo, needed_days: int) -> Calendar:
    data = setup.calendar
    start = data.get("start")
    if start is None:
        today = date.today()
        start_day = today + timedelta(days=7 - today.weekday())  # the next Monday
    else:
        start_day = ser.read_date(start, "calendar.start")
    work_days = data.get("work_days")
    if work_days is None:
        work_days = needed_days
    full = {**data, "start": start_day.isoformat(), "work_days": work_days}
    for key in _CALENDAR_KEYS:
        full.setdefault(key, default_setup().calendar[key])
    calendar = ser.calendar_from_dict(full, "calendar")
    if calendar.work_days > cpsat.MAX_CELLS:
        raise ValidationError("calendar.work_days", f"at most {cpsat.MAX_CELLS}")
    if calendar.country is not None:
        _check_holidays(calendar.country, calendar.subdivision)
    return calendar


def _check_holidays(country: str, subdivision: str | None) -> None:
    known = holidays_lib.list_supported_countries()
    if country not in known:
        raise ValidationError(
            "calendar.country", f"no public holidays known for {country[:20]!r} (e.g. MX, ES, US)"
        )
    if subdivision is not None and subdivision not in known[country]:
        offered = ", ".join(known[country][:40]) or "none"
        raise ValidationError(
            "calendar.subdivision", f"{country} has no subdivision {subdivision[:20]!r} ({offered})"
        )


def cast_entry(setup: SetupInfo, name: str) -> dict[str, Any]:
    """The setup's entry for a character, matched as cues are (accents and case aside)."""
    wanted = character_key(name)
    for given, value in setup.cast.get("members", {}).items():
        if character_key(given) == wanted:
            return dict(value)
    return {}


def _cast_member(setup: SetupInfo, name: str, member_id: str) -> CastMember:
    default = setup.cast.get("default_cost_per_day", DEFAULT_COST_PER_DAY)
    entry = cast_entry(setup, name)
    where = f"cast.members.{name}"
    cost = ser.read_int(entry.get("cost_per_day", default), f"{where}.cost_per_day")
    if cost < 0:
        raise ValidationError(f"{where}.cost_per_day", "cannot be negative")
    limit = entry.get("max_consecutive_days")
    if limit is not None and (ser.read_int(limit, f"{where}.max_consecutive_days") < 1):
        raise ValidationError(f"{where}.max_consecutive_days", "must be at least 1")
    return CastMember(
        id=member_id,
        name=name,
        cost_per_day=cost,
        unavailable=frozenset(
            ser.read_date(d, f"{where}.unavailable[{i}]")
            for i, d in enumerate(
                ser.read_list(entry.get("unavailable", []), f"{where}.unavailable")
            )
        ),
        max_consecutive_days=limit,
    )


def _location(setup: SetupInfo, set_name: str, default_id: str) -> Location:
    entry = setup.sets.get(set_name, {})
    where = f"sets.{set_name}"
    latitude = ser.read_float(entry.get("latitude", 0.0), f"{where}.latitude")
    longitude = ser.read_float(entry.get("longitude", 0.0), f"{where}.longitude")
    if not -90 <= latitude <= 90:
        raise ValidationError(f"{where}.latitude", "must be between -90 and 90")
    if not -180 <= longitude <= 180:
        raise ValidationError(f"{where}.longitude", "must be between -180 and 180")
    return Location(
        id=ser.read_str(entry.get("location", default_id), f"{where}.location") or default_id,
        city=ser.read_str(entry.get("city", ""), f"{where}.city"),
        latitude=latitude,
        longitude=longitude,
        unavailable=frozenset(
            ser.read_date(d, f"{where}.unavailable[{i}]")
            for i, d in enumerate(
                ser.read_list(entry.get("unavailable", []), f"{where}.unavailable")
            )
        ),
    )


# --- the problem --------------------------------------------------------------------


def _enum_or(kind: type[Any], value: str, fallback: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return fallback


def build_problem(
    session: Session, production: str, episodes: Sequence[int] | None = None
) -> ScheduleProblem:
    """The schedule problem of the current scripts (all episodes, or those listed).

    Every scene not omitted becomes a strip keyed by ``strip_key``; its
    characters are its cast; its set's location comes from the setup, else
    from the set's name. Rules naming strips outside the chosen episodes are
    left out. ``NotFound`` for an episode the production does not have.
    """
    info = get_production(session=session, name=production)
    setup = get_setup(session, production)
    version_ids: list[int] = []
    for number in sorted(set(episodes)) if episodes else [None]:
        version_ids += [
            v.id for v in current_versions(session=session, production_id=info.id, episode=number)
        ]
    rows = session.execute(
        select(Scene, Episode.number)
        .join(Episode, Episode.id == Scene.episode_id)
        .where(
            Scene.production_id == info.id,
            Scene.script_version_id.in_(version_ids),
            Scene.omitted.is_(False),
        )
        .order_by(Episode.number, Scene.position)
    ).all()
    people: dict[int, list[str]] = {scene.id: [] for scene, _ in rows}
    links = session.execute(
        select(SceneCharacter.scene_id, Character.key, Character.name)
        .join(Character, Character.id == SceneCharacter.character_id)
        .where(
            SceneCharacter.production_id == info.id,
            SceneCharacter.scene_id.in_(list(people)),
        )
        .order_by(Character.id)
    )
    names: dict[str, str] = {}
    for scene_id, key, name in links:
        people[scene_id].append(key)
        names.setdefault(key, name)
    background, elements = _breakdown(session, info.id, list(people))
    strips: list[Strip] = []
    places: dict[str, Location] = {}
    for scene, episode in rows:
        place = _location(setup, scene.set_name, location_of(scene.set_name))
        places.setdefault(place.id, place)
        strips.append(
            Strip(
                scene_id=strip_key(episode, scene.number, scene.position),
                eighths=max(1, scene.eighths),
                set_name=scene.set_name,
                location=place.id,
                int_ext=_enum_or(IntExt, scene.int_ext, IntExt.NONE),
                time=_enum_or(TimeOfDay, scene.time_of_day, TimeOfDay.UNKNOWN),
                episode=episode,
                cast=tuple(dict.fromkeys(people[scene.id])),
                background=background.get(scene.id, 0),
                elements=tuple(elements.get(scene.id, ())),
            )
        )
    strips = _unique_keys(strips)
    cast = tuple(_cast_member(setup, names[key], key) for key in sorted(names))
    rules = _rules_for(setup, {s.scene_id for s in strips})
    problem = ScheduleProblem(
        strips=tuple(strips),
        cast=cast,
        locations=tuple(places.values()),
        calendar=_calendar(setup, needed_days=1),
        rules=rules,
        weights=ser.weights_from_dict(setup.weights, "weights"),
    )
    if setup.calendar.get("work_days") is None:
        problem = replace(problem, calendar=_calendar(setup, _days_needed(problem)))
    return problem


def _days_needed(problem: ScheduleProblem) -> int:
    """Shoot days to offer when the setup does not say: a quick placement's, plus a margin.

    The day's hours and the company-move cap both bound how much fits in a
    day; a first-fit placement on a generous calendar respects both (and cast
    and location availability), so the days it uses are enough, and the
    margin leaves the solver room to do better.
    """
    if not problem.strips:
        return 1
    minutes = sum(s.minutes for s in problem.strips)
    by_hours = math.ceil(minutes / problem.rules.max_minutes_per_day)
    by_places = math.ceil(len(problem.locations) / (problem.rules.max_company_moves_per_day + 1))
    generous = replace(
        problem.calendar, work_days=min(cpsat.MAX_CELLS, 2 * (by_hours + by_places) + 10)
    )
    dates = generous.shoot_dates()
    placed = first_fit(replace(problem, calendar=generous), dates)
    used = max(placed.values(), default=0) + 1 if len(placed) == len(problem.strips) else len(dates)
    return max(1, math.ceil(used * (1 + SLACK_SHARE)) + 1)


def _breakdown(
    session: Session, production_id: int, scene_ids: list[int]
) -> tuple[dict[int, int], dict[int, list[str]]]:
    """Per scene: how many background actors, and the elements that shape a day
    (vehicles, animals, stunts, effects, special equipment) from the stored breakdown.
    Rejected tags are left out; scenes never broken down have none."""
    background: dict[int, int] = {}
    elements: dict[int, list[str]] = {}
    rows = session.execute(
        select(Tag.scene_id, Tag.count, Element.category, Element.name, Element.count)
        .join(Element, Element.id == Tag.element_id)
        .where(
            Tag.production_id == production_id,
            Element.production_id == production_id,
            Tag.scene_id.in_(scene_ids),
            Tag.status != "rejected",
        )
        .order_by(Tag.scene_id, Element.category, Element.name)
    )
    for scene_id, tag_count, category, name, element_count in rows:
        if category == "background":
            background[scene_id] = background.get(scene_id, 0) + (tag_count or element_count or 1)
        elif category in DAY_SHAPING_CATEGORIES:
            found = elements.setdefault(scene_id, [])
            label = f"{category}: {name}"
            if label not in found:
                found.append(label)
    return background, elements


def _unique_keys(strips: list[Strip]) -> list[Strip]:
    """A script may number two scenes alike (a typo); the second gets a suffix, not a crash."""
    seen: set[str] = set()
    unique = []
    for strip in strips:
        key, n = strip.scene_id, 2
        while key in seen:
            key, n = f"{strip.scene_id}~{n}", n + 1
        seen.add(key)
        unique.append(strip if key == strip.scene_id else replace(strip, scene_id=key))
    return unique


def _rules_for(setup: SetupInfo, keys: set[str]) -> Rules:
    rules = ser.rules_from_dict(setup.rules, "rules")
    return replace(
        rules,
        fixed_dates={k: d for k, d in rules.fixed_dates.items() if k in keys},
        must_precede=tuple(p for p in rules.must_precede if p.before in keys and p.after in keys),
        same_day=tuple(
            kept
            for group in rules.same_day
            if len(kept := tuple(k for k in group if k in keys)) > 1
        ),
    )


# --- versions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduleVersionInfo:
    """A stored schedule version with the problem it was solved from."""

    number: int
    label: str
    kind: str
    created_at: datetime
    status: Status
    total_cost: int
    lower_bound: int
    seconds: float
    problem: ScheduleProblem
    schedule: Schedule
    locked: tuple[str, ...] = ()
    parent: int | None = None  # the number of the version it started from
    event: dict[str, Any] | None = None

    @property
    def gap(self) -> float:
        return self.schedule.gap

    @property
    def optimal(self) -> bool:
        return self.status is Status.OPTIMAL

    @property
    def episodes(self) -> tuple[int, ...]:
        return tuple(sorted({s.episode for s in self.problem.strips}))


@dataclass(frozen=True, slots=True)
class VersionSummary:
    """A line of the version list (without the problem and the schedule)."""

    number: int
    label: str
    kind: str
    created_at: datetime
    status: str
    total_cost: int
    lower_bound: int
    seconds: float
    days: int
    strips: int
    parent: int | None

    @property
    def gap(self) -> float:
        if self.total_cost <= 0:
            return 0.0
        return max(0.0, (self.total_cost - self.lower_bound) / self.total_cost)


def _info(session: Session, row: ScheduleVersion) -> ScheduleVersionInfo:
    parent = session.get(ScheduleVersion, row.parent_id) if row.parent_id is not None else None
    return ScheduleVersionInfo(
        number=row.number,
        label=row.label,
        kind=row.kind,
        created_at=row.created_at,
        status=Status(row.status),
        total_cost=row.total_cost,
        lower_bound=row.lower_bound,
        seconds=row.seconds,
        problem=ser.problem_from_dict(row.problem),
        schedule=ser.schedule_from_dict(row.result),
        locked=tuple(row.locked),
        parent=parent.number if parent is not None else None,
        event=row.event,
    )


def _version_row(session: Session, production_id: int, number: int | None) -> ScheduleVersion:
    query = select(ScheduleVersion).where(ScheduleVersion.production_id == production_id)
    if number is None:
        row = session.scalar(query.order_by(ScheduleVersion.number.desc()).limit(1))
        if row is None:
            raise NotFound("schedule version", "any (solve one first)")
        return row
    row = session.scalar(query.where(ScheduleVersion.number == number))
    if row is None:
        raise NotFound("schedule version", number)
    return row


def save_version(
    session: Session,
    production: str,
    problem: ScheduleProblem,
    schedule: Schedule,
    *,
    kind: str,
    label: str = "",
    event: Mapping[str, Any] | None = None,
    parent: int | None = None,
    locked: Iterable[str] = (),
) -> ScheduleVersionInfo:
    """Keep ``schedule`` (solved from ``problem``) as the production's next version.

    ``parent`` is the number of the version it started from (same production).
    """
    info = get_production(session=session, name=production)
    if kind not in KINDS:
        raise ValidationError("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if len(label) > 200:
        raise ValidationError("label", "a label is at most 200 characters")
    locked = tuple(locked)
    keys = {s.scene_id for s in problem.strips}
    for key in locked:
        if key not in keys:
            raise ValidationError("locked", f"strip {key!r} is not in the schedule")
    parent_row = _version_row(session, info.id, parent) if parent is not None else None
    last = session.scalar(
        select(func.max(ScheduleVersion.number)).where(ScheduleVersion.production_id == info.id)
    )
    row = ScheduleVersion(
        production_id=info.id,
        number=(last or 0) + 1,
        label=label,
        parent_id=parent_row.id if parent_row is not None else None,
        kind=kind,
        event=dict(event) if event is not None else None,
        problem=ser.problem_to_dict(problem),
        result=ser.schedule_to_dict(schedule),
        locked=list(locked),
        status=schedule.status.value,
        lower_bound=schedule.lower_bound,
        total_cost=schedule.total_cost,
        seconds=schedule.seconds,
    )
    session.add(row)
    session.flush()
    return _info(session, row)


def get_version(
    session: Session, production: str, number: int | None = None
) -> ScheduleVersionInfo:
    """Version ``number`` of the production's schedule (the latest when ``None``)."""
    info = get_production(session=session, name=production)
    return _info(session, _version_row(session, info.id, number))


def list_versions(session: Session, production: str) -> list[VersionSummary]:
    """Every schedule version of the production, oldest first."""
    info = get_production(session=session, name=production)
    rows = session.scalars(
        select(ScheduleVersion)
        .where(ScheduleVersion.production_id == info.id)
        .order_by(ScheduleVersion.number)
    ).all()
    numbers = {row.id: row.number for row in rows}
    return [
        VersionSummary(
            number=row.number,
            label=row.label,
            kind=row.kind,
            created_at=row.created_at,
            status=row.status,
            total_cost=row.total_cost,
            lower_bound=row.lower_bound,
            seconds=row.seconds,
            days=len(row.result.get("days", [])),
            strips=len(row.problem.get("strips", [])),
            parent=numbers.get(row.parent_id) if row.parent_id is not None else None,
        )
        for row in rows
    ]


# --- solving ------------------------------------------------------------------------


def check_time_limit(time_limit: float) -> float:
    if not time_limit > 0:
        raise ValidationError("time_limit", f"must be over 0 seconds, got {time_limit:g}")
    if time_limit > MAX_TIME_LIMIT:
        raise LimitExceeded(
            f"time_limit {time_limit:g} s is over the limit of {MAX_TIME_LIMIT:g} s "
            "for one solve; run longer solves as a background job"
        )
    return time_limit


def lock_strips(
    problem: ScheduleProblem, start: Schedule | None, locked: Iterable[str]
) -> ScheduleProblem:
    """``problem`` with each locked strip fixed on the date it has in ``start``."""
    locked = tuple(dict.fromkeys(locked))
    if not locked:
        return problem
    if start is None:
        raise ValidationError("locked", "locking strips needs a version to start from")
    keys = {s.scene_id for s in problem.strips}
    fixed = dict(problem.rules.fixed_dates)
    for key in locked:
        if key not in keys:
            raise ValidationError("locked", f"strip {key!r} is not in this schedule's episodes")
        try:
            fixed[key] = start.day_of(key).date
        except ValidationError as exc:
            raise ValidationError("locked", f"strip {key!r} is not in the start version") from exc
    return replace(problem, rules=replace(problem.rules, fixed_dates=fixed))


def solve_problem(
    problem: ScheduleProblem,
    *,
    time_limit: float,
    start: Schedule | None = None,
    workers: int = cpsat.WORKERS,
    on_progress: lns.ProgressCallback | None = None,
) -> Schedule:
    """The best schedule found in ``time_limit`` seconds, with its proven lower bound.

    ``lns.solve_any`` gives a model that fits to CP-SAT first (a proof when it
    settles it) and keeps a legal first-fit plan to improve on, so a slow or
    loaded machine still gets a schedule. When it finds none, CP-SAT alone is
    asked again: it names the rules that conflict (``Infeasible``).
    """
    try:
        return lns.solve_any(
            problem, time_limit=time_limit, start=start, workers=workers, on_progress=on_progress
        )
    except Infeasible:
        raise
    except ScheduleError:
        if len(problem.strips) * problem.calendar.work_days > cpsat.MAX_CELLS:
            raise
        return cpsat.solve(problem, time_limit=time_limit, workers=workers, start=start)


def solve_schedule(
    workspace: Workspace,
    production: str,
    *,
    episodes: Sequence[int] | None = None,
    time_limit: float = 10.0,
    start_from: int | None = None,
    locked: Iterable[str] = (),
    label: str = "",
    workers: int = cpsat.WORKERS,
    on_phase: Callable[[str], None] | None = None,
    on_progress: lns.ProgressCallback | None = None,
) -> ScheduleVersionInfo:
    """Solve the production's schedule and keep it as a new version.

    ``start_from`` (a version number) warm-starts the search from that
    version; ``locked`` strips stay on the dates they have there. The store
    is read in one transaction and written in another: the solve in between
    holds no lock, so other users keep working.
    """
    check_time_limit(time_limit)
    locked = tuple(locked)
    say = on_phase or (lambda _: None)
    say("reading the scenes")
    with workspace.transaction() as session:
        problem = build_problem(session, production, episodes)
        start = get_version(session, production, start_from).schedule if start_from else None
    problem = lock_strips(problem, start, locked)
    say(f"solving {len(problem.strips)} strips")
    schedule = solve_problem(
        problem, time_limit=time_limit, start=start, workers=workers, on_progress=on_progress
    )
    say("saving")
    with workspace.transaction() as session:
        return save_version(
            session,
            production,
            problem,
            schedule,
            kind="solve",
            label=label,
            parent=start_from,
            locked=locked,
        )


# --- comparing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StripMove:
    """A strip on a different date (or only in one of the two versions: ``None``)."""

    strip: str
    before: date | None
    after: date | None


@dataclass(frozen=True, slots=True)
class Comparison:
    a: int
    b: int
    moves: tuple[StripMove, ...]
    unchanged: int  # strips on the same date in both
    cost: dict[str, tuple[int, int]]  # term -> (a, b)
    total: tuple[int, int]
    days_added: tuple[date, ...]  # shoot dates in b, not in a
    days_removed: tuple[date, ...]  # shoot dates in a, not in b

    @property
    def stability(self) -> float:
        """Share of the strips in both versions that kept their date."""
        both = self.unchanged + sum(1 for m in self.moves if m.before and m.after)
        return self.unchanged / both if both else 1.0


def _dates_of(schedule: Schedule) -> dict[str, date]:
    return {strip: day.date for day in schedule.days for strip in day.strips}


def compare_versions(session: Session, production: str, a: int, b: int) -> Comparison:
    """What changed from version ``a`` to version ``b``: moved strips, cost by term, dates."""
    first, second = get_version(session, production, a), get_version(session, production, b)
    before, after = _dates_of(first.schedule), _dates_of(second.schedule)
    moves = []
    unchanged = 0
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key), after.get(key)
        if old == new:
            unchanged += 1
        else:
            moves.append(StripMove(strip=key, before=old, after=new))
    moves.sort(key=lambda m: (m.before or m.after or date.min, m.strip))
    cost = {
        term.value: (first.schedule.cost.get(term, 0), second.schedule.cost.get(term, 0))
        for term in Term
    }
    days_a = {d.date for d in first.schedule.days}
    days_b = {d.date for d in second.schedule.days}
    return Comparison(
        a=a,
        b=b,
        moves=tuple(moves),
        unchanged=unchanged,
        cost=cost,
        total=(first.total_cost, second.total_cost),
        days_added=tuple(sorted(days_b - days_a)),
        days_removed=tuple(sorted(days_a - days_b)),
    )


# --- plain views (what ``--json`` and the API print) ---------------------------------


def version_as_dict(version: ScheduleVersionInfo, *, with_days: bool = True) -> dict[str, Any]:
    """A version as JSON-able data: its figures, cost by term, and its days."""
    data: dict[str, Any] = {
        "number": version.number,
        "label": version.label,
        "kind": version.kind,
        "created_at": version.created_at.isoformat(),
        "parent": version.parent,
        "episodes": list(version.episodes),
        "strips": len(version.problem.strips),
        "status": version.status.value,
        "optimal": version.optimal,
        "total_cost": version.total_cost,
        "lower_bound": version.lower_bound,
        "gap": round(version.gap, 6),
        "seconds": round(version.seconds, 3),
        "shoot_days": len(version.schedule.days),
        "cost": {term.value: amount for term, amount in version.schedule.cost.items()},
        "locked": list(version.locked),
    }
    if with_days:
        data["days"] = [ser.day_to_dict(day) for day in version.schedule.days]
    return data


def comparison_as_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "a": comparison.a,
        "b": comparison.b,
        "total": {"a": comparison.total[0], "b": comparison.total[1]},
        "cost": {term: {"a": a, "b": b} for term, (a, b) in comparison.cost.items()},
        "unchanged": comparison.unchanged,
        "stability": round(comparison.stability, 6),
        "moves": [
            {
                "strip": move.strip,
                "before": move.before.isoformat() if move.before else None,
                "after": move.after.isoformat() if move.after else None,
            }
            for move in comparison.moves
        ],
        "days_added": [d.isoformat() for d in comparison.days_added],
        "days_removed": [d.isoformat() for d in comparison.days_removed],
    }
