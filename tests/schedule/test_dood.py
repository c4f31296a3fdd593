"""Day out of days on hand-worked schedules: every code of every cell written out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hand_plan import PLAN, STRIKE, hand_problem, hand_schedule

from mosaico.errors import ValidationError
from mosaico.schedule.cpsat import solve
from mosaico.schedule.dood import (
    DayKind,
    DoodRules,
    DropRule,
    company_days,
    day_out_of_days,
)
from mosaico.schedule.model import DayOff, ScheduleProblem, Strip


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
    days = company_days(hand_problem(), hand_schedule(PLAN))
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
    dood = day_out_of_days(hand_problem(), hand_schedule(PLAN))
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
    dood = day_out_of_days(hand_problem(), hand_schedule(PLAN), rules)
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


def test_a_member_who_allows_drops_is_dropped_after_drop_min_gap_idle_days():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 14), "casa", ("A", "B")),  # 10 idle days between: held
        "3": (date(2025, 3, 26), "casa", ("A",)),  # 11 idle days between: dropped
    }
    problem = hand_problem(plan)
    # The cast member's own rule (the one the solver prices): dropped after at
    # least 11 idle calendar days; B keeps the model's default (always held).
    cast = tuple(
        replace(m, allow_drop=True, drop_min_gap=11) if m.id == "A" else m for m in problem.cast
    )
    dood = day_out_of_days(replace(problem, cast=cast), hand_schedule(plan))
    row = dood.row("A")
    codes = {d.date: code for d, code in zip(dood.days, row.codes, strict=True)}
    assert codes[date(2025, 3, 3)] == "SW"
    assert codes[date(2025, 3, 14)] == "WD"
    assert codes[date(2025, 3, 26)] == "PWF"
    # Held 4-13 March: shooting dates are holds only when the company shoots.
    assert codes[date(2025, 3, 4)] == "HOL"  # nothing shot that Tuesday: the company is off
    assert row.totals.drops == 1 and row.totals.idle == 11
    assert row.totals.work == 3
    assert dood.row("B").codes[-1] == ""  # B only works on the 14th
    # A rule for everyone overrides the members' own.
    held = day_out_of_days(
        replace(problem, cast=cast),
        hand_schedule(plan),
        DoodRules(default=DropRule(allow_drop=False)),
    ).row("A")
    assert held.totals.drops == 0 and held.totals.hold == 0 and held.totals.holiday == 21
    dropped = day_out_of_days(problem, hand_schedule(plan), DoodRules(default=DropRule()))
    assert dropped.row("A").totals.drops == 1  # 10 idle days held, 11 dropped


def test_no_holds_means_a_drop_at_every_gap_with_a_shoot_day_but_not_a_weekend():
    rules = DoodRules(default=DropRule(allow_holds=False))
    dood = day_out_of_days(hand_problem(), hand_schedule(PLAN), rules)
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
    row = day_out_of_days(hand_problem(only_weekend), hand_schedule(only_weekend), rules).row("A")
    assert row.codes == ("SW", "HOL", "HOL", "WF")


def test_one_day_is_start_work_finish_and_a_hiatus_is_a_holiday():
    hiatus = DayOff(date(2025, 3, 4), "suspension", end=date(2025, 3, 6))
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A", "C")),
        "2": (date(2025, 3, 7), "casa", ("A",)),
    }
    dood = day_out_of_days(hand_problem(plan, (hiatus,)), hand_schedule(plan))
    assert dood.row("C").codes == ("SWF", "", "", "", "")
    assert dood.row("A").codes == ("SW", "HOL", "HOL", "HOL", "WF")
    kinds = [d.kind for d in dood.days]
    assert kinds == [DayKind.SHOOT, *[DayKind.HIATUS] * 3, DayKind.SHOOT]
    assert dood.days[1].hiatus_start == date(2025, 3, 4)
    assert dood.days[1].hiatus_end == date(2025, 3, 6)


def test_units_share_one_grid():
    main = {k: v for k, v in PLAN.items() if k in {"1", "2", "3"}}
    second = {"4": (date(2025, 3, 4), "mercado", ("C",))}
    units = {"main": hand_schedule(main), "second": hand_schedule(second)}
    dood = day_out_of_days(hand_problem({**main, **second}), units)
    assert dood.units == ("main", "second")
    assert dood.days[1].shoot_days == (("main", 2), ("second", 1))
    assert dood.row("C").codes == ("", "SW", "WF")


def test_explicit_travel_dates_and_elements():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 5), "casa", ("A",)),
    }
    problem = hand_problem(plan)
    strips = tuple(
        Strip(s.scene_id, s.eighths, s.set_name, s.location, cast=s.cast, elements=("caballo",))
        if s.scene_id == "1"
        else s
        for s in problem.strips
    )
    problem = ScheduleProblem(strips, problem.cast, problem.locations, problem.calendar)
    rules = DoodRules(travel={date(2025, 3, 4): "Puebla"})
    dood = day_out_of_days(problem, hand_schedule(plan), rules, elements=True)
    assert dood.days[1].kind is DayKind.TRAVEL and dood.days[1].reason == "Puebla"
    assert dood.row("A").codes == ("SW", "TR", "WF")
    horse = dood.row("caballo")
    assert horse.category == "elements" and horse.codes == ("SWF", "", "")


def test_a_scene_not_in_the_problem_is_refused():
    plan = dict(PLAN)
    plan["99"] = (date(2025, 3, 19), "casa", ())
    with pytest.raises(ValidationError, match="99"):
        day_out_of_days(hand_problem(), hand_schedule(plan))


def test_negative_drop_rule_is_refused():
    with pytest.raises(ValidationError, match="drop_after_days"):
        DropRule(drop_after_days=-1)


def test_solved_schedule_codes_match_the_days_each_member_works():
    problem = hand_problem()
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
