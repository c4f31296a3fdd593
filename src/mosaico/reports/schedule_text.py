"""Day out of days and one-liner as CSV, plain text (for a terminal) and JSON-able dicts."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from mosaico.reports.schedule_labels import OFF_MARKS, TOTAL_HEADERS, shoot_label, words
from mosaico.schedule.dood import DayOutOfDays, DoodRow
from mosaico.schedule.oneliner import Banner, OneLiner, OneLinerDay
from mosaico.screenplay.eighths import Eighths


def _total_values(row: DoodRow) -> list[Any]:
    t = row.totals
    return [t.work, t.hold, t.travel, t.holiday, t.idle, t.start, t.finish, t.paid]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else value)


def dood_csv(dood: DayOutOfDays, *, language: str) -> str:
    """One row per member: number, name, category, a code per date (ISO headers), totals."""
    w = words(language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "#",
            w("Name"),
            w("Category"),
            *(day.date.isoformat() for day in dood.days),
            *(w(label) for _, label in TOTAL_HEADERS),
        ]
    )
    for row in dood.rows:
        category = w("Cast") if row.category == "cast" else w("Elements")
        writer.writerow(
            [row.number, row.name, category, *row.codes, *(_iso(v) for v in _total_values(row))]
        )
    return out.getvalue()


def dood_text(dood: DayOutOfDays, *, language: str, title: str = "") -> str:
    """A fixed-width grid for a terminal: a column of four characters per date."""
    w = words(language)
    name_width = max([len(w("Cast")), *(len(f"{r.number} {r.name}") for r in dood.rows)])
    name_width = min(name_width, 32)
    lines = [f"{w('Day out of days')}{' · ' + title if title else ''}"]
    pad = " " * (name_width + 1)
    lines.append(pad + "".join(f"{day.date.day:>4}" for day in dood.days))
    lines.append(pad + "".join(f"{w.weekday(day.date):>4}" for day in dood.days))
    marks = [shoot_label(day) if day.is_shoot else OFF_MARKS.get(day.kind, "") for day in dood.days]
    totals = " ".join(f"{w(label)[:7]:>7}" for _, label in TOTAL_HEADERS[:5])
    lines.append(f"{w('Cast'):<{name_width}} " + "".join(f"{m:>4}" for m in marks) + "  " + totals)
    for row in dood.rows:
        label = f"{row.number} {row.name}"[:name_width]
        cells = "".join(f"{code:>4}" for code in row.codes)
        t = row.totals
        numbers = " ".join(f"{n:>7}" for n in (t.work, t.hold, t.travel, t.holiday, t.idle))
        lines.append(f"{label:<{name_width}} {cells}  {numbers}")
    if dood.days:
        first, last = dood.days[0].date, dood.days[-1].date
        lines.append(f"{w.short_date(first)} – {w.short_date(last)}")
    return "\n".join(lines) + "\n"


def oneliner_text(
    sheets: OneLiner | Mapping[str, OneLiner], *, language: str, title: str = ""
) -> str:
    """The one-liner for a terminal: day headers, one line per strip, banners, day totals."""
    w = words(language)
    units = {sheets.unit: sheets} if isinstance(sheets, OneLiner) else dict(sheets)
    lines = [f"{w('One-liner')}{' · ' + title if title else ''}"]
    for unit, sheet in units.items():
        if len(units) > 1:
            lines += ["", f"== {w('Unit')}: {unit} =="]
        for entry in sheet.entries:
            if isinstance(entry, Banner):
                lines.append(_banner_text(entry, w))
                continue
            heading = w("Day %(number)d of %(total)d") % {"number": entry.number, "total": entry.of}
            lines.append(f"--- {heading} — {w.long_date(entry.date)} ---")
            for line in entry.lines:
                if isinstance(line, Banner):
                    city = f" ({line.city})" if line.city else ""
                    lines.append(f"    >> {w('Company move')} → {line.reason}{city}")
                    continue
                cast = ", ".join(str(n) for n in line.cast)
                lines.append(
                    f"  {line.scene_id:>8}  {w.int_ext(line.int_ext):<7} {line.set_name[:40]:<40} "
                    f"{w.day_night(line.day_night):<9} {Eighths(line.eighths)!s:>6}  {cast}"
                )
            end = w("End of day %(number)d") % {"number": entry.number}
            lines.append(f"  {end}: {w('Pages')} {Eighths(entry.eighths)} · {entry.hours:.1f} h")
    return "\n".join(lines) + "\n"


def _banner_text(banner: Banner, w: Any) -> str:
    what = w.day_kind(banner.kind) + (f": {banner.reason}" if banner.reason else "")
    when = w.long_date(banner.start)
    if banner.days > 1:
        when += f" – {w.long_date(banner.end)}"
    return f"=== {what} — {when} ==="


def dood_json(dood: DayOutOfDays) -> dict[str, Any]:
    """The grid as plain JSON-able data (dates ISO)."""
    return {
        "units": list(dood.units),
        "days": [
            {
                "date": day.date.isoformat(),
                "kind": day.kind.value,
                "reason": day.reason,
                "shoot_days": [{"unit": u, "number": n} for u, n in day.shoot_days],
            }
            for day in dood.days
        ],
        "rows": [
            {
                "id": row.id,
                "name": row.name,
                "number": row.number,
                "category": row.category,
                "codes": list(row.codes),
                "totals": {
                    "work": row.totals.work,
                    "hold": row.totals.hold,
                    "travel": row.totals.travel,
                    "holiday": row.totals.holiday,
                    "idle": row.totals.idle,
                    "drops": row.totals.drops,
                    "paid": row.totals.paid,
                    "start": _iso(row.totals.start) or None,
                    "finish": _iso(row.totals.finish) or None,
                },
            }
            for row in dood.rows
        ],
    }


def _banner_json(banner: Banner) -> dict[str, Any]:
    return {
        "type": "banner",
        "kind": banner.kind,
        "start": banner.start.isoformat(),
        "end": banner.end.isoformat(),
        "reason": banner.reason,
        "city": banner.city,
    }


def _day_json(day: OneLinerDay) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    for line in day.lines:
        if isinstance(line, Banner):
            lines.append(_banner_json(line))
        else:
            lines.append(
                {
                    "type": "strip",
                    "scene_id": line.scene_id,
                    "episode": line.episode,
                    "int_ext": line.int_ext.value,
                    "set": line.set_name,
                    "day_night": line.day_night,
                    "eighths": line.eighths,
                    "pages": str(Eighths(line.eighths)),
                    "cast": list(line.cast),
                }
            )
    return {
        "type": "day",
        "unit": day.unit,
        "number": day.number,
        "of": day.of,
        "date": day.date.isoformat(),
        "eighths": day.eighths,
        "pages": str(Eighths(day.eighths)),
        "hours": round(day.hours, 2),
        "cast": list(day.cast),
        "lines": lines,
    }


def oneliner_json(sheets: OneLiner | Mapping[str, OneLiner]) -> dict[str, Any]:
    units = {sheets.unit: sheets} if isinstance(sheets, OneLiner) else dict(sheets)
    return {
        "units": [
            {
                "unit": unit,
                "shoot_days": sheet.shoot_days,
                "eighths": sheet.eighths,
                "pages": str(Eighths(sheet.eighths)),
                "entries": [
                    _banner_json(e) if isinstance(e, Banner) else _day_json(e)
                    for e in sheet.entries
                ],
            }
            for unit, sheet in units.items()
        ]
    }
