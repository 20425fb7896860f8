"""More of the reader's grammar on constructed sentences: wordings of real reports that the
first evaluation rounds did not hold (a bound before the figure, 按可比价格计算 between the
subject and its growth, 总量 for GDP, a list whose subjects stand in the clauses before it, a
pair of targets without 分别)."""

from __future__ import annotations

from extract_sentences import P, R, fig, read


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


# ---- year and parts -------------------------------------------------------------------------


def test_a_december_session_plans_the_next_year_and_its_jinnian_is_the_review():
    ex = read(
        "2020年谷城县人民政府工作报告\n2020年12月23日在谷城县第十八届人民代表大会第五次会议上\n"
        "特别是今年疫情发生后，全县地区生产总值突破400亿元，达到402亿元。\n"
        "明年主要预期目标是：地区生产总值增长7%。"
    )
    assert ex.report_year == 2021
    assert fig(ex, "GDP") == 402 and ex.target("gdp_growth").value == 7


def test_the_session_date_after_the_meeting_outranks_a_reposting_sites_title():
    ex = read(
        "2019年陇县人民政府工作报告(全文)——在陇县第十七届人民代表大会第四次会议上"
        "县长某某(2020年1月8日)\n2019年，全县地区生产总值增长7.8%。"
    )
    assert ex.report_year == 2020 and fig(ex, "GDP|Real Growth") == 7.8


def test_a_review_heading_outranks_a_title_named_for_the_year_reviewed():
    ex = read(
        "2023年XX区政府工作报告\n1、2023年XX区政府工作报告各位代表:一、2023年工作回顾今年以来，"
        "全区地区生产总值增长5.5%。"
    )
    assert ex.report_year == 2024


def test_a_numbered_heading_naming_the_year_opens_the_plan():
    ex = read(
        "各位代表！过去一年，全区地区生产总值增长4%。\n二、奋进2023年:矢志赶超、开创新局\n"
        "2023年是建区20周年。主要预期目标是：地区生产总值增长6%。"
    )
    assert ex.report_year == 2023 and ex.target("gdp_growth").value == 6


def test_levels_reached_over_the_years_in_the_plans_preamble_are_the_review_years():
    ex = read(
        R
        + "地区生产总值增长3%。"
        + P
        + "地区生产总值增长6%。20年来，地区生产总值、地方一般公共预算收入分别增加至559.2亿元、39.5亿元。"
    )
    assert fig(ex, "GDP") == 559.2 and ex.target("gdp_level") is None


def test_estimate_after_a_subject_covers_its_own_item_only():
    ex = read(R + "居民人均可支配收入预计4.6万元，增长10%；城镇登记失业率为2.3%。")
    assert ex.figure("Income|Disposable|All").kind == "estimate"
    assert ex.figure("Unemployment|Urban Registered").kind == "actual"


def test_estimate_opening_the_sentence_covers_all_of_it():
    ex = read(R + "2023年预计实现地区生产总值564亿元，同比下降2%；固定资产投资增长4.6%。")
    assert ex.figure("Investment|Fixed Assets|Growth").kind == "estimate"


def test_estimate_after_a_noun_of_no_field_covers_its_own_item_only():
    """农林牧渔业总产值 names no field but is a subject: its 预计 is its item's, so 规上工业 on
    the next item is an actual (北林区 2025); a time, place or 据统计 before 预计 still opens."""
    ex = read(
        R + "地区生产总值预计完成230.6亿元，增长4%；农林牧渔业可比价总产值预计完成184.4亿元，"
        "增长3.5%；规上工业增加值增长6.5%；外贸进出口总额预计完成2亿元；一般公共预算收入完成10亿元。"
    )
    assert ex.figure("GDP").kind == "estimate"
    assert ex.figure("Value Added|Industry Above Scale|Real Growth").kind == "actual"
    assert ex.figure("Revenue|General Public Budget").kind == "actual"
    for opener in ("据统计，", "2023年末，", "全区"):
        ex = read(R + opener + "预计地区生产总值增长4%；固定资产投资增长4.6%。")
        assert ex.figure("Investment|Fixed Assets|Growth").kind == "estimate", opener


def test_estimate_with_a_space_before_xiatong():
    ex = read(R + "全年实现地区生产总值(预计 下同)7100亿元左右。固定资产投资增长7%。")
    assert ex.figure("Investment|Fixed Assets|Growth").kind == "estimate"


# ---- headline and second readings -------------------------------------------------------------


def test_the_headline_figure_wins_over_the_comparable_basis_one():
    ex = read(R + "地方一般公共预算收入668亿元，下降1.8%(剔除减税降费因素 同口径增长8.1%)。")
    assert fig(ex, "Revenue|General Public Budget|Growth") == -1.8


def test_only_a_comparable_basis_figure_is_read_as_it_is():
    ex = read(R + "一般公共预算收入88.6亿元，同口径增长5.3%。")
    assert fig(ex, "Revenue|General Public Budget|Growth") == 5.3


# ---- words -----------------------------------------------------------------------------------


def test_older_and_provincial_names_of_budget_revenue_and_tax():
    ex = read(
        R + "财政总收入30.9亿元，其中地方财政收入17.3亿元，分别增长13.3%、8.6%；"
        "其中税收完成51亿元、增长6.3%。"
    )
    assert fig(ex, "Revenue|General Public Budget") == 17.3
    assert fig(ex, "Revenue|Fiscal Total|Growth") == 13.3
    assert fig(ex, "Revenue|General Public Budget|Growth") == 8.6
    assert fig(ex, "Revenue|Tax|Growth") == 6.3


def test_urban_and_rural_income_without_kezhipei():
    ex = read(R + "地区生产总值增长5%。" + P + "城乡居民收入分别增长6.5%和8%左右。")
    assert ex.target("urban_income_growth").value == 6.5
    assert ex.target("rural_income_growth").value == 8


def test_taiwan_wording_of_a_national_report():
    ex = read(
        "一、2025 年工作回顧\n國內生產毛額增長 5%\n糧食產量達到 1.43 兆斤\n"
        "糧食綜合生產能力達到 1.45 兆斤左右\n三、2026 年經濟社會發展總體要求和政策取向\n"
        "經濟增長 4.5%—5%\n消費者物價指數升幅 2% 左右\n單位國內生產毛額二氧化碳排放降低 3.8% 左右"
    )
    assert fig(ex, "GDP|Real Growth") == 5 and fig(ex, "Agriculture|Grain|Output") == 71500
    t = ex.target("gdp_growth")
    assert (t.value, t.high) == (4.5, 5) and ex.target("cpi").value == 2


def test_parts_and_other_measures_are_not_the_total():
    ex = read(
        R + "全区地区生产总值实现1560.9亿元、增长1.9%，每平方公里地区生产总值77.7亿元。"
        "规上工业企业增加值增长4.5%，规上工业销售产值增长5%。"
    )
    assert fig(ex, "GDP") == 1560.9
    assert fig(ex, "Value Added|Industry Above Scale|Real Growth") == 4.5


def test_capacity_units():
    ex = read(R + "电力装机容量达到30亿千瓦。" + P + "新增装机容量1200兆瓦。")
    assert fig(ex, "Capacity|Electricity") == 300000
    assert ex.target("power_capacity_added").value == 120
