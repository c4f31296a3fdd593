"""Background jobs through the service, without a queue: create, run, progress, cancel, scoping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from mosaico.demo.series import load_series
from mosaico.errors import Conflict, LimitExceeded, NotFound, ValidationError
from mosaico.schedule.lns import Progress
from mosaico.services import jobs, productions, schedule, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import Job


def _demo(workspace: Workspace, name: str = "demo") -> None:
    episode = load_series().episodes[0]
    with workspace.transaction() as session:
        productions.create(session=session, name=name)
        scripts.import_script(
            session=session,
            production=name,
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=1,
        )


def _create(workspace: Workspace, **kw: object) -> jobs.JobInfo:
    options: dict[str, object] = {"production": "demo", "time_limit": 2.0, "max_seconds": 600}
    options.update(kw)
    with workspace.transaction() as session:
        return jobs.create_solve_job(session=session, **options)  # type: ignore[arg-type]


def _get(workspace: Workspace, job_id: int, production: str = "demo") -> jobs.JobInfo:
    with workspace.transaction() as session:
        return jobs.get_job(session=session, production=production, job_id=job_id)


def test_a_job_run_by_the_service_saves_a_version_and_its_figures(workspace: Workspace) -> None:
    _demo(workspace)
    job = _create(workspace, episodes=[1], label="first")
    assert (job.status, job.episodes, job.label, job.progress) == ("queued", (1,), "first", ())
    done = jobs.run_solve(workspace, job.id)
    assert done.status == jobs.DONE, done.error
    assert done.started_at is not None and done.finished_at is not None
    assert done.finished_at >= done.started_at
    with workspace.transaction() as session:
        version = schedule.get_version(session, "demo", done.schedule_number)
    assert version.label == "first"
    assert (done.cost, done.bound) == (version.total_cost, version.lower_bound)
    assert done.progress[-1].cost == version.total_cost
    # A queue may deliver a task twice: the second run changes nothing.
    again = jobs.run_solve(workspace, job.id)
    assert again == _get(workspace, job.id)
    with workspace.transaction() as session:
        assert len(schedule.list_versions(session, "demo")) == 1


def test_the_progress_hook_records_points_and_stops_on_cancel(workspace: Workspace) -> None:
    _demo(workspace)
    job = _create(workspace)
    recorder = jobs._Recorder(workspace, job.id, time_limit=60.0)
    assert recorder(Progress(incumbent=900, bound=100, seconds=0.5, iteration=1)) is True
    stored = _get(workspace, job.id)
    assert [(p.cost, p.bound) for p in stored.progress] == [(900, 100)]
    assert stored.progress[0].seconds >= 0
    assert (stored.cost, stored.bound) == (900, 100)
    with workspace.transaction() as session:
        jobs.request_cancel(session=session, production="demo", job_id=job.id)
    # The job is queued, so the cancel took effect at once; a running one reads the flag.
    assert _get(workspace, job.id).status == jobs.CANCELLED
    recorder.write()
    assert recorder(Progress(incumbent=800, bound=150, seconds=1.0, iteration=2)) is False


def test_a_running_job_is_asked_to_stop_and_a_finished_one_cannot_be_cancelled(
    workspace: Workspace,
) -> None:
    _demo(workspace)
    job = _create(workspace)
    claimed, ok = jobs._claim(workspace, job.id)
    assert ok and claimed.status == jobs.RUNNING
    with workspace.transaction() as session:
        asked = jobs.request_cancel(session=session, production="demo", job_id=job.id)
    assert asked.status == jobs.RUNNING and asked.cancel_requested
    recorder = jobs._Recorder(workspace, job.id, time_limit=60.0)
    assert recorder(Progress(incumbent=5, bound=1, seconds=0.1, iteration=1)) is False
    finished = jobs._finish(workspace, job.id, status=jobs.CANCELLED)
    assert finished.status == jobs.CANCELLED
    with workspace.transaction() as session, pytest.raises(Conflict, match="already finished"):
        jobs.request_cancel(session=session, production="demo", job_id=job.id)


def test_a_search_past_its_time_limit_is_stopped(workspace: Workspace) -> None:
    _demo(workspace)
    job = _create(workspace)
    recorder = jobs._Recorder(workspace, job.id, time_limit=0.001)
    recorder._started -= jobs.GRACE_SECONDS + 1
    assert recorder(Progress(incumbent=5, bound=1, seconds=6.0, iteration=1)) is False


def test_progress_is_thinned_but_keeps_its_ends(workspace: Workspace) -> None:
    _demo(workspace)
    job = _create(workspace)
    recorder = jobs._Recorder(workspace, job.id, time_limit=600.0)
    total = jobs.MAX_POINTS * 3
    for i in range(total):
        recorder(Progress(incumbent=10_000 - i, bound=i // 2, seconds=i / 10, iteration=i))
    assert len(recorder.points) <= jobs.MAX_POINTS
    assert recorder.points[0][1:] == [10_000, 0]
    seconds = [point[0] for point in recorder.points]
    assert seconds == sorted(seconds)
    assert recorder.points[-1][1] == 10_000 - (total - 1)
    recorder.write()
    assert len(_get(workspace, job.id).progress) == len(recorder.points)


def test_a_cancelled_job_is_skipped_and_a_failing_one_says_why(workspace: Workspace) -> None:
    _demo(workspace)
    first = _create(workspace)
    with workspace.transaction() as session:
        jobs.request_cancel(session=session, production="demo", job_id=first.id)
    assert jobs.run_solve(workspace, first.id).status == jobs.CANCELLED
    failing = _create(workspace, start_from=5)
    failed = jobs.run_solve(workspace, failing.id)
    assert failed.status == jobs.FAILED
    assert "schedule version 5 not found" in failed.error
    with pytest.raises(NotFound, match="job 999"):
        jobs.run_solve(workspace, 999)


def test_bad_jobs_are_refused_and_nothing_is_stored(workspace: Workspace) -> None:
    _demo(workspace)
    _demo(workspace, "other")
    cases: list[tuple[dict[str, object], type[Exception], str]] = [
        ({"time_limit": 601}, LimitExceeded, "MOSAICO_JOB_SECONDS"),
        ({"time_limit": -1}, ValidationError, "time_limit"),
        ({"episodes": []}, ValidationError, "episodes"),
        ({"episodes": [2]}, NotFound, "episode 2"),
        ({"locked": ["1-1"]}, ValidationError, "start_from"),
        ({"locked": [""], "start_from": 1}, ValidationError, "locked"),
        ({"start_from": 0}, ValidationError, "start_from"),
        ({"label": "x" * 201}, ValidationError, "label"),
        ({"production": "nobody"}, NotFound, "production"),
    ]
    for options, error, words in cases:
        with pytest.raises(error, match=words):
            _create(workspace, **options)
    with workspace.transaction() as session:
        assert jobs.list_jobs(session=session, production="demo") == []
    job = _create(workspace)
    with pytest.raises(NotFound):
        _get(workspace, job.id, "other")
    with workspace.transaction() as session:
        assert jobs.list_jobs(session=session, production="other") == []
        assert jobs.count_active(session=session, production="demo") == 1


def test_a_running_job_whose_worker_went_silent_is_failed(workspace: Workspace) -> None:
    _demo(workspace)
    alive, silent = _create(workspace), _create(workspace)
    for job in (alive, silent):
        assert jobs._claim(workspace, job.id)[1]
    long_ago = datetime.now(UTC) - timedelta(seconds=jobs.STALE_SECONDS + 5)
    with workspace.transaction() as session:
        session.execute(update(Job).where(Job.id == silent.id).values(heartbeat_at=long_ago))
    with workspace.transaction() as session:
        listed = {j.id: j for j in jobs.list_jobs(session=session, production="demo")}
    assert listed[alive.id].status == jobs.RUNNING
    assert listed[silent.id].status == jobs.FAILED
    assert "no sign of life" in listed[silent.id].error
    assert listed[silent.id].finished_at is not None


def test_progress_keeps_the_best_cost_and_bound_across_solver_phases(workspace: Workspace) -> None:
    """A later phase may count its seconds from zero and report a weaker bound: the curve
    keeps one clock, the best schedule found and the best bound proven."""
    _demo(workspace)
    job = _create(workspace)
    recorder = jobs._Recorder(workspace, job.id, time_limit=600.0)
    recorder(Progress(incumbent=1_000, bound=600, seconds=3.0, iteration=1))
    recorder(Progress(incumbent=900, bound=650, seconds=4.0, iteration=2))
    recorder(Progress(incumbent=950, bound=200, seconds=0.1, iteration=1))  # next phase
    recorder(Progress(incumbent=850, bound=200, seconds=0.2, iteration=2))
    costs = [p[1] for p in recorder.points]
    bounds = [p[2] for p in recorder.points]
    assert costs == [1_000, 900, 850]
    assert bounds == [600, 650, 650]
    seconds = [p[0] for p in recorder.points]
    assert seconds == sorted(seconds)
