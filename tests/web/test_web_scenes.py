"""The scene list over the API (both stores) and as a page with its htmx episode filter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_client import HTMX, serve, upload

from conftest import SCRIPTS, settings_for
from mosaico.screenplay.eighths import Eighths
from mosaico.services.context import Workspace

EN = {"accept-language": "en"}
BIRTHDAY = SCRIPTS / "short" / "the-last-birthday-card.fountain"


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        client.post("/api/productions", json={"name": "demo"})
        upload(client)
        yield client


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TestClient]:
    with serve(settings_for(tmp_path)) as client:
        client.post("/productions", data={"name": "demo", "title": "Demo"})
        upload(client)
        upload(client, name=BIRTHDAY.name, data=BIRTHDAY.read_bytes())
        yield client


def test_scenes_with_heading_parts_eighths_and_cast(api: TestClient) -> None:
    scenes = api.get("/api/productions/demo/scenes").json()
    assert len(scenes) == 8
    first = scenes[0]
    assert (first["episode"], first["index"], first["int_ext"], first["time_of_day"]) == (
        1,
        1,
        "EXT",
        "DAY",
    )
    assert first["set"] == "BRICK'S PATIO"
    assert first["speaking"] == ["STEEL", "BRICK"]
    assert first["eighths_total"] >= 1 and first["page"] == 1
    assert all(str(Eighths(s["eighths_total"])) == s["eighths"] for s in scenes)
    # The episode's length is the sum of its scenes' eighths, not rounded pages.
    episode = api.get("/api/productions/demo/episodes").json()[0]
    assert episode["eighths"] == str(Eighths(sum(s["eighths_total"] for s in scenes)))
    assert [s["index"] for s in scenes] == list(range(1, 9))


def test_one_scene_by_id_is_scoped_to_its_production(api: TestClient) -> None:
    scene = api.get("/api/productions/demo/scenes").json()[2]
    one = api.get(f"/api/productions/demo/scenes/{scene['id']}")
    assert one.status_code == 200 and one.json() == scene
    api.post("/api/productions", json={"name": "other"})
    elsewhere = api.get(f"/api/productions/other/scenes/{scene['id']}")
    assert elsewhere.status_code == 404
    assert set(elsewhere.json()) == {"error", "field", "line"}


def test_episode_filter_and_its_errors(api: TestClient) -> None:
    assert len(api.get("/api/productions/demo/scenes", params={"episode": 1}).json()) == 8
    assert api.get("/api/productions/demo/scenes", params={"episode": 2}).status_code == 404
    wrong = api.get("/api/productions/demo/scenes", params={"episode": "two"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "episode"
    assert wrong.json()["detail"][0]["loc"] == ["query", "episode"]
    assert api.get("/api/productions/ghost/scenes").status_code == 404


def test_scene_page_lists_every_episode_in_strip_colours(site: TestClient) -> None:
    html = site.get("/productions/demo/scenes", headers=EN).text
    assert "<html" in html and "56 scenes" in html  # 8 + 48
    assert html.count('<tr class="strip-') == 56
    assert '<tr class="strip-ext-day">' in html  # EXT. BRICK'S PATIO - DAY
    assert 'class="strip-int-night"' in html
    assert re.findall(r'<option value="(\d*)"', html) == ["", "1", "2"]


def test_htmx_filter_returns_only_the_table(site: TestClient) -> None:
    response = site.get("/productions/demo/scenes", params={"episode": 1}, headers={**HTMX, **EN})
    assert "<html" not in response.text
    assert response.text.count('<tr class="strip-') == 8 and "8 scenes" in response.text
    everything = site.get("/productions/demo/scenes", params={"episode": ""}, headers=HTMX)
    assert everything.text.count('<tr class="strip-') == 56
    # A history restore asks for the whole page.
    restored = site.get(
        "/productions/demo/scenes",
        params={"episode": 1},
        headers={**HTMX, "hx-history-restore-request": "true"},
    )
    assert "<html" in restored.text


def test_scene_page_shows_characters_and_silent_ones(site: TestClient) -> None:
    html = site.get("/productions/demo/scenes", params={"episode": 1}).text
    assert '<span class="speaking">STEEL</span>, <span class="speaking">BRICK</span>' in html
    birthday = site.get("/productions/demo/scenes", params={"episode": 2}).text
    # Someone named in the action who never speaks is listed apart.
    assert 'class="silent" title="Aparece sin diálogo">SCOTT</span>' in birthday


def test_scene_page_bad_filter_names_the_field(site: TestClient) -> None:
    response = site.get("/productions/demo/scenes", params={"episode": "abc"}, headers=EN)
    assert response.status_code == 422 and "Field: episode" in response.text
    missing = site.get("/productions/demo/scenes", params={"episode": 7}, headers=EN)
    assert missing.status_code == 404 and "episode 7 not found" in missing.text


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_renders_in_both_languages_empty_or_full(tmp_path: Path, language: str) -> None:
    with serve(settings_for(tmp_path)) as client:
        client.post("/productions", data={"name": "empty"})
        client.post("/productions", data={"name": "full"})
        upload(client, slug="full")
        pages = [
            "/",
            "/productions/empty",
            "/productions/empty/scenes",
            "/productions/full",
            "/productions/full/scenes",
            "/productions/full/scenes?episode=1",
            "/productions/full/episodes/1/script",
            "/productions/full/episodes/1/script?paper=a4",
        ]
        for url in pages:
            response = client.get(url, params={"lang": language})
            assert response.status_code == 200, url
            assert f'<html lang="{language}">' in response.text, url
            assert f'data-lang="{language}"' in response.text and 'class="active"' in response.text
