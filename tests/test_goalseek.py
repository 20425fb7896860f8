"""Goal seeking: known answers by hand, a 2x2 case solved by Cramer's rule, no-solution reports."""

from __future__ import annotations

import numpy as np
import pytest

from sim.analysis.evaluate import effective_bounds, evaluate
from sim.analysis.goalseek import seek
from sim.cli import main
from sim.errors import InputError
from sim.metadata import validate_adjustment

W_P, W_S, W_T = 0.119, 0.441, 0.44  # 2023 nominal shares: the 2024 weights
W_OIND = 0.396 * 0.38  # other industry's 2023 share of GDP (industry 39.6%, coal 50%, power 12%)


@pytest.fixture
def target(defaults):
    """Sector-target mode: GDP growth is the weighted sum of the three sector sliders."""
    return {**defaults, "industry.mode": "target"}


def test_secondary_growth_for_gdp_55_is_654(base, target):
    defaults = target
    res = seek(defaults, base, [("GDP|Real Growth", 5.5)], ["growth.secondary"])
    hand = (5.5 - W_P * 3.5 - W_T * 5.0) / W_S  # 6.5385...
    assert res.found
    assert res.solution["growth.secondary"] == pytest.approx(hand, abs=1e-6)
    assert round(res.solution["growth.secondary"], 2) == 6.54
    assert res.achieved["GDP|Real Growth"] == pytest.approx(5.5, abs=1e-9)
    assert set(res.outputs) >= {"GDP|Real Growth", "Energy Intensity|Change"}


def test_drivers_mode_other_industry_for_gdp_55(base, defaults):
    """Drivers mode: other industry moves GDP by its weight; 5.5% from 5.4831% needs
    other industry (5.5 - GDP now) / w_other above its default."""
    now = evaluate(np.array([9.13]), ["industry.other_growth"], base, defaults, "GDP|Real Growth")
    res = seek(defaults, base, [("GDP|Real Growth", 5.5)], ["industry.other_growth"])
    assert res.found
    hand = 9.13 + (5.5 - float(now[0])) / W_OIND
    assert res.solution["industry.other_growth"] == pytest.approx(hand, abs=1e-6)


def test_two_targets_match_cramers_rule(base, target):
    defaults = target
    """Real and nominal GDP growth by varying secondary (a) and tertiary (b) growth. With CPI
    3% on primary and tertiary and zero industry deflators:
      real:    W_S a + W_T b        = 5.5 - W_P 3.5
      nominal: W_S a + 1.03 W_T b   = N - 100 (W_P 1.035 1.03 + W_S + W_T 1.03 - 1)."""
    nominal = 7.2
    a11, a12, r1 = W_S, W_T, 5.5 - W_P * 3.5
    a21, a22 = W_S, 1.03 * W_T
    r2 = nominal - 100 * (W_P * 1.035 * 1.03 + W_S + W_T * 1.03 - 1)
    det = a11 * a22 - a12 * a21
    a = (r1 * a22 - a12 * r2) / det
    b = (a11 * r2 - r1 * a21) / det
    res = seek(
        dict(defaults, **{"price.consumer": 3.0}),  # CPI 3% as in the docstring
        base,
        [("GDP|Real Growth", 5.5), ("GDP|Nominal Growth", nominal)],
        ["growth.secondary", "growth.tertiary"],
    )
    assert res.found
    assert res.achieved["GDP|Real Growth"] == pytest.approx(5.5, abs=1e-6)
    assert res.achieved["GDP|Nominal Growth"] == pytest.approx(nominal, abs=1e-6)
    assert res.solution["growth.secondary"] == pytest.approx(a, abs=1e-4)
    assert res.solution["growth.tertiary"] == pytest.approx(b, abs=1e-4)


def test_gdp_and_energy_intensity_together(base, target):
    defaults = target
    goals = [("GDP|Real Growth", 5.5), ("Energy Intensity|Change", -2.8)]
    res = seek(defaults, base, goals, ["growth.secondary", "energy.eff_industry"])
    assert res.found
    x = np.array([[res.solution["growth.secondary"], res.solution["energy.eff_industry"]]])
    y = evaluate(
        x, ["growth.secondary", "energy.eff_industry"], base, defaults, [g[0] for g in goals]
    )
    assert y[0] == pytest.approx([5.5, -2.8], abs=1e-6)


