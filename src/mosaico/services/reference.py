"""Loading the reference production into the store, like any other production.

What the store holds today is what gets loaded: the production (title, language,
the base city's time zone), its six episodes and one character per role of the
cast list. Loading twice changes nothing; a production of the same name that is
not the reference one is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mosaico.demo.reference import ReferenceProduction, load_reference
from mosaico.errors import Conflict
from mosaico.screenplay.names import character_key
from mosaico.services import productions
from mosaico.services.productions import ProductionInfo
from mosaico.store.tables import Character, Episode, Production

DEFAULT_NAME = "somos"


@dataclass(frozen=True, slots=True)
class ReferenceLoad:
    """What a load did: the production, and how much of it was new."""

    production: ProductionInfo
    created: bool
    episodes_added: int
    characters_added: int
    non_professional: int
    professional: int


def load_reference_production(
    *,
    session: Session,
    name: str = DEFAULT_NAME,
    reference: ReferenceProduction | None = None,
) -> ReferenceLoad:
    """Create (or complete) production ``name`` from the reference facts; idempotent."""
    facts = reference or load_reference()
    existing = session.scalar(select(Production).where(Production.name == name))
    if existing is not None and existing.title != facts.title:
        raise Conflict(
            f"a production named {name!r} already exists and is not {facts.title!r}; "
            "choose another name"
        )
    created = existing is None
    if existing is None:
        info = productions.create(
            session=session, name=name, title=facts.title, language=facts.language
        )
        existing = session.get_one(Production, info.id)
        existing.timezone = facts.shoot.timezone
    numbers = set(
        session.scalars(select(Episode.number).where(Episode.production_id == existing.id))
    )
    new_episodes = [e for e in facts.episodes if e.number not in numbers]
    for episode in new_episodes:
        session.add(Episode(production_id=existing.id, number=episode.number, title=""))
    keys = set(session.scalars(select(Character.key).where(Character.production_id == existing.id)))
    added = 0
    for credit in facts.cast:
        # Stored as a script would write the cue: in capitals, accents kept.
        cue = credit.character.upper()
        key = character_key(cue)
        if key not in keys:
            session.add(Character(production_id=existing.id, name=cue, key=key))
            keys.add(key)
            added += 1
    session.flush()
    return ReferenceLoad(
        production=productions.get_or_raise(session=session, name=name),
        created=created,
        episodes_added=len(new_episodes),
        characters_added=added,
        non_professional=len(facts.non_professional_cast),
        professional=len(facts.professional_cast),
    )
