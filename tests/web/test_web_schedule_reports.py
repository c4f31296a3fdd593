"""Day out of days and one-liner over the API and as pages, on both stores.

A hand-made schedule (tests/schedule/hand_plan.py, whose grid is worked out by
hand in test_dood.py) is stored as a real version through the schedule
service; the reports read it back from the store.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_client import serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "schedule"))
from hand_plan import PLAN, hand_problem, hand_schedule

from mosaico.services import productions
from mosaico.services import schedule as schedules
from mosaico.services.context import Workspace

BASE = "/api/productions/granizo/schedules"


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    """``granizo`` (Spanish) with version 1 = the hand plan; ``otra`` (English) with none."""
    with workspace.transaction() as session:
        productions.create(session=session, name="granizo", title="Granizo", language="es")
        productions.create(session=session, name="otra", title="Otra", language="en")
        schedules.save_version(
            session, "granizo", hand_problem(), hand_schedule(PLAN), kind="manual", label="a mano"
        )
    with serve(workspace.settings) as test_client:
        yield test_client


def test_dood_json_is_the_hand_worked_grid(client: TestClient) -> None:
    reply = client.get(f"{BASE}/1/dood")
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["production"] == "granizo" and data["version"] == 1
    assert [d["date"] for d in data["days"]][:2] == ["2025-03-03", "2025-03-04"]
    rows = {row["id"]: row for row in data["rows"]}
    assert rows["A"]["codes"][:8] == ["SW", "W", "H", "W", "H", "HOL", "TR", "WF"]
    assert rows["D"]["totals"] == {
        "work": 3,
        "hold": 1,
        "travel": 0,
        "holiday": 4,
        "idle": 0,
        "drops": 0,
        "paid": 8,
        "start": "2025-03-11",
        "finish": "2025-03-18",
    }


def test_dood_files(client: TestClient) -> None:
    xlsx = client.get(f"{BASE}/1/dood.xlsx?lang=en")
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="granizo-v1-dood.xlsx"' in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content))["DOOD"]
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names == ["ROLE A", "ROLE B", "ROLE C", "ROLE D"]

    spanish_csv = client.get(f"{BASE}/1/dood.csv")  # the production's language: Spanish
    rows = list(csv.reader(io.StringIO(spanish_csv.text)))
    assert rows[0][1:3] == ["Nombre", "Categoría"]
    assert rows[4][3:19] == [
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "SW",
        "HOL",
        "W",
        "H",
        "HOL",
        "HOL",
        "HOL",
        "WF",
    ]

    pdf = client.get(f"{BASE}/1/dood.pdf?lang=en")
    assert pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "ROLE B SW H H H W HOL TR H H HOL W WF" in text
    assert "Granizo · Schedule version 1" in text


def test_oneliner_json_and_pdf(client: TestClient) -> None:
    data = client.get(f"{BASE}/1/oneliner").json()
    entries = data["units"][0]["entries"]
    assert [e["type"] for e in entries[:7]] == ["day"] * 5 + ["banner"] * 2
    assert entries[6] == {
        "type": "banner",
        "kind": "travel",
        "start": "2025-03-09",
        "end": "2025-03-09",
        "reason": "Oaxaca",
        "city": "",
    }
    pdf = client.get(f"{BASE}/1/oneliner.pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Día 1 de 10 — lunes, 3 de marzo de 2025" in text
    assert "Día de viaje: Oaxaca" in text
    for scene in PLAN:
        assert f"\n{scene} INT SET {scene} D 1" in text


def test_pages_in_both_languages(client: TestClient) -> None:
    page = client.get("/productions/granizo/schedules/1/dood")
    assert page.status_code == 200
    assert "Desglose de días" in page.text and "Descargar" in page.text
    assert "/api/productions/granizo/schedules/1/dood.xlsx?lang=es" in page.text
    assert page.text.count('<td class="c ') == 4 * 16
    english = client.get("/productions/granizo/schedules/1/oneliner?lang=en")
    assert "One-liner" in english.text and "Day 10 of 10" in english.text
    assert "Public holiday: Benito Juárez&#39;s birthday" in english.text


def test_bad_requests_change_nothing_and_say_why(client: TestClient) -> None:
    missing = client.get(f"{BASE}/2/dood")
    assert missing.status_code == 404
    # Another production's version number is not found through this one.
    assert client.get("/api/productions/otra/schedules/1/dood").status_code == 404
    assert client.get("/productions/otra/schedules/1/oneliner").status_code == 404
    assert client.get("/api/productions/nadie/schedules/1/oneliner").status_code == 404
    wrong = client.get(f"{BASE}/1/dood.docx")
    assert wrong.status_code == 422 and wrong.json()["field"] == "format"
    assert client.get(f"{BASE}/1/oneliner.xlsx").status_code == 422
    bad_lang = client.get(f"{BASE}/1/dood.csv?lang=fr")
    assert bad_lang.status_code == 422 and bad_lang.json()["field"] == "lang"
    assert client.get(f"{BASE}/uno/dood").status_code == 422
    assert client.get(f"{BASE}/1/dood").status_code == 200
