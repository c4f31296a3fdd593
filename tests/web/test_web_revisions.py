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
    assert {s["key"]: s["key_before"] for s in strips}["1-5A"] is None
    # No schedule solved yet: the impact names what is missing.
    missing = api.get(f"{BASE}/schedule-impact")
    assert missing.status_code == 404 and "schedule version" in missing.json()["error"]

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


# --- in a real browser ------------------------------------------------------------------


@pytest.mark.browser
def test_in_chromium_lock_upload_read_the_diff_and_restore(tmp_path: Path) -> None:
    import socket
    import threading
    import time

    import uvicorn

    from conftest import require
    from mosaico.services import productions, scripts
    from mosaico.web.app import create_app

    chromium = Path("/usr/bin/chromium")
    require(chromium.exists(), "Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import expect, sync_playwright

    app = create_app(settings_for(tmp_path / "data"))
    workspace = app.state.workspace
    with workspace.transaction() as session:
        productions.create(session=session, name="demo", title="Demo", language="es")
        scripts.import_script(
            session=session, production="demo", data=CARD.read_bytes(), source=CARD.name,
            limits=workspace.settings.limits, files_dir=workspace.settings.files_dir, episode=1,
        )  # fmt: skip
    draft = tmp_path / "draft-2.fountain"
    draft.write_bytes(_draft())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(base_url=f"http://127.0.0.1:{port}", locale="es-MX")
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto("/productions/demo/episodes/1/revisions")
            expect(page.get_by_role("heading", name="Revisiones del episodio 1")).to_be_visible()
            page.get_by_label("Letras para escenas insertadas").select_option("12A")
            page.get_by_role("button", name="Bloquear numeración").click()
            expect(page.locator("#numbering-state")).to_contain_text("bloqueada (estilo 12A)")

            page.get_by_label("Archivo del guion").set_input_files(str(draft))
            page.get_by_label("Color").select_option("Pink")
            page.get_by_role("button", name="Comparar y guardar").click()
            page.wait_for_url("**/revisions/1")
            added = page.locator('article[data-kind="added"]')
            expect(added).to_have_count(1)
            expect(added).to_contain_text("5A")
            expect(added.locator(".ins").last).to_contain_text("Zebras painted on the garage door.")
            expect(page.locator('article[data-kind="omitted"]')).to_contain_text("3")
            expect(page.locator("h1 .rev-pink")).to_contain_text("Rosa")

            page.goto("/productions/demo/episodes/1/revisions")
            expect(page.locator("#revision-list tbody tr")).to_have_count(1)
            page.get_by_role("button", name="Restaurar la escena 3").click()
            expect(page.locator("#numbering-state")).to_contain_text("0 omitidas")
            context.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        workspace.engine.dispose()
    assert errors == []
