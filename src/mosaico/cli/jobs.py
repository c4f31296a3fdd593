"""``mosaico worker`` runs background jobs; ``mosaico jobs`` queues, lists, shows and cancels them."""

from __future__ import annotations

import json
import logging
import time
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from mosaico.jobs.queue import QUEUE_FILE, JobQueue
from mosaico.services import jobs
from mosaico.settings import get_settings

jobs_app = typer.Typer(
    help="Background jobs: schedule solves run by `mosaico worker`.", no_args_is_help=True
)
ProductionOption = Annotated[str, typer.Option("--production", "-p", help="Production name.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
console = Console()


def _queue() -> JobQueue:
    return JobQueue(get_settings())


def job_json(job: jobs.JobInfo) -> dict[str, Any]:
    """A job as plain JSON (the CLI's ``--json`` and the API share this shape)."""
    return {
        "id": job.id,
        "production": job.production,
        "kind": job.kind,
        "status": job.status,
        "episodes": None if job.episodes is None else list(job.episodes),
        "time_limit": job.time_limit,
        "locked": list(job.locked),
        "start_from": job.start_from,
        "label": job.label,
        "cancel_requested": job.cancel_requested,
        "schedule_number": job.schedule_number,
        "cost": job.cost,
        "bound": job.bound,
        "gap": job.gap,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
        "started_at": None if job.started_at is None else job.started_at.isoformat(),
        "finished_at": None if job.finished_at is None else job.finished_at.isoformat(),
        "seconds": job.seconds,
        "progress": [[p.seconds, p.cost, p.bound] for p in job.progress],
    }


def _gap(job: jobs.JobInfo) -> str:
    return "" if job.gap is None else f"{job.gap:.1%}"


def _summary(job: jobs.JobInfo) -> str:
    where = (
        "all episodes" if job.episodes is None else "episodes " + ", ".join(map(str, job.episodes))
    )
    return f"job {job.id}: {job.status} — solve of {where}, limit {job.time_limit:g} s"


@jobs_app.command("solve")
def solve(
    production: ProductionOption,
    episode: Annotated[
        list[int] | None, typer.Option("--episode", "-e", help="Only this episode (repeat).")
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds the solver may search.")
    ] = 60.0,
    start_from: Annotated[
        int | None, typer.Option("--start-from", help="Warm-start from this schedule version.")
    ] = None,
    lock: Annotated[
        list[str] | None,
        typer.Option("--lock", help="Keep this strip (e.g. 2-12A) on its date in --start-from."),
    ] = None,
    label: Annotated[str, typer.Option(help="A name for the new version.")] = "",
    wait: Annotated[
        bool, typer.Option("--wait", help="Follow the job until it finishes (needs a worker).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Queue a schedule solve; `mosaico worker` runs it. Prints the job id at once."""
    queue_solve(production, episode, time_limit, start_from, lock, label, as_json, wait=wait)


def queue_solve(
    production: str,
    episodes: list[int] | None,
    time_limit: float,
    start_from: int | None,
    lock: list[str] | None,
    label: str,
    as_json: bool,
    *,
    wait: bool = False,
) -> None:
    """Queue a solve and print the job (``mosaico schedule solve --background`` too)."""
    queue = _queue()
    job = queue.submit_solve(
        production,
        time_limit=time_limit,
        episodes=episodes or None,
        locked=lock or (),
        start_from=start_from,
        label=label,
    )
    if wait:
        job = _follow(queue, production, job.id, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(job_json(job)))
        return
    console.print(_summary(job))
    if job.schedule_number is not None:
        console.print(f"saved as schedule version {job.schedule_number}")
    elif not job.finished:
        console.print(f"follow it with: mosaico jobs show -p {production} {job.id}")


def _follow(queue: JobQueue, production: str, job_id: int, *, quiet: bool) -> jobs.JobInfo:
    """Poll the job and show its progress until it finishes."""
    status = None if quiet else Console(stderr=True).status(f"job {job_id}: queued")
    if status is not None:
        status.start()
    try:
        while True:
            with queue.workspace().transaction() as session:
                job = jobs.get_job(session=session, production=production, job_id=job_id)
            if job.finished:
                return job
            if status is not None:
                figures = ""
                if job.cost is not None:
                    figures = f" — best {job.cost:,}, bound {job.bound:,}, gap {_gap(job)}"
                status.update(f"job {job_id}: {job.status}{figures}")
            time.sleep(0.5)
    finally:
        if status is not None:
            status.stop()


@jobs_app.command("list")
def list_(production: ProductionOption, as_json: JsonOption = False) -> None:
    """The production's jobs, newest first."""
    queue = _queue()
    with queue.workspace().transaction() as session:
        found = jobs.list_jobs(session=session, production=production)
    if as_json:
        typer.echo(json.dumps([job_json(job) for job in found]))
        return
    table = Table(title=f"{production}: jobs")
    for name in ("id", "status", "episodes", "limit s", "best", "bound", "gap", "version"):
        table.add_column(name, justify="right" if name not in ("status", "episodes") else "left")
    for job in found:
        table.add_row(
            str(job.id),
            job.status,
            "all" if job.episodes is None else ",".join(map(str, job.episodes)),
            f"{job.time_limit:g}",
            "" if job.cost is None else f"{job.cost:,}",
            "" if job.bound is None else f"{job.bound:,}",
            _gap(job),
            "" if job.schedule_number is None else str(job.schedule_number),
        )
    console.print(table)


@jobs_app.command("show")
def show(
    production: ProductionOption,
    job_id: Annotated[int, typer.Argument(help="Job id.")],
    as_json: JsonOption = False,
) -> None:
    """One job with its progress: best cost and lower bound over time."""
    queue = _queue()
    with queue.workspace().transaction() as session:
        job = jobs.get_job(session=session, production=production, job_id=job_id)
    if as_json:
        typer.echo(json.dumps(job_json(job)))
        return
    console.print(_summary(job))
    if job.error:
        console.print(job.error)
    if job.schedule_number is not None:
        console.print(f"schedule version {job.schedule_number}")
    table = Table(title="progress")
    for name in ("seconds", "best cost", "lower bound", "gap"):
        table.add_column(name, justify="right")
    for point in job.progress:
        table.add_row(
            f"{point.seconds:.1f}", f"{point.cost:,}", f"{point.bound:,}", f"{point.gap:.1%}"
        )
    console.print(table)


@jobs_app.command("cancel")
def cancel(
    production: ProductionOption, job_id: Annotated[int, typer.Argument(help="Job id.")]
) -> None:
    """Stop a job; a running solve keeps the best schedule it found as a version."""
    job = _queue().cancel(production, job_id)
    if job.status == jobs.CANCELLED:
        console.print(f"job {job.id} cancelled")
    else:
        console.print(f"job {job.id} will stop at the solver's next report")


def worker(
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, max=64, help="Jobs run at once.")
    ] = 1,
) -> None:
    """Run background jobs until stopped (Ctrl-C finishes the running ones first)."""
    queue = _queue()
    # Never print the Redis URL: it may carry a password.
    where = "Redis" if queue.settings.redis_url else str(queue.settings.data_dir / QUEUE_FILE)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    Console(stderr=True).print(f"mosaico worker: {workers} at a time, queue in {where}")
    queue.consumer(workers=workers).run()


def register(app: typer.Typer) -> None:
    """Attach ``mosaico worker`` and the ``jobs`` group to the ``mosaico`` app."""
    app.command("worker")(worker)
    app.add_typer(jobs_app, name="jobs")
