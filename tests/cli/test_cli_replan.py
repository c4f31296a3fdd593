"""``mosaico schedule replan``: each event from the command line, the printed figures, and
bad options refused with the field named and nothing stored."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from mosaico.cli.main import build_app
from mosaico.demo.series import load_series


@pytest.fixture
def solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Production ``granizo``: the demo's first episode, solved once from 2027-03-01."""
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    assert runner.invoke(build_app(), ["production", "create", "granizo"]).exit_code == 0
    episode = load_series().episodes[0]
    script = tmp_path / episode.file
    script.write_text(episode.script, encoding="utf-8")
    imported = runner.invoke(build_app(), ["import", str(script), "-p", "granizo", "-e", "1"])
    assert imported.exit_code == 0, imported.output
    _run(runner, "setup", "-p", "granizo", "--start", "2027-03-01")
    _run(runner, "solve", "-p", "granizo", "--time-limit", "3")
    return runner


def _run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(build_app(), ["schedule", *args])
    assert result.exit_code == 0, result.output
    return result


def _days(runner: CliRunner, version: int) -> list[dict[str, Any]]:
    shown = _run(runner, "show", "-p", "granizo", "--version", str(version), "--json")
    days: list[dict[str, Any]] = json.loads(shown.output)["days"]
    return days


def test_strike_prints_stability_and_cost_and_keeps_a_version(solved: CliRunner) -> None:
    days = _days(solved, 1)
    today, strike = str(days[1]["date"]), str(days[2]["date"])
    table = _run(
        solved,
        "replan",
        "-p",
        "granizo",
        "--event",
        "strike",
        "--date",
        strike,
        "--today",
        today,
        "--time-limit",
        "3",
    )
    for words in ("version 2 (replan of 1)", f"strike on {strike}", "stability", "cost"):
        assert words in table.output
    assert strike not in [day["date"] for day in _days(solved, 2)]
    as_json = _run(
        solved,
        "replan",
        "-p",
        "granizo",
        "--event",
        "split-units",
        "--from",
        str(days[-2]["date"]),
        "--units",
        "2",
        "--today",
        today,
        "--version",
        "1",
        "--time-limit",
        "3",
        "--json",
    )
    payload = json.loads(as_json.output)
    assert (payload["version"], payload["parent"], payload["kind"]) == (3, 1, "split-units")
    assert [u["unit"] for u in payload["unit_schedules"]] == ["main unit", "unit 2"]
    assert 0.0 <= payload["stability"]["share"] <= 1.0


def test_suspension_under_health_protocols_restarts_after_it(solved: CliRunner) -> None:
    days = _days(solved, 1)
    start = date.fromisoformat(str(days[0]["date"]))
    end = start + timedelta(days=30)
    _run(
        solved,
        "replan",
        "-p",
        "granizo",
        "--event",
        "suspension",
        "--from",
        start.isoformat(),
        "--to",
        end.isoformat(),
        "--health-protocols",
        "--today",
        start.isoformat(),
        "--time-limit",
        "3",
    )
    after = _days(solved, 2)
    assert all(date.fromisoformat(str(d["date"])) > end for d in after)
    assert sorted(s for d in after for s in d["strips"]) == sorted(
        s for d in days for s in d["strips"]
    )


def test_bad_options_name_the_field_and_store_nothing(solved: CliRunner) -> None:
    cases = [
        (["--event", "strike"], "date"),
        (["--event", "strike", "--date", "tomorrow"], "--date"),
        (["--event", "flood", "--date", "2027-03-02"], "event"),
        (["--event", "actor-unavailable", "--cast", "NADIE", "--dates", "2027-03-02"], "cast"),
        (["--event", "strike", "--date", "2027-03-02", "--time-limit", "100000"], "time_limit"),
    ]
    for options, field in cases:
        result = solved.invoke(
            build_app(), ["schedule", "replan", "-p", "granizo", "--today", "2027-03-01", *options]
        )
        assert result.exit_code != 0
        assert field in result.output, result.output
    listed = _run(solved, "versions", "-p", "granizo", "--json")
    assert [v["number"] for v in json.loads(listed.output)] == [1]
