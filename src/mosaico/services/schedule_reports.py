"""Reports of a stored schedule version: day out of days and one-liner, in every format.

A version (``services.schedule.get_version``) carries the problem it was
solved from and its days; the pure cores (``schedule.dood``,
``schedule.oneliner``) turn those into the reports and ``mosaico.reports``
writes them out. The shells only pick the format and the language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from mosaico.errors import ValidationError
from mosaico.i18n import LANGUAGES
from mosaico.reports import schedule_pdf, schedule_text, xlsx
from mosaico.schedule.dood import DayOutOfDays, DoodRules, as_units, day_out_of_days
from mosaico.schedule.oneliner import OneLiner, one_liners
from mosaico.services.productions import get_or_raise as get_production
from mosaico.services.schedule import ScheduleVersionInfo, get_version


class DoodFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    HTML = "html"
    TEXT = "text"
    JSON = "json"


class OneLinerFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"
    JSON = "json"


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
}
SUFFIXES = {
    "pdf": "pdf",
    "xlsx": "xlsx",
    "csv": "csv",
    "html": "html",
    "text": "txt",
    "json": "json",
}


@dataclass(frozen=True, slots=True)
class DoodReport:
    production: str
    title: str
    language: str  # the production's, the default for the report
    version: ScheduleVersionInfo
    dood: DayOutOfDays


@dataclass(frozen=True, slots=True)
class OneLinerReport:
    production: str
    title: str
    language: str
    version: ScheduleVersionInfo
    sheets: dict[str, OneLiner]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A report written out: its bytes, media type and a file name to offer."""

    content: bytes
    media_type: str
    filename: str


def dood(
    session: Session,
    production: str,
    number: int | None = None,
    *,
    elements: bool = False,
    rules: DoodRules | None = None,
) -> DoodReport:
    """The day out of days of version ``number`` (the latest when ``None``)."""
    info = get_production(session=session, name=production)
    version = get_version(session, production, number)
    grid = day_out_of_days(version.problem, as_units(version.schedule), rules, elements=elements)
    return DoodReport(info.name, info.title or info.name, info.language, version, grid)


def oneliner(session: Session, production: str, number: int | None = None) -> OneLinerReport:
    """The one-liner of version ``number`` (the latest when ``None``), one per unit."""
    info = get_production(session=session, name=production)
    version = get_version(session, production, number)
    sheets = one_liners(version.problem, version.schedule)
    return OneLinerReport(info.name, info.title or info.name, info.language, version, sheets)


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError("language", f"expected es or en, got {language!r}")
    return language


def render_dood(report: DoodReport, fmt: str, language: str | None = None) -> Rendered:
    """``report`` as ``fmt`` (pdf, xlsx, csv, html, text, json) in ``language``
    (the production's when ``None``)."""
    try:
        kind = DoodFormat(fmt)
    except ValueError:
        options = ", ".join(f.value for f in DoodFormat)
        raise ValidationError("format", f"expected one of {options}, got {fmt!r}") from None
    language = _check_language(language or report.language)
    number = report.version.number
    if kind is DoodFormat.PDF:
        content = schedule_pdf.dood_pdf(
            report.dood, version=number, language=language, title=report.title
        )
    elif kind is DoodFormat.XLSX:
        content = xlsx.dood_xlsx(report.dood, version=number, language=language, title=report.title)
    elif kind is DoodFormat.CSV:
        content = schedule_text.dood_csv(report.dood, language=language).encode("utf-8")
    elif kind is DoodFormat.HTML:
        content = schedule_pdf.dood_html(
            report.dood, version=number, language=language, title=report.title
        ).encode("utf-8")
    elif kind is DoodFormat.TEXT:
        content = schedule_text.dood_text(
            report.dood, language=language, title=report.title
        ).encode("utf-8")
    else:
        payload = {"production": report.production, "version": number}
        payload |= schedule_text.dood_json(report.dood)
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    filename = f"{report.production}-v{number}-dood.{SUFFIXES[kind.value]}"
    return Rendered(content, MEDIA_TYPES[kind.value], filename)


def render_oneliner(report: OneLinerReport, fmt: str, language: str | None = None) -> Rendered:
    """``report`` as ``fmt`` (pdf, html, text, json) in ``language``."""
    try:
        kind = OneLinerFormat(fmt)
    except ValueError:
        options = ", ".join(f.value for f in OneLinerFormat)
        raise ValidationError("format", f"expected one of {options}, got {fmt!r}") from None
    language = _check_language(language or report.language)
    number = report.version.number
    if kind is OneLinerFormat.PDF:
        content = schedule_pdf.oneliner_pdf(
            report.sheets, version=number, language=language, title=report.title
        )
    elif kind is OneLinerFormat.HTML:
        content = schedule_pdf.oneliner_html(
            report.sheets, version=number, language=language, title=report.title
        ).encode("utf-8")
    elif kind is OneLinerFormat.TEXT:
        content = schedule_text.oneliner_text(
            report.sheets, language=language, title=report.title
        ).encode("utf-8")
    else:
        payload = {"production": report.production, "version": number}
        payload |= schedule_text.oneliner_json(report.sheets)
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    filename = f"{report.production}-v{number}-oneliner.{SUFFIXES[kind.value]}"
    return Rendered(content, MEDIA_TYPES[kind.value], filename)
