"""Background solves through a real huey consumer, on a SQLite queue and on Redis.

The consumer runs in worker threads of this process (``start_in_thread``), so
every test sees the queue, the worker and the store exactly as production does:
the job is committed, queued, picked up, solved by CP-SAT, and its progress and
result are read back from the store.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis
from demo_episode import import_demo_episode

from conftest import require
from mosaico.errors import Conflict, LimitExceeded, NotFound, ValidationError
from mosaico.jobs.queue import EmbeddedConsumer, JobQueue, start_in_thread
from mosaico.services import jobs, productions, schedule
from mosaico.services.context import Workspace

REDIS_URL = "redis://127.0.0.1:6379/0"
# Long enough that a search is still running when the test cancels it.
LONG = 20.0


def _redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["sqlite-queue", pytest.param("redis-queue", marks=pytest.mark.redis)])
def queue(
    request: pytest.FixtureRequest, workspace: Workspace, tmp_path: Path
) -> Iterator[JobQueue]:
    """A job queue of its own (file or Redis name) over the test's store."""
    if request.param == "redis-queue":
        require(_redis_reachable(), f"Redis at {REDIS_URL}")
        settings = replace(workspace.settings, data_dir=tmp_path, redis_url=REDIS_URL)
    else:
        settings = replace(workspace.settings, data_dir=tmp_path, redis_url=None)
    made = JobQueue(settings, name=f"mosaico-test-{uuid.uuid4().hex[:10]}", workspace=workspace)
    yield made
    made.huey.flush()


@pytest.fixture
def worker(queue: JobQueue) -> Iterator[Callable[[], EmbeddedConsumer]]:
    """Starts a consumer on the queue when called; stopped after the test."""
    started: list[EmbeddedConsumer] = []

    def start() -> EmbeddedConsumer:
        started.append(start_in_thread(queue, workers=1))
        return started[-1]

    yield start
    for consumer in started:
        consumer.stop(graceful=True)


def wait_for(
    queue: JobQueue, job_id: int, done: Callable[[jobs.JobInfo], bool], production: str = "demo"
) -> jobs.JobInfo:
    """The job once ``done`` holds for it; fails after two minutes (a hung worker)."""
    deadline = time.monotonic() + 120
    while True:
        with queue.workspace().transaction() as session:
            job = jobs.get_job(session=session, production=production, job_id=job_id)
        if done(job):
            return job
        if time.monotonic() > deadline:
            pytest.fail(f"job {job_id} never got there: {job}")
        time.sleep(0.1)


def test_a_solve_runs_in_the_worker_and_saves_a_version_with_its_progress(
    queue: JobQueue, worker: Callable[[], EmbeddedConsumer]
) -> None:
    import_demo_episode(queue.workspace())
    worker()
    job = queue.submit_solve("demo", time_limit=2.0, episodes=[1])
    assert job.status in (jobs.QUEUED, jobs.RUNNING)
    assert job.task_id
    finished = wait_for(queue, job.id, lambda j: j.finished)
    assert finished.status == jobs.DONE, finished.error
    with queue.workspace().transaction() as session:
        version = schedule.get_version(session, "demo", finished.schedule_number)
    assert version.kind == "solve"
    assert (finished.cost, finished.bound) == (version.total_cost, version.lower_bound)
    # Progress: a curve of improving schedules over time, ending on the saved one.
    points = finished.progress
    assert points
    assert all(p.bound <= p.cost for p in points)
    assert [p.seconds for p in points] == sorted(p.seconds for p in points)
    assert points[-1].cost == version.total_cost
    # Every strip of the episode is shot exactly once.
    placed = [s for day in version.schedule.days for s in day.strips]
    assert sorted(placed) == sorted(s.scene_id for s in version.problem.strips)


