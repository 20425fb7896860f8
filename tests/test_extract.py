"""sim.extract: the Liupanshui report as one case, plus synthetic fragments for each phrasing."""

from __future__ import annotations

import argparse
import csv
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.extract import cli, extract_report, normalise, read_report_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
REPORT = SEED / "000_942b2da580aaa983.txt"
BASELINE = ROOT / "data" / "baseline_2023.csv"
TARGETS = ROOT / "params" / "targets.toml"

# every field the issue lists, with its value in the 2023 review of the Liupanshui report
LIUPANSHUI_2023 = {
    "GDP": 1557.64,
    "GDP|Real Growth": 3.2,
    "Value Added|Primary|Real Growth": 3.3,
    "Value Added|Secondary|Real Growth": 0.6,
    "Value Added|Tertiary|Real Growth": 5.7,
    "Share|Primary": 11.9,
    "Share|Secondary": 44.1,
    "Share|Tertiary": 44.0,
    "Share|Industry": 39.6,
    "Value Added|Industry Above Scale|Real Growth": 1.3,
    "Revenue|General Public Budget": 110.33,
    "Revenue|General Public Budget|Growth": 14.83,
    "Revenue|Tax|Growth": 19.88,
    "Revenue|Tax|Share": 63.7,
    "Energy Intensity|Change": -2.8,
    "Production|Coal": 7601.8,
    "Production|Coal|Growth": 2.6,
    "Electricity|Generation": 482.97,
    "Electricity|Generation|Growth": 3.69,
    "Capacity|Electricity": 1340.57,
    "Agriculture|Grain|Output": 64.9,
    "Income|Disposable|Urban|Growth": 4.3,
    "Income|Disposable|Rural|Growth": 8.1,
    "Employment|Urban|New": 6.2,
}
# targets that must be extracted besides every covered one: sectors, GDP, revenue, CPI, energy,
# coal and generation
TARGET_IDS = {
    "gdp_growth",
    "primary_growth",
    "secondary_growth",
    "tertiary_growth",
    "revenue_growth",
    "cpi",
    "energy_intensity",
    "coal_output",
    "power_generation",
}


@pytest.fixture(scope="module")
def liupanshui():
    if not SEED.is_dir():
        pytest.skip("../shared/seed is not present")
    text = REPORT.read_text(encoding="utf-8")
    return text, extract_report(text, "Liupanshui")


def test_liupanshui_every_field(liupanshui):
    _, ex = liupanshui
    assert ex.report_year == 2024 and ex.review_year == 2023
    got = {v: ex.figure(v).value if ex.figure(v) else None for v in LIUPANSHUI_2023}
    assert got == pytest.approx(LIUPANSHUI_2023)
    assert ex.missing == [] and ex.ambiguous == {}
    assert ex.figure("Energy Intensity|Change").kind == "estimate"
    assert ex.figure("GDP").kind == "actual" and ex.figure("GDP").year == 2023


def test_liupanshui_quotes_are_verbatim_at_their_position(liupanshui):
    text, ex = liupanshui
    for item in [*ex.figures, *ex.targets]:
        assert text[item.position : item.position + len(item.quote)] == item.quote
    assert ex.figure("Revenue|Tax|Share").quote == "其中税收收入增长19.88％，占比63.7％"
    assert ex.figure("Share|Primary").quote == "三次产业结构占比为11.9：44.1：44"


@pytest.mark.parametrize(
    "variant", ["full-width digits", "half-width signs", "pdf line wraps", "traditional", "crlf"]
)
def test_liupanshui_variants_read_the_same(liupanshui, variant):
    text, ex = liupanshui
    if variant == "traditional":  # the seed republished in traditional script (issue 13)
        import opencc

        other = opencc.OpenCC("s2t").convert(text)
        assert other != text
    elif variant == "crlf":
        other = text.replace("\n", "\r\n")
    elif variant == "full-width digits":
        other = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    elif variant == "half-width signs":
        other = text.translate(str.maketrans("％：，；（）", "%:,;()"))
    else:  # every paragraph hard-wrapped at 37 characters, as copied from a PDF
        other = "\n".join(
            "\n".join(p[i : i + 37] for i in range(0, len(p), 37)) for p in text.split("\n")
        )
    ex2 = extract_report(other, "Liupanshui")
    assert [(f.variable, f.value, f.kind) for f in ex2.figures] == [
        (f.variable, f.value, f.kind) for f in ex.figures
    ]
    assert [(t.id, t.value, t.qualifier) for t in ex2.targets] == [
        (t.id, t.value, t.qualifier) for t in ex.targets
    ]
    assert all(other[f.position :].startswith(f.quote) for f in [*ex2.figures, *ex2.targets])


