"""The web app: the JSON API under ``/api`` (OpenAPI at ``/docs``) and the HTML pages.

``create_app`` builds everything (store connection, templates, routers);
importing this module opens nothing and reads no environment.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from mosaico import __version__
from mosaico.services.context import open_workspace
from mosaico.settings import Settings
from mosaico.web import errors
from mosaico.web.render import make_templates
from mosaico.web.routes import productions, scenes, scripts

STATIC_DIR = Path(__file__).parent / "static"
#: One module per area; each has ``api`` (JSON, in the OpenAPI schema) and ``router`` (pages).
AREAS = (productions, scripts, scenes)

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
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.workspace = open_workspace(settings)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for area in AREAS:
        app.include_router(area.api)
        app.include_router(area.router)
    errors.install(app)
    return app
