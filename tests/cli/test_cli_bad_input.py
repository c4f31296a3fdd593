"""Bad files and bad options at the command line: one line naming the file, exit 1,
and the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SCRIPTS
from hostile_scripts import HOSTILE, Hostile, fifty_megabytes
from mosaico.cli.main import build_app

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"


@pytest.fixture
def stocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A production 'serie' with one episode imported, in a throw-away SQLite store."""
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(build_app(), ["production", "create", "serie"]).exit_code == 0
    assert runner.invoke(build_app(), ["import", str(BRICK), "-p", "serie"]).exit_code == 0
    return runner


def _scenes(runner: CliRunner) -> list[dict[str, object]]:
    result = runner.invoke(build_app(), ["scenes", "-p", "serie", "--json"])
    assert result.exit_code == 0, result.output
    scenes: list[dict[str, object]] = json.loads(result.output)
    return scenes


def _refused(runner: CliRunner, path: Path, says: str) -> None:
    before = _scenes(runner)
    result = runner.invoke(build_app(), ["import", str(path), "-p", "serie"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}") and says in lines[0]
    assert "Traceback" not in result.output
    assert _scenes(runner) == before


@pytest.mark.parametrize("bad", HOSTILE, ids=lambda bad: bad.name)
def test_a_bad_file_is_one_line_naming_it(stocked: CliRunner, tmp_path: Path, bad: Hostile) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.data())
    _refused(stocked, path, bad.says)
    if bad.line is not None:
        result = stocked.invoke(build_app(), ["import", str(path), "-p", "serie"])
        assert f"line {bad.line}" in result.output


def test_a_50_mb_file_is_refused_before_it_is_read(stocked: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "huge.fountain"
    path.write_bytes(fifty_megabytes())
    _refused(stocked, path, "MOSAICO_MAX_BYTES")


def test_a_missing_file_and_a_folder_are_named(stocked: CliRunner, tmp_path: Path) -> None:
    _refused(stocked, tmp_path / "nowhere.fountain", "cannot read")
    _refused(stocked, tmp_path, "cannot read")


def test_a_bad_option_value_names_the_option(stocked: CliRunner) -> None:
    result = stocked.invoke(build_app(), ["import", str(BRICK), "-p", "serie", "--colour", "Mauve"])
    assert result.exit_code == 1 and "colour" in result.output
    result = stocked.invoke(build_app(), ["production", "create", "x", "--language", "fr"])
    assert result.exit_code == 1 and "language" in result.output
    result = stocked.invoke(build_app(), ["production", "create", "y", "--timezone", "Nowhere/X"])
    assert result.exit_code == 1 and "timezone" in result.output
