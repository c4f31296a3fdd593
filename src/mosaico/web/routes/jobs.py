"""Background solves: queue one, watch its progress, cancel it.

The JSON API is under ``/api/productions/{slug}/jobs``; the pages are the job
list ``/productions/{slug}/jobs`` and a job's panel ``/productions/{slug}/jobs/{id}``,
which htmx polls while the job runs (incumbent and bound over time, a cancel
button). A request only queues: the solve runs in ``mosaico worker``.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from mosaico.errors import Conflict, ValidationError
from mosaico.jobs.queue import JobQueue
from mosaico.services import jobs, productions
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.render import is_htmx, render
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["jobs"], responses=ERRORS)

#: Seconds between two looks of the progress panel while a job runs.
POLL_SECONDS = 1


def job_queue(request: Request) -> JobQueue:
    """The app's queue, made on first use from the app's own store and settings."""
    state = request.app.state
    queue: JobQueue | None = getattr(state, "job_queue", None)
    if queue is None:
        workspace = state.workspace
        queue = JobQueue(workspace.settings, workspace=workspace)
        state.job_queue = queue
    return queue


class JobIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    episodes: list[Annotated[int, Field(ge=1)]] | None = Field(
        default=None, max_length=500, description="Only these episodes (all when left out)."
    )
    time_limit: float = Field(
        default=60.0, gt=0, description="Seconds the solver may search (MOSAICO_JOB_SECONDS caps)."
    )
    start_from: int | None = Field(default=None, ge=1, description="Warm start from a version.")
    locked: list[Annotated[str, Field(max_length=64)]] = Field(
        default=[], max_length=10_000, description="Strips kept on their date in start_from."
    )


class JobOut(BaseModel):
    id: int
    kind: str
    status: str = Field(description="queued, running, done, failed or cancelled.")
    episodes: list[int] | None
    time_limit: float
    start_from: int | None
    locked: list[str]
    cancel_requested: bool
    schedule_number: int | None = Field(description="The version the run saved.")
    cost: int | None = Field(description="Cost of the best schedule found so far.")
    bound: int | None = Field(description="Proven lower bound so far.")
    gap: float | None
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    progress: list[tuple[float, int, int]] = Field(
        description="[seconds, best cost, lower bound] as the search went."
    )

    @classmethod
    def of(cls, job: jobs.JobInfo) -> JobOut:
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            episodes=None if job.episodes is None else list(job.episodes),
            time_limit=job.time_limit,
            start_from=job.start_from,
            locked=list(job.locked),
            cancel_requested=job.cancel_requested,
            schedule_number=job.schedule_number,
            cost=job.cost,
            bound=job.bound,
            gap=job.gap,
            error=job.error,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            progress=[(p.seconds, p.cost, p.bound) for p in job.progress],
        )


@api.post(
    "/{slug}/jobs",
    response_model=JobOut,
    status_code=202,
    summary="Queue a schedule solve; answers at once with the job",
)
def submit(slug: str, body: JobIn, request: Request) -> JobOut:
    job = job_queue(request).submit_solve(
        slug,
        time_limit=body.time_limit,
        episodes=body.episodes,
        locked=body.locked,
        start_from=body.start_from,
    )
    return JobOut.of(job)


@api.get("/{slug}/jobs", response_model=list[JobOut], summary="The production's jobs")
def list_jobs(slug: str, session: SessionDep) -> list[JobOut]:
    return [JobOut.of(job) for job in jobs.list_jobs(session=session, production=slug)]


@api.get("/{slug}/jobs/{job_id}", response_model=JobOut, summary="One job and its progress")
def get_job(slug: str, job_id: int, session: SessionDep) -> JobOut:
    return JobOut.of(jobs.get_job(session=session, production=slug, job_id=job_id))


@api.post("/{slug}/jobs/{job_id}/cancel", response_model=JobOut, summary="Cancel a job")
def cancel(slug: str, job_id: int, request: Request) -> JobOut:
    return JobOut.of(job_queue(request).cancel(slug, job_id))


# --- pages ---------------------------------------------------------------------------


def chart(job: jobs.JobInfo, width: int = 360, height: int = 120) -> dict[str, object]:
    """Polylines of the best cost and the lower bound over time, in SVG coordinates."""
    points = job.progress
    if not points:
        return {"width": width, "height": height, "cost": "", "bound": "", "top": 0, "seconds": 0}
    top = max(p.cost for p in points) or 1
    bottom = min(0, min(p.bound for p in points))
    span = max(job.time_limit, points[-1].seconds, 0.001)

    def xy(seconds: float, value: int) -> str:
        x = width * seconds / span
        y = height - height * (value - bottom) / max(1, top - bottom)
        return f"{x:.1f},{y:.1f}"

    def line(values: list[tuple[float, int]]) -> str:
        # A step line: a value holds until the next report.
        steps: list[str] = []
        for i, (seconds, value) in enumerate(values):
            if i:
                steps.append(xy(seconds, values[i - 1][1]))
            steps.append(xy(seconds, value))
        end = job.seconds if not job.finished and job.seconds is not None else values[-1][0]
        steps.append(xy(min(span, max(end, values[-1][0])), values[-1][1]))
        return " ".join(steps)

    return {
        "width": width,
        "height": height,
        "cost": line([(p.seconds, p.cost) for p in points]),
        "bound": line([(p.seconds, p.bound) for p in points]),
        "top": top,
        "seconds": span,
    }


def _panel(request: Request, slug: str, job: jobs.JobInfo, language: str) -> HTMLResponse:
    template = "job_panel.html" if is_htmx(request) else "job.html"
    return render(
        request,
        template,
        default_language=language,
        slug=slug,
        job=job,
        chart=chart(job),
        poll=POLL_SECONDS,
    )


@router.get("/productions/{slug}/jobs", response_class=HTMLResponse, include_in_schema=False)
def jobs_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    found = jobs.list_jobs(session=session, production=slug)
    return render(
        request,
        "jobs_rows.html" if is_htmx(request) else "jobs.html",
        default_language=info.language,
        production=info,
        jobs=found,
        active=any(not job.finished for job in found),
        poll=POLL_SECONDS * 2,
    )


@router.get(
    "/productions/{slug}/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False
)
def job_page(request: Request, slug: str, job_id: int, session: SessionDep) -> HTMLResponse:
    info = productions.get_or_raise(session=session, name=slug)
    job = jobs.get_job(session=session, production=slug, job_id=job_id)
    return _panel(request, slug, job, info.language)


@router.post("/productions/{slug}/jobs", response_class=HTMLResponse, include_in_schema=False)
def submit_form(
    request: Request,
    slug: str,
    workspace: WorkspaceDep,
    time_limit: Annotated[float, Form(gt=0)] = 60.0,
    start_from: Annotated[int | None, Form(ge=1)] = None,
    locked: Annotated[str, Form(max_length=400_000)] = "",
    episodes: Annotated[str, Form(max_length=4_000)] = "",
) -> HTMLResponse:
    """The stripboard's "Re-optimise": queue a solve from the version shown, keeping locks.

    ``locked`` and ``episodes`` are comma-separated (strip keys, episode numbers).
    """
    keys = [key.strip() for key in locked.split(",") if key.strip()]
    chosen: list[int] | None = None
    if episodes.strip():
        try:
            chosen = [int(e) for e in episodes.split(",") if e.strip()]
        except ValueError as exc:
            raise ValidationError("episodes", "episode numbers separated by commas") from exc
    job = job_queue(request).submit_solve(
        slug, time_limit=time_limit, episodes=chosen, start_from=start_from, locked=keys
    )
    with workspace.transaction() as session:
        language = productions.get_or_raise(session=session, name=slug).language
    return _panel(request, slug, job, language)


@router.post(
    "/productions/{slug}/jobs/{job_id}/cancel",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def cancel_form(request: Request, slug: str, job_id: int, workspace: WorkspaceDep) -> HTMLResponse:
    with suppress(Conflict):  # it finished meanwhile: the panel below shows how
        job_queue(request).cancel(slug, job_id)
    with workspace.transaction() as session:
        language = productions.get_or_raise(session=session, name=slug).language
        job = jobs.get_job(session=session, production=slug, job_id=job_id)
    return _panel(request, slug, job, language)
