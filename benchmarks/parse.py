"""Parsing speed: mosaico versus screenplain, jouvence and screenplay-tools, same run.

Each parser reads the same text already in memory (no file I/O timed); the
median of several repeats is reported, with the ratio peer / mosaico (above 1
means mosaico is faster). Then parse + paginate of a 5,000-scene synthetic
script: time and peak Python memory, and pagination's cost relative to parsing.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/parse.py``).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable

from _common import DATA, markdown_table, median_seconds, peak_memory_mb, save

from mosaico.screenplay import fountain
from mosaico.screenplay.paginate import Paper, paginate

SCRIPTS = {
    "Big Fish": DATA / "scripts" / "full-length" / "big-fish.fountain",
    "Charade": DATA / "scripts" / "full-length" / "charade-1963.fountain",
}


def _peers() -> dict[str, Callable[[str], object]]:
    """The peers installed in this environment (``pip install -e '.[bench]'``)."""
    peers: dict[str, Callable[[str], object]] = {}
    try:
        from screenplain.parsers.fountain import parse as screenplain_parse

        peers["screenplain 0.12"] = lambda text: screenplain_parse(io.StringIO(text))
    except ImportError:
        print("screenplain not installed; skipped", file=sys.stderr)
    try:
        from jouvence.parser import JouvenceParser

        peers["jouvence 0.4"] = lambda text: JouvenceParser().parseString(text)
    except ImportError:
        print("jouvence not installed; skipped", file=sys.stderr)
    try:
        from screenplay_tools.fountain.parser import Parser

        def screenplay_tools_parse(text: str) -> object:
            parser = Parser()
            parser.add_text(text)
            parser.finalize()
            return parser.script

        peers["screenplay-tools 0.0.10"] = screenplay_tools_parse
    except ImportError:
        print("screenplay-tools not installed; skipped", file=sys.stderr)
    return peers


def compare_parsers(repeats: int) -> str:
    """Each repeat times every parser once, in turn, so a busy machine slows all alike."""
    peers = _peers()
    header = ["script", "mosaico ms", *(f"{name} ms" for name in peers), "fastest peer / mosaico"]
    rows = []
    for title, path in SCRIPTS.items():
        text = path.read_text(encoding="utf-8")
        parsers: dict[str, Callable[[str], object]] = {
            "mosaico": lambda text, path=path: fountain.parse(text, str(path)),
            **peers,
        }
        times = interleaved_medians(parsers, text, repeats)
        ours = times.pop("mosaico")
        fastest = min(times.values()) if times else float("nan")
        rows.append(
            [
                title,
                f"{ours * 1000:.2f}",
                *(f"{t * 1000:.2f}" for t in times.values()),
                f"{fastest / ours:.1f}×",
            ]
        )
    return markdown_table(header, rows)


def interleaved_medians(
    parsers: dict[str, Callable[[str], object]], text: str, repeats: int
) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in parsers}
    for parse in parsers.values():
        parse(text)  # warm-up
    for _ in range(repeats):
        for name, parse in parsers.items():
            start = time.perf_counter()
            parse(text)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def synthetic_script(scenes: int) -> str:
    """A long script from mosaico's own seeded generator (telenovela scale)."""
    from mosaico.demo.synth import generate_fountain_script

    return generate_fountain_script(scenes=scenes, seed=7)


def parse_and_paginate(scenes: int, repeats: int) -> str:
    text = synthetic_script(scenes)
    parse_s = median_seconds(lambda: fountain.parse(text, "synthetic"), repeats, warmup=1)
    screenplay = fountain.parse(text, "synthetic")
    paginate_s = median_seconds(lambda: paginate(screenplay, Paper.LETTER), repeats, warmup=1)
    memory = peak_memory_mb(lambda: paginate(fountain.parse(text, "synthetic"), Paper.LETTER))
    pages = paginate(screenplay, Paper.LETTER).page_count
    header = ["script", "scenes", "pages", "parse s", "paginate s", "paginate / parse", "peak MiB"]
    row = [
        "synthetic",
        scenes,
        pages,
        f"{parse_s:.3f}",
        f"{paginate_s:.3f}",
        f"{paginate_s / parse_s:.2f}",
        f"{memory:.0f}",
    ]
    return markdown_table(header, [row])


def main() -> None:
    repeats = 3 if "--quick" in sys.argv else 9
    table = compare_parsers(repeats)
    print("Parsing, median of", repeats, "runs (ratio above 1: mosaico faster)\n")
    print(table)
    big = parse_and_paginate(5_000, max(3, repeats // 3))
    print("\nParse + paginate, 5,000 scenes\n")
    print(big)
    path = save("parse.md", table + "\n\n" + big)
    print(f"\nsaved {path}")


if __name__ == "__main__":
    main()
