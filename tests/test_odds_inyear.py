"""In-year updating of the odds (sim.analysis.inyear) and the structural unknowns in the Sobol
indices (sim.analysis.sensitivity)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import truncnorm

from sim.analysis import inyear, tracking
from sim.analysis.montecarlo import run_montecarlo
from sim.analysis.sensitivity import model_sobol, sobol_indices
from sim.cli import main
from sim.errors import InputError

G = "GDP|Real Growth"


def test_conditional_growth_by_hand():
    rng = np.random.default_rng(0)
    prior = rng.normal(4.0, 2.0, 200_000)
    s, rho = 0.5, 0.7
    sd_h = prior.std() / np.sqrt(s * s + (1 - s) ** 2 + 2 * rho * s * (1 - s))
    same = inyear.conditional_growth(prior, prior.mean(), s, rho)
    assert same.mean() == pytest.approx(prior.mean(), abs=1e-9)  # no news, same centre
    assert same.std() == pytest.approx((1 - s) * sd_h * np.sqrt(1 - rho * rho), rel=1e-9)
    up = inyear.conditional_growth(prior, 6.0, s, rho)
    m = prior.mean()
    rest = m + rho * (6.0 - m)
    assert up.mean() == pytest.approx(s * 6.0 + (1 - s) * rest, abs=1e-9)
    # each draw is an annual growth made of the period and a rest (tracking's identity)
    r = tracking.needed_rest_growth(6.0, up, s)
    assert np.allclose(tracking.annual_growth(6.0, r, s), up)
    late = inyear.conditional_growth(prior, 6.0, 0.99, rho)
    assert late.std() < 0.05 and late.mean() == pytest.approx(6.0, abs=0.05)


def test_update_moves_the_odds_with_the_first_half(base, defaults, targets):
    res = run_montecarlo(defaults, base, 10_000, seed=4)
    odds = {o.target.id: o.p_met for o in res.odds}
    good = inyear.update(res, {"gdp_growth": 6.5}, 0.5, targets, base)
    bad = inyear.update(res, {"gdp_growth": 3.0}, 0.5, targets, base)
    p_good = {o.target.id: o.p_met for o in good.odds}
    p_bad = {o.target.id: o.p_met for o in bad.odds}
    assert p_good["gdp_growth"] > odds["gdp_growth"] > p_bad["gdp_growth"]
    assert p_good["revenue_growth"] == odds["revenue_growth"]  # only what was given moves
    assert good.series[G][:, 1].std() < res.series[G][:, 1].std()
    assert np.array_equal(res.series[G], run_montecarlo(defaults, base, 10_000, seed=4).series[G])


def test_update_of_a_level_target_uses_growth_over_the_base_level(base, defaults, targets):
    res = run_montecarlo(defaults, base, 10_000, seed=4)
    coal0 = base.get("Production|Coal")
    ytd = 100 * (8000 / coal0 - 1) + 3.0  # ahead of the 8000万吨 pace
    up = inyear.update(res, {"coal_output": ytd}, 0.5, targets, base)
    prior = next(o.p_met for o in res.odds if o.target.id == "coal_output")
    post = next(o.p_met for o in up.odds if o.target.id == "coal_output")
    assert post > prior
    with pytest.raises(InputError):
        inyear.update(res, {"cpi": 1.0}, 0.5, targets, base)


def test_cli_montecarlo_with_year_to_date(capsys):
    assert main(["montecarlo", "--draws", "3000", "--ytd", "gdp_growth=7", "--months", "6"]) == 0
    text = capsys.readouterr().out
    assert "Updated with the year to date (0.500)" in text


def test_sobol_additive_mixed_distributions_match_analytic():
    """Y = 2 x1 + x2 with x1 uniform on [0, 3] and x2 a normal (sd 1.5) cut to [-2, 4]."""
    v1 = 9 / 12
    v2 = float(truncnorm.var(-2 / 1.5, 4 / 1.5, loc=0, scale=1.5))
    expect = [4 * v1 / (4 * v1 + v2), v2 / (4 * v1 + v2)]

    def f(X):
        return 2 * X[:, 0] + X[:, 1]

    df = sobol_indices(f, ["x1", "x2"], [[0, 3], [-2, 4, 0, 1.5]], ["unif", "truncnorm"], n=2048)
    assert df["S1"].to_numpy() == pytest.approx(expect, abs=0.03)
    assert df["ST"].to_numpy() == pytest.approx(expect, abs=0.03)


def test_sobol_with_structural_unknowns(base, defaults):
    out = ["Energy|Consumption", "Revenue|General Public Budget|Growth"]
    df = model_sobol(defaults, base, out, n=64, structural=True)
    names = set(df["input"])
    assert {"struct.coal_share", "energy.base_other_industry"} <= names
    plain = set(model_sobol(defaults, base, out, n=64)["input"])
    assert not plain & {"struct.coal_share", "energy.base_other_industry"}
    top = df[df.output == "Energy|Consumption"].iloc[0]["input"]
    assert top.startswith(("energy.", "struct."))  # the level leans on the balance assumptions


def test_cli_sensitivity_with_structural_unknowns(capsys):
    code = main(["sensitivity", "--n", "16", "--structural", "--span", "plausible", "--top", "40"])
    assert code == 0
    text = capsys.readouterr().out
    assert "tornado (plausible)" in text
    assert "struct.coal_share" in text.split("Sobol indices", 1)[1]  # in the Sobol part too
