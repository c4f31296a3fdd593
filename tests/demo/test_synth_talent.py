"""Instances from ``mosaico synth talent``: Stuckey's format, well formed, reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TALENT
from mosaico.cli.main import build_app
from mosaico.demo.synth import generate_talent_instance
from mosaico.errors import ValidationError
from mosaico.schedule.talent import read_stuckey


def read_tokens(text: str) -> tuple[str, list[list[int]], list[int], list[int]]:
    """A tiny reader of Stuckey's format, by tokens (some files put two numbers on a line)."""
    tokens = text.split()
    name, n, m = tokens[0], int(tokens[1]), int(tokens[2])
    rest = [int(t) for t in tokens[3:]]
    assert len(rest) == m * (n + 1) + n, "token count does not match n and m"
    rows = [rest[a * (n + 1) : a * (n + 1) + n] for a in range(m)]
    costs = [rest[a * (n + 1) + n] for a in range(m)]
    durations = rest[m * (n + 1) :]
    return name, rows, costs, durations


def test_reader_reads_a_published_instance() -> None:
    name, rows, costs, durations = read_tokens((TALENT / "stuckey-format" / "tiny").read_text())
    assert name == "tiny"
    assert rows == [[1, 0, 1, 0], [1, 1, 0, 1], [0, 1, 1, 0]]
    assert costs == [1, 2, 3]
    assert durations == [1, 2, 3, 1]


@pytest.mark.parametrize(
    ("n", "m", "density"), [(20, 8, 0.3), (1, 1, 0.05), (64, 22, 0.6), (5, 40, 1.0)]
)
def test_instance_is_well_formed(n: int, m: int, density: float) -> None:
    name, rows, costs, durations = read_tokens(generate_talent_instance(n, m, density, seed=3))
    assert name and len(name.split()) == 1
    assert len(rows) == m and all(len(row) == n for row in rows)
    assert all(value in (0, 1) for row in rows for value in row)
    assert all(1 <= cost <= 100 for cost in costs)
    assert all(1 <= d <= 10 for d in durations)
    assert all(any(row[s] for row in rows) for s in range(n)), "a scene with nobody in it"
    assert all(any(row) for row in rows), "an actor in no scene"


def test_density_sets_how_full_the_matrix_is() -> None:
    for density in (0.2, 0.5, 0.8):
        _, rows, _, _ = read_tokens(generate_talent_instance(60, 20, density, seed=11))
        filled = sum(map(sum, rows)) / (60 * 20)
        assert abs(filled - density) < 0.06


def test_same_seed_same_text_other_seed_other_text() -> None:
    first = generate_talent_instance(30, 10, 0.3, seed=5)
    assert generate_talent_instance(30, 10, 0.3, seed=5) == first
    assert generate_talent_instance(30, 10, 0.3, seed=6) != first


def test_costs_and_durations_cover_their_ranges() -> None:
    _, _, costs, durations = read_tokens(generate_talent_instance(400, 200, 0.2, seed=1))
    assert min(costs) <= 5 and max(costs) >= 95
    assert min(durations) == 1 and max(durations) == 10


@pytest.mark.parametrize(
    ("n", "m", "density", "field"),
    [(0, 5, 0.3, "scenes"), (5, 0, 0.3, "actors"), (5, 5, 0.0, "density"), (5, 5, 1.5, "density")],
)
def test_bad_sizes_name_the_field(n: int, m: int, density: float, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        generate_talent_instance(n, m, density, seed=1)
    assert err.value.field == field


def test_cli_writes_count_instances(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_app(),
        [
            "synth",
            "talent",
            "--scenes",
            "18",
            "--actors",
            "8",
            "--density",
            "0.4",
            "--seed",
            "2",
            "--count",
            "3",
            "--output",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.iterdir())
    assert len(files) == 3
    texts = {path.read_text() for path in files}
    assert len(texts) == 3, "each instance gets its own seed"
    for path in files:
        name, rows, _, durations = read_tokens(path.read_text())
        assert name == path.name
        assert len(rows) == 8 and len(durations) == 18
    again = tmp_path / "again"
    CliRunner().invoke(
        build_app(),
        [
            "synth",
            "talent",
            "--scenes",
            "18",
            "--actors",
            "8",
            "--density",
            "0.4",
            "--seed",
            "2",
            "--count",
            "3",
            "--output",
            str(again),
        ],
    )
    assert {path.read_text() for path in again.iterdir()} == texts


@pytest.mark.parametrize(("n", "m", "density"), [(18, 8, 0.3), (40, 12, 0.5)])
def test_scheduler_reads_what_the_generator_writes(n: int, m: int, density: float) -> None:
    """The scheduler's own reader agrees with the tiny reader above, token for token."""
    text = generate_talent_instance(n, m, density, seed=4)
    instance = read_stuckey(text, "generated")
    name, rows, costs, durations = read_tokens(text)
    assert instance.name == name
    assert (instance.scenes, instance.actors) == (n, m)
    assert list(instance.costs) == costs and list(instance.durations) == durations
    for scene in range(n):
        assert instance.casts[scene] == frozenset(a for a in range(m) if rows[a][scene])
