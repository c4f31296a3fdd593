"""Synthetic productions: tier sizes, reproducibility, shapes measured on the parsed Fountain."""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mosaico.cli.main import build_app
from mosaico.demo.synth import Tier, generate_production, write_production
from mosaico.demo.synth_model import CastKind, SynthProduction
from mosaico.errors import ValidationError
from mosaico.screenplay import fountain
from mosaico.screenplay.model import ElementType, IntExt, TimeOfDay
from mosaico.screenplay.names import character_key
from mosaico.screenplay.paginate import paginate
from mosaico.screenplay.scenes import Scene, split_scenes

# DESIGN.md's scale table: scenes, cast range, shoot-day range.
DESIGN = {
    Tier.EPISODE: (50, range(15, 31), range(6, 10)),
    Tier.BLOCK: (150, range(30, 61), range(15, 26)),
    Tier.SEASON: (500, range(60, 121), range(40, 91)),
    Tier.TELENOVELA: (5000, range(100, 201), range(150, 251)),
}


@pytest.fixture(scope="module")
def productions() -> dict[Tier, SynthProduction]:
    return {tier: generate_production(tier, seed=11) for tier in Tier}


@pytest.fixture(scope="module")
def parsed(productions: dict[Tier, SynthProduction]) -> dict[Tier, list[list[Scene]]]:
    """Each episode of each tier read back with mosaico's own Fountain reader."""
    return {
        tier: [split_scenes(fountain.parse(e.fountain, f"{tier}-{e.number}")) for e in p.episodes]
        for tier, p in productions.items()
    }


def _scenes(parsed: dict[Tier, list[list[Scene]]], tier: Tier) -> list[Scene]:
    return [scene for episode in parsed[tier] for scene in episode]


@pytest.mark.parametrize("tier", list(Tier))
def test_tier_sizes_match_the_design_table(
    tier: Tier, productions: dict[Tier, SynthProduction], parsed: dict[Tier, list[list[Scene]]]
) -> None:
    scenes, cast, shoot_days = DESIGN[tier]
    production = productions[tier]
    assert len(production.scenes) == scenes
    assert len(_scenes(parsed, tier)) == scenes, "every scene is read back from the Fountain"
    assert len(production.cast) in cast
    assert production.calendar.shoot_days in shoot_days


@pytest.mark.parametrize("tier", list(Tier))
def test_scripts_read_back_scene_by_scene(
    tier: Tier, productions: dict[Tier, SynthProduction], parsed: dict[Tier, list[list[Scene]]]
) -> None:
    production = productions[tier]
    by_number = {m.number: m for m in production.cast}
    for episode, scenes in zip(production.episodes, parsed[tier], strict=True):
        assert [s.number for s in scenes] == [s.number for s in episode.scenes]
        for read, planned in zip(scenes, episode.scenes, strict=True):
            assert read.heading.set_name == planned.set
            assert read.heading.int_ext == planned.int_ext
            assert read.heading.time_of_day == planned.time
            speakers = sorted(character_key(name) for name in read.speaking)
            assert speakers == sorted(character_key(by_number[n].character) for n in planned.cast)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = write_production(generate_production(Tier.BLOCK, seed=5), tmp_path / "a")
    again = write_production(generate_production(Tier.BLOCK, seed=5), tmp_path / "b")
    other = write_production(generate_production(Tier.BLOCK, seed=6), tmp_path / "c")
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert all(a.read_bytes() != c.read_bytes() for a, c in zip(first, other, strict=True))


def test_day_and_night_about_two_to_one_with_dawn_and_dusk(
    parsed: dict[Tier, list[list[Scene]]],
) -> None:
    times = Counter(s.heading.time_of_day for s in _scenes(parsed, Tier.SEASON))
    day, night = times[TimeOfDay.DAY], times[TimeOfDay.NIGHT]
    assert 0.58 <= day / (day + night) <= 0.72
    assert times[TimeOfDay.DAWN] > 0 and times[TimeOfDay.DUSK] > 0
    assert set(times) <= {TimeOfDay.DAY, TimeOfDay.NIGHT, TimeOfDay.DAWN, TimeOfDay.DUSK}


