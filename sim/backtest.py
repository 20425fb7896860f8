"""Back-test: project 2023 from the 2022 baseline with 2023's actual drivers and compare each
block with 2023's outcome.

The 2022 baseline (data/baseline_2022.csv) holds the published 2022 figures and the rows
derived from the 2023 report's growth rates; the inputs (params/backtest/2023.toml) are 2023's
actual drivers where they were published and a planner's neutral assumption where not. The
projection runs in both modes: target mode takes 2023's published sector growth (so its GDP
growth is close to the truth by construction and tests prices, taxes and energy), drivers mode
builds sector growth from coal, generation, investment and the neutral assumptions.

Errors: percentage points for rates, % of the actual for levels. ``markdown`` writes the
README table; tests/test_backtest.py keeps the README's copy true.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import io, model
from .baseline import Baseline, build_baseline
from .metadata import validate_adjustment

BASELINE_2022 = io.DATA_DIR / "baseline_2022.csv"
INPUTS = io.PARAMS_DIR / "backtest" / "2023.toml"
# (block, variable, kind): kind "rate" is compared in pp, "level" in % of the actual.
BLOCKS = (
    ("GDP real growth", "GDP|Real Growth", "rate"),
    ("Nominal GDP", "GDP", "level"),
    ("GDP deflator", "Price|GDP Deflator|Change", "rate"),
    ("规上工业 (industry) growth", "Value Added|Industry Above Scale|Real Growth", "rate"),
    ("Tax revenue", "Revenue|Tax", "level"),
    ("Budget revenue", "Revenue|General Public Budget", "level"),
    ("Energy intensity change", "Energy Intensity|Change", "rate"),
    ("Power-plant coal", "Supply|Coal|Power Plants", "level"),
)
MODES = ("target", "drivers")


@dataclass(frozen=True)
class Inputs:
    values: dict  # validated, per mode
    sources: dict[str, str]


@lru_cache(maxsize=1)
def baseline_2022() -> Baseline:
    return build_baseline(io.read_baseline_frame(BASELINE_2022))


def actuals_2023() -> dict[str, float]:
    """The 2023 outcome of every compared variable, from data/baseline_2023.csv."""
    df = io.read_baseline_frame()
    rows = df[df["year"] == 2023].set_index("variable")["value"]
    return {var: float(rows[var]) for _, var, _ in BLOCKS}


def inputs(mode: str) -> Inputs:
    """The back-test inputs for ``mode``, validated like any scenario."""
    doc = io.read_toml(INPUTS)
    adj = {**doc["values"], **doc[mode], "industry.mode": mode}
    v = validate_adjustment(adj)
    v.raise_first()
    return Inputs(v.values, dict(doc.get("sources", {})))


def project_2023(mode: str) -> model.Projection:
    """One projected year (2023) from the 2022 baseline."""
    base = baseline_2022()
    return model.project(model.to_arrays(inputs(mode).values), base, 1)


def table() -> pd.DataFrame:
    """One row per block: the actual, and per mode the projection and its error."""
    act = actuals_2023()
    proj = {m: project_2023(m) for m in MODES}
    rows = []
    for block, var, kind in BLOCKS:
        row = {"block": block, "variable": var, "kind": kind, "actual": act[var]}
        for m in MODES:
            p = proj[m].value(var, 2023)
            err = p - act[var] if kind == "rate" else 100 * (p / act[var] - 1)
            row[m], row[f"{m}_error"] = p, err
        rows.append(row)
    return pd.DataFrame(rows)


def markdown(df: pd.DataFrame | None = None) -> str:
    """The README table (figures rounded as shown; the test compares this text)."""
    df = table() if df is None else df
    lines = [
        "| block | 2023 actual | target mode | error | drivers mode | error |",
        "|---|---|---|---|---|---|",
    ]
    for r in df.itertuples():
        unit = " pp" if r.kind == "rate" else "%"
        lines.append(
            f"| {r.block} | {r.actual:.2f} | {r.target:.2f} | {r.target_error:+.2f}{unit} | "
            f"{r.drivers:.2f} | {r.drivers_error:+.2f}{unit} |"
        )
    return "\n".join(lines)
