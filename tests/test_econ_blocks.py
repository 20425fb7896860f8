"""Hand-checked identities of the economy blocks: double deflation of coal and power, the
demand side (investment, retail sales, incomes), tax by type and the physical limits."""

from __future__ import annotations

import numpy as np
import pytest

from sim import model, physical
from sim.errors import InputError
from sim.metadata import validate_adjustment

GDP, IND = 1557.64, 1557.64 * 0.396
COAL_VA0, POWER_VA0 = IND * 0.50, IND * 0.12


def run(adj, base, years=2025):
    v = validate_adjustment({**adj, "horizon.end_year": years})
    assert v.ok, v.issues
    return model.run(v.values, base)


def test_coal_double_deflation_by_hand(base):
    """Gross output = VA / 47%; inputs the rest. A -10% price with output +5.24%: VA = output x
    0.9 - inputs, both scaled by the volume: about -21% on volume-adjusted VA."""
    proj = run({"price.coal": -10.0}, base)
    q = 8000 / 7601.8
    gross0 = COAL_VA0 / 0.47
    hand = gross0 * q * 0.9 - (gross0 - COAL_VA0) * q
    assert proj.value("Value Added|Coal Mining") == pytest.approx(hand, rel=1e-12)
    assert proj.value("Gross Output|Coal Mining") == pytest.approx(gross0 * q * 0.9, rel=1e-12)
    assert hand / (COAL_VA0 * q) - 1 == pytest.approx((0.9 - 0.53) / 0.47 - 1)  # -21.3%
    assert proj.value("Price|Coal", 2023) == pytest.approx(gross0 * 1e8 / 7601.8e4)  # ~863 CNY/t
    assert proj.value("Value Added|Coal Mining|Real Growth") == pytest.approx(100 * (q - 1))


def test_power_margin_by_hand(base):
    """Power: gross = (VA + coal bill) / (1 - 12%); the bill = 2951.84万吨 x 90% (energy.plant_coal_local) x 600 CNY/t.
    A cheaper coal at an unchanged tariff raises value added by the bill's fall."""
    bill0 = 2951.84e4 * 0.90 * 600 / 1e8
    gross0 = (POWER_VA0 + bill0) / 0.88
    gen = 520 / 482.97
    flat, cheap = run({}, base), run({"price.coal": -10.0}, base)
    assert flat.value("Intermediate Inputs|Power|Coal", 2023) == pytest.approx(bill0)
    assert flat.value("Gross Output|Power", 2023) == pytest.approx(gross0)
    hand = gross0 * gen - bill0 * gen * 0.9 - gross0 * 0.12 * gen
    assert cheap.value("Value Added|Power") == pytest.approx(hand, rel=1e-12)
    gain = cheap.value("Value Added|Power") - flat.value("Value Added|Power")
    assert gain == pytest.approx(0.1 * bill0 * gen, rel=1e-12)


def test_coal_price_reaches_nominal_gdp_with_leverage(base):
    """Done-means of the issue: -10% coal lowers nominal GDP by more than coal VA x 10% and
    raises power's value added; real growth does not move."""
    flat, cheap = run({}, base), run({"price.coal": -10.0}, base)
    drop = flat.value("GDP") - cheap.value("GDP")
    assert drop > 0.1 * flat.value("Value Added|Coal Mining")
    assert cheap.value("Value Added|Power") > flat.value("Value Added|Power")
    assert cheap.value("GDP|Real Growth") == pytest.approx(flat.value("GDP|Real Growth"))
    assert cheap.value("Price|GDP Deflator|Change") < flat.value("Price|GDP Deflator|Change")


def test_construction_follows_real_investment(base):
    proj = run({"demand.investment_growth": 10.0, "price.industry": 2.0}, base)
    real = 100 * (1.10 / 1.02 - 1)
    assert proj.value("Value Added|Construction|Real Growth") == pytest.approx(0.45 * real)
    assert proj.value("Investment|Fixed Assets|Growth") == pytest.approx(10.0)
    assert proj.value("Investment|Fixed Assets|Growth", 2023) == pytest.approx(-14.82)


def test_retail_sales_drive_trade_and_tertiary(base):
    """Drivers mode: tertiary = 20% x real retail growth + 80% x other services (2023 shares);
    real retail growth = (1 + retail) / (1 + CPI) - 1."""
    proj = run({"demand.retail_growth": 9.0, "services.other_growth": 4.0}, base)
    trade = 100 * (1.09 / 1.002 - 1)
    assert proj.value("Value Added|Trade and Catering|Real Growth") == pytest.approx(trade)
    hand = 0.2 * trade + 0.8 * 4.0
    assert proj.value("Value Added|Tertiary|Real Growth") == pytest.approx(hand, abs=1e-12)
    # target mode: tertiary is given, other services the residual
    tgt = run({"industry.mode": "target", "demand.retail_growth": 9.0}, base)
    assert tgt.value("Value Added|Tertiary|Real Growth") == pytest.approx(5.0)
    rest = (5.0 - 0.2 * trade) / 0.8
    assert tgt.value("Value Added|Other Services|Real Growth") == pytest.approx(rest)


