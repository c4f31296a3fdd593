"""Words the pages show for stored values (times of day, revision colours), marked for translation."""

from __future__ import annotations

from mosaico.i18n import N_
from mosaico.screenplay.model import TimeOfDay

TIME_OF_DAY = {
    TimeOfDay.DAY: N_("Day"),
    TimeOfDay.NIGHT: N_("Night"),
    TimeOfDay.DAWN: N_("Dawn"),
    TimeOfDay.DUSK: N_("Dusk"),
    TimeOfDay.MORNING: N_("Morning"),
    TimeOfDay.AFTERNOON: N_("Afternoon"),
    TimeOfDay.EVENING: N_("Evening"),
    TimeOfDay.CONTINUOUS: N_("Continuous"),
    TimeOfDay.LATER: N_("Later"),
    TimeOfDay.SAME: N_("Same"),
    TimeOfDay.UNKNOWN: "",
}

# The trade's order of revision pages, as services.scripts.REVISION_COLOURS stores them.
REVISION_COLOURS = {
    "White": N_("White"),
    "Blue": N_("Blue"),
    "Pink": N_("Pink"),
    "Yellow": N_("Yellow"),
    "Green": N_("Green"),
    "Goldenrod": N_("Goldenrod"),
    "Buff": N_("Buff"),
    "Salmon": N_("Salmon"),
    "Cherry": N_("Cherry"),
    "Tan": N_("Tan"),
    "Gray": N_("Gray"),
    "Double White": N_("Double White"),
    "Double Blue": N_("Double Blue"),
    "Double Pink": N_("Double Pink"),
    "Double Yellow": N_("Double Yellow"),
    "Double Green": N_("Double Green"),
}

#: How the formats are written in the interface (trade names, not translated).
FORMAT_NAMES = {"fountain": "Fountain", "fdx": "Final Draft (FDX)", "pdf": "PDF", "json": "JSON"}

# Times that print a night strip (blue inside, green outside); the rest, dawn and dusk
# included, print as day until a production sets its own rule.
NIGHT_TIMES = frozenset({TimeOfDay.NIGHT, TimeOfDay.EVENING})


def time_of_day(value: str) -> str:
    """The label of a stored time of day (an unknown value is shown as stored)."""
    try:
        return TIME_OF_DAY[TimeOfDay(value)]
    except ValueError:
        return value


def revision_colour(value: str) -> str:
    return REVISION_COLOURS.get(value, value)


def strip_class(int_ext: str, time: str) -> str:
    """CSS class of a scene's strip colour: INT/DAY white, EXT/DAY yellow, INT/NIGHT blue, EXT/NIGHT green."""
    place = "ext" if int_ext == "EXT" else "ie" if int_ext == "INT/EXT" else "int"
    try:
        night = TimeOfDay(time) in NIGHT_TIMES
    except ValueError:
        night = False
    return f"strip-{place}-{'night' if night else 'day'}"


def format_name(value: str) -> str:
    return FORMAT_NAMES.get(value, value.upper())
