"""Scripts over the API and the pages: upload, export, the screenplay page, bad files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_client import BRICK, HTMX, serve, upload

from conftest import SCRIPTS, settings_for
from mosaico.screenplay import fdx, fountain
from mosaico.services.context import Workspace
from mosaico.settings import get_settings

EN = {"accept-language": "en"}
LONG_LINE = b"INT. HOUSE - DAY\n\n" + b"x" * 30_000 + b"\n"


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    with serve(workspace.settings) as client:
        client.post("/api/productions", json={"name": "demo", "title": "Demo"})
        yield client


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TestClient]:
    with serve(settings_for(tmp_path)) as client:
        client.post("/productions", data={"name": "demo", "title": "Demo", "language": "en"})
        yield client


def test_upload_reads_the_format_from_the_content(api: TestClient) -> None:
    # An FDX under a .txt name is still read as FDX.
    data = (SCRIPTS / "short" / "brick-and-steel.screenplain-export.fdx").read_bytes()
    response = upload(api, name="brick.txt", data=data)
    assert response.status_code == 201
    body = response.json()
    assert (body["format"], body["episode"], body["scenes"]) == ("fdx", 1, 8)
    assert body["already_imported"] is False


def test_same_file_twice_changes_nothing(api: TestClient) -> None:
    first = upload(api).json()
    second = upload(api)
    assert second.status_code == 201 and second.json()["already_imported"] is True
    assert second.json()["episode"] == first["episode"]
    assert api.get("/api/productions/demo").json()["episodes"] == 1


def test_upload_into_a_chosen_episode(api: TestClient) -> None:
    body = upload(api, episode="3", draft="Writers' draft", colour="Blue").json()
    assert body["episode"] == 3
    episodes = api.get("/api/productions/demo/episodes").json()
    assert [(e["number"], e["colour"], e["draft"], e["scenes"]) for e in episodes] == [
        (3, "Blue", "Writers' draft", 8)
    ]


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"episode": "two"}, "episode"),
        ({"episode": "0"}, "episode"),
        ({"colour": "Mauve"}, "colour"),
    ],
)
def test_bad_upload_fields_are_422(api: TestClient, form: dict[str, str], field: str) -> None:
    response = upload(api, **form)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert api.get("/api/productions/demo").json()["scenes"] == 0


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("broken.fdx", b"<?xml version='1.0'?><FinalDraft><Content><Paragraph>", 1),
        ("long.fountain", LONG_LINE, 3),
        ("blank.fountain", b"  \n\n", None),
        ("binary.pdf", bytes(range(256)) * 8, None),
    ],
)
def test_a_failed_upload_names_file_and_line_and_stores_nothing(
    api: TestClient, name: str, data: bytes, line: int | None
) -> None:
    response = upload(api, name=name, data=data)
    assert response.status_code == 400
    body = response.json()
    assert body["error"].startswith(name) and body["line"] == line
    production = api.get("/api/productions/demo").json()
    assert (production["episodes"], production["scenes"]) == (0, 0)


def test_an_xml_bomb_is_refused(api: TestClient) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<FinalDraft><Content>&lol2;</Content></FinalDraft>"
    )
    response = upload(api, name="bomb.fdx", data=bomb)
    assert response.status_code == 400 and "bomb.fdx" in response.json()["error"]
    assert api.get("/api/productions/demo").json()["scenes"] == 0


def test_a_file_over_the_size_limit_is_413(tmp_path: Path) -> None:
    settings = get_settings({"MOSAICO_DATA_DIR": str(tmp_path), "MOSAICO_MAX_BYTES": "2000"})
    with serve(settings) as client:
        client.post("/api/productions", json={"name": "demo"})
        just_over = upload(client, data=b"INT. A - DAY\n\n" + b"word " * 1000)
        assert just_over.status_code == 413
        assert "MOSAICO_MAX_BYTES" in just_over.json()["error"]
        declared = upload(client, data=b"x" * 200_000)  # refused from its Content-Length
        assert declared.status_code == 413 and "says it is" in declared.json()["error"]
        page = upload(client, page=True, data=b"x" * 200_000, headers=HTMX)
        assert page.status_code == 413 and 'role="alert"' in page.text
        assert client.get("/api/productions/demo").json()["scenes"] == 0


def test_a_body_without_length_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    settings = get_settings({"MOSAICO_DATA_DIR": str(tmp_path), "MOSAICO_MAX_BYTES": "2000"})

    def chunks() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.fountain"\r\n\r\n'
        for _ in range(1000):  # 10 MB, no Content-Length: counted as it arrives
            yield b"x" * 10_000
        yield b"\r\n--b--\r\n"

    with serve(settings) as client:
        client.post("/api/productions", json={"name": "demo"})
        response = client.post(
            "/api/productions/demo/scripts",
            content=chunks(),
            headers={"content-type": "multipart/form-data; boundary=b"},
        )
        assert response.status_code == 413 and "is over" in response.json()["error"]
        assert client.get("/api/productions/demo").json()["scenes"] == 0


def test_export_in_every_format(api: TestClient) -> None:
    upload(api)
    original = fountain.parse(BRICK.read_text(encoding="utf-8"))
    as_fountain = api.get("/api/productions/demo/export", params={"format": "fountain"})
    assert as_fountain.headers["content-type"].startswith("text/plain")
    assert fountain.parse(as_fountain.text).elements == original.elements
    as_fdx = api.get("/api/productions/demo/export", params={"format": "fdx", "episode": 1})
    assert 'filename="demo-ep1.fdx"' in as_fdx.headers["content-disposition"]
    assert fdx.parse_fdx(as_fdx.content).elements == original.elements
    as_pdf = api.get("/api/productions/demo/export", params={"format": "pdf", "paper": "a4"})
    assert (
        as_pdf.content.startswith(b"%PDF") and as_pdf.headers["content-type"] == "application/pdf"
    )
    as_json = json.loads(api.get("/api/productions/demo/export", params={"format": "json"}).text)
    assert isinstance(as_json, dict) and as_json


def test_export_is_scoped_to_the_production(api: TestClient) -> None:
    upload(api)
    api.post("/api/productions", json={"name": "other"})
    # Episode 1 exists, but in "demo": "other" has no such episode.
    response = api.get("/api/productions/other/export", params={"episode": 1})
    assert response.status_code == 404
    assert api.get("/api/productions/ghost/export").status_code == 404
    bad = api.get("/api/productions/demo/export", params={"format": "docx"})
    assert bad.status_code == 422 and bad.json()["field"] == "format"


def test_page_upload_with_htmx_reports_and_refreshes_the_episodes(site: TestClient) -> None:
    response = upload(site, page=True, headers={**HTMX, **EN})
    assert response.status_code == 200
    assert 'role="status"' in response.text and "8 scenes" in response.text
    assert "brick-and-steel.fountain" in response.text
    assert '<tbody id="episodes" hx-swap-oob="true">' in response.text
    assert 'href="/productions/demo/scenes?episode=1"' in response.text
    assert '<span id="production-counts" hx-swap-oob="true">1 episode ·' in response.text


def test_page_upload_without_htmx_goes_to_the_scenes(site: TestClient) -> None:
    response = upload(site, page=True, headers=EN)
    assert response.status_code == 200 and response.url.path == "/productions/demo/scenes"
    assert response.url.query == b"episode=1"
    assert response.text.count('<tr class="strip-') == 8


def test_page_upload_failure_shows_file_and_line(site: TestClient) -> None:
    response = upload(site, page=True, name="long.fountain", data=LONG_LINE, headers={**HTMX, **EN})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "long.fountain, line 3" in response.text
    assert "Line 3 of the file." in response.text
    assert "No scripts yet" in site.get("/productions/demo").text
    bad_episode = upload(site, page=True, headers={**HTMX, **EN}, episode="x")
    assert bad_episode.status_code == 422 and "Field: episode" in bad_episode.text


def test_script_page_is_laid_out_as_screenplay_pages(site: TestClient) -> None:
    pages = upload(site).json()["pages"]
    page = site.get("/productions/demo/episodes/1/script")
    assert page.status_code == 200
    html = page.text
    assert pages >= 3 and html.count('class="sheet page"') == pages  # the paginator's pages
    assert 'class="sheet title-page"' in html and "BRICK &amp; STEEL" in html
    assert "EXT. BRICK&#39;S PATIO - DAY" in html
    assert '<div class="ln k-character" style="--indent: 22">STEEL</div>' in html  # cue at 3.7"
    assert 'class="ln k-dialogue" style="--indent: 10"' in html  # dialogue from 2.5"
    assert '<div class="pageno">2.</div>' in html and '<div class="pageno">1.</div>' not in html
    for fmt in ("fountain", "fdx", "pdf", "json"):
        assert f"/api/productions/demo/export?format={fmt}&amp;episode=1" in html


def test_script_page_scene_numbers_emphasis_and_escaping(site: TestClient) -> None:
    script = (
        b"INT. KITCHEN - NIGHT #12A#\n\n"
        b"She reads **the letter** and _burns_ it. <script>alert(1)</script>\n\n"
        b"EXT. YARD - DAY\n\nNothing.\n"
    )
    upload(site, name="numbers.fountain", data=script)
    html = site.get("/productions/demo/episodes/1/script").text
    assert (
        '<span class="sn sn-left">12A</span>INT. KITCHEN - NIGHT<span class="sn sn-right">12A</span>'
        in html
    )
    assert "<b>the letter</b>" in html and "<u>burns</u>" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_script_page_on_a4(site: TestClient) -> None:
    upload(site)
    html = site.get("/productions/demo/episodes/1/script", params={"paper": "a4"}).text
    assert 'class="screenplay paper-a4"' in html
    assert site.get("/productions/demo/episodes/1/script?paper=legal").status_code == 422


def test_script_page_of_another_production_is_404(site: TestClient) -> None:
    upload(site)
    site.post("/productions", data={"name": "other"})
    assert site.get("/productions/other/episodes/1/script").status_code == 404
    assert site.get("/productions/demo/episodes/2/script").status_code == 404


def test_production_page_lists_episodes_with_their_exports(site: TestClient) -> None:
    upload(site)
    upload(site, name="numbers.fountain", data=b"INT. KITCHEN - NIGHT #12A#\n\nA.\n", episode="2")
    html = site.get("/productions/demo").text
    assert "2 episodes" in html and "9 scenes" in html
    assert html.count('<a class="strong" href="/productions/demo/episodes/') == 2
    assert "BRICK &amp; STEEL FULL RETIRED" in html  # a two-line title on one line
    assert '"/api/productions/demo/export?format=pdf"' in html  # the whole production
    assert "/api/productions/demo/export?format=pdf&amp;episode=2" in html


PLAIN = (
    b"INT. KITCHEN - NIGHT\n\nANA pours coffee.\n\nANA\nYou came back.\n\n"
    b"EXT. STREET - DAY\n\nRain. TOMAS waits.\n\nTOMAS\n(quietly)\nI never left.\n\n"
    b"INT. BUS - CONTINUOUS\n\nThey sit apart.\n"
)


def test_a_pdf_we_wrote_comes_back_in_as_the_same_scenes(site: TestClient) -> None:
    upload(site, name="plain.fountain", data=PLAIN)
    pdf = site.get("/api/productions/demo/export", params={"format": "pdf", "episode": 1}).content
    site.post("/api/productions", json={"name": "copy"})
    response = upload(site, slug="copy", name="brick.pdf", data=pdf)
    assert response.status_code == 201 and response.json()["format"] == "pdf"
    original = site.get("/api/productions/demo/scenes").json()
    copied = site.get("/api/productions/copy/scenes").json()
    keys = ("int_ext", "set", "time_of_day", "eighths", "page", "speaking")
    assert [[s[k] for k in keys] for s in copied] == [[s[k] for k in keys] for s in original]
