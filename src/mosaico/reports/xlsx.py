"""The day out of days as a spreadsheet (openpyxl): coloured cells per code, totals columns.

Sheet "DOOD" (or "DDD" in Spanish: *desglose de días*) holds the grid: a
title row, two header rows (dates, then the shoot day number or a mark for
days off), one row per member, the totals at the right. Sheet "Legend" lists
the codes and the dates without shooting with their reasons.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from mosaico.reports.schedule_labels import (
    CODE_NAMES,
    OFF_MARKS,
    TOTAL_HEADERS,
    code_colour,
    shoot_label,
    words,
)
from mosaico.schedule.dood import DayOutOfDays

#: Rows of the grid: a title, a blank row, the two header rows, then the members.
HEADER_ROW = 3
FIRST_ROW = 5
FIRST_DATE_COLUMN = 3
OFF_FILL = "EEEEEE"
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def dood_xlsx(
    dood: DayOutOfDays, *, language: str, title: str, version: int | None = None
) -> bytes:
    """The workbook's bytes."""
    w = words(language)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "DOOD" if w.language == "en" else "DDD"
    heading = f"{w('Day out of days')} · {title}"
    if version is not None:
        heading += f" · {w('Schedule version')} {version}"
    sheet.cell(row=1, column=1, value=heading).font = Font(bold=True, size=14)
    centre = Alignment(horizontal="center", vertical="center")
    sheet.cell(row=HEADER_ROW, column=1, value="#")
    sheet.cell(row=HEADER_ROW, column=2, value=w("Cast"))
    for offset, day in enumerate(dood.days):
        column = FIRST_DATE_COLUMN + offset
        top = sheet.cell(row=HEADER_ROW, column=column, value=day.date)
        top.number_format = "dd/mm"
        mark = shoot_label(day) if day.is_shoot else OFF_MARKS.get(day.kind, "")
        below = sheet.cell(row=HEADER_ROW + 1, column=column, value=mark)
        for cell in (top, below):
            cell.alignment = centre
            if not day.is_shoot:
                cell.fill = _fill(OFF_FILL)
        sheet.column_dimensions[get_column_letter(column)].width = 6
    first_total = FIRST_DATE_COLUMN + len(dood.days)
    for offset, (_, label) in enumerate(TOTAL_HEADERS):
        sheet.cell(row=HEADER_ROW, column=first_total + offset, value=w(label)).font = Font(
            bold=True
        )
        sheet.column_dimensions[get_column_letter(first_total + offset)].width = 9
    for column in range(1, first_total + len(TOTAL_HEADERS)):
        for row_number in (HEADER_ROW, HEADER_ROW + 1):
            sheet.cell(row=row_number, column=column).border = _BOX
        sheet.cell(row=HEADER_ROW, column=column).font = Font(bold=True)
    row_number = FIRST_ROW
    for index, row in enumerate(dood.rows):
        if row.category != "cast" and (index == 0 or dood.rows[index - 1].category == "cast"):
            sheet.cell(row=row_number, column=2, value=w("Elements")).font = Font(bold=True)
            row_number += 1
        sheet.cell(row=row_number, column=1, value=row.number)
        sheet.cell(row=row_number, column=2, value=row.name)
        for offset, code in enumerate(row.codes):
            cell = sheet.cell(row=row_number, column=FIRST_DATE_COLUMN + offset, value=code or None)
            cell.alignment = centre
            cell.border = _BOX
            colour = code_colour(code)
            if colour is not None:
                cell.fill = _fill(colour)
            elif not dood.days[offset].is_shoot:
                cell.fill = _fill(OFF_FILL)
        totals = row.totals
        values = {
            "work": totals.work,
            "hold": totals.hold,
            "travel": totals.travel,
            "holiday": totals.holiday,
            "idle": totals.idle,
            "start": totals.start,
            "finish": totals.finish,
            "paid": totals.paid,
        }
        for offset, (key, _) in enumerate(TOTAL_HEADERS):
            cell = sheet.cell(row=row_number, column=first_total + offset, value=values[key])
            cell.border = _BOX
            if key in ("start", "finish"):
                cell.number_format = "dd/mm/yyyy"
                sheet.column_dimensions[get_column_letter(first_total + offset)].width = 11
        row_number += 1
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = max([12, *(len(row.name) + 2 for row in dood.rows)][:200])
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=FIRST_DATE_COLUMN)

    legend = book.create_sheet(w("Legend"))
    legend.cell(row=1, column=1, value=w("Code")).font = Font(bold=True)
    legend.cell(row=1, column=2, value=w("Meaning")).font = Font(bold=True)
    for number, (code, name) in enumerate(CODE_NAMES, start=2):
        cell = legend.cell(row=number, column=1, value=code)
        colour = code_colour(code)
        if colour is not None:
            cell.fill = _fill(colour)
        legend.cell(row=number, column=2, value=w(name))
    row_number = len(CODE_NAMES) + 3
    legend.cell(row=row_number, column=1, value=w("Days without shooting")).font = Font(bold=True)
    for day in dood.days:
        if day.is_shoot:
            continue
        row_number += 1
        legend.cell(row=row_number, column=1, value=day.date).number_format = "dd/mm/yyyy"
        legend.cell(row=row_number, column=2, value=w.day_kind(day.kind))
        legend.cell(row=row_number, column=3, value=day.reason or None)
    legend.column_dimensions["A"].width = 12
    legend.column_dimensions["B"].width = 30
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
