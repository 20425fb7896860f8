"""The command line: outputs, and one clear line with exit status 2 for every kind of bad input."""

from __future__ import annotations

import io as _io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_run_writes_iamc_rows_with_base_year(capsys):
    code, out, err = run_cli(["run"], capsys)
    assert code == 0 and err == ""
    df = pd.read_csv(_io.StringIO(out))
    assert list(df.columns) == ["model", "scenario", "region", "variable", "unit", "year", "value"]
    required = [
        "GDP", "GDP|Real Growth", "Value Added|Primary|Real Growth", "Value Added|Secondary|Real Growth",
        "Value Added|Tertiary|Real Growth", "Share|Primary", "Share|Secondary", "Share|Tertiary",
        "Value Added|Industry|Real Growth", "Revenue|General Public Budget",
        "Revenue|General Public Budget|Growth", "Revenue|Tax", "Energy Intensity|Change",
        "Production|Coal", "Electricity|Generation", "Capacity|Electricity",
    ]  # fmt: skip
    assert set(required) <= set(df.variable)
    gdp = df[df.variable == "GDP"].set_index("year").value
    assert gdp[2023] == pytest.approx(1557.64)
    g = df[(df.variable == "GDP|Real Growth") & (df.year == 2024)].value.item()
    assert round(g, 2) == 5.48  # drivers mode at the derived defaults: the report's 5.48%
    assert g == pytest.approx(0.119 * 3.5 + 0.441 * 6.5 + 0.44 * 5.0, abs=1e-3)
    assert df.value.notna().all()


