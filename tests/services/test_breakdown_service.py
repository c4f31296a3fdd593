"""The automatic breakdown over stored scripts: CLI, API and service agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from mosaico.cli.main import build_app
from mosaico.errors import NotFound
from mosaico.services import breakdown, productions, scripts
from mosaico.services.context import Workspace
from mosaico.web.app import create_app

SCENE = """INT. COCINA DE LOS MEDINA - NOCHE

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera con un CABALLO.

LUPITA (9)
¿Ya está la cena?

AMPARO (V.O.)
Todavía no.
"""


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    with workspace.transaction() as session:
        productions.create(session=session, name="demo")
        scripts.import_script(
            session=session,
            production="demo",
            data=SCENE.encode(),
            source="ep1.fountain",
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
        )
    return workspace


def test_a_scene_gets_cast_background_props_animals_and_linked_elements(demo: Workspace) -> None:
    with demo.transaction() as session:
        [row] = breakdown.auto_breakdown(session=session, production="demo")
    elements = row.elements
    assert row.heading == "INT. COCINA DE LOS MEDINA - NOCHE"
    assert {"LUPITA"} <= set(elements["cast"])
    assert len([name for name in elements["cast"] if "AMPARO" in name]) == 1  # DOÑA AMPARO = AMPARO
    assert elements["background"] == [{"name": "JORNALEROS", "count": 20}]
    assert "OLLA" in elements["props"] and "CABALLO" in elements["animals"]
    assert elements["animal_wrangler"]  # the horse brings its wrangler


def test_api_and_cli_show_the_same_breakdown(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(demo.settings)
    with TestClient(app) as client:
        api = client.get("/api/productions/demo/breakdown", params={"episode": 1}).json()
        assert client.get("/api/productions/ghost/breakdown").status_code == 404
    app.state.workspace.engine.dispose()
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(demo.settings.data_dir))
    monkeypatch.setenv("MOSAICO_DATABASE_URL", demo.settings.database_url)
    result = CliRunner().invoke(build_app(), ["breakdown", "show", "-p", "demo", "--json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.output)
    assert [scene["elements"] for scene in cli] == [scene["elements"] for scene in api]
    assert cli[0]["index"] == 1 and cli[0]["heading"].startswith("INT. COCINA")


def test_unknown_production_is_not_found(demo: Workspace, tmp_path: Path) -> None:
    with demo.transaction() as session, pytest.raises(NotFound):
        breakdown.auto_breakdown(session=session, production="ghost")
