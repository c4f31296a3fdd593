"""Day out of days on hand-worked schedules: every code of every cell written out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mosaico.errors import ValidationError
from mosaico.schedule.cpsat import solve
from mosaico.schedule.dood import (
    DayKind,
    DoodRules,
    DropRule,
    company_days,
    day_out_of_days,
)
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

# March 2025: Monday the 3rd starts the shoot; Saturdays and Sundays off; a strike
# on Wednesday the 12th; Monday the 17th is a Mexican public holiday (Benito Juárez).
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


def _problem(
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


def _schedule(plan: Plan) -> Schedule:
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


def _grid(text: str) -> dict[str, list[str]]:
    """Rows of a hand-written grid; ``.`` is a blank cell."""
    rows = {}
    for line in text.strip().splitlines():
        name, *cells = line.split()
        rows[name] = ["" if c == "." else c for c in cells]
    return rows


# The dates 3 .. 18 March, one column each.
#       3   4   5   6   7   8   9   10  11  12  13  14  15  16  17  18
EXPECTED = _grid("""
A      SW  W   H   W   H   HOL TR  WF  .   .   .   .   .   .   .   .
B      SW  H   H   H   W   HOL TR  H   H   HOL W   WF  .   .   .   .
C      .   .   SW  WF  .   .   .   .   .   .   .   .   .   .   .   .
D      .   .   .   .   .   .   .   .   SW  HOL W   H   HOL HOL HOL WF
""")


def test_company_days_name_every_date():
    days = company_days(_problem(), _schedule(PLAN))
    kinds = {d.date.day: d.kind for d in days}
    assert [d.date for d in days] == [date(2025, 3, n) for n in range(3, 19)]
    assert kinds[8] is DayKind.WEEKLY_OFF
    # The company moves from Ciudad de México to Oaxaca over the weekend: it
    # travels the day before it shoots in the new city.
    assert kinds[9] is DayKind.TRAVEL
    assert days[6].reason == "Oaxaca"
    assert kinds[12] is DayKind.DAY_OFF and days[9].reason == "strike"
    assert kinds[17] is DayKind.HOLIDAY and "Juárez" in days[14].reason
    assert kinds[15] is kinds[16] is DayKind.WEEKLY_OFF
    assert [d.shoot_days for d in days if d.is_shoot] == [(("main", n),) for n in range(1, 11)]


def test_hand_worked_grid_with_holds_travel_and_holidays():
    dood = day_out_of_days(_problem(), _schedule(PLAN))
    assert [row.id for row in dood.rows] == ["A", "B", "C", "D"]  # E never works
    assert {row.id: list(row.codes) for row in dood.rows} == EXPECTED
    a, b, c, d = (dood.row(x).totals for x in "ABCD")
    assert (a.work, a.hold, a.travel, a.holiday, a.idle) == (4, 2, 1, 1, 0)
    assert (a.start, a.finish, a.paid) == (date(2025, 3, 3), date(2025, 3, 10), 8)
    assert (b.work, b.hold, b.travel, b.holiday, b.idle, b.drops) == (4, 5, 1, 2, 0, 0)
    assert (c.work, c.hold, c.paid) == (2, 0, 2)
    assert (d.work, d.hold, d.holiday, d.start, d.finish) == (
        3,
        1,
        4,
        date(2025, 3, 11),
        date(2025, 3, 18),
    )
    assert dood.row("A").number == 1 and dood.row("D").number == 4
    assert dood.code("D", STRIKE) == "HOL"


def test_a_long_gap_becomes_a_drop_and_a_pick_up():
    rules = DoodRules(members={"B": DropRule(drop_after_days=4), "D": DropRule(allow_drop=False)})
    dood = day_out_of_days(_problem(), _schedule(PLAN), rules)
    # B: 3 idle days (4-6 March) are held; 5 idle days (8-12 March) are more than 4: dropped.
    assert (
        list(dood.row("B").codes)
        == _grid("""
