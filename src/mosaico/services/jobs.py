"""Background jobs: a schedule solve is queued, run by a worker, watched and cancelled.

The shells create a job here (``create_solve_job``) and hand its id to the queue
(``mosaico.jobs``); the worker calls ``run_solve``, which solves outside any
transaction and writes the search's progress (incumbent cost and lower bound
over time) into the job row as it goes. A user's cancel only sets a flag; the
worker reads it with each progress write and stops the search, keeping the
best schedule found so far as a version.

The worker writes with plain ``UPDATE`` statements on the columns it owns, so
a cancel arriving at the same moment is never lost to a version clash.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from mosaico.errors import Conflict, LimitExceeded, MosaicoError, NotFound, ValidationError
from mosaico.schedule.model import Progress
from mosaico.services import productions
from mosaico.services.context import Workspace
from mosaico.store.tables import Episode, Job

log = logging.getLogger(__name__)

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
CANCELLED = "cancelled"
FINISHED = frozenset({DONE, FAILED, CANCELLED})
KINDS = ("solve",)

#: Seconds between two progress writes: often enough for a chart, rare enough for the store.
RECORD_EVERY = 0.5
#: Points kept per job; past this, every other old point is dropped (the curve stays).
MAX_POINTS = 400
#: Seconds a search may overrun its own time limit before the worker stops it.
GRACE_SECONDS = 5.0
MAX_LOCKED = 10_000
#: The worker running a job says it is alive this often (seconds)...
HEARTBEAT_SECONDS = 5.0
#: ...and a running job silent this long has lost its worker (killed, machine gone).
STALE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Point:
    """The search at one moment: best cost found, proven lower bound."""

    seconds: float
    cost: int
    bound: int

    @property
    def gap(self) -> float:
        return 0.0 if self.cost <= 0 else max(0.0, (self.cost - self.bound) / self.cost)


@dataclass(frozen=True, slots=True)
class JobInfo:
    """A job as the shells show it."""

    id: int
    production: str
    kind: str
    status: str
    episodes: tuple[int, ...] | None
    time_limit: float
    locked: tuple[str, ...]
    start_from: int | None
    label: str
    progress: tuple[Point, ...]
    cancel_requested: bool
    schedule_number: int | None
    cost: int | None
    bound: int | None
    error: str
    task_id: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def gap(self) -> float | None:
        if self.cost is None or self.bound is None:
            return None
        return Point(0.0, self.cost, self.bound).gap

    @property
    def seconds(self) -> float | None:
        """How long it ran (so far, while it runs)."""
        if self.started_at is None:
            return None
        end = self.finished_at or datetime.now(UTC)
        return max(0.0, (end - self.started_at).total_seconds())


def _info(job: Job, slug: str) -> JobInfo:
    params = job.params
    episodes = params.get("episodes")
    return JobInfo(
        id=job.id,
        production=slug,
        kind=job.kind,
        status=job.status,
        episodes=None if episodes is None else tuple(int(e) for e in episodes),
        time_limit=float(params["time_limit"]),
        locked=tuple(str(k) for k in params.get("locked", ())),
        start_from=params.get("start_from"),
        label=str(params.get("label", "")),
        progress=tuple(Point(float(s), int(c), int(b)) for s, c, b in job.progress),
        cancel_requested=job.cancel_requested,
        schedule_number=job.schedule_number,
        cost=job.cost,
        bound=job.bound,
        error=job.error,
        task_id=job.task_id,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def _now() -> datetime:
    return datetime.now(UTC)


# --- what the shells call ---------------------------------------------------------


def create_solve_job(
    *,
    session: Session,
    production: str,
    time_limit: float,
    max_seconds: float,
    episodes: Sequence[int] | None = None,
    locked: Sequence[str] = (),
    start_from: int | None = None,
    label: str = "",
) -> JobInfo:
    """A queued solve of ``production`` (its ``episodes``, all when ``None``).

    ``locked`` strips keep the dates they have in version ``start_from``.
    Checked here, before anything is queued: the time limit against
    ``max_seconds`` (``MOSAICO_JOB_SECONDS``), the episodes against the production.
    """
    info = productions.get_or_raise(session=session, name=production)
    if not time_limit > 0:
        raise ValidationError(
            "time_limit", f"must be a positive number of seconds, got {time_limit}"
        )
    if time_limit > max_seconds:
        raise LimitExceeded(
            f"time limit {time_limit:g} s is over the {max_seconds:g} s a background solve "
            "may take (MOSAICO_JOB_SECONDS)"
        )
    chosen: list[int] | None = None
    if episodes is not None:
        chosen = sorted(set(episodes))
        if not chosen:
            raise ValidationError("episodes", "name at least one episode, or none for all")
        known = set(session.scalars(select(Episode.number).where(Episode.production_id == info.id)))
        for number in chosen:
            if number not in known:
                raise NotFound("episode", number, production)
    if len(locked) > MAX_LOCKED:
        raise LimitExceeded(f"{len(locked)} locked strips; at most {MAX_LOCKED}")
    for key in locked:
        if not isinstance(key, str) or not key or len(key) > 64:
            raise ValidationError("locked", f"{str(key)[:40]!r} is not a strip key")
    if locked and start_from is None:
        raise ValidationError(
            "locked", "locked strips keep their dates in a version: give start_from"
        )
    if len(label) > 200:
        raise ValidationError("label", "a label is at most 200 characters")
    if start_from is not None and start_from < 1:
        raise ValidationError("start_from", f"a version number is 1 or more, got {start_from}")
    job = Job(
        production_id=info.id,
        kind="solve",
        status=QUEUED,
        params={
            "episodes": chosen,
            "time_limit": float(time_limit),
            "locked": list(dict.fromkeys(locked)),
            "start_from": start_from,
            "label": label,
        },
        progress=[],
        cancel_requested=False,
        error="",
        task_id="",
    )
    session.add(job)
    session.flush()
    return _info(job, info.slug)


def _reap(session: Session, production_id: int) -> None:
    """Running jobs whose worker has gone silent are failed, so no page waits for them forever."""
    silent = _now() - timedelta(seconds=STALE_SECONDS)
    session.execute(
        update(Job)
        .where(
            Job.production_id == production_id,
            Job.status == RUNNING,
            Job.heartbeat_at < silent,
        )
        .values(
            status=FAILED,
            error=f"the worker running it stopped (no sign of life for {STALE_SECONDS:g} s)",
            finished_at=_now(),
            version=Job.version + 1,
        )
        .execution_options(synchronize_session=False)
    )


def _job(session: Session, production: str, job_id: int) -> tuple[Job, str]:
    info = productions.get_or_raise(session=session, name=production)
    _reap(session, info.id)
    job = session.scalar(select(Job).where(Job.id == job_id, Job.production_id == info.id))
    if job is None:
        raise NotFound("job", job_id, production)
    return job, info.slug


def get_job(*, session: Session, production: str, job_id: int) -> JobInfo:
    job, slug = _job(session, production, job_id)
    return _info(job, slug)


def list_jobs(*, session: Session, production: str, limit: int = 50) -> list[JobInfo]:
    """The production's jobs, newest first."""
    info = productions.get_or_raise(session=session, name=production)
    _reap(session, info.id)
    rows = session.scalars(
        select(Job)
        .where(Job.production_id == info.id)
        .order_by(Job.id.desc())
        .limit(max(1, min(limit, 500)))
    )
    return [_info(job, info.slug) for job in rows]


