"""Sensitivity: tornado swings by hand, Sobol indices against analytic values for an additive
model (through the same code path as the model), and the model's Sobol run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.analysis.sensitivity import model_sobol, sobol_indices, tornado
from sim.cli import main

W_P, W_S, W_T = 0.119, 0.441, 0.44
W_COAL, W_OIND = 0.396 * 0.5, 0.396 * 0.38


@pytest.fixture
def target(defaults):
    return {**defaults, "industry.mode": "target"}


@pytest.mark.parametrize(
    ("a", "b", "bounds"),
    [(3.0, 1.0, [[0, 1], [0, 2]]), (1.0, -2.0, [[-1, 1], [5, 6]]), (0.5, 0.5, [[0, 1], [0, 1]])],
)
def test_sobol_additive_case_matches_analytic(a, b, bounds):
    """Y = a x1 + b x2 with independent uniform inputs: S1_i = ST_i = c_i^2 V_i / sum c^2 V,
    V_i = (hi - lo)^2 / 12."""

    def f(X):
        return a * X[:, 0] + b * X[:, 1]

    v = [(hi - lo) ** 2 / 12 for lo, hi in bounds]
    total = a * a * v[0] + b * b * v[1]
    expect = [a * a * v[0] / total, b * b * v[1] / total]
    df = sobol_indices(f, ["x1", "x2"], bounds, n=1024, seed=1)
    assert df["S1"].to_numpy() == pytest.approx(expect, abs=0.03)
    assert df["ST"].to_numpy() == pytest.approx(expect, abs=0.03)


def test_sobol_several_outputs_and_a_constant_one():
    def f(X):
        return np.column_stack([2 * X[:, 0] + X[:, 1], np.full(X.shape[0], 7.0)])

    df = sobol_indices(f, ["x1", "x2"], [[0, 1], [0, 1]], output_names=["y", "const"], n=256)
    assert df[df.output == "y"]["S1"].to_numpy() == pytest.approx([0.8, 0.2], abs=0.05)
    assert (df[df.output == "const"][["S1", "ST"]] == 0).all().all()


def test_tornado_gdp_swings_by_hand(base, target):
    tor = tornado(target, base)
    gdp = tor[tor.output == "GDP|Real Growth"].set_index("input")
    assert gdp.loc["growth.secondary", "swing"] == pytest.approx(W_S * 35)  # -15 .. 20
    assert gdp.loc["growth.tertiary", "swing"] == pytest.approx(W_T * 25)
    assert gdp.loc["growth.primary", "swing"] == pytest.approx(W_P * 25)
    assert gdp.loc["growth.primary", "y_low"] == pytest.approx(W_P * -10 + W_S * 6.5 + W_T * 5)
    assert gdp.loc["price.coal", "swing"] == pytest.approx(0, abs=1e-12)
    assert list(gdp.index[:3]) == ["growth.secondary", "growth.tertiary", "growth.primary"]
    assert np.allclose(gdp["y_base"], 5.483)


def test_tornado_in_drivers_mode_by_hand(base, defaults):
    """Drivers mode: coal output and other industry move GDP by their weights; the sector
    sliders of target mode are not inputs here and do not appear."""
    tor = tornado(defaults, base)
    gdp = tor[tor.output == "GDP|Real Growth"].set_index("input")
    assert gdp.loc["coal.output", "swing"] == pytest.approx(W_COAL * 100 * 5000 / 7601.8)
    assert gdp.loc["industry.other_growth", "swing"] == pytest.approx(W_OIND * 70)  # -30 .. 40
    assert "growth.secondary" not in gdp.index and "growth.tertiary" not in gdp.index
    assert gdp.loc["price.coal", "swing"] == pytest.approx(0, abs=1e-12)
    ngdp = tor[tor.output == "Revenue|General Public Budget|Growth"].set_index("input")
    assert ngdp.loc["price.coal", "swing"] > 1  # prices reach revenue


def test_tornado_sd_span_uses_mc_sd(base, target, pset):
    tor = tornado(target, base, span="sd")
    row = tor[(tor.output == "GDP|Real Growth") & (tor.input == "growth.tertiary")].iloc[0]
    sd = pset["growth.tertiary"].mc_sd
    assert row.low == pytest.approx(5.0 - 2 * sd) and row.high == pytest.approx(5.0 + 2 * sd)
    assert "power.new_capacity" not in set(tor.input)  # no Monte Carlo spread


def test_tornado_narrows_structure_inputs_to_valid_combinations(base, defaults):
    tor = tornado(defaults, base)
    row = tor[tor.input == "struct.coal_share"].iloc[0]
    assert row.high == pytest.approx(95 - defaults["struct.power_share"], abs=1e-9)


def test_model_sobol_for_gdp_matches_weighted_variances(base, target, pset):
    """GDP growth is additive in the three sector inputs in target mode: S1 of each is its
    w^2 Var share, Var of the truncated normal draws."""
    from scipy.stats import truncnorm

    defaults = target
    df = model_sobol(defaults, base, n=1024)
    gdp = df[df.output == "GDP|Real Growth"].set_index("input")
    var = {}
    for pid, w in (("growth.primary", W_P), ("growth.secondary", W_S), ("growth.tertiary", W_T)):
        p, mu = pset[pid], float(defaults[pid])
        a, b = (p.min - mu) / p.mc_sd, (p.max - mu) / p.mc_sd
        var[pid] = w * w * truncnorm.var(a, b, loc=mu, scale=p.mc_sd)
    total = sum(var.values())
    for pid, v in var.items():
        assert gdp.loc[pid, "S1"] == pytest.approx(v / total, abs=0.03), pid
    others = gdp.drop(index=list(var))
    assert (others["ST"].abs() < 1e-9).all()
    assert set(df.output) == {
        "GDP|Real Growth",
        "Revenue|General Public Budget|Growth",
        "Energy Intensity|Change",
    }


def test_cli_sensitivity(tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert main(["sensitivity", "--n", "64", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "industry.other_growth" in text and "Sobol" in text and "from drivers" in text
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert set(df.method) == {"tornado", "sobol"}


def test_cli_sensitivity_rejects_bad_n(capsys):
    assert main(["sensitivity", "--n", "100"]) == 2
    assert "power of 2" in capsys.readouterr().err
