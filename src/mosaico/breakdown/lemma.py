"""Simple Spanish and English lemmatisation for matching script words against vocabularies.

Enough for the breakdown's needs: plurals (``PECES`` → ``pez``, ``CAMIONES`` →
``camion``, ``BODIES`` → ``body``) and Spanish gender endings (``OBRERAS`` matches
``obrero``). Keys are folded (no accents, lower case) so ``CAMIÓN`` = ``camion``.
"""

from __future__ import annotations

import re

from mosaico.screenplay.names import fold

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
# Leading words that never belong to an element's key.
ARTICLES = frozenset(
    [
        "un",
        "una",
        "unos",
        "unas",
        "el",
        "la",
        "los",
        "las",
        "lo",
        "su",
        "sus",
        "mi",
        "mis",
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "my",
        "its",
        "some",
    ]
)


def words(text: str) -> list[str]:
    """The folded words of a phrase, trailing dots and dashes dropped."""
    return [w.rstrip(".'’-") for w in _WORD.findall(fold(text)) if w.rstrip(".'’-")]


_VOWELS = frozenset("aeiouy")


def singular(word: str) -> str:
    """One deterministic singular form of a folded word (used for keys).

    ``-les``/``-res`` after a consonant lose only the ``s`` (``cables``, ``tables``,
    ``hombres``): no Spanish or English singular ends in a consonant and l or r.
    """
    if len(word) > 4 and word.endswith(("les", "res")) and word[-4] not in _VOWELS:
        return word[:-1]
    if len(word) > 4 and word.endswith("ces"):
        return word[:-3] + "z"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if (
        len(word) > 4
        and word.endswith("es")
        and (word[-3] in "rlndjxz" or word[-4:-2] in ("ch", "sh"))
    ):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def forms(word: str) -> tuple[str, ...]:
    """Every form a vocabulary entry might use for a folded script word, most likely first."""
    found: list[str] = [word, singular(word)]
    if word.endswith("s") and len(word) > 3:
        found.append(word[:-1])
    if word.endswith("es") and len(word) > 4:
        found.append(word[:-2])
    for form in list(found):
        # Spanish gender: OBRERA(S) matches obrero, SEÑORA matches señor.
        if form.endswith("a") and len(form) > 3:
            found += [form[:-1] + "o", form[:-1]]
        elif form.endswith("o") and len(form) > 3:
            found.append(form[:-1] + "a")
    return tuple(dict.fromkeys(found))


def element_key(text: str) -> str:
    """The normalised key of an element name: folded, singular, leading articles dropped."""
    tokens = words(text)
    # Articles are compared before folding: "uñas" folds to "unas", which is not "unas".
    spoken = [w.rstrip(".'’-") for w in _WORD.findall(text.lower())]
    while tokens and spoken and spoken[0] in ARTICLES:
        tokens, spoken = tokens[1:], spoken[1:]
    return " ".join(singular(token) for token in tokens)
