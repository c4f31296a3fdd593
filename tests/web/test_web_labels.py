"""Every stored value the pages show has a word, and strips get the trade's colours."""

from __future__ import annotations

import pytest

from mosaico.screenplay.model import TimeOfDay
from mosaico.services.scripts import REVISION_COLOURS
from mosaico.web import labels


def test_every_time_of_day_and_revision_colour_has_a_label() -> None:
    assert set(labels.TIME_OF_DAY) == set(TimeOfDay)
    assert list(labels.REVISION_COLOURS) == list(REVISION_COLOURS)
    assert labels.time_of_day("NIGHT") == "Night"
    assert labels.time_of_day("SOMETIME") == "SOMETIME"


@pytest.mark.parametrize(
    ("int_ext", "time", "strip"),
    [
        ("INT", "DAY", "strip-int-day"),
        ("EXT", "DAY", "strip-ext-day"),
        ("INT", "NIGHT", "strip-int-night"),
        ("EXT", "NIGHT", "strip-ext-night"),
        ("INT/EXT", "EVENING", "strip-ie-night"),
        ("", "", "strip-int-day"),
        ("EXT", "DAWN", "strip-ext-day"),
    ],
)
def test_strip_colours(int_ext: str, time: str, strip: str) -> None:
    assert labels.strip_class(int_ext, time) == strip
