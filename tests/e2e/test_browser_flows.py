"""Real browser flows in Debian's chromium, driven by Playwright, against a live server.

Every page adds its flow here. Screenshots of the main pages are written under
``MOSAICO_SCREENSHOTS`` when that variable names a folder (for looking, not asserting).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn

from conftest import SCRIPTS, require, settings_for
from mosaico.web.app import STATIC_DIR, create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

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
BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"
LONG_LINE = b"INT. HOUSE - DAY\n\n" + b"x" * 30_000 + b"\n"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """mosaico served by uvicorn in a thread, on a throw-away SQLite store and data dir."""
    app = create_app(settings_for(tmp_path / "data"))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    app.state.workspace.engine.dispose()


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    require(CHROMIUM.exists(), "Debian's chromium at /usr/bin/chromium")
    require(
        (STATIC_DIR / "vendor" / "htmx.min.js").exists(), "htmx in static/vendor (make frontend)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=server, locale="es-MX", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        browser.close()
        assert errors == [], f"JavaScript errors: {errors}"


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("MOSAICO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _create_production(page: Page, name: str, title: str) -> None:
    page.goto("/")
    page.get_by_label("Título").fill(title)
    page.get_by_label("Nombre corto").fill(name)
    page.get_by_role("button", name="Crear producción").click()
    page.wait_for_url(f"**/productions/{name}")


def test_create_upload_see_scenes_read_and_switch_language(page: Page) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    # The browser says es-MX: Spanish without asking.
    expect(page.get_by_role("heading", name="Producciones", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    _create_production(page, "somos", "Somos.")
    expect(page.get_by_role("heading", name="Somos.")).to_be_visible()
    expect(page.get_by_text("Todavía no hay guiones")).to_be_visible()

    # Upload with htmx: the result appears in place and the episode table refreshes.
    page.get_by_label("Archivo del guion").set_input_files(str(BRICK))
    page.get_by_role("button", name="Importar").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("brick-and-steel.fountain")
    expect(status).to_contain_text("8 escenas")
    expect(page.locator("#episodes tr")).to_have_count(1)
    expect(page.locator("#episodes")).to_contain_text("BRICK & STEEL")
    _screenshot(page, "production")

    status.get_by_role("link", name="Ver sus escenas").click()
    expect(page.get_by_role("heading", name="Escenas", exact=True)).to_be_visible()
    rows = page.locator("table.scenes tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.first).to_contain_text("BRICK'S PATIO")
    expect(rows.first).to_contain_text("Día")
    expect(rows.first).to_have_class("strip-ext-day")

    # The episode filter swaps the table through htmx and keeps the address.
    page.get_by_label("Episodio").select_option("")
    expect(page).to_have_url(re.compile(r"/productions/somos/scenes\?episode=$"))
    expect(rows).to_have_count(8)
    expect(page.get_by_role("link", name="EN", exact=True)).to_have_attribute(
        "href", re.compile(r"\?episode=&lang=en$")
    )
    _screenshot(page, "scenes")

    # Switch to English; the choice follows to the next page (cookie).
    page.get_by_role("link", name="EN", exact=True).click()
    expect(page.get_by_role("heading", name="Scenes", exact=True)).to_be_visible()
    expect(rows.first).to_contain_text("Day")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Episode").select_option("1")
    page.get_by_role("link", name="Read the script").click()
    expect(page.get_by_role("heading", name="Episode 1")).to_be_visible()
    episodes = page.request.get("/api/productions/somos/episodes").json()
    expect(page.locator("article.page")).to_have_count(episodes[0]["pages"])
    expect(page.locator("article.title-page")).to_contain_text("BRICK & STEEL")
    cue = page.locator(".k-character", has_text="STEEL").first
    heading = page.locator(".k-scene_heading").first
    # The cue sits 2.2" right of the action margin: 22 characters of Courier 12 pt.
    offset = cue.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)")
    assert abs(offset - 22 * 7.2 * 96 / 72) < 2, offset
    assert heading.evaluate("e => getComputedStyle(e).whiteSpace") == "pre"
    _screenshot(page, "script")

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Episodio 1")).to_be_visible()
    page.get_by_role("link", name="Producciones", exact=True).click()
    expect(page.get_by_role("cell", name="Somos.")).to_be_visible()
    _screenshot(page, "productions")


def test_a_broken_file_shows_its_error_and_stores_nothing(page: Page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/?lang=en")
    page.get_by_label("Short name").fill("demo")
    page.get_by_role("button", name="Create production").click()
    page.wait_for_url("**/productions/demo")
    broken = tmp_path / "long.fountain"
    broken.write_bytes(LONG_LINE)
    page.get_by_label("Script file").set_input_files(str(broken))
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("long.fountain, line 3")
    expect(alert).to_contain_text("Line 3 of the file.")
    _screenshot(page, "upload-error")
    page.reload()
    expect(page.get_by_text("No scripts yet")).to_be_visible()


def test_a_taken_name_is_shown_beside_the_form(page: Page) -> None:
    from playwright.sync_api import expect

    _create_production(page, "somos", "Somos.")
    page.goto("/")
    page.get_by_label("Nombre corto").fill("somos")
    page.get_by_role("button", name="Crear producción").click()
    expect(page.locator("#create-feedback").get_by_role("alert")).to_contain_text("somos")
    expect(page).to_have_url(re.compile(r"/$"))  # still on the list, nothing created
    expect(page.locator("table.grid tbody tr")).to_have_count(1)


def test_api_docs_render_without_a_network(page: Page) -> None:
    from playwright.sync_api import expect

    require((STATIC_DIR / "vendor" / "swagger-ui-bundle.js").exists(), "Swagger UI (make frontend)")
    page.goto("/docs")
    expect(page.get_by_text("Upload a script (Fountain, FDX or PDF)")).to_be_visible()
    expect(page.get_by_text("/api/productions/{slug}/scenes", exact=True)).to_be_visible()
