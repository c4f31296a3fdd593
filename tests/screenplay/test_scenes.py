"""Scenes: cut at each heading, with numbers, synopses, omissions, speakers and silent roles."""

from __future__ import annotations

from conftest import SCRIPTS
from mosaico.screenplay import fountain
from mosaico.screenplay.model import ElementType, IntExt, TimeOfDay
from mosaico.screenplay.scenes import Scene, split_scenes

SCRIPT = """\
Title: Somos

An opening image before any heading.

INT. CASA DE ÉRIKA - COCINA - NOCHE #12A#

= Érika waits for news.

= A second synopsis is not the scene's.

DOÑA CHAYO (60s) enters with a pot. ÉRIKA doesn't look up.

ÉRIKA
¿Ya?

Érika (cont’d)
¿Ya llegó?

EXT. CALLE - DÍA

.OMITIDA #13#
"""


def scenes(text: str) -> list[Scene]:
    return split_scenes(fountain.parse(text))


def test_one_scene_per_heading_in_order_with_numbers_and_ranges() -> None:
    screenplay = fountain.parse(SCRIPT)
    found = split_scenes(screenplay)
    assert [s.index for s in found] == [1, 2, 3]
    assert [s.number for s in found] == ["12A", None, "13"]
    first = found[0]
    assert first.heading_text == "INT. CASA DE ÉRIKA - COCINA - NOCHE"
    assert (first.heading.int_ext, first.heading.time_of_day) == (IntExt.INT, TimeOfDay.NIGHT)
    assert screenplay.elements[first.start].kind is ElementType.SCENE_HEADING
    assert first.end == found[1].start  # the action before the first heading is in no scene
    assert found[-1].end == len(screenplay.elements)


def test_synopsis_is_the_first_one_after_the_heading() -> None:
    assert [s.synopsis for s in scenes(SCRIPT)] == ["Érika waits for news.", None, None]


def test_omitted_scenes_are_flagged_in_both_languages() -> None:
    assert [s.omitted for s in scenes(SCRIPT)] == [False, False, True]
    assert scenes("INT. A - DAY\n\nx\n\n.OMITTED #4#\n")[1].omitted


def test_speakers_merge_accents_case_and_extensions_keeping_the_first_spelling() -> None:
    first = scenes(SCRIPT)[0]
    assert first.speaking == ("ÉRIKA",)
    # Érika speaks here, so her CAPS mention in action does not make her silent too.
    assert first.silent == ("DOÑA CHAYO",)


def test_silent_by_an_age_after_the_name() -> None:
    found = scenes("EXT. PLAZA - DAY\n\nA crowd. LUPITA (9) and DON BETO (70s) watch.\n")
    assert found[0].silent == ("LUPITA", "DON BETO")


def test_silent_by_a_known_cue_anywhere_in_the_script() -> None:
    text = (
        "INT. A - DAY\n\nThe door opens and BRICK AND STEEL step in.\n\n"
        "EXT. B - NIGHT\n\nBRICK\nHi.\n\nSTEEL\nHo.\n"
    )
    assert scenes(text)[0].silent == ("BRICK", "STEEL")
    assert scenes(text)[1].silent == ()


def test_silent_by_a_verb_at_the_start_of_a_sentence() -> None:
    text = "INT. A - DAY\n\nMARTA enters. EL CHINO se sienta. A YOUNG WOMAN walks in.\n"
    assert scenes(text)[0].silent == ("MARTA", "CHINO", "YOUNG WOMAN")


def test_caps_that_are_not_characters() -> None:
    text = (
        "INT. KITCHEN - DAY\n\n"
        "A door SLAMS. The phone RINGS loudly. We hear a BANG. SUPER: Mexico, 1985.\n\n"
        "CLOSE ON the letter. TITLE MUSIC begins. The KITCHEN smells of smoke. "
        "He reads the NEWSPAPER headline. CAMERA moves in.\n"
    )
    assert scenes(text)[0].silent == ()


def test_hard_wrapped_line_starts_are_not_sentence_starts() -> None:
    # Charade wraps lines anywhere: a name at a line start, mid-sentence, is no subject.
    text = "INT. A - DAY\n\nHe looks at the\nPORTRAIT hanging there.\n"
    assert scenes(text)[0].silent == ()


def test_big_fish_introductions_by_age() -> None:
    screenplay = fountain.parse(
        (SCRIPTS / "full-length" / "big-fish.fountain").read_text(encoding="utf-8")
    )
    found = split_scenes(screenplay)
    kitchen = [s for s in found if "DR. JULIUS BENNETT" in s.silent]
    assert [s.index for s in kitchen] == [27]
    # He is introduced by his full name and speaks as DR. BENNETT: two keys, so both are
    # listed. Merging such aliases is the breakdown's job (an alias list people edit).
    assert kitchen[0].speaking == ("DR. BENNETT", "WILL", "JOSEPHINE", "SANDRA")
    assert all(set(s.silent).isdisjoint(s.speaking) for s in found)
