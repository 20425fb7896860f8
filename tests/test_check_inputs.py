"""The checks' own assumptions ([[check]]) and the fallback coal rate ([[fallback]]): described
like an assumption, refused out of range or as a reversed band naming the field in both
languages, and each one moves what it should (the check's sentence, the command line, the
workbook, the app); the fallback is the rate a baseline without a power-coal row is run at."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sim import checks, io, model
from sim.baseline import build_baseline
from sim.cli import main
from sim.errors import InputError
from sim.metadata import validate_adjustment
from sim.side_inputs import BANDS, check_values, fallback, side_inputs

ROOT = Path(__file__).resolve().parents[1]
UNITS = {u for d in io.text_docs() for u in d.get("units", {}).get("zh", {})}


@pytest.mark.parametrize("table", ["check", "fallback", "odds"])
def test_every_side_row_is_an_assumption_with_its_reasons(table):
    rows = side_inputs(table)
    assert rows
    for p in rows.values():
        assert p.id.startswith(f"{table}."), p.id
        assert p.label_zh and p.label_en and p.evidence, p.id
        assert len(p.reason_en) > 30 and len(p.reason_zh) > 10, p.id
        assert p.min <= p.plausible[0] <= p.default <= p.plausible[1] <= p.max, p.id
        assert p.step > 0 and (p.unit in UNITS or table == "odds"), p.id


def test_check_bands_are_checked_naming_the_field():
    assert check_values({"fyp_missing_high": 2})["check.fyp_missing_high"] == 2.0
    with pytest.raises(InputError) as e:
        check_values({"check.coal_rate_low": 100})
    assert e.value.field == "check.coal_rate_low" and "150" in e.value.text("en")
    assert "允许范围" in e.value.text("zh")
    for lo, hi in BANDS:
        spec = side_inputs("check")
        with pytest.raises(InputError) as e:
            check_values({lo: spec[lo].max, hi: max(spec[hi].min, spec[lo].max - 1)})
        assert e.value.field == lo and hi in e.value.text("en") and "下限" in e.value.text("zh")
    for bad in ("nan", "x", None):
        with pytest.raises(InputError):
            check_values({"coal_rate_low": bad})
    with pytest.raises(InputError):
        check_values({"nonsense": 1})


def _checks(base, targets, **given):
    p = model.run({**validate_adjustment({}).values, "horizon.end_year": 2025}, base)
    return {c.id: c for c in checks.consistency(p, targets, base, check_values(given))}


def test_the_coal_rate_band_moves_the_check(base, targets):
    c = _checks(base, targets)["coal_rate"]
    assert c.level == "info" and "inside the plausible 280-360" in c.en and "280–360" in c.zh
    c = _checks(base, targets, coal_rate_high=305)["coal_rate"]
    assert c.level == "warn" and "outside the plausible 280-305" in c.en and "280–305" in c.zh


def test_the_missing_years_band_moves_the_plan_need(base, targets):
    wide = _checks(base, targets, fyp_missing_high=3.0)["fyp"]
    assert "between -4.00% and 3.00%" in wide.en and "-4.00%至3.00%" in wide.zh
    f = 0.972 * 1.03**2  # 2023 published (-2.8%), 2021 and 2022 each +3%
    need = 100 * ((0.87 / f) ** 0.5 - 1)
    assert f"need an average change of {need:.2f}% to" in wide.en  # the harder end, moved
    narrow = _checks(base, targets)["fyp"]
    assert wide.value == pytest.approx(narrow.value)  # the -4% end (the easier need) is kept
    assert "-6.33% to -1.45%" in narrow.en and wide.en != narrow.en


def test_the_command_line_takes_check_inputs(capsys, tmp_path):
    assert main(["targets", "--check", "coal_rate_high=300"]) == 0
    assert "[warn] The city's plants burn about 309 gce per kWh" in capsys.readouterr().out
    assert main(["targets", "--check", "fyp_missing_low=1", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "check.fyp_missing_low" in err and "允许范围" in err
    assert main(["params"]) == 0
    assert "check.fyp_missing_high" in capsys.readouterr().out
    out = tmp_path / "w.xlsx"
    assert main(["run", "--check", "coal_rate_high=300", "--out", str(out), "--lang", "en"]) == 0
    rows = list(openpyxl.load_workbook(out)["Checks"].iter_rows(values_only=True))
    assert any(r[0] == "warning" and "280-300" in str(r[1]) for r in rows)


def test_a_baseline_without_power_coal_runs_at_the_fallback_rate(base, monkeypatch):
    """Without the power-coal row the plants' energy is coal-fired generation x the fallback
    rate (base year, gce/kWh -> 10k tce: 100m kWh x g/kWh / 100); the rate moves it."""
    frame = base.frame[base.frame["variable"] != "Supply|Coal|Power Plants"]
    bare = build_baseline(frame)
    assert not bare.has("Supply|Coal|Power Plants") and fallback("fallback.coal_rate") == 309.0
    values = validate_adjustment({}).values
    plant = model.run(values, bare).series["Energy|Consumption|Power Plants"][0, 0]
    gen, share = bare.get("Electricity|Generation"), values["energy.thermal_share"] / 100
    assert plant == pytest.approx(gen * share * 309.0 / 100)
    monkeypatch.setattr("sim.energy_series.fallback", lambda pid: 330.0)
    moved = model.run(values, bare).series["Energy|Consumption|Power Plants"][0, 0]
    assert moved == pytest.approx(plant * 330 / 309)


def test_the_app_edits_a_check_band_and_the_sentence_follows():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    plan = [m.value for m in at.markdown if "five-year plan" in m.value]
    assert plan and "between -4.00% and 1.00%" in plan[0]
    at.number_input(key="ck_in_check.fyp_missing_high").set_value(2.5).run()
    plan = [m.value for m in at.markdown if "five-year plan" in m.value]
    assert not at.exception and "between -4.00% and 2.50%" in plan[0]
    at.number_input(key="ck_in_check.coal_rate_high").set_value(300.0).run()
    assert any("outside the plausible 280-300" in w.value for w in at.warning)
    at.number_input(key="ck_in_check.coal_rate_low").set_value(310.0).run()
    assert any("check.coal_rate_low" in w.value for w in at.warning)  # reversed band: named
    assert any("inside the plausible 280-360" in m.value for m in at.markdown)  # defaults used