def test_a_running_solve_is_cancelled_and_keeps_its_best_schedule(
    queue: JobQueue, worker: Callable[[], EmbeddedConsumer]
) -> None:
    import_demo_episode(queue.workspace())
    worker()
    job = queue.submit_solve("demo", time_limit=LONG, episodes=[1])
    running = wait_for(queue, job.id, lambda j: j.status == jobs.RUNNING and bool(j.progress))
    assert running.cost is not None
    queue.cancel("demo", job.id)
    cancelled = wait_for(queue, job.id, lambda j: j.finished)
    assert cancelled.status == jobs.CANCELLED
    assert cancelled.schedule_number is not None
    with queue.workspace().transaction() as session:
        version = schedule.get_version(session, "demo", cancelled.schedule_number)
    # Stopped well before its time limit, with the best schedule found so far.
    assert version.seconds < LONG
    assert version.total_cost == cancelled.cost
    assert cancelled.cost is not None and running.cost is not None
    assert cancelled.cost <= running.cost
    with pytest.raises(Conflict, match="already finished"):
        queue.cancel("demo", job.id)


def test_a_queued_job_cancelled_before_a_worker_runs_never_starts(
    queue: JobQueue, worker: Callable[[], EmbeddedConsumer]
) -> None:
    import_demo_episode(queue.workspace())
    job = queue.submit_solve("demo", time_limit=2.0)
    assert job.status == jobs.QUEUED
    cancelled = queue.cancel("demo", job.id)
    assert cancelled.status == jobs.CANCELLED
    # A second job queued behind it shows the worker has been through the queue.
    second = queue.submit_solve("demo", time_limit=2.0)
    worker()
    assert wait_for(queue, second.id, lambda j: j.finished).status == jobs.DONE
    with queue.workspace().transaction() as session:
        first = jobs.get_job(session=session, production="demo", job_id=job.id)
        versions = schedule.list_versions(session, "demo")
    assert first.status == jobs.CANCELLED
    assert first.started_at is None and first.schedule_number is None
    assert len(versions) == 1


def test_a_failing_solve_is_reported_with_its_reason(
    queue: JobQueue, worker: Callable[[], EmbeddedConsumer]
) -> None:
    import_demo_episode(queue.workspace())
    worker()
    job = queue.submit_solve("demo", time_limit=2.0, start_from=7)
    failed = wait_for(queue, job.id, lambda j: j.finished)
    assert failed.status == jobs.FAILED
    assert "7" in failed.error and "not found" in failed.error
    with queue.workspace().transaction() as session:
        assert schedule.list_versions(session, "demo") == []


def test_bad_requests_are_refused_before_anything_is_queued(queue: JobQueue) -> None:
    import_demo_episode(queue.workspace())
    with queue.workspace().transaction() as session:
        productions.create(session=session, name="other")
    with pytest.raises(LimitExceeded, match="MOSAICO_JOB_SECONDS"):
        queue.submit_solve("demo", time_limit=queue.settings.job_seconds + 1)
    with pytest.raises(ValidationError, match="time_limit"):
        queue.submit_solve("demo", time_limit=0)
    with pytest.raises(NotFound, match="episode 9"):
        queue.submit_solve("demo", time_limit=1, episodes=[1, 9])
    with pytest.raises(ValidationError, match="start_from"):
        queue.submit_solve("demo", time_limit=1, locked=["1-1"])
    with pytest.raises(NotFound, match="production 'nobody'"):
        queue.submit_solve("nobody", time_limit=1)
    with queue.workspace().transaction() as session:
        assert jobs.list_jobs(session=session, production="demo") == []
    assert queue.huey.pending_count() == 0
    job = queue.submit_solve("demo", time_limit=1)
    # Another production cannot see, or cancel, this production's job.
    with pytest.raises(NotFound, match="job"):
        queue.cancel("other", job.id)
    with queue.workspace().transaction() as session:
        with pytest.raises(NotFound):
            jobs.get_job(session=session, production="other", job_id=job.id)
        assert jobs.get_job(session=session, production="demo", job_id=job.id).status == "queued"
