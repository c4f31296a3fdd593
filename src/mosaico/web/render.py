"""Rendering pages: the Jinja2 environment, the language of a request, htmx-aware redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from mosaico.i18n import LANGUAGE_NAMES, LANGUAGES, negotiate, translations
from mosaico.screenplay.eighths import Eighths
from mosaico.web import labels

TEMPLATE_DIR = Path(__file__).parent / "templates"
LANGUAGE_COOKIE = "lang"
_YEAR = 365 * 24 * 3600


def make_templates() -> Jinja2Templates:
    """The page templates; built by ``create_app``, never at import time."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        time_of_day=labels.time_of_day,
        revision_colour=labels.revision_colour,
        strip_class=labels.strip_class,
        format_name=labels.format_name,
        eighths=lambda value: str(Eighths(value)),
        language_names=LANGUAGE_NAMES,
    )
    return Jinja2Templates(env=environment)


def is_htmx(request: Request) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and "hx-history-restore-request" not in headers


def request_language(request: Request, default: str | None = None) -> str:
    """``?lang=``, then the cookie, then ``Accept-Language``, then ``default``."""
    return negotiate(
        query=request.query_params.get("lang"),
        cookie=request.cookies.get(LANGUAGE_COOKIE),
        accept=request.headers.get("accept-language"),
        default=default,
    )


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    default_language: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render ``template`` in the request's language; a ``?lang=`` choice is kept in a cookie."""
    language = request_language(request, default_language)
    catalog = translations(language)
    switch = {
        code: str(request.url.remove_query_params("lang").include_query_params(lang=code))
        for code in LANGUAGES
    }
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        template,
        {
            "_": catalog.gettext,
            "ngettext": catalog.ngettext,
            "lang": language,
            "language_links": switch,
            **context,
        },
        status_code=status_code,
    )
    # The same address answers in another language or as a fragment: caches must know.
    response.headers["Vary"] = "Accept-Language, Cookie, HX-Request"
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=_YEAR, samesite="lax")
    return response


def redirect(request: Request, url: str) -> Response:
    """Go to ``url`` after a form: a 303 for a plain form, ``HX-Redirect`` for htmx."""
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
