"""What `mosaico scenes`, `production list` and `export` show a user."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SCRIPTS
from mosaico.cli.main import build_app
from mosaico.services import scripts
from mosaico.services.context import open_workspace
from mosaico.settings import get_settings


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    create = ["production", "create", "somos", "--title", "Somos.", "--language", "es"]
    assert runner.invoke(build_app(), create).exit_code == 0
    return runner


def test_the_scene_table_shows_eighths_as_the_trade_writes_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    script = tmp_path / "ep1.fountain"
    long_action = "\n\n".join(f"Línea {n} de la acción que llena la página." for n in range(30))
    script.write_text(
        f"INT. CASA DE ÉRIKA - DÍA #12A#\n\nÉRIKA\nHola.\n\nEXT. CALLE - NOCHE\n\n{long_action}\n",
        encoding="utf-8",
    )
    assert runner.invoke(build_app(), ["import", str(script), "-p", "somos"]).exit_code == 0
    data = json.loads(runner.invoke(build_app(), ["scenes", "-p", "somos", "--json"]).output)
    assert [scene["number"] for scene in data] == ["12A", None]
    assert data[1]["eighths"].startswith("1 ")  # more than a page: "1 n/8"
    table = runner.invoke(build_app(), ["scenes", "-p", "somos"]).output
    assert "12A" in table and "CASA DE ÉRIKA" in table and "ÉRIKA" in table
    assert data[1]["eighths"] in table and "NIGHT" in table


def test_production_list_counts_episodes_and_scenes(runner: CliRunner) -> None:
    short = SCRIPTS / "short"
    files = [str(short / "brick-and-steel.fountain"), str(short / "printing-trouble.fountain")]
    result = runner.invoke(build_app(), ["import", *files, "-p", "somos"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(build_app(), ["production", "list"]).output
    row = next(line for line in listed.splitlines() if "somos" in line)
    assert "Somos." in row and " 2 " in row
    scenes = json.loads(runner.invoke(build_app(), ["scenes", "-p", "somos", "--json"]).output)
    assert str(len(scenes)) in row


def test_importing_the_same_file_again_says_so(runner: CliRunner) -> None:
    path = str(SCRIPTS / "short" / "brick-and-steel.fountain")
    runner.invoke(build_app(), ["import", path, "-p", "somos"])
    again = runner.invoke(build_app(), ["import", path, "-p", "somos"])
    assert again.exit_code == 0 and "already imported as episode 1" in again.output


def test_export_writes_the_file_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    path = str(SCRIPTS / "short" / "brick-and-steel.fountain")
    runner.invoke(build_app(), ["import", path, "-p", "somos"])
    target = tmp_path / "out.pdf"
    args = ["export", "-p", "somos", "-f", "pdf", "--paper", "a4", "-o", str(target)]
    assert runner.invoke(build_app(), args).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF-")
    exported = runner.invoke(build_app(), ["export", "-p", "somos", "-f", "json"])
    assert json.loads(exported.stdout)["elements"][0]["text"] == "EXT. BRICK'S PATIO - DAY"


def test_import_records_draft_colour_and_date(runner: CliRunner, tmp_path: Path) -> None:
    path = str(SCRIPTS / "short" / "brick-and-steel.fountain")
    args = ["import", path, "-p", "somos", "-e", "4", "--draft", "Rodaje", "--colour", "Pink"]
    result = runner.invoke(build_app(), [*args, "--date", "2021-03-16"])
    assert result.exit_code == 0, result.output
    workspace = open_workspace(get_settings({"MOSAICO_DATA_DIR": str(tmp_path / "data")}))
    with workspace.transaction() as session:
        (episode,) = scripts.list_episodes(session=session, production="somos")
    workspace.engine.dispose()
    assert (episode.number, episode.draft, episode.colour) == (4, "Rodaje", "Pink")
    assert episode.script_date == date(2021, 3, 16)
    bad = runner.invoke(build_app(), [*args, "--date", "16/03/2021"])
    assert bad.exit_code != 0 and "date" in bad.output
