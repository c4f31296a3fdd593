"""The script commands, as a user types them: CliRunner, and one real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SCRIPTS
from mosaico.cli.main import build_app

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(build_app(), list(args))
    return result.exit_code, result.output


def test_create_import_list_export(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "production", "create", "demo", "--title", "Demo")[0] == 0
    code, out = invoke(
        runner,
        "import",
        str(BRICK),
        str(SCRIPTS / "short" / "printing-trouble.fountain"),
        "-p",
        "demo",
    )
    assert code == 0 and "episode 1" in out and "episode 2" in out
    code, out = invoke(runner, "scenes", "-p", "demo", "-e", "1", "--json")
    scenes = json.loads(out)
    assert code == 0 and len(scenes) == 8
    assert scenes[0]["set"] == "BRICK'S PATIO" and scenes[0]["int_ext"] == "EXT"
    target = tmp_path / "ep1.fdx"
    assert invoke(runner, "export", "-p", "demo", "-f", "fdx", "-e", "1", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"<?xml")
    code, out = invoke(runner, "export", "-p", "demo", "-f", "fountain", "-e", "2")
    assert code == 0 and "Title: Printing Trouble" in out


def test_errors_are_one_line_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "production", "create", "demo")
    empty = tmp_path / "empty.fountain"
    empty.write_bytes(b"")
    code, out = invoke(runner, "import", str(empty), "-p", "demo")
    assert code == 1 and "empty.fountain" in out and "Traceback" not in out
    code, out = invoke(runner, "scenes", "-p", "nowhere")
    assert code == 1 and "nowhere" in out
    code, out = invoke(runner, "production", "create", "Bad Name")
    assert code == 1 and "name" in out


def test_the_installed_command_runs_in_a_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "MOSAICO_DATA_DIR": str(tmp_path)}
    env.pop("MOSAICO_DATABASE_URL", None)
    command = [sys.executable, "-c", "from mosaico.cli.main import run; run()"]
    subprocess.run(
        [*command, "production", "create", "demo"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [*command, "import", str(BRICK), "-p", "demo"], env=env, check=True, capture_output=True
    )
    done = subprocess.run(
        [*command, "export", "-p", "demo", "-f", "pdf", "-e", "1"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert done.stdout.startswith(b"%PDF-")


def test_final_draft_lengths_are_shown_beside_ours(runner: CliRunner) -> None:
    invoke(runner, "production", "create", "fd")
    sample = SCRIPTS / "fdx-real" / "rsdoiel-sample-04.fdx"
    assert invoke(runner, "import", str(sample), "-p", "fd")[0] == 0
    code, out = invoke(runner, "scenes", "-p", "fd", "--json")
    assert code == 0
    assert [s["final_draft_eighths"] for s in json.loads(out)] == ["2/8", "4/8"]
    code, out = invoke(runner, "scenes", "-p", "fd")
    assert code == 0 and "FD" in out
