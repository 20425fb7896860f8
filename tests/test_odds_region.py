"""The odds inputs follow the region (sim/analysis/odds_region.py): odds.bias and odds.spread are
the mean and sd of outcome minus target over the part of the record its profile names, the
subset statistics checked against the CSV read here independently; Liupanshui's odds stay
exactly as written; the caption and the command line's basis name the subset in both
languages; --odds and the app's boxes still override."""

from __future__ import annotations

import csv
import math
import statistics

import numpy as np
import pytest

from sim import io
from sim.analysis import montecarlo, odds_text
from sim.analysis.odds_inputs import odds_defaults, odds_inputs, odds_values
from sim.analysis.odds_region import MIN_PAIRS_BIAS, MIN_PAIRS_SPREAD, region_odds
from sim.baseline import build_baseline
from sim.cli import main
from sim.errors import InputError
from sim.metadata import load_parameters
from sim.profiles import find_profile, generic_profile, profile_from_doc
from sim.region import region_setup
from sim.side_inputs import side_inputs
from sim.targets import load_targets, targets_from_doc

CSV = io.DATA_DIR / "record" / "targets_outcomes.csv"
REGIONS = io.REGIONS_DIR


def _deviations() -> list[tuple[str, str, str, float]]:
    """(region, level, coal class, outcome - target) of every GDP region-year with both sides,
    read with csv alone: a range target counts at its midpoint."""
    out = []
    with open(CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["variable"] != "GDP|Real Growth" or not row["outcome_value"].strip():
                continue
            if row["target_low"] and row["target_high"]:
                target = (float(row["target_low"]) + float(row["target_high"])) / 2
            elif row["target_value"]:
                target = float(row["target_value"])
            else:
                continue
            coal = row["coal_power_region"].partition(":")[0].strip()
            out.append(
                (row["region"], row["region_level"], coal, float(row["outcome_value"]) - target)
            )
    return out


def _stats(coal=None, level=None):
    d = [x for _r, lv, c, x in _deviations() if coal in (None, c) and level in (None, lv)]
    return len(d), statistics.mean(d), statistics.stdev(d)


def test_subset_counts_and_statistics_from_the_csv():
    """The subsets the shipped regions use, counted and summarised from the CSV here."""
    assert _stats()[0] == 33
    assert _stats("yes")[0] == 13 and _stats("yes", "prefecture")[0] == 2
    assert _stats("yes", "province")[0] == 11 and _stats(level="province")[0] == 26
    assert _stats(level="prefecture")[0] == 7
    assert not [x for x in _deviations() if x[1] == "national"]
    _n, mean, sd = _stats("yes")
    assert round(mean, 2) == -1.25 and round(sd, 2) == 1.66
    assert [round(v, 2) for v in _stats()[1:]] == [-0.74, 1.77]
    assert [round(v, 3) for v in _stats("yes", "province")[1:]] == [-1.345, 1.779]
    assert round(_stats(level="province")[2], 2) == 1.96


@pytest.mark.parametrize(
    ("region", "bias", "spread"),
    [
        # coal-and-power prefecture: 2 such pairs (< 10), so the 13 coal-and-power; sd: all 33
        ("六盘水市", ("yes", None), (None, None)),
        # coal-and-power province: its 11 for the bias; sd: 11 and 13 < 20, so the 26 provinces
        ("贵州省", ("yes", "province"), (None, "province")),
        # mixed, national: no national pairs, so the whole record for both
        ("全国", (None, None), (None, None)),
        # a region without a profile: the generic profile, type unknown, the whole record
        ("某地区", (None, None), (None, None)),
    ],
)
def test_defaults_per_profile_are_the_subsets_statistics(region, bias, spread):
    ro = region_odds(find_profile(region), region)
    n_b, mean, _ = _stats(*bias)
    n_s, _, sd = _stats(*spread)
    assert ro.bias.n == n_b and ro.spread.n == n_s
    assert ro.defaults()["odds.bias"] == round(mean, 2)
    assert ro.defaults()["odds.spread"] == round(sd, 2)
    assert n_b >= MIN_PAIRS_BIAS and n_s >= MIN_PAIRS_SPREAD
    # each value carries its reason in both languages and its evidence: the subset and n
    for pid, n in (("odds.bias", n_b), ("odds.spread", n_s)):
        row = ro.inputs[pid]
        assert f"{n}个地区年" in row.reason_zh and f"{n} " in row.reason_en
        assert f"n = {n}," in row.evidence
        assert row.min <= row.default <= row.max


def test_too_small_subsets_are_named_with_their_size():
    ro = region_odds(find_profile("六盘水市"), "六盘水市")
    assert [(s.coal, s.level, s.n) for s in ro.small_bias] == [("yes", "prefecture", 2)]
    assert [s.n for s in ro.small_spread] == [2, 13, 7]
    assert "地级煤电地区2个地区年少于10个" in ro.caption("zh")
    nat = region_odds(find_profile("全国"), "全国")
    assert "全国层面0个地区年少于10个" in nat.caption("zh")
    assert "0 region-years at national level, fewer than 10" in nat.caption("en")
    assert "没有同时有目标和实际的年份" in nat.inputs["odds.bias"].reason_zh
    # a region not split by coal is told what the bias would be by type
    yes, no = _stats("yes"), _stats("no")
    assert (
        f"煤电地区{yes[0]}个地区年平均{yes[1]:+.2f}、非煤电地区{no[0]}个地区年平均{no[1]:+.2f}"
        in nat.caption("zh")
    )
    assert f"{no[0]} non-coal region-years: {no[1]:+.2f}" in nat.caption("en")
    assert "by type" not in ro.caption("en")
    gz = region_odds(find_profile("贵州省"), "贵州省")
    assert gz.own_n == 4 and "只有4个" in gz.inputs["odds.bias"].reason_zh


def test_liupanshui_defaults_are_the_written_ones():
    """The rule reproduces parameters.toml's odds rows exactly for the city they were written
    for, through its profile and through a ParamSet without region odds."""
    written = {k: v.default for k, v in side_inputs("odds").items()}
    base = build_baseline(io.read_baseline_frame())
    pset = region_setup(base, load_targets(), find_profile(base.region)).pset
    assert odds_defaults(pset) == written == odds_defaults(load_parameters())
    assert written["odds.bias"] == -1.25 and written["odds.spread"] == 1.77


def test_liupanshui_monte_carlo_is_unchanged():
    """The same draws and odds with the region's ParamSet as with the written one, and the
    golden P(GDP 5.5%) of docs/odds.md (26.4%, 20,000 draws, seed 1)."""
    base = build_baseline(io.read_baseline_frame())
    setup = region_setup(base, load_targets(), find_profile(base.region))
    values = setup.pset.defaults()
    a = montecarlo.run_montecarlo(values, base, 20_000, 1, setup.pset)
    b = montecarlo.run_montecarlo(values, base, 20_000, 1, load_parameters())
    assert np.array_equal(a.series["GDP|Real Growth"], b.series["GDP|Real Growth"])
    gdp = next(o for o in a.odds if o.target.id == "gdp_growth")
    assert round(100 * gdp.p_met, 1) == 26.4


def _region(name):
    d = REGIONS / name
    base = build_baseline(io.read_baseline_frame(d / "baseline.csv"))
    targets = targets_from_doc(io.targets_doc(d / "targets.toml"))
    return base, targets, region_setup(base, targets, find_profile(name))


def test_national_odds_rise_with_the_whole_record():
    """全国 was calibrated on the coal-and-power bias (-1.25); on the whole record (-0.74) its
    mean first-year growth is 0.51 pp higher and the GDP odds higher."""
    base, targets, setup = _region("全国")
    values = setup.pset.defaults()
    now = montecarlo.run_montecarlo(values, base, 4_000, 1, setup.pset, targets=targets)
    coal = montecarlo.run_montecarlo(
        values, base, 4_000, 1, setup.pset, targets=targets, odds={"bias": -1.25}
    )
    diff = now.mean("GDP|Real Growth")[1] - coal.mean("GDP|Real Growth")[1]
    assert diff == pytest.approx(0.51, abs=0.05)
    p = {r: next(o.p_met for o in r_.odds if o.target.id == "gdp_growth") for r, r_ in
         (("now", now), ("coal", coal))}  # fmt: skip
    assert p["now"] > p["coal"] + 0.05


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("全国", "按全部33个地区年的记录校准", "Calibrated on all 33 region-years of the record"),
        ("贵州省", "偏差按省级煤电地区11个地区年的记录", "Bias from 11 coal-and-power region-years at province level"),
    ],
)  # fmt: skip
def test_cli_basis_names_the_subset(name, zh, en, capsys):
    d = REGIONS / name
    args = ["montecarlo", "--draws", "300", "--baseline", str(d / "baseline.csv"),
            "--targets", str(d / "targets.toml"), "--profile", str(d / "profile.toml")]  # fmt: skip
    assert main([*args, "--lang", "zh"]) == 0
    assert zh in capsys.readouterr().out
    assert main([*args, "--lang", "en"]) == 0
    assert en in capsys.readouterr().out


