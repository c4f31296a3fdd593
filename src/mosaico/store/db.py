"""Engines, sessions and migrations. Nothing here runs at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from mosaico.errors import Conflict

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number: PostgreSQL advisory lock held while migrating, so web and job
# workers starting together do not run the same migration twice.
_MIGRATION_LOCK = 7_260_001


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder made and foreign keys switched on."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def migrate(engine: Engine, revision: str = "heads") -> None:
    """Bring the database up to ``revision`` (every newest migration by default).

    Areas add their tables in migrations of their own that may branch from the
    same parent; ``heads`` applies every branch.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back everything on any error.

    A stale version (someone saved the row since it was read) and a clash with a
    unique rule (two people creating the same name at once) become ``Conflict``.
    """
    session = factory()
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(
            "someone else saved this since you read it; reload and apply your change again"
        ) from exc
    except IntegrityError as exc:
        session.rollback()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""
        raise Conflict(f"the change clashes with what is stored ({detail})") from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
