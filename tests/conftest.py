"""Shared test settings.

Tests that need PostgreSQL, Redis or chromium run whenever the service is
reachable; when ``CI=true`` an unreachable service is a failure, never a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
SCRIPTS = DATA / "scripts"
TALENT = DATA / "talent"


def require(available: bool, what: str) -> None:
    """Skip when a service is missing on a developer's machine; fail on CI."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required when CI=true but is not reachable")
    pytest.skip(f"{what} not reachable")


# --- the store, on SQLite and on PostgreSQL --------------------------------------

import shutil  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from sqlalchemy import create_engine, text  # noqa: E402

from mosaico.services.context import Workspace, open_workspace  # noqa: E402
from mosaico.settings import Settings, get_settings  # noqa: E402
from mosaico.store.tables import Base  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "MOSAICO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _postgres_reachable() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test process, dropped at the end."""
    require(_postgres_reachable(), "PostgreSQL at 127.0.0.1:5432")
    name = f"mosaico_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    for workspace in _OPEN.values():  # close pooled connections before the drop
        workspace.engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


_OPEN: dict[str, Workspace] = {}


@pytest.fixture(scope="session")
def _workspaces() -> Iterator[dict[str, Workspace]]:
    yield _OPEN
    for workspace in _OPEN.values():
        workspace.engine.dispose()
    _OPEN.clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    _workspaces: dict[str, Workspace],
) -> Iterator[Workspace]:
    """A migrated, empty store on each backend; emptied again after the test."""
    backend: str = request.param
    if backend not in _workspaces:
        data_dir = tmp_path_factory.mktemp(f"data-{backend}")
        if backend == "sqlite":
            url = f"sqlite:///{data_dir / 'test.sqlite3'}"
        else:
            url = request.getfixturevalue("postgres_url")
        settings = get_settings({"MOSAICO_DATA_DIR": str(data_dir), "MOSAICO_DATABASE_URL": url})
        _workspaces[backend] = open_workspace(settings)
    workspace = _workspaces[backend]
    yield workspace
    with workspace.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    shutil.rmtree(workspace.settings.files_dir, ignore_errors=True)


def settings_for(tmp_path: Path) -> Settings:
    """Settings of a throw-away SQLite installation under ``tmp_path``."""
    return get_settings({"MOSAICO_DATA_DIR": str(tmp_path)})
