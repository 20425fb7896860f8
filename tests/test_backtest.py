"""The back-test: the 2022 baseline's rows are sourced and consistent, the harness projects
2023 in both modes, and the README's table is the one the harness prints."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sim import backtest, io
from sim.cli import main

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- backtest:start -->", "<!-- backtest:end -->"


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(backtest.BASELINE_2022, dtype={"quote": str}).fillna("")


def test_every_2022_row_has_its_source(frame):
    assert set(frame["kind"]) <= {"actual", "derived", "history"}
    assert (frame["source"].str.len() > 20).all()
    published = frame[frame["kind"] == "actual"]
    assert (published["quote"].str.len() > 5).all()
    for r in published.itertuples():
        assert f"{r.value:g}" in r.quote, r.variable
    assert (frame[frame["kind"] == "derived"]["source"].str.contains("2023")).all()


def test_2022_baseline_by_hand(frame):
    v = frame[frame["year"] == 2022].set_index("variable")["value"]
    assert v["Share|Primary"] + v["Share|Secondary"] + v["Share|Tertiary"] == pytest.approx(100)
    assert v["Production|Coal"] == pytest.approx(7601.8 / 1.026, abs=0.01)
    assert v["Electricity|Generation"] == pytest.approx(482.97 / 1.0369, abs=0.01)
    assert v["Supply|Coal|Power Plants"] == pytest.approx(2951.84 / 1.1195, abs=0.01)
    assert v["Revenue|General Public Budget"] * v["Revenue|Tax|Share"] / 100 == pytest.approx(
        58.61, abs=0.01
    )
    base = backtest.baseline_2022()
    assert base.year == 2022 and all(base.blocks.values())


def test_backtest_projects_2023_from_2022_in_both_modes():
    df = backtest.table().set_index("variable")
    assert list(df.index) == [var for _, var, _ in backtest.BLOCKS]
    assert df.loc["GDP", "actual"] == 1557.64 and df.loc["Revenue|Tax", "actual"] == 70.28
    # target mode takes 2023's published sector growth: GDP growth is close by construction
    assert abs(df.loc["GDP|Real Growth", "target_error"]) < 0.3
    assert backtest.project_2023("drivers").mode == "drivers"
    for m in backtest.MODES:
        proj = backtest.project_2023(m)
        assert proj.years == [2022, 2023]
        assert proj.value("Production|Coal", 2023) == pytest.approx(7601.8)


def test_the_readme_table_is_the_harness_output():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert START in text and END in text
    table = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == backtest.markdown(), "refresh it: python -m sim backtest --markdown"


def test_cli_backtest(capsys):
    assert main(["backtest"]) == 0
    out = capsys.readouterr().out
    assert "Tax revenue" in out and "drivers" in out
    assert main(["backtest", "--markdown"]) == 0
    assert capsys.readouterr().out.strip() == backtest.markdown()


def test_inputs_carry_their_sources():
    for mode in backtest.MODES:
        inp = backtest.inputs(mode)
        doc = io.read_toml(backtest.INPUTS)
        for pid in {**doc["values"], **doc[mode]}:
            assert inp.sources.get(pid), pid
