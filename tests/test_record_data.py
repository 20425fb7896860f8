"""Structure of the targets-versus-outcomes record in data/record/.

Every side that carries a number also carries its quote and its source; numbers parse;
ranges are ordered; qualifiers and statuses come from the documented sets; a region-year
appears once per variable; and the statistics block in the README is the one the committed
script prints, so it cannot go stale.
"""

import csv
import importlib.util
from pathlib import Path

import pytest

RECORD = Path(__file__).resolve().parents[1] / "data" / "record"
TARGETS = RECORD / "targets_outcomes.csv"
COAL = RECORD / "coal_and_prices.csv"

TARGET_COLUMNS = [
    "region", "region_level", "province", "year", "variable", "unit",
    "target_value", "target_low", "target_high", "target_qualifier", "target_quote",
    "target_source", "outcome_value", "outcome_status", "outcome_quote", "outcome_source",
    "coal_power_region", "notes",
]  # fmt: skip
COAL_COLUMNS = [
    "region", "region_level", "province", "year", "variable", "unit", "kind", "value",
    "qualifier", "status", "quote", "source", "notes",
]  # fmt: skip
QUALIFIERS = {"about", "at_least", "point", "range"}
STATUSES = {"final", "preliminary", "estimate"}
LEVELS = {"prefecture", "province", "county", "national", "market"}


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def targets():
    header, data = rows(TARGETS)
    assert header == TARGET_COLUMNS
    return data


def test_every_row_has_at_least_one_side(targets):
    for r in targets:
        assert r["target_value"] or r["target_low"] or r["outcome_value"], r


def test_each_side_has_quote_and_source_and_parses(targets):
    for r in targets:
        if r["target_value"] or r["target_low"]:
            assert r["target_quote"].strip() and r["target_source"].strip(), r
            assert r["target_qualifier"] in QUALIFIERS, r
            if r["target_value"]:
                float(r["target_value"])
        else:
            assert not r["target_quote"] and not r["target_qualifier"], r
        if r["outcome_value"]:
            float(r["outcome_value"])
            assert r["outcome_quote"].strip() and r["outcome_source"].strip(), r
            assert r["outcome_status"] in STATUSES, r
        else:
            assert not r["outcome_quote"] and not r["outcome_status"], r


def test_ranges_are_ordered_and_complete(targets):
    for r in targets:
        if r["target_qualifier"] == "range":
            low, high = float(r["target_low"]), float(r["target_high"])
            assert low <= high, r
        elif r["target_low"] or r["target_high"]:
            assert float(r["target_low"]) <= float(r["target_high"]), r


def test_keys_years_levels_and_coal_flag(targets):
    seen = set()
    for r in targets:
        key = (r["region"], r["year"], r["variable"])
        assert key not in seen, key
        seen.add(key)
        assert 2010 <= int(r["year"]) <= 2026, r
        assert r["region_level"] in LEVELS, r
        assert r["coal_power_region"].split(":")[0] in {"yes", "no", "partly"}, r


def test_coal_and_prices_structure():
    header, data = rows(COAL)
    assert header == COAL_COLUMNS
    assert data
    for r in data:
        float(r["value"])
        assert r["quote"].strip() and r["source"].strip(), r
        assert r["kind"] in {"target", "outcome", "spot price"}, r
        assert r["region_level"] in LEVELS, r


def test_readme_statistics_match_the_script():
    spec = importlib.util.spec_from_file_location("record_stats", RECORD / "record_stats.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = mod.report(mod.load())
    readme = (RECORD / "README.md").read_text(encoding="utf-8")
    block = readme.split(mod.START, 1)[1].split(mod.END, 1)[0]
    assert block.strip() == text.strip()


def test_deviation_rules_by_hand():
    spec = importlib.util.spec_from_file_location("record_stats", RECORD / "record_stats.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    base = dict.fromkeys(TARGET_COLUMNS, "")
    base.update(variable=mod.GDP, outcome_status="preliminary")
    rng = dict(
        base, target_qualifier="range", target_low="6", target_high="6.5", outcome_value="6.1"
    )
    about = dict(base, target_qualifier="about", target_value="7", outcome_value="6.6")
    (p_rng,) = mod.pairs([rng])
    (p_about,) = mod.pairs([about])
    assert p_rng["dev"] == pytest.approx(-0.15) and p_rng["met"]
    assert p_about["dev"] == pytest.approx(-0.4) and not p_about["met"] and p_about["near"]
