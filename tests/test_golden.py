"""Golden outputs: every preset scenario (and the official one over 2024-2030) re-run and
compared with its stored IAMC CSV. On a mismatch the actual rows are written beside the
expected file as <name>.actual.csv for review; regenerate with UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim import iamc, io, model
from sim.scenarios import load_scenario

GOLDEN = Path(__file__).parent / "golden"
CASES = [(p.stem, p.stem, None) for p in io.scenario_paths()] + [
    ("official_2024_to_2030", "official_2024", 2030)
]


@pytest.mark.parametrize(("name", "scenario", "end_year"), CASES, ids=[c[0] for c in CASES])
def test_golden(name, scenario, end_year, base):
    scn = load_scenario(scenario)
    adj = dict(scn.values)
    if end_year:
        adj["horizon.end_year"] = end_year
    from sim.metadata import validate_adjustment

    v = validate_adjustment(adj)
    assert v.ok
    actual = iamc.to_iamc(model.run(v.values, base), scn.id)
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        actual.to_csv(path, index=False)
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"no golden file; wrote {path.name}: review and commit it")
    expected = pd.read_csv(path)
    same_rows = list(zip(expected["variable"], expected["year"], strict=True)) == list(
        zip(actual["variable"], actual["year"], strict=True)
    )
    close = same_rows and np.allclose(expected["value"], actual["value"], rtol=1e-9, atol=1e-6)
    if not close:
        actual.to_csv(GOLDEN / f"{name}.actual.csv", index=False)
    assert same_rows, f"variables/years differ from {path.name}; see {name}.actual.csv"
    assert close, f"values differ from {path.name}; see {name}.actual.csv"


def test_golden_official_headline_values():
    """The stored official file itself carries the hand-checkable headline."""
    df = pd.read_csv(GOLDEN / "official_2024.csv")
    g = df[(df.variable == "GDP|Real Growth") & (df.year == 2024)].value.item()
    # drivers mode at the derived defaults (rounded to 0.01 and 0.001): 5.48% to 0.001
    assert g == pytest.approx(0.119 * 3.5 + 0.441 * 6.5 + 0.44 * 5.0, abs=1e-3)
    parts = df[df.variable.str.startswith("Revenue|Tax|") & (df.year == 2024)].set_index("variable")
    four = ["Revenue|Tax|" + k for k in ("VAT", "Corporate Income", "Resource", "Other")]
    tax = df[(df.variable == "Revenue|Tax") & (df.year == 2024)].value.item()
    assert parts.loc[four, "value"].sum() == pytest.approx(tax, abs=1e-5)
