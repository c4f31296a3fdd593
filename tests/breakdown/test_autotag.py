"""Auto-tagging a scene: cast, background, departments, and the CAPS words that are not elements."""

from __future__ import annotations

import pytest

from mosaico.breakdown.autotag import Tag, tag_scene
from mosaico.breakdown.categories import DEFAULT_CATEGORIES
from mosaico.breakdown.script import established, scene_elements, suggestions, tag_script
from mosaico.breakdown.vocabulary import default_vocabulary
from mosaico.screenplay.fountain import parse
from mosaico.screenplay.scenes import speaking_characters

VOCAB = default_vocabulary()


def _tags(text: str, known: tuple[str, ...] = ()) -> list[Tag]:
    script = parse(text)
    characters = (*speaking_characters(script.elements), *known)
    return tag_scene(script.elements, characters, DEFAULT_CATEGORIES, VOCAB)


def _elements(text: str, known: tuple[str, ...] = ()) -> dict[str, list[object]]:
    return scene_elements(_tags(text, known))


def test_cues_are_cast_and_aliases_merge_across_honorifics_and_extensions() -> None:
    text = (
        "INT. COCINA - DÍA\n\nDOÑA AMPARO (70) pela papas.\n\n"
        "AMPARO\n¿Quién anda ahí?\n\nAMPARO (V.O.)\nNadie, pues.\n"
    )
    tags = _tags(text)
    cast = {tag.key for tag in tags if tag.category in ("cast", "cast_silent")}
    assert cast == {"amparo"}
    assert _elements(text)["cast"] == ["AMPARO"]
    assert all(tag.category == "cast" for tag in tags if tag.key == "amparo")


def test_caps_first_mention_with_an_age_is_silent_cast_and_a_child_is_a_minor() -> None:
    text = "EXT. PATIO - DÍA\n\nLUPITA (9) juega con un BALÓN. DON TACHO (60s) la mira.\n\nPEDRO\nVente.\n"
    tags = {tag.key: tag for tag in _tags(text) if tag.category.startswith("cast")}
    assert tags["lupita"].category == "cast_silent"
    assert tags["lupita"].minor and tags["lupita"].age == 9
    assert tags["tacho"].category == "cast_silent" and not tags["tacho"].minor
    assert tags["pedro"].category == "cast"


def test_known_character_in_lower_case_action_is_in_the_scene_but_not_one_only_mentioned() -> None:
    text = 'INT. SALA - NOCHE\n\nMarisol entra. Lee un mensaje de Dani: "YA LLEGUÉ".\n'
    cast = {t.key for t in _tags(text, ("MARISOL", "DANI")) if t.category.startswith("cast")}
    assert cast == {"marisol"}


def test_background_from_crowd_words_keeps_the_count() -> None:
    text = (
        "EXT. HUERTA - DÍA\n\n20 JORNALEROS pizcan. Dos POLICÍAS vigilan. "
        "La GENTE del mercado mira. Hay extras al fondo.\n"
    )
    background = {entry["name"]: entry["count"] for entry in _elements(text)["background"]}  # type: ignore[index]
    assert background == {"JORNALEROS": 20, "POLICÍAS": 2, "GENTE": None, "extras": None}


def test_english_crowd_and_departments() -> None:
    text = "EXT. MAIN STREET - DAY\n\nA CROWD gathers as a RED PICKUP TRUCK stops. Three HORSES drink. Sam holds a GUN.\n"
    elements = _elements(text)
    assert elements["background"] == [{"name": "CROWD", "count": None}]
    assert elements["vehicles"] == ["RED PICKUP TRUCK"]
    assert elements["animals"] == ["HORSES"]
    assert elements["weapons"] == ["GUN"]
    horses = next(t for t in _tags(text) if t.category == "animals")
    assert horses.count == 3


def test_departments_from_caps_spans_lemmatised() -> None:
    text = (
        "EXT. CANAL - AMANECER\n\nUn charco con PECES MUERTOS. Llega una CAMIONETA BLANCA. "
        "Ella trae una MALETA y dos MÁQUINAS DE COSER. EXPLOSIÓN. Suena el TIMBRE.\n"
    )
    elements = _elements(text)
    assert elements["animals"] == ["PECES MUERTOS"]
    assert elements["vehicles"] == ["CAMIONETA BLANCA"]
    assert elements["props"] == ["MALETA", "MÁQUINAS DE COSER"]
    assert elements["special_effects"] == ["EXPLOSIÓN"]
    assert elements["sound"] == ["TIMBRE"]


