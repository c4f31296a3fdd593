"""The breakdown pages in Debian's chromium: tag by selecting script text, edit a tag,
merge two elements, read the breakdown sheet."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import test_browser_flows as flows

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser
# The live server and the browser page are the ones every browser flow uses.
server = flows.server
page = flows.page
_screenshot = flows._screenshot

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
BASE = "/productions/granizo/breakdown"
API = "/api/productions/granizo/breakdown"


def _production(page: Page) -> None:
    """A production with one episode, its breakdown stored from the breakdown page."""
    from playwright.sync_api import expect

    created = page.request.post("/api/productions", data={"name": "granizo", "title": "Granizo"})
    assert created.status == 201
    uploaded = page.request.post(
        "/api/productions/granizo/scripts",
        multipart={
            "file": {"name": "ep1.fountain", "mimeType": "text/plain", "buffer": SCRIPT.encode()}
        },
    )
    assert uploaded.status == 201
    page.goto(f"{BASE}?episode=1")
    expect(page.get_by_text("Aún no hay nada guardado")).to_be_visible()
    page.get_by_role("button", name="Ejecutar el marcado automático").first.click()
    expect(page.get_by_text("Aún no hay nada guardado")).to_have_count(0)


def _word_centre(page: Page, word: str) -> tuple[float, float]:
    """Where ``word`` sits on screen in the script text (for a real double-click)."""
    box = page.evaluate(
        """(word) => {
            for (const span of document.querySelectorAll("[data-element]")) {
                const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const at = node.data.indexOf(word);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + word.length);
                    const r = range.getBoundingClientRect();
                    return {x: r.left + r.width / 2, y: r.top + r.height / 2};
                }
            }
            return null;
        }""",
        word,
    )
    assert box is not None, word
    return box["x"], box["y"]


def test_select_text_to_tag_it_then_reject_a_tag(page: Page) -> None:
    from playwright.sync_api import expect

    _production(page)
    page.get_by_role("link", name="2", exact=True).click()
    expect(page.get_by_role("heading", name="Episodio 1 · Escena 2")).to_be_visible()

    # Double-click a word in the script: the picker offers the categories.
    x, y = _word_centre(page, "estufa")
    page.mouse.dblclick(x, y)
    picker = page.locator("#tag-picker")
    expect(picker).to_be_visible()
    expect(picker.get_by_label("Elemento")).to_have_value("estufa")
    _screenshot(page, "breakdown-scene-picker")
    picker.get_by_role("button", name="Ambientación").click()

    # The page reloads with the new tag drawn over the word, in its category.
    mark = page.locator("mark[data-category=set_dressing]")
    expect(mark).to_have_text("estufa")
    expect(mark).to_have_attribute("data-status", "accepted")
    expect(page.locator(".bd-side-box[data-category=set_dressing]")).to_contain_text("estufa")

    # Clicking a tag opens its editor; rejecting it strikes it out.
    page.locator("mark[data-tag]", has_text="OLLA").click()
    editor = page.locator("#tag-editor")
    expect(editor).to_be_visible()
    expect(editor).to_contain_text("OLLA")
    editor.get_by_role("button", name="Rechazar").click()
    expect(page.locator("mark.bd-rejected", has_text="OLLA")).to_have_count(1)
    expect(page.locator(".bd-side-box[data-category=props]")).to_have_count(0)
    _screenshot(page, "breakdown-scene")


def test_merge_two_elements_and_see_the_sheet(page: Page) -> None:
    from playwright.sync_api import expect

    _production(page)
    scene = page.request.get(f"{API}/episodes/1/scenes/2").json()
    added = page.request.post(
        f"{API}/tags",
        data={"scene_id": scene["scene_id"], "category": "props", "name": "Termo"},
    )
    assert added.status == 201

    page.goto(f"{BASE}/elements?category=props")
    expect(page.get_by_role("heading", name="Gestor de elementos")).to_be_visible()
    page.get_by_label("Fusionar THERMOS").check()
    page.get_by_label("Fusionar Termo").check()
    page.get_by_label("Conservar THERMOS").check()
    page.get_by_role("button", name="Fusionar los elementos marcados").click()
    expect(page.get_by_role("heading", name="THERMOS")).to_be_visible()
    expect(page.locator(".lede")).to_contain_text("2 escenas")
    expect(page.locator(".bd-element-scenes li")).to_have_count(2)

    # The sheet of scene 2 now lists the merged prop under its first spelling.
    page.get_by_role("link", name="Hojas de desglose").click()
    page.get_by_label("Escena").fill("2")
    page.get_by_role("button", name="Mostrar").click()
    sheet = page.locator(".bd-sheet")
    expect(sheet).to_have_count(1)
    expect(sheet.locator("[data-category=props]")).to_contain_text("THERMOS")
    expect(sheet.locator("[data-category=props]")).not_to_contain_text("Termo")
    expect(sheet).to_contain_text("COCINA DE LOS MEDINA")
    _screenshot(page, "breakdown-sheet")
    pdf = page.get_by_role("link", name="PDF")
    expect(pdf).to_have_attribute("href", re.compile(r"sheets\.pdf\?scene=2&lang=es$"))
    response = page.request.get(pdf.get_attribute("href") or "")
    assert response.headers["content-type"] == "application/pdf"
