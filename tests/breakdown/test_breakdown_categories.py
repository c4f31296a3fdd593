"""Categories are data: the issue's key set, Final Draft names, colours a production may change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mosaico.breakdown.categories import DEFAULT_CATEGORIES, Category, by_key, check_categories
from mosaico.errors import ValidationError

ISSUE_KEYS = [
    "cast",
    "cast_silent",
    "background",
    "stunts",
    "vehicles",
    "props",
    "camera",
    "special_effects",
    "wardrobe",
    "makeup_hair",
    "animals",
    "animal_wrangler",
    "music",
    "sound",
    "art_department",
    "set_dressing",
    "greenery",
    "special_equipment",
    "security",
    "additional_labor",
    "vfx",
    "mechanical_fx",
    "weapons",
    "misc",
    "notes",
]


def test_default_categories_cover_the_machine_key_set_in_order() -> None:
    assert [category.key for category in DEFAULT_CATEGORIES] == ISSUE_KEYS
    assert check_categories(DEFAULT_CATEGORIES) == DEFAULT_CATEGORIES


def test_final_draft_names_and_the_customary_cast_colour() -> None:
    categories = by_key(DEFAULT_CATEGORIES)
    assert categories["cast"].name == "Cast Members"
    assert categories["background"].name == "Background Actors"
    assert categories["vfx"].name == "Optical FX"
    assert categories["cast"].color == "#FF0000"


def test_a_production_copies_and_edits_the_defaults() -> None:
    own = [replace(c, color="#00FF00") if c.key == "props" else c for c in DEFAULT_CATEGORIES]
    own.append(Category("drones", "Drones", "Drones", "#123456"))
    checked = check_categories(own)
    assert by_key(checked)["props"].color == "#00FF00"
    assert by_key(DEFAULT_CATEGORIES)["props"].color != "#00FF00"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (Category("Props", "Props", "Utilería", "#000000"), "categories[2].key"),
        (Category("cast", "Again", "Otra vez", "#000000"), "categories[2].key"),
        (Category("extra", " ", "", "#000000"), "categories[2].name"),
        (Category("extra", "Extra", "Extra", "red"), "categories[2].color"),
    ],
)
def test_a_bad_category_names_its_field(bad: Category, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_categories([DEFAULT_CATEGORIES[0], bad])
    assert caught.value.field == field
