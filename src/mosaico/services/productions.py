"""Productions: create, list, find."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mosaico.errors import Conflict, NotFound, ValidationError
from mosaico.store.tables import Episode, Production, Scene

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$")
LANGUAGES = ("es", "en")


@dataclass(frozen=True, slots=True)
class ProductionInfo:
    """A production as the shells show it. ``version`` goes back with an update."""

    id: int
    name: str
    title: str
    language: str
    episodes: int
    scenes: int
    slug: str = ""
    timezone: str = ""
    version: int = 0


def _info(session: Session, production: Production) -> ProductionInfo:
    episodes = session.scalar(
        select(func.count()).select_from(Episode).where(Episode.production_id == production.id)
    )
    scenes = session.scalar(
        select(func.count()).select_from(Scene).where(Scene.production_id == production.id)
    )
    return ProductionInfo(
        id=production.id,
        name=production.name,
        title=production.title,
        language=production.language,
        episodes=episodes or 0,
        scenes=scenes or 0,
        slug=production.slug,
        timezone=production.timezone,
        version=production.version,
    )


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError("language", f"{language!r} is not one of {', '.join(LANGUAGES)}")


def _check_timezone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            "timezone", f"{timezone[:80]!r} is not a time zone (e.g. America/Mexico_City)"
        ) from exc


def create(
    *,
    session: Session,
    name: str,
    title: str | None = None,
    language: str = "es",
    timezone: str = "America/Mexico_City",
) -> ProductionInfo:
    """A new production. ``name`` is its short handle: lower case, digits, ``-`` and ``_``."""
    if not _NAME.match(name):
        raise ValidationError(
            "name", f"{name!r} is not a valid production name (lower-case letters, digits, - and _)"
        )
    if title is not None and len(title) > 300:
        raise ValidationError("title", "a title is at most 300 characters")
    _check_language(language)
    _check_timezone(timezone)
    taken = session.scalar(
        select(Production).where((Production.name == name) | (Production.slug == name))
    )
    if taken is not None:
        raise Conflict(f"a production named {name!r} already exists")
    production = Production(
        name=name, slug=name, title=title or name, language=language, timezone=timezone
    )
    session.add(production)
    session.flush()
    return _info(session, production)


def _find(session: Session, name: str | None, production_id: int | None) -> Production | None:
    if (name is None) == (production_id is None):
        raise TypeError("give exactly one of name= and production_id=")
    if production_id is not None:
        return session.get(Production, production_id)
    return session.scalar(select(Production).where(Production.name == name))


def get(
    *, session: Session, name: str | None = None, production_id: int | None = None
) -> ProductionInfo | None:
    """The production with this name (or id), or ``None``."""
    production = _find(session, name, production_id)
    return None if production is None else _info(session, production)


def get_or_raise(
    *, session: Session, name: str | None = None, production_id: int | None = None
) -> ProductionInfo:
    """The production with this name (or id); ``NotFound`` when there is none."""
    info = get(session=session, name=name, production_id=production_id)
    if info is None:
        raise NotFound("production", name if name is not None else production_id)
    return info


def list_productions(*, session: Session) -> list[ProductionInfo]:
    productions = session.scalars(select(Production).order_by(Production.name))
    return [_info(session, production) for production in productions]


def update(
    *,
    session: Session,
    production_id: int,
    version: int,
    title: str | None = None,
    language: str | None = None,
    timezone: str | None = None,
) -> ProductionInfo:
    """Change a production's title, language or time zone.

    ``version`` is the one the user read: if someone saved the production since,
    this is a ``Conflict`` rather than a silent overwrite of their change.
    """
    production = _find(session, None, production_id)
    if production is None:
        raise NotFound("production", production_id)
    if production.version != version:
        raise Conflict(
            f"production {production.name!r} was changed by someone else "
            f"(version {production.version}, you read {version}); reload and try again"
        )
    if title is not None:
        if not title.strip() or len(title) > 300:
            raise ValidationError("title", "a title has 1 to 300 characters")
        production.title = title
    if language is not None:
        _check_language(language)
        production.language = language
    if timezone is not None:
        _check_timezone(timezone)
        production.timezone = timezone
    session.flush()  # the version check on the row happens here, in the database
    return _info(session, production)
