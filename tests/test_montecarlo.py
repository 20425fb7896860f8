"""Monte Carlo: reproducible, draws within range, probabilities that behave, multi-year paths and
the history-based relative spreads (calibration.py). The odds' calibration on the record of
targets and outcomes is tested in tests/test_odds.py."""

from __future__ import annotations

import dataclasses
import io as _io

import numpy as np
import pandas as pd
import pytest

from sim.analysis.calibration import calibrated_sd, history_sd, implied_gdp_sd, longrun_sd
from sim.analysis.montecarlo import (
    PERCENTILES,
    draw_inputs,
    run_montecarlo,
    target_odds,
    uncertain_params,
)
from sim.cli import main
from sim.metadata import validate_adjustment
from sim.targets import TargetSet

W = {"growth.primary": 0.119, "growth.secondary": 0.441, "growth.tertiary": 0.44}


def test_same_seed_same_draws_other_seed_differs(base, defaults):
    a = run_montecarlo(defaults, base, 2000, seed=11)
    b = run_montecarlo(defaults, base, 2000, seed=11)
    c = run_montecarlo(defaults, base, 2000, seed=12)
    g = "GDP|Real Growth"
    assert np.array_equal(a.series[g], b.series[g])
    assert not np.array_equal(a.series[g], c.series[g])


def test_draws_stay_in_range_with_the_stated_spread(base, defaults, pset):
    names, X, paths = draw_inputs(defaults, 20_000, np.random.default_rng(1), pset, base=base)
    assert set(names) >= {p.id for p in uncertain_params(pset, defaults)}
    assert "growth.secondary" not in names  # drivers mode: an input the model ignores is not drawn
    assert paths == {}  # one projected year: no later-year shocks
    for j, pid in enumerate(names):
        p = pset[pid]
        assert X[:, j].min() >= p.min and X[:, j].max() <= p.max, pid
    j = names.index("price.power")  # 0 +- 2 inside [-20, 20]: truncation is negligible
    assert X[:, j].std() == pytest.approx(pset["price.power"].mc_sd, rel=0.03)
    assert X[:, j].mean() == pytest.approx(0.0, abs=0.05)


def test_target_at_the_median_is_met_about_half_the_time(base, defaults, targets):
    res = run_montecarlo(defaults, base, 10_000, seed=9)
    med = float(np.median(res.series["GDP|Real Growth"][:, 1]))
    tg = dataclasses.replace(targets.by_variable("GDP|Real Growth"), value=med)
    odds = target_odds(res.series, res.years, TargetSet((tg,), targets.year, targets.tolerance))
    assert odds[0].p_met == pytest.approx(0.5, abs=0.01)
    assert odds[0].p_met_or_near > odds[0].p_met  # 'about' targets: a near band below


def test_probabilities_follow_the_target(base, defaults, targets):
    res = run_montecarlo(defaults, base, 10_000, seed=9)
    odds = {o.target.id: o for o in res.odds}
    assert odds["power_capacity_added"].p_met == 1.0  # fixed input equal to the target
    gdp = targets.by_variable("GDP|Real Growth")
    p = []
    for v in (3.0, 5.5, 8.0):
        tg = dataclasses.replace(gdp, value=v)
        ts = TargetSet((tg,), targets.year, targets.tolerance)
        p.append(target_odds(res.series, res.years, ts)[0].p_met)
    assert p[0] > p[1] > p[2]


def test_percentiles_ordered_and_base_year_fixed(base, defaults):
    res = run_montecarlo(defaults, base, 5_000, seed=2)
    pc = res.percentiles("GDP|Real Growth")
    assert pc.shape == (len(PERCENTILES), 2)
    assert np.all(np.diff(pc[:, 1]) > 0)
    assert np.allclose(pc[:, 0], 3.2)  # 2023 actual, the same in every draw
    df = res.summary()
    assert {"variable", "unit", "year", "mean", "p5", "p95"} <= set(df.columns)
    assert not df[["mean", "p5", "p50", "p95"]].isna().any().any()


