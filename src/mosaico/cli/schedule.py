"""``mosaico schedule``: shooting schedules; ``talent`` solves one talent-scheduling file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from mosaico.errors import ValidationError
from mosaico.schedule.model import Term
from mosaico.schedule.talent import read_instance
from mosaico.schedule.talent_solver import solve
from mosaico.screenplay.eighths import Eighths
from mosaico.services import replan as replans
from mosaico.services import schedule as schedules
from mosaico.services.context import open_workspace

schedule_app = typer.Typer(
    help="Shooting schedules: optimise, and prove how good the result is.",
    no_args_is_help=True,
)


@schedule_app.command("talent")
def talent(
    file: Annotated[
        Path, typer.Argument(help="Instance in Stuckey's format or MiniZinc data (.dzn).")
    ],
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=0.001, help="Stop after this many seconds."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Order the scenes so actors wait as little as possible; prove the optimum or give a gap."""
    instance = read_instance(file)
    if as_json:
        result = solve(instance, time_limit=time_limit)
    else:
        with Console(stderr=True).status(f"solving {instance.name} ({instance.scenes} scenes)"):
            result = solve(instance, time_limit=time_limit)
    order = [s + 1 for s in result.order]
    if as_json:
        payload = {
            "order": order,
            "total_cost": result.total_cost,
            "idle_cost": result.idle_cost,
            "lower_bound": result.lower_bound,
            "optimal": result.optimal,
            "seconds": round(result.seconds, 6),
        }
        typer.echo(json.dumps(payload))
        return
    table = Table(
        title=f"{instance.name}: {instance.scenes} scenes, {instance.actors} actors",
        show_header=False,
    )
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("shooting order", " ".join(str(s) for s in order))
    table.add_row("total cost", str(result.total_cost))
    table.add_row("holding (idle) cost", str(result.idle_cost))
    table.add_row("lower bound", str(result.lower_bound))
    proof = "yes" if result.optimal else f"not proven (gap {result.gap:.1%})"
    table.add_row("optimal", proof)
    table.add_row("seconds", f"{result.seconds:.3f}")
    Console().print(table)


ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
console = Console()


def _console() -> Console:
    # Made per command, so the terminal width (COLUMNS) is read when it prints.
    return Console()


