"""Exports are safe to open in a spreadsheet: user text (scenario names as saved in the library,
quotes and sources of an uploaded baseline) that starts with = + - @ (or tab / carriage return)
is neutralised in the CSV and in every Excel sheet, while numbers, negative ones included,
stay numbers."""

from __future__ import annotations

import csv
import io as _io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sim import export, io, model, sanitize, workbook
from sim.baseline import build_baseline
from sim.export_tables import Case
from sim.metadata import validate_adjustment

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
NAMES = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=煤炭减产",
]


@pytest.fixture(scope="module")
def run(base):
    values = validate_adjustment({"price.coal": -20}).values  # negative numbers in the output
    return values, model.run(values, base)


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(_io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_no_formula_text(cells) -> None:
    for cell in cells:
        if isinstance(cell, str):
            assert not cell.startswith(DANGEROUS), repr(cell)


CSV_NAMES = NAMES  # a bare CR too: export writes CRLF, so such fields are quoted


@pytest.mark.parametrize("name", CSV_NAMES)
def test_csv_neutralises_a_dangerous_scenario_name(run, name):
    _, proj = run
    data = export.iamc_csv_bytes(proj, name)
    rows = csv_cells(data)
    header, body = rows[0], rows[1:]
    col = header.index("scenario")
    assert {r[col] for r in body} == {sanitize.cell(sanitize.clean_text(name, lines=False))}
    df = pd.read_csv(_io.BytesIO(data), encoding="utf-8-sig")
    assert pd.api.types.is_float_dtype(df["value"]) and (df["value"] < 0).any()
    for r in body:
        for i, cell in enumerate(r):
            if header[i] not in ("value", "year"):
                assert not cell.startswith(DANGEROUS), cell


@pytest.mark.parametrize("name", NAMES)
def test_every_excel_sheet_neutralises_dangerous_text(run, name, targets, pset):
    values, proj = run
    df = io.read_baseline_frame()
    df.loc[0, "quote"] = "=cmd|' /C calc'!A0"
    df.loc[1, "source"] = "@import"
    base = build_baseline(df)
    case = Case(name, values, proj, base, targets, pset)
    wb = load_workbook(_io.BytesIO(workbook.workbook_bytes(case, "zh")))
    numbers_below_zero = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                assert_no_formula_text([cell.value])
                numbers_below_zero += isinstance(cell.value, int | float) and cell.value < 0
    assert numbers_below_zero > 0  # negative numbers were not turned into text
    # the name on one line, neutralised (a tab or CR before "=" is dropped, the "'" added)
    assert wb["封面"]["B3"].value == "'" + sanitize.clean_text(name, lines=False).lstrip("'")
    quotes = [c.value for c in wb["数据来源"]["H"]]
    assert "'=cmd|' /C calc'!A0" in quotes
    assert "'@import" in [c.value for c in wb["数据来源"]["G"]]


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(
        st.characters(blacklist_characters="\r", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=40,
    )
)
def test_any_scenario_name_is_safe_in_the_csv(run, name):
    """Any text without a bare CR (see CR_BUG; the library refuses control characters in names)."""
    _, proj = run
    rows = csv_cells(export.iamc_csv_bytes(proj, name))
    col = rows[0].index("scenario")
    assert_no_formula_text([r[col] for r in rows[1:]])


def test_a_library_name_reaches_the_export_neutralised(run, tmp_path, monkeypatch):
    """The library keeps the name as typed; the export (what the app offers after opening it)
    neutralises it."""
    from sim.library import Library
    from sim.library_schema import ENV_VAR

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lib.sqlite3"))
    lib = Library()
    lib.save("=1+1 plan", {"price.coal": -20}, notes="@notes")
    op = lib.open("=1+1 plan")
    assert op.entry.name == "=1+1 plan"  # stored faithfully
    _, proj = run
    rows = csv_cells(export.iamc_csv_bytes(proj, op.entry.name))
    assert rows[1][rows[0].index("scenario")] == "'=1+1 plan"