def test_caps_words_that_are_not_elements_are_not_tagged() -> None:
    text = (
        'INT. BAR - NOCHE\n\nSUPER: "CHIHUAHUA, 1998"\n\n'
        'Un letrero dice "PROHIBIDO FUMAR". ¡FUERA! grita alguien. Todos gritan AHORA!\n\n'
        "ROSA (V.O.) (CONT'D)\nYa vámonos.\n\nCUT TO:\n"
    )
    tags = _tags(text)
    assert [(tag.category, tag.key) for tag in tags] == [("cast", "rosa")]


def test_group_cues_are_not_cast() -> None:
    text = "INT. IGLESIA - DÍA\n\nRAÚL\nRecemos.\n\nTODOS\nAmén.\n"
    assert _elements(text)["cast"] == ["RAÚL"]


def test_tag_keeps_its_source_span_and_confidence() -> None:
    text = "INT. COCINA - DÍA\n\nNohemí saca una LATA DE CAFÉ.\n\nNOHEMÍ\nAquí está.\n"
    script = parse(text)
    tag = next(t for t in _tags(text) if t.category == "props")
    action = script.elements[tag.element].text
    assert action[tag.start : tag.end] == "LATA DE CAFÉ"
    assert tag.key == "lata de cafe"
    assert 0 < tag.confidence <= 1


def test_description_after_an_age_gives_wardrobe_and_hair() -> None:
    text = "EXT. HUERTA - DÍA\n\nABEL (68), sombrero de palma, barba blanca, camina entre los árboles.\n"
    elements = _elements(text)
    assert elements["wardrobe"] == ["sombrero de palma"]
    assert elements["makeup_hair"] == ["barba blanca"]


def test_minor_flag_and_elements_carry_to_later_scenes() -> None:
    text = (
        "EXT. CANAL - DÍA\n\nKEVIN (11) mira dos PERROS.\n\n"
        "INT. SALÓN - DÍA\n\nLos perros ladran afuera.\n\nKEVIN\nYa llegaron.\n"
    )
    second = tag_script(parse(text))[1]
    kevin = next(t for t in second.tags if t.key == "kevin")
    assert kevin.category == "cast" and kevin.minor
    assert scene_elements(second.tags)["animals"] == ["perros"]


def test_categories_a_production_dropped_are_not_tagged() -> None:
    script = parse("EXT. CAMINO - DÍA\n\nPasa un CABALLO junto a la CAMIONETA.\n")
    only = [c for c in DEFAULT_CATEGORIES if c.key != "animals"]
    tags = tag_scene(script.elements, (), only, VOCAB)
    assert {t.category for t in tags} == {"vehicles"}


def test_english_conventions_age_after_a_comma_full_names_joint_and_crowd_cues() -> None:
    text = (
        "INT. BEDROOM - NIGHT\n\nWILL BLOOM, AGE 3, listens as EDWARD BLOOM, 40's, talks. "
        "CLOSE ON the book.\n\nEDWARD AND WILL\nThe end!\n\nTHE CROWD\nHooray!\n\n"
        "EDWARD\nGood night.\n\nWILL\nNight.\n"
    )
    tags = _tags(text)
    cast = {t.key: t for t in tags if t.category in ("cast", "cast_silent")}
    assert set(cast) == {"edward", "will"}
    assert cast["will"].minor and cast["will"].age == 3
    assert not cast["edward"].minor
    assert _elements(text)["background"] == [{"name": "THE CROWD", "count": None}]
    assert not [t for t in tags if t.category == "misc"]


def test_camera_directions_and_sound_cues_in_english() -> None:
    text = "EXT. RIVER - DAY\n\nON EDWARD as the water SPLASHES. PUSH IN. We hear a GASP.\n\nEDWARD\nHa.\n"
    elements = _elements(text)
    assert elements["sound"] == ["SPLASHES", "GASP"]
    assert "misc" not in elements


def test_lower_case_nouns_are_props_when_handled_and_suggestions_when_only_mentioned() -> None:
    text = (
        "INT. COCINA - DÍA\n\nRosa saca el celular y la bolsa de rafia. Se toca la cara. "
        "Afuera pasa un camión.\n\nROSA\nYa.\n"
    )
    plain = [(t.category, t.name, t.confidence) for t in _tags(text) if t.confidence < 0.7]
    assert plain == [
        ("props", "celular", 0.6),  # "saca el": handled
        ("props", "bolsa de rafia", 0.5),  # only named: for review
        ("vehicles", "camión", 0.6),  # a vehicle named is on screen
    ]


