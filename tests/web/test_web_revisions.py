"""Revisions over the API and the pages: upload a draft, read the diff, lock, restore."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_client import serve, upload

from conftest import SCRIPTS, settings_for
from mosaico.screenplay.io import ScriptFormat, read_script, write_script
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Element, ElementType
from mosaico.screenplay.scenes import split_scenes
from mosaico.services.context import Workspace

CARD = SCRIPTS / "short" / "the-last-birthday-card.fountain"
BASE = "/api/productions/demo/episodes/1"


def _draft() -> bytes:
    """The Last Birthday Card with scene 3 cut and a garage scene after scene 5."""
    script = read_script(CARD.read_bytes(), CARD.name, Limits())
    scenes = split_scenes(script)
    out = list(script.elements[: scenes[0].start])
    for scene in scenes:
        if scene.index != 3:
            out.extend(script.elements[scene.start : scene.end])
        if scene.index == 5:
            out += [
                Element(ElementType.SCENE_HEADING, "INT. GARAGE - NIGHT"),
                Element(ElementType.ACTION, "Zebras painted on the garage door."),
            ]
    return write_script(replace(script, elements=tuple(out)), ScriptFormat.FOUNTAIN)


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        client.post("/api/productions", json={"name": "demo", "title": "Demo"})
        assert (
            upload(client, name=CARD.name, data=CARD.read_bytes(), episode="1").status_code == 201
        )
        yield client


def test_api_lock_revise_list_diff_pages_strips_and_restore(api: TestClient) -> None:
    locked = api.post(f"{BASE}/numbering/lock", json={"style": "12A"})
    assert locked.status_code == 200 and locked.json()["locked"] is True
    posted = api.post(
        f"{BASE}/revisions",
        files={"file": ("draft-2.fountain", _draft())},
        data={"revision_date": "2024-05-03"},
    )
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert (body["number"], body["colour"], body["revision_date"]) == (1, "Blue", "2024-05-03")
    assert body["counts"]["added"] == 1 and body["counts"]["omitted"] == 1
    added = next(c for c in body["changes"] if c["kind"] == "added")
    assert added["new"]["number"] == "5A"
    assert ["+", "Zebras painted on the garage door."] in added["diff"]

    listed = api.get(f"{BASE}/revisions").json()
    assert [(r["number"], r["changes"]) for r in listed] == [(1, None)]
    one = api.get(f"{BASE}/revisions/1").json()
    assert one["changes"] == body["changes"]

    pages = api.get(f"{BASE}/revisions/1/pages")
    assert pages.status_code == 200 and pages.content.startswith(b"%PDF")
    assert pages.headers["content-type"] == "application/pdf"

    strips = api.get(f"{BASE}/changed-strips").json()
    assert {s["key"]: s["kind"] for s in strips}["1-5A"] == "added"
    assert {s["key"]: s["kind"] for s in strips}["1-3"] == "omitted"

    numbering = api.get(f"{BASE}/numbering").json()
    assert numbering["omitted_numbers"] == ["3"]
    restored = api.post(f"{BASE}/scenes/3/restore")
    assert restored.status_code == 200 and restored.json()["omitted_numbers"] == []


def test_api_bad_input_names_the_problem_and_changes_nothing(api: TestClient) -> None:
    api.post("/api/productions", json={"name": "other", "title": "Other"})
    broken = api.post(
        f"{BASE}/revisions",
        files={"file": ("broken.fdx", b'<?xml version="1.0"?><FinalDraft><Content><Paragraph')},
    )
    assert broken.status_code == 400 and "broken.fdx" in broken.json()["error"]
    # Episode 1 of "other" does not exist: the draft is refused there.
    elsewhere = api.post(
        "/api/productions/other/episodes/1/revisions", files={"file": ("d.fountain", _draft())}
    )
    assert elsewhere.status_code == 404 and "episode 1 not found" in elsewhere.json()["error"]
    api.post(f"{BASE}/numbering/lock", json={"style": "12A"})
    not_omitted = api.post(f"{BASE}/scenes/2/restore")
    assert not_omitted.status_code == 422
    assert "scene 2 of episode 1 is not omitted" in not_omitted.json()["error"]
    assert not_omitted.json()["field"] == "scene"
    bad_style = api.post(f"{BASE}/numbering/lock", json={"style": "Q"})
    assert bad_style.status_code == 422 and bad_style.json()["field"] == "style"
    assert api.get(f"{BASE}/revisions").json() == []
    assert api.get(f"{BASE}/revisions/1").status_code == 404


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Revisions of episode 1", "Lock numbering", "Upload a new draft")),
        ("es", ("Revisiones del episodio 1", "Bloquear numeración", "Subir una nueva versión")),
    ],
)
def test_pages_upload_diff_lock_and_restore_in_both_languages(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    headers = {"accept-language": language}
    with serve(settings_for(tmp_path)) as site:
        site.post("/productions", data={"name": "demo", "title": "Demo", "language": language})
        upload(site, name=CARD.name, data=CARD.read_bytes(), episode="1")
        page = site.get("/productions/demo/episodes/1/revisions", headers=headers)
        assert page.status_code == 200
        for word in words:
            assert word in page.text
        locked = site.post(
            "/productions/demo/episodes/1/numbering",
            data={"action": "lock", "style": "12A"},
            headers=headers,
        )
        assert locked.status_code == 200  # followed the redirect back to the page
        assert "12A" in locked.text
        # A dry run shows the diff and stores nothing.
        dry = site.post(
            "/productions/demo/episodes/1/revisions",
            files={"file": ("draft-2.fountain", _draft())},
            data={"dry_run": "1", "colour": ""},
            headers=headers,
        )
        assert dry.status_code == 200 and "Zebras painted on the garage door." in dry.text
        assert 'data-kind="added"' in dry.text and 'data-kind="omitted"' in dry.text
        assert site.get("/api/productions/demo/episodes/1/revisions").json() == []
        stored = site.post(
            "/productions/demo/episodes/1/revisions",
            files={"file": ("draft-2.fountain", _draft())},
            data={"colour": "Pink", "revision_date": "2024-05-03"},
            headers=headers,
        )
        assert stored.status_code == 200 and str(stored.url).endswith("/revisions/1")
        assert "Zebras painted on the garage door." in stored.text
        assert 'class="rev rev-pink"' in stored.text
        listing = site.get("/productions/demo/episodes/1/revisions", headers=headers)
        assert "/scenes/3/restore" in listing.text
        restored = site.post("/productions/demo/episodes/1/scenes/3/restore", headers=headers)
        assert restored.status_code == 200 and "/scenes/3/restore" not in restored.text
        bad = site.post(
            "/productions/demo/episodes/1/revisions",
            files={"file": ("d.fountain", _draft())},
            data={"revision_date": "yesterday"},
            headers=headers,
        )
        assert bad.status_code == 422 and "revision_date" in bad.text
