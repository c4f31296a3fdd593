"""The schedule service on both backends: the demo's episode 1 solved from the store,
every rule checked on the stored result, versions, setup changes and bad input."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from mosaico.demo.series import load_series
from mosaico.errors import Conflict, Infeasible, LimitExceeded, NotFound, ValidationError
from mosaico.schedule.model import Status, Term
from mosaico.services import breakdown, productions, scenes, scripts
from mosaico.services import schedule as svc
from mosaico.services.context import Workspace

START = date(2027, 3, 1)  # a Monday
LIMIT = 3.0


def _import_episode(workspace: Workspace, production: str, number: int) -> None:
    episode = load_series().episodes[number - 1]
    with workspace.transaction() as session:
        scripts.import_script(
            session=session,
            production=production,
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=number,
        )


@pytest.fixture
def granizo(workspace: Workspace) -> Workspace:
    """The demo series' first episode in production ``granizo``; ``otra`` has it too."""
    with workspace.transaction() as session:
        productions.create(session=session, name="granizo")
        productions.create(session=session, name="otra")
    _import_episode(workspace, "granizo", 1)
    _import_episode(workspace, "otra", 1)
    with workspace.transaction() as session:
        svc.update_setup(session, "granizo", {"calendar": {"start": START.isoformat()}}, 0)
    return workspace


def test_strip_keys_are_episode_and_scene_number() -> None:
    assert svc.strip_key(2, "12A", 14) == "2-12A"
    assert svc.strip_key(2, None, 7) == "2-#7"
    assert svc.strip_key(10, "A1", 1) == "10-A1"


def test_sets_default_to_the_location_before_the_dash() -> None:
    assert svc.location_of("CASA DE LOS MEDINA - COCINA") == "CASA DE LOS MEDINA"
    assert svc.location_of("CARRETERA A CUAUHTÉMOC") == "CARRETERA A CUAUHTÉMOC"


def test_the_problem_holds_every_scene_with_its_characters(granizo: Workspace) -> None:
    with granizo.transaction() as session:
        rows = scenes.list_scenes(session=session, production="granizo")
        problem = svc.build_problem(session, "granizo")
    kept = [row for row in rows if not row.omitted]
    assert [s.scene_id for s in problem.strips] == [
        svc.strip_key(r.episode, r.number, r.position) for r in kept
    ]
    names = {member.id: member.name for member in problem.cast}
    for row, strip in zip(kept, problem.strips, strict=True):
        assert strip.eighths == max(1, row.eighths.value)
        assert sorted(names[c] for c in strip.cast) == sorted(row.speaking + row.silent)
        assert strip.location == svc.location_of(row.set_name)
    assert problem.calendar.start == START
    assert all(m.cost_per_day == svc.DEFAULT_COST_PER_DAY for m in problem.cast)


def test_episode_one_is_solved_and_every_rule_holds(granizo: Workspace) -> None:
    with granizo.transaction() as session:
        problem = svc.build_problem(session, "granizo", [1])
    # The character in most scenes cannot work the first two shoot dates.
    busiest = Counter(c for s in problem.strips for c in s.cast).most_common(1)[0][0]
    name = next(m.name for m in problem.cast if m.id == busiest)
    dates = problem.calendar.shoot_dates()
    off = [dates[0].isoformat(), dates[1].isoformat()]
    with granizo.transaction() as session:
        svc.update_setup(
            session,
            "granizo",
            {"cast": {"members": {name.lower(): {"unavailable": off, "cost_per_day": 9000}}}},
            None,
        )
    version = svc.solve_schedule(granizo, "granizo", episodes=[1], time_limit=LIMIT)
    with granizo.transaction() as session:
        stored = svc.get_version(session, "granizo", version.number)
    assert stored == version
    problem, schedule = stored.problem, stored.schedule
    member = next(m for m in problem.cast if m.id == busiest)
    assert member.cost_per_day == 9000
    assert {d.isoformat() for d in member.unavailable} == set(off)
    shot = [s for day in schedule.days for s in day.strips]
    assert Counter(shot) == Counter(s.scene_id for s in problem.strips)  # each exactly once
    shoot_dates = set(problem.calendar.shoot_dates())
    by_key = {s.scene_id: s for s in problem.strips}
    for day in schedule.days:
        assert day.date in shoot_dates
        assert day.date.weekday() < 5
        minutes = sum(by_key[s].minutes for s in day.strips)
        assert minutes <= problem.rules.max_minutes_per_day
        assert len({by_key[s].location for s in day.strips}) - 1 <= (
            problem.rules.max_company_moves_per_day
        )
        for key in day.strips:
            for cast_id in by_key[key].cast:
                assert day.date not in next(m for m in problem.cast if m.id == cast_id).unavailable
    assert 0 <= stored.lower_bound <= stored.total_cost == sum(schedule.cost.values())
    assert stored.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert schedule.cost[Term.SHOOT_DAYS] > 0
    assert stored.episodes == (1,)


