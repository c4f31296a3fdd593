"""Auto-tagging quality: precision and recall per category against the hand-tagged gold set.

The gold sets (``tests/breakdown/gold/ep01.yaml``, ``ep02.yaml``) were written by
reading the demo series' first two episodes, not by running the tagger; the
tagger's rules were then tuned against their errors. ``ep03.yaml`` (episode 3,
scenes 1-12) was written later by a reader who never ran or read the tagger, and
is scored apart as the held-out measure. Goal:
cast 1.0/1.0; background, props, vehicles, animals, wardrobe at least 0.85.
Also tags Big Fish as a sanity check (English, no gold) and times both.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/breakdown.py``).
"""

from __future__ import annotations

import time

import yaml
from _common import DATA, REPO, markdown_table, save

from mosaico.breakdown.autotag import Tag
from mosaico.breakdown.quality import Score, read_gold, score
from mosaico.breakdown.script import SHOWN, established, tag_script
from mosaico.breakdown.vocabulary import default_vocabulary
from mosaico.demo.series import load_series
from mosaico.screenplay import fountain

GOLD = REPO / "tests" / "breakdown" / "gold"
GOALS = {
    "cast": 1.0,
    "background": 0.85,
    "props": 0.85,
    "vehicles": 0.85,
    "animals": 0.85,
    "wardrobe": 0.85,
}


def _table(found: dict[int, dict[int, tuple[Tag, ...]]], floor: float) -> tuple[str, list[int]]:
    """The per-category table over both episodes, counting tags at or above ``floor`` confidence."""
    honorifics = default_vocabulary().honorifics
    totals: dict[str, list[int]] = {}
    counts = [0, 0]
    for episode, scenes in found.items():
        gold = read_gold(
            yaml.safe_load((GOLD / f"ep{episode:02d}.yaml").read_text("utf-8")), f"ep{episode:02d}"
        )
        kept = {
            index: tuple(t for t in tags if t.confidence >= floor) for index, tags in scenes.items()
        }
        scores, (right, checked) = score(gold, kept, honorifics)
        counts[0] += right
        counts[1] += checked
        for category, s in scores.items():
            row = totals.setdefault(category, [0, 0, 0])
            row[0] += s.gold
            row[1] += s.found
            row[2] += s.right_found
    rows = []
    for category in sorted(totals, key=lambda c: (c not in GOALS, c)):
        g, f, r = totals[category]
        s = Score(category, g, f, r, r)
        goal = GOALS.get(category)
        met = "" if goal is None else ("yes" if min(s.precision, s.recall) >= goal else "NO")
        rows.append([category, g, f, r, f"{s.precision:.2f}", f"{s.recall:.2f}", goal or "", met])
    header = ["category", "gold", "tagged", "matched", "precision", "recall", "goal", "met"]
    return markdown_table(header, rows), counts


def main() -> None:
    series = load_series()
    started = time.perf_counter()
    found: dict[int, dict[int, tuple[Tag, ...]]] = {}
    known: dict[str, str] = {}
    for episode in (1, 2, 3):
        # Episodes in order, each carrying what the earlier ones established, as a season's breakdown.
        script = fountain.parse(series.episodes[episode - 1].script, f"ep{episode:02d}.fountain")
        scenes = tag_script(script, known_elements=known)
        known.update(established(scenes))
        found[episode] = {sb.scene.index: sb.tags for sb in scenes}
    elapsed = time.perf_counter() - started
    report = []
    tuned = {episode: found[episode] for episode in (1, 2)}
    held_out = {3: found[3]}
    for scenes, name in (
        (tuned, "demo ep01 + ep02, 24 scenes: the set the rules were tuned on"),
        (held_out, "demo ep03 scenes 1-12: HELD OUT, tagged by a reader who never saw the tagger"),
    ):
        for floor, label in (
            (SHOWN, f"the breakdown as shown (confidence >= {SHOWN})"),
            (0.0, "every tag, suggestions for review included"),
        ):
            table, (right, checked) = _table(scenes, floor)
            report.append(f"Breakdown auto-tagging vs gold ({name}), {label}\n\n{table}")
            report.append(f"background counts right: {right}/{checked}")
    print("\n\n".join(report))
    print(f"tagging both episodes took {elapsed:.2f} s")
    big_fish = fountain.parse(
        (DATA / "scripts" / "full-length" / "big-fish.fountain").read_text("utf-8"), "big-fish"
    )
    started = time.perf_counter()
    scenes = tag_script(big_fish)
    elapsed = time.perf_counter() - started
    cast = {t.key for sb in scenes for t in sb.tags if t.category in ("cast", "cast_silent")}
    tagged = sum(len(sb.tags) for sb in scenes)
    print(
        f"Big Fish (sanity, no gold): {len(scenes)} scenes, {tagged} tags, {len(cast)} cast keys, {elapsed:.2f} s"
    )
    save("breakdown.md", "\n\n".join(report))


if __name__ == "__main__":
    main()
