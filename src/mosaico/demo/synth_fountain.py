"""Writing planned scenes as Fountain text that paginates to the planned length.

A scene of ``e`` eighths gets about ``e * 55 / 8`` laid-out lines: the heading,
then paragraphs each preceded by one blank line. Lines are counted as the page
layout wraps them (action 61 characters wide, dialogue 35, Courier 12 pt), and
the last paragraph is cut to the exact number of lines left. Calibrated against
``mosaico.screenplay.paginate``: with the target shifted 0.15 eighth down (the
blank line before the next heading and page feet add lines), 99 % of scenes of
the season tier paginate to exactly the planned length, the rest one eighth off.
Every character in the scene's cast speaks at least once, so the cast can be read
back from the cues.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from itertools import chain, cycle

from mosaico.demo.synth_model import CastMember, SynthScene
from mosaico.demo.synth_words import (
    ACTION_EN,
    ACTION_ES,
    BACKGROUND,
    DIALOGUE_EN,
    DIALOGUE_ES,
    ELEMENT_TEMPLATES,
    ELEMENTS,
    PARENTHETICALS,
    TIME_WORDS,
)
from mosaico.screenplay.model import IntExt

ACTION_WIDTH = 61
DIALOGUE_WIDTH = 36
LINES_PER_PAGE = 55
# Eighths are rounded up from lines (paginate.eighths_for): aim at the middle of the
# last eighth, so a line more or less keeps the length.
TARGET_SHIFT = 0.5

_ACTION = {"es": ACTION_ES, "en": ACTION_EN}
_DIALOGUE = {"es": DIALOGUE_ES, "en": DIALOGUE_EN}
_NOBODY = {"es": "Alguien", "en": "Someone"}
_PREFIX = {IntExt.INT: "INT.", IntExt.EXT: "EXT.", IntExt.INT_EXT: "INT./EXT.", IntExt.NONE: ""}


def target_lines(eighths: int) -> int:
    """Laid-out lines (heading included) that a scene of ``eighths`` is written to."""
    return max(2, round((eighths - TARGET_SHIFT) * LINES_PER_PAGE / 8))


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes when wrapped word by word at ``width`` characters."""
    lines, current = 0, -1
    for word in text.split():
        if current >= 0 and current + 1 + len(word) <= width:
            current += 1 + len(word)
        else:
            lines += 1
            current = len(word)
    return lines


def fill_lines(words: Iterator[str], width: int, count: int) -> str:
    """Exactly ``count`` wrapped lines of words from ``words``, ending with a full stop."""
    lines: list[str] = []
    current = ""
    for word in words:
        # Keep room on the last line for the full stop added below.
        room = width - 1 if len(lines) == count - 1 else width
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            if len(lines) == count:
                current = ""
                break
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    # End on a whole sentence when one ends on the last line (the line count stays the same).
    last = lines[-1]
    ends = [
        i for i, c in enumerate(last) if c in ".?!" and i + 1 < len(last) and last[i + 1] == " "
    ]
    if ends and not last.endswith((".", "?", "!")):
        lines[-1] = last[: ends[-1] + 1]
    text = " ".join(lines).rstrip(",;:¿¡")
    return text if text.endswith((".", "?", "!")) else text + "."


def _words(rng: random.Random, sentences: Sequence[str], who: Sequence[str]) -> Iterator[str]:
    """An endless stream of words from random sentences, ``{who}`` filled with a name."""
    names = cycle(who) if who else None
    while True:
        sentence = rng.choice(sentences)
        if "{who}" in sentence:
            sentence = sentence.format(who=next(names) if names else "")
            if not names:
                continue
        yield from sentence.split()


def compose(
    rng: random.Random,
    sentences: Sequence[str],
    who: Sequence[str],
    width: int,
    count: int,
    start: str = "",
) -> str:
    """A paragraph of whole sentences that wraps to exactly ``count`` lines.

    Sentences are drawn until the count is reached, skipping any that would
    overshoot; when no draw lands exactly, the words are cut at the line's end.
    """
    text = start
    pool = [s for s in sentences if "{who}" not in s] if not who else list(sentences)
    lines = wrapped_lines(text, width)
    for _ in range(40):
        if lines >= count:
            break
        sentence = rng.choice(pool)
        if "{who}" in sentence:
            sentence = sentence.format(who=rng.choice(who))
        candidate = f"{text} {sentence}" if text else sentence
        size = wrapped_lines(candidate, width)
        if size <= count:
            text, lines = candidate, size
    if lines == count or (lines > count and text == start):
        return text
    return fill_lines(chain(start.split(), _words(rng, sentences, who)), width, count)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def heading(scene: SynthScene) -> str:
    time = TIME_WORDS[scene.language][scene.time]
    return f"{_PREFIX[scene.int_ext]} {scene.set} - {time} #{scene.number}#"


