"""The metadata itself: every parameter, target, variable and sentence is complete and used."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from sim import i18n, iamc, io, model
from sim.metadata import validate_adjustment

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
CONTRACT_IDS = [
    "growth.primary",
    "growth.secondary",
    "growth.tertiary",
    "coal.output",
    "power.generation",
]


def norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace(" ", "")


def test_every_param_is_complete(pset):
    group_ids = {g.id for g in pset.groups}
    for p in pset.params:
        assert p.label_zh and p.label_en and p.description_zh and p.description_en, p.id
        assert p.group in group_ids, p.id
        assert p.kind in ("target", "assumption", "policy", "derived"), p.id
        assert p.mode in ("", "target", "drivers"), p.id
        if p.type == "choice":
            assert p.default in p.choices
            assert len(p.choice_labels_zh) == len(p.choice_labels_en) == len(p.choices)
        else:
            assert p.min < p.max and p.step > 0, p.id
            assert p.min <= p.default <= p.max, p.id
            units = {u for d in io.text_docs() for u in d.get("units", {}).get("zh", {})}
            assert p.unit in units, (p.id, p.unit)
        if p.kind == "target":
            assert p.quote, f"{p.id}: a target default needs its quote"
        if p.kind == "derived":  # a default computed from other figures: its formula and range
            assert "=" in p.reason_en and "=" in p.reason_zh, f"{p.id}: a derived default's formula"
            assert f"{p.default:g}" in p.reason_en and f"{p.default:g}" in p.reason_zh, p.id
        if p.kind in ("assumption", "derived"):
            assert len(p.reason_en) > 30, f"{p.id}: an assumption needs its reasoning"
            assert len(p.reason_zh) > 10, f"{p.id}: an assumption needs its reasoning in Chinese"
            assert p.plausible is not None, f"{p.id}: an assumption needs a plausible range"
            lo, hi = p.plausible
            assert p.min <= lo <= p.default <= hi <= p.max, (p.id, p.plausible)
        if p.reason_en or p.reason_zh:
            assert p.reason_en and p.reason_zh, f"{p.id}: a reason in one language only"
        assert p.mc_sd >= 0


def test_contract_ids_exist(pset):
    for pid in CONTRACT_IDS:
        assert pid in pset.by_id


def test_defaults_validate(pset):
    v = validate_adjustment({})
    assert v.ok and not v.issues
    assert v.values == pset.defaults()


def test_every_declared_param_is_used_and_every_used_param_declared(pset):
    blocks = (
        "model.py",
        "rates.py",
        "series.py",
        "energy_series.py",
    )  # the modules that read the input arrays
    src = "".join((ROOT / "sim" / f).read_text(encoding="utf-8") for f in blocks)
    used = set(re.findall(r'(?:x|values)\["([a-z_]+\.[a-z_]+)"\]', src))
    assert used == set(pset.ids)


def test_every_param_moves_some_output(base, pset):
    """No dead inputs: changing each parameter within its range changes at least one series."""
    ref = model.run(pset.defaults(), base)
    for p in pset.params:
        vals = dict(pset.defaults())
        if p.type == "choice":
            vals[p.id] = next(c for c in p.choices if c != p.default)
        else:
            vals[p.id] = p.max if p.default != p.max else p.min
        if p.id == "horizon.end_year":
            continue  # changes the number of years, tested elsewhere
        if p.id.startswith("horizon."):
            vals["horizon.end_year"] = 2026
            ref2 = model.run({**pset.defaults(), "horizon.end_year": 2026}, base)
        else:
            ref2 = ref
        if p.mode and p.mode != pset.defaults()["industry.mode"]:
            vals["industry.mode"] = p.mode
            ref2 = model.run({**pset.defaults(), "industry.mode": p.mode}, base)
        out = model.run(vals, base)
        moved = any(
            not (out.series[k] == ref2.series[k]).all()
            for k in ref2.series
            if out.series[k].shape == ref2.series[k].shape
        )
        assert moved, p.id


def test_targets_complete_and_quoted(targets):
    var_meta = iamc.variable_meta()
    for tg in targets.targets:
        assert tg.qualifier in ("about", "at_least", "at_most") and tg.sense in ("higher", "lower")
        assert tg.label_zh and tg.label_en and (tg.quote or tg.source), tg.id
        if tg.covered:
            assert tg.variable in var_meta, tg.id
            assert var_meta[tg.variable]["unit"] == tg.unit, tg.id


@pytest.mark.skipif(not SEED, reason="the report is not beside the project")
def test_quotes_are_verbatim():
    text = norm(SEED[0].read_text(encoding="utf-8"))
    from sim.targets import load_targets

    for tg in load_targets().targets:
        if not tg.quote:
            continue  # a sourced target from another document (e.g. the five-year plan)
        assert norm(tg.quote) in text, tg.id
        assert f"{abs(tg.value):g}" in norm(tg.quote), tg.id
    for p in validate_adjustment({}).values:
        from sim.metadata import load_parameters

        q = load_parameters()[p].quote
        if q:
            assert norm(q) in text, p


def test_output_variables_declared(base, pset):
    proj = model.run({**pset.defaults(), "horizon.end_year": 2026}, base)
    declared = set(iamc.variable_meta())
    assert set(proj.series) == declared


def test_every_text_key_in_both_languages():
    docs = io.text_docs()
    seen: dict[str, str] = {}
    for doc, path in zip(docs, sorted(io.PARAMS_DIR.glob("text*.toml")), strict=True):
        assert set(doc.get("zh", {})) == set(doc.get("en", {})), path.name
        for k in doc.get("zh", {}):
            assert k not in seen, f"{k} defined in {seen.get(k)} and {path.name}"
            seen[k] = path.name
    assert i18n.unit_label("100m CNY", "zh") == "亿元"
    assert i18n.unit_label("pp", "zh") == "百分点"


def test_text_keys_used_by_sim_exist():
    for f in (ROOT / "sim").glob("*.py"):
        for key in re.findall(
            r'["\'](check_[a-z_]+|err_[a-z_]+|warn_[a-z_]+|status_[a-z]+|block_[a-z]+)["\']',
            f.read_text(encoding="utf-8"),
        ):
            assert i18n.has_key(key), (f.name, key)


def test_scenarios_are_sparse_and_valid(pset):
    from sim.scenarios import presets

    ids = []
    for scn in presets():
        ids.append(scn.id)
        assert scn.title_zh and scn.title_en and scn.description_zh and scn.description_en
        v = scn.validate()
        assert v.ok, (scn.id, [i.en for i in v.issues])
        for k, val in scn.values.items():
            assert val != pset[k].default, f"{scn.id}: {k} repeats the default"
    assert ids[0] == "official_2024"
    assert {"repeat_2023", "coal_shortfall", "services_led"} <= set(ids)


def test_derived_defaults_make_the_report_targets_agree(base, pset):
    """The derived defaults (other industry, other services) give exactly the report's
    secondary and tertiary targets at the defaults, so GDP is the 5.48% of the sector mix."""
    proj = model.run(pset.defaults(), base)
    assert proj.mode == "drivers"
    assert proj.value("Value Added|Secondary|Real Growth") == pytest.approx(6.5, abs=2e-3)
    assert proj.value("Value Added|Tertiary|Real Growth") == pytest.approx(5.0, abs=2e-3)
    assert round(proj.value("GDP|Real Growth"), 2) == 5.48


@pytest.mark.parametrize(
    ("pid", "mode"), [("growth.secondary", "target"), ("industry.other_growth", "drivers")]
)
def test_an_input_of_the_other_mode_is_refused_naming_industry_mode(pid, mode):
    other = "drivers" if mode == "target" else "target"
    v = validate_adjustment({"industry.mode": other, pid: 7.0})
    assert not v.ok
    (issue,) = v.errors[pid]
    assert "industry.mode" in issue.en and "industry.mode" in issue.zh and mode in issue.en
    assert validate_adjustment({"industry.mode": mode, pid: 7.0}).ok
    clamped = validate_adjustment({"industry.mode": other, pid: 7.0}, clamp=True)
    assert clamped.ok and clamped.values[pid] == validate_adjustment({}).values[pid]
    assert any(i.level == "warn" and i.field == pid for i in clamped.issues)
