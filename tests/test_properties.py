"""Properties over generated inputs (hypothesis): monotonicity and accounting identities."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim import model
from sim.metadata import load_parameters

PSET = load_parameters()
FLOATS = [p for p in PSET.params if p.type == "float"]


@st.composite
def scenarios(draw):
    """A full set of values: each float parameter somewhere in its range, mode and horizon drawn."""
    vals = dict(PSET.defaults())
    for p in FLOATS:
        vals[p.id] = draw(st.floats(p.min, p.max, allow_nan=False))
    vals["industry.mode"] = draw(st.sampled_from(["target", "drivers"]))
    vals["horizon.end_year"] = draw(st.integers(2024, 2027))
    # keep the structure assumptions inside their cross-field rules
    vals["struct.coal_share"] = draw(st.floats(5, 60))
    vals["struct.power_share"] = draw(st.floats(1, 30))
    shares = draw(st.lists(st.floats(0, 25), min_size=4, max_size=4))
    for k, s in zip(
        (
            "struct.energy_power",
            "struct.energy_coal",
            "struct.energy_industry",
            "struct.energy_primary",
        ),
        shares,
        strict=True,
    ):
        vals[k] = s
    return vals


def gdp_growth(vals, base):
    return model.run(vals, base).value("GDP|Real Growth")


@settings(max_examples=150, deadline=None)
@given(
    vals=scenarios(),
    delta=st.floats(0.01, 5.0),
    sector=st.sampled_from(["primary", "secondary", "tertiary"]),
)
def test_more_sector_growth_never_lowers_gdp(base, vals, delta, sector):
    pid = f"growth.{sector}"
    if sector in ("secondary", "tertiary"):  # inputs of sector-target mode only
        vals["industry.mode"] = "target"
    hi = dict(vals, **{pid: min(vals[pid] + delta, PSET[pid].max)})
    assert model.run(hi, base).value("GDP") >= model.run(vals, base).value("GDP") - 1e-9
    assert gdp_growth(hi, base) >= gdp_growth(vals, base) - 1e-12


@settings(max_examples=100, deadline=None)
@given(
    vals=scenarios(),
    delta=st.floats(0.01, 5.0),
    pid=st.sampled_from(
        ["energy.eff_industry", "energy.eff_power", "energy.eff_coal", "energy.eff_other"]
    ),
)
def test_higher_efficiency_never_raises_energy_intensity(base, vals, delta, pid):
    """Holds for the first year's change and for the cumulative change of every year. A later
    year's own change need not fall: a sector that saves more also weighs less next year."""
    hi = dict(vals, **{pid: min(vals[pid] + delta, PSET[pid].max)})
    a, b = model.run(vals, base).series, model.run(hi, base).series
    # Extreme residuals can push other industry's value added below zero, where "saving"
    # energy on a negative activity is meaningless (the checks flag that case).
    assume((a["Value Added|Other Industry"] > 0).all())
    assert b["Energy Intensity|Change"][0, 1] <= a["Energy Intensity|Change"][0, 1] + 1e-9
    cum_a, cum_b = (
        a["Energy Intensity|Cumulative Change"][0, 1:],
        b["Energy Intensity|Cumulative Change"][0, 1:],
    )
    assert (cum_b <= cum_a + 1e-9).all()


@settings(max_examples=150, deadline=None)
@given(vals=scenarios())
def test_sectors_sum_to_total_and_shares_to_100(base, vals):
    proj = model.run(vals, base)
    s = proj.series
    va = s["Value Added|Primary"] + s["Value Added|Secondary"] + s["Value Added|Tertiary"]
    np.testing.assert_allclose(va, s["GDP"], rtol=1e-12)
    shares = s["Share|Primary"] + s["Share|Secondary"] + s["Share|Tertiary"]
    np.testing.assert_allclose(shares, 100.0, rtol=1e-9)
    sub = sum(
        s[f"Value Added|{k}"] for k in ("Coal Mining", "Power", "Other Industry", "Construction")
    )
    np.testing.assert_allclose(sub, s["Value Added|Secondary"], rtol=1e-9, atol=1e-9)
    pulls = sum(
        s[f"Value Added|{k}|Contribution"][:, 1:] for k in ("Primary", "Secondary", "Tertiary")
    )
    np.testing.assert_allclose(pulls, s["GDP|Real Growth"][:, 1:], atol=1e-9)
    rev = s["Revenue|Tax"] + s["Revenue|Non-Tax"]
    np.testing.assert_allclose(rev, s["Revenue|General Public Budget"], rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(vals=scenarios(), draws=st.integers(2, 6))
def test_vectorized_draws_equal_single_runs(base, vals, draws):
    """project() over several identical draws gives each draw the single-run answer."""
    x = model.to_arrays(vals, PSET, draws=draws)
    many = model.project(x, base, model.n_years_of(vals, base))
    one = model.run(vals, base)
    for k, arr in one.series.items():
        np.testing.assert_allclose(many.series[k], np.repeat(arr, draws, axis=0), equal_nan=True)


@settings(max_examples=120, deadline=None)
@given(vals=scenarios(), delta=st.floats(1.0, 800.0))
def test_drivers_mode_more_coal_never_lowers_gdp(base, vals, delta):
    """Drivers mode: more coal output never lowers real GDP growth or nominal GDP."""
    vals["industry.mode"] = "drivers"
    hi = dict(vals, **{"coal.output": min(vals["coal.output"] + delta, PSET["coal.output"].max)})
    a, b = model.run(vals, base), model.run(hi, base)
    assume((a.series["Value Added|Coal Mining"] > 0).all())
    assert b.value("GDP|Real Growth") >= a.value("GDP|Real Growth") - 1e-12
    assert b.value("GDP") >= a.value("GDP") - 1e-9


@settings(max_examples=120, deadline=None)
@given(vals=scenarios(), delta=st.floats(0.5, 20.0))
def test_cheaper_coal_never_lowers_power_value_added(base, vals, delta):
    lo = dict(vals, **{"price.coal": max(vals["price.coal"] - delta, PSET["price.coal"].min)})
    a, b = model.run(vals, base).series, model.run(lo, base).series
    assert (b["Value Added|Power"] >= a["Value Added|Power"] - 1e-9).all()
    assert (b["Value Added|Coal Mining"] <= a["Value Added|Coal Mining"] + 1e-9).all()


@settings(max_examples=150, deadline=None)
@given(vals=scenarios())
def test_tax_parts_sum_and_services_parts_fit(base, vals):
    s = model.run(vals, base).series
    parts = sum(s[f"Revenue|Tax|{k}"] for k in ("VAT", "Corporate Income", "Resource", "Other"))
    np.testing.assert_allclose(parts, s["Revenue|Tax"], rtol=1e-9, atol=1e-9)
    assert (s["Revenue|Tax|Corporate Income"] >= 0).all() and (s["Profit|Non-Farm"] >= 0).all()
    assert (s["Value Added|Trade and Catering"] <= s["Value Added|Tertiary"] + 1e-9).all()