def test_versions_are_numbered_and_warm_starts_keep_locked_strips(granizo: Workspace) -> None:
    first = svc.solve_schedule(granizo, "granizo", time_limit=LIMIT, label="primera")
    locked = [first.schedule.days[0].strips[0], first.schedule.days[-1].strips[-1]]
    second = svc.solve_schedule(
        granizo, "granizo", time_limit=LIMIT, start_from=first.number, locked=locked
    )
    assert (first.number, second.number) == (1, 2)
    assert second.parent == 1 and second.locked == tuple(locked)
    for key in locked:
        assert second.schedule.day_of(key).date == first.schedule.day_of(key).date
    with granizo.transaction() as session:
        listed = svc.list_versions(session, "granizo")
        latest = svc.get_version(session, "granizo")
        comparison = svc.compare_versions(session, "granizo", 1, 2)
    assert [(v.number, v.label, v.kind, v.parent) for v in listed] == [
        (1, "primera", "solve", None),
        (2, "", "solve", 1),
    ]
    assert latest.number == 2
    assert comparison.total == (first.total_cost, second.total_cost)
    assert comparison.unchanged + len(comparison.moves) == len(first.problem.strips)
    before = {s: d.date for d in first.schedule.days for s in d.strips}
    after = {s: d.date for d in second.schedule.days for s in d.strips}
    assert {m.strip for m in comparison.moves} == {k for k in before if before[k] != after[k]}
    for move in comparison.moves:
        assert (move.before, move.after) == (before[move.strip], after[move.strip])
    assert set(comparison.days_added) == {d.date for d in second.schedule.days} - set(
        d.date for d in first.schedule.days
    )
    for term, (a, b) in comparison.cost.items():
        assert (a, b) == (first.schedule.cost[Term(term)], second.schedule.cost[Term(term)])


def test_another_productions_version_is_not_found(granizo: Workspace) -> None:
    svc.solve_schedule(granizo, "granizo", time_limit=LIMIT)
    with granizo.transaction() as session, pytest.raises(NotFound):
        svc.get_version(session, "otra", 1)
    with granizo.transaction() as session, pytest.raises(NotFound):
        svc.compare_versions(session, "otra", 1, 1)
    with pytest.raises(NotFound):
        svc.solve_schedule(granizo, "otra", time_limit=LIMIT, start_from=1)
    with granizo.transaction() as session:
        assert svc.list_versions(session, "otra") == []
        problem = svc.build_problem(session, "granizo")
        with pytest.raises(NotFound):
            svc.save_version(
                session,
                "otra",
                problem,
                svc.get_version(session, "granizo").schedule,
                kind="manual",
                parent=1,
            )


def test_unknown_production_and_episode(granizo: Workspace) -> None:
    with granizo.transaction() as session:
        with pytest.raises(NotFound):
            svc.build_problem(session, "nadie")
        with pytest.raises(NotFound):
            svc.get_setup(session, "nadie")
        with pytest.raises(NotFound):
            svc.build_problem(session, "granizo", [7])
        with pytest.raises(NotFound):
            svc.get_version(session, "granizo")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"calendar": {"start": "2027-13-01"}}, "calendar.start"),
        ({"calendar": {"work_days": 0}}, "calendar.work_days"),
        ({"calendar": {"weekly_days_off": [0, 1, 2, 3, 4, 5, 6]}}, "calendar.weekly_days_off"),
        ({"calendar": {"country": "XX"}}, "calendar.country"),
        ({"calendar": {"holidays": True}}, "calendar.holidays"),
        ({"rules": {"max_hours_per_day": 30}}, "rules.max_hours_per_day"),
        ({"rules": {"target_eighths_per_day": "seven"}}, "rules.target_eighths_per_day"),
        ({"weights": {"shoot_day": -5}}, "weights.shoot_day"),
        ({"cast": {"members": {"ABEL": {"cost_per_day": -1}}}}, "cast.members.ABEL.cost_per_day"),
        (
            {"cast": {"members": {"ABEL": {"unavailable": ["mañana"]}}}},
            "cast.members.ABEL.unavailable[0]",
        ),
        ({"sets": {"POZO 7": {"latitude": 123.0}}}, "sets.POZO 7.latitude"),
        ({"units": []}, "units"),
    ],
)
def test_malformed_setup_is_named_and_changes_nothing(
    granizo: Workspace, changes: dict[str, object], field: str
) -> None:
    with granizo.transaction() as session:
        before = svc.get_setup(session, "granizo")
    with pytest.raises(ValidationError) as caught, granizo.transaction() as session:
        svc.update_setup(session, "granizo", changes, before.version)
    assert caught.value.field == field
    with granizo.transaction() as session:
        assert svc.get_setup(session, "granizo") == before


