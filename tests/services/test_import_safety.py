"""Bad script files through the import service: a clear error naming the file, and the
store exactly as it was, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import SCRIPTS
from hostile_scripts import HOSTILE, Hostile, fifty_megabytes
from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.services import productions, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import Base

BRICK = SCRIPTS / "short" / "brick-and-steel.fountain"


def _import(workspace: Workspace, source: str, data: bytes, files_dir: Path | None = None) -> None:
    with workspace.transaction() as session:
        scripts.import_script(
            session=session,
            production="serie",
            data=data,
            source=source,
            limits=workspace.settings.limits,
            files_dir=files_dir or workspace.settings.files_dir,
        )


def _counts(workspace: Workspace) -> dict[str, int]:
    with workspace.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def stocked(workspace: Workspace) -> Workspace:
    """A production with one episode already imported, so 'unchanged' means something."""
    with workspace.transaction() as session:
        productions.create(session=session, name="serie")
    _import(workspace, str(BRICK), BRICK.read_bytes())
    return workspace


@pytest.mark.parametrize("bad", HOSTILE, ids=lambda bad: bad.name)
def test_a_bad_file_gets_a_clear_error_and_changes_nothing(
    stocked: Workspace, bad: Hostile
) -> None:
    before = _counts(stocked)
    with pytest.raises(bad.error) as caught:
        _import(stocked, f"uploads/{bad.name}", bad.data())
    message = str(caught.value)
    assert message.startswith(f"uploads/{bad.name}") and bad.says in message
    if bad.line is not None:
        assert isinstance(caught.value, ScriptImportError) and caught.value.line == bad.line
    assert _counts(stocked) == before


def test_a_50_mb_file_is_over_the_default_limit(stocked: Workspace) -> None:
    before = _counts(stocked)
    with pytest.raises(LimitExceeded, match=r"huge\.fountain.*MOSAICO_MAX_BYTES"):
        _import(stocked, "huge.fountain", fifty_megabytes())
    assert _counts(stocked) == before


def test_the_size_limit_comes_from_the_settings(stocked: Workspace) -> None:
    tight = replace(stocked.settings.limits, max_bytes=1000)
    with stocked.transaction() as session, pytest.raises(LimitExceeded, match="1,000"):
        scripts.import_script(
            session=session,
            production="serie",
            data=(SCRIPTS / "short" / "printing-trouble.fountain").read_bytes(),
            source="printing-trouble.fountain",
            limits=tight,
            files_dir=stocked.settings.files_dir,
        )


def test_a_failure_after_the_rows_are_written_rolls_all_of_them_back(
    stocked: Workspace, tmp_path: Path
) -> None:
    # The file store fails last, after scenes and characters were flushed.
    not_a_folder = tmp_path / "files"
    not_a_folder.write_bytes(b"")
    before = _counts(stocked)
    data = (SCRIPTS / "short" / "the-last-birthday-card.fountain").read_bytes()
    with pytest.raises(OSError):
        _import(stocked, "the-last-birthday-card.fountain", data, files_dir=not_a_folder)
    assert _counts(stocked) == before


def test_an_unknown_fdx_paragraph_is_read_as_action_with_a_warning(stocked: Workspace) -> None:
    data = (
        b'<?xml version="1.0"?><FinalDraft><Content>'
        b'<Paragraph Type="Scene Heading"><Text>INT. NAVE - NOCHE</Text></Paragraph>'
        b'<Paragraph Type="Hologram"><Text>Un zumbido.</Text></Paragraph>'
        b"</Content></FinalDraft>"
    )
    with stocked.transaction() as session:
        result = scripts.import_script(
            session=session,
            production="serie",
            data=data,
            source="odd.fdx",
            limits=stocked.settings.limits,
            files_dir=stocked.settings.files_dir,
        )
    assert result.scenes == 1
    assert any("Hologram" in warning for warning in result.warnings)
