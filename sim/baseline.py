"""The base year as the model needs it, built from a baseline DataFrame (any region).

Required for every region: ``GDP`` (100m CNY) and ``Share|Primary``, ``Share|Secondary``,
``Share|Tertiary`` (%) in the base year (the latest year with a GDP row). Every other block is
optional and is skipped, with a note, when its rows are missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from . import limits
from .errors import InputError
from .i18n import t, unit_label

REQUIRED_COLUMNS = ("region", "variable", "unit", "year", "value")
REQUIRED_ROWS = {
    "GDP": "100m CNY",
    "Share|Primary": "%",
    "Share|Secondary": "%",
    "Share|Tertiary": "%",
}
SHARE_TOLERANCE = 0.2  # percentage points: shares are printed to one decimal
MAX_ROWS = limits.MAX_CSV_ROWS
YEAR_RANGE = (limits.FIRST_YEAR, 2100)  # any row (history may be long); the base year: limits
BIG = 1e7  # ten times China's 2023 GDP in 100m CNY: larger levels are typing errors


def _positive(x: float) -> bool:
    return x > 0


def _non_negative(x: float) -> bool:
    return x >= 0


# Base-year rows the model divides by or scales with: (test, upper bound, what is allowed).
# The third item names the sentence err_base_limit_<it> in params/text_errors.toml.
LIMITS = {
    "GDP": (_positive, BIG, "positive"),
    "Production|Coal": (_positive, BIG, "positive"),
    "Electricity|Generation": (_positive, BIG, "positive"),
    "Capacity|Electricity": (_positive, BIG, "positive"),
    "Supply|Coal|Power Plants": (_non_negative, BIG, "non_negative"),
    "Revenue|General Public Budget": (_positive, BIG, "positive"),
    "Revenue|Tax|Share": (_positive, 99.9, "share"),
}

# Optional blocks: the rows each needs (variable -> unit).
BLOCKS = {
    "industry": {"Share|Industry": "%"},
    "fiscal": {"Revenue|General Public Budget": "100m CNY", "Revenue|Tax|Share": "%"},
    "coal": {"Production|Coal": "10k t"},
    "power": {
        "Electricity|Generation": "100m kWh",
        "Capacity|Electricity": "10k kW",
    },
}
# Optional rows inside a block (checked for units when present).
OPTIONAL_ROWS = {"Supply|Coal|Power Plants": "10k t"}


@dataclass(frozen=True)
class Note:
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Baseline:
    """Base-year figures keyed by variable name (units as in the CSV), plus the full frame."""

    region: str
    year: int
    values: dict[str, float]
    frame: pd.DataFrame = field(repr=False, compare=False)
    blocks: dict[str, bool] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    def get(self, variable: str, default: float = math.nan) -> float:
        return self.values.get(variable, default)

    def has(self, variable: str) -> bool:
        return variable in self.values

    @property
    def gdp(self) -> float:
        return self.values["GDP"]

    def history(self, variable: str) -> pd.Series:
        """All years of one variable (e.g. GDP|Real Growth for calibration), indexed by year."""
        d = self.frame[self.frame["variable"] == variable]
        return d.groupby("year")["value"].last().sort_index()


def build_baseline(df: pd.DataFrame) -> Baseline:
    """Check a baseline frame and turn it into a Baseline.

    Raises InputError naming the column, row or value at fault: missing columns, non-numeric
    values, a missing required row, a wrong unit, or shares that do not sum to 100 +- 0.2.
    """
    missing_cols = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing_cols:
        raise InputError(
            key="err_base_columns",
            field="baseline CSV",
            missing=", ".join(_cut(c) for c in missing_cols),
            required=", ".join(REQUIRED_COLUMNS),
        )
    limits.check_csv_shape(len(df.columns), len(df))
    df = df.reset_index(drop=True)
    df["variable"] = df["variable"].astype(str).str.strip()
    df["unit"] = df["unit"].fillna("").astype(str).str.strip()
    for col in ("year", "value"):
        num = pd.to_numeric(df[col].map(_number_text), errors="coerce")
        finite = num.map(lambda v: pd.notna(v) and math.isfinite(v))
        bad = df.index[~finite.astype(bool)]
        if len(bad):
            i = bad[0]
            raise InputError(
                key="err_base_not_number",
                field=f"baseline CSV column {col}",
                row=i + 2,
                var=_cut(df.at[i, "variable"]),
                got=_cut(df.at[i, col]),
            )
        df[col] = num
    odd = df.index[(df["year"] != df["year"].round()) | ~df["year"].between(*YEAR_RANGE)]
    if len(odd):
        i = odd[0]
        raise InputError(
            key="err_base_year_row",
            field="baseline CSV column year",
            row=i + 2,
            var=_cut(df.at[i, "variable"]),
            got=f"{df.at[i, 'year']:g}",
            lo=YEAR_RANGE[0],
            hi=YEAR_RANGE[1],
        )
    df["year"] = df["year"].astype(int)
    gdp_rows = df[df["variable"] == "GDP"]
    if gdp_rows.empty:
        raise InputError(key="err_base_no_gdp", field="baseline CSV")
    year = limits.check_base_year(int(gdp_rows["year"].max()), "baseline CSV GDP year")
    base = df[df["year"] == year]
    regions = [r for r in base["region"].dropna().astype(str).str.strip().unique() if r]
    if len(regions) > 1:
        raise InputError(
            key="err_base_regions",
            field="baseline CSV column region",
            year=year,
            regions=", ".join(_cut(r) for r in regions[:3]),
        )
    region = _cut(regions[0], 80) if regions else "Region"
    values: dict[str, float] = {}
    units: dict[str, str] = {}
    for _, row in base.iterrows():
        var = row["variable"]
        if var in values and values[var] != float(row["value"]):
            raise InputError(
                key="err_base_duplicate",
                field="baseline CSV",
                var=_cut(var),
                year=year,
                a=f"{values[var]:g}",
                b=f"{float(row['value']):g}",
            )
        values[var] = float(row["value"])
        units[var] = row["unit"]
    absent = [var for var in REQUIRED_ROWS if var not in values]
    if absent:  # name every row to add, as CSV lines the planner can paste and fill in
        lines = "; ".join(
            f"{_cut(regions[0] if regions else 'Region', 40)},{v},{REQUIRED_ROWS[v]},{year},,planner,,"
            for v in absent
        )
        raise InputError(
            key="err_base_no_row",
            field="baseline CSV",
            var=", ".join(f"{v} ({REQUIRED_ROWS[v]})" for v in absent),
            year=year,
            lines=lines,
        )
    for var, unit in REQUIRED_ROWS.items():
        _check_unit(var, units[var], unit)
    if values["GDP"] <= 0:
        raise InputError(key="err_base_gdp", field="baseline CSV GDP", got=f"{values['GDP']:g}")
    shares = [values[f"Share|{s}"] for s in ("Primary", "Secondary", "Tertiary")]
    if any(s < 0 for s in shares):
        raise InputError(key="err_base_share_negative", field="baseline CSV Share|…")
    total = sum(shares)
    if abs(total - 100.0) > SHARE_TOLERANCE:
        raise InputError(
            key="err_base_share_sum",
            field="baseline CSV Share|…",
            total=f"{total:g}",
            tol=SHARE_TOLERANCE,
        )
    blocks, notes = {}, []
    for block, rows in BLOCKS.items():
        absent = [v for v in rows if v not in values]
        for v, unit in rows.items():
            if v in values:
                _check_unit(v, units[v], unit)
        blocks[block] = not absent
        if absent:
            miss = ", ".join(absent)
            notes.append(
                Note(
                    t("block_skipped", "zh", missing=miss, block=t(f"block_{block}", "zh")),
                    t("block_skipped", "en", missing=miss, block=t(f"block_{block}", "en")),
                )
            )
    for v, unit in OPTIONAL_ROWS.items():
        if v in values:
            _check_unit(v, units[v], unit)
    for var, (lo, hi, what) in LIMITS.items():
        x = values.get(var)
        if x is not None and not (lo(x) and x <= hi):
            raise InputError(
                key=f"err_base_limit_{what}",
                field=f"baseline CSV {var}",
                var=var,
                got=f"{x:g}",
                hi=f"{hi:g}",
                unit=units[var],
            )
    if blocks["industry"] and values["Share|Industry"] < 0:
        raise InputError(key="err_base_industry_negative", field="baseline CSV Share|Industry")
    if blocks["industry"] and values["Share|Industry"] > values["Share|Secondary"] + 1e-9:
        raise InputError(
            key="err_base_industry_share",
            field="baseline CSV Share|Industry",
            got=f"{values['Share|Industry']:g}",
            secondary=f"{values['Share|Secondary']:g}",
        )
    return Baseline(str(region), year, values, df, blocks, tuple(notes))


def _check_unit(var: str, got: str, want: str) -> None:
    """The unit as IAMC writes it ('100m CNY') or as planners do ('亿元')."""
    if got != want and got not in (unit_label(want, "zh"), "％" if want == "%" else want):
        zh = unit_label(want, "zh")
        also = f"'{want}' or '{zh}'" if zh != want else f"'{want}'"
        raise InputError(
            key="err_base_unit", field="baseline CSV unit", got=_cut(got), var=var, want=also
        )


def _number_text(v):
    """Numbers as spreadsheets write them: '1,557.64', ' 11.9 ', '11.9%' are numbers."""
    if isinstance(v, str):
        return v.strip().replace(",", "").removesuffix("%").removesuffix("％").strip()
    return v


def _cut(v, n: int = 40) -> str:
    text = str(v)
    return text if len(text) <= n else text[: n - 1] + "…"
