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
    "magic hour": TimeOfDay.DUSK,
    "golden hour": TimeOfDay.DUSK,
    "noon": TimeOfDay.DAY,
    "mediodia": TimeOfDay.DAY,
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


# Words that may stand before a time without changing it: "LATE AFTERNOON", "PRE-DAWN",
# "ANOTHER DAY", "(PRESENT) DAY", "[THE NEXT] MORNING", "LATER THAT NIGHT".
_QUALIFIERS = frozenset(
    ("late", "early", "pre", "mid", "present", "another", "next", "the", "following",
     "that", "this", "same", "otro", "otra", "el", "la", "al", "del", "de", "siguiente",
     "temprano", "media", "plena", "esa", "ese", "misma", "mismo")
)  # fmt: skip
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
# What may follow a time: nothing, a script day ("DAY 2"), "/ DRIVING", "TO NIGHT".
_AFTER_TIME = re.compile(r"^(?:[/#\d]|to$|and$|a$|y$|siguiente$)")


def time_of_day(text: str) -> TimeOfDay:
    """The normalised time for a time part (``"MÁS TARDE"`` → ``LATER``), or ``UNKNOWN``.

    A time word may have qualifiers before it and a script day, a slash or a
    bracketed note after it; any other word makes the part a place, not a time
    (``DAY CARE ROOM``).
    """
    folded = fold(text).strip(" .-")
    if folded in _TIMES:
        return _TIMES[folded]
    words = _BRACKETS.sub(" ", folded).replace("-", " ").replace("/", " / ").split()
    index = 0
    while index < len(words):
        for size in (3, 2, 1):  # the longest time first: "moments later" before "later"
            phrase = " ".join(words[index : index + size])
            if index + size <= len(words) and phrase in _TIMES:
                rest = words[index + size :]
                if not rest or _AFTER_TIME.match(rest[0]):
                    return _TIMES[phrase]
                index += size - 1  # "LATER THAT NIGHT": the first time only qualifies
                break
        else:
            if words[index] not in _QUALIFIERS:
                return TimeOfDay.UNKNOWN
        index += 1
    return TimeOfDay.UNKNOWN


def parse_heading(text: str) -> Heading:
    """Split a heading into INT/EXT, set and time of day.

    The time is the last separated part that names one, so a note after it
    (``EXT. STREET - DAY - FLASHBACK``) stays in ``time_text`` and out of the set.
    The set's parts are joined with `` - `` whatever separator the writer used.
    """
    match = _PREFIX.match(text)
    if match:
        int_ext = _int_ext(match.group("prefix"))
        rest = text[match.end() :].strip()
    else:
        int_ext = IntExt.NONE
        rest = text.strip()
    separators = list(_SEPARATOR.finditer(rest))
    starts = [0, *(sep.end() for sep in separators)]
    ends = [*(sep.start() for sep in separators), len(rest)]
    for part in range(len(starts) - 1, 0, -1):  # the first part is always the set
        when = time_of_day(rest[starts[part] : ends[part]])
        if when is not TimeOfDay.UNKNOWN:
            set_name = " - ".join(
                rest[starts[i] : ends[i]].strip()
                for i in range(part)
                if rest[starts[i] : ends[i]].strip()
            )
            return Heading(int_ext, set_name, when, rest[starts[part] :].strip())
    return Heading(int_ext, rest.strip(" -–—,"), TimeOfDay.UNKNOWN, "")
