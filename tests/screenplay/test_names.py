"""Character keys: one per person, whatever the accents, case, apostrophes or extension."""

from __future__ import annotations

import pytest

from mosaico.screenplay.names import character_key, fold, strip_extension


@pytest.mark.parametrize(
    "spelling", ["ÉRIKA (CONT’D)", "Erika", "ERIKA (V.O.)", "érika", "  ERIKA  ", "@Érika ^"]
)
def test_every_spelling_of_erika_shares_one_key(spelling: str) -> None:
    assert character_key(spelling) == character_key("ÉRIKA") == "erika"


def test_honorifics_and_inner_spaces() -> None:
    assert character_key("DOÑA  CHAYO (O.S.)") == character_key("Doña Chayo") == "dona chayo"
    assert character_key("DOÑA CHAYO") != character_key("CHAYO")  # merging is the breakdown's


def test_curly_and_straight_apostrophes_are_one_name() -> None:
    assert character_key("REGGIE’S VOICE") == character_key("REGGIE'S VOICE")


def test_strip_extension_splits_name_and_every_extension() -> None:
    assert strip_extension("ÉRIKA (V.O.) (CONT’D)") == ("ÉRIKA", "(V.O.) (CONT'D)")
    assert strip_extension("HANS (on the radio)") == ("HANS", "(on the radio)")
    assert strip_extension("DOÑA CHAYO") == ("DOÑA CHAYO", None)
    assert strip_extension("BRICK ^") == ("BRICK", None)


def test_fold_removes_accents_and_case_only() -> None:
    assert fold("MÁS  TARDE") == "mas tarde"
    assert fold("Ñandú") == "nandu"