B      SW  H   H   H   WD  .   .   .   .   .   PW  WF  .   .   .   .
""")["B"]
    )
    b = dood.row("B").totals
    assert (b.work, b.hold, b.travel, b.holiday, b.idle, b.drops) == (4, 3, 0, 0, 5, 1)
    assert dood.row("D").codes == tuple(EXPECTED["D"])  # never dropped


def test_the_default_drop_rule_is_more_than_ten_idle_days():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 14), "casa", ("A", "B")),  # 10 idle days between: held
        "3": (date(2025, 3, 26), "casa", ("A",)),  # 11 idle days between: dropped
    }
    dood = day_out_of_days(_problem(plan), _schedule(plan))
    row = dood.row("A")
    codes = {d.date: code for d, code in zip(dood.days, row.codes, strict=True)}
    assert codes[date(2025, 3, 3)] == "SW"
    assert codes[date(2025, 3, 14)] == "WD"
    assert codes[date(2025, 3, 26)] == "PWF"
    # Held 4-13 March: shooting dates are holds only when the company shoots.
    assert codes[date(2025, 3, 4)] == "HOL"  # nothing shot that Tuesday: the company is off
    assert row.totals.drops == 1 and row.totals.idle == 11
    assert row.totals.work == 3


def test_no_holds_means_a_drop_at_every_gap_with_a_shoot_day_but_not_a_weekend():
    rules = DoodRules(default=DropRule(allow_holds=False))
    dood = day_out_of_days(_problem(), _schedule(PLAN), rules)
    # A works 3, 4, 6 and 10 March: the 5th is shot without A (dropped), the
    # 7th too; C works two days in a row.
    assert list(dood.row("A").codes[:8]) == ["SW", "WD", "", "PWD", "", "", "", "PWF"]
    assert dood.row("C").codes[2:4] == ("SW", "WF")
    # D works 13 and 18 March with the 14th shot between: dropped.
    assert dood.row("D").codes[8:] == ("SW", "HOL", "WD", "", "", "", "", "PWF")
    only_weekend = {
        "1": (date(2025, 3, 7), "casa", ("A",)),
        "2": (date(2025, 3, 10), "casa", ("A",)),
    }
    row = day_out_of_days(_problem(only_weekend), _schedule(only_weekend), rules).row("A")
    assert row.codes == ("SW", "HOL", "HOL", "WF")


def test_one_day_is_start_work_finish_and_a_hiatus_is_a_holiday():
    hiatus = DayOff(date(2025, 3, 4), "suspension", end=date(2025, 3, 6))
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A", "C")),
        "2": (date(2025, 3, 7), "casa", ("A",)),
    }
    dood = day_out_of_days(_problem(plan, (hiatus,)), _schedule(plan))
    assert dood.row("C").codes == ("SWF", "", "", "", "")
    assert dood.row("A").codes == ("SW", "HOL", "HOL", "HOL", "WF")
    kinds = [d.kind for d in dood.days]
    assert kinds == [DayKind.SHOOT, *[DayKind.HIATUS] * 3, DayKind.SHOOT]
    assert dood.days[1].hiatus_start == date(2025, 3, 4)
    assert dood.days[1].hiatus_end == date(2025, 3, 6)


def test_units_share_one_grid():
    main = {k: v for k, v in PLAN.items() if k in {"1", "2", "3"}}
    second = {"4": (date(2025, 3, 4), "mercado", ("C",))}
    units = {"main": _schedule(main), "second": _schedule(second)}
    dood = day_out_of_days(_problem({**main, **second}), units)
    assert dood.units == ("main", "second")
    assert dood.days[1].shoot_days == (("main", 2), ("second", 1))
    assert dood.row("C").codes == ("", "SW", "WF")


def test_explicit_travel_dates_and_elements():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 5), "casa", ("A",)),
    }
    problem = _problem(plan)
    strips = tuple(
        Strip(s.scene_id, s.eighths, s.set_name, s.location, cast=s.cast, elements=("caballo",))
        if s.scene_id == "1"
        else s
        for s in problem.strips
    )
    problem = ScheduleProblem(strips, problem.cast, problem.locations, problem.calendar)
    rules = DoodRules(travel={date(2025, 3, 4): "Puebla"})
    dood = day_out_of_days(problem, _schedule(plan), rules, elements=True)
    assert dood.days[1].kind is DayKind.TRAVEL and dood.days[1].reason == "Puebla"
    assert dood.row("A").codes == ("SW", "TR", "WF")
    horse = dood.row("caballo")
    assert horse.category == "elements" and horse.codes == ("SWF", "", "")


def test_a_scene_not_in_the_problem_is_refused():
    plan = dict(PLAN)
    plan["99"] = (date(2025, 3, 19), "casa", ())
    with pytest.raises(ValidationError, match="99"):
        day_out_of_days(_problem(), _schedule(plan))


def test_negative_drop_rule_is_refused():
    with pytest.raises(ValidationError, match="drop_after_days"):
        DropRule(drop_after_days=-1)


def test_solved_schedule_codes_match_the_days_each_member_works():
    problem = _problem()
    schedule = solve(problem, time_limit=5.0, workers=1)
    dood = day_out_of_days(problem, schedule)
    strips = {s.scene_id: s for s in problem.strips}
    for row in dood.rows:
        worked = {day.date for day in schedule.days for s in day.strips if row.id in strips[s].cast}
        coded = {d.date for d, code in zip(dood.days, row.codes, strict=True) if "W" in code}
        assert coded == worked
        assert row.totals.work == len(worked)
        assert row.codes[[d.date for d in dood.days].index(min(worked))].startswith("S")
        assert row.codes[[d.date for d in dood.days].index(max(worked))].endswith(("F", "SWF"))
    assert dood.days[0].date == schedule.days[0].date
    assert dood.days[-1].date == schedule.days[-1].date
    assert len(dood.days) == (schedule.days[-1].date - schedule.days[0].date).days + 1
    assert all(d.date - dood.days[0].date == timedelta(days=i) for i, d in enumerate(dood.days))
