"""Importing, listing and exporting scripts through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import SCRIPTS
from mosaico.errors import Conflict, InputError, LimitExceeded, NotFound, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.io import ScriptFormat
from mosaico.services import productions, scenes, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import Base

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"


def _import(
    workspace: Workspace, path: Path | None = None, data: bytes | None = None, **kw: object
) -> scripts.ImportResult:
    with workspace.transaction() as session:
        return scripts.import_script(
            session=session,
            production=kw.pop("production", "demo"),  # type: ignore[arg-type]
            data=data if data is not None else (path or BRICK).read_bytes(),
            source=str(path or BRICK),
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            **kw,  # type: ignore[arg-type]
        )


def _counts(workspace: Workspace) -> dict[str, int]:
    with workspace.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    with workspace.transaction() as session:
        productions.create(session=session, name="demo", title="Demo")
    return workspace


def test_import_stores_scenes_with_eighths_and_characters(demo: Workspace) -> None:
    result = _import(demo)
    assert (result.episode, result.scenes, result.format) == (1, 8, ScriptFormat.FOUNTAIN)
    with demo.transaction() as session:
        rows = scenes.list_scenes(session=session, production="demo")
    assert len(rows) == 8
    assert rows[0].int_ext == "EXT" and rows[0].set_name == "BRICK'S PATIO"
    assert rows[0].time_of_day == "DAY"
    assert all(row.eighths.value >= 1 for row in rows)
    assert "STEEL" in {name for row in rows for name in row.speaking}


def test_same_file_twice_stores_nothing_new(demo: Workspace) -> None:
    _import(demo)
    before = _counts(demo)
    again = _import(demo)
    assert again.already_imported
    assert _counts(demo) == before


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", ScriptImportError),
        (b"\x00\x01\x02binary\xff" * 100, ScriptImportError),
        (b"INT. HOUSE - DAY\n\n" + b"x" * 100_000 + b"\n", ScriptImportError),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><FinalDraft>&a;</FinalDraft>',
            InputError,
        ),
    ],
    ids=["empty", "binary", "long-line", "xml-entity"],
)
def test_bad_file_is_refused_and_changes_nothing(
    demo: Workspace, data: bytes, error: type[Exception]
) -> None:
    _import(demo)
    before = _counts(demo)
    with pytest.raises(error) as caught:
        _import(demo, path=Path("bad-file.fountain"), data=data)
    assert "bad-file.fountain" in str(caught.value)
    assert _counts(demo) == before


def test_long_line_error_names_the_line(demo: Workspace) -> None:
    with pytest.raises(ScriptImportError) as caught:
        _import(demo, path=Path("long.fountain"), data=b"INT. HOUSE - DAY\n\n" + b"x" * 100_000)
    assert caught.value.line == 3


def test_file_over_the_size_limit(demo: Workspace) -> None:
    big = b"INT. HOUSE - DAY\n\nAction.\n\n" * (demo.settings.limits.max_bytes // 20)
    with pytest.raises(LimitExceeded):
        _import(demo, path=Path("huge.fountain"), data=big)
    assert _counts(demo)["scenes"] == 0


def test_another_productions_script_is_not_visible(demo: Workspace) -> None:
    with demo.transaction() as session:
        productions.create(session=session, name="other")
    _import(demo)
    with demo.transaction() as session:
        assert scenes.list_scenes(session=session, production="other") == []
        with pytest.raises(NotFound):
            scripts.export_script(
                session=session, production="other", fmt=ScriptFormat.FOUNTAIN, episode=1
            )


def test_production_names_are_unique(demo: Workspace) -> None:
    with demo.transaction() as session, pytest.raises(Conflict):
        productions.create(session=session, name="demo")


def test_export_fountain_reads_back_to_the_same_elements(demo: Workspace) -> None:
    _import(demo)
    with demo.transaction() as session:
        data = scripts.export_script(
            session=session, production="demo", fmt=ScriptFormat.FOUNTAIN, episode=1
        )
    original = fountain.parse(BRICK.read_text(encoding="utf-8"))
    assert fountain.parse(data.decode("utf-8")).elements == original.elements


def test_files_are_kept_by_content_hash(demo: Workspace) -> None:
    _import(demo)
    stored = list(demo.settings.files_dir.rglob("*"))
    names = [path.name for path in stored if path.is_file()]
    assert len(names) == 1 and len(names[0]) == 64
