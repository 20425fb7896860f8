"""The energy views' charts: the balance picture adds up, every chart builds in both
languages, bars keep a fixed thickness and values are written on the chart."""

from __future__ import annotations

import pytest

from sim import model
from sim.metadata import validate_adjustment
from ui import chart_data as cd
from ui import charts


@pytest.fixture(scope="module")
def proj(base):
    return model.run({**validate_adjustment({}).values, "horizon.end_year": 2026}, base)


def test_balance_frame_adds_up_to_the_counted_total(proj, targets):
    df = cd.balance(proj, targets, "zh")
    assert len(set(df["year"])) == 3  # base year, first and last projected year
    for _year, g in df.groupby("year"):
        parts = g[g["side"] != "total"]["value"].sum()
        (total,) = g[g["side"] == "total"]["value"]
        assert parts == pytest.approx(total)
        assert (g[g["side"] == "out"]["value"] <= 0).all()
        assert (g[g["side"] == "in"]["value"] >= 0).all()
    base_total = df[(df["side"] == "total")]["value"].iloc[0]
    assert base_total == pytest.approx(proj.series["Energy|Consumption"][0, 0])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["balance", "intensity", "energy_growth", "carbon"])
def test_energy_charts_build_and_stay_readable(proj, targets, name, lang):
    spec = charts.chart(name, proj, targets, lang).to_dict()
    assert spec["height"] >= 150
    marks = [layer["mark"] for layer in spec.get("layer", [])]
    bars = [m for m in marks if isinstance(m, dict) and m.get("type") == "bar"]
    if name != "carbon":
        assert bars and all(m.get("size", 0) >= 26 for m in bars)  # never a hairline
        assert any(isinstance(m, dict) and m.get("type") == "text" for m in marks)


def test_intensity_value_written_even_near_zero(base, targets):
    p = model.run({**validate_adjustment({}).values, "energy.eff_industry": 1.2}, base)
    df = cd.intensity(p, targets, "en")
    assert abs(df["change"].iloc[0]) < 1.0
    spec = charts.chart("intensity", p, targets, "en").to_dict()
    kinds = [layer["mark"]["type"] for layer in spec["layer"]]
    assert "point" in kinds and "text" in kinds


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verdict_names_the_rule(base, targets, pset, lang):
    from types import SimpleNamespace

    from ui.energy_view import energy_verdict

    for rule in pset["energy.accounting"].choices:
        p = model.run({**validate_adjustment({}).values, "energy.accounting": rule}, base)
        text = energy_verdict(SimpleNamespace(proj=p, lang=lang, targets=targets))
        assert pset["energy.accounting"].choice_label(rule, lang) in text
        assert f"{p.value('Energy Intensity|Change'):+.2f}" in text
