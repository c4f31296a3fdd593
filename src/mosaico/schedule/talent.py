"""The talent-scheduling problem: the sequencing core of a shooting schedule.

n scenes are shot one after another at one location; scene s lasts ``d(s)``
days and needs the actors ``a(s)``. An actor is paid ``c(a)`` for every day
from the first day of their first scene to the last day of their last scene,
waiting ("holding") days included. The total cost of an order is what the
actors are paid; its idle (holding) cost is the part paid for waiting days.
The working part is fixed by the instance, so both objectives rank orders alike.

Two file formats are read, both as published with the benchmark instances:

Stuckey's format (whitespace tokens; line breaks carry no meaning)::

    name  n  m  { n zeros/ones, cost } x m actors  { duration } x n scenes

MiniZinc data (``.dzn``): ``numScenes``, ``numActors``, ``ia`` (actor x scene
0/1 rows), ``c`` (costs) and ``d`` (durations); or the CSPLib rehearsal
variant ``num_pieces``, ``num_players``, ``duration`` and ``rehearsal``
(player x piece), where every player costs 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mosaico.errors import InputError, ValidationError

#: Inputs larger than this are refused before parsing (a talent file is a few KiB).
MAX_FILE_BYTES = 4 * 1024 * 1024
#: The most scenes and actors one instance may declare (keeps memory bounded).
MAX_SCENES = 2000
MAX_ACTORS = 1000


@dataclass(frozen=True)
class TalentInstance:
    """Scenes with durations and casts, actors with daily costs.

    ``casts[s]`` holds the 0-based actor indices in scene ``s``.
    """

    name: str
    durations: tuple[int, ...]
    casts: tuple[frozenset[int], ...]
    costs: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.durations) != len(self.casts):
            raise ValidationError("casts", "one cast per scene is needed")
        if any(d < 1 for d in self.durations):
            raise ValidationError("durations", "every scene lasts at least one day")
        if any(c < 0 for c in self.costs):
            raise ValidationError("costs", "a daily cost cannot be negative")
        m = len(self.costs)
        for s, cast in enumerate(self.casts):
            if any(not 0 <= a < m for a in cast):
                raise ValidationError(f"casts[{s}]", f"actors are numbered 0..{m - 1}")

    @property
    def scenes(self) -> int:
        return len(self.durations)

    @property
    def actors(self) -> int:
        return len(self.costs)

    def working_cost(self) -> int:
        """What the actors are paid for the days they work: the same in every order."""
        return sum(
            self.durations[s] * self.costs[a] for s, cast in enumerate(self.casts) for a in cast
        )


def cost(instance: TalentInstance, order: tuple[int, ...] | list[int]) -> tuple[int, int]:
    """Total and idle cost of shooting the scenes in ``order`` (0-based scene indices)."""
    n = instance.scenes
    if sorted(order) != list(range(n)):
        raise ValidationError("order", f"must list each of the {n} scenes exactly once")
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    day = 0
    for s in order:
        for a in instance.casts[s]:
            first.setdefault(a, day)
            last[a] = day + instance.durations[s]
        day += instance.durations[s]
    total = sum(instance.costs[a] * (last[a] - first[a]) for a in first)
    return total, total - instance.working_cost()


# --- Stuckey's format -----------------------------------------------------------


def write_stuckey(instance: TalentInstance) -> str:
    """The instance as Stuckey-format text: name, n, m, one row per actor of n zeros
    or ones followed by the daily cost, then the n durations (``read_stuckey``'s input)."""
    lines = [instance.name, str(len(instance.durations)), str(len(instance.costs)), ""]
    for actor, daily in enumerate(instance.costs):
        row = " ".join("1" if actor in cast else "0" for cast in instance.casts)
        lines.append(f"{row}  {daily}")
    lines.append("")
    lines.append(" ".join(str(d) for d in instance.durations))
    return "\n".join(lines) + "\n"


def _tokens(text: str) -> list[tuple[str, int]]:
    """Whitespace tokens with their 1-based line numbers."""
    return [(tok, no) for no, line in enumerate(text.splitlines(), 1) for tok in line.split()]


def read_stuckey(text: str, source: str) -> TalentInstance:
    """Read Stuckey's whitespace-token format; errors name ``source`` and the token's line."""
    tokens = _tokens(text)
    if not tokens:
        raise InputError(f"{source}: the file is empty")
    pos = 0

    def integer(what: str) -> int:
        nonlocal pos
        if pos >= len(tokens):
            last_line = tokens[-1][1]
            raise InputError(
                f"{source}, line {last_line}: the file ends early; expected {what} "
                f"(token {pos + 1})"
            )
        tok, line = tokens[pos]
        pos += 1
        if not re.fullmatch(r"[+-]?\d{1,12}", tok):
            raise InputError(f"{source}, line {line}: expected {what}, found {tok!r} (token {pos})")
        return int(tok)

    name = tokens[0][0]
    pos = 1
    n = integer("the number of scenes")
    m = integer("the number of actors")
    _check_sizes(source, n, m)
    members: list[list[int]] = []
    costs: list[int] = []
    for a in range(m):
        row = []
        for s in range(n):
            bit = integer(f"0 or 1 for actor {a + 1}, scene {s + 1}")
            if bit not in (0, 1):
                line = tokens[pos - 1][1]
                raise InputError(
                    f"{source}, line {line}: actor {a + 1}, scene {s + 1} must be 0 or 1, "
                    f"found {bit} (token {pos}); does n={n} match the rows?"
                )
            row.append(bit)
        members.append(row)
        costs.append(
            _non_negative(source, tokens[pos - 1][1], integer(f"the cost of actor {a + 1}"), pos)
        )
    durations = []
    for s in range(n):
        d = integer(f"the duration of scene {s + 1}")
        if d < 1:
            raise InputError(
                f"{source}, line {tokens[pos - 1][1]}: scene {s + 1} must last at least one day, "
                f"found {d} (token {pos})"
            )
        durations.append(d)
    if pos != len(tokens):
        tok, line = tokens[pos]
        raise InputError(
            f"{source}, line {line}: unexpected {tok!r} after the {n} durations (token {pos + 1}); "
            f"is n={n} or m={m} wrong?"
        )
    return _build(name, members, costs, durations)


def _non_negative(source: str, line: int, value: int, pos: int) -> int:
    if value < 0:
        raise InputError(
            f"{source}, line {line}: a cost cannot be negative, found {value} (token {pos})"
        )
    return value


def _check_sizes(source: str, n: int, m: int) -> None:
    if not 1 <= n <= MAX_SCENES:
        raise InputError(f"{source}: the number of scenes must be 1..{MAX_SCENES}, found {n}")
    if not 1 <= m <= MAX_ACTORS:
        raise InputError(f"{source}: the number of actors must be 1..{MAX_ACTORS}, found {m}")


def _build(
    name: str, members: list[list[int]], costs: list[int], durations: list[int]
) -> TalentInstance:
    n = len(durations)
    casts = tuple(frozenset(a for a, row in enumerate(members) if row[s]) for s in range(n))
    return TalentInstance(name=name, durations=tuple(durations), casts=casts, costs=tuple(costs))


# --- MiniZinc data (.dzn) -------------------------------------------------------------

_ASSIGNMENT = re.compile(r"\s*([A-Za-z_]\w*)\s*=\s*(.*)", re.DOTALL)
_INT = re.compile(r"[+-]?\d{1,12}")


def _statements(text: str) -> list[tuple[str, str, int]]:
    """``name = value`` statements of a dzn file with the line each one starts on."""
    out = []
    line = 1
    clean = "\n".join(row.split("%", 1)[0] for row in text.splitlines())
    for chunk in clean.split(";"):
        leading = chunk[: len(chunk) - len(chunk.lstrip())]
        start = line + leading.count("\n")
        line += chunk.count("\n")
        if not chunk.strip():
            continue
        found = _ASSIGNMENT.fullmatch(chunk)
        if found is None:
            raise InputError(f"?:{start}: expected 'name = value;', found {chunk.strip()[:40]!r}")
        out.append((found.group(1), found.group(2).strip(), start))
    return out


def _ints(source: str, name: str, value: str, line: int) -> list[int]:
    """The integers of an int or (1-d, 2-d, array2d) array literal, row-major."""
    body = value
    if body.startswith("array2d"):
        opened = body.find("[")
        if opened < 0 or not body.endswith(")"):
            raise InputError(f"{source}, line {line}: {name} is not a valid array2d(...)")
        body = body[opened : body.rfind("]") + 1]
    body = body.strip()
    if body.startswith("["):
        if not body.endswith("]"):
            raise InputError(f"{source}, line {line}: {name} opens '[' but does not close it")
        body = body[1:-1]
    items = [item for item in re.split(r"[,|\s]+", body) if item]
    for item in items:
        if not _INT.fullmatch(item):
            raise InputError(f"{source}, line {line}: {name} holds {item!r}, expected an integer")
    return [int(item) for item in items]


def read_dzn(text: str, source: str) -> TalentInstance:
    """Read MiniZinc talent (``numScenes``...) or CSPLib rehearsal (``num_pieces``...) data."""
    if not text.strip():
        raise InputError(f"{source}: the file is empty")
    try:
        statements = _statements(text)
    except InputError as err:
        raise InputError(str(err).replace("?:", f"{source}, line ", 1)) from None
    values = {name: (value, line) for name, value, line in statements}

    def get(name: str) -> list[int]:
        if name not in values:
            raise InputError(f"{source}: {name} is missing")
        value, line = values[name]
        return _ints(source, name, value, line)

    def scalar(name: str) -> int:
        got = get(name)
        if len(got) != 1:
            raise InputError(f"{source}, line {values[name][1]}: {name} must be one integer")
        return got[0]

    if "numScenes" in values:
        n, m = scalar("numScenes"), scalar("numActors")
        matrix, costs, durations = get("ia"), get("c"), get("d")
        names = ("ia", "c", "d")
    elif "num_pieces" in values:
        n, m = scalar("num_pieces"), scalar("num_players")
        matrix, durations = get("rehearsal"), get("duration")
        costs = [1] * m
        names = ("rehearsal", "", "duration")
    else:
        raise InputError(f"{source}: neither numScenes/numActors nor num_pieces/num_players found")
    _check_sizes(source, n, m)
    for field, data, size in (
        (names[0], matrix, n * m),
        (names[1], costs, m),
        (names[2], durations, n),
    ):
        if field and len(data) != size:
            raise InputError(
                f"{source}, line {values[field][1]}: {field} has {len(data)} values, expected {size}"
            )
    if any(v not in (0, 1) for v in matrix):
        raise InputError(f"{source}, line {values[names[0]][1]}: {names[0]} must hold only 0 and 1")
    if any(v < 0 for v in costs):
        raise InputError(f"{source}, line {values['c'][1]}: a cost cannot be negative")
    if any(v < 1 for v in durations):
        raise InputError(
            f"{source}, line {values[names[2]][1]}: every scene lasts at least one day"
        )
    members = [matrix[a * n : (a + 1) * n] for a in range(m)]
    return _build(Path(source).stem, members, costs, durations)


def read_instance(path: Path) -> TalentInstance:
    """Read a talent file, choosing the format by content (a dzn file assigns with '=')."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{source}: {size} bytes is more than the {MAX_FILE_BYTES} allowed")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not a text file (byte {exc.start} is not UTF-8)") from exc
    if "=" in text:
        return read_dzn(text, source)
    return read_stuckey(text, source)
