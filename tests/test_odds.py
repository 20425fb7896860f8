"""Odds given the record of meeting targets (issue 12): the record's figures, the calibration
(realised spread and mean against the record within sampling error, the cut at the input
ranges included), correlated and persistent shocks, skewed coal, structural unknowns, the
mayor's sentence and the command line."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.analysis import odds_text
from sim.analysis.montecarlo import run_montecarlo
from sim.analysis.odds_inputs import odds_inputs, odds_values
from sim.analysis.record import Mixture, basis_from_rows, fit_mixture, record_basis
from sim.analysis.sampling import structural_params
from sim.cli import main
from sim.errors import InputError
from sim.metadata import validate_adjustment
from sim.model import run

G = "GDP|Real Growth"


def _gdp(res):
    return res.series[G][:, 1]


def _sd_se(x: np.ndarray) -> float:
    """Standard error of a sample sd: sd sqrt((kurtosis - 1) / 4n)."""
    z = (x - x.mean()) / x.std()
    return float(x.std() * np.sqrt((np.mean(z**4) - 1) / (4 * x.size)))


def test_record_basis_matches_the_record_statistics():
    """The figures of data/record/README.md (record_stats.py): 33 pairs, -0.74 / 1.77, coal -1.25."""
    b = record_basis()
    assert (b.n, b.regions, b.first_year, b.last_year) == (33, 24, 2013, 2024)
    assert b.mean == pytest.approx(-0.74, abs=0.005) and b.sd == pytest.approx(1.77, abs=0.005)
    assert (b.coal_n, round(b.coal_mean, 2), round(b.coal_sd, 2)) == (13, -1.25, 1.66)
    m = b.mixture
    assert sum(m.weight) == pytest.approx(1.0)
    assert m.overall_mean == pytest.approx(b.mean, abs=1e-6)  # EM keeps the sample mean
    assert m.mean[1] < -2.5 < m.mean[0]  # a shock component well below ordinary years
    std = m.standardised()
    assert std.overall_mean == pytest.approx(0, abs=1e-12)
    assert std.overall_sd == pytest.approx(1)


def test_mixture_fit_recovers_a_known_mixture():
    rng = np.random.default_rng(0)
    shock = rng.random(4000) < 0.25
    x = np.where(shock, rng.normal(-3.0, 0.6, 4000), rng.normal(0.2, 0.9, 4000))
    m = fit_mixture(x)
    assert m.weight[1] == pytest.approx(0.25, abs=0.03)
    assert m.mean == pytest.approx((0.2, -3.0), abs=0.1)
    assert m.sd == pytest.approx((0.9, 0.6), abs=0.1)
    grid = np.linspace(-10, 10, 20001)
    assert np.trapezoid(m.pdf(grid), grid) == pytest.approx(1.0, abs=1e-6)


def test_basis_needs_enough_pairs():
    with pytest.raises(ValueError, match="at least 8"):
        basis_from_rows([])


def test_odds_inputs_are_documented_and_checked():
    for p in odds_inputs().values():
        assert p.reason_zh and p.reason_en and p.evidence, p.id
        assert p.min <= p.plausible[0] <= p.default <= p.plausible[1] <= p.max, p.id
    assert odds_values({"bias": -0.74})["odds.bias"] == -0.74
    with pytest.raises(InputError) as e:
        odds_values({"odds.loading": 1.5})
    assert e.value.field == "odds.loading" and "0.95" in e.value.text("en")
    assert "允许范围" in e.value.text("zh")
    with pytest.raises(InputError):
        odds_values({"nonsense": 1})
    with pytest.raises(InputError):
        odds_values({"bias": "nan"})


@pytest.mark.parametrize("mode", ["drivers", "target"])
def test_realised_spread_and_mean_match_the_calibration(base, defaults, mode):
    """First-year GDP growth: sd = odds.spread and mean = deterministic + odds.bias, within
    sampling error, in both modes."""
    values = {**defaults, "industry.mode": mode}
    res = run_montecarlo(values, base, 40_000, seed=21)
    g, det = _gdp(res), run(values, base).value(G)
    assert abs(g.std() - 1.77) < 4 * _sd_se(g) + 0.005, g.std()
    assert abs(g.mean() - (det - 1.25)) < 4 * g.std() / np.sqrt(g.size)


def test_the_cut_at_an_input_bound_is_accounted_for(base, defaults):
    """Primary growth next to its maximum (15%): its draws are cut, and the other parts make up
    for it so GDP growth still has the calibrated spread and mean."""
    values = {**defaults, "growth.primary": 14.8}
    res = run_montecarlo(values, base, 40_000, seed=22)
    j = res.names.index("growth.primary")
    assert res.X[:, j].max() <= 15.0 and (res.X[:, j] > 14.9).mean() < 0.2  # cut, no pile-up
    g, det = _gdp(res), run(values, base).value(G)
    assert abs(g.std() - 1.77) < 4 * _sd_se(g) + 0.005
    assert abs(g.mean() - (det - 1.25)) < 4 * g.std() / np.sqrt(g.size)


def test_bias_enters_the_mean_and_spread_the_sd(base, defaults):
    a = _gdp(run_montecarlo(defaults, base, 20_000, seed=3, odds={"bias": 0.0}))
    b = _gdp(run_montecarlo(defaults, base, 20_000, seed=3, odds={"bias": -2.0}))
    c = _gdp(run_montecarlo(defaults, base, 20_000, seed=3, odds={"spread": 1.2}))
    det = run(defaults, base).value(G)
    se = 4 * a.std() / np.sqrt(a.size)
    assert abs(a.mean() - det) < se and abs(b.mean() - (det - 2.0)) < se
    assert c.std() == pytest.approx(1.2, rel=0.03)


def test_seeded_runs_reproduce_with_every_option(base, defaults):
    values = {**defaults, "horizon.end_year": 2026}
    kw = {"odds": {"loading": 0.5}, "structural": True}
    a = run_montecarlo(values, base, 3_000, seed=5, **kw)
    b = run_montecarlo(values, base, 3_000, seed=5, **kw)
    c = run_montecarlo(values, base, 3_000, seed=6, **kw)
    for var in (G, "Revenue|General Public Budget|Growth", "Energy Intensity|Change"):
        assert np.array_equal(a.series[var], b.series[var])
        assert not np.array_equal(a.series[var], c.series[var])


def _corr(res, a, b, col=1):
    return float(np.corrcoef(res.series[a][:, col], res.series[b][:, col])[0, 1])


def test_correlations_have_the_right_sign(base, defaults):
    sec, ter = "Value Added|Secondary|Real Growth", "Value Added|Tertiary|Real Growth"
    res = run_montecarlo(defaults, base, 20_000, seed=7)
    assert _corr(res, sec, ter) > 0.3  # the common year factor
    assert _corr(res, "Production|Coal", G) > 0.2
    assert _corr(res, "Electricity|Generation", G) > 0.2  # more power, more GDP to offset it
    assert _corr(res, "Production|Coal", "Energy|Consumption|Growth") > 0  # coal burns energy
    j = res.names.index("price.coal")
    rev = res.series["Revenue|General Public Budget|Growth"][:, 1]
    assert np.corrcoef(res.X[:, j], rev)[0, 1] > 0.3  # a dearer coal, more tax
    flat = run_montecarlo(defaults, base, 20_000, seed=7, odds={"loading": 0.0})
    assert abs(_corr(flat, sec, ter)) < 0.05  # no year factor, no link


def test_target_mode_secondary_is_the_sum_of_its_parts(base, defaults):
    values = {**defaults, "industry.mode": "target"}
    res = run_montecarlo(values, base, 20_000, seed=8)
    assert "industry.other_growth" not in res.names  # a latent part, not an input here
    sec = res.X[:, res.names.index("growth.secondary")]
    coal = res.X[:, res.names.index("coal.output")]
    assert np.corrcoef(sec, coal)[0, 1] > 0.2  # a coal shock moves the secondary slider
    assert _corr(res, "Production|Coal", G) > 0.2


def test_coal_output_is_skewed_down(base, defaults):
    res = run_montecarlo(defaults, base, 40_000, seed=9)
    coal = res.X[:, res.names.index("coal.output")]
    lo, med, hi = np.percentile(coal, [5, 50, 95])
    assert med - lo > 1.5 * (hi - med)
    assert coal.mean() < med


def test_shocks_persist_from_year_to_year(base, defaults):
    values = {**defaults, "horizon.end_year": 2027}
    res = run_montecarlo(values, base, 20_000, seed=10)
    g = res.series[G]
    r = np.corrcoef(g[:, 2], g[:, 3])[0, 1]
    assert 0.2 < r < 0.9  # persistent (AR(1) 0.5) yet every year has a shock of its own
    quick = run_montecarlo(values, base, 20_000, seed=10, odds={"persistence": 0.0})
    assert np.corrcoef(quick.series[G][:, 2], quick.series[G][:, 3])[0, 1] < r


def test_structural_unknowns_drawn_over_their_plausible_ranges(base, defaults, pset):
    res = run_montecarlo(defaults, base, 5_000, seed=11, structural=True, keep=None)
    ids = {p.id for p in structural_params(defaults, pset)}
    assert {"struct.coal_share", "struct.power_share", "energy.plant_coal_local"} <= ids
    assert {"fiscal.vat_share", "fiscal.cit_share"} <= ids
    assert not any(i.startswith("horizon.") for i in ids)
    for pid in ids:
        x = res.X[:, res.names.index(pid)]
        lo, hi = pset[pid].plausible
        assert lo <= x.min() and x.max() <= hi and x.std() > 0.25 * (hi - lo), pid
    fixed = run_montecarlo(defaults, base, 5_000, seed=11, keep=None)
    for var in ("Energy|Consumption", "Emissions|CO2"):  # levels that lean on the balance
        assert res.series[var][:, 1].std() > 1.05 * fixed.series[var][:, 1].std(), var


def test_coal_shortfall_lowers_the_gdp_odds(base, defaults):
    odds = {}
    for coal in (8000, 7000):
        res = run_montecarlo({**defaults, "coal.output": coal}, base, 10_000, seed=1)
        odds[coal] = next(o.p_met for o in res.odds if o.target.id == "gdp_growth")
    assert odds[7000] < odds[8000] - 0.1


def test_odds_words():
    assert odds_text.odds_words(0.38, "zh") == "约为四成"
    assert odds_text.odds_words(0.38, "en") == "about 4 in 10"
    assert odds_text.odds_words(0.02, "zh") == "不足一成"
    assert odds_text.odds_words(0.97, "en") == "above 9 in 10"


def test_mayor_sentence_in_both_languages(base, defaults, targets, pset):
    res = run_montecarlo(defaults, base, 10_000, seed=12)
    o = next(o for o in res.odds if o.target.id == "gdp_growth")
    zh = odds_text.sentence(res, o, targets, "zh", pset)
    en = odds_text.sentence(res, o, targets, "en", pset)
    words = odds_text.odds_words(o.p_met, "zh")
    assert zh.startswith(f"按以往目标完成情况测算，地区生产总值增长5.5%的可能性{words}。")
    assert en.startswith("Given the record of meeting targets, the odds of GDP real growth of 5.5%")
    ds = odds_text.drivers(res, o, targets)
    assert 1 <= len(ds) <= 3 and ds[0].share >= ds[-1].share
    assert {d.input for d in ds} <= set(res.names)
    assert ds[0].odds_if > o.p_met  # one sd better on the top input raises the odds
    assert pset[ds[0].input].label("zh") in zh and "影响最大的是" in zh
    lines = odds_text.basis_lines(res, "en")
    assert "33 region-years" in lines[1] and "-1.25" in lines[2]


def test_cli_reports_basis_odds_and_coal_effect(capsys):
    assert main(["montecarlo", "--draws", "4000", "--seed", "1"]) == 0
    text = capsys.readouterr().out
    assert "Odds given the record of meeting targets" in text and "24 regions" in text
    assert "Given the record of meeting targets, the odds of GDP real growth" in text
    assert main(["montecarlo", "--draws", "4000", "--seed", "1", "--lang", "zh"]) == 0
    assert "按以往目标完成情况测算，地区生产总值增长5.5%的可能性" in capsys.readouterr().out


def _gdp_line(text: str) -> float:
    line = next(
        x for x in text.splitlines() if x.strip().startswith("GDP real growth") and "%" in x
    )
    return float(line.split()[3].rstrip("%"))


def test_cli_coal_7000_clearly_lower(capsys):
    main(["montecarlo", "--draws", "5000", "--seed", "1"])
    a = _gdp_line(capsys.readouterr().out)
    main(["montecarlo", "--draws", "5000", "--seed", "1", "--set", "coal.output=7000"])
    b = _gdp_line(capsys.readouterr().out)
    assert b < a - 10


@pytest.mark.parametrize(
    "args",
    [
        ["--odds", "loading=2"],
        ["--odds", "bogus=1"],
        ["--odds", "bias"],
        ["--ytd", "gdp_growth=4"],  # no period
        ["--ytd", "gdp_growth=x", "--months", "6"],
        ["--ytd", "cpi=1", "--months", "6"],
    ],
)
def test_cli_bad_odds_flags_exit_2(capsys, args):
    assert main(["montecarlo", "--draws", "500", *args]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_defaults_fixture_is_the_validated_defaults(defaults):
    assert defaults == validate_adjustment({}).values


def test_mixture_standardised_keeps_the_shape():
    m = Mixture((0.7, 0.3), (1.0, -2.0), (0.5, 1.0))
    s = m.standardised()
    assert s.weight == m.weight
    assert (s.mean[0] - s.mean[1]) * m.overall_sd == pytest.approx(3.0)


def test_unreachable_calibration_is_refused_by_name(base, defaults):
    with pytest.raises(InputError) as e:  # 5 x 5 pp with no year factor: beyond the ranges
        run_montecarlo(defaults, base, 200, seed=1, odds={"spread": 5.0, "loading": 0.0}, spread=5)
    assert e.value.field == "odds.spread" and e.value.text("zh") != e.value.text("en")


def test_a_spread_below_the_stated_drivers_scales_every_driver(base, defaults):
    res = run_montecarlo(defaults, base, 20_000, seed=14, odds={"spread": 0.5, "loading": 0.9})
    g = _gdp(res)
    assert abs(g.std() - 0.5) < 4 * _sd_se(g) + 0.005
    coal = res.X[:, res.names.index("coal.output")]
    assert coal.std() < 0.5 * 254  # coal's stated spread was scaled down too
    assert res.plan.scaled_all and "every driver is scaled" in odds_text.basis_lines(res, "en")[-2]


def test_a_small_spread_multiplier_keeps_the_bias(base, defaults):
    g = _gdp(run_montecarlo(defaults, base, 20_000, seed=2, spread=0.1))
    assert g.std() == pytest.approx(0.177, rel=0.05)
    assert g.mean() == pytest.approx(run(defaults, base).value(G) - 1.25, abs=0.01)


def test_cli_band_in_2027_at_least_80_percent_of_2024(tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "mc.csv"
    argv = ["montecarlo", "--draws", "20000", "--seed", "1", "--years", "2024-2027"]
    assert main([*argv, "--out", str(out)]) == 0
    capsys.readouterr()
    df = pd.read_csv(out, encoding="utf-8-sig")
    g = df[df.variable == G].set_index("year")
    width = g["p95"] - g["p5"]
    assert width[2027] >= 0.8 * width[2024] > 0


@settings(max_examples=6, deadline=None)
@given(
    bias=st.floats(-2.0, 0.0),
    spread=st.floats(1.2, 3.1),
    loading=st.floats(0.4, 0.9),
    coal=st.floats(7000, 9000),
)
def test_calibration_holds_across_plausible_odds_inputs(base, bias, spread, loading, coal):
    values = {**validate_adjustment({}).values, "coal.output": coal}
    odds = {"bias": bias, "spread": spread, "loading": loading}
    res = run_montecarlo(values, base, 20_000, seed=13, odds=odds)
    g, det = _gdp(res), run(values, base).value(G)
    assert abs(g.std() - spread) < 4 * _sd_se(g) + 0.01 * spread
    assert abs(g.mean() - (det + bias)) < 4 * g.std() / np.sqrt(g.size) + 0.01
