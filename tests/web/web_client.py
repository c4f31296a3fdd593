"""A TestClient on a fresh app, and the uploads the web tests share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from fastapi.testclient import TestClient

from conftest import SCRIPTS
from mosaico.settings import Settings
from mosaico.web.app import create_app

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
HTMX = {"hx-request": "true"}


@contextmanager
def serve(settings: Settings) -> Iterator[TestClient]:
    """The whole app on ``settings``; its engine is closed afterwards."""
    app = create_app(settings)
    try:
        with TestClient(app) as client:
            yield client
    finally:
        app.state.workspace.engine.dispose()


def upload(
    client: TestClient,
    slug: str = "demo",
    name: str = BRICK.name,
    data: bytes | None = None,
    *,
    page: bool = False,
    headers: dict[str, str] | None = None,
    **form: str,
) -> httpx.Response:
    """Upload a script through the API (or the page's form when ``page``)."""
    body = BRICK.read_bytes() if data is None else data
    url = f"/productions/{slug}/scripts" if page else f"/api/productions/{slug}/scripts"
    return client.post(url, files={"file": (name, body)}, data=form, headers=headers)
