"""Breakdown sheets and department reports read back from the files a user gets.

PDFs are read with pdfplumber, workbooks with openpyxl, CSV with the csv
module; each is compared with the breakdown the service reads, on both stores.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from mosaico.breakdown.categories import DEFAULT_CATEGORIES, by_key
from mosaico.cli.main import build_app
from mosaico.errors import NotFound, ValidationError
from mosaico.reports.breakdown_department import CSV_COLUMNS
from mosaico.screenplay.names import fold
from mosaico.services import breakdown, breakdown_reports, productions, scripts
from mosaico.services.context import Workspace

SCRIPT = """Title: Prueba

EXT. HUERTA DE LOS MEDINA - AMANECER #1#

ABEL (68) camina entre los árboles con un THERMOS. Dos PERROS le abren camino.

ABEL
Todavía no.

INT. COCINA DE LOS MEDINA - NOCHE #2#

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera.

AMPARO
¿Ya comieron?

ABEL
Todavía no.

EXT. HUERTA DE LOS MEDINA - DÍA #2A#

ABEL sirve café del THERMOS. Los PERROS duermen.

ABEL
Buenos días.
"""
SECOND = """INT. COCINA DE LOS MEDINA - DÍA #1#

ABEL busca el THERMOS.

ABEL
¿Dónde quedó?
"""
NAMES = by_key(DEFAULT_CATEGORIES)


@pytest.fixture
def store(workspace: Workspace) -> Workspace:
    """A Spanish production with two episodes, and an English one with one episode."""
    with workspace.transaction() as session:
        productions.create(session=session, name="granizo", title="Granizo", language="es")
        productions.create(session=session, name="other", title="Other", language="en")
        for production, episode, text in (
            ("granizo", 1, SCRIPT),
            ("granizo", 2, SECOND),
            ("other", 1, SECOND),
        ):
            scripts.import_script(
                session=session,
                production=production,
                data=text.encode(),
                source=f"ep{episode}.fountain",
                limits=workspace.settings.limits,
                files_dir=workspace.settings.files_dir,
                episode=episode,
            )
    return workspace


@contextmanager
def _session(workspace: Workspace) -> Iterator[Session]:
    with workspace.transaction() as session:
        yield session


def _expected(session: Session, episode: int | None = None) -> dict[tuple[int, int], Any]:
    """The breakdown the reports are drawn from, per (episode, scene position)."""
    rows = breakdown.show_rows(session=session, production="granizo", episode=episode)
    return {(row.episode, row.index): row.elements for row in rows}


def _names(entries: list[Any]) -> list[str]:
    return [e["name"] if isinstance(e, dict) else e for e in entries]


def _pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_sheets_pdf_has_one_page_per_scene_with_its_header_and_boxes(store: Workspace) -> None:
    with _session(store) as session:
        data = breakdown_reports.sheet_data(session=session, production="granizo", episode=1)
        pdf = breakdown_reports.render_sheets(data, fmt="pdf")
        expected = _expected(session, 1)
    pages = _pdf_pages(pdf)
    assert len(pages) == 3 == len(data.sheets)
    for page, sheet in zip(pages, data.sheets, strict=True):
        assert "Granizo" in page and "HOJA DE DESGLOSE" in page  # the production's language
        assert sheet.label in page and sheet.scene.set_name in " ".join(page.split())
        elements = expected[(1, sheet.scene.index)]
        for key, entries in elements.items():
            assert NAMES[key].name_es.upper() in page.upper()
            for name in _names(entries):
                assert name in page
    # Script days turn when the clock goes back: dawn and night of day 1, then day 2.
    assert [s.script_day for s in data.sheets] == [1, 1, 2]
    assert "20" in pages[1] and "JORNALEROS" in pages[1]  # the crowd keeps its count


def test_one_scene_by_its_number_in_english_as_html(store: Workspace) -> None:
    with _session(store) as session:
        data = breakdown_reports.sheet_data(
            session=session, production="granizo", episode=1, scene="2a"
        )
        html = breakdown_reports.render_sheets(data, fmt="html", language="en").decode()
    [sheet] = data.sheets
    assert sheet.label == "2A" and sheet.script_day == 2
    assert "Breakdown sheet" in html and "Cast Members" in html and "Props" in html
    assert html.count('class="bd-sheet"') == 1 and "THERMOS" in html
    # The colour of each box is the category's colour.
    for box in sheet.boxes:
        assert f"background: {box.color}" in html


def test_a_scene_number_in_several_episodes_needs_the_episode(store: Workspace) -> None:
    with _session(store) as session:
        with pytest.raises(ValidationError) as error:
            breakdown_reports.sheet_data(session=session, production="granizo", scene="1")
        assert error.value.field == "scene"
        with pytest.raises(NotFound):
            breakdown_reports.sheet_data(session=session, production="granizo", scene="99")
        with pytest.raises(NotFound):
            breakdown_reports.sheet_data(session=session, production="granizo", episode=7)
        with pytest.raises(NotFound):
            breakdown_reports.sheet_data(session=session, production="nobody")
        data = breakdown_reports.sheet_data(session=session, production="granizo", scene="2")
        assert [s.label for s in data.sheets] == ["2"]
        with pytest.raises(ValidationError) as error:
            breakdown_reports.render_sheets(data, fmt="docx")
        assert error.value.field == "format"
        with pytest.raises(ValidationError) as error:
            breakdown_reports.render_sheets(data, fmt="pdf", paper="legal")
        assert error.value.field == "paper"


def _element_scenes(
    expected: dict[tuple[int, int], Any], numbers: dict[tuple[int, int], str]
) -> dict[tuple[str, str], list[str]]:
    """(category, folded name) -> ["episode-scene", ...] from the breakdown itself."""
    found: dict[tuple[str, str], list[str]] = {}
    for where in sorted(expected):
        for key, entries in expected[where].items():
            for name in _names(entries):
                found.setdefault((key, fold(name)), []).append(f"{where[0]}-{numbers[where]}")
    return found


def test_department_csv_lists_every_element_with_its_scenes(store: Workspace) -> None:
    with _session(store) as session:
        report = breakdown_reports.report_data(session=session, production="granizo")
        text = breakdown_reports.render_report(report, fmt="csv").decode()
        expected = _expected(session)
        numbers = {
            (s.scene.episode, s.scene.index): s.label
            for s in breakdown_reports.sheet_data(session=session, production="granizo").sheets
        }
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    got = {(row["category"], fold(row["element"])): row["scenes"].split() for row in rows}
    assert got == _element_scenes(expected, numbers)
    thermos = next(row for row in rows if row["element"] == "THERMOS")
    # Across episodes: scenes 1 and 2A of episode 1 and scene 1 of episode 2.
    assert (thermos["scenes"], thermos["episodes"], thermos["scene_count"]) == (
        "1-1 1-2A 2-1",
        "1 2",
        "3",
    )
    assert thermos["category_name"] == "Utilería"
    crowd = next(row for row in rows if row["category"] == "background")
    assert crowd["count"] == "20"
    for row in rows:
        assert int(row["scene_count"]) == len(row["scenes"].split())


def test_department_xlsx_has_one_sheet_per_department(store: Workspace) -> None:
    with _session(store) as session:
        report = breakdown_reports.report_data(session=session, production="granizo")
        book = load_workbook(
            io.BytesIO(breakdown_reports.render_report(report, fmt="xlsx", language="en"))
        )
    assert book.sheetnames == [d.name for d in report.departments]
    for dept in report.departments:
        sheet = book[dept.name]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == (
            "Element",
            "Scenes",
            "Episodes",
            "In scenes (episode-scene)",
            "Count",
            "Notes",
        )
        assert [r[0] for r in rows[1:]] == [e.name for e in dept.elements]
        assert [r[1] for r in rows[1:]] == [len(e.scenes) for e in dept.elements]
        fill = sheet.cell(row=1, column=1).fill.fgColor.rgb
        assert str(fill).endswith(dept.color.lstrip("#").upper())


def test_department_pdf_of_one_category_and_one_episode(store: Workspace) -> None:
    with _session(store) as session:
        report = breakdown_reports.report_data(
            session=session, production="granizo", category="props", episode=1
        )
        pages = _pdf_pages(breakdown_reports.render_report(report, fmt="pdf"))
    text = " ".join(pages)
    assert [d.key for d in report.departments] == ["props"]
    assert "Utilería".upper() in text.upper() and "THERMOS" in text and "OLLA" in text
    assert "1-1, 1-2A" in text
    assert "ABEL" not in text  # cast is another department


def test_an_unknown_category_or_format_is_refused(store: Workspace) -> None:
    with _session(store) as session:
        with pytest.raises(ValidationError) as error:
            breakdown_reports.report_data(session=session, production="granizo", category="dragons")
        assert error.value.field == "category" and "props" in str(error.value)
        report = breakdown_reports.report_data(session=session, production="granizo")
        with pytest.raises(ValidationError) as error:
            breakdown_reports.render_report(report, fmt="ods")
        assert error.value.field == "format"
        with pytest.raises(ValidationError) as error:
            breakdown_reports.render_report(report, fmt="csv", language="fr")
        assert error.value.field == "language"


def test_another_production_sees_only_its_own_scenes(store: Workspace) -> None:
    with _session(store) as session:
        data = breakdown_reports.sheet_data(session=session, production="other")
        report = breakdown_reports.report_data(session=session, production="other")
    assert [(s.scene.episode, s.label) for s in data.sheets] == [(1, "1")]
    assert all(ref.episode == 1 for d in report.departments for e in d.elements for ref in e.scenes)
    # English production: its reports default to English.
    html = breakdown_reports.render_sheets(data, fmt="html").decode()
    assert "Breakdown sheet" in html


def test_sheets_follow_the_stored_breakdown_and_the_production_colours(store: Workspace) -> None:
    with _session(store) as session:
        breakdown.run_auto(session=session, production="granizo")
        detail = breakdown.scene_breakdown(
            session=session, production="granizo", episode=1, index=2
        )
        olla = next(tag for tag in detail.tags if tag.name == "OLLA")
        breakdown.set_tag_status(
            session=session,
            production="granizo",
            tag_id=olla.id,
            status="rejected",
            version=olla.version,
        )
        breakdown.add_tag(
            session=session,
            production="granizo",
            scene_id=detail.scene_id,
            category="props",
            name="Estufa",
        )
        breakdown.update_category(
            session=session, production="granizo", key="props", colour="#123456"
        )
    with _session(store) as session:
        thermos = next(
            e
            for e in breakdown.list_elements(session=session, production="granizo")
            if e.name == "THERMOS"
        )
        breakdown.update_element(
            session=session,
            production="granizo",
            element_id=thermos.id,
            version=thermos.version,
            notes="Termo verde, abollado.",
        )
    with _session(store) as session:
        data = breakdown_reports.sheet_data(
            session=session, production="granizo", episode=1, scene="2"
        )
        report = breakdown_reports.report_data(
            session=session, production="granizo", category="props"
        )
    [sheet] = data.sheets
    props = next(box for box in sheet.boxes if box.key == "props")
    # The rejected tag is gone, the user's tag is there, in the production's colour.
    assert [item.name for item in props.items] == ["Estufa"]
    assert props.color == "#123456" and props.ink == "#FFFFFF"
    names = {e.name: [r.label for r in e.scenes] for e in report.departments[0].elements}
    assert "OLLA" not in names and names["Estufa"] == ["1-2"]
    # The department's notes on an element travel with it into the report.
    listed = {e.name: e.notes for e in report.departments[0].elements}
    assert listed["THERMOS"] == "Termo verde, abollado."
    rows = list(
        csv.DictReader(io.StringIO(breakdown_reports.render_report(report, fmt="csv").decode()))
    )
    assert {row["element"]: row["notes"] for row in rows}["THERMOS"] == "Termo verde, abollado."


def test_the_commands_write_sheets_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    app = build_app()
    script = tmp_path / "ep1.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    create = ["production", "create", "granizo", "--title", "Granizo", "--language", "es"]
    assert runner.invoke(app, create).exit_code == 0
    assert runner.invoke(app, ["import", str(script), "-p", "granizo"]).exit_code == 0

    done = runner.invoke(app, ["breakdown", "sheets", "-p", "granizo", "-e", "1", "--scene", "2a"])
    assert done.exit_code == 0, done.output
    written = tmp_path / "granizo-breakdown-sheets-ep1-sc2a.pdf"
    [page] = _pdf_pages(written.read_bytes())
    assert "2A" in page and "THERMOS" in page

    out = tmp_path / "props.csv"
    args = ["breakdown", "report", "-p", "granizo", "-c", "props", "-f", "csv", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {row["element"] for row in rows} == {"THERMOS", "OLLA"}
    assert {row["category"] for row in rows} == {"props"}

    refused = runner.invoke(app, ["breakdown", "report", "-p", "granizo", "-f", "ods"])
    assert refused.exit_code == 1 and "format" in refused.output
    assert not (tmp_path / "granizo-breakdown-departments.ods").exists()
    missing = runner.invoke(app, ["breakdown", "sheets", "-p", "granizo", "--scene", "99"])
    assert missing.exit_code == 1 and "99" in missing.output