def test_cli_liupanshui_basis_and_override(capsys):
    assert main(["montecarlo", "--draws", "300", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "偏差按煤电地区13个地区年的记录（-1.25个百分点），标准差按全部33个地区年的记录" in out
    assert "本地区默认" not in out
    assert main(["montecarlo", "--draws", "300", "--odds", "bias=-0.5", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Used: bias -0.50 pp" in out and "the region's defaults: bias -1.25, spread 1.77" in out


def test_override_is_checked_against_the_range_on_any_region():
    _b, _t, setup = _region("贵州省")
    assert odds_values({"bias": -0.2}, setup.pset)["odds.bias"] == -0.2
    assert odds_values({}, setup.pset)["odds.spread"] == 1.96
    with pytest.raises(InputError) as e:
        odds_values({"spread": 9}, setup.pset)
    assert e.value.field == "odds.spread"


def test_basis_lines_carry_the_caption_in_both_languages():
    base, targets, setup = _region("贵州省")
    res = montecarlo.run_montecarlo(
        setup.pset.defaults(), base, 300, 1, setup.pset, targets=targets
    )
    zh, en = odds_text.basis_lines(res, "zh"), odds_text.basis_lines(res, "en")
    assert "标准差按省级26个地区年的记录（1.96个百分点）" in zh[2]
    assert "spread from 26 region-years at province level (1.96 pp)" in en[2]
    assert "-1.35" in zh[3] and "1.96" in en[3]


def test_other_regions_say_the_coal_skew_is_liupanshuis():
    ro = region_odds(find_profile("全国"), "全国")
    assert ro.inputs["odds.coal_upside"].reason_zh.startswith("沿用六盘水市的依据")
    assert (
        odds_inputs()["odds.coal_upside"].reason_zh
        == side_inputs("odds")["odds.coal_upside"].reason_zh
    )
    for pid in ("odds.loading", "odds.persistence", "odds.ytd_corr"):
        assert ro.inputs[pid] == side_inputs("odds")[pid]


def test_a_profile_names_its_record_part_or_is_refused():
    doc = {
        "meta": {"names": ["某市"], "inherit": "通用"},
        "record": {"coal_power": "yes", "level": "prefecture"},
    }
    p = profile_from_doc(doc, "x.toml")
    ro = region_odds(p, "某市")
    assert ro.defaults()["odds.bias"] == round(_stats("yes")[1], 2)
    inherited = profile_from_doc({"meta": {"names": ["某市"], "inherit": "通用"}}, "y.toml")
    assert region_odds(inherited, "某市").bias.n == 33
    with pytest.raises(InputError) as e:
        profile_from_doc({"meta": {"names": ["某市"]}, "record": {"coal_power": "coal"}}, "z.toml")
    assert e.value.field == "z.toml" and "coal_power" in e.value.text("en")
    assert "coal_power" in e.value.text("zh")
    assert generic_profile().record.coal_power == "unknown"
    assert math.isfinite(ro.spread.sd)


@pytest.mark.parametrize("coal", ["yes", "partly", "no", "mixed", "unknown"])
@pytest.mark.parametrize("level", ["national", "province", "prefecture", "county", "unknown"])
def test_every_record_table_gives_a_large_enough_matching_subset(coal, level):
    """Whatever a profile says, each statistic comes from a subset that matches it (same class
    and level, or any) with enough region-years, or from the whole record; each subset passed
    over is a more specific match with fewer; the default is that subset's figure."""
    doc = {"meta": {"names": ["某市"]}, "record": {"coal_power": coal, "level": level}}
    ro = region_odds(profile_from_doc(doc, "p.toml"), "某市")
    for s, small, need in ((ro.bias, ro.small_bias, 10), (ro.spread, ro.small_spread, 20)):
        assert s.coal in ("", coal) and s.level in ("", level)
        assert s.n >= need or (s.coal, s.level) == ("", "")
        assert all(x.n < need and x.coal in ("", coal) and x.level in ("", level) for x in small)
        n, mean, sd = _stats(s.coal or None, s.level or None)
        assert s.n == n and math.isclose(s.mean, mean) and math.isclose(s.sd, sd)
    assert ro.defaults()["odds.bias"] == round(ro.bias.mean, 2)
    assert ro.defaults()["odds.spread"] == round(ro.spread.sd, 2)
    assert ro.caption("zh") and ro.caption("en") and ro.caption("zh") != ro.caption("en")
