"""The replan service on both backends: the demo's episode 1 solved, then replanned after
each kind of event; the new version keeps shot scenes and stores the event and the figure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mosaico.demo.series import load_series
from mosaico.errors import NotFound, ValidationError
from mosaico.schedule.check import violations
from mosaico.services import productions, scripts
from mosaico.services import replan as svc
from mosaico.services import schedule as schedule_svc
from mosaico.services.context import Workspace

START = date(2027, 3, 1)  # a Monday


@pytest.fixture
def solved(workspace: Workspace) -> Workspace:
    """Production ``granizo`` with episode 1 solved once (version 1); ``otra`` is empty."""
    episode = load_series().episodes[0]
    with workspace.transaction() as session:
        productions.create(session=session, name="granizo")
        productions.create(session=session, name="otra")
        scripts.import_script(
            session=session,
            production="granizo",
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=1,
        )
        schedule_svc.update_setup(session, "granizo", {"calendar": {"start": START.isoformat()}}, 0)
    schedule_svc.solve_schedule(workspace, "granizo", time_limit=3.0)
    return workspace


def _dates(version: schedule_svc.ScheduleVersionInfo) -> dict[str, date]:
    return {s: day.date for day in version.schedule.days for s in day.strips}


def test_strike_replan_is_a_new_version_keeping_what_is_shot(solved: Workspace) -> None:
    with solved.transaction() as session:
        first = schedule_svc.get_version(session, "granizo")
    days = first.schedule.days
    today, strike = days[1].date, days[2].date
    request = svc.EventRequest(kind="strike", day=strike)
    done = svc.replan_schedule(solved, "granizo", request, today=today, time_limit=3.0)
    assert done.version.number == 2 and done.version.kind == "replan"
    assert done.version.parent == 1
    with solved.transaction() as session:
        stored = schedule_svc.get_version(session, "granizo", 2)
    before, after = _dates(first), _dates(stored)
    assert sorted(after) == sorted(before)
    assert all(after[s] == when for s, when in before.items() if when < today)
    assert strike not in set(after.values())
    assert violations(stored.problem, after) == []
    event = stored.event or {}
    assert event["kind"] == "strike" and event["date"] == strike.isoformat()
    assert 0.0 <= event["stability"]["share"] <= 1.0
    assert event["cost_before"] == first.total_cost


def test_actor_by_character_name_and_suspension(solved: Workspace) -> None:
    with solved.transaction() as session:
        first = schedule_svc.get_version(session, "granizo")
    busiest = max(
        first.problem.cast,
        key=lambda m: sum(m.id in s.cast for s in first.problem.strips),
    )
    when = first.schedule.days[-1].date
    request = svc.EventRequest(kind="actor-unavailable", cast=busiest.name.lower(), dates=(when,))
    done = svc.replan_schedule(solved, "granizo", request, today=START, time_limit=3.0)
    strips = {s.scene_id: s for s in done.version.problem.strips}
    for day in done.version.schedule.days:
        if day.date == when:
            assert all(busiest.id not in strips[s].cast for s in day.strips)
    end = START + timedelta(days=20)
    pause = svc.EventRequest(kind="suspension", start=START, end=end)
    later = svc.replan_schedule(solved, "granizo", pause, today=START, time_limit=3.0)
    assert later.parent == 2
    assert all(day.date > end for day in later.version.schedule.days)


def test_split_units_keep_their_schedules_with_the_version(solved: Workspace) -> None:
    with solved.transaction() as session:
        first = schedule_svc.get_version(session, "granizo")
    split = first.schedule.days[-3].date
    request = svc.EventRequest(kind="split-units", start=split, units=2)
    done = svc.replan_schedule(solved, "granizo", request, today=START, time_limit=4.0)
    units = svc.stored_units(done.version)
    assert [u["unit"] for u in units] == ["main unit", "unit 2"]
    in_units = {s for u in units for day in u["schedule"]["days"] for s in day["strips"]}
    in_company = set(_dates(done.version))
    assert in_units | in_company == set(_dates(first))
    assert not in_units & in_company
    assert all(day.date < split for day in done.version.schedule.days)


def test_bad_requests_are_refused_and_store_nothing(solved: Workspace) -> None:
    bad = [
        (svc.EventRequest(kind="strike"), "date"),
        (svc.EventRequest(kind="earthquake"), "event"),
        (svc.EventRequest(kind="actor-unavailable", cast="NADIE", dates=(START,)), "cast"),
        (svc.EventRequest(kind="location-lost", location="LA LUNA", start=START), "location"),
        (svc.EventRequest(kind="strike", day=START - timedelta(days=3)), "event"),
    ]
    for request, field in bad:
        with pytest.raises(ValidationError) as caught:
            svc.replan_schedule(solved, "granizo", request, today=START, time_limit=2.0)
        assert caught.value.field == field
    with solved.transaction() as session:
        assert [v.number for v in schedule_svc.list_versions(session, "granizo")] == [1]
    # Another production's versions are not reachable.
    with pytest.raises(NotFound):
        svc.replan_schedule(
            solved, "otra", svc.EventRequest(kind="strike", day=START), time_limit=2.0
        )


def test_dates_from_the_command_line_are_checked() -> None:
    assert svc.parse_dates(["2027-03-01,2027-03-02", "2027-03-05"], "dates") == (
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 5),
    )
    with pytest.raises(ValidationError, match="dates"):
        svc.parse_dates(["march"], "dates")
