"""``mosaico schedule dood`` and ``mosaico schedule oneliner`` on a stored version."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "schedule"))
from hand_plan import PLAN, hand_problem, hand_schedule

from mosaico.cli.main import build_app
from mosaico.services import productions
from mosaico.services import schedule as schedules
from mosaico.services.context import open_workspace


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A SQLite store with ``granizo`` (Spanish) holding the hand plan as version 1."""
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    workspace = open_workspace()
    with workspace.transaction() as session:
        productions.create(session=session, name="granizo", title="Granizo", language="es")
        schedules.save_version(
            session, "granizo", hand_problem(), hand_schedule(PLAN), kind="manual"
        )
    workspace.engine.dispose()
    return CliRunner()


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(build_app(), ["schedule", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dood_text_csv_and_json(runner: CliRunner) -> None:
    text = _run(runner, "dood", "-p", "granizo", "--lang", "en")
    assert "1 ROLE A   SW   W   H   W   H HOL  TR  WF" in text
    rows = list(csv.reader(io.StringIO(_run(runner, "dood", "-p", "granizo", "-f", "csv"))))
    assert rows[0][1] == "Nombre" and rows[3][3:5] == ["", ""] and rows[3][5:7] == ["SW", "WF"]
    data = json.loads(_run(runner, "dood", "-p", "granizo", "--version", "1", "-f", "json"))
    assert data["version"] == 1 and [r["id"] for r in data["rows"]] == ["A", "B", "C", "D"]


def test_dood_xlsx_and_pdf_files(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "dood.xlsx"
    _run(runner, "dood", "-p", "granizo", "-f", "xlsx", "-o", str(target))
    sheet = load_workbook(target)["DDD"]
    assert sheet.cell(row=5, column=2).value == "ROLE A"
    # Without --output a binary report goes to a file named after production and version.
    _run(runner, "dood", "-p", "granizo", "-f", "pdf")
    with pdfplumber.open(tmp_path / "granizo-v1-dood.pdf") as pdf:
        assert "ROLE C SW WF" in pdf.pages[0].extract_text()


def test_oneliner_text_and_pdf(runner: CliRunner, tmp_path: Path) -> None:
    text = _run(runner, "oneliner", "-p", "granizo")
    assert "--- Día 1 de 10 — lunes, 3 de marzo de 2025 ---" in text
    assert "=== Día festivo: Benito Juárez's birthday — lunes, 17 de marzo de 2025 ===" in text
    target = tmp_path / "ol.pdf"
    _run(runner, "oneliner", "-p", "granizo", "-f", "pdf", "-o", str(target), "--lang", "en")
    with pdfplumber.open(target) as pdf:
        assert "Day 1 of 10 — Monday, March 3, 2025" in pdf.pages[0].extract_text()


def test_bad_input_is_one_line_and_exit_code_1(runner: CliRunner) -> None:
    app = build_app()
    missing = runner.invoke(app, ["schedule", "dood", "-p", "granizo", "--version", "9"])
    assert missing.exit_code == 1 and "schedule version" in missing.output
    nobody = runner.invoke(app, ["schedule", "oneliner", "-p", "nadie"])
    assert nobody.exit_code == 1 and "nadie" in nobody.output
    lang = runner.invoke(app, ["schedule", "dood", "-p", "granizo", "--lang", "fr"])
    assert lang.exit_code == 1 and "language" in lang.output
    fmt = runner.invoke(app, ["schedule", "oneliner", "-p", "granizo", "-f", "xlsx"])
    assert fmt.exit_code == 2  # not one of the choices
