"""HTML pages: the same flows as the API, and the language switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import SCRIPTS, settings_for
from mosaico.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(settings_for(tmp_path))
    with TestClient(app) as test_client:
        yield test_client
    app.state.workspace.engine.dispose()


def test_language_switch_is_remembered(client: TestClient) -> None:
    assert "Producciones" in client.get("/", headers={"accept-language": "es"}).text
    english = client.get("/?lang=en")
    assert "Productions" in english.text and "Producciones" not in english.text
    assert "New production" in client.get("/").text  # the cookie keeps English


def test_upload_then_scenes_and_script_page(client: TestClient) -> None:
    response = client.post("/productions", data={"name": "demo", "title": "Demo"})
    assert response.status_code == 200 and "Demo" in response.text
    path = SCRIPTS / "short" / "brick-and-steel.fountain"
    scenes = client.post("/productions/demo/upload", files={"file": (path.name, path.read_bytes())})
    assert "BRICK&#39;S PATIO" in scenes.text or "BRICK'S PATIO" in scenes.text
    script = client.get("/productions/demo/episodes/1/script")
    assert script.status_code == 200
    assert script.text.count('class="page"') == 4
    assert "EXT. BRICK&#39;S PATIO - DAY" in script.text


def test_failed_upload_shows_the_error_and_stores_nothing(client: TestClient) -> None:
    client.post("/productions", data={"name": "demo"})
    response = client.post("/productions/demo/upload", files={"file": ("blank.fountain", b"   \n")})
    assert response.status_code == 400
    assert "blank.fountain" in response.text and 'role="alert"' in response.text
    assert "No scripts yet" in client.get("/productions/demo?lang=en").text
