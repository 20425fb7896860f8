"""The reader on wordings of news pages that the round-6 held-out texts showed it missing: the
year from ``回顾2022`` (no 年) and ``聚焦2023…两会``, a year's ``增长目标``, ``增长目标为/定在``,
``居民的人均可支配收入``, ``将分别增长`` and a place before a list's subjects (该地区, 2021年)."""

from __future__ import annotations

from extract_sentences import P, R, fig, read


def test_review_year_written_bare_after_huigu():
    ex = read("《政府工作报告》之回顾2022\n规上工业增加值增长0.2%，社会消费品零售总额增长7.7%。")
    assert ex.report_year == 2023
    assert ex.figure("Retail Sales|Growth").value == 7.7


def test_a_news_page_on_a_years_sessions_is_that_years_report():
    ex = read(
        "聚焦2023内蒙古两会 | 这五年\n1月12日上午，自治区人大会议开幕。地区生产总值增长4.2%。"
    )
    assert ex.report_year == 2023


def test_a_years_growth_target_names_the_report_year_and_its_target():
    ex = read(
        "2020年西藏GDP增长7.8%，明年将持续上升。\n政府已将2021年西藏的GDP增长目标定在9%以上。"
    )
    assert ex.report_year == 2021
    t = {x.id: x for x in ex.targets}
    assert t["gdp_growth"].value == 9 and t["gdp_growth"].qualifier == "at_least"
    assert ex.figure("GDP|Real Growth").value == 7.8


def test_growth_target_wei_is_a_growth():
    ex = read(P + "地区生产总值增长目标为6%。")
    assert [(x.id, x.value) for x in ex.targets] == [("gdp_growth", 6.0)]


def test_residents_de_income_and_jiang_fenbie_with_a_place_before_the_subjects():
    ex = read(P + "预计2024年该地区城镇和农村居民的人均可支配收入将分别增长10%和13%。")
    t = {x.id: x.value for x in ex.targets}
    assert t == {"urban_income_growth": 10.0, "rural_income_growth": 13.0}
    ex = read(
        "2023年工作回顾\n农村居民的人均可支配收入增长了12.7%，城市居民的人均可支配收入增长了10%。"
    )
    assert ex.figure("Income|Disposable|Rural|Growth").value == 12.7
    assert ex.figure("Income|Disposable|Urban|Growth").value == 10


def test_a_target_wording_is_a_target_wherever_it_stands_but_not_after_gaoyu():
    """An infographic's lines (no plan heading): 预期目标增长6%左右 is this year's target; the
    review's 高于预期目标0.5个百分点 or 完成预期目标 leave the review as it is."""
    ex = read(
        "2023年\n重庆地区生产总值增长6.1%\n2024 新重庆 开新局\n地区生产总值预期目标增长6%左右\n"
    )
    assert [(x.id, x.value, x.qualifier) for x in ex.targets] == [("gdp_growth", 6.0, "about")]
    assert ex.figure("GDP|Real Growth").value == 6.1
    ex = read(
        "2023年工作回顾\n地区生产总值增长6.5%，高于预期目标增长0.5个百分点，固定资产投资增长4%。"
    )
    assert ex.targets == [] and ex.figure("Investment|Fixed Assets|Growth").value == 4


def test_a_pdf_copy_with_each_number_on_its_own_line():
    """吉林省 2020 (PDF text): 增长\\n3.5%\\n左右 and 分别增长2.1%、\\n2.5% read as one phrase each;
    a number line before a numbered heading stays a line end."""
    ex = read(
        "一、2019年工作回顾\n从\n10\n月份开始回暖复苏,预计全年地区生\n产总值增长\n3.5%\n左右。"
        "规模以上工业增加值增速由负转正,增长\n3%\n以上。\n地方级财政收入、税收收入同口径分别增长2.1%、\n2.5%。\n"
    )
    assert ex.figure("GDP|Real Growth").value == 3.5
    assert ex.figure("GDP|Real Growth").qualifier == "about"
    assert ex.figure("Value Added|Industry Above Scale|Real Growth").value == 3
    assert ex.figure("Revenue|General Public Budget|Growth").value == 2.1


def test_growth_de_yuqi_mubiao_wei():
    ex = read(P + "2024年北京市地区生产总值增长的预期目标为5%左右。")
    assert [(x.id, x.value, x.qualifier) for x in ex.targets] == [("gdp_growth", 5.0, "about")]


def test_a_clause_opening_on_the_review_year_reaches_back_for_its_subject():
    ex = read(R + "全省地区生产总值连跨4个千亿台阶,2023年达到1.3万亿元、增长5.8%。")
    assert fig(ex, "GDP") == 13000 and fig(ex, "GDP|Real Growth") == 5.8
    ex = read(R + "地区生产总值从2015年的39.70亿元增长到2023年61.95亿元,年均增长9.3%。")
    assert fig(ex, "GDP") == 61.95 and fig(ex, "GDP|Real Growth") is None
    ex = read(
        R + "地区生产总值增长5%，2022年为1000亿元。"
    )  # another year's level: not the review's
    assert fig(ex, "GDP") is None


def test_a_milestone_gives_way_to_the_figure_after_it():
    ex = read(R + "生产总值迈上五千亿台阶,预计达到5800亿元左右,在全国城市排名跃升到45位。")
    assert fig(ex, "GDP") == 5800 and ex.figure("GDP").kind == "estimate"