def test_liupanshui_matches_project_baseline(liupanshui):
    if not BASELINE.exists():
        pytest.skip("data/baseline_2023.csv not written yet")
    _, ex = liupanshui
    with BASELINE.open(encoding="utf-8") as fh:
        rows = {(r["variable"], int(r["year"])): r for r in csv.DictReader(fh)}
    frame = ex.baseline_frame()
    compared = 0
    for row in frame.itertuples():
        ref = rows.get((row.variable, row.year))
        if ref is not None:
            assert row.value == pytest.approx(float(ref["value"])), row.variable
            assert row.unit == ref["unit"], row.variable
            if ref["kind"] in ("actual", "estimate"):
                assert row.kind == ref["kind"], row.variable
            compared += 1
    assert compared >= len(LIUPANSHUI_2023)


def test_liupanshui_targets_match_params(liupanshui):
    _, ex = liupanshui
    hand = tomllib.loads(TARGETS.read_text(encoding="utf-8"))
    wanted = [t for t in hand["target"] if t["covered"] or t["id"] in TARGET_IDS]
    assert {t["id"] for t in wanted} >= TARGET_IDS
    for ref in wanted:
        got = ex.target(ref["id"])
        assert got is not None, ref["id"]
        assert (got.variable, got.value, got.unit, got.qualifier, got.sense) == (
            ref["variable"],
            pytest.approx(ref["value"]),
            ref["unit"],
            ref["qualifier"],
            ref["sense"],
        ), ref["id"]
        assert got.quote == ref["quote"], ref["id"]
    # the uncovered ones are read too, with the same value and qualifier (not the sourced
    # five-year-plan target, which comes from another document and has no quote)
    for ref in (r for r in hand["target"] if r["quote"]):
        got = ex.target(ref["id"])
        assert got and (got.value, got.qualifier) == (pytest.approx(ref["value"]), ref["qualifier"])


def test_targets_toml_round_trips(liupanshui):
    _, ex = liupanshui
    doc = tomllib.loads(ex.targets_toml())
    assert doc["meta"]["region"] == "Liupanshui" and doc["meta"]["year"] == 2024
    by_id = {t["id"]: t for t in doc["target"]}
    assert by_id["energy_intensity"]["value"] == -2.8
    assert by_id["coal_output"]["qualifier"] == "at_least"
    assert all(isinstance(t["position"], int) for t in doc["target"])


# ---- synthetic fragments -------------------------------------------------------------------

REVIEW = "一、2023年工作回顾\n\n"
PLAN = "\n\n二、2024年主要目标和重点任务\n\n主要预期目标是："


def read(text: str, year: int | None = None):
    return extract_report(text, "Testshi", report_year=year)


def values(ex, template: str) -> list[float | None]:
    figs = [ex.figure(template.format(s)) for s in ("Primary", "Secondary", "Tertiary")]
    return [f.value if f else None for f in figs]


def test_about_and_at_least_targets():
    ex = read(
        PLAN + "地区生产总值增长5.5％左右；规上工业增加值增长7%以上；居民消费价格涨幅控制在3%。"
    )
    gdp, ind, cpi = map(ex.target, ("gdp_growth", "industry_above_scale_growth", "cpi"))
    assert (gdp.value, gdp.qualifier, gdp.quote) == (5.5, "about", "地区生产总值增长5.5％左右")
    assert (ind.value, ind.qualifier) == (7.0, "at_least")
    assert (cpi.value, cpi.qualifier) == (3.0, "at_most")


def test_full_width_and_half_width_digits():
    full = read(REVIEW + "全市地区生产总值完成１５５７．６４亿元、增长３．２％。")
    half = read(REVIEW + "全市地区生产总值完成1557.64亿元、增长3.2%。")
    for ex in (full, half):
        assert ex.figure("GDP").value == 1557.64 and ex.figure("GDP|Real Growth").value == 3.2
    assert full.figure("GDP").quote == "全市地区生产总值完成１５５７．６４亿元"