def set_task_id(*, session: Session, job_id: int, task_id: str) -> None:
    """The queue's own id of the job's task (to revoke it)."""
    session.execute(
        update(Job).where(Job.id == job_id).values(task_id=task_id[:64], version=Job.version + 1)
    )


def request_cancel(*, session: Session, production: str, job_id: int) -> JobInfo:
    """Stop a job: a queued one is cancelled at once, a running one when its search next reports.

    A finished job cannot be cancelled (``Conflict``).
    """
    job, slug = _job(session, production, job_id)
    if job.status in FINISHED:
        raise Conflict(f"job {job_id} has already finished ({job.status})")
    # One statement each, so a worker claiming the job at this moment is never overwritten.
    claimed = session.execute(
        update(Job)
        .where(Job.id == job.id, Job.status == QUEUED)
        .values(
            status=CANCELLED,
            cancel_requested=True,
            finished_at=_now(),
            error="cancelled before it started",
            version=Job.version + 1,
        )
    )
    if not getattr(claimed, "rowcount", 0):
        session.execute(
            update(Job)
            .where(Job.id == job.id)
            .values(cancel_requested=True, version=Job.version + 1)
        )
    session.expire(job)
    return _info(session.get_one(Job, job.id), slug)


def mark_failed(*, session: Session, job_id: int, error: str) -> None:
    """A job that could not be queued or run; ``error`` says why."""
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status.in_((QUEUED, RUNNING)))
        .values(status=FAILED, error=error[:2000], finished_at=_now(), version=Job.version + 1)
    )


def count_active(*, session: Session, production: str) -> int:
    info = productions.get_or_raise(session=session, name=production)
    found = session.scalar(
        select(func.count())
        .select_from(Job)
        .where(Job.production_id == info.id, Job.status.in_((QUEUED, RUNNING)))
    )
    return int(found or 0)


# --- what the worker calls ----------------------------------------------------------


