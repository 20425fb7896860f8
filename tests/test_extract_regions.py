"""End to end: the made-up small coal city of issue 13 and the two example regions shipped in
data/regions/ (read from real texts), from report to scoreboard."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import pytest

from sim import io
from sim.baseline import build_baseline
from sim.extract import cli, extract_report
from sim.targets import targets_from_doc

ROOT = Path(__file__).resolve().parents[1]
COAL_CITY = ROOT / "tests" / "data" / "coal_city_report.txt"
REGIONS = ROOT / "data" / "regions"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sim")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["extract", *argv])


def test_coal_city_extraction(tmp_path):
    """GDP 812.5亿元, coal 2150万吨 in the base year, a coal target of 2300万吨: read without the
    year, written by the CLI, and both files load as the model's inputs."""
    base, targ = tmp_path / "base.csv", tmp_path / "targets.toml"
    code = cli.run(
        _args(str(COAL_CITY), "--region", "煤城市", "--out-baseline", str(base),
              "--out-targets", str(targ))
    )  # fmt: skip
    assert code == 0  # GDP, sector growth and structure are there: nothing to add
    b = build_baseline(io.read_baseline_frame(base))
    assert (b.region, b.year, b.gdp) == ("煤城市", 2023, 812.5)
    assert b.get("Production|Coal") == 2150 and b.get("Share|Secondary") == 52.7
    ts = targets_from_doc(tomllib.loads(targ.read_text(encoding="utf-8")))
    coal = ts.by_id("coal_output")
    assert (ts.year, coal.value, coal.qualifier) == (2024, 2300, "at_least")
    assert ts.by_id("gdp_growth").value == 5 and ts.by_id("energy_intensity").value == -2.5


def test_coal_city_in_the_app_has_its_own_coal_slider_and_plausible_intensity():
    from streamlit.testing.v1 import AppTest

    from sim.i18n import t

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["view"] = t("app_tab_io", "zh")
    at.run()
    # No region typed: the title's "煤城市2024年政府工作报告" names it, and the planner is told.
    at.text_area(key="_rep_text").set_value(COAL_CITY.read_text(encoding="utf-8")).run()
    next(b for b in at.button if b.label == t("app_rep_extract", "zh")).click().run()
    assert any(i.value == t("rep_region_from_title", "zh", region="煤城市") for i in at.info)
    next(b for b in at.button if b.label == t("app_rep_confirm", "zh")).click().run()
    assert not at.exception
    assert at.slider(key="coal.output").value == pytest.approx(2300)
    ei = float(at.metric[3].value.split()[0].rstrip("%"))
    assert -6 < ei < 2  # energy intensity within a plausible range for the city
    # A notice for every assumption not from the city, listed one by one under the headline
    # line (which every view shows), each naming the city in Chinese.
    from sim.profiles import find_profile
    from sim.region import region_setup

    key = at.session_state["_base_key"]
    base, targets = at.session_state["_baselines"][key][0], at.session_state["_targets"][key]
    setup = region_setup(base, targets, find_profile(base.region))
    assert any("煤城市" in i.value and str(len(setup.borrowed)) in i.value for i in at.info)
    flags = next(d.value for d in at.dataframe if t("reg_col_note", "zh") in d.value.columns)
    assert len(flags) == len(setup.flags) >= 40
    assert flags[t("reg_col_note", "zh")].str.contains("煤城市").sum() == len(setup.borrowed)
    assert not any("Liupanshui" in str(x) for x in flags.to_numpy().ravel())
    # The scoreboard scores coal against the report's 2300万吨.
    at.session_state["view"] = t("app_tab_overview", "zh")
    at.run()
    tables = [*at.dataframe, *at.table]
    board = next(d.value for d in tables if t("app_col_quote", "zh") in d.value.columns)
    coal = board[board[t("app_col_quote", "zh")].str.contains("2300万吨")]
    assert len(coal) == 1 and "2300" in coal.iloc[0][t("app_col_target_value", "zh")]


@pytest.mark.parametrize("region", ["贵州省", "全国"])
def test_example_regions_run(region):
    from sim.cli import main

    folder = REGIONS / region
    frame = io.read_baseline_frame(folder / "baseline.csv")
    assert frame["source"].notna().all() and frame["quote"].notna().all()
    b = build_baseline(frame)
    assert b.region == region
    ts = targets_from_doc(io.targets_doc(folder / "targets.toml"))
    assert ts.year == b.year + 1 and ts.targets
    argv = ["targets", "--baseline", str(folder / "baseline.csv"),
            "--targets", str(folder / "targets.toml")]  # fmt: skip
    assert main(argv) == 0


@pytest.mark.parametrize("region", ["贵州省", "全国"])
def test_example_quotes_are_in_their_sources(region):
    """Every row read from the report quotes it exactly; rows added from a communiqué say so."""
    folder = REGIONS / region
    frame = io.read_baseline_frame(folder / "baseline.csv")
    stem = {"贵州省": "guizhou_2024_news_trad", "全国": "national_2025_news_trad"}[region]
    text = (ROOT / "tests" / "data" / "reports" / f"{stem}.txt").read_text(encoding="utf-8")
    for _, row in frame.iterrows():
        if "government work report" in row["source"]:
            assert row["quote"] in text, row["variable"]
        else:
            assert "http" in row["source"], row["variable"]


def test_report_without_structure_is_told_what_to_add(capsys, tmp_path):
    text = COAL_CITY.read_text(encoding="utf-8").replace("，三次产业结构为9.8︰52.7︰37.5", "")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    code = cli.run(
        _args(str(report), "--region", "煤城市", "--out-baseline", str(tmp_path / "b.csv"))
    )
    out = capsys.readouterr().out
    assert code == 1 and "煤城市,Share|Tertiary,%,2023,,planner,," in out
    assert extract_report(text, "x").needs()[0].variable == "Share|Primary"