def test_yi_yuan_and_wan_yi_yuan():
    ex = read(REVIEW + "全省地区生产总值达到2.1万亿元，一般公共预算收入完成110.33亿元。")
    assert ex.figure("GDP").value == 21000.0 and ex.figure("GDP").unit == "100m CNY"
    assert ex.figure("Revenue|General Public Budget").value == 110.33


@pytest.mark.parametrize(
    "sentence",
    [
        "其中一、二、三产分别增长3.3％、0.6％、5.7％。",
        "第一、二、三产业增加值分别增长3.3%、0.6%和5.7%。",
        "一产、二产、三产分别增长3.3%、0.6%、5.7%。",
    ],
)
def test_sector_enumerations(sentence):
    ex = read(REVIEW + sentence)
    assert values(ex, "Value Added|{}|Real Growth") == [3.3, 0.6, 5.7]


def test_income_enumeration_with_he():
    ex = read(PLAN + "城镇和农村居民人均可支配收入分别增长6.5％左右和8.5％左右。")
    assert ex.target("urban_income_growth").value == 6.5
    assert ex.target("rural_income_growth").value == 8.5
    assert ex.target("rural_income_growth").qualifier == "about"


def test_unassigned_enumeration_is_not_read_as_a_nearer_field():
    ex = read(REVIEW + "地区生产总值增长3.2%，民间投资、工业投资分别增长8.5%、10.5%。")
    assert ex.figure("GDP|Real Growth").value == 3.2 and not ex.ambiguous


def test_enumeration_without_subjects_takes_the_previous_ones():
    ex = read(REVIEW + "城镇、农村居民人均可支配收入分别达到42000元、18000元，分别增长5.2%、7.8%。")
    assert ex.figure("Income|Disposable|Urban|Growth").value == 5.2
    assert ex.figure("Income|Disposable|Rural|Growth").value == 7.8


@pytest.mark.parametrize(
    "sentence",
    ["三次产业结构比为11.9:44.1:44。", "三次产业结构由12.5:45:42.5优化为11.9：44.1：44。"],
)
def test_structure_ratio(sentence):
    ex = read(REVIEW + sentence)
    assert values(ex, "Share|{}") == [11.9, 44.1, 44.0]


def test_declines_are_negative():
    energy = "单位地区生产总值能耗"
    ex = read(REVIEW + f"{energy}下降3.1%；原煤产量减少2%。" + PLAN + f"{energy}降低2.8％。")
    assert ex.figure("Energy Intensity|Change").value == -3.1
    assert ex.figure("Production|Coal|Growth").value == -2.0
    energy = ex.target("energy_intensity")
    assert (energy.value, energy.sense, energy.qualifier) == (-2.8, "lower", "at_most")


def test_estimate_kind():
    """预计 governs the rest of its sentence, across ； (a list of figures), not the next one."""
    ex = read(
        REVIEW + "预计全年地区生产总值增长5%；规上工业增加值增长4%。一般公共预算收入完成110亿元。"
    )
    assert ex.figure("GDP|Real Growth").kind == "estimate"
    assert ex.figure("Value Added|Industry Above Scale|Real Growth").kind == "estimate"
    assert ex.figure("Revenue|General Public Budget").kind == "actual"


def test_lizheng_and_daodao():
    ex = read(PLAN + "力争原煤产量达到8000万吨，新增电力装机120万千瓦；力争发电量增长5%左右。")
    assert (ex.target("coal_output").value, ex.target("coal_output").qualifier) == (
        8000,
        "at_least",
    )
    assert ex.target("power_capacity_added").qualifier == "at_least"  # plain target: a floor


def test_units_converted():
    ex = read(REVIEW + "原煤产量达1.2亿吨，完成发电量4829700万千瓦时，城镇新增就业62000人。")
    assert ex.figure("Production|Coal").value == 12000.0
    assert ex.figure("Electricity|Generation").value == pytest.approx(482.97)
    assert ex.figure("Employment|Urban|New").value == pytest.approx(6.2)


def test_share_inherits_subject_across_comma():
    ex = read(REVIEW + "其中税收收入增长19.88％，占比63.7％、提高2.7个百分点。")
    assert ex.figure("Revenue|Tax|Share").value == 63.7
    assert ex.figure("Revenue|Tax|Share|Change").unit == "pp"


