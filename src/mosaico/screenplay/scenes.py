"""Scenes: the script cut at each heading, with who speaks and who is seen.

Speaking characters come from the cues, extension removed, one spelling per
accent- and case-insensitive key (the first seen).

Silent characters follow the trade's convention that a character's first
appearance in action is written in CAPS. A CAPS span in an action paragraph
(a run of upper-case words, a leading ``A``/``AN``/``THE``/``UN``/``UNA``/``EL``/``LA``
dropped, a possessive ``'S`` dropped) counts as a character of the scene when
one of these holds, tried in order:

1. it is, or contains, a name that speaks somewhere in the script
   (``ÉRIKA crosses the yard``; ``REGGIE'S hand``);
2. it is followed by an age in parentheses
   (``DOÑA CHAYO (60s) enters``, ``LUPITA (9)``);
3. it starts a sentence and the next word is a lower-case word that reads like
   a verb in English or Spanish (``MARTA enters``, ``DON TEÓFILO camina``,
   ``EL CHINO se sienta``): ends in -s/-ed, or -a/-e/-an/-en, or is a
   reflexive/object pronoun that Spanish puts before a verb.

It never counts when it is a speaker of that same scene (already listed), a word
of the scene's heading, or trade vocabulary: sound effects and camera or title
directions (``BANG``, ``SUPER``, ``V.O.``, ``CONT'D``, ``CLOSE ON``, ``INSERTO``…).
Everything else in CAPS (props, shouted words) is left to the breakdown, which
has vocabularies to tell them apart; being conservative here keeps false
characters out of the cast list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mosaico.screenplay.headings import Heading, parse_heading
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.names import character_key, fold, strip_extension

_UPPER = "A-ZÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛÇ"
# A run of upper-case words (accents allowed), e.g. "DOÑA CHAYO" or "MR. O'NEIL".
_CAPS_SPAN = re.compile(
    rf"(?<![\w'’])([{_UPPER}][{_UPPER}0-9'’.\-]*(?:[ \t]+[{_UPPER}0-9][{_UPPER}0-9'’.\-]*)*)(?![\w])"
)
_AGE_AFTER = re.compile(
    r"\s*\((?:\d{1,2}|\d0'?s|early|mid|late|teen|aged?|años|\d{1,2}\s*años)", re.IGNORECASE
)
_NEXT_WORD = re.compile(r"[ \t]*,?[ \t]*([a-záéíóúñü]+)")
_OPENERS = " \t\n\"'“”¿¡("  # may stand between a sentence's end and its first word
_ARTICLES = ("A ", "AN ", "THE ", "UN ", "UNA ", "EL ", "LA ", "LOS ", "LAS ")
_POSSESSIVE = re.compile(r"['’]S$")
# Lower-case words that Spanish puts between a subject and its verb.
_CLITICS = frozenset(("se", "lo", "la", "le", "les", "los", "las", "nos", "me", "te", "no", "ya"))
# Lower-case words that end like a verb but are not one.
_NOT_VERBS = frozenset(
    ("is", "was", "has", "his", "hers", "its", "this", "as", "us", "yes", "plus", "less",
     "de", "que", "una", "la", "le", "sobre", "entre", "ante", "desde", "hasta", "para",
     "contra", "nada", "toda", "cada", "esta", "esa", "otra", "muy", "and", "or", "the",
     "a", "e", "y", "o", "en", "con", "sin")
)  # fmt: skip
_VERB_LIKE = frozenset(("is", "was", "has"))
# Trade words written in CAPS that are never a character (folded).
_VOCABULARY = frozenset(
    ("super", "superimpose", "title", "titles", "chyron", "insert", "inserto", "close",
     "close on", "close up", "closeup", "angle", "angle on", "pov", "v.o", "o.s", "o.c",
     "cont'd", "contd", "more", "back to scene", "flashback", "end flashback", "the end",
     "end", "fin", "fade in", "fade out", "fade", "cut", "cut to", "dissolve", "intercut",
     "montage", "series of shots", "sfx", "vfx", "fx", "sound", "music", "musica", "mos",
     "int", "ext", "later", "continuous", "day", "night", "omitted", "wide", "pan", "zoom",
     "tracking", "ecu", "cu", "ms", "ws", "ots", "tv", "ok", "bang", "boom", "crash",
     "slam", "slams", "ring", "rings", "thud", "click", "beep", "whoosh", "sonido",
     "plano", "primer plano", "corte a", "fundido", "encadenado", "sobreimpresion",
     "titulo", "letrero", "off", "continua", "continuo")
)  # fmt: skip
# Words that make a CAPS span a direction or a thing, never a person ("TITLE MUSIC").
_NEVER_NAMES = frozenset(
    ("music", "musica", "camera", "camara", "sound", "sonido", "title", "titulo", "sfx",
     "vfx", "blackness", "darkness", "silence", "silencio", "oscuridad", "pov", "super",
     "insert", "inserto", "flashback", "montage", "credits", "creditos", "screen", "pantalla")
)  # fmt: skip
_OMITTED = frozenset(("omitted", "omitida", "omitido"))
_MAX_WORDS = 5  # a name is a few words; longer CAPS runs are shouted text


@dataclass(frozen=True, slots=True)
class Scene:
    """One scene: its heading, the element range ``[start, end)`` and its characters."""

    index: int
    number: str | None
    heading_text: str
    heading: Heading
    start: int
    end: int
    synopsis: str | None
    omitted: bool
    speaking: tuple[str, ...]
    silent: tuple[str, ...]


def speaking_characters(elements: list[Element] | tuple[Element, ...]) -> list[str]:
    """Cue names in order of first line, one spelling per key (the first seen)."""
    seen: dict[str, str] = {}
    for element in elements:
        if element.kind is ElementType.CHARACTER:
            key = character_key(element.text)
            if key and key not in seen:
                seen[key] = strip_extension(element.text)[0]
    return list(seen.values())


def _is_verb_like(word: str) -> bool:
    if word in _VERB_LIKE or word in _CLITICS:
        return True
    if word in _NOT_VERBS or len(word) < 3:
        return False
    return word.endswith(("s", "ed", "a", "e", "an", "en", "ó")) and not word.endswith("ss")


def _starts_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence: the paragraph's start, or after . ! ? : ; — or --.

    A line break alone is not a sentence end (hard-wrapped scripts break anywhere).
    """
    index = start - 1
    while index >= 0 and text[index] in _OPENERS:
        index -= 1
    return index < 0 or text[index] in ".!?:;—" or text[index - 1 : index + 1] == "--"


