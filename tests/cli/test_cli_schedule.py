"""``mosaico schedule talent``: the exact solver on one file, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import TALENT
from mosaico.cli.main import build_app
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
