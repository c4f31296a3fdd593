"""The tagger's lower-case passes: people and things named in ordinary prose.

A known character named in action (``Abel mira al cielo``) is in the scene; an
element first written in CAPS is found again in lower case in later scenes
(``los perros ladran``); a vocabulary noun after an article (``saca el celular``)
is likely an element, tagged at low confidence for a person to confirm, a little
higher when a character handles it (``cierra la maleta``, ``con una navaja``):
what an actor handles is a prop, what is only described is set dressing. The
trade's words for background (``extras``) count in any case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mosaico.breakdown.cast import cast_key
from mosaico.breakdown.lemma import ARTICLES, element_key, singular, words
from mosaico.breakdown.tags import WORD_AT, SceneState, Tag, count_before, inside
from mosaico.screenplay.names import fold

_TITLE_SPAN = re.compile(
    r"(?<![\w])[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ]+(?:[ ]+[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ]+)*(?![\w])"
)


_NOT_PRESENT_AFTER = re.compile(r"(?:\b(?:de|del|para|sobre|of|from|for|about))\s+$", re.I)


# Departments whose elements are also found in lower case (nouns, seldom verbs or weather).
_PLAIN = frozenset({"props", "vehicles", "animals", "wardrobe", "weapons", "background"})


_CARRY_WINDOW = 4


# Words after which a vocabulary word is a noun: articles, "con"/"with", spelled counts.
_DETERMINERS = ARTICLES | {"al", "del", "con", "with"}
_WITH = frozenset({"con", "with"})
# Confidence of a lower-case vocabulary noun: handled by someone, or only mentioned.
HANDLED = 0.6
MENTIONED = 0.5
_SENTENCE_END = re.compile(r"[.;!?]")
_POSSESSIVES = frozenset(
    {"su", "sus", "mi", "mis", "tu", "tus", "his", "her", "their", "my", "your"}
)
# A vehicle, an animal or a crowd named in action is on screen: no department can leave it out.
_ALWAYS_SEEN = frozenset({"vehicles", "animals", "background"})


def plain_crowd(state: SceneState, index: int, text: str) -> None:
    """The trade's own words for background (``extras``) count in any case."""
    for match in WORD_AT.finditer(text):
        word = match.group(0)
        if word.isupper() or fold(word) not in state.vocab.plain_crowd:
            continue
        count = count_before(text[: match.start()], state.vocab)
        tag = Tag(
            "background", word, element_key(word), index, match.start(), match.end(), 0.8, count
        )
        state.tags.append(tag)


