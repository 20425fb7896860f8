"""The energy balance, its accounting rules, carbon, the physical limits and the plan check:
hand-checked identities, the direction of each rule, properties over generated inputs."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import checks, io
from sim.energy import CALORIFIC_G_PER_KWH, RULES, SECTOR_NAMES
from sim.energy_plan import plan_need
from sim.metadata import validate_adjustment
from sim.model import run
from sim.scenarios import parse_scenario_bytes
from sim.side_inputs import band
from sim.targets import scoreboard, targets_from_doc

PARTS = (
    "Power Plants",
    "Non-Fossil Power",
    *SECTOR_NAMES,
    "Exported Electricity",
    "Feedstock",
    "Non-Fossil Deduction",
)


def _run(base, end=2024, **kw):
    return run({**validate_adjustment({}).values, "horizon.end_year": end, **kw}, base)


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("switch", ["on", "off"])
def test_parts_sum_to_the_total_every_year(base, rule, switch):
    p = _run(
        base, 2030, **{"energy.accounting": rule, "energy.deduct_feedstock": switch,
                       "energy.deduct_nonfossil": switch}
    )  # fmt: skip
    s = p.series
    total = sum(s[f"Energy|Consumption|{k}"] for k in PARTS)
    np.testing.assert_allclose(total, s["Energy|Consumption"], rtol=1e-12)
    co2 = sum(s[f"Emissions|CO2|{k}"] for k in ("Power Plants", "Exported Electricity",
                                                *SECTOR_NAMES))  # fmt: skip
    np.testing.assert_allclose(co2, s["Emissions|CO2"], rtol=1e-12)
    assert (s["Energy|Consumption"] > 0).all()


def test_base_year_balance_by_hand(base):
    """Defaults: 90% of 2951.84万吨 burned locally at 0.50 tce/t; 89% of 482.97亿千瓦时 from
    coal; 170亿千瓦时 used locally; sectors 60 + 450 + 15 + 12 + 110 万吨标准煤."""
    s = _run(base).series
    plant = 2951.84 * 0.9 * 0.5
    rate = plant * 100 / (482.97 * 0.89)
    nonfossil = 482.97 * 0.11 * rate / 100
    exports = 482.97 - 170
    direct = 60 + 450 + 15 + 12 + 110
    feed = 0.04 * 450
    assert s["Energy|Consumption|Power Plants"][0, 0] == pytest.approx(1328.328)
    assert s["Energy|Power Plants|Coal Rate"][0, 0] == pytest.approx(rate)
    assert 305 < rate < 312  # the plausible modern-plant range the calorific factor aims at
    assert s["Electricity|Exports"][0, 0] == pytest.approx(exports)
    # equivalent value: the exported kWh net out at the plants' coal rate
    assert s["Energy|Consumption|Exported Electricity"][0, 0] == pytest.approx(
        -exports * rate / 100
    )
    nf_left = nonfossil - exports * rate / 100 * 0.11
    expected = plant + nonfossil + direct - exports * rate / 100 - feed - nf_left
    assert s["Energy|Consumption"][0, 0] == pytest.approx(expected)
    # with both deductions what is left is the coal for local power, and the sectors' fuel
    assert expected == pytest.approx(rate * 0.89 * 170 / 100 + direct - feed)
    assert s["Energy Intensity"][0, 0] == pytest.approx(expected / 1557.64)
    co2 = plant * 2.77 - exports * rate / 100 * 0.89 * 2.77
    co2 += (60 + 450 - feed) * 2.85 + (15 + 12 + 110) * 2.3
    assert s["Emissions|CO2"][0, 0] == pytest.approx(co2)


def test_gross_and_calorific_by_hand(base):
    g = _run(base, **{"energy.accounting": "gross", "energy.deduct_nonfossil": "off"}).series
    c = _run(base, **{"energy.accounting": "net_calorific", "energy.deduct_nonfossil": "off"})
    assert g["Energy|Consumption|Exported Electricity"][0, 0] == 0
    exports = c.series["Electricity|Exports"][0, 0]
    assert c.series["Energy|Consumption|Exported Electricity"][0, 0] == pytest.approx(
        -exports * CALORIFIC_G_PER_KWH / 100
    )


def test_netting_out_exports_lowers_counted_growth(base):
    """Official 2024: generation +7.7% while local use follows the other sectors (+4.4%):
    gross > calorific > equivalent in energy growth and intensity change."""
    out = {r: _run(base, **{"energy.accounting": r}) for r in RULES}
    gen_g = out["gross"].value("Electricity|Generation|Growth")
    s = out["gross"].series["Electricity|Consumption"][0]
    assert gen_g > 100 * (s[1] / s[0] - 1)
    ei = [out[r].value("Energy Intensity|Change") for r in RULES]
    assert ei[0] > ei[1] > ei[2]
    eg = [out[r].value("Energy|Consumption|Growth") for r in RULES]
    assert eg[0] > eg[1] > eg[2]


@settings(max_examples=60, deadline=None)
@given(
    gen=st.floats(400.0, 650.0),
    extra=st.floats(1.0, 50.0),
    rule=st.sampled_from(RULES[1:]),
    nf=st.sampled_from(["on", "off"]),
)
def test_more_generation_never_raises_net_more_than_gross(base, gen, extra, rule, nf):
    """Local use unchanged (drivers mode: other industry does not absorb the power change)."""
    common = {"industry.mode": "drivers", "energy.deduct_nonfossil": nf}

    def delta(r):
        a = _run(base, **common, **{"energy.accounting": r, "power.generation": gen})
        b = _run(base, **common, **{"energy.accounting": r, "power.generation": gen + extra})
        la, lb = (p.series["Electricity|Consumption"][0, 1] for p in (a, b))
        assert la == pytest.approx(lb)
        return b.series["Energy|Consumption"][0, 1] - a.series["Energy|Consumption"][0, 1]

    assert delta(rule) <= delta("gross") + 1e-9
    if rule == "net_equivalent":  # exports net out fully at the plants' own coal rate
        assert delta(rule) == pytest.approx(0, abs=1e-9)


def test_deductions_lower_the_total(base):
    on = _run(base).value("Energy|Consumption")
    feed_off = _run(base, **{"energy.deduct_feedstock": "off"}).value("Energy|Consumption")
    nf_off = _run(base, **{"energy.deduct_nonfossil": "off"}).value("Energy|Consumption")
    assert feed_off > on and nf_off > on


def test_plant_energy_follows_plant_coal(base):
    """The replay's coal per kWh rises 7.97%: plant energy grows with the coal, not with
    generation (2023: plant coal +11.95% on generation +3.69%)."""
    p = _run(base, **{"power.generation": 500.8, "energy.eff_power": -7.97})
    s = p.series["Energy|Consumption|Power Plants"][0]
    coal = p.series["Supply|Coal|Power Plants"][0]
    assert s[1] / s[0] == pytest.approx(coal[1] / coal[0])
    assert 100 * (coal[1] / coal[0] - 1) == pytest.approx(11.95, abs=0.01)


def test_hours_capped_at_a_full_year_and_named(base, targets):
    p = _run(
        base, 2030, **{"horizon.power_growth": 20.0, "power.new_capacity": 0.0,
                       "power.generation": 700.0}
    )  # fmt: skip
    hours = p.series["Electricity|Utilisation Hours"][0]
    assert hours.max() <= 8760 + 1e-6 and hours[-1] == pytest.approx(8760)
    c = {x.id: x for x in checks.consistency(p, targets)}
    assert c["hours_capped"].level == "warn"
    capped = [y for y, h in zip(p.years, hours, strict=True) if h >= 8760 - 1e-6]
    assert str(capped[0]) in c["hours_capped"].en and "power.generation" in c["hours_capped"].en


def test_coal_for_other_uses_never_negative_and_the_year_named(base, targets):
    p = _run(
        base, 2030, **{"horizon.coal_growth": -15.0, "horizon.power_growth": 12.0,
                       "coal.output": 5000.0, "power.generation": 700.0,
                       "power.new_capacity": 500.0}
    )  # fmt: skip
    other = p.series["Supply|Coal|Other Uses"][0]
    inflow = p.series["Supply|Coal|Inflow"][0]
    assert (other >= 0).all() and (inflow > 0).any()
    coal = p.series["Production|Coal"][0] + inflow - other
    np.testing.assert_allclose(coal, p.series["Supply|Coal|Power Plants"][0])
    c = {x.id: x for x in checks.consistency(p, targets)}
    year = p.years[int(np.argmax(inflow > 0))]
    assert str(year) in c["coal_inflow"].en and "horizon.coal_growth" in c["coal_inflow"].en


def test_rule_in_force_is_said(base, targets, pset):
    param = pset["energy.accounting"]
    for rule in RULES:
        p = _run(base, **{"energy.accounting": rule})
        c = {x.id: x for x in checks.consistency(p, targets)}["energy_rule"]
        assert c.level == "info"
        assert param.choice_label(rule, "en") in c.en
        assert param.choice_label(rule, "zh") in c.zh


@pytest.mark.parametrize(
    ("adj", "rule"),
    [({"energy.power_counted": 100}, "gross"), ({"energy.power_counted": 40}, "net_equivalent")],
)
def test_retired_power_counted_migrates(adj, rule):
    v = validate_adjustment(adj)
    assert v.ok and v.values["energy.accounting"] == rule
    (issue,) = v.issues
    assert issue.level == "warn" and "energy.accounting" in issue.en and issue.zh


def test_retired_shares_are_dropped_with_a_notice():
    v = validate_adjustment({"struct.energy_power": 55, "struct.energy_primary": 2}, clamp=True)
    assert v.ok and len(v.issues) == 2
    assert all("energy.base_" in i.en for i in v.issues)
    old = '[scenario]\nid = "old"\ntitle_zh = "旧"\ntitle_en = "old"\n[values]\n'
    old += '"energy.power_counted" = 100.0\n'
    scn = parse_scenario_bytes(old.encode(), "old.toml")
    assert scn.validate().values["energy.accounting"] == "gross"


def test_carbon_target_is_scored_when_given(base, targets):
    doc = io.targets_doc()
    doc["target"] = [
        *doc["target"],
        {"id": "co2", "variable": "Emissions|CO2|Intensity Change", "value": -3.9, "unit": "%",
         "qualifier": "about", "sense": "lower", "covered": True, "source": "national 2024"},
    ]  # fmt: skip
    with_co2 = targets_from_doc(doc)
    p = _run(base)
    rows = {r.target.id: r for r in scoreboard(p, with_co2)}
    assert rows["co2"].projected == pytest.approx(p.value("Emissions|CO2|Intensity Change"))
    assert "co2" not in {r.target.id for r in scoreboard(p, targets)}
    c = {x.id: x for x in checks.consistency(p, targets)}
    assert "no carbon-intensity target" in c["carbon"].en


def test_five_year_plan_need_by_hand(base, targets):
    p = _run(base, 2025)
    need = plan_need(p, targets, base)
    assert need.missing == [2021, 2022] and need.known == {2023: -2.8}
    assert need.remaining == [2024, 2025]
    assert need.band == band(None, "check.fyp_missing_low") == (-4.0, 1.0)
    for change in need.band:
        f = 0.972 * (1 + change / 100) ** 2
        want = 100 * ((0.87 / f) ** 0.5 - 1)
        assert min(need.need) - 1e-9 <= want <= max(need.need) + 1e-9
    # a year published closes the range: with 2021 and 2022 known the need is one number
    frame = base.frame.copy()
    extra = frame.iloc[:2].copy()
    extra["variable"] = "Energy Intensity|Change"
    extra["year"] = [2021, 2022]
    extra["value"] = [-3.0, -1.0]
    known = dataclasses.replace(base, frame=pd.concat([frame, extra]))
    closed = plan_need(p, targets, known)
    assert closed.missing == [] and closed.need[0] == pytest.approx(closed.need[1])
    f = 0.97 * 0.99 * 0.972
    assert closed.need[0] == pytest.approx(100 * ((0.87 / f) ** 0.5 - 1))


def test_the_stretch_goal_comes_from_the_targets_row_and_its_sentence(base, targets):
    """The plan's stretch goal is the targets file's, quoted in its source; a plan row without
    one is checked against its binding target only, in a sentence that names no stretch."""
    tg = targets.by_id("fyp_energy_intensity")
    assert tg.stretch == -14.5 and "力争完成14.5%的激励目标" in tg.source
    assert f"{abs(tg.value):g}%" in tg.source
    p = _run(base, 2025)
    need = plan_need(p, targets, base)
    f = (
        0.972 * (1 + band(None, "check.fyp_missing_low")[0] / 100) ** 2
    )  # a fall in the missing years: the easier need
    assert max(need.need_stretch) == pytest.approx(100 * ((0.855 / f) ** 0.5 - 1))
    fyp = {c.id: c for c in checks.consistency(p, targets)}["fyp"]
    assert "stretch -14.50%" in fyp.en and "力争-14.50%" in fyp.zh
    doc = io.targets_doc()
    rows = [dict(r) for r in doc["target"]]
    for r in rows:
        if r["id"] == "fyp_energy_intensity":
            r["stretch"] = -16.0
    p16 = plan_need(p, targets_from_doc({**doc, "target": rows}), base)
    assert p16.stretch == -16.0 and max(p16.need_stretch) < max(need.need_stretch)
    for r in rows:
        r.pop("stretch", None)
    plain = targets_from_doc({**doc, "target": rows})
    assert plan_need(p, plain, base).need_stretch is None
    fyp = {c.id: c for c in checks.consistency(p, plain)}["fyp"]
    assert "stretch" not in fyp.en and "力争" not in fyp.zh
    assert "-13.00% from 2020 to 2025" in fyp.en


def test_cli_prints_the_balance_and_the_rules(capsys):
    from sim.cli import main

    assert main(["run"]) == 0
    out = capsys.readouterr().out
    for year in (2023, 2024):
        assert f"Energy|Consumption,10k tce,{year}," in out
        assert f"Emissions|CO2,10k t CO2,{year}," in out
    values = {}
    for rule in RULES:
        assert main(["run", "--set", f"energy.accounting={rule}"]) == 0
        row = [x for x in capsys.readouterr().out.splitlines() if "Intensity|Change,%,2024" in x]
        values[rule] = float(row[0].rsplit(",", 1)[1])
    assert values["gross"] > values["net_calorific"] > values["net_equivalent"]
    assert main(["run", "--set", "energy.power_counted=100"]) == 0
    assert "energy.power_counted is retired" in capsys.readouterr().err


def test_library_version_with_retired_ids_opens_migrated(tmp_path):
    """A version saved before the energy balance (inputs naming energy.power_counted and a
    struct.energy_* share) opens with the rule migrated and a notice for each old id."""
    import json
    import sqlite3

    from sim.library import Library

    lib = Library(tmp_path / "lib.sqlite3")
    lib.save("old", {"industry.mode": "target", "growth.secondary": 7.0})
    old = {
        "industry.mode": "target",
        "growth.secondary": 7.0,
        "energy.power_counted": 100.0,
        "struct.energy_power": 55.0,
        "construction.growth": 4.5,  # retired by the drivers model: dropped
        "struct.power_local_coal": 85.0,  # merged into energy.plant_coal_local
    }
    with sqlite3.connect(lib.path) as conn:
        conn.execute("UPDATE version SET inputs = ?", (json.dumps(old),))
    opened = lib.open("old")
    assert opened.values["energy.accounting"] == "gross"
    assert opened.values["growth.secondary"] == 7.0
    fields = {i.field for i in opened.issues}
    assert {"energy.power_counted", "struct.energy_power", "construction.growth"} <= fields
    assert "struct.power_local_coal" in fields and opened.values["energy.plant_coal_local"] == 85.0
    assert all(i.level == "warn" for i in opened.issues)
