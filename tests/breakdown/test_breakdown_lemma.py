"""Lemmatisation and the shipped vocabularies: plurals, Spanish gender, bilingual entries."""

from __future__ import annotations

import pytest

from mosaico.breakdown.lemma import element_key, forms, singular, words
from mosaico.breakdown.vocabulary import Vocabulary, build, default_vocabulary, extend_vocabulary
from mosaico.errors import ValidationError


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("peces", "pez"),
        ("camiones", "camion"),
        ("bodies", "body"),
        ("horses", "horse"),
        ("glass", "glass"),
    ],
)
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


def test_forms_cover_gender_and_both_plural_endings() -> None:
    assert "obrero" in forms("obreras")
    assert "tanque" in forms("tanques")
    assert "senor" in forms("senora")


def test_element_key_folds_accents_and_drops_articles_but_not_unas() -> None:
    assert element_key("Las CAJAS DE MANZANA") == "caja de manzana"
    assert element_key("uñas cortas") == element_key("UÑAS CORTAS")
    assert element_key("uñas cortas").startswith("una")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("CAMIONETA ROJA", "vehicles"),
        ("RED PICKUP TRUCK", "vehicles"),
        ("CABALLOS", "animals"),
        ("HORSES", "animals"),
        ("MÁQUINAS DE COSER", "props"),
        ("SHOTGUN", "weapons"),
        ("BOTAS DE HULE", "wardrobe"),
        ("PELUCA", "makeup_hair"),
        ("RELÁMPAGO", "special_effects"),
        ("TRUENO", "sound"),
        ("OBRERAS", "background"),
        ("PASSENGERS", "background"),
    ],
)
def test_shipped_vocabulary_in_spanish_and_english(text: str, category: str) -> None:
    found = default_vocabulary().match(words(text))
    assert found is not None and found[0] == category


def test_unknown_words_match_nothing() -> None:
    assert default_vocabulary().match(words("EMPACADORA DEL NORTE")) is None


def test_a_production_can_bring_its_own_vocabulary() -> None:
    vocab = Vocabulary(phrases=build([("vehicles", ["carreta de bueyes"])]))
    assert vocab.match(words("CARRETAS DE BUEYES")) == ("vehicles", 0, 3)
    assert vocab.match(words("CAMIONETA")) is None


def test_script_marks_and_group_cues_are_listed() -> None:
    vocab = default_vocabulary()
    assert {"super", "cont'd", "v.o", "cut to"} <= vocab.not_elements
    assert "todos" in vocab.group_cues
    assert "dona" in vocab.honorifics


def test_a_production_extends_the_shipped_lists_from_yaml() -> None:
    own = "category: special_equipment\nes: [grúa telescópica, dron]\nen: [drone]\n"
    vocab = extend_vocabulary(default_vocabulary(), {"granizo/equipo.yaml": own})
    assert vocab.match(words("DRONES")) == ("special_equipment", 0, 1)
    assert vocab.match(words("CAMIONETA")) == ("vehicles", 0, 1)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("category: props\nes: [uno, 2]\n", "own.yaml:es"),
        ("es: [dron]\n", "own.yaml:category"),
        ("- just\n- a list\n", "own.yaml"),
        ("category: [unclosed\n", "own.yaml"),
        ("category: props\nes: [" + "x, " * 200_000 + "]\n", "own.yaml"),
    ],
)
def test_a_bad_word_list_names_its_file_and_field(text: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        extend_vocabulary(default_vocabulary(), {"own.yaml": text})
    assert caught.value.field == field
