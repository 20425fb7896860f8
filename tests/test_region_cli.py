"""Every command on another region's baseline and targets (--baseline, --targets), any base
year (the horizon runs base + 1 to base + 7), Monte Carlo scoring the targets' year, and a
minimal baseline (GDP, sector growth, structure) that every command runs on."""

from __future__ import annotations

import argparse
import re

import pandas as pd
import pytest

from sim import io
from sim.cli import main
from sim.extract import cli as extract_cli
from sim.region import HORIZON_YEARS
from tests.test_extract_regions import COAL_CITY, REGIONS


@pytest.fixture(scope="module")
def coal_city(tmp_path_factory):
    """The made-up coal city's report read by `python -m sim extract` (base 2023, coal 2150,
    target 2300)."""
    d = tmp_path_factory.mktemp("coal_city")
    base, targ = d / "b.csv", d / "t.toml"
    parser = argparse.ArgumentParser(prog="sim")
    extract_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["extract", str(COAL_CITY), "--region", "煤城市", "--out-baseline", str(base),
         "--out-targets", str(targ)]
    )  # fmt: skip
    assert extract_cli.run(args) == 0
    return ["--baseline", str(base), "--targets", str(targ)]


NATIONAL = ["--baseline", str(REGIONS / "全国" / "baseline.csv"),
            "--targets", str(REGIONS / "全国" / "targets.toml")]  # fmt: skip


def cli(argv, capsys) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