class _Recorder:
    """The solver's progress hook: writes points now and then, and says when to stop."""

    def __init__(self, workspace: Workspace, job_id: int, time_limit: float) -> None:
        self.workspace = workspace
        self.job_id = job_id
        self.time_limit = time_limit
        self.points: list[list[float | int]] = []
        self.cancelled = False
        self.overran = False
        self._written = -RECORD_EVERY
        self._started = time.monotonic()
        self._lock = threading.Lock()  # the solver may report from several threads

    def elapsed(self) -> float:
        return round(time.monotonic() - self._started, 3)

    def __call__(self, progress: Progress) -> bool:
        with self._lock:
            # One clock for the whole run (a solver's phases each count from their own
            # start), the best cost so far and the best proven bound so far: a bound from
            # one phase stays proven when a later phase reports a weaker one.
            cost, bound = int(progress.incumbent), int(progress.bound)
            if self.points:
                cost = min(cost, int(self.points[-1][1]))
                bound = max(bound, int(self.points[-1][2]))
            self.add([self.elapsed(), cost, min(bound, cost)])
            now = time.monotonic()
            if now - self._written >= RECORD_EVERY:
                self._written = now
                self.write()
            if now - self._started > self.time_limit + GRACE_SECONDS:
                self.overran = True
            return not (self.cancelled or self.overran)

    def add(self, point: list[float | int]) -> None:
        """Keep ``point`` when the cost or the bound moved; thin the curve past ``MAX_POINTS``."""
        if not self.points or self.points[-1][1:] != point[1:]:
            self.points.append(point)
        if len(self.points) > MAX_POINTS:
            self.points = [*self.points[:-1:2], self.points[-1]]

    def write(self) -> None:
        """Store the points so far and read the cancel flag."""
        last = self.points[-1] if self.points else None
        with self.workspace.transaction() as session:
            values: dict[str, Any] = {
                "progress": list(self.points),
                "heartbeat_at": _now(),
                "version": Job.version + 1,
            }
            if last is not None:
                values["cost"], values["bound"] = int(last[1]), int(last[2])
            session.execute(update(Job).where(Job.id == self.job_id).values(**values))
            flag = session.scalar(select(Job.cancel_requested).where(Job.id == self.job_id))
        self.cancelled = self.cancelled or bool(flag)


def _claim(workspace: Workspace, job_id: int) -> tuple[JobInfo, bool]:
    """Mark a queued job running; ``False`` when it is not queued any more."""
    with workspace.transaction() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound("job", job_id)
        slug = productions.get_or_raise(session=session, production_id=job.production_id).slug
        claimed = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == QUEUED)
            .values(status=RUNNING, started_at=_now(), heartbeat_at=_now(), version=Job.version + 1)
        )
        session.expire(job)
        return _info(session.get_one(Job, job_id), slug), bool(getattr(claimed, "rowcount", 0))


def _finish(workspace: Workspace, job_id: int, **values: Any) -> JobInfo:
    with workspace.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(finished_at=_now(), version=Job.version + 1, **values)
        )
        job = session.get_one(Job, job_id)
        slug = productions.get_or_raise(session=session, production_id=job.production_id).slug
        return _info(job, slug)


def _heartbeat(workspace: Workspace, job_id: int, stop: threading.Event) -> None:
    """Tell the store the job's worker is alive, until ``stop`` is set."""
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            with workspace.transaction() as session:
                session.execute(
                    update(Job)
                    .where(Job.id == job_id, Job.status == RUNNING)
                    .values(heartbeat_at=_now(), version=Job.version + 1)
                )
        except Exception:  # a store hiccup must not end the solve; the next beat retries
            log.warning("heartbeat of job %s not written", job_id, exc_info=True)


def run_solve(workspace: Workspace, job_id: int) -> JobInfo:
    """Run a queued solve to the end (the worker's side); returns the finished job.

    A job already cancelled, or already run (a queue may deliver twice), is left as it is.
    """
    job, claimed = _claim(workspace, job_id)
    if not claimed:
        return job
    recorder = _Recorder(workspace, job_id, job.time_limit)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(workspace, job_id, stop), daemon=True)
    beat.start()
    try:
        version = _solve(workspace, job, recorder)
    except MosaicoError as err:
        status = CANCELLED if recorder.cancelled else FAILED
        return _finish(
            workspace, job_id, status=status, error=str(err)[:2000], progress=recorder.points
        )
    except Exception as err:
        log.exception("job %s failed", job_id)
        _finish(workspace, job_id, status=FAILED, error=f"internal error: {err}"[:2000])
        raise
    finally:
        stop.set()
        beat.join()
    cost, bound = int(version.total_cost), int(version.lower_bound)
    recorder.add([recorder.elapsed(), cost, bound])
    points = recorder.points
    return _finish(
        workspace,
        job_id,
        status=CANCELLED if recorder.cancelled else DONE,
        schedule_number=version.number,
        cost=cost,
        bound=bound,
        progress=points,
        error="stopped by a user; the best schedule so far was kept" if recorder.cancelled else "",
    )


def _solve(workspace: Workspace, job: JobInfo, recorder: _Recorder) -> Any:
    """The solve itself, through the schedule service (saves the result as a version)."""
    from mosaico.services import schedule

    return schedule.solve_schedule(
        workspace,
        job.production,
        episodes=None if job.episodes is None else list(job.episodes),
        time_limit=job.time_limit,
        start_from=job.start_from,
        locked=job.locked,
        label=job.label,
        # The hook answers False to stop the search; the solvers that read the
        # answer stop, the others ignore it and run to their time limit.
        on_progress=recorder,
    )