def test_incomes_follow_nominal_gdp(base):
    proj = run({}, base)
    ngdp = proj.value("GDP|Nominal Growth")
    assert proj.value("Income|Disposable|Urban|Growth") == pytest.approx(ngdp + 0.7)
    assert proj.value("Income|Disposable|Rural|Growth") == pytest.approx(ngdp + 4.5)
    assert proj.value("Income|Disposable|Urban|Growth", 2023) == 4.3


def test_tax_parts_in_the_base_year(base):
    """70.28 = VAT 35% + CIT 12% + resource 23.3% + other (the rest); the resource tax is ad
    valorem, so a year later it is the base amount times the ratio of coal sales."""
    proj = run({}, base)
    tax0 = 70.28
    parts = {
        "VAT": 0.35 * tax0,
        "Corporate Income": 0.12 * tax0,
        "Resource": 0.233 * tax0,
        "Other": tax0 * (1 - 0.35 - 0.12 - 0.233),
    }
    for name, hand in parts.items():
        assert proj.value(f"Revenue|Tax|{name}", 2023) == pytest.approx(hand), name
    sales = proj.series["Gross Output|Coal Mining"][0]
    assert proj.value("Revenue|Tax|Resource") == pytest.approx(0.233 * tax0 * sales[1] / sales[0])
    total = sum(proj.series[f"Revenue|Tax|{n}"] for n in parts)
    np.testing.assert_allclose(total, proj.series["Revenue|Tax"], rtol=1e-12)


def test_resource_tax_and_vat_respond_the_same_year_cit_the_next(base):
    flat, cheap = run({}, base), run({"price.coal": -10.0}, base)
    ratio = cheap.value("Revenue|Tax|Resource") / flat.value("Revenue|Tax|Resource")
    assert ratio == pytest.approx(0.9)  # ad valorem on coal sales: the price, one for one
    assert cheap.value("Revenue|Tax|VAT") < flat.value("Revenue|Tax|VAT")
    assert cheap.value("Revenue|Tax|Corporate Income") == flat.value("Revenue|Tax|Corporate Income")
    c25 = (cheap.value("Revenue|Tax|Corporate Income", 2025),)
    assert c25[0] < flat.value("Revenue|Tax|Corporate Income", 2025)
    # CIT of 2025 is the base-year rate on 2024's profits
    scale = 0.12 * 70.28 / flat.value("Profit|Non-Farm", 2023)
    assert c25[0] == pytest.approx(scale * cheap.value("Profit|Non-Farm", 2024))


def test_vat_grows_with_its_statutory_base(base):
    """Buoyancy 1: VAT grows exactly with the rate-weighted value added."""
    proj = run({"fiscal.tax_buoyancy": 1.0}, base)
    s = proj.series
    ter_rate = 0.2 * 13 + 0.8 * 6
    names = ("Coal Mining", "Power", "Other Industry")

    def vat_base(j):
        ind = sum(13 * s[f"Value Added|{n}"][0, j] for n in names)
        return (
            ind
            + 9 * s["Value Added|Construction"][0, j]
            + ter_rate * s["Value Added|Tertiary"][0, j]
        )

    growth = proj.value("Revenue|Tax|VAT") / proj.value("Revenue|Tax|VAT", 2023)
    assert growth == pytest.approx(vat_base(1) / vat_base(0), rel=1e-12)


def test_nontax_follows_nominal_gdp(base):
    proj = run({"fiscal.nontax_elasticity": 1.0}, base)
    ratio = proj.value("Revenue|Non-Tax") / proj.value("Revenue|Non-Tax", 2023)
    assert ratio - 1 == pytest.approx(proj.value("GDP|Nominal Growth") / 100)


def test_coal_shortfall_costs_gdp_and_above_scale(base):
    """Done-means: coal 7700 lowers GDP by about coal's weight x the growth lost, and 规上."""
    flat, short = run({}, base), run({"coal.output": 7700.0}, base)
    drop = flat.value("GDP|Real Growth") - short.value("GDP|Real Growth")
    hand = 1557.64 * 0.396 * 0.5 / GDP * 100 * (8000 - 7700) / 7601.8
    assert drop == pytest.approx(hand, rel=1e-9)
    assert 0.7 <= drop <= 0.8
    grid = run({"power.generation": 480.0}, base)
    assert grid.value("GDP|Real Growth") < flat.value("GDP|Real Growth")
    key = "Value Added|Industry Above Scale|Real Growth"
    assert short.value(key) < flat.value(key)


def test_a_broken_path_names_the_year_and_input(base):
    proj = run({"price.coal": -40.0, "struct.coal_va_ratio": 30.0}, base, 2030)
    found = physical.breaks(proj)
    assert found and found[0].variable == "Value Added|Coal Mining" and found[0].year == 2024
    with pytest.raises(InputError) as e:
        physical.first_break(proj)
    assert "2024" in str(e.value) and "price.coal" in str(e.value)
    assert "2024" in e.value.text("zh")


def test_extreme_but_physical_path_passes(base):
    proj = run({"coal.output": 10000.0, "power.generation": 700.0}, base, 2030)
    physical.first_break(proj)  # no exception: every year stays physical