def _date(text: str, option: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise ValidationError(option, f"{text!r} is not a date YYYY-MM-DD") from exc


def _pair(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip() or not value.strip():
        raise ValidationError(option, f"{text!r} is not NAME=VALUE")
    return name.strip(), value.strip()


def _day_off(text: str) -> dict[str, Any]:
    """``2027-03-03:strike`` or ``2027-04-01..2027-08-31:hiatus``."""
    when, sep, reason = text.partition(":")
    if not sep or not reason.strip():
        raise ValidationError("--day-off", f"{text!r} is not DATE:reason or DATE..DATE:reason")
    first, _, last = when.partition("..")
    return {
        "start": _date(first, "--day-off"),
        "reason": reason.strip(),
        "end": _date(last, "--day-off") if last else None,
    }


def _weekdays(text: str) -> list[int]:
    days = []
    for part in text.replace(" ", "").lower().split(","):
        if len(part) >= 3 and part[:3] in WEEKDAYS:
            days.append(WEEKDAYS.index(part[:3]))
        elif part.isdigit() and int(part) <= 6:
            days.append(int(part))
        elif part:
            raise ValidationError("--weekly-off", f"{part!r} is not a weekday (mon..sun or 0..6)")
    return sorted(set(days))


@schedule_app.command("setup")
def setup(
    production: ProductionOption,
    start: Annotated[str | None, typer.Option(help="First shoot date, YYYY-MM-DD.")] = None,
    work_days: Annotated[
        int | None, typer.Option("--work-days", help="Shoot days the calendar offers.")
    ] = None,
    weekly_off: Annotated[
        str | None, typer.Option("--weekly-off", help="Weekly days off, e.g. sat,sun or 6.")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Public holidays of this country (ISO code, e.g. MX).")
    ] = None,
    subdivision: Annotated[
        str | None, typer.Option(help="State or province for holidays, e.g. CHH.")
    ] = None,
    day_off: Annotated[
        list[str] | None,
        typer.Option("--day-off", help="DATE:reason or DATE..DATE:reason (repeat). Adds."),
    ] = None,
    cost: Annotated[
        list[str] | None, typer.Option("--cost", help="CHARACTER=AMOUNT a day (repeat).")
    ] = None,
    unavailable: Annotated[
        list[str] | None,
        typer.Option("--unavailable", help="CHARACTER=DATE the actor cannot work (repeat)."),
    ] = None,
    location: Annotated[
        list[str] | None,
        typer.Option("--location", help="SET=LOCATION: where a set is shot (repeat)."),
    ] = None,
    max_hours: Annotated[
        float | None, typer.Option("--max-hours", help="Longest shoot day, hours.")
    ] = None,
    moves: Annotated[
        int | None, typer.Option("--moves", help="Company moves allowed a day.")
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the setup.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Set the calendar, cast costs and availability, locations and rules a solve uses."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        current = schedules.get_setup(session, production)
        changes: dict[str, Any] = {}
        calendar: dict[str, Any] = {}
        if start is not None:
            calendar["start"] = _date(start, "--start")
        if work_days is not None:
            calendar["work_days"] = work_days
        if weekly_off is not None:
            calendar["weekly_days_off"] = _weekdays(weekly_off)
        if country is not None:
            calendar["country"] = country.upper() or None
        if subdivision is not None:
            calendar["subdivision"] = subdivision.upper() or None
        if day_off:
            calendar["days_off"] = current.calendar.get("days_off", []) + [
                _day_off(text) for text in day_off
            ]
        if calendar:
            changes["calendar"] = calendar
        members: dict[str, dict[str, Any]] = {}
        for text in cost or []:
            name, amount = _pair(text, "--cost")
            if not amount.isdigit():
                raise ValidationError("--cost", f"{amount!r} is not a whole amount")
            members.setdefault(name, {})["cost_per_day"] = int(amount)
        for text in unavailable or []:
            name, when = _pair(text, "--unavailable")
            entry = members.setdefault(name, {})
            stored = schedules.cast_entry(current, name).get("unavailable", [])
            before = entry.get("unavailable", stored)
            entry["unavailable"] = sorted({*before, _date(when, "--unavailable")})
        if members:
            changes["cast"] = {"members": members}
        if location:
            changes["sets"] = {
                name: {"location": place}
                for name, place in (_pair(text, "--location") for text in location)
            }
        rules: dict[str, Any] = {}
        if max_hours is not None:
            rules["max_hours_per_day"] = max_hours
        if moves is not None:
            rules["max_company_moves_per_day"] = moves
        if rules:
            changes["rules"] = rules
        result = current
        if changes:
            result = schedules.update_setup(session, production, changes, current.version)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    if changes:
        _console().print(
            f"schedule setup of [bold]{production}[/] saved (version {result.version})"
        )
    if show or not changes:
        _print_setup(result)


def _print_setup(setup: schedules.SetupInfo) -> None:
    table = Table("what", "value", title="schedule setup", show_header=False)
    cal = setup.calendar
    table.add_row("start", cal.get("start") or "the Monday after today")
    table.add_row("shoot days offered", str(cal.get("work_days") or "as the pages need"))
    off = ", ".join(WEEKDAYS[d] for d in cal.get("weekly_days_off", []))
    table.add_row("weekly days off", off or "none")
    holidays = cal.get("country") or "none"
    if cal.get("subdivision"):
        holidays += f" ({cal['subdivision']})"
    table.add_row("public holidays", holidays)
    for item in cal.get("days_off", []):
        span = item["start"] + (f"..{item['end']}" if item.get("end") else "")
        table.add_row("day off", f"{span}: {item['reason']}")
    rules = setup.rules
    table.add_row("longest day", f"{rules['max_hours_per_day']:g} h")
    table.add_row("pages a day (target)", str(Eighths(rules["target_eighths_per_day"])))
    table.add_row("company moves a day", str(rules["max_company_moves_per_day"]))
    table.add_row("turnaround", f"{rules['turnaround_hours']:g} h")
    table.add_row("cast cost a day (default)", f"{setup.cast.get('default_cost_per_day', 0):,}")
    for name, entry in sorted(setup.cast.get("members", {}).items()):
        parts = []
        if "cost_per_day" in entry:
            parts.append(f"{entry['cost_per_day']:,} a day")
        if entry.get("unavailable"):
            parts.append("not on " + ", ".join(entry["unavailable"]))
        if entry.get("max_consecutive_days"):
            parts.append(f"at most {entry['max_consecutive_days']} days in a row")
        table.add_row(f"cast: {name}", "; ".join(parts))
    for name, entry in sorted(setup.sets.items()):
        table.add_row(f"set: {name}", str(entry.get("location", "")))
    for name, weight in setup.weights.items():
        table.add_row(f"weight: {name}", f"{weight:,}")
    table.caption = f"version {setup.version}"
    _console().print(table)


def _print_version(version: schedules.ScheduleVersionInfo, *, days: bool = True) -> None:
    schedule = version.schedule
    title = f"schedule version {version.number}" + (f" ({version.label})" if version.label else "")
    if days:
        strips = {s.scene_id: s for s in version.problem.strips}
        table = Table("day", "date", "scenes", "pages", "hours", "locations", title=title)
        for day in schedule.days:
            table.add_row(
                f"{day.number}/{len(schedule.days)}",
                day.date.isoformat(),
                " ".join(day.strips),
                str(Eighths(day.eighths)),
                f"{day.hours:.1f}",
                ", ".join(day.locations),
            )
        table.caption = f"{len(strips)} strips, episodes {', '.join(map(str, version.episodes))}"
        _console().print(table)
    summary = Table("what", "value", show_header=False)
    for term in Term:
        if term in schedule.cost:
            summary.add_row(term.value, f"{schedule.cost[term]:,}")
    summary.add_row("total cost", f"{version.total_cost:,}")
    summary.add_row("lower bound", f"{version.lower_bound:,}")
    summary.add_row("gap", f"{version.gap:.1%}")
    summary.add_row("optimal", "yes, proven" if version.optimal else "not proven")
    summary.add_row("shoot days", str(len(schedule.days)))
    summary.add_row("seconds", f"{version.seconds:.1f}")
    _console().print(summary)


@schedule_app.command("solve")
def solve_(
    production: ProductionOption,
    episode: Annotated[
        list[int] | None, typer.Option("--episode", "-e", help="Only these episodes (repeat).")
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds the solver may search.")
    ] = 10.0,
    start_from: Annotated[
        int | None, typer.Option("--start-from", help="Warm start from this version.")
    ] = None,
    lock: Annotated[
        list[str] | None,
        typer.Option("--lock", help="Strip (e.g. 1-12A) kept on its date in --start-from."),
    ] = None,
    label: Annotated[str, typer.Option(help="A name for the new version.")] = "",
    as_json: JsonOption = False,
    background: Annotated[
        bool,
        typer.Option("--background", help="Queue it for `mosaico worker`; print the job at once."),
    ] = False,
) -> None:
    """Solve the shooting schedule, keep it as a new version, print days and costs."""
    if background:
        from mosaico.cli.jobs import queue_solve

        queue_solve(production, episode, time_limit, start_from, lock, label, as_json)
        return
    workspace = open_workspace()
    status = Console(stderr=True).status("solving…")
    if not as_json:
        status.start()
    try:
        version = schedules.solve_schedule(
            workspace,
            production,
            episodes=episode or None,
            time_limit=time_limit,
            start_from=start_from,
            locked=lock or (),
            label=label,
            on_phase=lambda text: status.update(f"{text} (up to {time_limit:g} s)…"),
        )
    finally:
        status.stop()
    if as_json:
        typer.echo(json.dumps(schedules.version_as_dict(version), ensure_ascii=False, indent=2))
        return
    _print_version(version)


@schedule_app.command("show")
def show(
    production: ProductionOption,
    version: Annotated[
        int | None, typer.Option("--version", "-v", help="Version number (latest when left out).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Print a stored schedule version: its days, cost by term, bound and gap."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        info = schedules.get_version(session, production, version)
    if as_json:
        typer.echo(json.dumps(schedules.version_as_dict(info), ensure_ascii=False, indent=2))
        return
    _print_version(info)


@schedule_app.command("versions")
def versions(production: ProductionOption, as_json: JsonOption = False) -> None:
    """List the stored schedule versions."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        rows = schedules.list_versions(session, production)
    if as_json:
        payload = [
            {
                "number": r.number,
                "label": r.label,
                "kind": r.kind,
                "created_at": r.created_at.isoformat(),
                "parent": r.parent,
                "status": r.status,
                "total_cost": r.total_cost,
                "lower_bound": r.lower_bound,
                "shoot_days": r.days,
                "strips": r.strips,
            }
            for r in rows
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(
        "#", "label", "kind", "from", "created", "days", "strips", "cost", "bound", "status"
    )
    for r in rows:
        table.add_row(
            str(r.number),
            r.label,
            r.kind,
            str(r.parent or ""),
            r.created_at.strftime("%m-%d %H:%M"),
            str(r.days),
            str(r.strips),
            f"{r.total_cost:,}",
            f"{r.lower_bound:,}",
            r.status,
        )
    _console().print(table)


@schedule_app.command("compare")
def compare(
    production: ProductionOption,
    a: Annotated[int, typer.Argument(help="The earlier version.")],
    b: Annotated[int, typer.Argument(help="The later version.")],
    as_json: JsonOption = False,
) -> None:
    """What changed between two versions: strips moved, cost by term, days added or removed."""
    workspace = open_workspace()
    with workspace.transaction() as session:
        comparison = schedules.compare_versions(session, production, a, b)
    if as_json:
        payload = schedules.comparison_as_dict(comparison)
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    costs = Table("term", f"v{a}", f"v{b}", "change", title=f"versions {a} and {b}")
    for term, (x, y) in comparison.cost.items():
        costs.add_row(term, f"{x:,}", f"{y:,}", f"{y - x:+,}")
    x, y = comparison.total
    costs.add_row("total", f"{x:,}", f"{y:,}", f"{y - x:+,}", style="bold")
    _console().print(costs)
    moves = Table("strip", f"v{a}", f"v{b}", title=f"{len(comparison.moves)} strips moved")
    for move in comparison.moves:
        moves.add_row(
            move.strip,
            move.before.isoformat() if move.before else "-",
            move.after.isoformat() if move.after else "-",
        )
    if comparison.moves:
        _console().print(moves)
    _console().print(
        f"{comparison.unchanged} strips kept their date ({comparison.stability:.0%}); "
        f"days added: {', '.join(d.isoformat() for d in comparison.days_added) or 'none'}; "
        f"removed: {', '.join(d.isoformat() for d in comparison.days_removed) or 'none'}"
    )


def register(app: typer.Typer) -> None:
    """Attach the ``schedule`` group to the ``mosaico`` app."""
    app.add_typer(schedule_app, name="schedule")


@schedule_app.command("replan")
def replan(
    production: ProductionOption,
    event: Annotated[
        str,
        typer.Option(
            "--event",
            help="suspension, actor-unavailable, location-lost, strike or split-units.",
        ),
    ],
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Suspension, lost location or split: the first day."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Suspension: the last day.")] = None,
    health_protocols: Annotated[
        bool, typer.Option("--health-protocols", help="Suspension: restart with headcount caps.")
    ] = False,
    cast: Annotated[
        str | None, typer.Option("--cast", help="Actor unavailable: the character's name.")
    ] = None,
    dates: Annotated[
        list[str] | None,
        typer.Option("--dates", help="Actor unavailable: dates (repeat, or comma-separated)."),
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Location lost: its name or set.")
    ] = None,
    replacement: Annotated[
        str | None, typer.Option("--replacement", help="Location lost: where its scenes go.")
    ] = None,
    day: Annotated[str | None, typer.Option("--date", help="Strike: the day lost.")] = None,
    units: Annotated[
        int | None, typer.Option("--units", min=1, max=10, help="Split: how many units.")
    ] = None,
    advance_unit: Annotated[
        bool, typer.Option("--advance-unit", help="Split: one unit goes ahead to the next city.")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Scenes before this date are shot (default: today)."),
    ] = None,
    version: Annotated[
        int | None, typer.Option("--version", help="Replan this version (default: latest).")
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds the replan may take.")
    ] = 10.0,
    as_json: JsonOption = False,
) -> None:
    """Replan after an event; shot scenes stay; print stability and the cost change."""

    def when(text: str | None, option: str) -> date | None:
        return date.fromisoformat(_date(text, option)) if text else None

    request = replans.EventRequest(
        kind=event,
        start=when(from_, "--from"),
        end=when(to, "--to"),
        health_protocols=health_protocols,
        cast=cast,
        dates=replans.parse_dates(dates or [], "--dates"),
        location=location,
        replacement=replacement,
        day=when(day, "--date"),
        units=units,
        advance_unit=advance_unit,
    )
    workspace = open_workspace()
    status = Console(stderr=True).status(f"replanning (up to {time_limit:g} s)…")
    if not as_json:
        status.start()
    try:
        done = replans.replan_schedule(
            workspace,
            production,
            request,
            today=when(today, "--today"),
            version=version,
            time_limit=time_limit,
        )
    finally:
        status.stop()
    stored = done.version.event or {}
    if as_json:
        payload = {"version": done.version.number, "parent": done.parent, **stored}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    figure = done.replan.stability
    table = Table(
        title=f"version {done.version.number} (replan of {done.parent})", show_header=False
    )
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("event", done.replan.explanation[0])
    table.add_row(
        "stability",
        f"{figure.share:.0%} ({figure.unchanged_days} of {figure.unaffected_days} "
        "unaffected days unchanged)",
    )
    table.add_row("scenes moved", str(len(done.replan.moved)))
    table.add_row(
        "cost",
        f"{done.replan.cost_before:,} -> {done.replan.cost_after:,} "
        f"({done.replan.cost_after - done.replan.cost_before:+,})",
    )
    table.add_row("seconds", f"{done.replan.seconds:.1f}")
    console.print(table)
    for line in done.replan.explanation[1:]:
        console.print(f"  {line}")
    for unit in done.replan.units.units if done.replan.units is not None else ():
        days = unit.schedule.days
        span = f"{days[0].date} to {days[-1].date}" if days else "no days"
        console.print(f"  [bold]{unit.unit.name}[/]: {len(days)} days, {span}")
