"""The reader on wordings of news pages that the round-6 held-out texts showed it missing: the
year from ``回顾2022`` (no 年) and ``聚焦2023…两会``, a year's ``增长目标``, ``增长目标为/定在``,
``居民的人均可支配收入``, ``将分别增长`` and a place before a list's subjects (该地区, 2021年)."""

from __future__ import annotations

from extract_sentences import P, read


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
