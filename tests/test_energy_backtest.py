"""The energy calibration: the default accounting rule reproduces 2023's reported -2.8% in the
replay (preset repeat_2023) and in the 2022 -> 2023 back-test within TOLERANCE_PP, and it is
the rule that comes closest; the 2022 base is built from the published 2022 rows."""

from __future__ import annotations

import pytest

from sim.energy_backtest import (
    REPORTED_2023,
    TOLERANCE_PP,
    backtest,
    baseline_2022,
    replay,
    rule_table,
)

EI = "Energy Intensity|Change"


@pytest.fixture(scope="module")
def table(base):
    return rule_table(base)


def test_2022_base_from_the_published_rows(base):
    b = baseline_2022(base)
    assert b.year == 2022
    assert b.values["GDP"] == 1503.58 and b.values["GDP|Real Growth"] == 0.7
    assert b.values["Supply|Coal|Power Plants"] == pytest.approx(2951.84 / 1.1195, abs=0.01)
    assert b.values["Electricity|Generation"] == pytest.approx(482.97 / 1.0369, abs=0.01)
    assert b.values["Capacity|Electricity"] == pytest.approx(1340.57 - 119.11)


def test_backtest_reproduces_2023_actuals(base):
    p = backtest(base)
    assert p.years == [2022, 2023]
    # the economy back-test in target mode misses 3.2% by 0.09 pp (2022 structure backcast)
    assert p.value("GDP|Real Growth") == pytest.approx(3.2, abs=0.1)
    assert p.value("Electricity|Generation") == pytest.approx(482.97, abs=0.01)
    assert p.value("Supply|Coal|Power Plants") == pytest.approx(2951.84, rel=2e-4)
    assert p.value("Production|Coal") == pytest.approx(7601.8, abs=0.01)


def test_default_rule_reproduces_2023_within_the_stated_distance(base):
    assert replay(base).value(EI) == pytest.approx(REPORTED_2023, abs=TOLERANCE_PP)
    assert backtest(base).value(EI) == pytest.approx(REPORTED_2023, abs=TOLERANCE_PP)


def test_default_is_the_closest_rule(table, pset):
    best = table.loc[table["distance"].idxmin()]
    assert best["rule"] == pset["energy.accounting"].default
    assert best["deductions"] == pset["energy.deduct_feedstock"].default == "on"
    # gross and calorific put 2023's intensity up, not down: driven by plant coal +11.95%
    for rule in ("gross", "net_calorific"):
        assert (table[table["rule"] == rule]["backtest_2023"] > 0).all()


def test_readme_rule_table_is_true(table):
    """The README's table rows (rounded to 0.1) match the computation."""
    from pathlib import Path

    text = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for row in table[table["deductions"] == "on"].itertuples():
        cells = f"{row.replay_2023:+.1f} | {row.backtest_2023:+.1f} | {row.official_2024:+.1f}"
        assert cells in text, (row.rule, cells)
