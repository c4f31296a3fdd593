"""Day out of days and one-liner of a schedule version: JSON and files under the API, pages.

API (``?lang=es|en`` picks the language of files; the production's by default):

- ``GET /api/productions/{slug}/schedules/{number}/dood`` — the grid as JSON;
  ``.../dood.pdf``, ``.xlsx``, ``.csv``, ``.html``, ``.json`` — the same as a file;
- ``GET /api/productions/{slug}/schedules/{number}/oneliner`` — JSON;
  ``.../oneliner.pdf``, ``.html``, ``.json``.

Pages: ``/productions/{slug}/schedules/{number}/dood`` and ``.../oneliner``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from mosaico.errors import ValidationError
from mosaico.i18n import LANGUAGES
from mosaico.reports import schedule_pdf
from mosaico.services import schedule_reports as reports
from mosaico.web.deps import SessionDep
from mosaico.web.render import render, request_language
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["schedule reports"], responses=ERRORS)

LangQuery = Annotated[
    str | None, Query(description="es or en; the production's language when left out.")
]
ElementsQuery = Annotated[
    bool, Query(description="Add rows for the elements on the strips (vehicles, animals…).")
]
_FILE_FORMATS_DOOD = ("pdf", "xlsx", "csv", "html", "json")
_FILE_FORMATS_ONELINER = ("pdf", "html", "json")


def _language(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGUAGES:
        raise ValidationError("lang", f"expected es or en, got {lang!r}")
    return lang


def _file(rendered: reports.Rendered, fmt: str) -> Response:
    inline = fmt in ("pdf", "html", "json")
    disposition = "inline" if inline else "attachment"
    return Response(
        content=rendered.content,
        media_type=rendered.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{rendered.filename}"'},
    )


def _check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise ValidationError("format", f"expected one of {', '.join(allowed)}, got {fmt!r}")
    return fmt


@api.get("/{slug}/schedules/{number}/dood", summary="Day out of days of a version (JSON)")
def dood_json(
    slug: str, number: int, session: SessionDep, elements: ElementsQuery = False
) -> JSONResponse:
    report = reports.dood(session, slug, number, elements=elements)
    payload: dict[str, Any] = json.loads(reports.render_dood(report, "json").content)
    return JSONResponse(payload)


@api.get(
    "/{slug}/schedules/{number}/dood.{fmt}",
    summary="Day out of days of a version as a file (pdf, xlsx, csv, html, json)",
    response_class=Response,
)
def dood_file(
    slug: str,
    number: int,
    fmt: str,
    session: SessionDep,
    lang: LangQuery = None,
    elements: ElementsQuery = False,
) -> Response:
    _check_format(fmt, _FILE_FORMATS_DOOD)
    report = reports.dood(session, slug, number, elements=elements)
    return _file(reports.render_dood(report, fmt, _language(lang)), fmt)


@api.get("/{slug}/schedules/{number}/oneliner", summary="One-liner of a version (JSON)")
def oneliner_json(slug: str, number: int, session: SessionDep) -> JSONResponse:
    report = reports.oneliner(session, slug, number)
    payload: dict[str, Any] = json.loads(reports.render_oneliner(report, "json").content)
    return JSONResponse(payload)


@api.get(
    "/{slug}/schedules/{number}/oneliner.{fmt}",
    summary="One-liner of a version as a file (pdf, html, json)",
    response_class=Response,
)
def oneliner_file(
    slug: str, number: int, fmt: str, session: SessionDep, lang: LangQuery = None
) -> Response:
    _check_format(fmt, _FILE_FORMATS_ONELINER)
    report = reports.oneliner(session, slug, number)
    return _file(reports.render_oneliner(report, fmt, _language(lang)), fmt)


@router.get(
    "/productions/{slug}/schedules/{number}/dood",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def dood_page(
    request: Request, slug: str, number: int, session: SessionDep, elements: bool = False
) -> HTMLResponse:
    report = reports.dood(session, slug, number, elements=elements)
    language = request_language(request, report.language)
    body = schedule_pdf.dood_html(
        report.dood, language=language, title=report.title, version=number, standalone=False
    )
    return render(
        request,
        "schedule_report.html",
        default_language=report.language,
        report_kind="dood",
        production_name=report.production,
        production_title=report.title,
        number=number,
        body=Markup(body),  # escaped already: the report template autoescapes
        downloads=_FILE_FORMATS_DOOD,
    )


@router.get(
    "/productions/{slug}/schedules/{number}/oneliner",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def oneliner_page(request: Request, slug: str, number: int, session: SessionDep) -> HTMLResponse:
    report = reports.oneliner(session, slug, number)
    language = request_language(request, report.language)
    body = schedule_pdf.oneliner_html(
        report.sheets, language=language, title=report.title, version=number, standalone=False
    )
    return render(
        request,
        "schedule_report.html",
        default_language=report.language,
        report_kind="oneliner",
        production_name=report.production,
        production_title=report.title,
        number=number,
        body=Markup(body),  # escaped already: the report template autoescapes
        downloads=_FILE_FORMATS_ONELINER,
    )
