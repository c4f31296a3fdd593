"""The JSON API over the same services as the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conftest import SCRIPTS
from mosaico.screenplay import fdx, fountain
from mosaico.services.context import Workspace
from mosaico.web.app import create_app

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    app = create_app(workspace.settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.workspace.engine.dispose()


def _upload(
    client: TestClient, name: str = "brick.fountain", data: bytes | None = None, **form: str
) -> object:
    body = BRICK.read_bytes() if data is None else data
    return client.post("/api/productions/demo/scripts", files={"file": (name, body)}, data=form)


def test_create_upload_list_export(client: TestClient) -> None:
    created = client.post("/api/productions", json={"name": "demo", "title": "Demo"})
    assert created.status_code == 201 and created.json()["name"] == "demo"
    uploaded = _upload(client)
    assert uploaded.status_code == 201  # type: ignore[attr-defined]
    assert uploaded.json()["scenes"] == 8  # type: ignore[attr-defined]
    scenes = client.get("/api/productions/demo/scenes", params={"episode": 1}).json()
    assert [s["int_ext"] for s in scenes][:2] == ["EXT", "INT"]
    assert scenes[0]["speaking"] == ["STEEL", "BRICK"]
    exported = client.get("/api/productions/demo/export", params={"format": "fdx", "episode": 1})
    assert exported.status_code == 200
    original = fountain.parse(BRICK.read_text(encoding="utf-8"))
    assert fdx.parse_fdx(exported.content).elements == original.elements


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/productions/{name}/scripts" in paths and "/api/productions/{name}/export" in paths


def test_wrong_types_name_the_field(client: TestClient) -> None:
    client.post("/api/productions", json={"name": "demo"})
    response = client.get("/api/productions/demo/scenes", params={"episode": "two"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "episode"
    bad = client.post("/api/productions", json={"name": "Bad Name!"})
    assert bad.status_code == 422 and bad.json()["field"] == "name"


def test_another_production_is_not_found(client: TestClient) -> None:
    client.post("/api/productions", json={"name": "demo"})
    _upload(client)
    client.post("/api/productions", json={"name": "other"})
    assert client.get("/api/productions/other/export", params={"episode": 1}).status_code == 404
    assert client.get("/api/productions/ghost/scenes").status_code == 404


def test_xml_bomb_is_refused_and_nothing_stored(client: TestClient) -> None:
    client.post("/api/productions", json={"name": "demo"})
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<FinalDraft><Content>&lol2;</Content></FinalDraft>"
    )
    response = _upload(client, "bomb.fdx", bomb)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "bomb.fdx" in response.json()["error"]  # type: ignore[attr-defined]
    assert client.get("/api/productions/demo").json()["scenes"] == 0
