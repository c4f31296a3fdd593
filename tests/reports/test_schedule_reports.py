"""Day out of days and one-liner reports: read back what was written (XLSX, PDF, CSV, HTML)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pdfplumber
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "schedule"))
from hand_plan import PLAN, hand_problem, hand_schedule

from mosaico.reports.schedule_labels import code_colour
from mosaico.reports.schedule_pdf import (
    DOOD_PRINT_COLUMNS,
    dood_html,
    dood_pdf,
    oneliner_html,
    oneliner_pdf,
)
from mosaico.reports.schedule_text import (
    dood_csv,
    dood_json,
    dood_text,
    oneliner_json,
    oneliner_text,
)
from mosaico.reports.xlsx import FIRST_DATE_COLUMN, FIRST_ROW, HEADER_ROW, dood_xlsx
from mosaico.schedule.dood import DoodRules, DropRule, day_out_of_days
from mosaico.schedule.oneliner import one_liner, one_liners


def _dood(**kwargs: object):
    return day_out_of_days(hand_problem(), hand_schedule(PLAN), **kwargs)  # type: ignore[arg-type]


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_xlsx_reads_back_codes_colours_and_totals():
    dood = _dood()
    book = load_workbook(io.BytesIO(dood_xlsx(dood, language="en", title="Granizo", version=2)))
    sheet = book["DOOD"]
    assert "Granizo" in sheet.cell(row=1, column=1).value
    dates = [
        sheet.cell(row=HEADER_ROW, column=FIRST_DATE_COLUMN + i).value
        for i in range(len(dood.days))
    ]
    assert [d.date() if isinstance(d, datetime) else d for d in dates] == [
        date(2025, 3, n) for n in range(3, 19)
    ]
    marks = [
        sheet.cell(row=HEADER_ROW + 1, column=FIRST_DATE_COLUMN + i).value
        for i in range(len(dood.days))
    ]
    assert marks[:8] == ["1", "2", "3", "4", "5", "—", "TR", "6"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    first_total = FIRST_DATE_COLUMN + len(dood.days) - 1  # 0-based index into the row
    assert headers[first_total:] == [
        "Work",
        "Hold",
        "Travel",
        "Holiday",
        "Idle",
        "Start",
        "Finish",
        "Total",
    ]
    rows = list(sheet.iter_rows(min_row=FIRST_ROW, values_only=True))
    assert [r[1] for r in rows] == ["ROLE A", "ROLE B", "ROLE C", "ROLE D"]
    b = rows[1]
    codes = [c or "" for c in b[FIRST_DATE_COLUMN - 1 : first_total]]
    assert codes == [
        "SW",
        "H",
        "H",
        "H",
        "W",
        "HOL",
        "TR",
        "H",
        "H",
        "HOL",
        "W",
        "WF",
        "",
        "",
        "",
        "",
    ]
    assert b[first_total : first_total + 5] == (4, 5, 1, 2, 0)
    assert b[first_total + 5].date() == date(2025, 3, 3)
    assert b[first_total + 6].date() == date(2025, 3, 14)
    assert b[first_total + 7] == 12
    # Each code's cell carries its colour: a hold is yellow, travel blue.
    hold = sheet.cell(row=FIRST_ROW + 1, column=FIRST_DATE_COLUMN + 1)
    travel = sheet.cell(row=FIRST_ROW + 1, column=FIRST_DATE_COLUMN + 6)
    assert hold.fill.start_color.rgb.endswith(code_colour("H"))
    assert travel.fill.start_color.rgb.endswith(code_colour("TR"))
    assert code_colour("H") != code_colour("TR")
    legend = book["Legend"]
    assert ("TR", "travel") in [(r[0], r[1]) for r in legend.iter_rows(values_only=True)]


def test_xlsx_in_spanish():
    book = load_workbook(io.BytesIO(dood_xlsx(_dood(), language="es", title="Granizo")))
    sheet = book["DDD"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert "Reparto" in headers and "Trabajo" in headers and "Espera" in headers
    assert "Leyenda" in book.sheetnames


def test_dood_pdf_holds_every_member_code_and_date():
    text = _pdf_text(dood_pdf(_dood(), language="en", title="Granizo", version=4))
    assert "Day out of days" in text and "Granizo" in text and "Schedule version 4" in text
    assert "ROLE A SW W H W H HOL TR WF" in text
    assert "ROLE D SW HOL W H HOL HOL HOL WF" in text
    assert "Public holiday (Benito Juárez's birthday)" in text
    assert "Day off (strike)" in text


def test_a_long_dood_prints_on_several_pages_with_totals_last():
    plan = {str(n): (date(2025, 3, 3) + timedelta(days=n), "casa", ("A",)) for n in range(0, 50, 7)}
    plan["x"] = (date(2025, 3, 3), "casa", ("B",))
    problem = hand_problem(plan)
    dood = day_out_of_days(problem, hand_schedule(plan))
    assert len(dood.days) > DOOD_PRINT_COLUMNS
    data = dood_pdf(dood, language="es", title="Granizo")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) >= 2
    assert "Desglose de días" in pages[0] and "Trabajo" not in pages[0]
    assert any("Trabajo" in page for page in pages[1:])


def test_oneliner_pdf_has_days_scenes_and_banners_in_both_languages():
    sheet = one_liner(hand_problem(), hand_schedule(PLAN))
    english = _pdf_text(oneliner_pdf(sheet, language="en", title="Granizo"))
    assert "Day 1 of 10 — Monday, March 3, 2025" in english
    assert "Day 10 of 10 — Tuesday, March 18, 2025" in english
    for scene in PLAN:
        assert f"\n{scene} INT SET {scene} D 1" in english
    assert "Travel day: Oaxaca" in english
    assert "Weekly day off — Saturday, March 15, 2025 – Sunday, March 16, 2025 (2 days)" in english
    spanish = _pdf_text(oneliner_pdf(sheet, language="es", title="Granizo"))
    assert "Día 1 de 10 — lunes, 3 de marzo de 2025" in spanish
    assert "Día libre: strike" in spanish
    assert "Fin del día 1" in spanish


def test_html_fragment_and_document_come_from_one_template():
    dood = _dood()
    page = dood_html(dood, language="en", title="Granizo")
    fragment = dood_html(dood, language="en", title="Granizo", standalone=False)
    assert page.startswith("<!doctype html>") and "@page" in page
    assert "<html" not in fragment and 'class="mosaico-report"' in fragment
    assert fragment.count('<td class="c ') == page.count('<td class="c ') == 4 * 16
    assert '<td class="c k-h">H</td>' in fragment and '<td class="c k-tr">TR</td>' in page
    spanish = oneliner_html(
        one_liner(hand_problem(), hand_schedule(PLAN)), language="es", title="G"
    )
    assert "Plan resumido" in spanish and "Decorado" in spanish


def test_html_escapes_names():
    problem = hand_problem()
    from dataclasses import replace

    cast = tuple(replace(m, name="<b>A&B</b>") if m.id == "A" else m for m in problem.cast)
    dood = day_out_of_days(replace(problem, cast=cast), hand_schedule(PLAN))
    html = dood_html(dood, language="en", title="<script>")
    assert "<b>A&B</b>" not in html and "&lt;b&gt;A&amp;B&lt;/b&gt;" in html
    assert "<script>" not in html


def test_csv_has_a_column_per_date_and_localised_headers():
    dood = _dood(rules=DoodRules(members={"B": DropRule(drop_after_days=4)}))
    rows = list(csv.reader(io.StringIO(dood_csv(dood, language="es"))))
    assert rows[0][:4] == ["#", "Nombre", "Categoría", "2025-03-03"]
    assert rows[0][-8:] == [
        "Trabajo",
        "Espera",
        "Viaje",
        "Festivo",
        "Inactivo",
        "Inicio",
        "Fin",
        "Total",
    ]
    b = rows[2]
    assert b[:3] == ["2", "ROLE B", "Reparto"]
    assert b[3:19] == ["SW", "H", "H", "H", "WD", "", "", "", "", "", "PW", "WF", "", "", "", ""]
    assert b[19:] == ["4", "3", "0", "0", "5", "2025-03-03", "2025-03-14", "7"]


def test_text_and_json():
    dood = _dood()
    text = dood_text(dood, language="en", title="Granizo")
    assert "1 ROLE A   SW   W   H   W   H HOL  TR  WF" in text
    data = dood_json(dood)
    assert data["rows"][0]["codes"][:3] == ["SW", "W", "H"]
    assert data["rows"][0]["totals"]["start"] == "2025-03-03"
    assert data["days"][6] == {
        "date": "2025-03-09",
        "kind": "travel",
        "reason": "Oaxaca",
        "shoot_days": [],
    }
    sheets = one_liners(hand_problem(), hand_schedule(PLAN))
    listing = oneliner_text(sheets, language="en")
    assert "--- Day 3 of 10 — Wednesday, March 5, 2025 ---" in listing
    assert "=== Day off: strike — Wednesday, March 12, 2025 ===" in listing
    payload = oneliner_json(sheets)
    first = payload["units"][0]["entries"][0]
    assert first["number"] == 1 and first["lines"][0]["scene_id"] == "1"
    assert first["lines"][0]["pages"] == "1" and first["lines"][0]["cast"] == [1, 2]
