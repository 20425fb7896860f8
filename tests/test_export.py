"""Exports: the CSV equals the command line's IAMC rows, the scenario file reads back, and
formula-like text is neutralised everywhere (the workbook itself: tests/test_workbook.py)."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from sim import export, model, workbook
from sim.export_tables import Case
from sim.iamc import to_iamc
from sim.metadata import validate_adjustment
from sim.scenarios import parse_scenario_bytes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run(base):
    adj = {"industry.mode": "target", "growth.secondary": 7.5, "horizon.end_year": 2026}
    values = validate_adjustment(adj).values
    return values, model.run(values, base)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def test_neutralise_text_only():
    assert export.neutralise("=1+1") == "'=1+1"
    assert export.neutralise("+86 123") == "'+86 123"
    assert export.neutralise("-x") == "'-x"
    assert export.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert export.neutralise("\t=cmd") == "'\t=cmd"
    assert export.neutralise("GDP") == "GDP"
    assert export.neutralise(-3.5) == -3.5
    assert export.neutralise(None) is None


def test_csv_rows_equal_to_iamc(run):
    _, proj = run
    data = export.iamc_csv_bytes(proj, "my_case")
    assert data.startswith(b"\xef\xbb\xbf")
    got = read_csv(data)
    want = to_iamc(proj, "my_case")
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    gdp = got[(got["variable"] == "GDP|Real Growth") & (got["year"] == 2024)]
    assert gdp["value"].iloc[0] == pytest.approx(5.483 + 0.441, abs=1e-3)


def test_csv_bytes_equal_command_line(tmp_path, base):
    out = tmp_path / "cli.csv"
    subprocess.run(
        [sys.executable, "-m", "sim", "run", "--out", str(out)], cwd=ROOT, check=True, timeout=60
    )
    proj = model.run(validate_adjustment({}).values, base)
    assert export.iamc_csv_bytes(proj, "official_2024") == out.read_bytes()


def test_csv_neutralises_scenario_name(run):
    _, proj = run
    got = read_csv(export.iamc_csv_bytes(proj, '=HYPERLINK("http://x","y")'))
    assert set(got["scenario"]) == {'\'=HYPERLINK("http://x","y")'}
    assert pd.api.types.is_numeric_dtype(got["value"])
    assert (got["value"] < 0).any()  # negative numbers stay numbers


def test_workbook_neutralises_user_text(run, base, targets, pset):
    """The hand-over workbook (sim/workbook.py, tested in tests/test_workbook.py) writes no
    formula from a scenario name or an uploaded quote."""
    values, proj = run
    frame = base.frame.copy()
    frame.loc[0, "quote"] = "=cmd|' /C calc'!A0"
    evil = replace(base, frame=frame)
    case = Case("@evil", values, proj, evil, targets, pset)
    wb = load_workbook(io.BytesIO(workbook.workbook_bytes(case, "en")))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    sources = list(wb["Sources"].values)
    assert "'=cmd|' /C calc'!A0" in {r[7] for r in sources}
    assert wb["Cover"]["B3"].value == "'@evil"


def test_scenario_toml_round_trip(pset):
    values = validate_adjustment(
        {"growth.secondary": 7.5, "industry.mode": "target", "horizon.end_year": 2027}
    ).values
    text = export.scenario_toml(values, "我的情景 #1", pset=pset)
    scn = parse_scenario_bytes(text.encode("utf-8"))
    assert scn.id == "1"
    assert scn.title_zh == "我的情景 #1"
    assert scn.values == {
        "growth.secondary": 7.5,
        "industry.mode": "target",
        "horizon.end_year": 2027,
    }
    v = scn.validate(pset)
    assert v.ok and v.values == values


def test_safe_scenario_id():
    assert export.safe_scenario_id("coal shortfall") == "coal_shortfall"
    assert export.safe_scenario_id("六盘水") == "custom"
    assert export.safe_scenario_id("x" * 100) == "x" * 64
