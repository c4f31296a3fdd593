"""The web app: JSON API under ``/api`` (OpenAPI at ``/docs``) and HTML pages.

``create_app`` builds everything; importing this module opens nothing.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from mosaico import __version__
from mosaico.errors import MosaicoError, ScriptImportError, ValidationError
from mosaico.services.context import open_workspace
from mosaico.settings import Settings
from mosaico.web import pages
from mosaico.web.routes import api

WEB_DIR = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="mosaico", version=__version__, docs_url="/docs", openapi_url="/openapi.json"
    )
    app.state.workspace = open_workspace(settings)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(MosaicoError)
    async def handle_error(request: Request, error: MosaicoError) -> Response:
        """The one place a ``MosaicoError`` becomes a response."""
        if request.url.path.startswith("/api/"):
            body: dict[str, object] = {"error": str(error)}
            if isinstance(error, ValidationError):
                body["field"] = error.field
            if isinstance(error, ScriptImportError):
                body["line"] = error.line
                body["source"] = error.source
            return JSONResponse(body, status_code=error.status_code)
        return pages.error_page(request, error)

    return app
