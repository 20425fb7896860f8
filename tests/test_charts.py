"""Chart builders: the numbers they draw (checked by hand) and valid Vega-Lite specs, without
Streamlit. Specs are validated against the schema here; the app skips validation for speed."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim import model
from sim.baseline import build_baseline
from sim.metadata import validate_adjustment
from ui import chart_data as cd
from ui import charts


@pytest.fixture(scope="module")
def proj(base):
    return model.run(validate_adjustment({}).values, base)


@pytest.fixture(scope="module")
def proj3(base):
    return model.run(validate_adjustment({"horizon.end_year": 2026}).values, base)


@pytest.fixture(scope="module")
def bare_base(base):
    """A baseline with only the required rows: no industry split, fiscal, coal or power."""
    keep = {"GDP", "Share|Primary", "Share|Secondary", "Share|Tertiary"}
    frame = base.frame[base.frame["variable"].isin(keep)]
    return build_baseline(frame.reset_index(drop=True))


def spec_data(chart) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_pulls_add_up_to_gdp_growth(proj):
    df = cd.pulls(proj, None, "zh")
    assert list(df["year"].unique()) == ["2024"]
    # official sector targets weighted by the 2023 structure: 0.119*3.5 + 0.441*6.5 + 0.44*5
    assert df["pull"].sum() == pytest.approx(proj.value("GDP|Real Growth"), abs=1e-9)
    assert df["pull"].sum() == pytest.approx(5.483, abs=1e-3)
    ter = df[df["part"] == "第三产业"].iloc[0]
    assert ter["pull"] == pytest.approx(0.44 * 5.0, abs=1e-4)
    assert ter["weight"] == pytest.approx(44.0)
    assert len(df) == 6


def test_pulls_chart_has_target_rule(proj, targets):
    spec = charts.chart("pulls", proj, targets, "en").to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    assert "Target 5.5" in text
    assert "Pulls to GDP growth by sector" in text


def test_structure_frame_sums_to_100(proj3):
    df = cd.structure(proj3, None, "en")
    assert list(df["year"].unique()) == ["2023", "2024 (projected)", "2026 (projected)"]
    assert df.groupby("year")["share"].sum().tolist() == pytest.approx([100, 100, 100])
    first = df[df["year"] == "2023"].set_index("sector")["share"]
    assert first["Primary"] == pytest.approx(11.9)


def test_revenue_components_add_up(proj, targets):
    df = cd.revenue(proj, None, "zh")
    total = df.groupby("year")["value"].sum()
    assert total["2023"] == pytest.approx(110.33)
    assert total["2024"] == pytest.approx(proj.value("Revenue|General Public Budget"))
    assert "非税收入" in set(df["part"])
    spec = charts.chart("revenue", proj, targets, "zh").to_dict()
    ticks = [x for x in spec["layer"] if x["mark"]["type"] == "tick"]
    assert ticks[0]["encoding"]["x"]["datum"] == pytest.approx(110.33 * 1.03)
    assert ticks[0]["encoding"]["y"]["datum"] == "2024"


def test_energy_growth_allowed_vs_projected(proj, targets):
    df = cd.energy_growth(proj, targets, "en")
    allowed = df[df["bar"] == "Allowed by the intensity target"]["pp"].iloc[0]
    g = proj.value("GDP|Real Growth")
    assert allowed == pytest.approx(100 * (0.972 * (1 + g / 100) - 1))  # about 2.53
    projected = df[df["bar"] == "Projected"]["pp"].sum()
    assert projected == pytest.approx(proj.value("Energy|Consumption|Growth"))
    assert projected > allowed  # the tension the report leaves open
    charts.chart("energy_growth", proj, targets, "en").to_dict()


def test_intensity_status_coloured(proj, targets):
    df = cd.intensity(proj, targets, "zh")
    assert df["status"].tolist() == ["missed"]
    charts.chart("intensity", proj, targets, "zh").to_dict()


def test_coal_split_and_power_charts(proj, targets):
    df = cd.coal(proj, targets, "en")
    y24 = df[df["year"] == "2024"]["value"].sum()
    assert y24 == pytest.approx(8000.0)
    for name in ("coal", "generation", "hours"):
        c = charts.chart(name, proj, targets, "en")
        assert c is not None
        c.to_dict()


def test_paths_only_for_longer_horizon(proj, proj3):
    assert charts.chart("paths", proj, None, "zh") is None
    df = cd.paths(proj3, None, "en")
    gdp = df[df["variable"].str.startswith("GDP real growth")]
    assert gdp["year"].tolist() == ["2023", "2024", "2025", "2026"]
    assert gdp["value"].iloc[1] == pytest.approx(5.483, abs=1e-3)
    charts.chart("paths", proj3, None, "en").to_dict()


def test_charts_without_optional_blocks(bare_base, targets):
    p = model.run(validate_adjustment({}).values, bare_base)
    for name in ("revenue", "coal", "generation", "hours"):
        assert charts.chart(name, p, targets, "zh") is None, name
    df = cd.pulls(p, targets, "zh")
    assert set(df["part"]) == {"第一产业", "第二产业", "第三产业"}
    for name in ("pulls", "structure", "intensity", "energy_growth", "balance", "carbon"):
        charts.chart(name, p, targets, "zh").to_dict()


def test_compare_chart_spec():
    df = pd.DataFrame(
        {
            "indicator": ["GDP", "GDP"],
            "scenario": ["a", "b"],
            "value": [5.48, 5.92],
            "target": [5.5, 5.5],
            "status": ["near", "met"],
        }
    )
    rows = spec_data(charts.compare_chart(df, "en"))
    assert [r["value"] for r in rows] == [5.48, 5.92]


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_spec_depends_on_data_only_through_its_frame(name, base, targets):
    """The app builds a spec once per run shape and swaps in new data: two runs of the same
    shape must give specs that differ only in their dataset."""
    a = model.run(validate_adjustment({"horizon.end_year": 2026}).values, base)
    b = model.run(
        validate_adjustment(
            {
                "horizon.end_year": 2026,
                "industry.other_growth": 12.0,
                "price.coal": -15,
                "coal.output": 7000,
                "power.generation": 540,
            }
        ).values,
        base,
    )
    sa, sb = (charts.chart(name, p, targets, "zh").to_dict() for p in (a, b))
    da, db = sa.pop("datasets"), sb.pop("datasets")
    assert len(da) == len(db) == 1
    assert json.dumps(sa, sort_keys=True).replace(next(iter(da)), "D") == json.dumps(
        sb, sort_keys=True
    ).replace(next(iter(db)), "D")
    assert da != db