def test_multi_year_horizon_and_chunks(base, monkeypatch):
    import sim.analysis.montecarlo as mc

    values = validate_adjustment({"horizon.end_year": 2027}).values
    monkeypatch.setattr(mc, "CHUNK", 700)
    res = mc.run_montecarlo(values, base, 2_000, seed=4)
    assert res.years == [2023, 2024, 2025, 2026, 2027]
    assert res.series["GDP|Real Growth"].shape == (2_000, 5)
    monkeypatch.setattr(mc, "CHUNK", 25_000)
    again = mc.run_montecarlo(values, base, 2_000, seed=4)
    assert np.array_equal(res.series["GDP|Real Growth"], again.series["GDP|Real Growth"])


def test_history_sd_by_hand(base):
    sd, data = history_sd(base)
    assert data == [7.5, 4.5, 8.2, 0.7, 3.2]
    mean = sum(data) / 5
    assert sd == pytest.approx((sum((x - mean) ** 2 for x in data) / 4) ** 0.5)
    assert sd == pytest.approx(3.0947, abs=1e-4)


def test_parameter_spreads_are_the_calibrated_ones(base, defaults, pset):
    """params/parameters.toml holds calibrated_sd to rounding (1%), so GDP growth spreads
    like 2019-2023 in both modes."""
    cal = calibrated_sd(base, defaults, pset)
    for pid, sd in cal.items():
        assert pset[pid].mc_sd == pytest.approx(sd, rel=0.01), pid
    sds = {p.id: p.mc_sd for p in pset.params}
    target_sd, _ = history_sd(base)
    for mode in ("target", "drivers"):
        assert implied_gdp_sd(sds, base, defaults, mode) == pytest.approx(target_sd, abs=0.02)


def test_longrun_spread_is_the_standard_error_of_the_mean(base, pset):
    assert longrun_sd(base) == pytest.approx(3.0947 / 5**0.5, abs=1e-4)
    assert pset["horizon.longrun_growth"].mc_sd == pytest.approx(longrun_sd(base), abs=0.05)


def test_later_years_spread_at_least_as_much_as_the_first(base):
    """Shocks every year (issue 12): the 5-95% band of GDP growth does not narrow after 2024."""
    values = validate_adjustment({"horizon.end_year": 2027}).values
    res = run_montecarlo(values, base, 20_000, seed=6)
    pc = res.percentiles("GDP|Real Growth")
    width = pc[-1] - pc[0]
    assert width[0] == 0.0
    assert (width[2:] >= 0.8 * width[1]).all(), width


def test_cli_montecarlo(tmp_path, capsys):
    out = tmp_path / "mc.csv"
    code = main(["montecarlo", "--draws", "2000", "--seed", "1", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "2000 draws, seed 1" in text and "GDP real growth" in text
    assert "33 region-years" in text and "bias -1.25 pp" in text  # the calibration's basis
    df = pd.read_csv(_io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert set(df.variable) >= {"GDP|Real Growth", "Energy Intensity|Change"}


@pytest.mark.parametrize("args", [["montecarlo", "--draws", "5"], ["montecarlo", "--spread", "-1"]])
def test_cli_montecarlo_bad_input_exits_2(capsys, args):
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_cli_montecarlo_not_a_number_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["montecarlo", "--draws", "many"])
    assert e.value.code == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_drivers_mode_monte_carlo_links_coal_and_gdp(base, defaults):
    """The issue's complaint: in target mode coal and GDP were uncorrelated (0.002). In drivers
    mode a draw with less coal has less GDP growth."""
    res = run_montecarlo(defaults, base, 20_000, seed=7)
    c = np.corrcoef(res.series["Production|Coal"][:, 1], res.series["GDP|Real Growth"][:, 1])
    assert c[0, 1] > 0.2
