"""Inputs that follow the region (sim/region.py) and assumption profiles (sim/profiles.py):
ranges around any baseline's own base year (hypothesis), defaults from its targets or flagged
neutral values, Liupanshui's profile = the metadata as written, the generic profile's ratios
in step with Liupanshui's defaults, and a flag for every assumption not from the region."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import io, model
from sim.baseline import build_baseline
from sim.metadata import load_parameters, validate_adjustment
from sim.profiles import GENERIC_ID, find_profile, generic_profile, shipped_profiles
from sim.region import (
    HORIZON_YEARS,
    LEVEL_BAND,
    level_band,
    nice_step,
    region_setup,
)
from sim.targets import TargetSet, load_targets, targets_from_doc

PSET = load_parameters()
# Every assumption and accounting rule (the horizon's end is the planner's choice, not a figure).
FLAGGABLE = {
    p.id
    for p in PSET.params
    if p.kind in ("assumption", "policy") and p.id not in ("horizon.end_year", "industry.mode")
}
LPS = build_baseline(io.read_baseline_frame())


def frame(region="样例市", year=2023, gdp=812.5, shares=(9.8, 52.7, 37.5), **rows) -> pd.DataFrame:
    data = [
        ("GDP", "100m CNY", gdp),
        ("Share|Primary", "%", shares[0]),
        ("Share|Secondary", "%", shares[1]),
        ("Share|Tertiary", "%", shares[2]),
    ]
    units = {
        "Production|Coal": "10k t",
        "Electricity|Generation": "100m kWh",
        "Capacity|Electricity": "10k kW",
        "Share|Industry": "%",
        "Value Added|Primary|Real Growth": "%",
    }
    data += [(k.replace("__", "|"), units[k.replace("__", "|")], v) for k, v in rows.items()]
    return pd.DataFrame(
        [(region, v, u, year, x, "actual", "test", "") for v, u, x in data],
        columns=["region", "variable", "unit", "year", "value", "kind", "source", "quote"],
    )


def targets(region: str, year: int, **values) -> TargetSet:
    if not values:
        return TargetSet((), year, 0.1, region)
    written = {x.id: x for x in load_targets().targets}
    items = []
    for tid, v in values.items():
        w = written[tid]
        items.append(
            {"id": tid, "variable": w.variable, "value": v, "unit": w.unit, "qualifier": "about",
             "sense": w.sense, "covered": w.covered, "quote": f"{tid} {v}"}
        )  # fmt: skip
    return targets_from_doc({"meta": {"region": region, "year": year}, "target": items})


def test_liupanshui_profile_is_the_metadata_as_written():
    s = region_setup(LPS, load_targets(), find_profile(LPS.region))
    assert s.pset.params == PSET.params and not s.flags and s.summary() is None
    assert find_profile("六盘水市").id == "六盘水市" == find_profile("Liupanshui").id
    # The same city under its Chinese name is its own region: no "Liupanshui's for 六盘水市".
    zh = build_baseline(io.read_baseline_frame().assign(region="六盘水市"))
    s = region_setup(zh, load_targets(), find_profile(zh.region))
    assert not s.flags and s.pset.assumptions_for == "六盘水市"


def test_generic_ratios_reproduce_liupanshui_defaults():
    """Entries borrowed from Liupanshui reproduce its defaults on its baseline; the national
    electricity ratio is 92241亿千瓦时 / 1260582亿元 (2023), as its source says."""
    entries = generic_profile().entries.values()
    borrowed = [e for e in entries if e.source.startswith("六盘水市")]
    assert len(borrowed) == 5
    for e in borrowed:
        assert e.resolve(LPS) == pytest.approx(float(PSET[e.id].default), rel=1e-3), e.id
    power = generic_profile().entries["energy.local_power_use"]
    assert power.ratio == pytest.approx(92241 / 1260582, rel=1e-4)
    assert "92241" in power.source and "1260582" in power.source


def test_every_shipped_profile_entry_is_a_known_input_with_a_reason():
    for prof in shipped_profiles():
        assert prof.title_zh and prof.title_en and prof.basis_zh and prof.basis_en
        for e in prof.entries.values():
            assert e.id in PSET.by_id and PSET[e.id].kind == "assumption", (prof.id, e.id)
            assert e.reason_zh and e.reason_en and e.source, (prof.id, e.id)


def test_nice_step_and_band():
    assert nice_step(2150) == 5 and nice_step(1000) == 2 and nice_step(0.6) == 0.002
    lo, hi, step = level_band(2150.0)
    assert (lo, hi, step) == (1075.0, 3225.0, 5.0)
    lo, hi, _ = level_band(2150.0, target=5000.0)  # a target outside widens the band
    assert lo <= 1075.0 and hi >= 5500.0


@settings(max_examples=60, deadline=None)
@given(
    gdp=st.floats(5.0, 2e6),
    coal=st.floats(1.0, 5e5),
    gen=st.floats(1.0, 1e5),
    cap=st.floats(10.0, 1e5),
    coal_target=st.one_of(st.none(), st.floats(0.2, 3.0)),
    year=st.integers(2000, 2025),
    industry=st.booleans(),
)
def test_ranges_follow_any_baseline(gdp, coal, gen, cap, coal_target, year, industry):
    rows = {"Production__Coal": coal, "Electricity__Generation": gen, "Capacity__Electricity": cap}
    if industry:
        rows["Share__Industry"] = 40.0
    base = build_baseline(frame(gdp=gdp, year=year, **rows))
    tv = {} if coal_target is None else {"coal_output": round(coal * coal_target, 3)}
    s = region_setup(base, targets("样例市", year + 1, **tv), generic_profile())
    ps = s.pset
    c = ps["coal.output"]
    assert 0 < c.min <= LEVEL_BAND[0] * coal + 1e-9 and c.max >= LEVEL_BAND[1] * coal - 1e-9
    assert c.default == pytest.approx(tv.get("coal_output", coal))
    g = ps["power.generation"]
    assert (
        g.min <= 0.5 * gen + 1e-9 and 1.5 * gen <= g.max + 1e-9 and g.default == pytest.approx(gen)
    )
    assert ps["power.new_capacity"].max >= 0.5 * cap - 1e-9
    h = ps["horizon.end_year"]
    assert (h.min, h.max, h.default) == (year + 1, year + HORIZON_YEARS, year + 1)
    for p in ps.params:
        if p.type != "choice":
            assert p.min <= p.default <= p.max, p.id
            if p.plausible:
                assert p.min - 1e-9 <= p.plausible[0] <= p.plausible[1] <= p.max + 1e-9, p.id
    assert ps["industry.mode"].default == ("drivers" if industry else "target")
    assert validate_adjustment(ps.defaults(), ps).ok
    proj = model.run(ps.defaults(), base, ps)
    for var in ("GDP|Real Growth", "Energy Intensity|Change", "Production|Coal"):
        assert np.isfinite(proj.series[var][0, 1]), var
    # Level assumptions scale with the region: energy use per unit of GDP stays Liupanshui-like.
    e = ps["energy.base_other_industry"].default / (gdp * 0.527)
    assert e == pytest.approx(
        PSET["energy.base_other_industry"].default / (LPS.gdp * 0.441), rel=0.01
    )
    # Every assumption or policy not set by an own entry is flagged, each naming the region.
    flagged = {f.id for f in s.borrowed}
    assert flagged >= FLAGGABLE
    # and so is every target-linked input the report sets no target for (no figure to fall
    # back on in this baseline: the written default, flagged as borrowed)
    extra = flagged - FLAGGABLE
    assert all(PSET[i].kind == "target" and PSET[i].target not in tv for i in extra)
    assert all("样例市" in f.zh and "样例市" in f.en for f in s.borrowed)


def test_targets_become_defaults_and_missing_ones_are_neutral_and_say_so():
    growth = {"Value Added__Primary__Real Growth": 3.1}
    base = build_baseline(frame(Production__Coal=2150.0, **growth))
    s = region_setup(
        base, targets("样例市", 2024, gdp_growth=5.0, coal_output=2300.0), generic_profile()
    )
    assert s.pset["coal.output"].default == 2300.0 and s.pset["coal.output"].quote
    neutral = {f.id: f for f in s.of("neutral")}
    assert s.pset["growth.primary"].default == 3.1 and "growth.primary" in neutral
    assert "2023" in neutral["growth.primary"].zh and "中性值" in neutral["growth.primary"].zh
    assert s.pset["growth.primary"].reason_zh == neutral["growth.primary"].zh  # the slider's help


def test_a_target_beyond_the_range_widens_it_with_a_flag():
    base = build_baseline(frame(Production__Coal=2150.0))
    s = region_setup(base, targets("样例市", 2024, coal_output=9000.0), generic_profile())
    p = s.pset["coal.output"]
    assert p.default == 9000.0 and p.max >= 9000.0
    assert [f.id for f in s.of("widened")] == ["coal.output"]
    s = region_setup(base, targets("样例市", 2024, gdp_growth=40.0), generic_profile())
    assert s.pset["growth.primary"].min <= s.pset["growth.primary"].default  # untouched
    assert "gdp_growth" not in {f.id for f in s.flags}  # not an input: scored only


def test_another_regions_targets_set_no_defaults():
    """Liupanshui's targets beside another baseline: its coal target of 8000 is not the
    other region's default (it would be 3.7x its output)."""
    base = build_baseline(frame(Production__Coal=2150.0))
    s = region_setup(base, load_targets(), generic_profile())
    assert s.pset["coal.output"].default == 2150.0


