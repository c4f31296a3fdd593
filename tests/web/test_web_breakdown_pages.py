"""The breakdown pages and documents over HTTP, on both stores: episode, scene, elements, sheets."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_client import serve, upload

from mosaico.breakdown.categories import DEFAULT_CATEGORIES, by_key
from mosaico.services.context import Workspace

SCRIPT = """Title: Granizo

EXT. HUERTA DE LOS MEDINA - AMANECER #1#

ABEL (68) camina entre los árboles con un THERMOS. Dos PERROS le abren camino.

ABEL
Todavía no.

INT. COCINA DE LOS MEDINA - NOCHE #2#

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera.

AMPARO
¿Ya comieron, Abel?

ABEL
Todavía no.
"""
OTHER = """INT. OFICINA - DÍA #1#

MARTA revisa una CARPETA.

MARTA
Listo.
"""
EN = {"accept-language": "en"}
COLOURS = by_key(DEFAULT_CATEGORIES)
BASE = "/productions/granizo/breakdown"
API = "/api/productions/granizo/breakdown"


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        client.post("/api/productions", json={"name": "granizo", "title": "Granizo"})
        client.post("/api/productions", json={"name": "otra", "title": "Otra"})
        assert upload(client, "granizo", "ep1.fountain", SCRIPT.encode()).status_code == 201
        assert upload(client, "otra", "ep1.fountain", OTHER.encode()).status_code == 201
        yield client


def _stored(client: TestClient) -> None:
    assert (
        client.post(f"{BASE}/auto", data={"episode": "1"}, follow_redirects=False).status_code
        == 303
    )


def _scene(client: TestClient, index: int) -> dict[str, Any]:
    response = client.get(f"{API}/episodes/1/scenes/{index}")
    assert response.status_code == 200
    return dict(response.json())


def _elements(client: TestClient, slug: str = "granizo") -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in client.get(f"/api/productions/{slug}/breakdown/elements").json()}


def test_episode_page_shows_chips_in_category_colours_in_both_languages(client: TestClient) -> None:
    page = client.get(f"{BASE}?episode=1")
    assert page.status_code == 200
    text = page.text
    assert "Desglose" in text and "Ejecutar el marcado automático" in text
    # Before anything is stored the page says these are proposals.
    assert "Aún no hay nada guardado" in text
    _stored(client)
    page = client.get(f"{BASE}?episode=1", headers=EN)
    assert "Breakdown" in page.text and "Nothing is stored yet" not in page.text
    rows = client.get(API, params={"episode": 1}).json()
    for row in rows:
        for key, entries in row["elements"].items():
            colour = COLOURS[key].color
            for entry in entries:
                name = entry["name"] if isinstance(entry, dict) else entry
                chip = re.search(
                    rf'<span class="bd-chip" data-category="{key}" style="background: {colour};[^"]*"[^>]*>{re.escape(html.escape(name))}',
                    page.text,
                )
                assert chip, (key, name)
    assert f'href="{BASE}/episodes/1/scenes/2"' in page.text


def test_scene_page_draws_each_stored_tag_over_its_source_text(client: TestClient) -> None:
    _stored(client)
    scene = _scene(client, 1)
    page = client.get(f"{BASE}/episodes/1/scenes/1")
    assert page.status_code == 200
    assert f'data-scene-id="{scene["scene_id"]}"' in page.text
    marks = re.findall(
        r'<mark class="bd-tag bd-(\w+)" data-tag="(\d+)"[^>]*>([^<]*)</mark>', page.text
    )
    with_source = {t["id"]: t for t in scene["tags"] if t["source_element"] is not None}
    assert marks and {int(m[1]) for m in marks} <= set(with_source)
    for status, tag_id, text in marks:
        tag = with_source[int(tag_id)]
        assert html.unescape(text) == tag["source_text"] and status == tag["status"]
    # Each paragraph reads back as its script text, marks and all (offsets line up for tagging).
    paragraphs = re.findall(
        r'<span class="bd-text" data-element="(\d+)">(.*?)</span>(?: <span class="bd-ext">|</div>)',
        page.text,
        re.S,
    )
    action = next(text for _, text in paragraphs if "THERMOS" in text)
    assert html.unescape(re.sub(r"<[^>]+>", "", action)).startswith(
        "ABEL (68) camina entre los árboles"
    )


def test_a_tag_added_through_the_api_shows_on_the_scene_and_its_sheet(client: TestClient) -> None:
    _stored(client)
    scene = _scene(client, 2)
    page = client.get(f"{BASE}/episodes/1/scenes/2").text
    element = next(
        int(number)
        for number, text in re.findall(r'data-element="(\d+)">(.*?)</span>', page, re.S)
        if "estufa" in text
    )
    text = "DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera."
    start = text.index("estufa")
    added = client.post(
        f"{API}/tags",
        json={
            "scene_id": scene["scene_id"],
            "category": "set_dressing",
            "name": "estufa",
            "source": {"element": element, "start": start, "end": start + len("estufa")},
        },
    )
    assert added.status_code == 201, added.text
    page = client.get(f"{BASE}/episodes/1/scenes/2").text
    assert re.search(rf'data-tag="{added.json()["id"]}"[^>]*>estufa</mark>', page)
    sheet = client.get(f"{BASE}/sheets", params={"episode": 1, "scene": "2"})
    assert 'data-category="set_dressing"' in sheet.text and "estufa" in sheet.text


def test_element_manager_merges_ticked_elements_into_the_kept_one(client: TestClient) -> None:
    _stored(client)
    # Two spellings of one prop: a person tags the second by hand.
    scene = _scene(client, 2)
    client.post(
        f"{API}/tags", json={"scene_id": scene["scene_id"], "category": "props", "name": "Termo"}
    )
    before = _elements(client)
    thermos, termo = before["THERMOS"], before["Termo"]
    page = client.get(f"{BASE}/elements", params={"category": "props"})
    assert f'name="merge" value="{termo["id"]}"' in page.text and "Gestor de elementos" in page.text
    done = client.post(
        f"{BASE}/elements/merge",
        data={"keep": str(thermos["id"]), "merge": [str(thermos["id"]), str(termo["id"])]},
        follow_redirects=False,
    )
    assert (
        done.status_code == 303 and done.headers["location"] == f"{BASE}/elements/{thermos['id']}"
    )
    after = _elements(client)
    assert "Termo" not in after and after["THERMOS"]["scenes"] == 2
    detail = client.get(f"{BASE}/elements/{thermos['id']}", headers=EN)
    assert "2 scenes" in detail.text


def test_merge_without_a_kept_element_or_across_productions_changes_nothing(
    client: TestClient,
) -> None:
    _stored(client)
    client.post("/productions/otra/breakdown/auto", data={"episode": "1"})
    before = _elements(client)
    ids = [str(e["id"]) for e in before.values()][:2]
    refused = client.post(f"{BASE}/elements/merge", data={"merge": ids}, headers=EN)
    assert refused.status_code == 422 and "keep" in refused.text
    foreign = next(iter(_elements(client, "otra").values()))
    refused = client.post(
        f"{BASE}/elements/merge", data={"keep": ids[0], "merge": [str(foreign["id"])]}
    )
    assert refused.status_code == 404
    assert _elements(client) == before
    assert foreign["name"] in _elements(client, "otra")


def test_links_and_notes_from_the_element_pages(client: TestClient) -> None:
    _stored(client)
    elements = _elements(client)
    perros = elements["PERROS"]
    olla = elements["OLLA"]
    linked = client.post(
        f"{BASE}/elements/link",
        data={"anchor": str(olla["id"]), "linked": str(perros["id"])},
        follow_redirects=False,
    )
    assert linked.status_code == 303
    page = client.get(f"{BASE}/elements/{olla['id']}")
    assert f'href="{BASE}/elements/{perros["id"]}"' in page.text and "Desvincular" in page.text
    # The linked element now shows in the anchor's scene.
    assert "PERROS" in _names(_scene(client, 2)["elements"].get("animals", []))
    client.post(f"{BASE}/elements/{olla['id']}/unlink", data={"linked": str(perros["id"])})
    assert "PERROS" not in _names(_scene(client, 2)["elements"].get("animals", []))
    saved = client.post(
        f"{BASE}/elements/{olla['id']}",
        data={
            "version": str(olla["version"]),
            "notes": "De peltre, abollada.",
            "department": "Arte",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert _elements(client)["OLLA"]["notes"] == "De peltre, abollada."
    stale = client.post(
        f"{BASE}/elements/{olla['id']}", data={"version": str(olla["version"]), "notes": "otra"}
    )
    assert stale.status_code == 409
    assert _elements(client)["OLLA"]["notes"] == "De peltre, abollada."


def _names(entries: list[Any]) -> list[str]:
    return [e["name"] if isinstance(e, dict) else e for e in entries]


def test_sheets_page_and_documents(client: TestClient) -> None:
    page = client.get(f"{BASE}/sheets", params={"episode": 1}, headers=EN)
    assert page.status_code == 200
    assert page.text.count('class="bd-sheet"') == 2 and "2 sheets" in page.text
    assert 'href="/api/productions/granizo/breakdown/sheets.pdf?episode=1&amp;lang=en"' in page.text
    pdf = client.get(f"{API}/sheets.pdf", params={"episode": 1, "scene": "2"})
    assert pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        [one] = document.pages
        text = one.extract_text() or ""
    assert "HOJA DE DESGLOSE" in text and "COCINA DE LOS MEDINA" in text and "OLLA" in text
    sheet_html = client.get(f"{API}/sheets", params={"episode": 1, "lang": "en"})
    assert (
        sheet_html.headers["content-type"].startswith("text/html")
        and "Cast Members" in sheet_html.text
    )


def test_department_report_downloads(client: TestClient) -> None:
    page = client.get(f"{BASE}/departments", params={"category": "props"})
    assert page.status_code == 200 and "THERMOS" in page.text and 'id="dept-props"' in page.text
    got = client.get(f"{API}/report", params={"format": "csv"})
    assert got.headers["content-type"].startswith("text/csv")
    assert (
        got.headers["content-disposition"]
        == 'attachment; filename="granizo-breakdown-departments.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert {"props", "cast"} <= {row["category"] for row in rows}
    book = client.get(f"{API}/report", params={"format": "xlsx", "lang": "en"})
    names = load_workbook(io.BytesIO(book.content)).sheetnames
    assert "Props" in names and "Cast Members" in names


def test_bad_requests_are_refused_with_the_field(client: TestClient) -> None:
    wrong = client.get(f"{API}/report", params={"format": "ods"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "format"
    wrong = client.get(f"{API}/report", params={"category": "dragones"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "category"
    assert client.get(f"{API}/sheets", params={"scene": "77"}).status_code == 404
    assert client.get("/api/productions/nadie/breakdown/sheets").status_code == 404
    # Another production's scene is not found under this one.
    assert client.get(f"{BASE}/episodes/1/scenes/9").status_code == 404
    assert client.get("/productions/otra/breakdown/episodes/1/scenes/2").status_code == 404
    assert client.get(f"{BASE}/sheets", params={"episode": "x"}).status_code == 422
