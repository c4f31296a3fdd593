"""Department reports: every element of a category with its scenes, as PDF, HTML, XLSX or CSV.

The HTML and the PDF come from one template (``breakdown_department.html``);
the workbook has one sheet per department; the CSV has one row per element,
its scenes as ``episode-scene`` labels separated by spaces.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from mosaico.breakdown.sheets import DepartmentList
from mosaico.i18n import translations
from mosaico.reports.breakdown_render import paper_size, render, to_pdf

CSV_COLUMNS = (
    "category",
    "category_name",
    "element",
    "scene_count",
    "episodes",
    "scenes",
    "count",
    "notes",
)
# Characters Excel refuses in a sheet name; names are cut at 31 characters.
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def department_fragment(departments: Sequence[DepartmentList], *, language: str) -> Markup:
    """The lists alone, for a web page to embed."""
    return render("breakdown_department_body.html", language, departments=departments)


def department_html(
    departments: Sequence[DepartmentList],
    *,
    title: str,
    language: str,
    scope: str = "",
    paper: str = "letter",
) -> str:
    return str(
        render(
            "breakdown_department.html",
            language,
            departments=departments,
            title=title,
            scope=scope,
            paper=paper_size(paper),
        )
    )


def department_pdf(
    departments: Sequence[DepartmentList],
    *,
    title: str,
    language: str,
    scope: str = "",
    paper: str = "letter",
) -> bytes:
    return to_pdf(
        department_html(departments, title=title, language=language, scope=scope, paper=paper)
    )


def department_csv(departments: Sequence[DepartmentList], *, language: str) -> str:
    """One row per element; ``category`` is the key, ``category_name`` in ``language``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for dept in departments:
        for element in dept.elements:
            writer.writerow(
                (
                    dept.key,
                    dept.title(language),
                    element.name,
                    len(element.scenes),
                    " ".join(str(e) for e in element.episodes),
                    " ".join(ref.label for ref in element.scenes),
                    element.count or "",
                    element.notes,
                )
            )
    return out.getvalue()


def department_xlsx(departments: Sequence[DepartmentList], *, language: str) -> bytes:
    """A workbook with one sheet per department, its header in the category's colour."""
    _ = translations(language).gettext
    headers = (
        _("Element"),
        _("Scenes"),
        _("Episodes"),
        _("In scenes (episode-scene)"),
        _("Count"),
        _("Notes"),
    )
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for dept in departments:
        sheet = book.create_sheet(_sheet_name(dept.title(language), used))
        sheet.append(headers)
        fill = PatternFill("solid", fgColor=dept.color.lstrip("#").upper())
        for cell in sheet[1]:
            cell.fill = fill
            cell.font = Font(bold=True, color=dept.ink.lstrip("#").upper())
        for element in dept.elements:
            sheet.append(
                (
                    element.name,
                    len(element.scenes),
                    ", ".join(str(e) for e in element.episodes),
                    ", ".join(ref.label for ref in element.scenes),
                    element.count,
                    element.notes,
                )
            )
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["C"].width = 12
        sheet.column_dimensions["D"].width = 60
        sheet.column_dimensions["F"].width = 40
        for row in sheet.iter_rows(min_row=2, min_col=4, max_col=6):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    if not departments:
        book.create_sheet(_("Breakdown")).append(headers)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub("-", name)[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate
