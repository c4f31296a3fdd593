"""The store on SQLite and PostgreSQL: migrations, versions, conflicts, time zones, scoping."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import StatementError

from conftest import PG_ADMIN_URL, _postgres_reachable, require
from mosaico.errors import Conflict
from mosaico.services.context import Workspace
from mosaico.store import db
from mosaico.store.tables import Base, Character, Episode, Production


def _production(workspace: Workspace, name: str = "somos") -> int:
    with workspace.transaction() as session:
        production = Production(name=name, title=name.title(), language="es")
        session.add(production)
        session.flush()
        return production.id


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    """A database with nothing in it, for tests that migrate step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/empty.sqlite3"
        return
    require(_postgres_reachable(), "PostgreSQL at 127.0.0.1:5432")
    name = f"mosaico_mig_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_build_exactly_the_declared_tables(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrating_again_changes_nothing(workspace: Workspace) -> None:
    _production(workspace)
    db.migrate(workspace.engine)
    with workspace.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Production)) == 1


def test_upgrade_from_the_first_revision_keeps_rows_and_fills_the_slug(empty_url: str) -> None:
    engine = db.make_engine(empty_url)
    try:
        db.migrate(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO productions (name, title, language, timezone, created_at, version)"
                    " VALUES ('somos', 'Somos.', 'es', 'America/Mexico_City', :now, 1)"
                ),
                {"now": datetime.now(UTC)},
            )
        db.migrate(engine)
        with engine.connect() as connection:
            row = connection.execute(text("SELECT name, slug FROM productions")).one()
            assert tuple(row) == ("somos", "somos")
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_every_row_but_a_production_belongs_to_one() -> None:
    for table in Base.metadata.sorted_tables:
        if table.name != "productions":
            assert "production_id" in table.c, table.name
            assert not table.c.production_id.nullable, table.name


def test_every_editable_table_checks_its_version_on_update() -> None:
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if table.name == "scene_characters":  # a link row: replaced, never edited
            continue
        assert mapper.version_id_col is not None, table.name
        assert mapper.version_id_col.name == "version"


def test_foreign_keys_are_indexed(workspace: Workspace) -> None:
    inspector = inspect(workspace.engine)
    for table in Base.metadata.sorted_tables:
        indexed = {tuple(index["column_names"]) for index in inspector.get_indexes(table.name)}
        leading = {columns[:1] for columns in indexed}
        pk = inspector.get_pk_constraint(table.name)["constrained_columns"]
        for key in inspector.get_foreign_keys(table.name):
            column = tuple(key["constrained_columns"])
            assert column in leading or list(column) == pk[:1], (table.name, column)


def test_a_stale_update_is_a_conflict_not_an_overwrite(workspace: Workspace) -> None:
    production_id = _production(workspace)
    with pytest.raises(Conflict), workspace.transaction() as mine:
        stored = mine.get_one(Production, production_id)  # read at version 1
        with workspace.transaction() as theirs:
            theirs.get_one(Production, production_id).title = "Their title"
        stored.title = "My title"
    with workspace.transaction() as session:
        stored = session.get_one(Production, production_id)
        assert (stored.title, stored.version) == ("Their title", 2)


def test_a_clash_with_a_unique_rule_is_a_conflict(workspace: Workspace) -> None:
    production_id = _production(workspace)
    with pytest.raises(Conflict), workspace.transaction() as session:
        session.add(Character(production_id=production_id, name="ÉRIKA", key="erika"))
        session.add(Character(production_id=production_id, name="Erika", key="erika"))
    with workspace.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Character)) == 0


def test_an_error_rolls_back_the_whole_unit_of_work(workspace: Workspace) -> None:
    production_id = _production(workspace)
    with pytest.raises(RuntimeError), workspace.transaction() as session:
        session.add(Episode(production_id=production_id, number=1, title="Uno"))
        session.flush()
        raise RuntimeError("half way")
    with workspace.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Episode)) == 0


def test_timestamps_come_back_aware_in_utc(workspace: Workspace) -> None:
    production_id = _production(workspace)
    with workspace.transaction() as session:
        stored = session.get_one(Production, production_id)
        created = stored.created_at
        later = datetime(2021, 3, 16, 9, 0, tzinfo=timezone(timedelta(hours=-6)))
        stored.created_at = later
    assert created.tzinfo is not None
    assert abs(datetime.now(UTC) - created) < timedelta(hours=1)
    with workspace.transaction() as session:
        again = session.get_one(Production, production_id).created_at
    assert again == later and again.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused(workspace: Workspace) -> None:
    production_id = _production(workspace)
    with pytest.raises(StatementError, match="naive"), workspace.transaction() as session:
        session.get_one(Production, production_id).created_at = datetime(2021, 3, 16, 9, 0)
        session.flush()
