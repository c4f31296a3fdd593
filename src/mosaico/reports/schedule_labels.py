"""Words and colours of the schedule reports (day out of days, one-liner), in either language.

The codes themselves (SW, W, WF, H, TR…) are the trade's and stay as they
are in Spanish too; their legend, the column headers and the banners are
translated through the gettext catalogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from mosaico.i18n import N_, translations
from mosaico.schedule.dood import HOLD, HOLIDAY, TRAVEL, CompanyDay, DayKind
from mosaico.schedule.oneliner import BannerKind
from mosaico.screenplay.model import IntExt, TimeOfDay

#: The legend, in the order a day out of days prints it.
CODE_NAMES: tuple[tuple[str, str], ...] = (
    ("SW", N_("start work")),
    ("W", N_("work")),
    ("WF", N_("work finish")),
    ("SWF", N_("start, work and finish")),
    (HOLD, N_("hold")),
    ("WD", N_("work, then drop")),
    ("PW", N_("pick-up work")),
    (TRAVEL, N_("travel")),
    (HOLIDAY, N_("company holiday or day off")),
)

#: Cell colours (RRGGBB) per code, shared by the HTML, PDF and XLSX reports.
CODE_COLOURS: dict[str, str] = {
    "start": "B7E1A1",  # SW, SWF, SWD: green, someone arrives
    "work": "FFFFFF",
    "finish": "F4B6B6",  # WF, PWF: red, someone wraps
    "drop": "F9D29D",  # WD, PW, PWD: orange, off the books and back
    HOLD: "FFF2A8",
    TRAVEL: "BFD7F2",
    HOLIDAY: "D9D9D9",
}

DAY_KIND_NAMES: dict[str, str] = {
    DayKind.SHOOT.value: N_("Shoot day"),
    DayKind.WEEKLY_OFF.value: N_("Weekly day off"),
    DayKind.HOLIDAY.value: N_("Public holiday"),
    DayKind.DAY_OFF.value: N_("Day off"),
    DayKind.HIATUS.value: N_("Hiatus"),
    DayKind.TRAVEL.value: N_("Travel day"),
    DayKind.IDLE.value: N_("No shooting"),
    BannerKind.COMPANY_MOVE: N_("Company move"),
}

TOTAL_HEADERS: tuple[tuple[str, str], ...] = (
    ("work", N_("Work")),
    ("hold", N_("Hold")),
    ("travel", N_("Travel")),
    ("holiday", N_("Holiday")),
    ("idle", N_("Idle")),
    ("start", N_("Start")),
    ("finish", N_("Finish")),
    ("paid", N_("Total")),
)

_INT_EXT = {IntExt.INT: N_("INT"), IntExt.EXT: N_("EXT"), IntExt.INT_EXT: N_("INT/EXT")}
_DAY_NIGHT = {
    "D": N_("D"),
    "N": N_("N"),
    TimeOfDay.DAWN.value: N_("Dawn"),
    TimeOfDay.DUSK.value: N_("Dusk"),
}


#: Short marks in the second header row for dates the company does not shoot.
OFF_MARKS = {
    DayKind.WEEKLY_OFF: "—",
    DayKind.HOLIDAY: "HOL",
    DayKind.DAY_OFF: "OFF",
    DayKind.HIATUS: "HIA",
    DayKind.TRAVEL: "TR",
    DayKind.IDLE: "—",
}


def shoot_label(day: CompanyDay) -> str:
    """The shoot day number; with several units, each unit's initial and number (``M3 S1``)."""
    if len(day.shoot_days) == 1:
        return str(day.shoot_days[0][1])
    return " ".join(f"{unit[:1].upper()}{number}" for unit, number in day.shoot_days)


def code_group(code: str) -> str | None:
    """The colour group of ``code`` (a key of ``CODE_COLOURS``); ``None`` for a blank cell."""
    if not code:
        return None
    if code in CODE_COLOURS:
        return code
    if code.endswith("D") or code.startswith("P"):
        return "drop"
    if code.startswith("S"):
        return "start"
    if code.endswith("F"):
        return "finish"
    return "work"


def code_colour(code: str) -> str | None:
    """The fill of a cell with ``code``; ``None`` for a blank cell."""
    group = code_group(code)
    return None if group is None else CODE_COLOURS[group]


def code_class(code: str) -> str:
    """A CSS class per colour group: a class is far cheaper to lay out than a style per cell."""
    group = code_group(code)
    return "" if group is None else f"k-{group.lower()}"


@dataclass(frozen=True, slots=True)
class Words:
    """The words of one language for a report: gettext plus date formats."""

    language: str
    gettext: Callable[[str], str]

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def day_kind(self, kind: str) -> str:
        return self.gettext(DAY_KIND_NAMES.get(kind, kind))

    def int_ext(self, value: IntExt) -> str:
        return self.gettext(_INT_EXT[value]) if value in _INT_EXT else ""

    def day_night(self, value: str) -> str:
        return self.gettext(_DAY_NIGHT.get(value, value))

    def short_date(self, day: date) -> str:
        """``lun 3 mar`` / ``Mon 3 Mar``."""
        return format_date(day, "EEE d MMM", locale=self.language)

    def long_date(self, day: date) -> str:
        """``lunes, 3 de marzo de 2025`` / ``Monday, March 3, 2025``."""
        return format_date(day, "full", locale=self.language)

    def weekday(self, day: date) -> str:
        return format_date(day, "EEEEE", locale=self.language)


def words(language: str) -> Words:
    catalog = translations(language)
    return Words(language=language if language in ("es", "en") else "es", gettext=catalog.gettext)
