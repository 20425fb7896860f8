"""The command line under generated flags, and each defect of issue #15 items 7, 8 and 10.

Every generated command line ends with exit 0, 1 (a goal not reached, an import with problems)
or 2 with exactly one line on stderr naming the flag; never a traceback, never a hang, never an
unbounded amount of work.
"""

from __future__ import annotations

import math
import sqlite3
import time

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import limits
from sim.metadata import load_parameters
from tests.fuzz_util import ROOT, assert_refusal, examples, run_cli, tally

PSET = load_parameters()
BASE_CSV = (ROOT / "data" / "baseline_2023.csv").read_text(encoding="utf-8")

numbers = st.one_of(
    st.sampled_from(
        ["-1", "0", "1", "1.5", "-0", "1e308", "-1e308", "nan", "inf", "-inf", "", "abc", "０",
         "1,000", "1e3", str(2**31), str(2**62), str(2**63), str(2**64), str(10**30), "٣"]
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)  # fmt: skip
text = st.one_of(st.text(max_size=40), st.sampled_from(["a" * 300, "a" * 300 + ".toml", "-", "--"]))
set_item = st.one_of(
    st.tuples(st.sampled_from(PSET.ids), numbers).map("=".join),
    st.tuples(st.sampled_from(PSET.ids), st.sampled_from(["target", "drivers", "x"])).map("=".join),
    text,
)
scenario_args = st.lists(
    st.one_of(
        st.tuples(st.just("--set"), set_item),
        st.tuples(st.just("--years"), st.sampled_from(["2024", "2024-2026", "2023", "2024-2099", "x", "2024-"])),
        st.tuples(st.just("--lang"), st.sampled_from(["zh", "en", "fr"])),
    ),
    max_size=4,
).map(lambda pairs: [x for p in pairs for x in p])  # fmt: skip


def cmd(name: str, *flags: tuple[str, st.SearchStrategy], base: tuple = ()) -> st.SearchStrategy:
    """argv for one subcommand: its name, often a valid ``base`` (so that some runs get past
    the first check), then some of ``flags`` with generated values."""
    options = st.lists(
        st.sampled_from(flags).flatmap(lambda f: f[1].map(lambda v, f=f: [f[0], v])),
        max_size=4,
    ).map(lambda xs: [x for pair in xs for x in pair])
    start = st.sampled_from([[name, *base], [name, *base], [name]])
    return st.tuples(start, options).map(lambda t: t[0] + t[1])


draws = st.sampled_from(["100", "137", "99", "-1", "0", "1000001", "1e3", "abc", str(2**62)])
sobol_n = st.sampled_from(["16", "32", "17", "8", "0", "-16", "32768", "65536", str(2**62)])
commands = st.one_of(
    cmd("run", ("--set", set_item), ("--years", st.sampled_from(["2024-2030", "2024", "1999"]))),
    cmd("targets", ("--set", set_item), ("--lang", st.sampled_from(["zh", "en"]))),
    cmd("params", ("--lang", st.sampled_from(["zh", "en", "x"]))),
    cmd(
        "montecarlo",
        ("--draws", draws),
        ("--seed", numbers),
        ("--spread", numbers),
        ("--set", set_item),
    ),
    cmd("sensitivity", ("--n", sobol_n), ("--seed", numbers), ("--top", numbers)),
    cmd(
        "goalseek",
        (
            "--target",
            st.one_of(
                st.tuples(st.sampled_from(["gdp_growth", "GDP|Real Growth", "x"]), numbers).map(
                    "=".join
                ),
                text,
            ),
        ),
        ("--vary", st.one_of(st.sampled_from(PSET.ids), text)),
        base=("--target", "gdp_growth=5.5", "--vary", "growth.secondary"),
    ),
    cmd(
        "track",
        ("--months", numbers),
        ("--quarters", numbers),
        (
            "--ytd",
            st.one_of(
                st.tuples(st.sampled_from(["gdp_growth", "coal_output", "x"]), numbers).map(
                    "=".join
                ),
                text,
            ),
        ),
        ("--share", numbers),
        base=("--months", "6", "--ytd", "gdp_growth=4"),
    ),
)


@examples(200)
@given(argv=st.one_of(commands, st.tuples(commands, scenario_args).map(lambda t: t[0] + t[1])))
def test_generated_command_lines_end_in_0_1_or_one_line_and_2(argv):
    start = time.perf_counter()
    code, out, err = run_cli(argv, timeout=120)
    assert time.perf_counter() - start < 60, argv
    entry = f"cli {argv[0]}"
    if code == 2:
        assert_refusal(code, err)
        tally(entry, "refused by name")
        return
    assert code in (0, 1), (argv, code, err[:300])
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith(("warning: ", "error: ")) or argv[0] == "goalseek", line
    if argv[0] == "run" and code == 0:
        df = pd.read_csv(pd.io.common.StringIO(out))
        assert df["value"].map(math.isfinite).all()
    tally(entry, f"exit {code}")


# ---------------------------------------------------------------------------- item 7
@pytest.mark.parametrize(
    "name", ["a" * 300, "a" * 300 + ".toml", "é" * 200, "../" * 100 + "x.toml"]
)
def test_long_or_odd_scenario_names_are_one_line(name):
    code, _, err = run_cli(["run", name])
    assert_refusal(code, err, "scenario")


@pytest.mark.parametrize(
    "command", [["montecarlo", "--draws", "100"], ["sensitivity", "--n", "16"]]
)
@pytest.mark.parametrize("seed", ["-1", str(2**32), str(2**70)])
def test_seed_out_of_range_is_one_line(command, seed):
    code, _, err = run_cli([*command, "--seed", seed])
    assert_refusal(code, err, "--seed", "0 to 4294967295")


@pytest.mark.parametrize("n", [str(2**62), "1048576", "65536", "17", "8"])
def test_sobol_sample_size_is_bounded(n):
    start = time.perf_counter()
    code, _, err = run_cli(["sensitivity", "--n", n])
    assert_refusal(code, err, "--n", "16 to 16,384")
    assert time.perf_counter() - start < 10


def test_library_version_above_sqlites_integer_range_is_one_line(tmp_path):
    lib = str(tmp_path / "l.sqlite3")
    assert run_cli(["library", "save", "--name", "a", "--library", lib])[0] == 0
    for v in (str(2**63), str(2**64), str(10**30), "-1", "0"):
        code, _, err = run_cli(["library", "show", "a", "--version", v, "--library", lib])
        assert_refusal(code, err, "has no version")
    code, _, err = run_cli(["library", "export", "a", "--out", str(tmp_path / "a.toml"),
                            "--version", str(2**64), "--library", lib])  # fmt: skip
    assert_refusal(code, err, "has no version")


# ---------------------------------------------------------------------------- item 8
def test_monte_carlo_with_every_variable_is_bounded_by_its_memory():
    start = time.perf_counter()
    code, _, err = run_cli(["montecarlo", "--draws", "1000000", "--all", "--years", "2024-2030"])
    assert_refusal(code, err, "--draws", "at most 60 million", "use at most")
    assert time.perf_counter() - start < 10  # refused before drawing (it reached 8.9 GB)


def test_monte_carlo_limit_names_the_largest_allowed_run():
    from sim.errors import InputError

    with pytest.raises(InputError) as e:
        limits.check_draws(200_000, 6, 65)
    most = int(e.value.message_en.split("use at most ")[1].split(" draws")[0].replace(",", ""))
    limits.check_draws(most, 6, 65)
    with pytest.raises(InputError):
        limits.check_draws(most + 1, 6, 65)
    assert "最多用" in e.value.text("zh")


def test_the_analysis_functions_enforce_the_same_bounds_as_the_command_line(base, defaults):
    from sim.analysis import montecarlo, sensitivity
    from sim.errors import InputError

    with pytest.raises(InputError, match="draws"):
        montecarlo.run_montecarlo(defaults, base, 10**7)
    with pytest.raises(InputError, match="million values"):
        montecarlo.run_montecarlo({**defaults, "horizon.end_year": 2030}, base, 900_000, keep=None)
    with pytest.raises(InputError, match="power of 2"):
        sensitivity.model_sobol(defaults, base, n=2**20)
    with pytest.raises(InputError, match="seed"):
        montecarlo.run_montecarlo(defaults, base, 100, seed=-1)


# ---------------------------------------------------------------------------- item 10
def baseline_with_year(tmp_path, year: int):
    """The embedded baseline's 2023 rows, labelled ``year``."""
    df = pd.read_csv(ROOT / "data" / "baseline_2023.csv", dtype=str, keep_default_na=False)
    f = tmp_path / f"b{year}.csv"
    df[df.year == "2023"].assign(year=str(year)).to_csv(f, index=False)
    return f


def test_a_base_year_in_the_future_is_refused(tmp_path):
    f = baseline_with_year(tmp_path, 2050)
    for argv in (["run", "--baseline", str(f)], ["targets", "--baseline", str(f), "--lang", "zh"]):
        code, _, err = run_cli(argv)
        assert_refusal(code, err, "2050")


def test_targets_for_another_year_than_the_one_after_the_base_year_warn_in_one_line(tmp_path):
    f = baseline_with_year(tmp_path, 2020)
    code, _, err = run_cli(["targets", "--baseline", str(f)])
    assert code == 0 and err.count("\n") == 1 and err.startswith("warning: ")
    assert "2024" in err and "2020" in err and "2021" in err
    code, _, err = run_cli(["targets"])
    assert code == 0 and err == ""


def test_target_year_rule_is_one_function():
    assert limits.target_year_issue(2023, 2024) is None
    zh, en = limits.target_year_issue(2022, 2024)
    assert "2024" in en and "2023" in en and "2024" in zh
    assert limits.check_base_year(2027, today=2026) == 2027
    from sim.errors import InputError

    with pytest.raises(InputError):
        limits.check_base_year(2028, today=2026)


@pytest.mark.parametrize("value", ["-1000", "1e308", "-100", "-inf", "nan", "1001"])
def test_year_to_date_growth_out_of_the_world_is_refused(value):
    code, _, err = run_cli(["track", "--months", "6", "--ytd", f"gdp_growth={value}"])
    assert_refusal(code, err, "--ytd")


@examples(200)
@given(
    g=st.floats(*limits.YTD_GROWTH),
    k=st.integers(1, 11),
    share=st.one_of(st.none(), st.floats(*limits.PERIOD_SHARE)),
)
def test_tracking_needs_are_growth_rates_or_say_the_target_is_secured(base, targets, g, k, share):
    from sim.analysis import tracking

    s = share if share is not None else tracking.even_share(k)
    for row in tracking.track({"gdp_growth": g, "coal_output": g}, s, targets, base):
        assert math.isfinite(row.needed)
        assert row.needed > -100 or row.secured  # below -100% is no growth rate: 'secured'
    tally("tracking (library call)", "finite, physical or secured")


def test_the_app_bounds_year_to_date_inputs_where_the_cli_does():
    source = (ROOT / "ui" / "analysis.py").read_text(encoding="utf-8")
    assert "limits.YTD_GROWTH" in source and "limits.PERIOD_SHARE" in source


def test_library_refuses_a_stored_base_year_in_the_future(tmp_path):
    """An export whose embedded-baseline label says 2050 is skipped with the reason."""
    import json

    from sim.library import Library, embedded_baseline
    from sim.library_files import import_doc

    h = embedded_baseline()[1]
    doc = {
        "format": "lps-sim-library",
        "format_version": 1,
        "baselines": {h: {"region": "Liupanshui", "base_year": 2050, "csv": None}},
        "scenarios": [{"name": "x", "versions": [{"inputs": {}, "baseline": h}]}],
    }
    rep = import_doc(Library(tmp_path / "l.sqlite3"), json.loads(json.dumps(doc)))
    assert any("2050" in str(p) for p in rep.problems) and not rep.added


def test_sqlite_integer_overflow_never_reaches_sqlite(tmp_path):
    from sim.errors import InputError
    from sim.library import Library

    lib = Library(tmp_path / "l.sqlite3")
    lib.save("a", {})
    for n in (2**63, 2**100, -(2**63) - 1):
        with pytest.raises(InputError, match="no version"):
            lib.open("a", n)
    with sqlite3.connect(lib.path) as c:
        assert c.execute("SELECT COUNT(*) FROM version").fetchone()[0] == 1
