"""The one-liner of a hand-made shoot: days, strips, totals and banners in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hand_plan import PLAN, hand_problem, hand_schedule

from mosaico.errors import ValidationError
from mosaico.schedule.cpsat import solve
from mosaico.schedule.dood import DayKind
from mosaico.schedule.model import ScheduleProblem
from mosaico.schedule.oneliner import (
    Banner,
    BannerKind,
    OneLinerDay,
    StripLine,
    one_liner,
    one_liners,
)
from mosaico.screenplay.model import IntExt, TimeOfDay


def _with_scene_one_at_night(problem: ScheduleProblem) -> ScheduleProblem:
    strips = tuple(
        replace(s, eighths=11, int_ext=IntExt.EXT, time=TimeOfDay.NIGHT, episode=2)
        if s.scene_id == "1"
        else s
        for s in problem.strips
    )
    return replace(problem, strips=strips)


def _describe(entry: OneLinerDay | Banner) -> str:
    if isinstance(entry, Banner):
        return f"{entry.kind} {entry.start.day}-{entry.end.day} {entry.reason}".rstrip()
    return f"day {entry.number}/{entry.of} {entry.date.day}"


def test_days_and_banners_in_calendar_order():
    sheet = one_liner(hand_problem(), hand_schedule(PLAN))
    assert [_describe(e) for e in sheet.entries] == [
        "day 1/10 3",
        "day 2/10 4",
        "day 3/10 5",
        "day 4/10 6",
        "day 5/10 7",
        "weekly day off 8-8",
        "travel 9-9 Oaxaca",
        "day 6/10 10",
        "day 7/10 11",
        "day off 12-12 strike",
        "day 8/10 13",
        "day 9/10 14",
        "weekly day off 15-16",  # a weekend is one banner
        "holiday 17-17 Benito Juárez's birthday",
        "day 10/10 18",
    ]
    assert sheet.shoot_days == 10 and sheet.eighths == 80
    assert sheet.banners[2].days == 1 and sheet.banners[3].days == 2
    assert sheet.banners[0].kind == DayKind.WEEKLY_OFF.value


def test_strip_lines_carry_what_the_one_liner_prints():
    sheet = one_liner(_with_scene_one_at_night(hand_problem()), hand_schedule(PLAN))
    first = sheet.days[0]
    assert first.date == date(2025, 3, 3)
    (line,) = first.lines
    assert isinstance(line, StripLine)
    assert (line.scene_id, line.int_ext, line.set_name, line.day_night) == (
        "1",
        "EXT",
        "SET 1",
        "N",
    )
    assert (line.eighths, line.cast, line.episode) == (11, (1, 2), 2)
    assert first.eighths == 11 and first.cast == (1, 2)
    assert sheet.eighths == 83
    # Day 8 (13 March): scene 8 with B and D, cast numbers 2 and 4.
    assert sheet.days[7].strips[0].cast == (2, 4)


def test_a_company_move_within_a_day_is_a_banner_between_strips():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 3), "mercado", ("B",)),
        "3": (date(2025, 3, 4), "mercado", ("C",)),
    }
    sheet = one_liner(hand_problem(plan), hand_schedule(plan))
    day = sheet.days[0]
    assert [type(x).__name__ for x in day.lines] == ["StripLine", "Banner", "StripLine"]
    move = day.lines[1]
    assert isinstance(move, Banner)
    assert (move.kind, move.reason, move.city) == (BannerKind.COMPANY_MOVE, "mercado", "Oaxaca")
    assert day.eighths == 16 and day.cast == (1, 2)
    assert not sheet.banners  # consecutive dates, same city next day: nothing between days


def test_per_unit_one_liners_number_their_own_days():
    main = {k: PLAN[k] for k in ("1", "2", "3")}
    second = {
        "4": (date(2025, 3, 4), "mercado", ("C",)),
        "5": (date(2025, 3, 6), "mercado", ("B",)),
    }
    sheets = one_liners(
        hand_problem({**main, **second}),
        {"main": hand_schedule(main), "second": hand_schedule(second)},
    )
    assert list(sheets) == ["main", "second"]
    assert [(d.unit, d.number, d.of) for d in sheets["second"].days] == [
        ("second", 1, 2),
        ("second", 2, 2),
    ]
    assert [d.number for d in sheets["main"].days] == [1, 2, 3]
    # The second unit does not shoot on the 5th: an idle shooting date for it.
    assert sheets["second"].banners[0].kind == DayKind.IDLE.value


def test_a_scene_not_in_the_problem_is_refused():
    plan = {**PLAN, "99": (date(2025, 3, 19), "casa", ())}
    with pytest.raises(ValidationError, match="99"):
        one_liner(hand_problem(), hand_schedule(plan))


def test_a_solved_schedule_lists_every_strip_once_with_day_totals():
    problem = hand_problem()
    schedule = solve(problem, time_limit=5.0, workers=1)
    sheet = one_liner(problem, schedule)
    listed = [line.scene_id for day in sheet.days for line in day.strips]
    assert sorted(listed) == sorted(s.scene_id for s in problem.strips)
    for day in sheet.days:
        assert day.eighths == sum(line.eighths for line in day.strips)
        assert day.of == len(schedule.days)
    assert sheet.eighths == sum(s.eighths for s in problem.strips)


def test_a_locations_strips_are_listed_together_in_the_days_location_order():
    plan = {
        "1": (date(2025, 3, 3), "casa", ("A",)),
        "2": (date(2025, 3, 3), "mercado", ("B",)),
        "3": (date(2025, 3, 3), "casa", ("C",)),
    }
    day = one_liner(hand_problem(plan), hand_schedule(plan)).days[0]
    listed = [x.scene_id if isinstance(x, StripLine) else f"move {x.reason}" for x in day.lines]
    assert listed == ["1", "3", "move mercado", "2"]
