"""Planning the scenes of a synthetic production before any text is written.

The shapes a 1st AD would recognise: lengths from 1/8 to 5 pages with a median
near 6/8 (log-normal), about two day scenes for each night one with some dawn
and dusk, script days whose scenes run from morning to night, a few regulars in
most scenes and day players in one to three, crowds in public places.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from mosaico.demo.synth_model import CastKind, CastMember, SceneElement, Set
from mosaico.demo.synth_words import ELEMENTS
from mosaico.errors import ValidationError
from mosaico.screenplay.model import IntExt, TimeOfDay

MIN_EIGHTHS, MAX_EIGHTHS = 1, 40
MEDIAN_EIGHTHS, LENGTH_SIGMA = 6.0, 0.8
TIMES = (TimeOfDay.DAY, TimeOfDay.NIGHT, TimeOfDay.DAWN, TimeOfDay.DUSK)
TIME_WEIGHTS = (0.60, 0.32, 0.04, 0.04)
_TIME_ORDER = {TimeOfDay.DAWN: 0, TimeOfDay.DAY: 1, TimeOfDay.DUSK: 2, TimeOfDay.NIGHT: 3}
CAST_SIZES = (1, 2, 3, 4, 5, 6)
CAST_SIZE_WEIGHTS = (0.22, 0.34, 0.22, 0.12, 0.06, 0.04)
INT_EXT_MIX = (IntExt.INT, IntExt.EXT, IntExt.INT_EXT)
INT_EXT_WEIGHTS = (0.55, 0.39, 0.06)
CROSSOVER_SHARE = 0.1
CROWDS = (8, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150)
SCENES_PER_SCRIPT_DAY = 12


def speaking_capacity(eighths: int) -> int:
    """How many characters can speak in a scene this long (each needs about three lines)."""
    lines = eighths * 55 / 8
    return max(1, min(8, int((lines - 2) // 3)))


@dataclass(slots=True)
class PlannedScene:
    """A scene being planned; frozen into ``SynthScene`` once its cast is known."""

    episode: int
    number: str
    set: Set
    time: TimeOfDay
    script_day: int
    eighths: int
    storyline: int
    crossover: tuple[int, ...]  # other storylines that meet here
    slots: int
    background: int
    elements: tuple[SceneElement, ...]
    language: str
    cast: list[int]


def _length(rng: random.Random) -> int:
    value = round(rng.lognormvariate(math.log(MEDIAN_EIGHTHS), LENGTH_SIGMA))
    return max(MIN_EIGHTHS, min(MAX_EIGHTHS, value))


def _numbers(rng: random.Random, count: int) -> list[str]:
    """1, 2, 3, 3A, 4…: now and then a scene inserted after locking keeps a lettered number."""
    numbers: list[str] = []
    base = 0
    while len(numbers) < count:
        if base and rng.random() < 0.02 and numbers[-1] == str(base):
            numbers.append(f"{base}A")
        else:
            base += 1
            numbers.append(str(base))
    return numbers


def _elements(rng: random.Random, language: str, int_ext: IntExt) -> tuple[SceneElement, ...]:
    count = rng.choices((0, 1, 2, 3), (0.4, 0.35, 0.18, 0.07))[0]
    # Vehicles and animals mostly outside; an interior gets props.
    categories = ("Props",) if int_ext == IntExt.INT else ("Props", "Vehicles", "Animals")
    chosen: dict[str, SceneElement] = {}
    for _ in range(count):
        category = rng.choice(categories)
        word = rng.choice(ELEMENTS[language][category])
        chosen.setdefault(word.word, SceneElement(category, word.word))
    return tuple(chosen.values())


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` into ``parts`` sizes differing by at most one, larger first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def plan_scenes(
    rng: random.Random,
    *,
    scenes: int,
    episodes: int,
    sets: Sequence[Set],
    set_storyline: dict[str, int],
    set_language: dict[str, str],
    storylines: int,
) -> list[PlannedScene]:
    """Every scene's episode, number, set, time, script day, length, crowd and elements."""
    own: dict[int, list[Set]] = {s: [] for s in range(storylines)}
    public = [s for s in sets if set_storyline[s.name] == -1]
    for s in sets:
        if set_storyline[s.name] >= 0:
            own[set_storyline[s.name]].append(s)
    # Some sets are used far more than others (the family kitchen, the bar).
    use = {s.name: rng.paretovariate(1.5) for s in sets}
    weights = [1.0 / (1 + 0.15 * s) for s in range(storylines)]
    planned: list[PlannedScene] = []
    script_day = 0
    for episode, count in enumerate(split_evenly(scenes, episodes), start=1):
        numbers = _numbers(rng, count)
        days = split_evenly(count, max(1, round(count / SCENES_PER_SCRIPT_DAY)))
        index = 0
        for day_size in days:
            script_day += 1
            times = sorted(
                rng.choices(TIMES, TIME_WEIGHTS, k=day_size), key=_TIME_ORDER.__getitem__
            )
            for time in times:
                storyline = rng.choices(range(storylines), weights)[0]
                crossover: tuple[int, ...] = ()
                pool = own[storyline] or public or list(sets)
                if public and (rng.random() < CROSSOVER_SHARE or not own[storyline]):
                    others = [s for s in range(storylines) if s != storyline]
                    crossover = tuple(rng.sample(others, min(len(others), rng.randint(1, 2))))
                    pool = public
                elif public and rng.random() < 0.15:
                    pool = public
                # Interior or exterior first, so the mix holds whatever sets were drawn.
                wanted = rng.choices(INT_EXT_MIX, INT_EXT_WEIGHTS)[0]
                fitting = [s for s in pool if s.int_ext == wanted]
                if not fitting:  # borrow a set of that kind from another storyline
                    fitting = [s for s in sets if s.int_ext == wanted]
                pool = fitting or pool
                chosen = rng.choices(pool, [use[s.name] for s in pool])[0]
                eighths = _length(rng)
                language = set_language[chosen.name]
                big = eighths >= 2
                background = 0
                if big and chosen.public and (crossover or rng.random() < 0.6):
                    background = rng.choice(CROWDS)
                elif big and rng.random() < 0.15:
                    background = rng.randint(1, 4)
                size = rng.choices(CAST_SIZES, CAST_SIZE_WEIGHTS)[0] + len(crossover)
                if eighths <= 2 and rng.random() < 0.15:
                    size = 0  # a short establishing scene with nobody named in it
                planned.append(
                    PlannedScene(
                        episode=episode,
                        number=numbers[index],
                        set=chosen,
                        time=time,
                        script_day=script_day,
                        eighths=eighths,
                        storyline=storyline,
                        crossover=crossover,
                        slots=min(size, speaking_capacity(eighths)),
                        background=background,
                        elements=_elements(rng, language, chosen.int_ext) if big else (),
                        language=language,
                        cast=[],
                    )
                )
                index += 1
    return planned