COMMANDS = {
    "run": ["run"],
    "targets": ["targets"],
    "params": ["params"],
    "montecarlo": ["montecarlo", "--draws", "200"],
    "goalseek": ["goalseek", "--target", "gdp_growth=5.5", "--vary", "growth.secondary"],
    "sensitivity": ["sensitivity", "--n", "16"],
    "track": ["track", "--months", "6", "--ytd", "gdp_growth=4", "--ytd", "coal_output=5"],
    "feasibility": ["feasibility", "--x", "coal.output", "--y", "growth.secondary", "--n", "5"],
    "paths": ["paths", "--years", "2024-2026"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_honours_baseline_and_targets(command, coal_city, capsys):
    code, _out, err = cli([*COMMANDS[command], *coal_city], capsys)
    assert code == 0, err
    assert "煤城市" in err  # the one-line notice: assumptions not from the region
    assert "warning" not in err  # the targets (2024) follow the base year (2023)


def test_library_save_honours_baseline_and_targets(coal_city, capsys, tmp_path):
    lib = tmp_path / "lib.sqlite"
    argv = ["library", "save", "--library", str(lib), "--name", "煤城", *coal_city,
            "--set", "coal.output=2400"]  # fmt: skip
    code, out, err = cli(argv, capsys)
    assert code == 0, err
    code, out, _ = cli(["library", "show", "煤城", "--library", str(lib)], capsys)
    assert code == 0 and "coal.output" in out and "2400" in out
    # Opened again, every input is what was run: the city's own defaults (its 3% primary
    # target, not Liupanshui's 3.5%) and the change, within the city's ranges, no clamping.
    from sim.library import Library

    op = Library(lib).open("煤城")
    assert not op.issues and op.baseline().region == "煤城市"
    assert op.values["coal.output"] == 2400 and op.values["growth.primary"] == 3.0
    assert op.values["industry.mode"] == "target"


def test_coal_city_scores_its_own_coal_target(coal_city, capsys):
    _code, out, _ = cli(["targets", *coal_city], capsys)
    coal = next(line for line in out.splitlines() if "Raw coal output" in line)
    assert "2300.00  target at least 2300" in coal and "met" in coal
    ei = next(line for line in out.splitlines() if "Energy use per unit" in line)
    assert -6 < float(re.search(r"change\s+(-?[\d.]+)", ei).group(1)) < 2
    _code, out, _ = cli(["params", *coal_city], capsys)
    assert re.search(r"coal\.output .*: 1075 to 3225 .*, step 5 \(default 2300\)", out)
    assert out.count("\n  " + " " * 28 + " ! ") >= 40  # each borrowed input says so


def test_track_scores_the_regions_targets(coal_city, capsys):
    _code, out, _ = cli([*COMMANDS["track"], *coal_city], capsys)
    coal = next(line for line in out.splitlines() if "Raw coal output" in line)
    assert f"{100 * (2300 / 2150 - 1):6.2f}%" in coal


@pytest.mark.parametrize("years", ["2025", "2025-2031"])
def test_base_year_2024_runs_its_own_horizon(years, capsys, tmp_path):
    out_csv = tmp_path / "o.csv"
    code, _, err = cli(["run", *NATIONAL, "--years", years, "--out", str(out_csv)], capsys)
    assert code == 0, err
    df = pd.read_csv(out_csv, encoding="utf-8-sig")
    last = int(years.split("-")[-1])
    assert sorted(df.year.unique()) == list(range(2024, last + 1))


def test_horizon_is_relative_to_the_base_year(capsys):
    code, _, err = cli(["run", *NATIONAL, "--years", f"2025-{2024 + HORIZON_YEARS + 1}"], capsys)
    assert code == 2 and "2025-2031" in err
    code, _, err = cli(["run", *NATIONAL, "--years", "2024-2026"], capsys)
    assert code == 2 and "2025" in err


def test_montecarlo_scores_the_targets_year(capsys):
    code, out, err = cli(["montecarlo", *NATIONAL, "--draws", "2000"], capsys)
    assert code == 0, err
    assert ", 2025):" in out and any(x.startswith("2025:") for x in out.splitlines())
    gdp = next(
        line
        for line in out.splitlines()
        if line.strip().startswith("GDP real growth") and "%" in line
    )
    odds = float(gdp.split()[3].rstrip("%"))
    assert 20 < odds < 80  # about half: the 5% target is the default, not the base year


def test_targets_for_another_year_warn_in_one_line(capsys, tmp_path):
    doc = io.read_toml(REGIONS / "全国" / "targets.toml")
    text = (REGIONS / "全国" / "targets.toml").read_text(encoding="utf-8")
    later = tmp_path / "t.toml"
    later.write_text(text.replace(f"year = {doc['meta']['year']}", "year = 2027"), encoding="utf-8")
    argv = ["targets", "--baseline", NATIONAL[1], "--targets", str(later)]
    code, _, err = cli(argv, capsys)
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert code == 0 and len(warnings) == 1 and "2027" in warnings[0] and "2025" in warnings[0]


MINIMAL = """region,variable,unit,year,value,kind,source,quote
小城县,GDP,亿元,2024,212.4,actual,report,地区生产总值212.4亿元
小城县,GDP|Real Growth,%,2024,5.1,actual,report,增长5.1%
小城县,Value Added|Primary|Real Growth,%,2024,3.6,actual,report,分别增长3.6%、5.9%、4.8%
小城县,Value Added|Secondary|Real Growth,%,2024,5.9,actual,report,分别增长3.6%、5.9%、4.8%
小城县,Value Added|Tertiary|Real Growth,%,2024,4.8,actual,report,分别增长3.6%、5.9%、4.8%
小城县,Share|Primary,%,2024,14.2,planner,planner,
小城县,Share|Secondary,%,2024,38.5,planner,planner,
小城县,Share|Tertiary,%,2024,47.3,planner,planner,
"""


@pytest.mark.parametrize("command", ["run", "targets", "montecarlo", "goalseek", "sensitivity",
                                     "paths", "params"])  # fmt: skip
def test_minimal_baseline_runs_every_command(command, capsys, tmp_path):
    """GDP, sector growth and structure are enough: no revenue, coal or power rows."""
    f = tmp_path / "小城县.csv"
    f.write_text(MINIMAL, encoding="utf-8")
    argv = [a.replace("2024-2026", "2025-2027") for a in COMMANDS[command]]
    code, _out, err = cli([*argv, "--baseline", str(f)], capsys)
    assert code == 0, err


def test_a_profile_file_sets_assumptions_and_a_bad_one_is_one_line(coal_city, capsys, tmp_path):
    good = tmp_path / "煤城市.toml"
    good.write_text(
        '[meta]\nnames = ["煤城市"]\nkind = "own"\ninherit = "通用"\ntitle_zh = "煤城市档案"\n'
        'title_en = "Coal city profile"\n[[value]]\nid = "energy.eff_industry"\nvalue = 4.0\n'
        'own = true\nsource = "市发改委"\nreason_zh = "节能规划"\nreason_en = "energy plan"\n',
        encoding="utf-8",
    )
    code, out, err = cli(["params", *coal_city, "--profile", str(good)], capsys)
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.strip().startswith("energy.eff_industry"))
    assert "(default 4)" in line
    n_own = int(re.search(r"(\d+) assumptions", err).group(1))
    _, _, err_generic = cli(["params", *coal_city], capsys)
    n_generic = int(re.search(r"(\d+) assumptions", err_generic).group(1))
    assert "Coal city profile" in err and n_own == n_generic - 1  # its own figure is not flagged
    bad = tmp_path / "bad.toml"
    bad.write_text('[meta]\nnames = ["x"]\n[[value]]\nid = "energy.eff_industry"\n', "utf-8")
    code, _, err = cli(["run", *coal_city, "--profile", str(bad)], capsys)
    assert code == 2 and err.count("\n") == 1 and "energy.eff_industry" in err


def test_extract_takes_the_region_from_the_title(capsys, tmp_path):
    out = tmp_path / "b.csv"
    code, _, err = cli(["extract", str(COAL_CITY), "--out-baseline", str(out)], capsys)
    assert code == 0 and "region: 煤城市" in err
    assert set(pd.read_csv(out).region) == {"煤城市"}
    untitled = tmp_path / "r.txt"
    untitled.write_text(COAL_CITY.read_text(encoding="utf-8").split("\n", 1)[1], "utf-8")
    code, _, err = cli(["extract", str(untitled)], capsys)
    assert code == 2 and "--region" in err


def test_readme_region_commands_run(capsys):
    """The example regions are runnable from the README: each command given there exits 0."""
    import shlex

    readme = (REGIONS.parents[1] / "README.md").read_text(encoding="utf-8")
    lines = [x for x in readme.splitlines() if x.startswith(".venv/bin/python -m sim ")]
    region_lines = [x for x in lines if "data/regions/" in x]
    assert len(region_lines) >= 4
    assert all(any(r in x for x in region_lines) for r in ("贵州省", "全国"))
    for line in region_lines:
        argv = shlex.split(line.split("#")[0])[3:]
        argv = [a.replace("data/regions/", f"{REGIONS}/") for a in argv]
        if argv[0] == "montecarlo":
            argv += ["--draws", "500"]
        code, _, err = cli(argv, capsys)
        assert code == 0, (line, err)
