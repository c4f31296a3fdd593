"""The one place where an error becomes a response.

A ``MosaicoError`` answers with its own ``status_code``: a JSON body
``{"error", "field", "line"}`` under ``/api/``, an alert fragment for htmx, a
page otherwise. FastAPI's own request validation (a wrong type in a query or a
form) is read as a ``ValidationError`` on its first field, so both speak alike;
an unknown address is a ``NotFound``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from mosaico.errors import MosaicoError, NotFound, ScriptImportError, ValidationError
from mosaico.web.limits import BodyTooLarge
from mosaico.web.render import is_htmx, render


def _field(location: Iterable[Any]) -> str:
    # FastAPI says where a value came from first ("query", "body"); users want the name.
    parts = [str(part) for part in location if part not in ("query", "body", "path", "header")]
    return ".".join(parts) or "request"


def from_request_validation(error: RequestValidationError) -> ValidationError:
    problems = list(error.errors())
    first = problems[0] if problems else {"loc": (), "msg": "invalid request"}
    if first.get("type") == "json_invalid":  # its location is a character offset, not a field
        return ValidationError("body", str(first.get("msg", "invalid JSON")))
    return ValidationError(_field(first.get("loc", ())), str(first.get("msg", "invalid value")))


def error_response(request: Request, error: MosaicoError, detail: Any = None) -> Response:
    """The response for ``error``: JSON for the API, an htmx fragment or a page for people."""
    field = error.field if isinstance(error, ValidationError) else None
    line = error.line if isinstance(error, ScriptImportError) else None
    if request.url.path.startswith("/api/"):
        body: dict[str, Any] = {"error": str(error), "field": field, "line": line}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=error.status_code)
    template = "error_fragment.html" if is_htmx(request) else "error.html"
    return render(
        request,
        template,
        status_code=error.status_code,
        message=str(error),
        field=field,
        line=line,
    )


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def on_mosaico_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, MosaicoError)
        return error_response(request, error)

    async def on_invalid_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        detail = _jsonable(error.errors())
        return error_response(request, from_request_validation(error), detail)

    async def on_http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if isinstance(error, BodyTooLarge):
            return error_response(request, error.error)
        if error.status_code == 404:
            return error_response(request, NotFound("page", request.url.path))
        body = {"error": str(error.detail), "field": None, "line": None}
        return JSONResponse(body, error.status_code, headers=error.headers)

    app.add_exception_handler(MosaicoError, on_mosaico_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(HTTPException, on_http_error)


def _jsonable(problems: Any) -> list[dict[str, Any]]:
    # Pydantic may put the offending exception object in "ctx"; keep only plain parts.
    return [
        {
            "loc": list(item.get("loc", ())),
            "msg": str(item.get("msg", "")),
            "type": item.get("type"),
        }
        for item in problems
    ]
