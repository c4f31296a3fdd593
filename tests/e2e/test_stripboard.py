"""The stripboard in Debian's chromium: drag a strip to another day, see the rules checked
live, save the board as a version, lock a strip and re-optimise in a background worker."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn

from conftest import require, settings_for
from mosaico.demo.series import load_series
from mosaico.jobs.queue import JobQueue, start_in_thread
from mosaico.services import productions, schedule, scripts, stripboard
from mosaico.services.context import Workspace
from mosaico.web.app import STATIC_DIR, create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
START = date(2027, 3, 1)

pytestmark = pytest.mark.browser


@dataclass
class Served:
    url: str
    workspace: Workspace
    version: schedule.ScheduleVersionInfo


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """Episode 1 of the demo series solved, served by uvicorn, with a job worker running."""
    settings = settings_for(tmp_path / "data")
    app = create_app(settings)
    workspace: Workspace = app.state.workspace
    episode = load_series().episodes[0]
    with workspace.transaction() as session:
        productions.create(session=session, name="demo")
        scripts.import_script(
            session=session,
            production="demo",
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=settings.limits,
            files_dir=settings.files_dir,
            episode=1,
        )
        schedule.update_setup(session, "demo", {"calendar": {"start": START.isoformat()}}, None)
    version = schedule.solve_schedule(workspace, "demo", time_limit=3.0)
    app.state.job_queue = queue = JobQueue(settings, workspace=workspace)
    consumer = start_in_thread(queue)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", workspace, version)
    server.should_exit = True
    thread.join(timeout=10)
    consumer.stop(graceful=True)
    workspace.engine.dispose()


@pytest.fixture
def page(served: Served) -> Iterator[Page]:
    require(CHROMIUM.exists(), "Debian's chromium at /usr/bin/chromium")
    require(
        (STATIC_DIR / "vendor" / "Sortable.min.js").exists(),
        "SortableJS in static/vendor (make frontend)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=served.url, locale="en-GB", viewport={"width": 1400, "height": 900}
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        browser.close()
        assert errors == [], f"JavaScript errors: {errors}"


def _days(version: schedule.ScheduleVersionInfo) -> list[tuple[str, list[str]]]:
    return [(d.date.isoformat(), list(d.strips)) for d in version.schedule.days]


def _moves(served: Served) -> tuple[tuple[str, str], tuple[str, str]]:
    """A (strip, day) move the rules allow and one they refuse, found with the service."""
    days = _days(served.version)
    allowed = refused = None
    for source, (_, strips) in enumerate(days):
        for key in strips:
            for target, (when, _) in enumerate(days):
                if target == source:
                    continue
                trial = [(d, [k for k in s if k != key]) for d, s in days]
                trial[target][1].append(key)
                trial = [(d, s) for d, s in trial if s]
                with served.workspace.transaction() as session:
                    found = stripboard.check(session, "demo", served.version.number, trial)
                if found.violations and refused is None:
                    refused = (key, when)
                if not found.violations and allowed is None:
                    allowed = (key, when)
                if allowed and refused:
                    return allowed, refused
    raise AssertionError("the demo episode offers no allowed and refused move")


def _drag(page: Page, key: str, day: str) -> None:
    """Drag strip ``key`` to the end of ``day`` with the mouse, as a person would."""
    strip = page.locator(f'li.strip[data-key="{key}"] .set')
    target = page.locator(f'ol.strips[data-date="{day}"]')
    target.scroll_into_view_if_needed()
    strip.scroll_into_view_if_needed()
    start = strip.bounding_box()
    assert start is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(
        start["x"] + start["width"] / 2 + 5, start["y"] + start["height"] / 2 + 5, steps=3
    )
    last = page.locator(f'ol.strips[data-date="{day}"] > li.strip').last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.9, steps=15)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 1, steps=5)
    page.mouse.up()


def test_drag_a_strip_see_the_rules_save_lock_and_reoptimise(page: Page, served: Served) -> None:
    from playwright.sync_api import expect

    (good, good_day), (bad, bad_day) = _moves(served)
    page.goto("/productions/demo/stripboard?lang=en")
    expect(page.locator("#board.ready")).to_be_attached()
    expect(page.locator("#board-check")).to_contain_text("Every rule holds.")
    save = page.get_by_role("button", name="Save as version")
    expect(save).to_be_disabled()

    # A move the rules refuse: the strip is marked with the rule it breaks; no saving.
    _drag(page, bad, bad_day)
    expect(
        page.locator(f'ol.strips[data-date="{bad_day}"] > li.strip[data-key="{bad}"]')
    ).to_be_attached()
    expect(page.locator("#board-check")).to_contain_text("Rules broken:")
    expect(page.locator("li.strip.violates").first).to_be_visible()
    expect(save).to_be_disabled()

    # Without a mouse: Alt+Down takes a strip to the next day, and it is checked too.
    page.reload()
    expect(page.locator("#board.ready")).to_be_attached()
    first_day = page.locator("ol.strips").first
    key = first_day.locator("li.strip").first.get_attribute("data-key")
    second_date = page.locator("ol.strips").nth(1).get_attribute("data-date")
    first_day.locator("li.strip").first.focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(
        page.locator(f'ol.strips[data-date="{second_date}"] > li.strip[data-key="{key}"]')
    ).to_be_attached()
    expect(page.locator("#board")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#board-check p").first).to_be_visible()

    # Start again and make a move the rules allow: checked live, then saved as version 2.
    page.reload()
    expect(page.locator("#board.ready")).to_be_attached()
    _drag(page, good, good_day)
    moved = page.locator(f'ol.strips[data-date="{good_day}"] > li.strip[data-key="{good}"]')
    expect(moved).to_be_attached()
    expect(page.locator("#board-check")).to_contain_text("Every rule holds.")
    expect(save).to_be_enabled()
    moved.locator("button.lock").click()
    expect(moved.locator("button.lock")).to_have_attribute("aria-pressed", "true")
    expect(save).to_be_enabled()
    page.get_by_label("Label").fill("moved by hand")
    save.click()
    page.wait_for_url("**/stripboard?version=2")
    expect(page.get_by_role("heading", name="Stripboard · version 2")).to_be_visible()
    with served.workspace.transaction() as session:
        saved = schedule.get_version(session, "demo", 2)
    assert (saved.kind, saved.parent, saved.label) == ("manual", 1, "moved by hand")
    assert saved.schedule.day_of(good).date.isoformat() == good_day
    assert saved.locked == (good,)

    # Re-optimise around the lock in the background worker; the panel follows the job.
    page.get_by_label("Seconds").fill("2")
    page.get_by_role("button", name="Re-optimise (locked strips stay)").click()
    panel = page.locator("#job-panel")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-status", "done", timeout=90_000)
    expect(panel.locator("polyline.line-cost")).to_be_attached()
    page.get_by_role("link", name="Open version 3 on the stripboard").click()
    page.wait_for_url("**/stripboard?version=3")
    with served.workspace.transaction() as session:
        third = schedule.get_version(session, "demo", 3)
    assert third.parent == 2
    assert third.schedule.day_of(good).date.isoformat() == good_day


def test_reoptimising_unsaved_moves_saves_them_first(page: Page, served: Served) -> None:
    from playwright.sync_api import expect

    (good, good_day), _ = _moves(served)
    page.goto("/productions/demo/stripboard?lang=es")
    expect(page.locator("#board.ready")).to_be_attached()
    _drag(page, good, good_day)
    moved = page.locator(f'ol.strips[data-date="{good_day}"] > li.strip[data-key="{good}"]')
    expect(moved).to_be_attached()
    expect(page.locator("#board-check")).to_contain_text("Se cumplen todas las reglas.")
    moved.locator("button.lock").click()
    page.get_by_label("Segundos").fill("2")
    page.get_by_role("button", name="Reoptimizar (las tiras bloqueadas no se mueven)").click()
    page.wait_for_url("**/stripboard?version=2&job=*")
    panel = page.locator("#job-panel")
    expect(panel).to_have_attribute("data-status", "done", timeout=90_000)
    expect(panel).to_contain_text("terminado")
    with served.workspace.transaction() as session:
        saved = schedule.get_version(session, "demo", 2)
        third = schedule.get_version(session, "demo", 3)
    assert saved.kind == "manual" and saved.locked == (good,)
    assert (third.kind, third.parent) == ("solve", 2)
    assert third.schedule.day_of(good).date.isoformat() == good_day
