"""Scene headings: INT/EXT, set and time of day, in English and Spanish."""

from __future__ import annotations

import pytest

from mosaico.screenplay.headings import parse_heading, time_of_day
from mosaico.screenplay.model import IntExt, TimeOfDay

INT, EXT, IE, NONE = IntExt.INT, IntExt.EXT, IntExt.INT_EXT, IntExt.NONE
T = TimeOfDay


@pytest.mark.parametrize(
    ("text", "int_ext", "set_name", "when", "time_text"),
    [
        ("INT. HOUSE - DAY", INT, "HOUSE", T.DAY, "DAY"),
        ("EXT. PARK - NIGHT", EXT, "PARK", T.NIGHT, "NIGHT"),
        ("INT./EXT. CAR - MOVING - DAY", IE, "CAR - MOVING", T.DAY, "DAY"),
        ("I/E CAR - DUSK", IE, "CAR", T.DUSK, "DUSK"),
        ("EST. MEXICO CITY - DAWN", EXT, "MEXICO CITY", T.DAWN, "DAWN"),
        ("INT HOUSE - DAY", INT, "HOUSE", T.DAY, "DAY"),  # no dot
        ("INT - HOUSE", INT, "HOUSE", T.UNKNOWN, ""),  # dash after the prefix
        ("INT. APARTMENT, DAY", INT, "APARTMENT", T.DAY, "DAY"),  # comma style
        ("EXT. PARIS -- STREET -- NIGHT", EXT, "PARIS - STREET", T.NIGHT, "NIGHT"),  # Charade
        ("int. kitchen - evening", INT, "kitchen", T.EVENING, "evening"),
        ("INT. HOUSE - MORNING", INT, "HOUSE", T.MORNING, "MORNING"),
        ("INT. HOUSE - CONTINUOUS", INT, "HOUSE", T.CONTINUOUS, "CONTINUOUS"),
        ("INT. HOUSE - LATER", INT, "HOUSE", T.LATER, "LATER"),
        ("INT. HOUSE - MOMENTS LATER", INT, "HOUSE", T.LATER, "MOMENTS LATER"),
        ("INT. HOUSE - SAME", INT, "HOUSE", T.SAME, "SAME"),
        ("OMITTED", NONE, "OMITTED", T.UNKNOWN, ""),
    ],
)
def test_english_headings(
    text: str, int_ext: IntExt, set_name: str, when: TimeOfDay, time_text: str
) -> None:
    heading = parse_heading(text)
    assert (heading.int_ext, heading.set_name, heading.time_of_day, heading.time_text) == (
        int_ext,
        set_name,
        when,
        time_text,
    )


@pytest.mark.parametrize(
    ("text", "set_name", "when"),
    [
        ("INT. CASA DE LOS MEDINA - COCINA - NOCHE", "CASA DE LOS MEDINA - COCINA", T.NIGHT),
        ("EXT. CAMPO - DÍA", "CAMPO", T.DAY),
        ("EXT. CAMPO - DIA", "CAMPO", T.DAY),  # accents are optional
        ("EXT. AZOTEA - AMANECER", "AZOTEA", T.DAWN),
        ("EXT. MALECÓN - ATARDECER", "MALECÓN", T.DUSK),
        ("INT. COCINA - CONTINUO", "COCINA", T.CONTINUOUS),
        ("INT. COCINA - MÁS TARDE", "COCINA", T.LATER),
        ("INT. COCINA - mas tarde", "COCINA", T.LATER),
        ("INT. COCINA - MAÑANA", "COCINA", T.MORNING),
        ("INT. COCINA - TARDE", "COCINA", T.AFTERNOON),
        ("EXT. CALLE - DÍA SIGUIENTE", "CALLE", T.DAY),
    ],
)
def test_spanish_headings(text: str, set_name: str, when: TimeOfDay) -> None:
    heading = parse_heading(text)
    assert (heading.set_name, heading.time_of_day) == (set_name, when)


def test_the_time_is_the_last_part_that_names_one() -> None:
    heading = parse_heading("EXT. STREET - DAY - FLASHBACK")
    assert (heading.set_name, heading.time_of_day, heading.time_text) == (
        "STREET",
        T.DAY,
        "DAY - FLASHBACK",
    )
    # A place that starts with a time word is still a place.
    assert parse_heading("INT. HOUSE - DAY CARE ROOM").time_of_day is T.UNKNOWN
    assert parse_heading("INT. DAY CARE - NIGHT").set_name == "DAY CARE"


@pytest.mark.parametrize(
    ("part", "when"),
    [
        ("PRE-DAWN", T.DAWN),  # Big Fish
        ("LATE AFTERNOON", T.AFTERNOON),  # Charade
        ("LATE AFTERNOON (TRAVELING)", T.AFTERNOON),
        ("ANOTHER DAY", T.DAY),
        ("(PRESENT) DAY", T.DAY),
        ("[THE NEXT] MORNING", T.MORNING),
        ("DAY / DRIVING", T.DAY),
        ("DAY TO NIGHT", T.DAY),
        ("LATER THAT NIGHT", T.NIGHT),
        ("MAGIC HOUR", T.DUSK),
        ("DAY 2", T.DAY),  # a script day
        ("NOCHE (FLASHBACK)", T.NIGHT),
        ("KITCHEN", T.UNKNOWN),
        ("DAY CARE", T.UNKNOWN),
        ("", T.UNKNOWN),
    ],
)
def test_time_words_with_qualifiers_and_notes(part: str, when: TimeOfDay) -> None:
    assert time_of_day(part) is when
