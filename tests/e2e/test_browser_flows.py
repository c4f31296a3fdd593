"""Real browser flows in Debian's chromium, driven by Playwright, against a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from conftest import SCRIPTS, require, settings_for
from mosaico.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """mosaico served by uvicorn in a thread, on a throw-away SQLite store."""
    app = create_app(settings_for(tmp_path))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    app.state.workspace.engine.dispose()


@pytest.fixture
def page(server: str) -> Iterator[object]:
    require(CHROMIUM.exists(), "Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=server, locale="es-MX")
        yield context.new_page()
        context.close()
        browser.close()


def test_upload_a_script_see_scenes_and_switch_language(page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto("/")
    expect(page.get_by_role("heading", name="Producciones")).to_be_visible()
    page.get_by_label("Nombre").fill("demo")
    page.get_by_label("Título", exact=True).fill("Demo")
    page.get_by_role("button", name="Crear").click()
    expect(page.get_by_role("heading", name="Demo")).to_be_visible()

    page.set_input_files("input[type=file]", str(SCRIPTS / "short" / "brick-and-steel.fountain"))
    page.get_by_role("button", name="Importar").click()
    expect(page.get_by_role("heading", name="Escenas")).to_be_visible()
    rows = page.locator("table.scenes tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.first).to_contain_text("BRICK'S PATIO")

    page.click("a[data-lang=en]")
    expect(page.get_by_role("heading", name="Scenes")).to_be_visible()
    page.goto("/productions/demo/episodes/1/script")
    expect(page.locator("article.page")).to_have_count(4)
    page.click("a[data-lang=es]")
    expect(page.get_by_role("heading", name="Episodio 1")).to_be_visible()


def test_a_broken_file_shows_an_error(page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto("/?lang=en")
    page.get_by_label("Name").fill("demo")
    page.get_by_role("button", name="Create").click()
    broken = tmp_path / "broken.fdx"
    broken.write_bytes(b"<?xml version='1.0'?><FinalDraft><Content><Paragraph>")
    page.set_input_files("input[type=file]", str(broken))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("broken.fdx")
    page.goto("/productions/demo")
    expect(page.get_by_text("No scripts yet")).to_be_visible()
