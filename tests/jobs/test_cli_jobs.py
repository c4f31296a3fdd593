"""``mosaico worker`` in its own process, and ``mosaico jobs`` queueing, following and cancelling."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_episode import import_demo_episode
from typer.testing import CliRunner

from conftest import settings_for
from mosaico.cli.main import build_app
from mosaico.services.context import open_workspace

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh installation holding one demo episode."""
    workspace = open_workspace(settings_for(tmp_path))
    import_demo_episode(workspace)
    workspace.engine.dispose()
    return {"MOSAICO_DATA_DIR": str(tmp_path), "MOSAICO_DATABASE_URL": "", "MOSAICO_REDIS_URL": ""}


@pytest.fixture
def worker_process(env: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``mosaico worker`` as a separate process, stopped with Ctrl-C (SIGINT) afterwards."""
    with (tmp_path / "worker.log").open("wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "mosaico"), "worker"],
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        yield process
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def mosaico(env: dict[str, str], *args: str) -> str:
    result = runner.invoke(build_app(), list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_job_queued_from_the_cli_is_run_by_the_worker_process(
    env: dict[str, str], worker_process: subprocess.Popen[bytes]
) -> None:
    out = mosaico(
        env, "jobs", "solve", "-p", "demo", "-e", "1", "--time-limit", "2", "--wait", "--json"
    )
    job = json.loads(out)
    assert job["status"] == "done", job
    assert job["schedule_number"] == 1
    assert job["progress"] and job["progress"][-1][1] == job["cost"]
    listed = json.loads(mosaico(env, "jobs", "list", "-p", "demo", "--json"))
    assert [j["id"] for j in listed] == [job["id"]]
    shown = mosaico(env, "jobs", "show", "-p", "demo", str(job["id"]))
    assert "done" in shown and "schedule version 1" in shown
    versions = mosaico(env, "schedule", "versions", "-p", "demo")
    assert "1" in versions
    worker_process.send_signal(signal.SIGINT)
    assert worker_process.wait(timeout=60) == 0


def test_jobs_are_listed_cancelled_and_refused_with_clear_messages(env: dict[str, str]) -> None:
    # No worker: the job stays queued until cancelled.
    out = mosaico(env, "jobs", "solve", "-p", "demo", "--time-limit", "5")
    assert "queued" in out
    table = mosaico(env, "jobs", "list", "-p", "demo")
    assert "queued" in table
    assert "cancelled" in mosaico(env, "jobs", "cancel", "-p", "demo", "1")
    again = runner.invoke(build_app(), ["jobs", "cancel", "-p", "demo", "1"], env=env)
    assert again.exit_code == 1
    assert "already finished (cancelled)" in again.output
    missing = runner.invoke(build_app(), ["jobs", "show", "-p", "demo", "99"], env=env)
    assert missing.exit_code == 1 and "job 99 not found" in missing.output
    # `schedule solve --background` queues the same kind of job instead of solving inline.
    queued = json.loads(
        mosaico(
            env, "schedule", "solve", "-p", "demo", "--background", "--label", "night", "--json"
        )
    )
    assert (queued["id"], queued["status"], queued["label"]) == (2, "queued", "night")
    too_long = runner.invoke(
        build_app(), ["jobs", "solve", "-p", "demo", "--time-limit", "100000"], env=env
    )
    assert too_long.exit_code == 1 and "MOSAICO_JOB_SECONDS" in too_long.output
