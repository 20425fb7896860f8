"""Hand-computable identities of the model against the report's own figures."""

from __future__ import annotations

import numpy as np
import pytest

from sim import model
from sim.metadata import validate_adjustment


def run(adj, base):
    v = validate_adjustment(adj)
    assert v.ok, v.issues
    return model.run(v.values, base)


TARGET = {"industry.mode": "target"}


def test_official_sector_targets_give_5_48(base):
    hand = 0.119 * 3.5 + 0.441 * 6.5 + 0.44 * 5.0
    assert hand == pytest.approx(5.483)
    assert round(hand, 2) == 5.48  # the guide's figure, "about 5.5%" in the report
    assert run(TARGET, base).value("GDP|Real Growth") == pytest.approx(hand, abs=1e-9)
    # drivers mode (the default): the derived defaults, rounded, give the same to 0.001
    assert run({}, base).value("GDP|Real Growth") == pytest.approx(hand, abs=1e-3)


def test_2023_rates_give_3_17(base):
    proj = run(
        {**TARGET, "growth.primary": 3.3, "growth.secondary": 0.6, "growth.tertiary": 5.7}, base
    )
    hand = 0.119 * 3.3 + 0.441 * 0.6 + 0.44 * 5.7
    assert proj.value("GDP|Real Growth") == pytest.approx(hand, abs=1e-9)
    assert round(hand, 1) == 3.2  # the report's 2023 headline


def test_pulls_add_up_to_gdp_growth(base):
    proj = run({**TARGET, "growth.secondary": 4.2, "growth.tertiary": 6.1}, base)
    pulls = sum(
        proj.value(f"Value Added|{s}|Contribution") for s in ("Primary", "Secondary", "Tertiary")
    )
    assert pulls == pytest.approx(proj.value("GDP|Real Growth"), abs=1e-12)
    assert proj.value("Value Added|Secondary|Contribution") == pytest.approx(0.441 * 4.2)


def test_zero_change_reproduces_the_baseline(base):
    zero = {
        "growth.primary": 0, "services.other_growth": 0, "demand.retail_growth": 0,
        "coal.output": 7601.8, "power.generation": 482.97, "power.new_capacity": 0,
        "industry.other_growth": 0, "demand.investment_growth": 0, "price.coal": 0,
        "price.power": 0, "price.industry": 0, "price.consumer": 0,
        "energy.eff_industry": 0, "energy.eff_power": 0, "energy.eff_coal": 0, "energy.eff_other": 0,
    }  # fmt: skip
    proj = run(zero, base)
    for var, expect in {
        "GDP": 1557.64,
        "Share|Primary": 11.9,
        "Share|Secondary": 44.1,
        "Share|Tertiary": 44.0,
        "Share|Industry": 39.6,
        "Revenue|General Public Budget": 110.33,
        "Revenue|Tax": 70.28,
        "Production|Coal": 7601.8,
        "Electricity|Generation": 482.97,
        "Capacity|Electricity": 1340.57,
        "Supply|Coal|Power Plants": 2951.84,
    }.items():
        assert proj.value(var) == pytest.approx(expect, abs=1e-9), var
    assert proj.value("GDP|Real Growth") == pytest.approx(0, abs=1e-12)
    assert proj.value("Energy Intensity|Change") == pytest.approx(0, abs=1e-12)
    assert proj.value("Value Added|Other Industry|Real Growth") == pytest.approx(0, abs=1e-12)


def test_base_year_is_the_baseline(base):
    proj = run({}, base)
    assert proj.years[0] == 2023
    assert proj.value("GDP", 2023) == pytest.approx(1557.64, abs=1e-9)
    assert proj.value("GDP|Real Growth", 2023) == 3.2
    assert proj.value("Revenue|Tax", 2023) == pytest.approx(70.28)  # 110.33 x 63.7%
    assert proj.value("Revenue|Non-Tax", 2023) == pytest.approx(110.33 - 70.28)


