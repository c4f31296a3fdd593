"""Random talent-scheduling instances in Stuckey's text format, for the scheduler's benchmarks.

The format (as in ``shared/data/talent/stuckey-format/``) is whitespace-separated
tokens: a name, ``n`` scenes, ``m`` actors, then one row per actor of ``n`` zeros
or ones (1 = the actor is in that scene) followed by the actor's daily cost,
then the ``n`` scene durations in days.

Every actor is drawn into each scene with probability ``density``; afterwards a
scene nobody is in gets one actor and an actor in no scene gets one scene, so
the instance is always well formed. Costs are 1–100, durations 1–10 days.
"""

from __future__ import annotations

import random
from pathlib import Path

from mosaico.errors import ValidationError
from mosaico.schedule.talent import TalentInstance, write_stuckey

MIN_COST, MAX_COST = 1, 100
MIN_DURATION, MAX_DURATION = 1, 10
# Big enough for any benchmark we run, small enough that a typo cannot fill the disk.
MAX_SCENES, MAX_ACTORS = 2_000, 500


def instance_name(n: int, m: int, density: float, seed: int) -> str:
    """A one-token name that says how the instance was made, e.g. ``synth_20x8_d35_s1``."""
    return f"synth_{n}x{m}_d{round(density * 100)}_s{seed}"


def _check(n: int, m: int, density: float) -> None:
    if not 1 <= n <= MAX_SCENES:
        raise ValidationError("scenes", f"must be between 1 and {MAX_SCENES}, got {n}")
    if not 1 <= m <= MAX_ACTORS:
        raise ValidationError("actors", f"must be between 1 and {MAX_ACTORS}, got {m}")
    if not 0.0 < density <= 1.0:
        raise ValidationError("density", f"must be above 0 and at most 1, got {density}")


def make_talent_instance(n: int, m: int, density: float, seed: int) -> TalentInstance:
    """Draw an instance of ``n`` scenes and ``m`` actors; equal arguments, equal instance."""
    _check(n, m, density)
    rng = random.Random(f"talent:{n}:{m}:{density}:{seed}")
    cast = [[rng.random() < density for _ in range(n)] for _ in range(m)]
    for scene in range(n):
        if not any(cast[actor][scene] for actor in range(m)):
            cast[rng.randrange(m)][scene] = True
    for row in cast:
        if not any(row):
            row[rng.randrange(n)] = True
    costs = tuple(rng.randint(MIN_COST, MAX_COST) for _ in range(m))
    durations = tuple(rng.randint(MIN_DURATION, MAX_DURATION) for _ in range(n))
    return TalentInstance(
        name=instance_name(n, m, density, seed),
        durations=durations,
        casts=tuple(frozenset(a for a in range(m) if cast[a][scene]) for scene in range(n)),
        costs=costs,
    )


def generate_talent_instance(n: int, m: int, density: float, seed: int) -> str:
    """Stuckey-format text of a random instance; deterministic in its arguments."""
    return write_stuckey(make_talent_instance(n, m, density, seed))


def write_talent_instances(
    directory: Path, *, scenes: int, actors: int, density: float, seed: int, count: int
) -> list[Path]:
    """Write ``count`` instances (seeds ``seed``, ``seed + 1``, …) as files named after them."""
    if not 1 <= count <= 10_000:
        raise ValidationError("count", f"must be between 1 and 10000, got {count}")
    _check(scenes, actors, density)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        instance = make_talent_instance(scenes, actors, density, seed + k)
        path = directory / instance.name
        path.write_text(write_stuckey(instance), encoding="utf-8")
        paths.append(path)
    return paths