def test_interiors_exteriors_and_vehicles(parsed: dict[Tier, list[list[Scene]]]) -> None:
    mix = Counter(s.heading.int_ext for s in _scenes(parsed, Tier.SEASON))
    total = sum(mix.values())
    assert 0.35 <= mix[IntExt.INT] / total <= 0.75
    assert 0.2 <= mix[IntExt.EXT] / total <= 0.6
    assert mix[IntExt.INT_EXT] > 0


def test_leads_carry_the_show_and_day_players_come_and_go(
    productions: dict[Tier, SynthProduction], parsed: dict[Tier, list[list[Scene]]]
) -> None:
    production = productions[Tier.SEASON]
    scenes = _scenes(parsed, Tier.SEASON)
    counts = Counter(character_key(name) for s in scenes for name in s.speaking)
    regulars = [
        counts[character_key(m.character)] for m in production.cast if m.kind == CastKind.REGULAR
    ]
    day_players = [
        counts[character_key(m.character)] for m in production.cast if m.kind == CastKind.DAY_PLAYER
    ]
    assert min(regulars + day_players) >= 1, "every role speaks somewhere"
    assert max(regulars) >= 0.08 * len(scenes), "a lead is in many scenes"
    assert max(day_players) <= 3
    assert statistics.median(regulars) >= 5 * statistics.median(day_players)
    per_scene = [len(s.speaking) for s in scenes]
    assert 1.5 <= statistics.mean(per_scene) <= 4


def test_lengths_from_an_eighth_to_five_pages_median_near_six_eighths(
    productions: dict[Tier, SynthProduction],
) -> None:
    """Measured by mosaico's own pagination of the generated text, not taken from the plan."""
    production = productions[Tier.SEASON]
    lengths = []
    for episode in production.episodes:
        layout = paginate(fountain.parse(episode.fountain, f"episode {episode.number}"))
        measured = [scene.eighths.value for scene in layout.scenes]
        assert measured == [scene.eighths for scene in episode.scenes], "the data says the same"
        lengths += measured
    assert min(lengths) == 1 and max(lengths) <= 40
    assert 5 <= statistics.median(lengths) <= 7
    assert sum(length >= 24 for length in lengths) >= 5, "a few long scenes of three pages or more"
    assert sum(length <= 2 for length in lengths) >= 0.1 * len(lengths), "and many short ones"


def test_script_days_run_forward_and_each_runs_dawn_to_night(
    productions: dict[Tier, SynthProduction],
) -> None:
    order = [TimeOfDay.DAWN, TimeOfDay.DAY, TimeOfDay.DUSK, TimeOfDay.NIGHT]
    scenes = productions[Tier.BLOCK].scenes
    days = [s.script_day for s in scenes]
    assert days == sorted(days) and len(set(days)) >= 9
    for day in set(days):
        times = [order.index(s.time) for s in scenes if s.script_day == day]
        assert times == sorted(times)


def test_spanish_and_english_scenes(parsed: dict[Tier, list[list[Scene]]]) -> None:
    words = Counter(s.heading.time_text for s in _scenes(parsed, Tier.BLOCK))
    assert words["DÍA"] + words["NOCHE"] > words["DAY"] + words["NIGHT"] > 0
    cues = {name for s in _scenes(parsed, Tier.SEASON) for name in s.speaking}
    assert any(any(c in name for c in "ÁÉÍÓÚÑ") for name in cues), "cues keep their accents"


def test_elements_and_crowds_are_written_in_caps_in_the_action(
    productions: dict[Tier, SynthProduction],
) -> None:
    production = productions[Tier.SEASON]
    elements = backgrounds = 0
    for episode in production.episodes:
        screenplay = fountain.parse(episode.fountain, f"episode {episode.number}")
        for planned, read in zip(episode.scenes, split_scenes(screenplay), strict=True):
            body = screenplay.elements[read.start : read.end]
            action = " ".join(e.text for e in body if e.kind is ElementType.ACTION)
            for element in planned.elements:
                assert element.name in action
                elements += 1
            if planned.background:
                assert str(planned.background) in action
                backgrounds += 1
    categories = Counter(e.category for s in production.scenes for e in s.elements)
    assert set(categories) == {"Props", "Vehicles", "Animals"}
    assert elements > 200 and backgrounds > 30
    assert max(s.background for s in production.scenes) >= 50


