"""Scene headings in English and Spanish: where (INT/EXT), which set, and when.

``INT. CASA DE LOS MEDINA - COCINA - NOCHE`` gives ``IntExt.INT``, set
``CASA DE LOS MEDINA - COCINA`` and ``TimeOfDay.NIGHT``. The time is the last
dash-separated part when it names a time of day (``DÍA``, ``MÁS TARDE``,
``MOMENTS LATER``…); otherwise the whole rest is the set. Commas
(``INT. APARTMENT, DAY``) and Charade's ``--`` work as separators too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mosaico.screenplay.model import IntExt, TimeOfDay
from mosaico.screenplay.names import fold

_PREFIX = re.compile(
    r"^\s*(?P<prefix>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\.?\s*/\s*E|E\.?\s*/\s*I|INT|EXT|EST|"
    r"ESTABLISHING|INTERIOR|EXTERIOR)\b\.?\s*[-–—:]?\s*",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s+[-–—]+\s+|\s*--\s*|,\s+(?=[^,]*$)")

# Folded (lower case, no accents) time words and what they mean.
_TIMES: dict[str, TimeOfDay] = {
    "day": TimeOfDay.DAY,
    "dia": TimeOfDay.DAY,
    "daytime": TimeOfDay.DAY,
    "night": TimeOfDay.NIGHT,
    "noche": TimeOfDay.NIGHT,
    "nighttime": TimeOfDay.NIGHT,
    "dawn": TimeOfDay.DAWN,
    "amanecer": TimeOfDay.DAWN,
    "madrugada": TimeOfDay.DAWN,
    "sunrise": TimeOfDay.DAWN,
    "dusk": TimeOfDay.DUSK,
    "atardecer": TimeOfDay.DUSK,
    "anochecer": TimeOfDay.DUSK,
    "sunset": TimeOfDay.DUSK,
    "morning": TimeOfDay.MORNING,
    "manana": TimeOfDay.MORNING,
    "afternoon": TimeOfDay.AFTERNOON,
    "tarde": TimeOfDay.AFTERNOON,
    "evening": TimeOfDay.EVENING,
    "continuous": TimeOfDay.CONTINUOUS,
    "continuo": TimeOfDay.CONTINUOUS,
    "continua": TimeOfDay.CONTINUOUS,
    "cont": TimeOfDay.CONTINUOUS,
    "later": TimeOfDay.LATER,
    "mas tarde": TimeOfDay.LATER,
    "moments later": TimeOfDay.LATER,
    "a moment later": TimeOfDay.LATER,
    "momentos despues": TimeOfDay.LATER,
    "momentos mas tarde": TimeOfDay.LATER,
    "same": TimeOfDay.SAME,
    "same time": TimeOfDay.SAME,
    "mismo momento": TimeOfDay.SAME,
}


@dataclass(frozen=True, slots=True)
class Heading:
    """The parts of a scene heading."""

    int_ext: IntExt
    set_name: str
    time_of_day: TimeOfDay
    time_text: str


def _int_ext(prefix: str) -> IntExt:
    folded = prefix.upper().replace(" ", "").replace(".", "")
    if "/" in folded:
        return IntExt.INT_EXT
    if folded.startswith(("INT", "INTERIOR")):
        return IntExt.INT
    return IntExt.EXT


def time_of_day(text: str) -> TimeOfDay:
    """The normalised time for a time word (``"MÁS TARDE"`` → ``LATER``), or ``UNKNOWN``."""
    folded = fold(text).strip(" .()")
    if folded in _TIMES:
        return _TIMES[folded]
    # "DAY (FLASHBACK)", "NIGHT - RAIN": the first word decides.
    first = folded.split(" ")[0] if folded else ""
    return _TIMES.get(first, TimeOfDay.UNKNOWN)


def parse_heading(text: str) -> Heading:
    """Split a heading into INT/EXT, set and time of day."""
    match = _PREFIX.match(text)
    if match:
        int_ext = _int_ext(match.group("prefix"))
        rest = text[match.end() :]
    else:
        int_ext = IntExt.NONE
        rest = text
    rest = rest.strip()
    parts = [part for part in _SEPARATOR.split(rest) if part is not None]
    if len(parts) > 1:
        when = time_of_day(parts[-1])
        if when is not TimeOfDay.UNKNOWN:
            return Heading(
                int_ext, " - ".join(p.strip() for p in parts[:-1]), when, parts[-1].strip()
            )
    return Heading(int_ext, rest.strip(" -–—,"), TimeOfDay.UNKNOWN, "")
