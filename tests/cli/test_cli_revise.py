"""``mosaico revise``, ``mosaico revision …`` and ``mosaico script …`` as a user types them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import SCRIPTS
from mosaico.cli.main import build_app
from mosaico.screenplay.io import ScriptFormat, read_script, write_script
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Element, ElementType
from mosaico.screenplay.scenes import split_scenes

CARD = SCRIPTS / "short" / "the-last-birthday-card.fountain"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(build_app(), list(args))
    return result.exit_code, result.output


def _draft(tmp_path: Path) -> Path:
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
    path = tmp_path / "draft-2.fountain"
    path.write_bytes(write_script(replace(script, elements=tuple(out)), ScriptFormat.FOUNTAIN))
    return path


def test_lock_revise_show_pages_and_restore(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "production", "create", "demo")[0] == 0
    assert invoke(runner, "import", str(CARD), "-p", "demo", "-e", "1")[0] == 0
    code, out = invoke(runner, "script", "lock", "-p", "demo", "-e", "1")
    assert code == 0 and "numbering locked (12A)" in out

    draft = _draft(tmp_path)
    code, out = invoke(runner, "revise", str(draft), "-p", "demo", "-e", "1", "--dry-run")
    assert code == 0, out
    assert "nothing stored" in out and "1 added" in out and "1 omitted" in out
    code, out = invoke(runner, "revision", "list", "-p", "demo", "-e", "1", "--json")
    assert json.loads(out) == []

    code, out = invoke(
        runner, "revise", str(draft), "-p", "demo", "-e", "1", "--date", "2024-05-03", "--diff"
    )
    assert code == 0, out
    assert "revision 1 of episode 1 (Blue)" in out
    assert "+ Zebras painted on the garage door." in out
    code, out = invoke(runner, "scenes", "-p", "demo", "-e", "1", "--json")
    numbers = [row["number"] for row in json.loads(out)]
    assert numbers[:7] == ["1", "2", "3", "4", "5", "5A", "6"]

    code, out = invoke(runner, "revision", "show", "-p", "demo", "-e", "1", "--json")
    shown = json.loads(out)
    assert shown["colour"] == "Blue" and shown["revision_date"] == "2024-05-03"
    assert [c["kind"] for c in shown["changes"]].count("added") == 1

    pdf = tmp_path / "revised.pdf"
    code, out = invoke(runner, "revision", "pages", "-p", "demo", "-e", "1", "-o", str(pdf))
    assert code == 0, out
    assert pdf.read_bytes().startswith(b"%PDF")
    # The same revised pages through export.
    same = tmp_path / "export.pdf"
    args = ("export", "-p", "demo", "-e", "1", "-f", "pdf", "--revised-only", "-o", str(same))
    code, out = invoke(runner, *args)
    assert code == 0, out
    assert same.read_bytes().startswith(b"%PDF")
    with pdfplumber.open(same) as exported, pdfplumber.open(pdf) as pages:
        assert len(exported.pages) == len(pages.pages)
    code, out = invoke(runner, "export", "-p", "demo", "-f", "pdf", "--revised-only", "-o", "x")
    assert code == 1 and "--revised-only" in out

    code, out = invoke(runner, "script", "restore", "3", "-p", "demo", "-e", "1")
    assert code == 0 and "restored scene 3" in out and "0 omitted" in out
    code, out = invoke(runner, "revision", "strips", "-p", "demo", "-e", "1", "--json")
    assert code == 0
    assert "1-5A" in {strip["key"] for strip in json.loads(out)}


def test_impact_names_the_shooting_days_to_recheck(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "production", "create", "demo")[0] == 0
    assert invoke(runner, "import", str(CARD), "-p", "demo", "-e", "1")[0] == 0
    assert invoke(runner, "script", "lock", "-p", "demo", "-e", "1")[0] == 0
    code, out = invoke(runner, "schedule", "solve", "-p", "demo", "--time-limit", "3", "--json")
    assert code == 0, out
    solved = json.loads(out)
    assert invoke(runner, "revise", str(_draft(tmp_path)), "-p", "demo", "-e", "1")[0] == 0
    code, out = invoke(runner, "revision", "impact", "-p", "demo", "-e", "1", "--json")
    assert code == 0, out
    impact = json.loads(out)
    assert impact["unscheduled"] == ["1-5A"]
    # Scene 3 was cut: the day that shoots it is to be re-checked.
    day_of_3 = next(day["number"] for day in solved["days"] if "1-3" in day["strips"])
    assert any(day["number"] == day_of_3 and "1-3" in day["strips"] for day in impact["days"])
    code, out = invoke(runner, "revision", "impact", "-p", "demo", "-e", "1")
    assert code == 0 and "days to re-check" in out and "1-5A" in out


def test_bad_input_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "production", "create", "demo")[0] == 0
    assert invoke(runner, "import", str(CARD), "-p", "demo", "-e", "1")[0] == 0
    broken = tmp_path / "broken.fdx"
    broken.write_bytes(b'<?xml version="1.0"?><FinalDraft><Content><Paragraph')
    code, out = invoke(runner, "revise", str(broken), "-p", "demo", "-e", "1")
    assert code == 1 and "error:" in out and "broken.fdx" in out
    code, out = invoke(runner, "revise", str(_draft(tmp_path)), "-p", "demo", "-e", "4")
    assert code == 1 and "episode 4 not found" in out
    code, out = invoke(runner, "script", "lock", "-p", "demo", "-e", "1", "--style", "Z9")
    assert code == 1 and "not a numbering style" in out
    assert invoke(runner, "script", "lock", "-p", "demo", "-e", "1")[0] == 0
    code, out = invoke(runner, "script", "restore", "2", "-p", "demo", "-e", "1")
    assert code == 1 and "scene 2 of episode 1 is not omitted" in out
    code, out = invoke(runner, "revision", "list", "-p", "demo", "-e", "1", "--json")
    assert json.loads(out) == []
