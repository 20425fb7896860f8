"""The reader's grammar on constructed sentences, continued: wordings the tuning4 and tuning5
texts showed (a second list after a list, year cues of news pages, markers after the figure,
a margin over the plan, lines a copy broke inside a word)."""

from __future__ import annotations

from extract_sentences import P, R, fig, read

from sim.extract import normalise


def test_a_second_list_after_a_list_takes_its_subjects():
    ex = read(R + "城镇、农村居民人均可支配收入分别达到39098元、16340元，增长4.7%、5.1%。")
    assert fig(ex, "Income|Disposable|Rural") == 16340
    assert fig(ex, "Income|Disposable|Urban|Growth") == 4.7
    assert fig(ex, "Income|Disposable|Rural|Growth") == 5.1


def test_a_pair_subject_then_two_lists():
    ex = read(R + "城乡常住居民人均可支配收入分别达到37462元和17597元、增长7%和10%。")
    assert fig(ex, "Income|Disposable|Urban|Growth") == 7
    assert fig(ex, "Income|Disposable|Rural|Growth") == 10


def test_news_year_cues():
    cases = {
        "广东省省长作报告时表示，今年(2024年)预期地区生产总值增长5%。": 2024,
        "报告对2019年工作进行了回顾。地区生产总值增长7.7%。": 2020,
        "过去的2019年，是极不平凡的一年。": 2020,
        "今年是“十三五”规划收官之年。": 2020,
        "报告指出，2020年，是“十三五”规划收官之年。全年地区生产总值增长3.6%。": 2021,
    }
    for text, year in cases.items():
        assert read(text).report_year == year, text


def test_a_contents_line_does_not_open_the_plan():
    ex = read(
        "报告分为三部分:\n一、2019年工作回顾;\n二、奋力做好2020年工作;\n"
        "《报告》指出，2019年全市地区生产总值增长7.5%。"
    )
    assert ex.report_year == 2020 and fig(ex, "GDP|Real Growth") == 7.5
    assert ex.target("gdp_growth") is None


def test_targets_quoted_after_naming_the_goal_are_targets():
    ex = read(
        "过去的2019年，是极不平凡的一年。\n而今，我们明确目标，再出发！“生产总值增长6%，"
        "固定资产投资增长6%以上”。"
    )
    assert ex.target("gdp_growth").value == 6 and fig(ex, "GDP|Real Growth") is None


def test_estimate_marker_after_its_figure_covers_it():
    ex = read(R + "地区生产总值增长7.7%(预计数,下同)，固定资产投资增长11%。")
    assert ex.figure("GDP|Real Growth").kind == "estimate"
    assert ex.figure("Investment|Fixed Assets|Growth").kind == "estimate"


def test_a_margin_over_the_plan_is_not_the_figure():
    ex = read(R + "固定资产投资完成17亿元，超额完成年度任务2.1亿元，增长20.6%。")
    assert fig(ex, "Investment|Fixed Assets") == 17
    assert fig(ex, "Investment|Fixed Assets|Growth") == 20.6


def test_xiatong_in_brackets_and_net_increase_between_subject_and_growth():
    ex = read(R + "地区生产总值突破400亿元大关，达到417亿元，净增110.8亿元，同比(下同)增长9.4%。")
    assert fig(ex, "GDP") == 417 and fig(ex, "GDP|Real Growth") == 9.4


def test_natural_growth_beside_a_comparable_basis_reading():
    ex = read(R + "地方一般公共预算收入3.5亿元，自然增幅2%，同口径完成3.67亿元，增幅6.1%。")
    assert fig(ex, "Revenue|General Public Budget") == 3.5
    assert fig(ex, "Revenue|General Public Budget|Growth") == 2


def test_tax_share_change():
    ex = read(R + "一般公共预算收入7.87亿元，税占比同比提高12.5个百分点。")
    assert fig(ex, "Revenue|Tax|Share|Change") == 12.5


def test_a_line_broken_inside_a_word_is_joined_whatever_its_length():
    assert "4%左右" in normalise("增长 4%左\n右，城镇居民").text


def test_herdsmen_income_is_rural_income():
    ex = read(R + "农牧民人均可支配收入11516元，同比增长6.9%。")
    assert fig(ex, "Income|Disposable|Rural") == 11516


# ---- tuning6 and tuning7 --------------------------------------------------------------------


