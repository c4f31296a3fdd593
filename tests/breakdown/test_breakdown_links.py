"""Element links: a minor brings a studio teacher, an animal its wrangler, in every scene."""

from __future__ import annotations

from mosaico.breakdown.links import DEFAULT_LINKS, ElementLink, apply_links, link_scenes
from mosaico.breakdown.script import scene_elements, tag_script
from mosaico.screenplay.fountain import parse

SCRIPT = (
    "EXT. PATIO - DÍA\n\nLUPITA (9) le da de comer a un CABALLO.\n\n"
    "INT. COCINA - NOCHE\n\nROSA (40) lava platos.\n\n"
    "INT. ESCUELA - DÍA\n\nLUPITA\nYa me voy.\n"
)


def test_minor_brings_a_studio_teacher_to_every_scene_she_is_in() -> None:
    scenes = link_scenes([sb.tags for sb in tag_script(parse(SCRIPT))])
    elements = [scene_elements(tags) for tags in scenes]
    assert elements[0]["additional_labor"] == ["Studio teacher"]
    assert "additional_labor" not in elements[1]
    assert elements[2]["additional_labor"] == ["Studio teacher"]
    teacher = next(t for t in scenes[2] if t.category == "additional_labor")
    assert teacher.linked_from == "lupita"


def test_animal_brings_a_wrangler_once_per_scene() -> None:
    first = tag_script(parse(SCRIPT))[0].tags
    linked = apply_links(list(first) + list(first), DEFAULT_LINKS)
    wranglers = [t for t in linked if t.category == "animal_wrangler"]
    assert [t.name for t in wranglers] == ["Animal wrangler"]
    assert wranglers[0].linked_from == "caballo"


def test_a_link_on_one_element_by_key() -> None:
    first = tag_script(parse(SCRIPT))[0].tags
    link = ElementLink("animals", "special_equipment", "Horse trailer", anchor_key="perro")
    assert apply_links(first, [link]) == list(first)
    link = ElementLink("animals", "special_equipment", "Horse trailer", anchor_key="caballo")
    added = apply_links(first, [link])[-1]
    assert (added.category, added.name, added.key) == (
        "special_equipment",
        "Horse trailer",
        "horse trailer",
    )
