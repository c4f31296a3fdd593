"""Scenes and script versions through the services: scoping, revisions, FDX facts kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCRIPTS
from mosaico.errors import NotFound, ValidationError
from mosaico.screenplay import fdx
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.io import ScriptFormat, read_script
from mosaico.screenplay.model import Element, ElementType, Screenplay, Tag, TagCategory
from mosaico.services import productions, scenes, scripts
from mosaico.services.context import Workspace

SHORT = SCRIPTS / "short"
FD_FILE = SCRIPTS / "fdx-real" / "screenplay-tools-TestFDX-FD.fdx"


def _import(
    workspace: Workspace, production: str, data: bytes, source: str, **kw: object
) -> scripts.ImportResult:
    with workspace.transaction() as session:
        return scripts.import_script(
            session=session,
            production=production,
            data=data,
            source=source,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            **kw,  # type: ignore[arg-type]
        )


def _file(workspace: Workspace, production: str, path: Path, **kw: object) -> scripts.ImportResult:
    return _import(workspace, production, path.read_bytes(), str(path), **kw)


@pytest.fixture
def two(workspace: Workspace) -> tuple[Workspace, int, int]:
    """Productions A and B, each with one imported episode."""
    with workspace.transaction() as session:
        a = productions.create(session=session, name="a").id
        b = productions.create(session=session, name="b").id
    _file(workspace, "a", SHORT / "brick-and-steel.fountain")
    _file(workspace, "b", SHORT / "printing-trouble.fountain")
    return workspace, a, b


def test_a_scene_is_found_by_id_within_its_production(two: tuple[Workspace, int, int]) -> None:
    workspace, a, _ = two
    with workspace.transaction() as session:
        listed = scenes.list_scenes(session=session, production="a")
        one = scenes.get_or_raise(session=session, production_id=a, scene_id=listed[2].id)
    assert one == listed[2]


def test_another_productions_scene_is_not_found(two: tuple[Workspace, int, int]) -> None:
    workspace, a, b = two
    with workspace.transaction() as session:
        theirs = scenes.list_scenes(session=session, production="b")[0]
        assert scenes.get(session=session, production_id=a, scene_id=theirs.id) is None
        with pytest.raises(NotFound):
            scenes.get_or_raise(session=session, production_id=a, scene_id=theirs.id)
        assert scenes.get(session=session, production_id=b, scene_id=theirs.id) == theirs


def test_characters_are_matched_without_accents_or_case(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="somos")
    text = (
        "INT. CASA - DÍA\n\nÉRIKA\nHola.\n\nINT. PATIO - NOCHE\n\nERIKA (V.O.)\nAdiós.\n\n"
        "EXT. CALLE - DÍA\n\nDOÑA CHAYO (60s) barre. Erika la mira.\n"
    )
    _import(workspace, "somos", text.encode(), "ep1.fountain")
    with workspace.transaction() as session:
        rows = scenes.list_scenes(session=session, production="somos")
        assert scripts.count_characters(session=session, production="somos") == 2
    assert [row.speaking for row in rows] == [("ÉRIKA",), ("ÉRIKA",), ()]
    assert rows[2].silent == ("DOÑA CHAYO",)
    assert [(r.int_ext, r.set_name, r.time_of_day) for r in rows][2] == ("EXT", "CALLE", "DAY")


def test_the_same_file_into_the_same_episode_is_stored_once(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="p")
    first = _file(workspace, "p", SHORT / "brick-and-steel.fountain", episode=3)
    again = _file(workspace, "p", SHORT / "brick-and-steel.fountain", episode=3)
    assert (first.already_imported, again.already_imported) == (False, True)
    assert (again.episode, again.scenes) == (3, first.scenes)
    with workspace.transaction() as session:
        assert [e.number for e in scripts.list_episodes(session=session, production="p")] == [3]


def test_a_new_revision_replaces_the_episodes_current_scenes(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="p")
    _import(workspace, "p", b"INT. CASA - DIA\n\nUno.\n", "white.fountain", episode=1)
    blue = b"INT. CASA - DIA\n\nUno.\n\nEXT. CALLE - NOCHE\n\nDos.\n"
    result = _import(workspace, "p", blue, "blue.fountain", episode=1, colour="Blue")
    assert not result.already_imported
    with workspace.transaction() as session:
        rows = scenes.list_scenes(session=session, production="p", episode=1)
        (episode,) = scripts.list_episodes(session=session, production="p")
    assert [row.set_name for row in rows] == ["CASA", "CALLE"]
    assert (episode.colour, episode.source_name) == ("Blue", "blue.fountain")


def test_a_revision_colour_outside_the_trades_order_is_refused(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="p")
    with pytest.raises(ValidationError, match="colour"):
        _file(workspace, "p", SHORT / "brick-and-steel.fountain", colour="Purple")


def test_final_drafts_own_length_is_kept_beside_ours(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="p")
    result = _file(workspace, "p", FD_FILE)
    assert result.format is ScriptFormat.FDX
    with workspace.transaction() as session:
        rows = scenes.list_scenes(session=session, production="p")
    assert [row.imported_eighths for row in rows] == [Eighths(3), Eighths(2)]
    assert all(row.eighths.value >= 1 for row in rows)


def test_tags_that_came_with_an_fdx_go_back_out_with_it(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="p")
    tagged = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. TALLER - DÍA"),
            Element(ElementType.ACTION, "ÉRIKA guarda la PISTOLA en el cajón."),
        ),
        tag_categories=(TagCategory("Props", "#9933CC"),),
        tags=(Tag("Props", "PISTOLA", 1, 21, 28),),
    )
    _import(workspace, "p", fdx.write_fdx(tagged), "tagged.fdx")
    with workspace.transaction() as session:
        out = scripts.export_script(session=session, production="p", fmt=ScriptFormat.FDX)
    back = read_script(out, "out.fdx")
    assert [(t.category, t.name, t.element) for t in back.tags] == [("Props", "PISTOLA", 1)]
    assert [c.name for c in back.tag_categories] == ["Props"]


def test_every_export_format_from_the_store(two: tuple[Workspace, int, int]) -> None:
    workspace, _, _ = two
    with workspace.transaction() as session:
        made = {
            fmt: scripts.export_script(session=session, production="a", fmt=fmt, episode=1)
            for fmt in ScriptFormat
        }
    assert made[ScriptFormat.PDF].startswith(b"%PDF-")
    assert b"<FinalDraft" in made[ScriptFormat.FDX][:200]
    assert b"BRICK'S PATIO" in made[ScriptFormat.FOUNTAIN]
    stored = json.loads(made[ScriptFormat.JSON])
    assert stored["elements"][0]["kind"] == "scene_heading"
    headings = [e for e in read_script(made[ScriptFormat.FDX], "a.fdx").elements]
    original = read_script(made[ScriptFormat.FOUNTAIN], "a.fountain").elements
    assert [e.text for e in headings if e.kind is ElementType.SCENE_HEADING] == [
        e.text for e in original if e.kind is ElementType.SCENE_HEADING
    ]


def test_exporting_an_episode_with_no_script_is_not_found(two: tuple[Workspace, int, int]) -> None:
    workspace, _, _ = two
    with workspace.transaction() as session, pytest.raises(NotFound):
        scripts.export_script(session=session, production="a", fmt=ScriptFormat.FDX, episode=9)
