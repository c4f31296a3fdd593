"""The tables. Every row but a production's carries ``production_id``; every
editable table has a ``version`` column SQLAlchemy checks on update, so a stale
write is a conflict rather than a silent overwrite."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
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


# --- schedule ---


class ScheduleSetup(Versioned, Base):
    """What a production's schedule is solved under: calendar, rules, weights, cast and sets.

    One row per production, made on the first change; until then the defaults
    of ``services.schedule`` apply. The parts are JSON in the shapes of
    ``schedule.serialize``, so the pure model reads them without a mapping layer.
    """

    __tablename__ = "schedule_setups"
    __table_args__ = (UniqueConstraint("production_id", name="uq_schedule_setups_production"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    #: start, work_days, weekly_days_off, country, subdivision, days_off
    calendar: Mapped[dict[str, Any]] = mapped_column(JSON)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: character name -> cost_per_day, unavailable dates, max_consecutive_days
    cast: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: set name -> location id, city, latitude, longitude, unavailable dates
    sets: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now, onupdate=_now)


class ScheduleVersion(Versioned, Base):
    """One solved (or replanned, or hand-edited) schedule, numbered 1..n per production.

    ``problem`` is the snapshot it was solved from and ``result`` the schedule,
    both as ``schedule.serialize`` writes them, so a version reads back exactly
    as it was even after the scripts or the setup change.
    """

    __tablename__ = "schedule_versions"
    __table_args__ = (
        UniqueConstraint("production_id", "number", name="uq_schedule_versions_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_versions.id"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # solve | replan | manual
    event: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    problem: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    locked: Mapped[list[Any]] = mapped_column(JSON)  # strip keys kept on their dates
    status: Mapped[str] = mapped_column(String(16))
    lower_bound: Mapped[int] = mapped_column(BigInteger)
    total_cost: Mapped[int] = mapped_column(BigInteger)
    seconds: Mapped[float] = mapped_column(Float)


# --- breakdown ---


class BreakdownCategory(Versioned, Base):
    """A production's own breakdown category, or its override of a default one (same key)."""

    __tablename__ = "breakdown_categories"
    __table_args__ = (UniqueConstraint("production_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(80))
    name_es: Mapped[str] = mapped_column(String(80))
    colour: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer)


class Element(Versioned, Base):
    """One breakdown element of a production (a character, a prop, a crowd) with its scenes' tags."""

    __tablename__ = "elements"
    __table_args__ = (UniqueConstraint("production_id", "category", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    #: The name as the production shows it; ``key`` is its folded form, for matching.
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 digests of photos kept by ``store/files.py``.
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)
    department: Mapped[str] = mapped_column(String(80), default="")
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: ``[category, key]`` pairs of elements merged into this one, so re-tagging finds it.
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Tag(Versioned, Base):
    """An element tagged in a scene, with where in the script it was found (when known)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    scene_id: Mapped[int] = mapped_column(ForeignKey("scenes.id"), index=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("elements.id"), index=True)
    #: Index of the screenplay element (of the episode's script) and the characters tagged.
    source_element: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    origin: Mapped[str] = mapped_column(String(8))  # auto | user | fdx
    status: Mapped[str] = mapped_column(String(8))  # proposed | accepted | rejected | review
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ElementLink(Versioned, Base):
    """An anchor element that brings the linked one to every scene it is in."""

    __tablename__ = "element_links"
    __table_args__ = (UniqueConstraint("anchor_id", "linked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    anchor_id: Mapped[int] = mapped_column(ForeignKey("elements.id"), index=True)
    linked_id: Mapped[int] = mapped_column(ForeignKey("elements.id"), index=True)


# --- jobs ---


class Job(Versioned, Base):
    """A background run (a schedule solve) and how it is going.

    The worker is the only writer of ``status`` and ``progress`` once a job runs;
    a user only sets ``cancel_requested``, which the worker reads while it solves.
    ``progress`` is a list of ``[seconds, incumbent cost, lower bound]`` points.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # solve
    status: Mapped[str] = mapped_column(String(16))  # queued|running|done|failed|cancelled
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    progress: Mapped[list[Any]] = mapped_column(JSON)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The schedule version the run saved (its number within the production).
    schedule_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cost: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    bound: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")
    task_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now)
    started_at: Mapped[datetime | None] = mapped_column(AwareDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime, nullable=True)
    #: Last sign of life of the worker running it; a running job silent too long has died.
    heartbeat_at: Mapped[datetime | None] = mapped_column(AwareDateTime, nullable=True)


# --- revisions ---


class EpisodeNumbering(Versioned, Base):
    """Whether an episode's scene numbers are locked, and how inserted scenes are lettered.

    No row means unlocked: the numbers are whatever each new draft carries.
    """

    __tablename__ = "episode_numbering"
    __table_args__ = (UniqueConstraint("episode_id", name="uq_episode_numbering_episode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    style: Mapped[str] = mapped_column(String(8), default="12A")  # 12A | 12AA | A12
    locked_at: Mapped[datetime | None] = mapped_column(AwareDateTime, nullable=True)
    locked_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("script_versions.id"), nullable=True, index=True
    )


class Revision(Versioned, Base):
    """One new draft of an episode compared with the one before: numbered 1..n per episode.

    ``changes`` holds one entry per scene as ``screenplay.revisions`` classifies it
    (kind, old and new number and heading, similarity, diff lines, marked elements).
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("episode_id", "number", name="uq_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    from_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("script_versions.id"), nullable=True, index=True
    )
    to_version_id: Mapped[int] = mapped_column(ForeignKey("script_versions.id"), index=True)
    colour: Mapped[str] = mapped_column(String(32))
    revision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime, default=_now)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[list[Any]] = mapped_column(JSON)
    tags_carried: Mapped[int] = mapped_column(Integer, default=0)
    tags_review: Mapped[int] = mapped_column(Integer, default=0)
