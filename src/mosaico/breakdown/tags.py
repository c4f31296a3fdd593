"""What the tagger produces (``Tag``) and the working state it shares between its passes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mosaico.breakdown.cast import CastIndex
from mosaico.breakdown.vocabulary import Vocabulary
from mosaico.screenplay.names import fold

WORD_AT = re.compile(r"[^\W\d_][\w'’\-]*")


_COUNT_BEFORE = re.compile(r"(?:(\d{1,6})|([^\W\d_]+))(?:\s+(?:de|of))?\s+$")


@dataclass(frozen=True, slots=True)
class Tag:
    """One element found in a scene.

    ``name`` is the element as the script writes it, ``key`` its normalised form
    (the same person or object in every scene); ``element`` indexes the
    screenplay's elements and ``start``/``end`` the characters of its text.
    ``linked_from`` names the anchor's key when an element link added the tag.
    """

    category: str
    name: str
    key: str
    element: int
    start: int
    end: int
    confidence: float
    count: int | None = None
    age: int | None = None
    minor: bool = False
    linked_from: str | None = None


@dataclass(slots=True)
class SceneState:
    """Working state while one scene is tagged: who speaks, and the tags so far."""

    vocab: Vocabulary
    cast: CastIndex
    tags: list[Tag]
    speaking: set[str]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` lies within one of ``spans`` (quotes, earlier tags)."""
    return any(a <= start and end <= b for a, b in spans)


def count_before(text: str, vocab: Vocabulary) -> int | None:
    """The count written just before a word: ``20 JORNALEROS``, ``Dos PERROS``, ``cientos de``."""
    match = _COUNT_BEFORE.search(text[-40:])
    if match is None:
        return None
    if match.group(1):
        return int(match.group(1))
    return vocab.numbers.get(fold(match.group(2)))
