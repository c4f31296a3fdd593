"""Day out of days and one-liner as HTML and PDF, from one template each.

``templates/dood.html`` and ``templates/oneliner.html`` extend either
``schedule_print.html`` (a whole document with page rules, which WeasyPrint turns into
a PDF) or ``schedule_fragment.html`` (the same report, to sit inside a web page). In
print the day out of days is cut into pages of ``DOOD_PRINT_COLUMNS`` dates,
totals on the last; on screen it is one table that scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import jinja2

from mosaico.reports.schedule_labels import (
    CODE_COLOURS,
    CODE_NAMES,
    OFF_MARKS,
    TOTAL_HEADERS,
    Words,
    code_class,
    shoot_label,
    words,
)
from mosaico.schedule.dood import CompanyDay, DayOutOfDays, DoodRow
from mosaico.schedule.oneliner import Banner, OneLiner, OneLinerDay, StripLine
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.model import IntExt

#: Dates per printed page of a day out of days (landscape A4 fits about this many).
DOOD_PRINT_COLUMNS = 24
PRINT_PAGE_DOOD = "A4 landscape"
PRINT_PAGE_ONELINER = "A4"


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int
    end: int
    days: tuple[CompanyDay, ...]
    last: bool


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mosaico.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _chunks(days: tuple[CompanyDay, ...], size: int | None) -> list[_Chunk]:
    if not days:
        return [_Chunk(0, 0, (), True)]
    size = size or len(days)
    starts = range(0, len(days), size)
    return [
        _Chunk(s, min(s + size, len(days)), days[s : s + size], s + size >= len(days))
        for s in starts
    ]


def _total(row: DoodRow, key: str) -> str:
    value: Any = row.totals.paid if key == "paid" else getattr(row.totals, key)
    if isinstance(value, date):
        return value.strftime("%d/%m/%y")
    return "" if value is None else str(value)


def _strip_class(line: StripLine) -> str:
    outside = "ext" if line.int_ext in (IntExt.EXT, IntExt.INT_EXT) else "int"
    return f"strip-{outside}-{'night' if line.day_night == 'N' else 'day'}"


def _banner_class(banner: Banner) -> str:
    return banner.kind.replace(" ", "-").replace("/", "-")


def _common(
    w: Words, *, title: str, heading: str, version: int | None, standalone: bool
) -> dict[str, Any]:
    return {
        "w": w,
        "_": w.gettext,
        "ngettext": lambda one, many, n: w.gettext(one) if n == 1 else w.gettext(many),
        "title": title,
        "heading": heading,
        "version": version,
        "layout": "schedule_print.html" if standalone else "schedule_fragment.html",
        "eighths": lambda value: str(Eighths(value)),
        "code_colours": CODE_COLOURS,
    }


def dood_html(
    dood: DayOutOfDays,
    *,
    language: str,
    title: str,
    version: int | None = None,
    standalone: bool = True,
    columns: int | None = None,
) -> str:
    """The day out of days as HTML: a printable document, or a fragment for a page."""
    w = words(language)
    context = _common(
        w, title=title, heading=w("Day out of days"), version=version, standalone=standalone
    )
    template = _environment().get_template("dood.html")
    return template.render(
        **context,
        dood=dood,
        chunks=_chunks(dood.days, columns),
        totals=TOTAL_HEADERS,
        legend=CODE_NAMES,
        code_class=code_class,
        total=_total,
        shoot_label=shoot_label,
        off_code=lambda day: OFF_MARKS.get(day.kind, ""),
        off_days=[day for day in dood.days if not day.is_shoot],
        page_size=PRINT_PAGE_DOOD,
    )


def oneliner_html(
    sheets: OneLiner | Mapping[str, OneLiner],
    *,
    language: str,
    title: str,
    version: int | None = None,
    standalone: bool = True,
) -> str:
    """The one-liner (one section per unit) as HTML."""
    w = words(language)
    units = {sheets.unit: sheets} if isinstance(sheets, OneLiner) else dict(sheets)
    context = _common(
        w, title=title, heading=w("One-liner"), version=version, standalone=standalone
    )
    template = _environment().get_template("oneliner.html")
    return template.render(
        **context,
        sheets=units,
        is_day=lambda entry: isinstance(entry, OneLinerDay),
        is_strip=lambda line: isinstance(line, StripLine),
        strip_class=_strip_class,
        banner_class=_banner_class,
        page_size=PRINT_PAGE_ONELINER,
    )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    document: bytes = HTML(string=html).write_pdf()
    return document


def dood_pdf(dood: DayOutOfDays, *, language: str, title: str, version: int | None = None) -> bytes:
    """The day out of days as a landscape PDF, ``DOOD_PRINT_COLUMNS`` dates a page."""
    html = dood_html(
        dood, language=language, title=title, version=version, columns=DOOD_PRINT_COLUMNS
    )
    return html_to_pdf(html)


def oneliner_pdf(
    sheets: OneLiner | Mapping[str, OneLiner],
    *,
    language: str,
    title: str,
    version: int | None = None,
) -> bytes:
    return html_to_pdf(oneliner_html(sheets, language=language, title=title, version=version))
