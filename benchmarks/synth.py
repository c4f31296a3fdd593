"""Time to generate each synthetic tier (the telenovela tier must take under 30 s).

For each tier: the median time of ``generate_production`` over a few runs, the
time to write its files, its size (scenes, pages, cast, Fountain bytes) and the
peak Python memory while generating. Then the talent-instance generator at the
sizes the scheduler's benchmarks use.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/synth.py [--quick]``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import markdown_table, median_seconds, peak_memory_mb, save

from mosaico.demo.synth import Tier, generate_production, generate_talent_instance, write_production

TELENOVELA_LIMIT_S = 30.0


def tiers(repeats: int) -> tuple[str, float]:
    header = [
        "tier",
        "scenes",
        "pages",
        "cast",
        "Fountain KiB",
        "generate s",
        "write s",
        "peak MiB",
    ]
    rows = []
    telenovela = 0.0
    for tier in Tier:
        seconds = median_seconds(lambda tier=tier: generate_production(tier, seed=1), repeats)
        production = generate_production(tier, seed=1)
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            write_production(production, Path(folder))
            written = time.perf_counter() - start
        memory = peak_memory_mb(lambda tier=tier: generate_production(tier, seed=1))
        pages = sum(scene.eighths for scene in production.scenes) / 8
        size = sum(len(e.fountain.encode()) for e in production.episodes) / 1024
        rows.append(
            [
                tier.value,
                len(production.scenes),
                f"{pages:.0f}",
                len(production.cast),
                f"{size:,.0f}",
                f"{seconds:.3f}",
                f"{written:.3f}",
                f"{memory:.0f}",
            ]
        )
        if tier is Tier.TELENOVELA:
            telenovela = seconds
    return markdown_table(header, rows), telenovela


def talent(repeats: int) -> str:
    header = ["scenes x actors", "density", "ms per instance"]
    rows = []
    for n, m, density in ((20, 8, 0.3), (64, 22, 0.3), (200, 40, 0.2), (2000, 200, 0.1)):
        seconds = median_seconds(
            lambda n=n, m=m, d=density: generate_talent_instance(n, m, d, 1), repeats
        )
        rows.append([f"{n} x {m}", density, f"{seconds * 1000:.2f}"])
    return markdown_table(header, rows)


def main() -> None:
    repeats = 3 if "--quick" in sys.argv else 5
    table, telenovela = tiers(repeats)
    print(f"Synthetic productions, median of {repeats} runs (seed 1)\n")
    print(table)
    verdict = "under" if telenovela < TELENOVELA_LIMIT_S else "OVER"
    print(f"\ntelenovela tier: {telenovela:.2f} s, {verdict} the {TELENOVELA_LIMIT_S:.0f} s budget")
    talent_table = talent(repeats)
    print("\nTalent-scheduling instances\n")
    print(talent_table)
    path = save("synth.md", table + "\n\n" + talent_table)
    print(f"\nsaved {path}")
    if telenovela >= TELENOVELA_LIMIT_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
