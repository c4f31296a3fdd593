"""Final Draft TagData: the stored breakdown goes out in an FDX and comes back in as tags."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mosaico.errors import ValidationError
from mosaico.screenplay.io import ScriptFormat
from mosaico.services import breakdown, productions, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import BreakdownCategory, ScriptVersion, Tag

SCRIPT = """INT. COCINA DE LOS MEDINA - NOCHE

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera con un CABALLO.

LUPITA (9)
¿Ya está la cena?

EXT. MERCADO - DÍA

LUPITA compra una CANASTA. La CAMIONETA PICKUP ROJA espera afuera.
"""


def _import(workspace: Workspace, production: str, data: bytes, name: str) -> scripts.ImportResult:
    with workspace.transaction() as session:
        return scripts.import_script(
            session=session,
            production=production,
            data=data,
            source=name,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
        )


@pytest.fixture
def exported(workspace: Workspace) -> bytes:
    """An FDX of a production whose breakdown a person went over."""
    with workspace.transaction() as session:
        for name in ("origen", "copia", "otra"):
            productions.create(session=session, name=name)
    _import(workspace, "origen", SCRIPT.encode(), "ep1.fountain")
    with workspace.transaction() as session:
        breakdown.run_auto(session=session, production="origen")
        scene = breakdown.scene_breakdown(session=session, production="origen", episode=1, index=1)
        olla = next(tag for tag in scene.tags if tag.name == "OLLA")
        breakdown.set_tag_status(
            session=session,
            production="origen",
            tag_id=olla.id,
            status="rejected",
            version=olla.version,
        )
        action = olla.source_element or 0
        breakdown.add_tag(
            session=session,
            production="origen",
            scene_id=scene.scene_id,
            category="set_dressing",
            name="estufa",
            source=(
                action,
                SCRIPT.index("estufa") - SCRIPT.index("DOÑA"),
                SCRIPT.index("estufa") - SCRIPT.index("DOÑA") + 6,
            ),
        )
        return scripts.export_script(session=session, production="origen", fmt=ScriptFormat.FDX)


def test_the_stored_breakdown_goes_out_as_tag_data(exported: bytes) -> None:
    text = exported.decode()
    assert "<TagData>" in text
    assert 'Label="CABALLO"' in text and 'Label="estufa"' in text and 'Label="DOÑA AMPARO"' in text
    assert 'Label="OLLA"' not in text  # rejected
    assert 'Name="Set Dressing"' in text and 'Name="Animals"' in text


def test_tags_from_final_draft_arrive_accepted(workspace: Workspace, exported: bytes) -> None:
    result = _import(workspace, "copia", exported, "ep1.fdx")
    assert not [w for w in result.warnings if "tag category" in w]
    with workspace.transaction() as session:
        origin = breakdown.breakdown_rows(session=session, production="origen")
        copy = breakdown.breakdown_rows(session=session, production="copia")
        detail = breakdown.scene_breakdown(session=session, production="copia", episode=1, index=1)
    assert {(t.origin, t.status) for t in detail.tags} == {("fdx", "accepted")}
    assert {t.source_text for t in detail.tags} >= {"CABALLO", "estufa", "OLLA"} - {"OLLA"}

    def names(rows: list[breakdown.SceneElements]) -> list[dict[str, list[str]]]:
        return [
            {
                k: sorted(i["name"] if isinstance(i, dict) else i for i in v)
                for k, v in r.elements.items()
            }
            for r in rows
        ]

    assert names(copy) == names(origin)
    assert copy[0].elements["background"] == [{"name": "JORNALEROS", "count": 20}]
    # A tagger run afterwards keeps the file's tags and proposes only what they left open
    # (the file does not say OLLA was rejected).
    with workspace.transaction() as session:
        breakdown.run_auto(session=session, production="copia")
        again = breakdown.scene_breakdown(session=session, production="copia", episode=1, index=1)
    found = {(t.name, t.origin, t.status) for t in again.tags}
    assert ("CABALLO", "fdx", "accepted") in found and ("OLLA", "auto", "proposed") in found
    assert len([t for t in again.tags if t.name == "CABALLO"]) == 1


def test_an_unknown_category_becomes_the_productions_own(
    workspace: Workspace, exported: bytes
) -> None:
    data = exported.replace(b'Name="Set Dressing"', b'Name="Ambientaci\xc3\xb3n de \xc3\xa9poca"')
    result = _import(workspace, "copia", data, "ep1.fdx")
    assert any("ambientacion_de_epoca" in w for w in result.warnings)
    with workspace.transaction() as session:
        categories = {
            c.key: c for c in breakdown.list_categories(session=session, production="copia")
        }
        rows = breakdown.breakdown_rows(session=session, production="copia")
        others = {c.key for c in breakdown.list_categories(session=session, production="otra")}
    assert categories["ambientacion_de_epoca"].name_en == "Ambientación de época"
    assert rows[0].elements["ambientacion_de_epoca"] == ["estufa"]
    assert "ambientacion_de_epoca" not in others


def test_an_unusable_category_refuses_the_whole_file(workspace: Workspace, exported: bytes) -> None:
    data = exported.replace(b'Name="Set Dressing"', b'Name="' + b"X" * 120 + b'"')
    with pytest.raises(ValidationError, match="TagCategory"):
        _import(workspace, "copia", data, "ep1.fdx")
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name="copia")
        stored = [
            session.scalar(
                select(func.count()).select_from(table).where(table.production_id == info.id)
            )
            for table in (ScriptVersion, Tag, BreakdownCategory)
        ]
    assert stored == [0, 0, 0]
