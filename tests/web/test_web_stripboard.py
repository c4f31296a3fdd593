"""The stripboard page, its rule check, manual versions and the jobs API, on both stores."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_client import HTMX, serve

from mosaico.demo.series import load_series
from mosaico.jobs.queue import JobQueue, start_in_thread
from mosaico.schedule import lns
from mosaico.schedule.check import violations
from mosaico.services import productions, schedule, scripts
from mosaico.services.context import Workspace

# The setup: shooting from Monday 1 March 2027, a strike on Wednesday the 3rd,
# a two-week hiatus from the 15th, Mexico's public holidays (21 March is one).
START = date(2027, 3, 1)
STRIKE = date(2027, 3, 3)
HIATUS = (date(2027, 3, 8), date(2027, 3, 12))


def _import(workspace: Workspace, name: str, number: int = 1) -> None:
    episode = load_series().episodes[number - 1]
    with workspace.transaction() as session:
        productions.create(session=session, name=name, language="es")
        scripts.import_script(
            session=session,
            production=name,
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=number,
        )
        schedule.update_setup(
            session,
            name,
            {
                "calendar": {
                    "start": START.isoformat(),
                    "country": "MX",
                    "days_off": [
                        {"start": STRIKE.isoformat(), "end": None, "reason": "Strike"},
                        {
                            "start": HIATUS[0].isoformat(),
                            "end": HIATUS[1].isoformat(),
                            "reason": "Suspension",
                        },
                    ],
                }
            },
            None,
        )


@pytest.fixture
def solved(
    workspace: Workspace, tmp_path: Path
) -> Iterator[tuple[TestClient, schedule.ScheduleVersionInfo]]:
    """Production "demo" (episode 1 of the demo series) solved once, and a client on it.

    The app's job queue is a file of its own under ``tmp_path``.
    """
    _import(workspace, "demo")
    _import(workspace, "other", 2)
    version = schedule.solve_schedule(workspace, "demo", time_limit=3.0)
    with serve(replace(workspace.settings, data_dir=tmp_path)) as client:
        yield client, version


def board_of(version: schedule.ScheduleVersionInfo) -> list[dict[str, Any]]:
    return [{"date": d.date.isoformat(), "strips": list(d.strips)} for d in version.schedule.days]


def test_the_page_shows_days_strips_colours_and_banners(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    page = client.get("/productions/demo/stripboard?lang=en")
    assert page.status_code == 200
    html = page.text
    days = len(version.schedule.days)
    assert f"Day 1 of {days}" in html and f"Day {days} of {days}" in html
    # Every strip once, in the colour of its INT/EXT and time of day.
    keys = re.findall(r'data-key="([^"]+)"', html)
    assert sorted(keys) == sorted(s.scene_id for s in version.problem.strips)
    for strip in version.problem.strips:
        night = strip.time.value in ("NIGHT", "EVENING")
        place = {"EXT": "ext", "INT/EXT": "ie"}.get(strip.int_ext.value, "int")
        colour = f"strip-{place}-{'night' if night else 'day'}"
        assert re.search(
            rf'class="strip {colour}[^"]*" data-key="{re.escape(strip.scene_id)}"', html
        )
    # The strike and the hiatus sit between the days around them.
    assert "Strike" in html and "Suspension" in html
    assert "2027-03-08 – 2027-03-12" in html
    first = version.schedule.days[0].date
    assert first == START
    assert html.index("Strike") < html.index(f'data-date="{date(2027, 3, 4).isoformat()}"')
    # A move between locations within a day carries a banner.
    moves = sum(len(d.locations) - 1 for d in version.schedule.days)
    assert html.count("banner banner-move") == moves
    spanish = client.get("/productions/demo/stripboard?lang=es").text
    assert f"Día 1 de {days}" in spanish and "Tablero de tiras" in spanish


def test_a_version_of_another_production_or_none_is_refused(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, _ = solved
    assert client.get("/productions/demo/stripboard?version=9").status_code == 404
    empty = client.get("/productions/other/stripboard?lang=en")
    assert empty.status_code == 200 and "No schedule yet" in empty.text
    body = {"version": 1, "days": []}
    assert client.post("/api/productions/other/stripboard/check", json=body).status_code == 404


def test_the_check_judges_a_rearranged_board(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    url = "/api/productions/demo/stripboard/check"
    same = client.post(url, json={"version": 1, "days": board_of(version)}).json()
    assert same["violations"] == []
    assert same["total_cost"] == version.total_cost
    assert same["lower_bound"] == version.lower_bound
    # Everything on the first day: far too long a day.
    everything = [s for d in version.schedule.days for s in d.strips]
    crammed = [{"date": START.isoformat(), "strips": everything}]
    answer = client.post(url, json={"version": 1, "days": crammed}).json()
    rules = {v["rule"] for v in answer["violations"]}
    assert "day length" in rules
    long_day = next(v for v in answer["violations"] if v["rule"] == "day length")
    assert long_day["date"] == START.isoformat() and long_day["text"]
    assert answer["days"] == [
        {
            "date": START.isoformat(),
            "eighths": sum(s.eighths for s in version.problem.strips),
            "hours": pytest.approx(sum(s.minutes for s in version.problem.strips) / 60, abs=0.01),
        }
    ]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ("twice", "days[2].strips", "twice"),
        ("unknown", "days[1].strips", "no strip"),
        ("weekend", "days[1].date", "not a shooting date"),
        ("strike", "days[1].date", "not a shooting date"),
        ("missing", "days", "off the board"),
        ("bad-date", "days[1].date", "not a date"),
    ],
)
def test_a_malformed_board_is_refused_naming_the_field(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo], change: str, field: str, words: str
) -> None:
    client, version = solved
    days = board_of(version)
    if change == "twice":
        days[1]["strips"].append(days[0]["strips"][0])
    elif change == "unknown":
        days[0]["strips"].append("9-999")
    elif change == "weekend":
        days[0]["date"] = "2027-03-06"
    elif change == "strike":
        days[0]["date"] = STRIKE.isoformat()
    elif change == "missing":
        days[0]["strips"].pop()
    else:
        days[0]["date"] = "March 1st"
    for url, body in (
        ("/api/productions/demo/stripboard/check", {"version": 1, "days": days}),
        ("/api/productions/demo/schedules/manual", {"from_version": 1, "days": days}),
    ):
        answer = client.post(url, json=body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["field"] == field
        assert words in answer.json()["error"]
    assert [v.number for v in _versions(client)] == [1]


def _versions(client: TestClient) -> list[Any]:
    workspace = client.app.state.workspace  # type: ignore[attr-defined]
    with workspace.transaction() as session:
        return schedule.list_versions(session, "demo")


def test_a_board_moved_by_hand_is_saved_as_a_manual_version_with_its_locks(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    days = board_of(version)
    # Find a strip and another day the rules allow it on, by asking the check.
    url = "/api/productions/demo/stripboard/check"
    chosen = None
    for source, day in enumerate(days):
        for moved in day["strips"]:
            for target in range(len(days)):
                if target == source:
                    continue
                trial = [{"date": d["date"], "strips": list(d["strips"])} for d in days]
                trial[source]["strips"].remove(moved)
                trial[target]["strips"].append(moved)
                trial = [d for d in trial if d["strips"]]
                if not client.post(url, json={"version": 1, "days": trial}).json()["violations"]:
                    chosen = (moved, target, trial)
                    break
            if chosen:
                break
        if chosen:
            break
    assert chosen is not None, "no strip can move to another day"
    moved, target, trial = chosen
    saved = client.post(
        "/api/productions/demo/schedules/manual",
        json={"from_version": 1, "days": trial, "locked": [moved], "label": "by hand"},
    )
    assert saved.status_code == 201, saved.text
    body = saved.json()
    assert (body["number"], body["kind"], body["parent"], body["label"]) == (
        2,
        "manual",
        1,
        "by hand",
    )
    assert body["locked"] == [moved]
    workspace = client.app.state.workspace  # type: ignore[attr-defined]
    with workspace.transaction() as session:
        stored = schedule.get_version(session, "demo", 2)
    assert stored.schedule.day_of(moved).date.isoformat() == days[target]["date"]
    assert stored.schedule.day_of(moved).strips[-1] == moved  # the board's order is kept
    assert stored.lower_bound <= stored.total_cost
    page = client.get("/productions/demo/stripboard?version=2&lang=en").text
    assert re.search(rf'class="strip [^"]*locked" data-key="{re.escape(moved)}"', page)


def test_a_board_that_breaks_a_rule_is_not_saved(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    everything = [s for d in version.schedule.days for s in d.strips]
    answer = client.post(
        "/api/productions/demo/schedules/manual",
        json={"from_version": 1, "days": [{"date": START.isoformat(), "strips": everything}]},
    )
    assert answer.status_code == 422
    assert "breaks" in answer.json()["error"]
    assert [v.number for v in _versions(client)] == [1]


def test_jobs_api_queues_shows_and_cancels(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, _ = solved
    queued = client.post("/api/productions/demo/jobs", json={"time_limit": 5, "episodes": [1]})
    assert queued.status_code == 202
    job = queued.json()
    assert job["status"] == "queued" and job["episodes"] == [1]
    shown = client.get(f"/api/productions/demo/jobs/{job['id']}").json()
    assert shown["id"] == job["id"] and shown["progress"] == []
    assert client.get(f"/api/productions/other/jobs/{job['id']}").status_code == 404
    assert client.post(f"/api/productions/other/jobs/{job['id']}/cancel").status_code == 404
    cancelled = client.post(f"/api/productions/demo/jobs/{job['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert client.post(f"/api/productions/demo/jobs/{job['id']}/cancel").status_code == 409
    too_long = client.post("/api/productions/demo/jobs", json={"time_limit": 100_000})
    assert too_long.status_code == 413
    unknown = client.post("/api/productions/demo/jobs", json={"episodes": [7]})
    assert unknown.status_code == 404
    listed = client.get("/api/productions/demo/jobs").json()
    assert [j["id"] for j in listed] == [job["id"]]
    page = client.get("/productions/demo/jobs?lang=es").text
    assert "Cálculos en segundo plano" in page and "cancelado" in page


def test_reoptimise_from_the_page_runs_in_a_worker_and_the_panel_follows_it(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    state = client.app.state  # type: ignore[attr-defined]
    state.job_queue = JobQueue(state.workspace.settings, workspace=state.workspace)
    consumer = start_in_thread(state.job_queue)
    try:
        locked = version.schedule.days[0].strips[0]
        panel = client.post(
            "/productions/demo/jobs?lang=en",
            data={"time_limit": "2", "start_from": "1", "locked": locked, "episodes": "1"},
            headers=HTMX,
        )
        assert panel.status_code == 200
        assert 'hx-trigger="every 1s"' in panel.text
        job_id = int(re.search(r'data-job="(\d+)"', panel.text).group(1))  # type: ignore[union-attr]
        deadline = time.monotonic() + 120
        while True:
            fragment = client.get(f"/productions/demo/jobs/{job_id}?lang=en", headers=HTMX).text
            if 'data-status="done"' in fragment or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert 'data-status="done"' in fragment, fragment
        assert "hx-trigger" not in fragment  # a finished job stops polling
        assert "Open version 2 on the stripboard" in fragment
        assert "<polyline" in fragment
    finally:
        consumer.stop(graceful=True)
    workspace = client.app.state.workspace  # type: ignore[attr-defined]
    with workspace.transaction() as session:
        second = schedule.get_version(session, "demo", 2)
    assert second.parent == 1 and second.locked == (locked,)
    assert second.schedule.day_of(locked).date == version.schedule.day_of(locked).date


def test_a_stored_version_that_breaks_rules_shows_them_on_its_strips(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, version = solved
    problem = version.problem
    dates = problem.calendar.shoot_dates()
    crammed = lns.to_schedule(
        problem, dates, {s.scene_id: 0 for s in problem.strips}, lower_bound=0, seconds=0.0
    )
    workspace = client.app.state.workspace  # type: ignore[attr-defined]
    with workspace.transaction() as session:
        schedule.save_version(session, "demo", problem, crammed, kind="manual")
    html = client.get("/productions/demo/stripboard?version=2&lang=en").text
    assert "rules broken" in html or "rule broken" in html
    assert re.search(r'class="day violates" data-date="2027-03-01"', html)
    marked = re.findall(r'class="strip [^"]*violates" data-key="([^"]+)"', html)
    assert marked and set(marked) <= {s.scene_id for s in problem.strips}
    placed = {s.scene_id: dates[0] for s in problem.strips}
    for broken in violations(problem, placed):
        assert html_escape(broken.text, quote=True) in html


def test_the_jobs_page_refreshes_while_a_job_is_active_and_a_late_cancel_is_harmless(
    solved: tuple[TestClient, schedule.ScheduleVersionInfo],
) -> None:
    client, _ = solved
    job = client.post("/api/productions/demo/jobs", json={"time_limit": 5}).json()
    rows = client.get("/productions/demo/jobs?lang=en", headers=HTMX).text
    assert rows.lstrip().startswith("<tbody") and "hx-trigger" in rows
    assert "queued: waiting for a worker" in rows
    first = client.post(f"/productions/demo/jobs/{job['id']}/cancel?lang=en", headers=HTMX)
    assert first.status_code == 200 and 'data-status="cancelled"' in first.text
    # The page's button clicked again (the job already over): the panel, not an error.
    late = client.post(f"/productions/demo/jobs/{job['id']}/cancel?lang=en", headers=HTMX)
    assert late.status_code == 200 and 'data-status="cancelled"' in late.text
    assert "button" not in late.text  # nothing left to cancel
    quiet = client.get("/productions/demo/jobs?lang=en", headers=HTMX).text
    assert "hx-trigger" not in quiet
