"""The hand-over workbook (.xlsx) and the results table CSV of one scenario, in the planner's
language (zh default, en): sheets 封面、输入、结果、目标完成情况、一致性检查、数据来源 (Cover,
Inputs, Results, Targets, Checks, Sources), headers and units as planners write them.

Numbers keep full precision in the cell and are shown rounded by a number format (the
variable's decimals; a gap with its sign and unit, e.g. ``+0.02 百分点``). Every text cell goes
through ``sim.sanitize.cell`` (no control character, no formula), so any name can be saved.
"""

from __future__ import annotations

import io
import math

from . import sanitize
from .export_tables import (
    Case,
    Num,
    Table,
    changed_table,
    cover_rows,
    findings,
    inputs_table,
    results_table,
    sources_table,
    targets_table,
    title,
)
from .i18n import t

SHEET_KEYS = ("cover", "inputs", "results", "targets", "checks", "sources")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60
LINE_PT = 15  # points per line of 11-point text
COVER_WIDTHS = (22, 40, 12, 14, 30, 60)  # input, value, default, unit, reason, basis


def number_format(num: Num, lang: str) -> str:
    """Excel's format for a Num: '0.00' (zh) or '#,##0.00' (en), with sign and unit suffix."""
    body = ("#,##0" if lang == "en" else "0") + ("." + "0" * num.dec if num.dec > 0 else "")
    suffix = ""
    if num.suffix:
        text = num.suffix.replace('"', "")
        suffix = f'"{text}"' if text == "%" else f'" {text}"'
    if num.sign:
        return f"+{body}{suffix};-{body}{suffix};{body}{suffix}"
    return body + suffix


def sheet_names(lang: str) -> list[str]:
    return [t("xp_sheet_" + k, lang) for k in SHEET_KEYS]


def workbook_bytes(case: Case, lang: str = "zh") -> bytes:
    """The workbook as bytes (openpyxl), sheets in SHEET_KEYS order."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    names = dict(zip(SHEET_KEYS, sheet_names(lang), strict=True))
    _cover(wb.create_sheet(names["cover"]), case, lang)
    _table(wb.create_sheet(names["inputs"]), inputs_table(case, lang), lang)
    _table(wb.create_sheet(names["results"]), results_table(case, lang), lang, freeze="C2")
    _table(wb.create_sheet(names["targets"]), targets_table(case, lang), lang, freeze="B2")
    checks = Table([t("xp_col_level", lang), t("xp_col_finding", lang)], findings(case, lang))
    _table(wb.create_sheet(names["checks"]), checks, lang)
    _table(wb.create_sheet(names["sources"]), sources_table(case, lang), lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_csv_bytes(case: Case, lang: str = "zh") -> bytes:
    """The results table as CSV for people: headers and units in ``lang``, each number as the
    workbook shows it (rounded to its decimals, no separators), UTF-8 with BOM and CRLF so Excel
    opens the Chinese text, text cells sanitised. Programs want the IAMC CSV instead."""
    import csv

    table = results_table(case, lang)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([sanitize.cell(c) for c in table.columns])
    for row in table.rows:
        w.writerow([_csv_cell(c) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def _csv_cell(c):
    if isinstance(c, Num):
        return f"{c.value:.{c.dec}f}"
    return "" if c is None else sanitize.cell(c)


def _put(ws, row: int, col: int, value, lang: str):
    """One cell: a Num as its value with a number format, text sanitised."""
    from openpyxl.styles import Alignment

    if isinstance(value, Num):
        c = ws.cell(row=row, column=col, value=float(value.value))
        c.number_format = number_format(value, lang)
        return c
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    c = ws.cell(row=row, column=col, value=sanitize.cell(value))
    if isinstance(c.value, str) and _width(c.value, lang) > MAX_WIDTH - 2:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    return c


def _width(value, lang: str) -> float:
    """Display width: a Chinese character is about two Latin ones wide."""
    text = value.text(lang) if isinstance(value, Num) else "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(ws, table: Table, lang: str, freeze: str = "A2") -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(table.columns, start=1):
        _put(ws, 1, j, name, lang).font = Font(bold=True)
    for i, row in enumerate(table.rows, start=2):
        for j, value in enumerate(row, start=1):
            _put(ws, i, j, value, lang)
    widths = []
    for j, name in enumerate(table.columns, start=1):
        cells = [name] + [r[j - 1] for r in table.rows[:300]]
        longest = max(_width(v, lang) for v in cells)
        widths.append(min(max(8, longest + 2), MAX_WIDTH))
        ws.column_dimensions[get_column_letter(j)].width = widths[-1]
    _row_heights(ws, table.rows, widths, lang)
    ws.freeze_panes = freeze


def _row_heights(ws, rows: list[list], widths: list[float], lang: str, first: int = 2) -> None:
    """Rows whose text wraps get the height of their longest cell's lines (LibreOffice and WPS
    keep a file's default height otherwise, cutting the text off)."""
    for i, row in enumerate(rows, start=first):
        lines = max(
            (math.ceil(_width(v, lang) / max(w - 1, 1)) for v, w in zip(row, widths, strict=False)),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[i].height = LINE_PT * min(lines, 40)


def _cover(ws, case: Case, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    top = Alignment(wrap_text=True, vertical="top")
    left = Alignment(wrap_text=True, vertical="top", horizontal="left")
    _put(ws, 1, 1, title(case, lang), lang).font = Font(bold=True, size=14)
    r = 3
    for label, value in cover_rows(case, lang):
        cell = _put(ws, r, 1, label, lang)
        cell.font, cell.alignment = Font(bold=True), top
        _put(ws, r, 2, value, lang).alignment = left
        _row_heights(ws, [[label, value]], list(COVER_WIDTHS[:2]), lang, first=r)
        r += 1
    r += 1
    _put(ws, r, 1, t("xp_cover_changed", lang), lang).font = Font(bold=True, size=12)
    changed = changed_table(case, lang)
    r += 1
    if not changed.rows:
        _put(ws, r, 1, t("xp_cover_none", lang), lang)
        r += 1
    else:
        for j, name in enumerate(changed.columns, start=1):
            _put(ws, r, j, name, lang).font = Font(bold=True)
        for row in changed.rows:
            r += 1
            for j, value in enumerate(row, start=1):
                _put(ws, r, j, value, lang).alignment = top
            _row_heights(ws, [row], list(COVER_WIDTHS), lang, first=r)
        r += 1
    _put(ws, r + 1, 1, t("xp_cover_note", lang), lang).font = Font(italic=True)
    for letter, width in zip("ABCDEF", COVER_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