def plain_words(state: SceneState, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    """Vocabulary words in lower case (``saca el celular``): likely elements, for review."""
    spans = list(WORD_AT.finditer(text))
    # Places already tagged (a CAPS span, a character's description) are not tagged again.
    tagged = [(tag.start, tag.end) for tag in state.tags if tag.element == index]
    taken = -1
    for position, first in enumerate(spans):
        word = first.group(0)
        if first.start() < taken or word.isupper():
            continue
        opening = _opens_sentence(text, spans, position)
        # "Montacargas van y vienen": a plural noun may open a sentence bare.
        if word[0].isupper() and not (opening and word.endswith("s")):
            continue
        # A noun follows an article; a verb that looks like a noun ("saca", "arma") does not.
        before = fold(spans[position - 1].group(0)) if position else ""
        bare_plural = opening and word.endswith("s")
        if before not in _DETERMINERS and before not in state.vocab.numbers and not bare_plural:
            continue
        if any(a <= first.start() < b for a, b in tagged):
            continue
        if fold(word) in state.vocab.lowercase_skip or inside(quoted, first.start(), first.end()):
            continue
        for width in range(min(_CARRY_WINDOW, len(spans) - position), 0, -1):
            window = spans[position : position + width]
            category = state.vocab.lookup_plain([fold(match.group(0)) for match in window])
            if category in _PLAIN:
                start, end = first.start(), window[-1].end()
                after = spans[position + width : position + width + 2]
                if (
                    len(after) == 2
                    and fold(after[0].group(0)) in ("de", "del")
                    and after[1].group(0).islower()
                    and fold(after[1].group(0)) not in ARTICLES
                ):
                    end = after[1].end()  # Spanish complements name the thing: "bolsa de rafia"
                count = (
                    count_before(text[:start], state.vocab) if category == "background" else None
                )
                name = text[start:end]
                seen = category in _ALWAYS_SEEN or _handled(state, index, text, start)
                confidence = HANDLED if seen else MENTIONED
                state.tags.append(
                    Tag(category, name, element_key(name), index, start, end, confidence, count)
                )
                taken = end
                break


def _opens_sentence(text: str, spans: list[re.Match[str]], position: int) -> bool:
    if position == 0:
        return True
    return bool(_SENTENCE_END.search(text, spans[position - 1].end(), spans[position].start()))


def _handled(state: SceneState, index: int, text: str, start: int) -> bool:
    """Whether the thing named at ``start`` is handled or owned by someone.

    A verb of handling before its determiner (``cierra la maleta``), a possessive
    (``su libreta``), or something held or worn after "con"/"with" (``con una
    navaja``) — unless a crowd earlier in the sentence owns it.
    """
    before = list(WORD_AT.finditer(text, max(0, start - 60), start))[-3:]
    folded = [fold(match.group(0)) for match in before]
    if folded and folded[-1] in _POSSESSIVES:
        return not _crowd_owned(state, index, text, before[-1].start())
    if folded and folded[-1] in ARTICLES | {"al", "del"}:
        folded, before = folded[:-1], before[:-1]  # step over the determiner
    if not folded:
        return False
    if folded[-1] in state.vocab.handling:
        return True
    return folded[-1] in _WITH and not _crowd_owned(state, index, text, before[-1].start())


def _people_near(state: SceneState, index: int, text: str, at: int) -> bool:
    """Whether the sentence around ``at`` names a character or a crowd."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    stop = _SENTENCE_END.search(text, at)
    end = stop.start() if stop else len(text)
    return any(
        tag.element == index
        and tag.category in ("cast", "cast_silent", "background")
        and begin <= tag.start < end
        for tag in state.tags
    )


def _crowd_owned(state: SceneState, index: int, text: str, at: int) -> bool:
    """Whether a crowd tagged earlier in the same sentence owns what is named at ``at``.

    "30 JORNALEROS con mochilas": what extras carry is theirs, not a prop.
    """
    return any(
        tag.category == "background"
        and tag.element == index
        and tag.end <= at
        and not _SENTENCE_END.search(text, tag.end, at)
        for tag in state.tags
    )


def mentions(state: SceneState, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    """Known characters named in ordinary case in action: they are in the scene."""
    for match in _TITLE_SPAN.finditer(text):
        if inside(quoted, match.start(), match.end()):
            continue
        if _NOT_PRESENT_AFTER.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # "un mensaje de Dani" names someone who is not there
        key = state.cast.resolve(cast_key(match.group(0), state.vocab.honorifics))
        if key is not None:
            state.tags.append(
                Tag("cast_silent", match.group(0), key, index, match.start(), match.end(), 0.7)
            )


def carried(
    state: SceneState,
    index: int,
    text: str,
    known: Mapping[str, str],
    quoted: list[tuple[int, int]],
) -> None:
    """Lower-case mentions of elements tagged in an earlier scene (``los perros ladran``)."""
    spans = [(m.start(), m.end()) for m in WORD_AT.finditer(text)]
    # Word keys once per line, and only windows whose first word can start a known key.
    singles = [" ".join(singular(w) for w in words(text[a:b])) for a, b in spans]
    firsts = {key.split(" ", 1)[0] for key in known}
    taken = -1
    for position in range(len(spans)):
        if spans[position][0] < taken or singles[position] not in firsts:
            continue
        if fold(text[slice(*spans[position])]) in ARTICLES:
            continue
        for width in range(min(_CARRY_WINDOW, len(spans) - position), 0, -1):
            start, end = spans[position][0], spans[position + width - 1][1]
            chunk = text[start:end]
            key = " ".join(singles[position : position + width])
            if width == 1 and key in state.vocab.lowercase_skip:
                continue  # "sobre" the envelope is "sobre" the preposition in lower case
            if key in known and not chunk.isupper() and not inside(quoted, start, end):
                category = known[key]
                # Established with certainty before, so in play again when someone is
                # there to use it; not when extras carry it or a sentence only dresses the set.
                seen = category in _ALWAYS_SEEN or _handled(state, index, text, start)
                idle = _crowd_owned(state, index, text, start) or not _people_near(
                    state, index, text, start
                )
                confidence = HANDLED if seen or not idle else MENTIONED
                state.tags.append(Tag(category, chunk, key, index, start, end, confidence))
                taken = end
                break