def test_run_set_years_and_out(tmp_path, capsys):
    out = tmp_path / "o.csv"
    code, _, err = run_cli(
        [
            "run",
            "coal_shortfall",
            "--set",
            "price.coal=-20",
            "--years",
            "2024-2030",
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads it as UTF-8
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(df.year.unique()) == list(range(2023, 2031))
    assert set(df.scenario) == {"coal_shortfall"}


def test_scenario_file_path(tmp_path, capsys):
    f = tmp_path / "mine.toml"
    f.write_text(
        '[scenario]\nid = "mine"\ntitle_zh = "我的"\n\n[values]\n"industry.mode" = "target"\n'
        '"growth.secondary" = 7.5\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(["run", str(f)], capsys)
    assert code == 0
    df = pd.read_csv(_io.StringIO(out))
    g = df[(df.variable == "GDP|Real Growth") & (df.year == 2024)].value.item()
    assert g == pytest.approx(5.483 + 0.441)


def test_params_lists_every_input(capsys, pset):
    code, out, _ = run_cli(["params"], capsys)
    assert code == 0
    for p in pset.params:
        assert p.id in out
    assert "5000 to 10000 10,000 t" in out  # English units written out (issue 14)


def test_targets_scoreboard(capsys):
    code, out, _ = run_cli(["targets", "--lang", "zh"], capsys)
    assert code == 0
    assert "地区生产总值增长" in out and "基本达到" in out and "亿千瓦时" in out
    assert "5.48%" in out  # the sector-mix check


BAD = [
    (["run", "--set", "growth.primary=abc"], "growth.primary"),
    (["run", "--set", "nosuch.id=1"], "nosuch.id"),
    (["run", "--set", "coal.output=99999"], "5000 to 10000"),
    (["run", "--set", "industry.mode=both"], "target, drivers"),
    (["run", "--set", "growth.primary"], "ID=VALUE"),
    (["run", "nosuch_scenario"], "official_2024"),
    (["run", "--years", "2020"], "--years"),
    (["run", "--years", "2024-2040"], "2024-2030"),
    (["run", "--baseline", "/no/such.csv"], "not found"),
    (["run", "--bogus"], "unrecognized"),
    (["montecarlo-that-does-not-exist"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "needle"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_one_line_exit_2(args, needle, capsys):
    try:
        code = main(args)
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def write(tmp_path, text, name="b.csv", enc="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(enc))
    return p


HEAD = "region,variable,unit,year,value\n"
GOOD4 = (
    HEAD
    + "X,GDP,100m CNY,2023,1000\nX,Share|Primary,%,2023,10\nX,Share|Secondary,%,2023,40\nX,Share|Tertiary,%,2023,50\n"
)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (GOOD4.replace("X,Share|Tertiary,%,2023,50\n", ""), "Share|Tertiary"),
        (GOOD4.replace(",50\n", ",55\n"), "must be 100"),
        (GOOD4.replace("1000", "lots"), "not a number"),
        (GOOD4.replace("100m CNY", "CNY"), "expected '100m CNY'"),
        ("a,b\n1,2\n", "missing column"),
        ("", "not a readable CSV"),
    ],
)
def test_bad_baseline(tmp_path, capsys, text, needle):
    code, _, err = run_cli(["run", "--baseline", str(write(tmp_path, text))], capsys)
    assert code == 2 and needle in err and err.count("\n") == 1


def test_minimal_region_runs_and_says_what_it_skipped(tmp_path, capsys):
    p = write(tmp_path, GOOD4, enc="gb18030")
    code, out, _ = run_cli(["run", "--baseline", str(p)], capsys)
    assert code == 0
    df = pd.read_csv(_io.StringIO(out))
    assert set(df.region) == {"X"}
    assert df[(df.variable == "GDP|Real Growth") & (df.year == 2024)].value.item() == pytest.approx(
        0.1 * 3.5 + 0.4 * 6.5 + 0.5 * 5
    )
    assert "Production|Coal" not in set(df.variable)
    assert "Revenue|General Public Budget" not in set(df.variable)
    code, out, _ = run_cli(["targets", "--baseline", str(p)], capsys)
    assert code == 0 and "coal block is skipped" in out and "public finance block is skipped" in out


def test_module_entry_point_exit_status():
    r = subprocess.run(
        [sys.executable, "-m", "sim", "run", "--set", "growth.tertiary=1e9"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert r.stderr.strip().startswith("error: growth.tertiary") and "Traceback" not in r.stderr


def test_extract_then_run_with_extracted_targets(tmp_path, capsys):
    """A report read by `extract` gives a baseline and targets that `targets` runs on."""
    seed = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
    if not seed:
        pytest.skip("the report is not beside the project")
    b, tg = tmp_path / "b.csv", tmp_path / "t.toml"
    code, _, err = run_cli(
        [
            "extract",
            str(seed[0]),
            "--region",
            "六盘水",
            "--out-baseline",
            str(b),
            "--out-targets",
            str(tg),
        ],
        capsys,
    )
    assert code == 0, err
    code, out, err = run_cli(
        ["targets", "--baseline", str(b), "--targets", str(tg), "--lang", "zh"], capsys
    )
    assert code == 0, err
    assert "六盘水 2024" in out and "地区生产总值增长" in out


def test_targets_file_sets_linked_defaults(tmp_path, capsys):
    f = tmp_path / "t.toml"
    f.write_text(
        '[meta]\nyear = 2024\n[[target]]\nid = "secondary_growth"\nvariable = "Value Added|Secondary|Real Growth"\n'
        'value = 7.5\nunit = "%"\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(["run", "--targets", str(f), "--set", "industry.mode=target"], capsys)
    assert code == 0
    df = pd.read_csv(_io.StringIO(out))
    g = df[(df.variable == "GDP|Real Growth") & (df.year == 2024)].value.item()
    assert g == pytest.approx(5.483 + 0.441)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[meta]\n", "[[target]]"),
        ('[[target]]\nid = "a"\nvariable = "GDP"\nvalue = "x"\nunit = "%"\n', "target.value"),
        (
            '[[target]]\nid = "a"\nvariable = "GDP"\nvalue = 1\nunit = "%"\nsense = "up"\n',
            "higher, lower",
        ),
        ("not toml [", "not valid TOML"),
    ],
)
def test_bad_targets_file(tmp_path, capsys, text, needle):
    f = tmp_path / "t.toml"
    f.write_text(text, encoding="utf-8")
    code, _, err = run_cli(["targets", "--targets", str(f)], capsys)
    assert code == 2 and needle in err and err.count("\n") == 1


def test_setting_secondary_in_drivers_mode_is_one_line_naming_the_mode(capsys):
    code, _, err = run_cli(["run", "--set", "growth.secondary=7"], capsys)
    assert code == 2 and "industry.mode" in err and err.count("\n") == 1
    code, _, err = run_cli(
        ["run", "--set", "industry.mode=target", "--set", "growth.secondary=7"], capsys
    )
    assert code == 0


def test_run_refuses_a_path_that_breaks_a_physical_limit(capsys):
    args = [
        "run",
        "--set",
        "price.coal=-40",
        "--set",
        "struct.coal_va_ratio=30",
        "--years",
        "2024-2030",
    ]
    code, out, err = run_cli(args, capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "2024" in err and "price.coal" in err and "Coal Mining" in err


def test_targets_names_the_mode(capsys):
    code, out, _ = run_cli(["targets"], capsys)
    assert code == 0 and "sector growth mode: from drivers" in out
    assert "Fixed-asset investment growth" in out and "Retail sales growth" in out