def test_derived_inputs_make_the_regions_targets_agree():
    """Drivers mode on another region: other industry's default is what its secondary target
    needs, so the drivers run gives the sector-target run's GDP growth."""
    base = build_baseline(
        frame(Production__Coal=2150.0, Electricity__Generation=96.3, Capacity__Electricity=300.0,
              Share__Industry=45.0)
    )  # fmt: skip
    ts = targets("样例市", 2024, secondary_growth=6.0, primary_growth=3.0, tertiary_growth=5.0,
                 coal_output=2300.0)  # fmt: skip
    ps = region_setup(base, ts, generic_profile()).pset
    v = ps.defaults()
    drivers = model.run(v, base, ps).value("GDP|Real Growth")
    target = model.run({**v, "industry.mode": "target"}, base, ps).value("GDP|Real Growth")
    assert drivers == pytest.approx(target, abs=0.01)


@pytest.mark.parametrize("region", ["贵州省", "全国"])
def test_example_regions_have_their_own_profile(region):
    folder = io.REGIONS_DIR / region
    base = build_baseline(io.read_baseline_frame(folder / "baseline.csv"))
    ts = targets_from_doc(io.targets_doc(folder / "targets.toml"))
    prof = find_profile(base.region)
    assert prof.id == region and prof.kind == "own" and prof.inherit == GENERIC_ID
    s = region_setup(base, ts, prof)
    own = [e for e in prof.entries.values() if e.own]
    assert own and all(s.flag(e.id) is None for e in own)  # its own figures are not flagged
    assert all(f.id not in {e.id for e in own} for f in s.borrowed)
    assert len([f for f in s.borrowed if f.id in FLAGGABLE]) == len(FLAGGABLE) - len(own)
    proj = model.run(s.pset.defaults(), base, s.pset)
    assert -6 < proj.value("Energy Intensity|Change") < 2
    assert proj.years[1] == ts.year == base.year + 1
    assert math.isfinite(proj.value("GDP|Real Growth"))


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("煤城市2024年政府工作报告\n（2024年1月10日）", "煤城市"),
        ("2024年贵州省政府工作报告", "贵州省"),
        ("（福建省）2020年福州市人民政府工作报告(全文)", "福州市"),
        ("楚雄市人民政府关于印发2022年政府工作报告的通知", "楚雄市"),
        ("2020 年东宝区政府工作报告", "东宝区"),
        ("貴州省2024年政府工作報告", "贵州省"),  # traditional script reads as simplified
        ("政府工作报告\n各位代表：", None),
        ("在县第十八届人民代表大会第三次会议上的政府工作报告", None),
    ],
)
def test_region_named_in_the_title(title, region):
    from sim.extract.region_name import region_in_title

    assert region_in_title(title) == region


def test_one_region_under_its_names():
    from sim.region import same_region

    assert same_region("Liupanshui", "六盘水市") and same_region("六盘水", "六盘水市")
    assert same_region("贵州", "贵州省") and same_region(" 煤城市 ", "煤城市")
    assert not same_region("贵州省", "六盘水市") and not same_region("煤城市", "煤城县")