def _opening(rng: random.Random, scene: SynthScene, who: Sequence[str]) -> list[str]:
    """Sentences that must appear: the elements in CAPS and the crowd, if any."""
    sentences = []
    subject = list(who) or [_NOBODY[scene.language]]
    for element in scene.elements:
        phrase = next(
            e.phrase for e in ELEMENTS[scene.language][element.category] if e.word == element.name
        )
        template = rng.choice(ELEMENT_TEMPLATES[scene.language][element.category])
        sentences.append(_capital(template.format(who=rng.choice(subject), item=phrase)))
    if scene.background:
        sentences.append(rng.choice(BACKGROUND[scene.language]).format(n=scene.background))
    return sentences


def write_scene(rng: random.Random, scene: SynthScene, cast: dict[int, CastMember]) -> list[str]:
    """The scene's Fountain lines, the heading first, without the blank line before it."""
    members = [cast[n] for n in scene.cast]
    who = [m.character.title() for m in members]
    actions = _ACTION[scene.language]
    budget = target_lines(scene.eighths) - 1
    out = [heading(scene)]
    needed = 3 * len(members)  # blank, cue, one line of dialogue each
    opening = " ".join(_opening(rng, scene, who))
    if opening or not members or budget - needed >= 4:
        want = wrapped_lines(opening, ACTION_WIDTH)
        spare = budget - needed - 1
        size = max(want, min(spare, rng.randint(1, 4))) if members else max(want, spare)
        text = compose(rng, actions, who, ACTION_WIDTH, size, opening)
        while not text.startswith(opening):  # the closing full stop took one line more
            size += 1
            text = compose(rng, actions, who, ACTION_WIDTH, size, opening)
        out += ["", text]
        budget -= 1 + wrapped_lines(text, ACTION_WIDTH)
    order = rng.sample(members, len(members))
    turn = 0
    last: CastMember | None = None
    while members and (budget >= 3 or turn < len(order)):
        if turn < len(order):
            speaker = order[turn]
        elif budget >= 3 and last is not None and (len(members) == 1 or rng.random() < 0.25):
            # An action beat between lines (and what breaks up a monologue).
            size = min(budget - 1, rng.randint(1, 4))
            out += ["", compose(rng, actions, who, ACTION_WIDTH, size)]
            budget -= 1 + size
            last = None
            continue
        else:
            speaker = rng.choice([m for m in members if m is not last])
        turn += 1
        last = speaker
        out += ["", speaker.character]
        budget -= 2
        if budget >= 3 and rng.random() < 0.1:
            out.append(rng.choice(PARENTHETICALS[scene.language]))
            budget -= 1
        left = max(0, len(order) - turn)
        size = max(1, min(rng.randint(1, 4), budget - 3 * left))
        language = speaker.language if rng.random() < 0.5 else scene.language
        out.append(compose(rng, _DIALOGUE[language], (), DIALOGUE_WIDTH, size))
        budget -= size
    if budget >= 2:
        out += ["", compose(rng, actions, who, ACTION_WIDTH, budget - 1)]
    return out


def title_page(title: str, episode: int, episode_title: str, writers: str, date: str) -> str:
    return (
        f"Title: {title}\n"
        f"Credit: Episodio {episode}: {episode_title}\n"
        f"Author: {writers}\n"
        f"Draft date: {date}\n"
    )


def write_episode(
    rng: random.Random,
    scenes: Sequence[SynthScene],
    cast: dict[int, CastMember],
    front: str,
) -> str:
    """An episode's whole Fountain text: title page, then the scenes, blank lines between."""
    parts = [front]
    for scene in scenes:
        parts.append("\n".join(write_scene(rng, scene, cast)) + "\n")
    return "\n".join(parts)