def test_production_data_hangs_together(productions: dict[Tier, SynthProduction]) -> None:
    production = productions[Tier.TELENOVELA]
    cities = {c.key: c for c in production.cities}
    locations = {loc.key: loc for loc in production.locations}
    sets = {s.name: s for s in production.sets}
    assert len(cities) == 5 and any(c.country == "US" for c in cities.values())
    for location in locations.values():
        city = cities[location.city]
        assert abs(location.latitude - city.latitude) <= 0.15
        assert abs(location.longitude - city.longitude) <= 0.15
    assert any(loc.stage for loc in locations.values()), "a telenovela builds sets on stages"
    assert all(s.location in locations for s in sets.values())
    assert all(scene.set in sets for scene in production.scenes)
    regulars = [m for m in production.cast if m.kind == CastKind.REGULAR]
    day_players = [m for m in production.cast if m.kind == CastKind.DAY_PLAYER]
    assert 0.2 <= len(regulars) / len(production.cast) <= 0.4
    assert min(m.daily_cost for m in regulars) > max(m.daily_cost for m in day_players)
    assert [m.number for m in production.cast] == list(range(1, len(production.cast) + 1))
    assert len({m.character for m in production.cast}) == len(production.cast)
    assert len({m.actor for m in production.cast}) == len(production.cast)


def test_explicit_counts_override_the_tier() -> None:
    production = generate_production(scenes=77, cast=20, episodes=2, seed=1)
    assert len(production.scenes) == 77 and len(production.cast) == 20
    assert [len(e.scenes) for e in production.episodes] == [39, 38]
    assert generate_production(Tier.SEASON, scenes=120, seed=1).tier == Tier.SEASON


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tier": "huge"}, "tier"),
        ({}, "tier"),
        ({"scenes": 0}, "scenes"),
        ({"scenes": 10, "episodes": 11}, "episodes"),
        ({"scenes": 10, "cast": 500}, "cast"),
    ],
)
def test_impossible_counts_name_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        generate_production(**kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


def test_cli_writes_scripts_and_production_json(tmp_path: Path) -> None:
    args = ["synth", "production", "--tier", "episode", "--seed", "3", "--output"]
    result = CliRunner().invoke(build_app(), [*args, str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    CliRunner().invoke(build_app(), [*args, str(tmp_path / "b")])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["episode-001.fountain", "production.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    data = json.loads((tmp_path / "a" / "production.json").read_text(encoding="utf-8"))
    assert len(data["cast"]) == 24 and len(data["episodes"][0]["scenes"]) == 50
    assert {"start", "shoot_days", "units", "days_off"} <= set(data["calendar"])
    screenplay = fountain.parse((tmp_path / "a" / names[0]).read_text(encoding="utf-8"))
    assert len(split_scenes(screenplay)) == 50


def test_cli_explicit_counts_and_a_bad_count(tmp_path: Path) -> None:
    args = ["synth", "production", "--scenes", "30", "--cast", "12", "--episodes", "3"]
    result = CliRunner().invoke(build_app(), [*args, "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.fountain"))) == 3
    bad = CliRunner().invoke(
        build_app(), ["synth", "production", "--scenes", "0", "--output", str(tmp_path)]
    )
    assert bad.exit_code != 0
    assert bad.exit_code == 1 and "scenes" in bad.output  # the CLI names the field


def test_same_bytes_in_another_process_with_another_hash_seed() -> None:
    """Nothing depends on set or dict order that changes between runs."""
    code = (
        "import hashlib, sys\n"
        "from mosaico.demo.synth import generate_production\n"
        "p = generate_production('block', seed=9)\n"
        "text = ''.join(e.fountain for e in p.episodes) + p.to_json()\n"
        "sys.stdout.write(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in (1, 2)
    }
    production = generate_production(Tier.BLOCK, seed=9)
    here = "".join(e.fountain for e in production.episodes) + production.to_json()
    assert digests == {hashlib.sha256(here.encode()).hexdigest()}