def test_setup_changes_merge_and_a_stale_version_conflicts(granizo: Workspace) -> None:
    with granizo.transaction() as session:
        first = svc.get_setup(session, "granizo")
        second = svc.update_setup(
            session,
            "granizo",
            {
                "calendar": {
                    "work_days": 12,
                    "days_off": [{"start": "2027-03-03", "reason": "paro", "end": None}],
                },
                "cast": {"members": {"Abel": {"cost_per_day": 12000}}},
                "sets": {"HUERTA DE LOS MEDINA": {"location": "huerta", "city": "Cuauhtémoc"}},
            },
            first.version,
        )
    assert second.version == first.version + 1
    assert second.calendar["start"] == START.isoformat()  # kept from the first change
    with granizo.transaction() as session, pytest.raises(Conflict):
        svc.update_setup(session, "granizo", {"rules": {"turnaround_hours": 10}}, first.version)
    with granizo.transaction() as session:
        problem = svc.build_problem(session, "granizo")
        third = svc.update_setup(session, "granizo", {"cast": {"members": {"Abel": None}}}, None)
    assert problem.calendar.work_days == 12
    assert date(2027, 3, 3) not in problem.calendar.shoot_dates()
    assert next(m for m in problem.cast if m.name == "ABEL").cost_per_day == 12000
    huerta = [s for s in problem.strips if s.set_name == "HUERTA DE LOS MEDINA"]
    assert huerta and all(s.location == "huerta" for s in huerta)
    assert third.cast["members"] == {}


def test_time_limits_are_capped_and_locks_need_a_start(granizo: Workspace) -> None:
    with pytest.raises(LimitExceeded):
        svc.solve_schedule(granizo, "granizo", time_limit=svc.MAX_TIME_LIMIT + 1)
    with pytest.raises(ValidationError) as caught:
        svc.solve_schedule(granizo, "granizo", time_limit=0)
    assert caught.value.field == "time_limit"
    with pytest.raises(ValidationError) as caught:
        svc.solve_schedule(granizo, "granizo", time_limit=LIMIT, locked=["1-1"])
    assert caught.value.field == "locked"
    with granizo.transaction() as session:
        assert svc.list_versions(session, "granizo") == []


def test_the_stored_breakdown_gives_strips_their_crowd_and_elements(granizo: Workspace) -> None:
    with granizo.transaction() as session:
        rows = scenes.list_scenes(session=session, production="granizo")
        first, second = rows[0], rows[1]
        breakdown.add_tag(
            session=session,
            production="granizo",
            scene_id=first.id,
            category="background",
            name="JORNALEROS",
            count=30,
        )
        breakdown.add_tag(
            session=session,
            production="granizo",
            scene_id=first.id,
            category="vehicles",
            name="Camioneta de Abel",
        )
        rejected = breakdown.add_tag(
            session=session,
            production="granizo",
            scene_id=second.id,
            category="animals",
            name="Caballo",
        )
        breakdown.set_tag_status(
            session=session,
            production="granizo",
            tag_id=rejected.id,
            status="rejected",
            version=rejected.version,
        )
    with granizo.transaction() as session:
        problem = svc.build_problem(session, "granizo")
        other = svc.build_problem(session, "otra")
    strip = problem.strips[0]
    assert strip.background == 30
    assert strip.elements == ("vehicles: Camioneta de Abel",)
    # A crowd of 30 makes the strip longer than its pages alone.
    assert strip.estimated_hours > replace(strip, background=0).estimated_hours
    assert problem.strips[1].elements == ()
    # Tags of one production never reach another's strips.
    assert all(s.background == 0 and s.elements == () for s in other.strips)


def test_rules_that_cannot_hold_together_are_named_and_nothing_is_stored(
    granizo: Workspace,
) -> None:
    with granizo.transaction() as session:
        strip = next(s for s in svc.build_problem(session, "granizo").strips if s.cast)
        member = next(m for m in svc.build_problem(session, "granizo").cast if m.id in strip.cast)
        svc.update_setup(
            session,
            "granizo",
            {
                "rules": {"fixed_dates": {strip.scene_id: START.isoformat()}},
                "cast": {"members": {member.name: {"unavailable": [START.isoformat()]}}},
            },
            None,
        )
    with pytest.raises(Infeasible) as caught:
        svc.solve_schedule(granizo, "granizo", time_limit=LIMIT)
    words = " ".join(caught.value.rules)
    assert f"scene {strip.scene_id} is fixed on {START.isoformat()}" in words
    assert member.name in words and "unavailable" in words
    with granizo.transaction() as session:
        assert svc.list_versions(session, "granizo") == []
