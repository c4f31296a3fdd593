"""Character names: one key per person, whatever the accents, case or cue extension.

``ÉRIKA (CONT’D)``, ``Erika`` and ``ERIKA (V.O.)`` are the same character, so
they share the key ``erika``. Honorifics are kept in the key (``DOÑA CHAYO`` is
not ``CHAYO``); merging across honorifics is the breakdown's job, where an alias
list is edited by people.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EXTENSION = re.compile(r"\s*\(.*$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")


def strip_extension(cue: str) -> tuple[str, str | None]:
    """Split ``"ÉRIKA (V.O.) (CONT’D)"`` into ``("ÉRIKA", "(V.O.) (CONT'D)")``."""
    cue = cue.strip().lstrip("@").rstrip("^").strip()
    cut = cue.find("(")
    if cut <= 0:
        return cue, None
    return cue[:cut].strip(), cue[cut:].strip().translate(_APOSTROPHES)


@lru_cache(maxsize=16_384)  # names and heading words repeat in every scene
def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straightened, spaces collapsed."""
    plain = text.translate(_APOSTROPHES)
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", plain).strip().casefold()


@lru_cache(maxsize=16_384)
def character_key(name: str) -> str:
    """The accent-, case- and extension-insensitive key of a character name or cue."""
    bare, _ = strip_extension(name)
    return fold(bare)
