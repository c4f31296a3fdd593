"""Breakdown sheets and department lists, built from plain scenes and element mappings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mosaico.breakdown import tag_script
from mosaico.breakdown.categories import DEFAULT_CATEGORIES, Category, by_key
from mosaico.breakdown.script import scene_elements
from mosaico.breakdown.sheets import (
    SheetScene,
    build_sheets,
    department_lists,
    estimate_script_days,
    ink_for,
    marked_segments,
    sheet_boxes,
)
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.fountain import parse
from mosaico.screenplay.paginate import paginate
from mosaico.screenplay.scenes import split_scenes

EP01 = Path(__file__).resolve().parents[2] / "src/mosaico/demo/series/ep01.fountain"


def _scene(index: int, time: str, *, episode: int = 1, day: int | None = None) -> SheetScene:
    return SheetScene(
        episode=episode,
        index=index,
        number=str(index),
        heading=f"EXT. HUERTA - {time}",
        int_ext="EXT",
        set_name="HUERTA",
        time_of_day=time,
        eighths=Eighths(3),
        script_day=day,
    )


def test_boxes_follow_the_production_order_and_colours() -> None:
    elements: dict[str, list[Any]] = {
        "props": ["THERMOS", "LIBRETA"],
        "cast": ["ABEL", "CONCHA"],
        "background": [{"name": "jornaleros", "count": 20}, {"name": "gente", "count": None}],
    }
    boxes = sheet_boxes(elements)
    assert [box.key for box in boxes] == ["cast", "background", "props"]
    colours = by_key(DEFAULT_CATEGORIES)
    assert [box.color for box in boxes] == [colours[b.key].color for b in boxes]
    assert [item.label for item in boxes[1].items] == ["jornaleros (20)", "gente"]
    assert boxes[0].title("es") == "Reparto" and boxes[0].title("en") == "Cast Members"


def test_a_production_with_its_own_categories_and_an_unlisted_one() -> None:
    own = (
        Category("props", "Hand props", "Utilería de mano", "#FFFF00"),
        Category("cast", "Cast", "Elenco", "#000080"),
    )
    boxes = sheet_boxes({"cast": ["ABEL"], "props": ["LÁMPARA"], "drones": ["DRON"]}, own)
    # The production's order, then the category it does not list, kept rather than dropped.
    assert [box.key for box in boxes] == ["props", "cast", "drones"]
    assert boxes[0].color == "#FFFF00" and boxes[0].ink == "#000000"
    assert boxes[1].ink == "#FFFFFF"
    assert boxes[2].items[0].name == "DRON" and boxes[2].name == "Drones"


def test_ink_reads_on_its_colour() -> None:
    assert ink_for("#FFD700") == "#000000"  # gold notes box: black text
    assert ink_for("#800000") == "#FFFFFF"  # maroon weapons box: white text


def test_script_days_turn_when_the_clock_goes_back() -> None:
    scenes = [
        _scene(1, "DAWN"),
        _scene(2, "DAY"),
        _scene(3, "CONTINUOUS"),
        _scene(4, "NIGHT"),
        _scene(5, "LATER"),
        _scene(6, "DAWN"),
        _scene(7, "DUSK"),
        _scene(8, "DAY"),
    ]
    assert estimate_script_days(scenes) == [1, 1, 1, 1, 1, 2, 2, 3]


def test_a_script_day_set_by_hand_wins_and_the_count_goes_on_from_it() -> None:
    scenes = [_scene(1, "DAY"), _scene(2, "NIGHT", day=5), _scene(3, "DAY")]
    assert estimate_script_days(scenes) == [1, 5, 6]
    sheets = build_sheets(scenes, {})
    assert [s.script_day for s in sheets] == [1, 5, 6]
    assert [s.script_day_estimated for s in sheets] == [True, False, True]


def test_sheets_count_days_per_episode_and_keep_the_given_order() -> None:
    scenes = [_scene(1, "NIGHT"), _scene(2, "DAY"), _scene(1, "NIGHT", episode=2)]
    sheets = build_sheets(scenes, {(2, 1): {"cast": ["ABEL"]}})
    assert [(s.scene.episode, s.script_day) for s in sheets] == [(1, 1), (1, 2), (2, 1)]
    assert sheets[0].boxes == () and sheets[2].boxes[0].items[0].name == "ABEL"


def test_department_lists_gather_the_scenes_of_each_element() -> None:
    scenes = [_scene(1, "DAY"), _scene(2, "DAY"), _scene(1, "DAY", episode=2)]
    elements: dict[tuple[int, int], dict[str, list[Any]]] = {
        (1, 1): {"props": ["Thermos"], "background": [{"name": "jornaleros", "count": 20}]},
        (1, 2): {
            "props": ["THERMOS", "libreta"],
            "background": [{"name": "Jornaleros", "count": 35}],
        },
        (2, 1): {"props": ["thermos"], "cast": ["ABEL"]},
    }
    lists = department_lists(build_sheets(scenes, elements))
    assert [d.key for d in lists] == ["cast", "background", "props"]
    props = lists[2]
    thermos = props.elements[0]
    # One element per accent- and case-insensitive name, spelled as first seen.
    assert thermos.name == "Thermos"
    assert [ref.label for ref in thermos.scenes] == ["1-1", "1-2", "2-1"]
    assert thermos.episodes == (1, 2)
    assert props.scene_count == 3
    crowd = lists[1].elements[0]
    assert crowd.count == 35 and [r.count for r in crowd.scenes] == [20, 35]
    only = department_lists(build_sheets(scenes, elements), only="props")
    assert [d.key for d in only] == ["props"]


@pytest.mark.parametrize("position", [0, 5, 20])
def test_sheets_of_a_real_episode_hold_what_the_tagger_found(position: int) -> None:
    screenplay = parse(EP01.read_text(encoding="utf-8"))
    scenes = split_scenes(screenplay)
    breakdowns = tag_script(screenplay)
    lengths = [layout.eighths for layout in paginate(screenplay).scenes]
    header = [
        SheetScene(
            episode=1,
            index=s.index,
            number=s.number,
            heading=s.heading_text,
            int_ext=s.heading.int_ext.value,
            set_name=s.heading.set_name,
            time_of_day=s.heading.time_of_day.value,
            eighths=lengths[s.index - 1],
        )
        for s in scenes
    ]
    elements = {(1, b.scene.index): scene_elements(b.tags) for b in breakdowns}
    sheets = build_sheets(header, elements)
    sheet = sheets[position]
    expected = elements[(1, sheet.scene.index)]
    assert {box.key: [i.name for i in box.items] for box in sheet.boxes} == {
        key: [e["name"] if isinstance(e, dict) else e for e in names]
        for key, names in expected.items()
        if names
    }
    # The first scene is at dawn of day one; days never go backwards.
    assert sheets[0].script_day == 1
    days = [s.script_day or 0 for s in sheets]
    assert days == sorted(days)


def test_marked_segments_cut_a_paragraph_at_its_tags() -> None:
    text = "ABEL camina con un THERMOS."
    segments = marked_segments(text, [(19, 26), (0, 4), (2, 6), (30, 40), (5, 5)])
    assert [(s.text, s.mark) for s in segments] == [
        ("ABEL", 1),
        (" camina con un ", None),
        ("THERMOS", 0),
        (".", None),
    ]
    # The pieces always give back the whole paragraph.
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.mark) for s in marked_segments("", [])] == [("", None)]
