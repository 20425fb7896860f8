"""More of the reader's grammar on constructed sentences: wordings of real reports that the
first evaluation rounds did not hold (a bound before the figure, 按可比价格计算 between the
subject and its growth, 总量 for GDP, a list whose subjects stand in the clauses before it, a
pair of targets without 分别)."""

from __future__ import annotations

from sim.extract import extract_report

R = "一、2023年工作回顾\n"
P = "\n二、2024年主要目标和重点任务\n主要预期目标是："


def read(text: str):
    return extract_report(text, "测试市")


def fig(ex, variable):
    f = ex.figure(variable)
    return None if f is None else f.value


def test_a_bound_before_the_figure_gives_way_to_the_figure():
    ex = read(R + "全省生产总值突破3万亿元，达到30256.8亿元，同比增长5.1%。")
    assert fig(ex, "GDP") == 30256.8 and "review:GDP" not in ex.ambiguous


def test_a_bound_that_contradicts_the_figure_stays_ambiguous():
    ex = read(R + "全省生产总值突破3万亿元，达到2956.8亿元。")
    assert fig(ex, "GDP") is None and "review:GDP" in ex.ambiguous


def test_comparable_prices_between_subject_and_growth():
    ex = read(R + "全年实现地区生产总值1234.5亿元，按可比价格计算，比上年增长4.2%。")
    assert fig(ex, "GDP") == 1234.5 and fig(ex, "GDP|Real Growth") == 4.2


def test_total_refers_back_to_gdp():
    ex = read(R + "全市GDP增长8.2%，总量达3210.5亿元。")
    assert fig(ex, "GDP") == 3210.5 and fig(ex, "GDP|Real Growth") == 8.2


def test_list_takes_its_subjects_from_the_clauses_before():
    ex = read(
        R + "城镇居民人均可支配收入达到4.6万元，农村居民人均可支配收入达到2.1万元，"
        "分别增长4.5%、6.6%。"
    )
    assert fig(ex, "Income|Disposable|Urban") == 46000
    assert fig(ex, "Income|Disposable|Urban|Growth") == 4.5
    assert fig(ex, "Income|Disposable|Rural|Growth") == 6.6


def test_list_without_subjects_before_reads_nothing():
    ex = read(R + "全市上下齐心协力，攻坚克难，分别增长4.5%、6.6%。")
    assert not ex.figures


def test_pair_of_income_targets_without_fenbie():
    ex = read(R + "地区生产总值增长5%。" + P + "城乡居民人均可支配收入增长6%、7%左右。")
    assert ex.target("urban_income_growth").value == 6
    assert ex.target("rural_income_growth").value == 7


def test_list_inside_a_run_of_targets_joined_by_dunhao():
    ex = read(
        R + "地区生产总值增长5%。" + P + "地区生产总值同比增长7%以上、固定资产投资同比增长8%、"
        "城镇和农村常住居民人均可支配收入分别同比增长7%和9%。"
    )
    assert ex.target("gdp_growth").value == 7
    assert ex.target("fixed_investment_growth").value == 8
    assert ex.target("urban_income_growth").value == 7
    assert ex.target("rural_income_growth").value == 9


def test_a_list_that_cannot_be_paired_gives_no_figure_to_its_last_subject():
    ex = read(R + "城镇和农村居民人均可支配收入分别增长了7%、9%。")
    assert fig(ex, "Income|Disposable|Rural|Growth") in (None, 9)


def test_list_verb_with_le():
    ex = read(R + "城镇和农村居民人均可支配收入分别增长了7%、9%。")
    assert fig(ex, "Income|Disposable|Urban|Growth") == 7
    assert fig(ex, "Income|Disposable|Rural|Growth") == 9


def test_a_part_of_generation_is_not_generation():
    ex = read(R + "全市发电量达到520.3亿千瓦时，增长6%，其中火电发电量410亿千瓦时。")
    assert fig(ex, "Electricity|Generation") == 520.3
    assert "review:Electricity|Generation" not in ex.ambiguous