def _known_inside(words: list[str], speakers: dict[str, str]) -> list[str]:
    """Keys of speaking characters named in a CAPS span, longest names first, left to right
    (``BRICK AND STEEL`` names both)."""
    keys: list[str] = []
    begin = 0
    while begin < len(words):
        for size in range(len(words) - begin, 0, -1):
            key = character_key(" ".join(words[begin : begin + size]))
            if key in speakers:
                keys.append(key)
                begin += size
                break
        else:
            begin += 1
    return keys


def silent_in(
    action: str, speakers: dict[str, str], exclude: set[str], heading_words: frozenset[str]
) -> list[str]:
    """Characters first seen in one action paragraph, by the rules in the module docstring.

    ``speakers`` maps key → spelling for every cue of the script; ``exclude`` holds
    the keys already listed for the scene and grows as names are found.
    """
    found: list[str] = []
    for match in _CAPS_SPAN.finditer(action):
        span = match.group(1).rstrip(".-")
        for article in _ARTICLES:
            if span.startswith(article):
                span = span[len(article) :]
                break
        span = _POSSESSIVE.sub("", span).rstrip(".'’-")
        words = span.split()
        key = character_key(span)
        if len(span) < 2 or not words or key in exclude or key in _VOCABULARY:
            continue
        known = _known_inside(words, speakers) if len(words) <= 2 * _MAX_WORDS else []
        for name_key in known:
            if name_key not in exclude:
                found.append(speakers[name_key])
                exclude.add(name_key)
        folded_words = set(key.split())
        if (
            known
            or len(words) > _MAX_WORDS
            or folded_words <= heading_words
            or not folded_words.isdisjoint(_NEVER_NAMES)
        ):
            continue
        if _AGE_AFTER.match(action, match.end()):  # match at a position: no copy of the rest
            found.append(span)
            exclude.add(key)
            continue
        next_word = _NEXT_WORD.match(action, match.end())
        if (
            next_word is not None
            and _is_verb_like(next_word.group(1))
            and _starts_sentence(action, match.start())
        ):
            found.append(span)
            exclude.add(key)
    return found


def split_scenes(screenplay: Screenplay) -> list[Scene]:
    """One ``Scene`` per heading, in script order (text before the first heading is left out)."""
    elements = screenplay.elements
    starts = [i for i, e in enumerate(elements) if e.kind is ElementType.SCENE_HEADING]
    all_speakers = {character_key(name): name for name in speaking_characters(elements)}
    scenes: list[Scene] = []
    for position, start in enumerate(starts, start=1):
        end = starts[position] if position < len(starts) else len(elements)
        body = elements[start:end]
        heading_element = body[0]
        heading = parse_heading(heading_element.text)
        speaking = speaking_characters(body)
        taken = {character_key(name) for name in speaking}
        heading_words = frozenset(fold(heading.set_name).replace("-", " ").split())
        silent: list[str] = []
        synopsis = None
        for element in body[1:]:
            if element.kind is ElementType.ACTION:
                silent += silent_in(element.text, all_speakers, taken, heading_words)
            elif element.kind is ElementType.SYNOPSIS and synopsis is None:
                synopsis = element.text
        scenes.append(
            Scene(
                index=position,
                number=heading_element.scene_number,
                heading_text=heading_element.text,
                heading=heading,
                start=start,
                end=end,
                synopsis=synopsis,
                omitted=fold(heading_element.text).strip(" .") in _OMITTED,
                speaking=tuple(speaking),
                silent=tuple(silent),
            )
        )
    return scenes
