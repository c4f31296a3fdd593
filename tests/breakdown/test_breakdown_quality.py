"""The tagger against the hand-tagged gold set, and on a real English feature for sanity."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import SCRIPTS, require
from mosaico.breakdown.autotag import Tag
from mosaico.breakdown.cast import cast_key
from mosaico.breakdown.quality import read_gold, score
from mosaico.breakdown.script import tag_script
from mosaico.breakdown.vocabulary import default_vocabulary
from mosaico.demo.series import load_series
from mosaico.errors import ValidationError
from mosaico.screenplay.fountain import parse

GOLD = Path(__file__).parent / "gold"


def _found(episode: int) -> dict[int, tuple[Tag, ...]]:
    script = parse(load_series().episodes[episode - 1].script, f"ep{episode:02d}")
    return {sb.scene.index: sb.tags for sb in tag_script(script)}


def test_cast_is_exact_and_departments_reach_the_goal_on_the_gold_set() -> None:
    totals: dict[str, list[int]] = {}
    for episode in (1, 2):
        gold = read_gold(
            yaml.safe_load((GOLD / f"ep{episode:02d}.yaml").read_text("utf-8")), "gold"
        )
        assert len(gold) >= 12
        # Goals hold for the tags a production would accept without review (confidence >= 0.6).
        sure = {
            i: tuple(t for t in tags if t.confidence >= 0.6) for i, tags in _found(episode).items()
        }
        scores, (right, checked) = score(gold, sure, default_vocabulary().honorifics)
        assert (scores["cast"].precision, scores["cast"].recall) == (1.0, 1.0), episode
        assert right == checked > 0
        for category, s in scores.items():
            row = totals.setdefault(category, [0, 0, 0])
            row[0], row[1], row[2] = row[0] + s.gold, row[1] + s.found, row[2] + s.right_gold
    for category in ("wardrobe", "animals"):
        gold_total, found_total, right = totals[category]
        assert right / found_total >= 0.85 and right / gold_total >= 0.85, category


def test_gold_minors_are_flagged() -> None:
    gold = yaml.safe_load((GOLD / "ep01.yaml").read_text("utf-8"))
    found = _found(1)
    honorifics = default_vocabulary().honorifics
    for scene in gold["scenes"]:
        flagged = {t.key for t in found[scene["index"]] if t.minor}
        assert flagged == {cast_key(name, honorifics) for name in scene.get("minors", [])}


def test_an_unreadable_gold_file_names_the_scene() -> None:
    with pytest.raises(ValidationError) as caught:
        read_gold({"scenes": [{"index": 1, "props": "THERMOS"}]}, "bad.yaml")
    assert caught.value.field == "bad.yaml:scenes[1].props"


def test_big_fish_tags_without_trouble_and_finds_its_leads() -> None:
    path = SCRIPTS / "full-length" / "big-fish.fountain"
    require(path.exists(), "Big Fish fountain file")
    scenes = tag_script(parse(path.read_text("utf-8"), path.name))
    cast = {t.key for sb in scenes for t in sb.tags if t.category in ("cast", "cast_silent")}
    assert {"edward", "will", "sandra", "josephine"} <= cast
    assert not cast & {"cut to", "continued", "super", "the end"}
