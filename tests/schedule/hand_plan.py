"""A hand-made shoot in March 2025 for the day out of days and one-liner tests.

Monday the 3rd starts the shoot; Saturdays and Sundays off; a strike on
Wednesday the 12th; Monday the 17th is a Mexican public holiday (Benito
Juárez). The first week is in Ciudad de México, the rest in Oaxaca.
"""

from __future__ import annotations

from datetime import date

from mosaico.schedule.model import (
    Calendar,
    CastMember,
    DayOff,
    Location,
    Schedule,
    ScheduleProblem,
    ShootDay,
    Status,
    Strip,
    Term,
)

START = date(2025, 3, 3)
STRIKE = date(2025, 3, 12)

# scene -> (shoot date, location, cast)
PLAN: dict[str, tuple[date, str, tuple[str, ...]]] = {
    "1": (date(2025, 3, 3), "casa", ("A", "B")),
    "2": (date(2025, 3, 4), "casa", ("A",)),
    "3": (date(2025, 3, 5), "casa", ("C",)),
    "4": (date(2025, 3, 6), "casa", ("A", "C")),
    "5": (date(2025, 3, 7), "casa", ("B",)),
    "6": (date(2025, 3, 10), "mercado", ("A",)),
    "7": (date(2025, 3, 11), "mercado", ("D",)),
    "8": (date(2025, 3, 13), "mercado", ("B", "D")),
    "9": (date(2025, 3, 14), "mercado", ("B",)),
    "10": (date(2025, 3, 18), "mercado", ("D",)),
}


Plan = dict[str, tuple[date, str, tuple[str, ...]]]


def hand_problem(
    plan: Plan = PLAN, days_off: tuple[DayOff, ...] = (DayOff(STRIKE, "strike"),)
) -> ScheduleProblem:
    return ScheduleProblem(
        strips=tuple(
            Strip(scene_id=scene, eighths=8, set_name=f"SET {scene}", location=place, cast=cast)
            for scene, (_, place, cast) in plan.items()
        ),
        cast=tuple(CastMember(id=c, name=f"ROLE {c}") for c in "ABCDE"),
        locations=(Location("casa", city="Ciudad de México"), Location("mercado", city="Oaxaca")),
        calendar=Calendar(start=START, work_days=12, country="MX", days_off=days_off),
    )


def hand_schedule(plan: Plan) -> Schedule:
    by_date: dict[date, list[str]] = {}
    for scene, (day, _, _) in plan.items():
        by_date.setdefault(day, []).append(scene)
    days = tuple(
        ShootDay(
            number=n,
            date=day,
            strips=tuple(scenes),
            eighths=8 * len(scenes),
            hours=1.5 * len(scenes),
            locations=tuple(dict.fromkeys(plan[s][1] for s in scenes)),
        )
        for n, (day, scenes) in enumerate(sorted(by_date.items()), start=1)
    )
    return Schedule(
        days=days, cost={t: 0 for t in Term}, lower_bound=0, status=Status.OPTIMAL, seconds=0
    )
