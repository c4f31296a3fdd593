"""What a use case needs to run: settings and a way to open a transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mosaico.settings import Settings, get_settings
from mosaico.store import db


@dataclass(frozen=True)
class Workspace:
    """Settings with an engine on the migrated database; shells build one and pass it down."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work; everything in it is rolled back on any error."""
        with db.transaction(self.sessions) as session:
            yield session


def open_workspace(settings: Settings | None = None) -> Workspace:
    """Connect to the configured database and bring it to the newest migration."""
    settings = settings or get_settings()
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    return Workspace(settings=settings, engine=engine, sessions=db.session_factory(engine))