def test_no_value_in_range_names_the_closest_end(base, target):
    defaults = target
    res = seek(defaults, base, [("GDP|Real Growth", 20.0)], ["growth.primary"])
    assert not res.found
    assert res.where["growth.primary"] == "max"
    assert res.solution["growth.primary"] == 15.0
    hand = W_P * 15 + W_S * 6.5 + W_T * 5.0
    assert res.achieved["GDP|Real Growth"] == pytest.approx(hand, abs=1e-9)
    assert res.at_ends["GDP|Real Growth"][0] == pytest.approx(W_P * -10 + W_S * 6.5 + W_T * 5)
    text = " ".join(res.describe("en"))
    assert "no value" in text and "[-10, 15]" in text and "upper end" in text
    zh = " ".join(res.describe("zh"))
    assert "没有任何取值" in zh and "上限" in zh


def test_two_targets_out_of_reach_report_not_found(base, target):
    defaults = target
    goals = [("GDP|Real Growth", 5.5), ("GDP|Nominal Growth", 30.0)]
    res = seek(defaults, base, goals, ["growth.secondary", "growth.tertiary"])
    assert not res.found
    assert "max" in res.where.values()


def test_input_of_the_other_mode_is_refused(base):
    """In drivers mode the secondary slider has no effect: varying it is an error naming the
    mode, not a search that cannot succeed."""
    values = validate_adjustment({"industry.mode": "drivers"}).values
    with pytest.raises(InputError) as e:
        seek(values, base, [("GDP|Real Growth", 6.0)], ["growth.secondary"])
    assert "industry.mode" in str(e.value)


def test_effective_bounds_respect_cross_field_rules(defaults, pset):
    lo, hi = effective_bounds("struct.coal_share", defaults, pset)
    assert lo == pset["struct.coal_share"].min
    assert hi == pytest.approx(95 - defaults["struct.power_share"], abs=1e-9)
    assert effective_bounds("growth.secondary", defaults, pset) == (-15.0, 20.0)


@pytest.mark.parametrize(
    ("goals", "inputs"),
    [
        ([("GDP|Real Growth", 5.5)], []),
        ([("GDP|Real Growth", 5.5)], ["growth.secondary", "growth.tertiary"]),
        ([("GDP|Real Growth", 5.5), ("GDP|Nominal Growth", 8)], ["growth.primary"] * 2),
        ([("GDP|Real Growth", 5.5)], ["industry.mode"]),
        ([("GDP|Real Growth", 5.5)], ["no.such"]),
        ([("No|Such", 5.5)], ["growth.primary"]),
    ],
)
def test_bad_requests_raise_input_error(base, target, goals, inputs):
    defaults = target
    with pytest.raises(InputError):
        seek(defaults, base, goals, inputs)


def test_cli_goalseek(capsys):
    args = ["goalseek", "--set", "industry.mode=target", "--target", "GDP|Real Growth=5.5"]
    code = main([*args, "--vary", "growth.secondary"])
    out = capsys.readouterr().out
    assert code == 0
    assert "growth.secondary = 6.538549" in out and "5.5000" in out
    assert "sector targets" in out  # the mode that produced the number
    assert main(["goalseek", "--target", "gdp_growth=5.5", "--vary", "industry.other_growth"]) == 0
    assert "from drivers" in capsys.readouterr().out


def test_cli_goalseek_two_targets_and_target_ids(capsys):
    args = ["goalseek", "--target", "gdp_growth=5.5", "--target", "energy_intensity=-2.8"]
    args += ["--vary", "industry.other_growth", "--vary", "energy.eff_industry"]
    assert main(args) == 0
    assert "energy.eff_industry = " in capsys.readouterr().out


def test_cli_goalseek_without_solution_exits_1(capsys):
    code = main(["goalseek", "--target", "gdp_growth=20", "--vary", "growth.primary"])
    assert code == 1
    assert "upper end" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["goalseek", "--target", "nothing=1", "--vary", "growth.primary"],
        ["goalseek", "--target", "gdp_growth=abc", "--vary", "growth.primary"],
        ["goalseek", "--target", "gdp_growth", "--vary", "growth.primary"],
        ["goalseek", "--target", "gdp_growth=5.5"],
        ["goalseek", "--target", "gdp_growth=5.5", "--vary", "industry.mode"],
        ["goalseek", "--target", "gdp_growth=5.5", "--vary", "growth.secondary"],
    ],
)
def test_cli_goalseek_bad_input_exits_2(capsys, args):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