def test_a_contents_block_does_not_open_the_plan():
    ex = read(
        "2026年某市政府工作报告\n提纲:\n一、2025年工作回顾\n二、“十五五”时期奋斗目标\n"
        "三、2026年工作安排\n(一)坚定不移抓产业\n\n各位代表:\n一、2025年工作回顾\n"
        "全市地区生产总值完成423.46亿元,总量稳居全区县域前列,增长5.4%,其中一、二、三产增加值"
        "分别增长4.4%5.9%5.8%。"
    )
    assert fig(ex, "GDP") == 423.46 and fig(ex, "GDP|Real Growth") == 5.4
    assert fig(ex, "Value Added|Secondary|Real Growth") == 5.9 and not ex.targets


def test_the_report_years_goal_sentence_opens_the_plan_in_news():
    ex = read(
        "2023年湖南全年地区生产总值同比增长4.6%。\n同时，政府工作报告提出了2024年新的预期目标，"
        "其中包括地区生产总值增长6%左右。此外，固定资产投资增长5%。"
    )
    assert fig(ex, "GDP|Real Growth") == 4.6 and ex.target("gdp_growth").value == 6
    assert ex.target("fixed_investment_growth").value == 5
    assert fig(ex, "Investment|Fixed Assets|Growth") is None


def test_a_later_items_figure_is_not_the_subjects():
    ex = read(
        R + "地区生产总值增长5%。" + P + "全体居民人均可支配收入增长6%左右、"
        "全年计划实施项目2900个、完成年度投资2400亿元。"
    )
    assert ex.target("resident_income_growth").value == 6
    assert fig(ex, "Income|Disposable|All") is None


def test_an_items_own_count_does_not_stop_its_level():
    ex = read(
        R + "地区生产总值增长5%。" + P + "开工建设重大工程项目400个以上、完成投资380亿元以上。"
    )
    assert ex.target("major_project_investment").value == 380


def test_share_of_gdp_and_share_of_another_total():
    ex = read(R + "第三产业增加值占地区生产总值比重达58%。生产性服务业增加值占服务业比重达60%。")
    assert fig(ex, "Share|Tertiary") == 58


def test_looking_ahead_opens_the_plan():
    ex = read(
        "2024年，全区地区生产总值增长5.4%。\n展望未来，政府工作报告持续释放积极信号:"
        "地区生产总值增长5.5%左右。"
    )
    assert fig(ex, "GDP|Real Growth") == 5.4 and ex.target("gdp_growth").value == 5.5


def test_estimate_covers_its_sentence_not_the_paragraphs_next():
    ex = read(R + "预计全旗地区生产总值增长6%。一般公共预算收入增长41%。")
    assert ex.figure("GDP|Real Growth").kind == "estimate"
    assert ex.figure("Revenue|General Public Budget|Growth").kind == "actual"


def test_a_second_estimate_in_the_paragraph_limits_the_first():
    ex = read(
        R + "2023年,预计全市地区生产总值实现530.5亿元。财政总收入实现60.28亿元。"
        "预计社会消费品零售总额284.5亿元。"
    )
    assert ex.figure("Revenue|Fiscal Total").kind == "actual"
    assert ex.figure("Retail Sales").kind == "estimate"


def test_the_headline_paragraph_wins_over_a_subsection():
    ex = read(
        R + "全年完成地区生产总值998.72亿元;固定资产投资370.79亿元,增长23.3%。\n"
        "(一)试验区建设步伐加快。试验区完成固定资产投资18.29亿元。"
    )
    assert fig(ex, "Investment|Fixed Assets") == 370.79


def test_cumulative_over_years_before_the_subject():
    ex = read(R + "预计5年累计完成固定资产投资2676.8亿元、社会消费品零售总额2131亿元。")
    assert fig(ex, "Investment|Fixed Assets") is None and fig(ex, "Retail Sales") is None


def test_bare_yi_and_wanyi_are_money():
    ex = read(R + "全省地区生产总值迈上新台阶，总量突破5万亿，达到50012亿，同比增长4.6%。")
    assert fig(ex, "GDP") == 50012


# ---- after the round-3 measurement (those texts are tuned on since) ----------------------------


def test_two_series_and_two_figures_without_fenbie():
    ex = read(R + "城镇和农村常住居民人均可支配收入增长2%和6%。")
    assert fig(ex, "Income|Disposable|Urban|Growth") == 2
    assert fig(ex, "Income|Disposable|Rural|Growth") == 6


def test_farming_district_income_is_rural():
    ex = read(R + "城镇和农区常住居民人均可支配收入分别增长6.4%、10.2%。")
    assert fig(ex, "Income|Disposable|Rural|Growth") == 10.2
    assert fig(ex, "Income|Disposable|All|Growth") is None


