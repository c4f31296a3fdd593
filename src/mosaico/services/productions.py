"""Productions: create, list, find."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mosaico.errors import Conflict, NotFound, ValidationError
from mosaico.store.tables import Episode, Production, Scene

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$")
LANGUAGES = ("es", "en")


@dataclass(frozen=True, slots=True)
class ProductionInfo:
    """A production as the shells show it."""

    id: int
    name: str
    title: str
    language: str
    episodes: int
    scenes: int


def _info(session: Session, production: Production) -> ProductionInfo:
    episodes = session.scalar(
        select(func.count()).select_from(Episode).where(Episode.production_id == production.id)
    )
    scenes = session.scalar(
        select(func.count()).select_from(Scene).where(Scene.production_id == production.id)
    )
    return ProductionInfo(
        production.id,
        production.name,
        production.title,
        production.language,
        episodes or 0,
        scenes or 0,
    )


def create(
    *, session: Session, name: str, title: str | None = None, language: str = "es"
) -> ProductionInfo:
    """A new production. ``name`` is its short handle: lower case, digits, ``-`` and ``_``."""
    if not _NAME.match(name):
        raise ValidationError(
            "name", f"{name!r} is not a valid production name (lower-case letters, digits, - and _)"
        )
    if language not in LANGUAGES:
        raise ValidationError("language", f"{language!r} is not one of {', '.join(LANGUAGES)}")
    if session.scalar(select(Production).where(Production.name == name)) is not None:
        raise Conflict(f"a production named {name!r} already exists")
    production = Production(name=name, title=title or name, language=language)
    session.add(production)
    session.flush()
    return _info(session, production)


def get(*, session: Session, name: str) -> ProductionInfo | None:
    production = session.scalar(select(Production).where(Production.name == name))
    return None if production is None else _info(session, production)


def get_or_raise(*, session: Session, name: str) -> ProductionInfo:
    info = get(session=session, name=name)
    if info is None:
        raise NotFound("production", name)
    return info


def list_productions(*, session: Session) -> list[ProductionInfo]:
    productions = session.scalars(select(Production).order_by(Production.name))
    return [_info(session, production) for production in productions]