def test_residual_other_industry_by_hand(base):
    """Target mode: other industry growth makes secondary exactly 6.5 (weights from 2023)."""
    proj = run(TARGET, base)
    gdp = 1557.64
    w_sec, w_ind = 0.441, 0.396
    w_coal, w_pow = w_ind * 0.50, w_ind * 0.12
    w_cons = w_sec - w_ind
    w_oind = w_ind - w_coal - w_pow
    g_coal = 100 * (8000 / 7601.8 - 1)
    g_pow = 100 * (520 / 482.97 - 1)
    g_cons = 0.45 * 4.5  # investment elasticity x real investment growth (prices flat)
    hand = (w_sec * 6.5 - w_coal * g_coal - w_pow * g_pow - w_cons * g_cons) / w_oind
    assert proj.value("Value Added|Other Industry|Real Growth") == pytest.approx(hand, abs=1e-9)
    assert proj.value("Value Added|Secondary|Real Growth") == pytest.approx(6.5, abs=1e-12)
    assert gdp * w_ind == pytest.approx(proj.value("Value Added|Industry", 2023))
    assert round(hand, 2) == 9.13  # the derived default of industry.other_growth


def test_drivers_mode_derives_secondary(base):
    proj = run({"industry.other_growth": 7.0, "demand.investment_growth": 10.0}, base)
    w_ind = 0.396
    parts = {
        "coal": (w_ind * 0.5, 100 * (8000 / 7601.8 - 1)),
        "power": (w_ind * 0.12, 100 * (520 / 482.97 - 1)),
        "other": (w_ind * 0.38, 7.0),
        "cons": (0.441 - w_ind, 0.45 * 10.0),
    }
    hand = sum(w * g for w, g in parts.values()) / 0.441
    assert proj.value("Value Added|Secondary|Real Growth") == pytest.approx(hand, abs=1e-9)
    assert proj.value("Value Added|Construction|Real Growth") == pytest.approx(4.5, abs=1e-12)


def test_energy_intensity_allowance_from_guide(base):
    """-2.8% intensity with 5.5% growth allows about 2.5% more energy use."""
    from sim.energy import allowed_energy_growth

    assert allowed_energy_growth(-2.8, np.array([5.5]))[0] == pytest.approx(2.546, abs=1e-3)


def test_energy_intensity_is_energy_over_real_gdp(base):
    proj = run({}, base)
    e = proj.value("Energy|Consumption|Growth")
    g = proj.value("GDP|Real Growth")
    assert proj.value("Energy Intensity|Change") == pytest.approx(
        100 * ((1 + e / 100) / (1 + g / 100) - 1)
    )


def test_power_block_by_hand(base):
    proj = run({"energy.eff_power": 0.0}, base)
    assert proj.value("Capacity|Electricity") == pytest.approx(1340.57 + 120)
    assert proj.value("Electricity|Utilisation Hours") == pytest.approx(520e8 / (1460.57e4))
    assert proj.value("Supply|Coal|Power Plants") == pytest.approx(2951.84 * 520 / 482.97)
    assert proj.value("Supply|Coal|Other Uses") == pytest.approx(8000 - 2951.84 * 520 / 482.97)


def test_prices_shift_structure_not_real_growth(base):
    flat = run({}, base)
    cheap = run({"price.coal": -10.0}, base)
    assert cheap.value("GDP|Real Growth") == pytest.approx(flat.value("GDP|Real Growth"))
    assert cheap.value("GDP") < flat.value("GDP")
    assert cheap.value("Share|Secondary") < flat.value("Share|Secondary")
    assert cheap.value("Revenue|General Public Budget") < flat.value(
        "Revenue|General Public Budget"
    )


def test_horizon_glides_to_long_run(base):
    proj = run(
        {"horizon.end_year": 2030, "horizon.persistence": 50.0, "horizon.longrun_growth": 4.0}, base
    )
    assert proj.years == list(range(2023, 2031))
    g = proj.series["Value Added|Primary|Real Growth"][0, 1:]
    assert g[0] == pytest.approx(3.5)
    assert g[1] == pytest.approx(4.0 + (3.5 - 4.0) * 0.5)
    assert g[6] == pytest.approx(4.0 + (3.5 - 4.0) * 0.5**6)
    assert proj.value("Production|Coal", 2026) == pytest.approx(8000 * 1.02**2)