def assign_cast(
    rng: random.Random, planned: list[PlannedScene], cast: Sequence[CastMember]
) -> None:
    """Fill each scene's slots: every role at least once, day players in one to three
    scenes of one episode, regulars by billing (a storyline's lead in most of its scenes)."""
    capacity = sum(speaking_capacity(p.eighths) for p in planned)
    if len(cast) > capacity:
        raise ValidationError(
            "cast",
            f"{len(cast)} roles cannot all speak in {len(planned)} scenes (at most {capacity})",
        )
    by_storyline: dict[int, list[int]] = {}
    for i, p in enumerate(planned):
        by_storyline.setdefault(p.storyline, []).append(i)

    def free(i: int) -> bool:
        return len(planned[i].cast) < planned[i].slots

    def place(member: CastMember, i: int) -> None:
        p = planned[i]
        if len(p.cast) >= p.slots:
            p.slots = len(p.cast) + 1  # room made in a scene that can take one more speaker
        p.cast.append(member.number)

    def somewhere(member: CastMember) -> int:
        mine = by_storyline.get(member.storyline, [])
        for candidates in (mine, range(len(planned))):
            options = [i for i in rng.sample(list(candidates), min(len(candidates), 40)) if free(i)]
            if options:
                return options[0]
        room = [i for i, p in enumerate(planned) if len(p.cast) < speaking_capacity(p.eighths)]
        return rng.choice(room)  # never empty: the roles fit the capacity checked above

    regulars = [m for m in cast if m.kind == CastKind.REGULAR]
    first_scene: dict[int, int] = {}
    for member in cast:  # billing order: regulars first
        first_scene[member.number] = somewhere(member)
        place(member, first_scene[member.number])
    for member in cast:
        if member.kind != CastKind.DAY_PLAYER:
            continue
        first = first_scene[member.number]
        nearby = [
            i
            for i in by_storyline.get(planned[first].storyline, [])
            if planned[i].episode == planned[first].episode and i != first and free(i)
        ]
        extra = rng.choices((0, 1, 2), (0.5, 0.3, 0.2))[0]
        for i in rng.sample(nearby, min(len(nearby), extra)):
            place(member, i)
    members_of: dict[int, list[CastMember]] = {}
    for member in regulars:
        members_of.setdefault(member.storyline, []).append(member)
    rank_weight = {
        m.number: 1.0 / (1 + i) ** 1.2 for s in members_of.values() for i, m in enumerate(s)
    }
    for p in planned:
        pool = [m for s in (p.storyline, *p.crossover) for m in members_of.get(s, [])] or regulars
        tries = 0
        while len(p.cast) < p.slots and tries < 50:  # a small pool may not fill every slot
            tries += 1
            if rng.random() < 0.1:
                member = rng.choice(regulars)
            else:
                member = rng.choices(pool, [rank_weight[m.number] for m in pool])[0]
            if member.number not in p.cast:
                p.cast.append(member.number)
        p.cast.sort()