def test_energy_intensity_with_spaces():
    ex = read(R + "地区生产总值增长 8%，万元 GDP 能耗下降 5%。")
    assert fig(ex, "Energy Intensity|Change") == -5 and fig(ex, "GDP|Real Growth") == 8


def test_meeting_line_broken_across_lines_and_review_of_year_and_plan():
    ex = read(
        "政府工作报告\n——2021年1月12日在延边朝鲜族自治州第十五届\n人民代表大会第六次会议上\n"
        "一、2020年和“十三五”工作回顾\n地区生产总值增长0.5%。"
    )
    assert ex.report_year == 2021


def test_the_report_years_description_leading_into_its_targets():
    ex = read(
        "政府工作报告指出,2018年是贯彻落实党的十九大精神的开局之年,是改革开放40周年。"
        "今年经济社会发展的主要预期目标是:地区生产总值增长10%。"
    )
    assert ex.report_year == 2018 and ex.target("gdp_growth").value == 10


# ---- after the round-4 measurement (those texts are tuned on since) ----------------------------


def test_news_year_cues_of_round_four():
    cases = {
        "时间:2026-02-26\n2月26日上午,某县第十八届人民代表大会第六次会议开幕。": 2026,
        "2022年4月8日上午,南京市十六届人大五次会议开幕,代市长作政府工作报告。": 2022,
        "2020年湖南\n\n交答卷!\n地区生产总值增长3.8%": 2021,
        "一图读懂景谷2025年“成绩单”与2026年“新目标”": 2026,
        "2020年北京GDP预期增长6%左右": 2020,
        "报告分为三部分:2025年工作回顾,“十五五”时期主要目标任务,2026年重点工作。": 2026,
    }
    for text, year in cases.items():
        assert read(text).report_year == year, text


def test_infographic_headings_with_a_bare_year():
    ex = read(
        "2021重点回顾\nGDP突破1.6万亿元、增长7.5%\n新增学位超3万个2022主要任务\n地区生产总值增长6.5%左右"
    )
    assert ex.report_year == 2022 and fig(ex, "GDP|Real Growth") == 7.5
    assert ex.target("gdp_growth").value == 6.5


def test_one_figure_for_both_series():
    ex = read(R + "城乡常住居民人均可支配收入均增长7%左右。")
    assert fig(ex, "Income|Disposable|Urban|Growth") == 7
    assert fig(ex, "Income|Disposable|Rural|Growth") == 7


def test_an_attribute_a_start_value_and_an_average_are_not_figures():
    ex = read(
        R + "预计一般公共预算收入超10亿元的县(区)由2个增加到8个。"
        "地区生产总值由1090亿元增加到1909亿元，平均增速达到6.1%。"
    )
    assert fig(ex, "Revenue|General Public Budget") is None
    assert fig(ex, "GDP") == 1909 and fig(ex, "GDP|Real Growth") is None


def test_district_gdp_and_a_share_of_gdp_after_the_figures():
    ex = read(
        R + "全区生产总值完成346.3亿元，同比增长6.1%。"
        "全年服务业完成增加值157.2亿元，增长12.2%，占GDP的23.5%。"
    )
    assert fig(ex, "GDP") == 346.3 and fig(ex, "Share|Tertiary") == 23.5
    assert fig(ex, "Value Added|Tertiary|Real Growth") == 12.2


def test_a_stray_space_inside_a_word():
    ex = read(R + "地方一 般公共预算收入111.16亿元，增长3.2%。")
    assert fig(ex, "Revenue|General Public Budget") == 111.16


def test_a_text_ending_on_the_subject_it_lacks_gives_its_context_without_error():
    ex = read(R + "全市经济运行平稳。全市地区生产总值")
    assert fig(ex, "GDP") is None and "生产总值" in ex.contexts["GDP"]


# ---- after the round-5 measurement ------------------------------------------------------------


def test_a_sentence_about_an_older_year_is_not_the_review_years():
    ex = read(
        R + "2021年，全年全市地区生产总值835.37亿元，增长12.1%。\n2023年，全市地区生产总值增长4%。"
    )
    assert fig(ex, "GDP") is None and fig(ex, "GDP|Real Growth") == 4


def test_news_targets_after_the_report_lays_out_the_year():
    ex = read(
        "1月7日,在三亚市八届人大四次会议上,提请会议审议的政府工作报告对全年重点工作进行安排部署,"
        "并提出:地区生产总值增长10%左右。\n2022年,三亚经济在逆境中奋起,交出了一份答卷。"
    )
    assert ex.report_year == 2023 and ex.target("gdp_growth").value == 10
    assert fig(ex, "GDP|Real Growth") is None
