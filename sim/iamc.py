"""IAMC long format: model, scenario, region, variable, unit, year, value (pyam reads it)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from . import MODEL_NAME, io
from .model import Projection

IAMC_COLUMNS = ["model", "scenario", "region", "variable", "unit", "year", "value"]


@lru_cache(maxsize=1)
def variable_meta() -> dict[str, dict]:
    """{variable: {unit, label_zh, label_en, decimals}} from params/variables.toml."""
    return {v["name"]: v for v in io.variables_doc()["variable"]}


def to_iamc(
    proj: Projection, scenario: str, draw: int = 0, model: str = MODEL_NAME
) -> pd.DataFrame:
    """Long rows for one draw. Left out: base-year cells the baseline does not state (NaN), so no
    NaN reaches a file, and base-year values that are assumed splits rather than data
    (``base_year = "assumed"`` in params/variables.toml). Values are rounded to 6 decimals."""
    meta = variable_meta()
    records = []
    for var, arr in proj.series.items():
        unit = meta[var]["unit"]
        first = 1 if meta[var].get("base_year") == "assumed" else 0
        for j, year in enumerate(proj.years[first:], start=first):
            v = float(arr[draw, j])
            if np.isfinite(v):
                records.append((model, scenario, proj.region, var, unit, year, round(v, 6)))
    return pd.DataFrame.from_records(records, columns=IAMC_COLUMNS)


def wide(df: pd.DataFrame) -> pd.DataFrame:
    """IAMC long rows to one row per variable and a column per year (for display and Excel)."""
    return df.pivot_table(
        index=["model", "scenario", "region", "variable", "unit"],
        columns="year",
        values="value",
        sort=False,
    ).reset_index()
