"""Cast names: one key per person across honorifics, accents, case and cue extensions.

``DOÑA AMPARO``, ``Amparo`` and ``AMPARO (V.O.)`` share the key ``amparo``. A
multi-word name also answers to its first word when no other character does
(``el Güero`` is ``GÜERO MONTOYA``), which is how action lines refer to people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mosaico.breakdown.lemma import words
from mosaico.screenplay.names import strip_extension

_AGE = re.compile(r"^\s*\(\s*(?:(\d{1,2})\s*\)|(\d0)'?s\b|(?:early|mid|late)\b|teens?\b)", re.I)
ADULT_AGE = 18


def cast_key(name: str, honorifics: frozenset[str]) -> str:
    """The key of a character name, leading honorifics dropped (unless nothing else is left)."""
    bare, _ = strip_extension(name)
    tokens = words(bare)
    while len(tokens) > 1 and tokens[0] in honorifics:
        tokens = tokens[1:]
    return " ".join(tokens)


def age_after(text: str) -> tuple[bool, int | None]:
    """Whether an age follows a name (``(9)``, ``(60s)``, ``(early 30s)``), and the age if exact."""
    match = _AGE.match(text)
    if match is None:
        return False, None
    if match.group(1):
        return True, int(match.group(1))
    if match.group(2):
        return True, int(match.group(2))
    return True, None


@dataclass(frozen=True, slots=True)
class CastIndex:
    """Known characters by key, with first-word aliases that point at one person only."""

    names: dict[str, str]
    aliases: dict[str, str]

    def resolve(self, key: str) -> str | None:
        """The canonical key for a name key, or ``None`` when it is nobody known."""
        if key in self.names:
            return key
        return self.aliases.get(key)


def index_cast(known: Iterable[str], honorifics: frozenset[str]) -> CastIndex:
    """Build the index from character names as the script writes them (cues or a cast list)."""
    names: dict[str, str] = {}
    for name in known:
        key = cast_key(name, honorifics)
        if key:
            names.setdefault(key, strip_extension(name)[0])
    firsts: dict[str, list[str]] = {}
    for key in names:
        parts = key.split()
        if len(parts) > 1:
            firsts.setdefault(parts[0], []).append(key)
    aliases = {
        first: keys[0] for first, keys in firsts.items() if len(keys) == 1 and first not in names
    }
    return CastIndex(names=names, aliases=aliases)
