"""The huey queue: SQLite storage in the data dir by default, Redis in team mode.

``JobQueue(settings)`` builds the huey instance and registers the tasks on it;
nothing is opened at import time. The web app and the CLI submit through it;
``mosaico worker`` runs its consumer, which opens the store once and calls
``services.jobs`` for each task. Job state lives in the store (the ``jobs``
table), not in huey, so any web worker can show any job.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from mosaico.errors import MosaicoError
from mosaico.services import jobs
from mosaico.services.context import Workspace, open_workspace
from mosaico.settings import Settings

log = logging.getLogger(__name__)

QUEUE_NAME = "mosaico"
QUEUE_FILE = "jobs-queue.sqlite3"


def make_huey(settings: Settings, name: str = QUEUE_NAME) -> Huey:
    """Redis when ``MOSAICO_REDIS_URL`` is set, else a SQLite file in the data dir."""
    if settings.redis_url:
        return RedisHuey(name, url=settings.redis_url, results=False, utc=True)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(settings.data_dir / QUEUE_FILE), results=False, utc=True)


#: Longest pause between two looks at an idle SQLite queue (huey's default is 10 s, which
#: a user would see as a job "queued" that long; Redis wakes the worker at once anyway).
MAX_POLL_SECONDS = 0.5


def consumer_options(workers: int) -> dict[str, Any]:
    """Worker threads, no periodic tasks, and a short poll of an idle queue."""
    return {
        "workers": workers,
        "worker_type": "thread",
        "periodic": False,
        "initial_delay": 0.1,
        "max_delay": MAX_POLL_SECONDS,
    }


class JobQueue:
    """The queue of one installation, with its tasks registered."""

    def __init__(
        self, settings: Settings, *, name: str = QUEUE_NAME, workspace: Workspace | None = None
    ) -> None:
        self.settings = settings
        self.huey = make_huey(settings, name)
        self._workspace = workspace
        self._lock = threading.Lock()
        self.solve_task = self.huey.task(name="solve")(self._run_solve)

    def workspace(self) -> Workspace:
        """The store, opened on first use (the worker's side)."""
        with self._lock:
            if self._workspace is None:
                self._workspace = open_workspace(self.settings)
            return self._workspace

    def _run_solve(self, job_id: int) -> None:
        jobs.run_solve(self.workspace(), job_id)

    def submit_solve(
        self,
        production: str,
        *,
        time_limit: float,
        episodes: Sequence[int] | None = None,
        locked: Sequence[str] = (),
        start_from: int | None = None,
        label: str = "",
    ) -> jobs.JobInfo:
        """Record a solve job and queue it; returns at once with the queued job."""
        workspace = self.workspace()
        with workspace.transaction() as session:
            job = jobs.create_solve_job(
                session=session,
                production=production,
                time_limit=time_limit,
                max_seconds=self.settings.job_seconds,
                episodes=episodes,
                locked=locked,
                start_from=start_from,
                label=label,
            )
        # Queued only once the row is committed, so the worker always finds it.
        task = self.solve_task.s(job.id)
        try:
            self.huey.enqueue(task)
        except Exception as exc:
            with workspace.transaction() as session:
                jobs.mark_failed(session=session, job_id=job.id, error=f"could not queue: {exc}")
            raise MosaicoError(f"the job queue is not reachable: {exc}") from exc
        with workspace.transaction() as session:
            jobs.set_task_id(session=session, job_id=job.id, task_id=str(task.id))
            return jobs.get_job(session=session, production=production, job_id=job.id)

    def cancel(self, production: str, job_id: int) -> jobs.JobInfo:
        """Cancel a job; a queued one never starts, a running one stops at its next report."""
        with self.workspace().transaction() as session:
            job = jobs.request_cancel(session=session, production=production, job_id=job_id)
        if job.task_id and job.status == jobs.CANCELLED:
            try:
                self.huey.revoke_by_id(job.task_id)
            except Exception:  # the row already says cancelled; the worker will skip it
                log.warning("could not revoke task %s of job %s", job.task_id, job_id)
        return job

    def consumer(self, workers: int = 1) -> WorkerConsumer:
        """The consumer ``mosaico worker`` runs: tasks in ``workers`` threads."""
        return WorkerConsumer(self.huey, **consumer_options(workers))


class WorkerConsumer(Consumer):  # type: ignore[misc]
    """huey's consumer, keeping its Ctrl-C handling through solves.

    CP-SAT installs its own SIGINT handler while it searches and leaves the
    default one behind, so a Ctrl-C after the first solve would kill the worker
    (and any running job) outright. The main loop puts the consumer's handlers
    back on every turn until a stop has been asked for.
    """

    def loop(self, health_check_ts: float | None = None) -> Any:
        if self._signum is None:
            self._set_signal_handlers()
        return super().loop(health_check_ts)


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A consumer that leaves signal handling to its host (tests, an embedding app)."""

    def _set_signal_handlers(self) -> None:
        return None


def start_in_thread(queue: JobQueue, workers: int = 1) -> EmbeddedConsumer:
    """Start a real consumer on ``queue`` inside this process; ``stop(graceful=True)`` ends it."""
    consumer = EmbeddedConsumer(queue.huey, **consumer_options(workers))
    consumer.start()
    return consumer
