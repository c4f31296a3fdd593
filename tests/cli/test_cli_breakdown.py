"""What `mosaico breakdown auto|show|scene|elements|tag|merge|link|categories` do for a user."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mosaico.cli.main import build_app

SCRIPT = """INT. COCINA DE LOS MEDINA - NOCHE

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera con un CABALLO.

LUPITA (9)
¿Ya está la cena?

AMPARO (V.O.)
Todavía no.

EXT. MERCADO - DÍA #12A#

LUPITA compra una CANASTA. La CAMIONETA PICKUP ROJA espera afuera.

LUPITA
¿Cuánto es?
"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MOSAICO_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    script = tmp_path / "ep1.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    assert runner.invoke(build_app(), ["production", "create", "somos"]).exit_code == 0
    assert runner.invoke(build_app(), ["import", str(script), "-p", "somos"]).exit_code == 0
    return runner


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(build_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(runner: CliRunner, *args: str) -> Any:
    return json.loads(_ok(runner, *args, "--json"))


def test_auto_then_edit_then_show_prints_the_stored_breakdown(runner: CliRunner) -> None:
    computed = _json(runner, "breakdown", "show", "-p", "somos")
    assert "proposed" in _ok(runner, "breakdown", "auto", "-p", "somos")
    stored = _json(runner, "breakdown", "show", "-p", "somos")
    # The shape: script order, index, number, heading, elements by category key.
    assert [set(scene) for scene in stored] == [{"index", "number", "heading", "elements"}] * 2
    assert [(s["index"], s["number"]) for s in stored] == [(1, None), (2, "12A")]
    assert stored == computed  # nothing decided yet: the store shows what the tagger found
    assert stored[0]["elements"]["background"] == [{"name": "JORNALEROS", "count": 20}]

    scene = _json(runner, "breakdown", "scene", "-p", "somos", "-e", "1", "1")
    by_name = {tag["name"]: tag["id"] for tag in scene["tags"]}
    assert "rejected" in _ok(
        runner, "breakdown", "tag", "reject", "-p", "somos", str(by_name["OLLA"])
    )
    _ok(runner, "breakdown", "tag", "move", "-p", "somos", str(by_name["CABALLO"]), "stunts")
    _ok(
        runner,
        "breakdown",
        "tag",
        "add",
        "-p",
        "somos",
        "-e",
        "1",
        "-s",
        "1",
        "-c",
        "set_dressing",
        "Estufa de leña",
    )
    _ok(runner, "breakdown", "auto", "-p", "somos")  # a re-run keeps all three decisions
    first = _json(runner, "breakdown", "show", "-p", "somos", "-e", "1")[0]["elements"]
    assert "OLLA" not in first.get("props", [])
    assert first["stunts"] == ["CABALLO"] and first["set_dressing"] == ["Estufa de leña"]

    props = _json(runner, "breakdown", "elements", "-p", "somos", "-c", "props")
    assert {item["name"]: item["scenes"] for item in props} == {"OLLA": 0, "CANASTA": 1}


def test_merge_link_and_categories(runner: CliRunner) -> None:
    _ok(runner, "breakdown", "auto", "-p", "somos")
    elements = {e["name"]: e["id"] for e in _json(runner, "breakdown", "elements", "-p", "somos")}
    _ok(
        runner,
        "breakdown",
        "link",
        "-p",
        "somos",
        str(elements["CAMIONETA PICKUP ROJA"]),
        str(elements["OLLA"]),
    )
    second = _json(runner, "breakdown", "show", "-p", "somos")[1]["elements"]
    assert "OLLA" in second["props"]
    out = _ok(
        runner, "breakdown", "merge", "-p", "somos", str(elements["CANASTA"]), str(elements["OLLA"])
    )
    assert "2 scenes" in out
    detail = _json(
        runner,
        "breakdown",
        "element",
        "-p",
        "somos",
        str(elements["CANASTA"]),
        "--notes",
        "de palma",
    )
    assert detail["element"]["notes"] == "de palma" and len(detail["scenes"]) == 2
    assert "OLLA" not in {e["name"] for e in _json(runner, "breakdown", "elements", "-p", "somos")}

    _ok(
        runner,
        "breakdown",
        "categories",
        "add",
        "-p",
        "somos",
        "drones",
        "Drones",
        "--colour",
        "#112233",
    )
    _ok(
        runner,
        "breakdown",
        "categories",
        "set",
        "-p",
        "somos",
        "props",
        "--name-es",
        "Utilería de mano",
    )
    listed = _json(runner, "breakdown", "categories", "-p", "somos")
    assert listed[-1]["key"] == "drones"
    assert next(c for c in listed if c["key"] == "props")["name_es"] == "Utilería de mano"


def test_bad_input_is_one_clear_line_and_changes_nothing(runner: CliRunner) -> None:
    _ok(runner, "breakdown", "auto", "-p", "somos")
    before = _json(runner, "breakdown", "show", "-p", "somos")
    elements = {e["name"]: e["id"] for e in _json(runner, "breakdown", "elements", "-p", "somos")}
    cases = [
        (["tag", "add", "-p", "somos", "-e", "1", "-s", "1", "-c", "dragons", "X"], "category"),
        (["tag", "add", "-p", "somos", "-e", "1", "-s", "9", "-c", "props", "X"], "not found"),
        (["tag", "reject", "-p", "somos", "999999"], "tag 999999 not found"),
        (
            ["merge", "-p", "somos", str(elements["OLLA"]), str(elements["CAMIONETA PICKUP ROJA"])],
            "categor",
        ),
        (["merge", "-p", "somos", str(elements["OLLA"]), "999999"], "element 999999 not found"),
        (["categories", "add", "-p", "somos", "Bad Key", "Bad"], "key"),
        (["auto", "-p", "ghost"], "production 'ghost' not found"),
    ]
    for args, message in cases:
        result = runner.invoke(build_app(), ["breakdown", *args])
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert _json(runner, "breakdown", "show", "-p", "somos") == before
