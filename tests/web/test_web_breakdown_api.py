"""The breakdown JSON API: run the tagger, edit tags, elements, links and categories."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_client import serve

from mosaico.services.context import Workspace

SCRIPT = """INT. COCINA DE LOS MEDINA - NOCHE

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera con un CABALLO.

LUPITA (9)
¿Ya está la cena?

EXT. MERCADO - DÍA

LUPITA compra una CANASTA. La CAMIONETA PICKUP ROJA espera afuera.
"""
BASE = "/api/productions/somos/breakdown"


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        for name in ("somos", "otra"):
            assert client.post("/api/productions", json={"name": name}).status_code == 201
            sent = client.post(
                f"/api/productions/{name}/scripts",
                files={"file": ("ep1.fountain", SCRIPT.encode())},
            )
            assert sent.status_code == 201, sent.text
        yield client


def _ok(response: Any, code: int = 200) -> Any:
    assert response.status_code == code, response.text
    return response.json()


def test_run_edit_and_read_back(client: TestClient) -> None:
    summary = _ok(client.post(f"{BASE}/auto"))
    assert summary["episodes"] == 1 and summary["scenes"] == 2 and summary["added"] > 0
    scene = _ok(client.get(f"{BASE}/episodes/1/scenes/1"))
    tags = {tag["name"]: tag for tag in scene["tags"]}
    olla, horse = tags["OLLA"], tags["CABALLO"]
    assert (
        olla["origin"] == "auto" and olla["status"] == "proposed" and olla["source_text"] == "OLLA"
    )

    rejected = _ok(
        client.patch(
            f"{BASE}/tags/{olla['id']}", json={"version": olla["version"], "status": "rejected"}
        )
    )
    assert rejected["status"] == "rejected"
    stale = client.patch(
        f"{BASE}/tags/{olla['id']}", json={"version": olla["version"], "status": "accepted"}
    )
    assert stale.status_code == 409 and "version" in stale.json()["error"]
    moved = _ok(
        client.patch(
            f"{BASE}/tags/{horse['id']}", json={"version": horse["version"], "category": "stunts"}
        )
    )
    assert moved["category"] == "stunts" and moved["status"] == "accepted"
    text = scene["tags"][0]
    added = _ok(
        client.post(
            f"{BASE}/tags",
            json={
                "scene_id": scene["scene_id"],
                "category": "set_dressing",
                "name": "estufa",
                "source": {"element": text["source_element"], "start": 0, "end": 4},
            },
        ),
        201,
    )
    assert added["origin"] == "user" and added["source_text"]

    rows = _ok(client.get(BASE))
    first = rows[0]["elements"]
    assert "OLLA" not in first.get("props", []) and first["stunts"] == ["CABALLO"]
    assert first["set_dressing"] == ["estufa"]
    again = _ok(client.post(f"{BASE}/auto"))
    assert again["added"] == 0 and _ok(client.get(BASE)) == rows


def test_elements_merge_links_photos_and_categories(client: TestClient) -> None:
    _ok(client.post(f"{BASE}/auto"))
    elements = {e["name"]: e for e in _ok(client.get(f"{BASE}/elements"))}
    pickup, canasta, olla = (elements[n] for n in ("CAMIONETA PICKUP ROJA", "CANASTA", "OLLA"))
    _ok(
        client.post(f"{BASE}/links", json={"anchor_id": pickup["id"], "linked_id": olla["id"]}), 201
    )
    assert "OLLA" in _ok(client.get(BASE))[1]["elements"]["props"]
    assert (
        client.post(
            f"{BASE}/links", json={"anchor_id": pickup["id"], "linked_id": olla["id"]}
        ).status_code
        == 409
    )
    merged = _ok(
        client.post(
            f"{BASE}/elements/merge", json={"keep_id": canasta["id"], "merge_ids": [olla["id"]]}
        )
    )
    assert merged["scenes"] == 2
    detail = _ok(client.get(f"{BASE}/elements/{canasta['id']}"))
    assert [s["index"] for s in detail["scenes"]] == [1, 2]
    assert _ok(client.get(f"{BASE}/elements/{pickup['id']}"))["links"] == [canasta["id"]]
    assert client.delete(f"{BASE}/links/{pickup['id']}/{canasta['id']}").status_code == 204

    changed = _ok(
        client.patch(
            f"{BASE}/elements/{canasta['id']}",
            json={"version": merged["version"], "notes": "de palma"},
        )
    )
    photo = _ok(
        client.post(
            f"{BASE}/elements/{canasta['id']}/photos",
            params={"version": changed["version"]},
            files={"file": ("c.png", b"\x89PNG\r\n\x1a\nnot really")},
        ),
        201,
    )
    assert len(photo["photos"]) == 1 and photo["notes"] == "de palma"

    _ok(
        client.post(
            f"{BASE}/categories", json={"key": "drones", "name_en": "Drones", "colour": "#123456"}
        ),
        201,
    )
    props = _ok(
        client.patch(f"{BASE}/categories/props", json={"version": None, "colour": "#00ff00"})
    )
    assert props["custom"] and props["colour"] == "#00FF00"
    keys = [c["key"] for c in _ok(client.get(f"{BASE}/categories"))]
    assert keys[-1] == "drones" and "drones" not in [
        c["key"] for c in _ok(client.get("/api/productions/otra/breakdown/categories"))
    ]


def test_bad_requests_are_refused_and_change_nothing(client: TestClient) -> None:
    _ok(client.post(f"{BASE}/auto"))
    _ok(client.post("/api/productions/otra/breakdown/auto"))
    before = (_ok(client.get(BASE)), _ok(client.get(f"{BASE}/elements")))
    theirs = _ok(client.get("/api/productions/otra/breakdown/episodes/1/scenes/1"))
    their_elements = _ok(client.get("/api/productions/otra/breakdown/elements"))
    mine = _ok(client.get(f"{BASE}/episodes/1/scenes/1"))
    cases = [
        (
            client.post(
                f"{BASE}/tags",
                json={"scene_id": theirs["scene_id"], "category": "props", "name": "X"},
            ),
            404,
            "scene",
        ),
        (
            client.post(
                f"{BASE}/tags",
                json={"scene_id": mine["scene_id"], "category": "dragons", "name": "X"},
            ),
            422,
            "category",
        ),
        (
            client.post(
                f"{BASE}/tags",
                json={
                    "scene_id": mine["scene_id"],
                    "category": "props",
                    "name": "X",
                    "source": {"element": 0, "start": 5, "end": 2},
                },
            ),
            422,
            "source",
        ),
        (
            client.patch(
                f"{BASE}/tags/{theirs['tags'][0]['id']}", json={"version": 1, "status": "rejected"}
            ),
            404,
            "tag",
        ),
        (
            client.patch(
                f"{BASE}/tags/{mine['tags'][0]['id']}", json={"version": 1, "status": "maybe"}
            ),
            422,
            "status",
        ),
        (
            client.post(
                f"{BASE}/elements/merge",
                json={"keep_id": before[1][0]["id"], "merge_ids": [their_elements[0]["id"]]},
            ),
            404,
            "element",
        ),
        (
            client.post(
                f"{BASE}/links",
                json={"anchor_id": before[1][0]["id"], "linked_id": their_elements[0]["id"]},
            ),
            404,
            "element",
        ),
        (
            client.post(f"{BASE}/categories", json={"key": "props", "name_en": "Props"}),
            409,
            "already",
        ),
        (
            client.post(f"{BASE}/categories", json={"key": "x", "name_en": "X", "colour": "red"}),
            422,
            "RRGGBB",
        ),
        (client.get("/api/productions/ghost/breakdown/elements"), 404, "ghost"),
    ]
    for response, code, message in cases:
        assert response.status_code == code, response.text
        assert message in response.json()["error"], response.text
    assert (_ok(client.get(BASE)), _ok(client.get(f"{BASE}/elements"))) == before
