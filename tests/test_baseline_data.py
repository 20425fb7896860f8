"""Checks of data/baseline_2023.csv: format, quotes against the report, hand identities."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "baseline_2023.csv"
README = ROOT / "data" / "README.md"
SEED_DIR = ROOT.parent / "shared" / "seed"

COLUMNS = ["region", "variable", "unit", "year", "value", "kind", "source", "quote"]
KINDS = {"actual", "estimate", "derived", "history"}
UNITS = {
    "100m CNY",
    "10k CNY",
    "CNY",
    "CNY/month",
    "CNY/year",
    "CNY/person",
    "10k CNY/person",
    "10k t",
    "10k t/yr",
    "100m kWh",
    "10k kW",
    "h",
    "g/kWh",
    "%",
    "pp",
    "10k persons",
    "10k person-times",
    "10k entities",
    "10k mu",
    "kg/mu",
    "10k m2",
    "count",
}
REPORT_SOURCE_PREFIX = "Liupanshui 2024 government work report (政府工作报告), section "

# (variable, unit, year, value, kind) that the model reads.
REQUIRED = [
    ("GDP", "100m CNY", 2023, 1557.64, "actual"),
    ("GDP|Real Growth", "%", 2023, 3.2, "actual"),
    ("Value Added|Primary|Real Growth", "%", 2023, 3.3, "actual"),
    ("Value Added|Secondary|Real Growth", "%", 2023, 0.6, "actual"),
    ("Value Added|Tertiary|Real Growth", "%", 2023, 5.7, "actual"),
    ("Share|Primary", "%", 2023, 11.9, "actual"),
    ("Share|Secondary", "%", 2023, 44.1, "actual"),
    ("Share|Tertiary", "%", 2023, 44.0, "actual"),
    ("Share|Industry", "%", 2023, 39.6, "actual"),
    ("Value Added|Industry Above Scale|Real Growth", "%", 2023, 1.3, "actual"),
    ("Revenue|General Public Budget", "100m CNY", 2023, 110.33, "actual"),
    ("Revenue|General Public Budget|Growth", "%", 2023, 14.83, "actual"),
    ("Revenue|Tax|Growth", "%", 2023, 19.88, "actual"),
    ("Revenue|Tax|Share", "%", 2023, 63.7, "actual"),
    ("Revenue|Tax|Share|Change", "pp", 2023, 2.7, "actual"),
    ("Energy Intensity|Change", "%", 2023, -2.8, "estimate"),
    ("Production|Coal", "10k t", 2023, 7601.8, "actual"),
    ("Production|Coal|Growth", "%", 2023, 2.6, "actual"),
    ("Supply|Coal|Power Plants", "10k t", 2023, 2951.84, "actual"),
    ("Supply|Coal|Power Plants|Growth", "%", 2023, 11.95, "actual"),
    ("Electricity|Generation", "100m kWh", 2023, 482.97, "actual"),
    ("Electricity|Generation|Growth", "%", 2023, 3.69, "actual"),
    ("Capacity|Electricity", "10k kW", 2023, 1340.57, "actual"),
    ("Capacity|Electricity|Thermal", "10k kW", 2023, 940.0, "actual"),
    ("Capacity|Electricity|Added", "10k kW", 2023, 119.11, "actual"),
    ("Capacity|Coal|Released", "10k t/yr", 2023, 855.0, "actual"),
    ("Value Added|Primary", "100m CNY", 2023, 185.36, "derived"),
    ("Value Added|Secondary", "100m CNY", 2023, 686.92, "derived"),
    ("Value Added|Tertiary", "100m CNY", 2023, 685.36, "derived"),
    ("Value Added|Industry", "100m CNY", 2023, 616.83, "derived"),
    ("Value Added|Construction", "100m CNY", 2023, 70.09, "derived"),
    ("Revenue|Tax", "100m CNY", 2023, 70.28, "derived"),
    ("Revenue|Non-Tax", "100m CNY", 2023, 40.05, "derived"),
    ("Revenue|General Public Budget", "100m CNY", 2022, 96.08, "derived"),
    ("Revenue|Tax|Share", "%", 2022, 61.0, "derived"),
    ("Electricity|Utilisation Hours", "h", 2023, 3603.0, "derived"),
    ("Supply|Coal|Power Plants|Per Generation", "g/kWh", 2023, 611.0, "derived"),
    # a few of the other report figures
    ("Employment|Urban|New", "10k persons", 2023, 6.2, "actual"),
    ("Income|Disposable|Urban|Growth", "%", 2023, 4.3, "actual"),
    ("Income|Disposable|Rural|Growth", "%", 2023, 8.1, "actual"),
    ("Investment|Major Projects", "100m CNY", 2023, 531.32, "actual"),
    ("Agriculture|Grain|Output", "10k t", 2023, 64.9, "actual"),
    ("Transfers|Grants from Higher Levels", "100m CNY", 2023, 223.24, "actual"),
    ("Market Entities", "10k entities", 2023, 32.34, "actual"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _number_forms(value: float) -> set[str]:
    """Text forms in which a report figure may be written: 44.0 -> {'44.0', '44'}."""
    v = abs(value)
    forms = {repr(v), f"{v:g}"}
    if v == int(v):
        forms.add(str(int(v)))
    return forms


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return pd.read_csv(CSV, encoding="utf-8", keep_default_na=False, dtype={"quote": str})


@pytest.fixture(scope="module")
def values(df: pd.DataFrame) -> dict[tuple[str, int], float]:
    return {(r.variable, int(r.year)): float(r.value) for r in df.itertuples()}


@pytest.fixture(scope="module")
def report_text() -> str:
    if not SEED_DIR.is_dir():
        pytest.skip(f"report folder {SEED_DIR} not found")
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"no *.txt report in {SEED_DIR}")
    return files[0].read_text(encoding="utf-8")


# ---------------------------------------------------------------- format


def test_file_is_utf8_without_bom():
    raw = CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")


def test_columns_exactly(df):
    assert list(df.columns) == COLUMNS


def test_no_missing_values(df):
    strict = pd.read_csv(CSV, encoding="utf-8")
    assert (
        not strict[["region", "variable", "unit", "year", "value", "kind", "source"]]
        .isna()
        .any()
        .any()
    )
    assert pd.to_numeric(df["value"], errors="coerce").notna().all()
    assert pd.to_numeric(df["year"], errors="coerce").notna().all()
    for col in ["region", "variable", "unit", "kind", "source"]:
        assert (df[col].str.strip() != "").all(), col


def test_region_and_years(df):
    assert set(df["region"]) == {"Liupanshui"}
    assert df["year"].between(2010, 2023).all()
    assert (df.loc[df["kind"].isin(["actual", "estimate"]), "year"] == 2023).all()
    assert (df.loc[df["kind"] == "history", "year"] < 2023).all()


def test_one_row_per_variable_and_year(df):
    dup = df[df.duplicated(["variable", "year"], keep=False)]
    assert dup.empty, dup[["variable", "year"]].to_string()


def test_kinds_allowed(df):
    assert set(df["kind"]) <= KINDS


def test_units_documented(df):
    assert set(df["unit"]) <= UNITS, set(df["unit"]) - UNITS
    readme = README.read_text(encoding="utf-8")
    for unit in UNITS:
        assert f"`{unit}`" in readme, f"unit {unit!r} not documented in data/README.md"


def test_variable_names_well_formed(df):
    for name in df["variable"]:
        parts = name.split("|")
        assert all(p and p == p.strip() for p in parts), name
        assert name.isascii(), name


def test_sources(df):
    reported = df[df["kind"].isin(["actual", "estimate"])]
    assert reported["source"].str.startswith(REPORT_SOURCE_PREFIX + "一、2023年政府工作回顾").all()
    derived = df[df["kind"] == "derived"]
    assert (derived["source"].str.strip().str.len() > 10).all()
    history = df[df["kind"] == "history"]
    assert history["source"].str.contains("census").all()


def test_enough_report_figures(df):
    assert (df["kind"].isin(["actual", "estimate"])).sum() >= 60


def test_estimates_are_the_expected_ones(df):
    est = df[df["kind"] == "estimate"]
    assert est["quote"].str.contains("预计").all()
    actual = df[df["kind"] == "actual"]
    assert not actual["quote"].str.contains("预计").any()


@pytest.mark.parametrize(("variable", "unit", "year", "value", "kind"), REQUIRED)
def test_required_rows(df, variable, unit, year, value, kind):
    row = df[(df["variable"] == variable) & (df["year"] == year)]
    assert len(row) == 1, f"{variable} {year} missing"
    row = row.iloc[0]
    assert row["unit"] == unit
    assert row["kind"] == kind
    assert float(row["value"]) == pytest.approx(value, abs=1e-9)


def test_history_rows_match_shared_file(df):
    path = ROOT.parent / "shared" / "data" / "liupanshui_gdp_history.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    hist = pd.read_csv(path)
    hist = hist[hist["year"] != 2023]
    ours = df[df["kind"] == "history"]
    assert len(ours) == len(hist)
    for r in hist.itertuples():
        row = ours[(ours["variable"] == r.variable) & (ours["year"] == r.year)]
        assert len(row) == 1, (r.variable, r.year)
        assert float(row.iloc[0]["value"]) == pytest.approx(r.value)
        assert row.iloc[0]["unit"] == r.unit
        assert r.basis in row.iloc[0]["source"]
        assert r.source in row.iloc[0]["source"]


# ---------------------------------------------------------------- quotes


def test_quotes_verbatim_and_contain_value(df, report_text):
    text = _norm(report_text)
    rows = df[df["kind"].isin(["actual", "estimate"])]
    problems = []
    for r in rows.itertuples():
        quote = _norm(r.quote)
        if not quote:
            problems.append(f"{r.variable}: empty quote")
            continue
        if quote not in text:
            problems.append(f"{r.variable}: quote not in report: {r.quote}")
        if not any(form in quote for form in _number_forms(float(r.value))):
            problems.append(f"{r.variable}: value {r.value} not in quote {r.quote}")
    assert not problems, "\n".join(problems)


def test_quotes_are_from_the_review_part(df, report_text):
    text = _norm(report_text)
    review_end = text.index(_norm("二、2024年主要目标和重点任务"))
    for r in df[df["kind"].isin(["actual", "estimate"])].itertuples():
        pos = text.find(_norm(r.quote))
        assert 0 <= pos < review_end, f"{r.variable}: quote outside 一、2023年政府工作回顾"


def test_declines_are_negative(df):
    for r in df[df["kind"].isin(["actual", "estimate"])].itertuples():
        if "下降" in r.quote or "降低" in r.quote:
            assert float(r.value) < 0, r.variable


# ---------------------------------------------------------------- hand identities


def test_shares_sum_to_100(values):
    total = sum(values[(f"Share|{s}", 2023)] for s in ("Primary", "Secondary", "Tertiary"))
    assert total == pytest.approx(100.0, abs=0.2)


def test_industry_within_secondary(values):
    assert values[("Share|Industry", 2023)] < values[("Share|Secondary", 2023)]


def test_sector_growth_weighted_by_shares_gives_gdp_growth(values):
    # 0.119 * 3.3 + 0.441 * 0.6 + 0.44 * 5.7 = 3.17, the report's 3.2
    weighted = sum(
        values[(f"Share|{s}", 2023)] / 100 * values[(f"Value Added|{s}|Real Growth", 2023)]
        for s in ("Primary", "Secondary", "Tertiary")
    )
    assert weighted == pytest.approx(3.1653, abs=1e-4)
    assert weighted == pytest.approx(values[("GDP|Real Growth", 2023)], abs=0.05)


def test_tax_revenue(values):
    assert values[("Revenue|Tax", 2023)] == pytest.approx(110.33 * 0.637, abs=0.005)
    assert values[("Revenue|Tax", 2023)] == pytest.approx(70.28)
    assert values[("Revenue|Tax", 2023)] + values[("Revenue|Non-Tax", 2023)] == pytest.approx(
        values[("Revenue|General Public Budget", 2023)]
    )


def test_revenue_2022(values):
    assert values[("Revenue|General Public Budget", 2022)] == pytest.approx(96.08, abs=0.005)
    assert values[("Revenue|Tax|Share", 2022)] == pytest.approx(63.7 - 2.7)
    # the 2022 tax share is consistent with the stated +19.88% tax growth
    implied = values[("Revenue|Tax", 2023)] / values[("Revenue|Tax", 2022)] * 100 - 100
    assert implied == pytest.approx(values[("Revenue|Tax|Growth", 2023)], abs=0.1)


def test_value_added_rows_sum_to_gdp(values):
    gdp = values[("GDP", 2023)]
    parts = [values[(f"Value Added|{s}", 2023)] for s in ("Primary", "Secondary", "Tertiary")]
    assert sum(parts) == pytest.approx(gdp, abs=0.01)
    for s in ("Primary", "Secondary", "Tertiary", "Industry"):
        assert values[(f"Value Added|{s}", 2023)] == pytest.approx(
            gdp * values[(f"Share|{s}", 2023)] / 100, abs=0.005
        )
    assert values[("Value Added|Industry", 2023)] + values[
        ("Value Added|Construction", 2023)
    ] == pytest.approx(values[("Value Added|Secondary", 2023)], abs=1e-9)


def test_utilisation_hours_and_coal_per_kwh(values):
    hours = (
        values[("Electricity|Generation", 2023)]
        * 1e8
        / (values[("Capacity|Electricity", 2023)] * 1e4)
    )
    assert values[("Electricity|Utilisation Hours", 2023)] == pytest.approx(hours, abs=0.5)
    grams = (
        values[("Supply|Coal|Power Plants", 2023)]
        * 1e4
        * 1e6
        / (values[("Electricity|Generation", 2023)] * 1e8)
    )
    assert values[("Supply|Coal|Power Plants|Per Generation", 2023)] == pytest.approx(
        grams, abs=0.5
    )


def test_capacity_parts(values):
    assert values[("Capacity|Electricity|Thermal", 2023)] < values[("Capacity|Electricity", 2023)]
    assert values[("Capacity|Electricity|Added", 2023)] < values[("Capacity|Electricity", 2023)]


def test_grain_yield_matches_area_and_output(values):
    # 64.9万吨 / 275万亩 = 236 公斤/亩
    yield_kg = (
        values[("Agriculture|Grain|Output", 2023)]
        * 1e7
        / (values[("Agriculture|Grain|Area", 2023)] * 1e4)
    )
    assert yield_kg == pytest.approx(values[("Agriculture|Grain|Yield", 2023)], abs=0.5)


def test_history_growth_consistent_with_report(values):
    # 2023 nominal GDP growth must exceed real growth only by the small deflator change
    nominal = values[("GDP", 2023)] / values[("GDP", 2022)] * 100 - 100
    deflator = values[("Price|GDP Deflator|Change", 2023)]
    real = values[("GDP|Real Growth", 2023)]
    assert (1 + real / 100) * (1 + deflator / 100) == pytest.approx(1 + nominal / 100, abs=5e-5)
