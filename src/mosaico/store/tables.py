"""The tables. Every row but a production's carries ``production_id``; every
editable table has a ``version`` column SQLAlchemy checks on update, so a stale
write is a conflict rather than a silent overwrite."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column


def _now() -> datetime:
    return datetime.now(UTC)


def _slug_from_name(context: DefaultExecutionContext) -> str:
    # Production names are already URL-safe handles; the slug starts as the name
    # and stays put if the name is ever edited, so links keep working.
    parameters = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return str(parameters["name"])


class AwareDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware: stored in UTC, read back with its zone.

    SQLite keeps no zone, so without this a time written aware comes back naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base of every mosaico table."""


class Versioned:
    """A version counter checked on every update (optimistic locking)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Production(Versioned, Base):
    __tablename__ = "productions"
    __table_args__ = (UniqueConstraint("slug", name="uq_productions_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    slug: Mapped[str] = mapped_column(String(120), default=_slug_from_name)
    title: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(8), default="es")
    timezone: Mapped[str] = mapped_column(String(64), default="America/Mexico_City")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now)


class Episode(Versioned, Base):
    __tablename__ = "episodes"
    __table_args__ = (UniqueConstraint("production_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")


class ScriptVersion(Versioned, Base):
    __tablename__ = "script_versions"
    __table_args__ = (UniqueConstraint("episode_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    draft: Mapped[str] = mapped_column(String(120), default="")
    colour: Mapped[str] = mapped_column(String(32), default="White")
    #: The date the draft carries (title page or form), not when it was imported.
    script_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now)
    source_name: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    title_page: Mapped[list[Any]] = mapped_column(JSON)
    elements: Mapped[list[Any]] = mapped_column(JSON)
    #: Breakdown tags that came with the file (FDX ``TagData``): categories and tags.
    tags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    total_eighths: Mapped[int] = mapped_column(Integer, default=0)


class Scene(Versioned, Base):
    __tablename__ = "scenes"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    script_version_id: Mapped[int] = mapped_column(ForeignKey("script_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(16), nullable=True)
    heading: Mapped[str] = mapped_column(Text)
    int_ext: Mapped[str] = mapped_column(String(8))
    set_name: Mapped[str] = mapped_column(String(300))
    time_of_day: Mapped[str] = mapped_column(String(16))
    eighths: Mapped[int] = mapped_column(Integer)
    imported_eighths: Mapped[int | None] = mapped_column(Integer, nullable=True)
    page: Mapped[int] = mapped_column(Integer)
    synopsis: Mapped[str | None] = mapped_column(Text, nullable=True)
    omitted: Mapped[bool] = mapped_column(Boolean, default=False)


class Character(Versioned, Base):
    __tablename__ = "characters"
    __table_args__ = (UniqueConstraint("production_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))


class SceneCharacter(Base):
    __tablename__ = "scene_characters"

    scene_id: Mapped[int] = mapped_column(ForeignKey("scenes.id"), primary_key=True)
    character_id: Mapped[int] = mapped_column(
        ForeignKey("characters.id"), primary_key=True, index=True
    )
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    speaking: Mapped[bool] = mapped_column(Boolean)
