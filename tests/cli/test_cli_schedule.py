"""``mosaico schedule talent``: the exact solver on one file, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from conftest import TALENT
from mosaico.cli.main import build_app
from mosaico.demo.series import load_series
from mosaico.schedule.talent import cost, read_instance

MOB_STORY = TALENT / "stuckey-format" / "MobStory"


def test_json_prints_exactly_the_documented_keys_with_one_based_scenes() -> None:
    result = CliRunner().invoke(build_app(), ["schedule", "talent", str(MOB_STORY), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert list(payload) == [
        "order",
        "total_cost",
        "idle_cost",
        "lower_bound",
        "optimal",
        "seconds",
    ]
    assert sorted(payload["order"]) == list(range(1, 29))
    assert (payload["total_cost"], payload["idle_cost"]) == (871, 146)
    assert payload["lower_bound"] == 871
    assert payload["optimal"] is True
    assert isinstance(payload["seconds"], float)
    # The printed order is a schedule of the file's scenes that costs what it says.
    order = tuple(s - 1 for s in payload["order"])
    assert cost(read_instance(MOB_STORY), order) == (871, 146)


def test_dzn_file_with_a_time_limit() -> None:
    path = TALENT / "minizinc-dzn" / "concert.dzn"
    result = CliRunner().invoke(
        build_app(), ["schedule", "talent", str(path), "--time-limit", "30", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total_cost"] == 111


def test_table_output_names_the_result() -> None:
    result = CliRunner().invoke(build_app(), ["schedule", "talent", str(MOB_STORY)])
    assert result.exit_code == 0, result.output
    for words in ("shooting order", "total cost", "871", "holding (idle) cost", "146", "optimal"):
        assert words in result.output


def test_a_stopped_run_says_it_is_not_proven() -> None:
    path = TALENT / "ddolib-generated" / "instance_26_15_30_25.txt"
    result = CliRunner().invoke(
        build_app(), ["schedule", "talent", str(path), "--time-limit", "0.01", "--json"]
    )
    payload = json.loads(result.output)
    assert payload["optimal"] is False
    assert payload["lower_bound"] <= 58969 <= payload["total_cost"]


def test_bad_file_is_one_line_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("t\n2\n2\n1 0 5\n1 1 7\n3\n", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["schedule", "talent", str(bad)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert str(bad) in lines[0]
    assert "line 6" in lines[0]


# --- shooting schedules from the store ----------------------------------------------


@pytest.fixture
def granizo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Production ``granizo`` with the demo series' first episode imported."""
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
    return runner


def _run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(build_app(), ["schedule", *args])
    assert result.exit_code == 0, result.output
    return result


def test_setup_solve_show_versions_and_compare(granizo: CliRunner) -> None:
    _run(
        granizo,
        *("setup", "-p", "granizo", "--start", "2027-03-01", "--country", "MX"),
        *("--day-off", "2027-03-03:paro", "--cost", "Abel=9000"),
        *("--unavailable", "ABEL=2027-03-02", "--location", "CARRETERA A CUAUHTÉMOC=HUERTA"),
    )
    setup = json.loads(_run(granizo, "setup", "-p", "granizo", "--json").output)
    assert setup["version"] == 1
    assert setup["calendar"]["days_off"] == [{"start": "2027-03-03", "reason": "paro", "end": None}]
    assert setup["cast"]["members"]["Abel"] == {
        "cost_per_day": 9000,
        "unavailable": ["2027-03-02"],
    }
    shown = _run(granizo, "setup", "-p", "granizo", "--show").output
    assert "2027-03-03: paro" in shown and "9,000 a day" in shown

    first = json.loads(
        _run(granizo, "solve", "-p", "granizo", "-e", "1", "--time-limit", "2", "--json").output
    )
    assert first["number"] == 1 and first["episodes"] == [1]
    placed = [s for day in first["days"] for s in day["strips"]]
    assert len(placed) == len(set(placed)) == first["strips"]
    dates = [day["date"] for day in first["days"]]
    assert "2027-03-03" not in dates and "2027-03-15" not in dates  # strike, Benito Juárez
    assert first["total_cost"] == sum(first["cost"].values()) >= first["lower_bound"]

    lock = first["days"][0]["strips"][0]
    table = _run(
        granizo,
        *("solve", "-p", "granizo", "--time-limit", "2", "--start-from", "1"),
        *("--lock", lock, "--label", "segunda"),
    ).output
    for words in ("schedule version 2 (segunda)", "total cost", "lower bound", "gap", "optimal"):
        assert words in table
    second = json.loads(_run(granizo, "show", "-p", "granizo", "--json").output)
    assert second["number"] == 2 and second["parent"] == 1 and second["locked"] == [lock]
    assert any(lock in day["strips"] and day["date"] == dates[0] for day in second["days"])
    assert json.loads(_run(granizo, "show", "-p", "granizo", "-v", "1", "--json").output) == first

    listed = json.loads(_run(granizo, "versions", "-p", "granizo", "--json").output)
    assert [(v["number"], v["label"], v["parent"]) for v in listed] == [
        (1, "", None),
        (2, "segunda", 1),
    ]
    assert "segunda" in _run(granizo, "versions", "-p", "granizo").output

    compared = json.loads(_run(granizo, "compare", "-p", "granizo", "1", "2", "--json").output)
    assert compared["total"] == {"a": first["total_cost"], "b": second["total_cost"]}
    assert compared["unchanged"] + len(compared["moves"]) == first["strips"]
    assert lock not in {m["strip"] for m in compared["moves"]}
    assert "strips kept their date" in _run(granizo, "compare", "-p", "granizo", "1", "2").output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["setup", "-p", "granizo", "--start", "1 de marzo"], "--start"),
        (["setup", "-p", "granizo", "--day-off", "2027-03-03"], "--day-off"),
        (["setup", "-p", "granizo", "--cost", "ABEL"], "--cost"),
        (["setup", "-p", "granizo", "--country", "ZZ"], "calendar.country"),
        (["setup", "-p", "granizo", "--max-hours", "30"], "rules.max_hours_per_day"),
        (["solve", "-p", "granizo", "--time-limit", "9999"], "limit"),
        (["solve", "-p", "nadie"], "production 'nadie' not found"),
        (["show", "-p", "granizo"], "schedule version"),
        (["compare", "-p", "granizo", "1", "2"], "schedule version"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    granizo: CliRunner, args: list[str], words: str
) -> None:
    result = granizo.invoke(build_app(), ["schedule", *args])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert words in lines[0]
    setup = json.loads(_run(granizo, "setup", "-p", "granizo", "--json").output)
    assert setup["version"] == 0
    assert json.loads(_run(granizo, "versions", "-p", "granizo", "--json").output) == []
