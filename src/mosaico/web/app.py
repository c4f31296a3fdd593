"""The web app: the JSON API under ``/api`` (OpenAPI at ``/docs``) and the HTML pages.

``create_app`` builds everything (store connection, templates, routers);
importing this module opens nothing and reads no environment.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from mosaico import __version__
from mosaico.services.context import open_workspace
from mosaico.settings import Settings
from mosaico.web import errors
from mosaico.web.limits import BodyLimit
from mosaico.web.render import make_templates
from mosaico.web.routes import (
    breakdown,
    breakdown_pages,
    jobs,
    productions,
    replan,
    revisions,
    scenes,
    schedule,
    schedule_reports,
    scripts,
    stripboard,
)

STATIC_DIR = Path(__file__).parent / "static"
#: One module per area; each has ``api`` (JSON, in the OpenAPI schema) and ``router`` (pages).
AREAS = (
    productions,
    scripts,
    scenes,
    breakdown,
    breakdown_pages,
    schedule,
    schedule_reports,
    replan,
    revisions,
    stripboard,
    jobs,
)

_DESCRIPTION = """
Productions, their scripts and scenes. Errors come back with the status of the
error and a body `{"error": "...", "field": ..., "line": ...}`: `field` names a
wrong form or query field, `line` the line of a script that could not be read.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The ASGI app for ``settings`` (from the environment when not given)."""
    app = FastAPI(
        title="mosaico",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.workspace = workspace = open_workspace(settings)
    app.add_middleware(BodyLimit, max_bytes=workspace.settings.limits.max_bytes)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for area in AREAS:
        app.include_router(area.api)
        app.include_router(area.router)
    errors.install(app)
    app.add_api_route("/docs", _docs, include_in_schema=False)
    return app


def _docs() -> HTMLResponse:
    """Swagger UI from the vendor folder (``make frontend``), so /docs works offline."""
    vendor = STATIC_DIR / "vendor"
    if (vendor / "swagger-ui-bundle.js").exists() and (vendor / "swagger-ui.css").exists():
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="mosaico API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="mosaico API", swagger_favicon_url="/static/favicon.svg"
    )