def test_missing_figure_is_reported():
    ex = read(REVIEW + "全市地区生产总值完成1557.64亿元。" + PLAN + "地区生产总值增长5.5％左右。")
    assert "review:Revenue|General Public Budget" in ex.missing
    assert "target:fixed_investment_growth" in ex.missing
    assert "review:GDP" not in ex.missing and ex.figure("Revenue|General Public Budget") is None
    assert "missing: target:fixed_investment_growth" in ex.targets_toml()


def test_ambiguous_figure_has_both_quotes():
    text = REVIEW + "全市地区生产总值完成1557.64亿元。另据统计，全市地区生产总值达到1600亿元。"
    ex = read(text)
    cands = ex.ambiguous["review:GDP"]
    assert sorted(c.value for c in cands) == [1557.64, 1600.0]
    assert {c.quote for c in cands} == {
        "全市地区生产总值完成1557.64亿元",
        "全市地区生产总值达到1600亿元",
    }
    assert all(text[c.position :].startswith(c.quote) for c in cands)
    assert ex.figure("GDP") is None and "1600" in ex.summary()


def test_soft_line_break_inside_a_figure():
    text = REVIEW + "全市地区生产总值完成1557.64\n亿元、增长3.2%。"
    fig = read(text).figure("GDP")
    assert fig.value == 1557.64 and text[fig.position :].startswith(fig.quote)


def test_report_year_detection_and_fallback():
    assert read(REVIEW + "地区生产总值增长3%。").report_year == 2024
    assert read("全市地区生产总值增长3%。", year=2025).review_year == 2024
    with pytest.raises(ValueError, match="report year"):
        read("全市地区生产总值增长3%。")


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False),
    st.booleans(),
)
def test_full_width_number_parses_like_half_width(value, full_width):
    s = format(value, "f")
    if full_width:
        s = s.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    ex = read(PLAN + f"地区生产总值增长{s}％左右。")
    assert ex.target("gdp_growth").value == float(value)
    assert normalise(s).text == format(value, "f")


# ---- decoding and CLI ----------------------------------------------------------------------

SAMPLE = (
    REVIEW + "全市地区生产总值完成1557.64亿元、增长3.2％。" + PLAN + "地区生产总值增长5.5％左右。"
)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_read_report_bytes(encoding):
    assert read_report_bytes(SAMPLE.encode(encoding)) == SAMPLE


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"\xe6\x95\x81\x30\xff", "neither UTF-8 nor GBK"),
        (b"\xff\xfe\x41", "UTF-16"),
        (b"just ascii", "no Chinese"),
    ],
)
def test_read_report_bytes_rejects(data, match):
    with pytest.raises(ValueError, match=match):
        read_report_bytes(data)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sim")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["extract", *argv])


def test_cli_writes_baseline_and_targets(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_bytes(SAMPLE.encode("gbk"))
    base, targ = tmp_path / "out" / "baseline.csv", tmp_path / "out" / "targets.toml"
    args = _args(
        str(report), "--region", "Testshi", "--out-baseline", str(base), "--out-targets", str(targ)
    )
    assert args.func is cli.run and cli.run(args) == 1  # written, but the structure is missing
    out = capsys.readouterr().out
    assert "GDP = 1557.64" in out
    assert "Testshi,Share|Primary,%,2023,,planner,," in out  # the rows to add, ready to paste
    with base.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "region",
        "variable",
        "unit",
        "year",
        "value",
        "kind",
        "source",
        "quote",
        "position",
    ]
    assert {r["variable"]: float(r["value"]) for r in rows}["GDP|Real Growth"] == 3.2
    doc = tomllib.loads(targ.read_text(encoding="utf-8"))
    assert doc["target"][0]["id"] == "gdp_growth" and doc["meta"]["region"] == "Testshi"


@pytest.mark.parametrize(
    ("content", "extra", "match"),
    [
        (None, (), "cannot read"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", (), "binary"),
        ("地区生产总值增长3%。".encode(), (), "report year"),
        ("这是一份没有数字的文字。".encode(), ("--report-year", "2024"), "no figures found"),
    ],
)
def test_cli_bad_input_one_line_exit_2(tmp_path, capsys, content, extra, match):
    report = tmp_path / "r.txt"
    if content is not None:
        report.write_bytes(content)
    assert cli.run(_args(str(report), "--region", "X", *extra)) == 2
    err = capsys.readouterr().err
    assert match in err and err.count("\n") == 1 and "Traceback" not in err