@pytest.mark.parametrize(
    ("line", "name", "confidence"),
    [
        ("Ana guarda la navaja.", "navaja", 0.6),
        ("Ana corta la cuerda con una navaja.", "navaja", 0.6),
        ("Ana escribe en su libreta.", "libreta", 0.6),
        ("Sobre la mesa hay una navaja.", "navaja", 0.5),
        ("20 JORNALEROS con mochilas esperan.", "mochilas", 0.5),
        ("Ana grabs the wallet.", "wallet", 0.6),
        ("Ana checks her notebook.", "notebook", 0.6),
        ("A wallet lies on the table.", "wallet", 0.5),
    ],
)
def test_handling_decides_between_prop_and_suggestion(
    line: str, name: str, confidence: float
) -> None:
    text = f"INT. CASA - DÍA\n\n{line}\n\nANA\nYa.\n"
    found = {t.name: t.confidence for t in _tags(text) if t.category == "props"}
    assert found[name] == confidence


def test_a_bare_plural_opening_a_sentence_is_an_element() -> None:
    text = "EXT. PATIO - DÍA\n\nMontacargas van y vienen. Toma una caja.\n"
    assert ("vehicles", "Montacargas") in [(t.category, t.name) for t in _tags(text)]


def test_suggestions_stay_out_of_the_breakdown_until_confirmed() -> None:
    text = "INT. CASA - DÍA\n\nAna entra. Hay una navaja junto al fregadero.\n\nANA\nYa.\n"
    tags = _tags(text)
    assert [t.name for t in suggestions(tags)] == ["navaja"]
    assert "props" not in scene_elements(tags)
    assert scene_elements(tags, floor=0.0)["props"] == ["navaja"]


def test_a_caps_run_with_a_conjunction_holds_two_elements_and_articles_are_dropped() -> None:
    text = "EXT. CAMINO - DÍA\n\nPasan UN CABALLO Y UNA CARRETA. Se ven sus UÑAS LARGAS.\n"
    elements = _elements(text)
    assert elements["animals"] == ["CABALLO"]
    assert elements["vehicles"] == ["CARRETA"]
    assert elements["makeup_hair"] == ["UÑAS LARGAS"]


def test_one_neighbour_who_speaks_is_cast_and_neighbours_are_background() -> None:
    text = "EXT. CALLE - NOCHE\n\nVECINO\n¡Ya cállense!\n\nVECINOS\n¡Sí, ya!\n"
    elements = _elements(text)
    assert elements["cast"] == ["VECINO"]
    assert elements["background"] == [{"name": "VECINOS", "count": None}]


def test_elements_established_in_one_episode_are_found_in_the_next() -> None:
    first = tag_script(parse("EXT. CANAL - DÍA\n\nROSA (40) saca su CELULAR y un SOBRE.\n"))
    known = established(first)
    assert known == {"celular": "props", "sobre": "props", "rosa": "cast_silent"}
    # In lower case "sobre" is the preposition, not the envelope.
    second = tag_script(
        parse("INT. CASA - NOCHE\n\nRosa deja celular sobre la mesa.\n"), known_elements=known
    )
    assert scene_elements(second[0].tags).get("props") == ["celular"]
    alone = tag_script(parse("INT. CASA - NOCHE\n\nRosa deja celular en la mesa.\n"))
    assert "props" not in scene_elements(alone[0].tags)


def test_a_silent_character_from_an_earlier_episode_is_known_by_name() -> None:
    first = parse("EXT. PATIO - DÍA\n\nEl GÜERO MONTOYA (40) fuma junto a la reja.\n")
    known = established(tag_script(first))
    second = parse("EXT. PATIO - DÍA\n\nEl Güero Montoya, lejos, come pepitas.\n")
    tags = tag_script(second, known_elements=known)[0].tags
    assert "guero montoya" in {t.key for t in tags if t.category in ("cast", "cast_silent")}
    # Without what the first episode established, nobody is recognised.
    alone = tag_script(second)[0].tags
    assert not [t for t in alone if t.category in ("cast", "cast_silent")]
