"""Loading the reference production into the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from mosaico.cli.main import build_app
from mosaico.demo.reference import load_reference
from mosaico.errors import Conflict
from mosaico.screenplay.names import character_key
from mosaico.services import productions
from mosaico.services.context import Workspace
from mosaico.services.reference import load_reference_production
from mosaico.store.tables import Character, Episode, Production


def test_load_creates_the_production_episodes_and_roles(workspace: Workspace) -> None:
    facts = load_reference()
    with workspace.transaction() as session:
        result = load_reference_production(session=session)
    assert result.created
    assert result.production.title == facts.title == "Somos."
    assert result.production.episodes == 6 and result.episodes_added == 6
    assert (result.non_professional, result.professional) == (31, 27)
    with workspace.transaction() as session:
        production = session.scalars(select(Production)).one()
        assert production.timezone == "America/Monterrey"
        numbers = session.scalars(select(Episode.number).order_by(Episode.number)).all()
        assert numbers == [1, 2, 3, 4, 5, 6]
        characters = {c.key: c.name for c in session.scalars(select(Character))}
    assert len(characters) == len(facts.cast) == result.characters_added
    for credit in facts.cast:
        assert characters[character_key(credit.character)] == credit.character.upper()
    assert characters[character_key("doña chayo")] == "DOÑA CHAYO"


def test_loading_twice_adds_nothing(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        load_reference_production(session=session)
    with workspace.transaction() as session:
        again = load_reference_production(session=session)
    assert not again.created
    assert (again.episodes_added, again.characters_added) == (0, 0)
    with workspace.transaction() as session:
        assert len(session.scalars(select(Character)).all()) == 58
        assert len(session.scalars(select(Production)).all()) == 1


def test_a_different_production_with_that_name_is_a_conflict(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="somos", title="Otra cosa")
    with pytest.raises(Conflict, match="somos"), workspace.transaction() as session:
        load_reference_production(session=session)
    with workspace.transaction() as session:
        assert session.scalars(select(Character)).all() == []


def test_cli_load_reference_under_another_name(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOSAICO_DATABASE_URL", workspace.settings.database_url)
    monkeypatch.setenv("MOSAICO_DATA_DIR", str(workspace.settings.data_dir))
    result = CliRunner().invoke(build_app(), ["production", "load-reference", "--name", "ref"])
    assert result.exit_code == 0, result.output
    assert "Somos." in result.output and "31 non-professional" in result.output
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name="ref")
    assert info.episodes == 6
