"""Exports: the CSV equals the command line's IAMC rows, the workbook has its four sheets with
provenance, the scenario file reads back, and formula-like text is neutralised everywhere."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from sim import export, model
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


def test_workbook_sheets_and_provenance(run, base, targets, pset):
    values, proj = run
    wb = load_workbook(io.BytesIO(export.workbook_bytes(values, proj, base, targets, "x", pset)))
    assert wb.sheetnames == ["inputs", "results", "scoreboard", "provenance"]
    inputs = list(wb["inputs"].values)
    assert inputs[0] == ("id", "label_zh", "label_en", "value", "default", "unit", "kind")
    row = next(r for r in inputs if r[0] == "growth.secondary")
    assert row[3] == 7.5 and row[4] == 6.5 and row[6] == "target"
    assert len(inputs) == len(pset.params) + 1
    results = list(wb["results"].values)
    assert results[0][-3:] == ("2024", "2025", "2026")
    gdp = next(r for r in results if r[3] == "GDP")
    assert gdp[4] == "地区生产总值（现价）" and gdp[6] == "100m CNY"
    assert gdp[7] == pytest.approx(1557.64)
    prov = list(wb["provenance"].values)
    cells = [c for r in prov for c in r if isinstance(c, str)]
    assert any("1557.64" in c for c in cells)
    assert sum(1 for r in prov if r[0] == "baseline") == len(base.frame)
    reasons = {r[1]: r[10] for r in prov if r[0] == "parameter"}
    assert "coal-mining revenue fell 13.1%" in reasons["price.coal"]
    score = list(wb["scoreboard"].values)
    gdp_row = next(r for r in score if r[0] == "gdp_growth")
    assert gdp_row[5] == pytest.approx(5.924, abs=1e-3) and gdp_row[10] == "met"


def test_workbook_neutralises_user_text(run, base, targets, pset):
    values, proj = run
    frame = base.frame.copy()
    frame.loc[0, "quote"] = "=cmd|' /C calc'!A0"

    evil = replace(base, frame=frame)
    data = export.workbook_bytes(values, proj, evil, targets, "@evil", pset)
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    prov = list(wb["provenance"].values)
    assert prov[1][9] == "'=cmd|' /C calc'!A0"
    assert {r[1] for r in list(wb["results"].values)[1:]} == {"'@evil"}


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