def test_a_size_threshold_and_a_task_are_not_figures():
    ex = read(R + "规模以上工业增加值同比下降19.7%。500万元以上固定资产投资49.25亿元。")
    assert fig(ex, "Value Added|Industry Above Scale") is None
    assert fig(ex, "Value Added|Industry Above Scale|Real Growth") == -19.7
    ex = read(
        R
        + "调增固定资产投资任务200亿元,323个市级重点项目完成投资682亿元,拉动全社会固定资产投资增长3.5%。"
    )
    assert fig(ex, "Investment|Fixed Assets") is None
    assert fig(ex, "Investment|Fixed Assets|Growth") == 3.5


def test_a_parts_revenue_is_not_the_regions():
    ex = read(R + "预计全市地区生产总值增长4%左右,市区地方级财政收入同口径增长4.2%。")
    assert fig(ex, "Revenue|General Public Budget|Growth") is None
    assert fig(ex, "GDP|Real Growth") == 4
    ex = read(R + "市本级一般公共预算收入10亿元,全市一般公共预算收入增长5%。")
    assert fig(ex, "Revenue|General Public Budget|Growth") == 5
    assert fig(ex, "Revenue|General Public Budget") is None


def test_page_numbers_inside_a_sentence_and_bare_hundreds():
    ex = read(R + "农村常住居民人均可支配收入 16883\n- 2 -\n元,同比增长 9.7%。")
    assert fig(ex, "Income|Disposable|Rural") == 16883
    assert fig(ex, "Income|Disposable|Rural|Growth") == 9.7
    ex = read(R + "GDP增长6.0%,首次突破百亿元大关,达到100.6亿元。")
    assert fig(ex, "GDP") == 100.6
    # steps counted (4个千亿台阶, 再上一个百亿台阶) are no level
    ex = read(R + "地区生产总值再上一个百亿台阶,达到1519.9亿元、增长8.2%。")
    assert fig(ex, "GDP") == 1519.9 and "review:GDP" not in ex.ambiguous


def test_a_milestone_leaves_the_subject_free_for_its_growth():
    ex = read(R + "规上工业增加值突破千亿元,达到11*2.*亿元,增长9.7%。")
    assert fig(ex, "Value Added|Industry Above Scale|Real Growth") == 9.7


def test_three_sectors_written_together_and_a_bracketed_estimate_note():
    ex = read(R + "一二三产业增加值分别增长4.8%、13.1%、4%。")
    assert [
        fig(ex, f"Value Added|{s}|Real Growth") for s in ("Primary", "Secondary", "Tertiary")
    ] == [
        4.8,
        13.1,
        4,
    ]
    ex = read(
        R + "全市实现地区生产总值4800亿元左右(预计数,下同),增长6%;一般公共预算收入414.3亿元。"
    )
    assert fig(ex, "GDP|Real Growth") == 6 and ex.figure("GDP|Real Growth").kind == "estimate"


def test_an_opening_estimate_stops_at_an_item_stating_its_own_outcome():
    """闵行区 2020: 预计 binds the first item; ；完成…/；实现… items assert results. 玉门市 2023:
    预计全年，实现…；完成… runs parallel: all estimates."""
    ex = read(
        R
        + "预计地区生产总值可比增长5.2%,经济运行保持在合理区间;完成固定资产投资660亿元,同比增长3.3%。"
    )
    assert ex.figure("GDP|Real Growth").kind == "estimate"
    assert ex.figure("Investment|Fixed Assets").kind == "actual"
    ex = read(R + "预计全年,实现地区生产总值255亿元,增长4.3%;完成固定资产投资111.6亿元,增长17%。")
    assert ex.figure("Investment|Fixed Assets").kind == "estimate"


def test_round10_year_cues_a_yearbook_heading_and_targets_met_last_year():
    """高县年鉴: 2020年工作和十三五发展回顾 gives 2021; 2020年…实现预期目标 is no plan of 2020."""
    ex = read(
        "2020年工作和十三五发展回顾-高县年鉴\n时间:2023-08-11\n"
        "2020 年，我们同心同向、共克时艰，经济社会发展实现预期目标。粮食总产量26.52 万吨。"
    )
    assert ex.report_year == 2021 and fig(ex, "Agriculture|Grain|Output") == 26.52
    ex = read(
        "深圳市人大会议于2月25日开幕。\n2025 年是“十四五”规划的最后一年。报告提出了今年的主要预期"
        "经济和社会目标:全市GDP增长5.5%,地方一般公共预算收入增长3.0%。"
    )
    assert ex.report_year == 2025
    assert {x.id: x.value for x in ex.targets} == {"gdp_growth": 5.5, "revenue_growth": 3.0}


def test_round10_wordings_of_the_review():
    ex = read(R + "工业经济总量成为全区第四个突破2000亿元大关的地区,工业投资增长30%。")
    assert fig(ex, "GDP") is None
    ex = read(
        R + "财政总收入、地方一般公共预算收入分别实现156.8亿元、79.3亿元,同比增长11%、12.6%。"
    )
    assert fig(ex, "Revenue|Fiscal Total") == 156.8 and fig(ex, "Revenue|Fiscal Total|Growth") == 11
    assert fig(ex, "Revenue|General Public Budget|Growth") == 12.6
    ex = read(R + "完成一般公共预算收入18.1亿元,可比口径增长10%。去年新增了城镇就业9.5万人。")
    assert fig(ex, "Revenue|General Public Budget|Growth") == 10
    assert fig(ex, "Employment|Urban|New") == 9.5
    ex = read(R + "地区生产总值从2015年的8107.6亿元增加到2023年的10816.47亿元,年均增长6.1%。")
    assert fig(ex, "GDP") == 10816.47 and "review:GDP" not in ex.ambiguous
    ex = read(
        R + "实现地区生产总值增长8.9%,实现并超过年初会议上提出的当年地区生产总值增长8.5%的目标。"
    )
    assert fig(ex, "GDP|Real Growth") == 8.9 and "review:GDP|Real Growth" not in ex.ambiguous
