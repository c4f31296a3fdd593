"""``mosaico demo --no-serve``: the whole pipeline on a fresh SQLite store, twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mosaico.cli.main import build_app
from mosaico.demo.series import load_series
from mosaico.screenplay import fountain
from mosaico.screenplay.scenes import split_scenes
from mosaico.services import breakdown, productions, scenes
from mosaico.services import schedule as schedules
from mosaico.services.context import open_workspace
from mosaico.settings import get_settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    return tmp_path


def test_demo_runs_twice_without_duplicating_anything(env: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(build_app(), ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    workspace = open_workspace(get_settings({"MOSAICO_DATA_DIR": str(env)}))
    with workspace.transaction() as session:
        before = len(scenes.list_scenes(session=session, production="demo"))
        names = [p.name for p in productions.list_productions(session=session)]
    expected = sum(len(split_scenes(fountain.parse(e.script))) for e in load_series().episodes)
    assert before == expected
    with workspace.transaction() as session:
        elements = len(breakdown.list_elements(session=session, production="demo"))
        rows = breakdown.breakdown_rows(session=session, production="demo")
        plan = schedules.get_version(session, "demo")
    # The pipeline broke every scene down and planned every scene on a shooting date.
    assert len(rows) == before and elements > 0
    assert sum(1 for row in rows if row.elements.get("cast")) >= 0.9 * before
    placed = sorted(s for day in plan.schedule.days for s in day.strips)
    assert placed == sorted(strip.scene_id for strip in plan.problem.strips)
    assert len(placed) == before
    assert plan.schedule.days[0].date.isoformat() >= "2027-03-01"
    second = runner.invoke(build_app(), ["demo", "--no-serve"])
    assert second.exit_code == 0, second.output
    with workspace.transaction() as session:
        assert len(scenes.list_scenes(session=session, production="demo")) == before
        assert [p.name for p in productions.list_productions(session=session)] == names
        assert len(breakdown.list_elements(session=session, production="demo")) == elements
        assert [v.number for v in schedules.list_versions(session, "demo")] == [plan.number]
    workspace.engine.dispose()
    assert sorted(names) == ["demo", "somos"]
    assert "episodes" in second.output and "scenes" in second.output
