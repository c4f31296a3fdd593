"""Productions over the API (SQLite and PostgreSQL) and on the pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_client import HTMX, serve

from conftest import require, settings_for
from mosaico.services.context import Workspace
from mosaico.web.app import STATIC_DIR

VENDOR_SWAGGER = STATIC_DIR / "vendor" / "swagger-ui-bundle.js"


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        yield client


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TestClient]:
    with serve(settings_for(tmp_path)) as client:
        yield client


def test_create_then_list_and_get(api: TestClient) -> None:
    created = api.post("/api/productions", json={"name": "somos", "title": "Somos."})
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["slug"], body["title"]) == ("somos", "somos", "Somos.")
    assert (body["language"], body["episodes"], body["scenes"]) == ("es", 0, 0)
    api.post("/api/productions", json={"slug": "granizo", "language": "en"})
    listed = api.get("/api/productions").json()
    assert [item["slug"] for item in listed] == ["granizo", "somos"]
    one = api.get("/api/productions/granizo").json()
    assert (one["title"], one["language"]) == ("granizo", "en")  # title defaults to the name


def test_a_taken_name_is_a_conflict(api: TestClient) -> None:
    api.post("/api/productions", json={"name": "somos"})
    again = api.post("/api/productions", json={"name": "somos"})
    assert again.status_code == 409
    assert set(again.json()) == {"error", "field", "line"}
    assert "somos" in again.json()["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Not A Slug!"}, "name"),
        ({"name": 12}, "name"),
        ({"name": "ok", "language": "fr"}, "language"),
        ({"name": "ok", "timezone": "Mars/Olympus"}, "timezone"),
        ({"title": "no name"}, "name"),
        ({"name": "x" * 121}, "name"),
    ],
)
def test_bad_bodies_are_422_naming_the_field(
    api: TestClient, body: dict[str, object], field: str
) -> None:
    response = api.post("/api/productions", json=body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert api.get("/api/productions").json() == []


def test_unknown_production_is_404(api: TestClient) -> None:
    response = api.get("/api/productions/ghost")
    assert response.status_code == 404
    assert "ghost" in response.json()["error"]


def test_openapi_documents_the_api(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/productions",
        "/api/productions/{slug}",
        "/api/productions/{slug}/episodes",
        "/api/productions/{slug}/scripts",
        "/api/productions/{slug}/scenes",
        "/api/productions/{slug}/scenes/{scene_id}",
        "/api/productions/{slug}/export",
    ):
        assert path in paths, path
    assert not any(not path.startswith("/api/") for path in paths)  # pages stay out
    assert "ErrorOut" in schema["components"]["schemas"]
    assert api.get("/docs").status_code == 200


def test_home_lists_productions_and_creates_one(site: TestClient) -> None:
    home = site.get("/", headers={"accept-language": "en"})
    assert "No productions yet" in home.text and 'name="name"' in home.text
    created = site.post("/productions", data={"name": "somos", "title": "Somos."})
    assert created.status_code == 200 and created.url.path == "/productions/somos"
    assert "<h1>Somos.</h1>" in created.text
    assert 'href="/productions/somos"' in site.get("/").text


def test_htmx_form_redirects_by_header(site: TestClient) -> None:
    response = site.post("/productions", data={"name": "somos"}, headers=HTMX)
    assert response.status_code == 200
    assert response.headers["hx-redirect"] == "/productions/somos"


def test_htmx_form_error_is_a_fragment_naming_the_field(site: TestClient) -> None:
    response = site.post(
        "/productions", data={"name": "Bad Name"}, headers={**HTMX, "accept-language": "en"}
    )
    assert response.status_code == 422
    assert response.text.lstrip().startswith('<div class="alert alert-error" role="alert">')
    assert "Field: name" in response.text and "Bad Name" in response.text


def test_plain_form_error_is_a_whole_page(site: TestClient) -> None:
    site.post("/productions", data={"name": "somos"})
    response = site.post("/productions", data={"name": "somos"}, headers={"accept-language": "en"})
    assert response.status_code == 409
    assert "<html" in response.text and 'role="alert"' in response.text
    assert "already exists" in response.text


def test_production_page_defaults_to_its_language(site: TestClient) -> None:
    site.post("/productions", data={"name": "film", "language": "en"})
    site.post("/productions", data={"name": "serie", "language": "es"})
    # No ?lang=, cookie or Accept-Language: the production's own language.
    assert "Upload a script" in site.get("/productions/film").text
    assert "Subir un guion" in site.get("/productions/serie").text
    # The visitor's choice wins over the production's.
    chosen = site.get("/productions/film?lang=es")
    assert "Subir un guion" in chosen.text
    assert chosen.headers["vary"] == "Accept-Language, Cookie, HX-Request"


def test_unknown_page_is_404_page(site: TestClient) -> None:
    response = site.get("/productions/ghost", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert "<html" in response.text and "ghost" in response.text
    assert site.get("/no/such/page").status_code == 404


def test_malformed_json_is_422_on_the_body(api: TestClient) -> None:
    response = api.post(
        "/api/productions", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["field"] == "body"


def test_docs_are_served_without_a_cdn(api: TestClient) -> None:
    require(VENDOR_SWAGGER.exists(), "Swagger UI in static/vendor (make frontend)")
    html = api.get("/docs").text
    assert "/openapi.json" in html
    assert "/static/vendor/swagger-ui-bundle.js" in html and "cdn." not in html
    assert api.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_the_production_page_leads_to_every_area(api: TestClient) -> None:
    api.post("/api/productions", json={"name": "somos", "title": "Somos."})
    script = "INT. COCINA - DÍA\n\nANA entra.\n\nANA\nYa.\n"
    api.post("/api/productions/somos/scripts", files={"file": ("ep1.fountain", script.encode())})
    page = api.get("/productions/somos").text
    targets = [
        "/productions/somos/breakdown",
        "/productions/somos/stripboard",
        "/productions/somos/schedules",
        "/productions/somos/schedules/replan",
        "/productions/somos/jobs",
        "/productions/somos/episodes/1/revisions",
    ]
    for target in targets:
        assert f'href="{target}"' in page, target
        assert api.get(target).status_code == 200, target
