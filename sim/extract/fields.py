"""The field table: which words name which variable, in which unit, in which part of the report.

A *subject* is a keyword pattern (地区生产总值, 原煤产量, 一般公共预算收入…) with the fields it can
carry, one per *measure* (grammar.measure): the same subject gives ``GDP`` for a level in 亿元
and ``GDP|Real Growth`` for a growth in %. Each field says whether it is looked for in the review
of last year (``review``) and among this year's targets (``target``): ``REQ`` fields are reported
missing when absent, ``OPT`` fields only when present. ``enum``/``enum_head`` match one item of
an enumeration (``一、二、三产分别…``: item ``一`` with ``产`` in the subject group).

Units are the project's: ``100m CNY`` (亿元), ``10k t`` (万吨), ``10k t/yr``, ``100m kWh``
(亿千瓦时), ``10k kW`` (万千瓦), ``10k persons`` (万人), ``%``, ``pp``. ``covered`` mirrors
``params/targets.toml``: whether the projection model simulates the target's variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import LABELS

REQ, OPT = "required", "optional"

# field unit -> (unit class of grammar.UNITS, multiplier from that class's unit)
UNIT_SCALE = {"CNY": ("money", 100_000_000)}  # 元: a class-money value is in 亿元
UNIT_CLASS = {
    "100m CNY": "money",
    "CNY": "money",
    "10k t": "weight",
    "10k t/yr": "weight_per_year",
    "100m kWh": "energy",
    "10k kW": "power",
    "10k persons": "persons",
    "%": "percent",
    "pp": "pp",
}


@dataclass(frozen=True)
class Field:
    key: str  # target id; review figures are keyed by variable
    variable: str
    unit: str
    measure: str  # level | growth | share | rate | pp_change
    review: str | None = None  # REQ | OPT | None
    target: str | None = None
    label_zh: str = ""
    label_en: str = ""
    sense: str = "higher"
    covered: bool = False

    @property
    def unit_class(self) -> str:
        return UNIT_CLASS[self.unit]

    @property
    def scale(self) -> int:
        return UNIT_SCALE.get(self.unit, ("", 1))[1]


@dataclass(frozen=True)
class Subject:
    name: str
    pattern: re.Pattern[str]
    fields: tuple[Field, ...]
    enum: re.Pattern[str] | None = None
    enum_head: re.Pattern[str] | None = None


# a subject naming two series at once, read as two items of a list (城乡 = 城镇 + 农村)
PAIRS = {"城乡": ("城镇", "农村")}


def _s(name, pattern, *fields, enum=None, head=None) -> Subject:
    enum_re, head_re = (re.compile(enum) if enum else None), (re.compile(head) if head else None)
    return Subject(name, re.compile(pattern), fields, enum_re, head_re)


def _f(key, variable, unit, measure, review=None, target=None, **kw) -> Field:
    zh, en = LABELS.get(key, ("", ""))
    return Field(key, variable, unit, measure, review, target, zh, en, **kw)


def _level(key, variable, unit="100m CNY", review=OPT, target=None, **kw) -> Field:
    return _f(key, variable, unit, "level", review, target, **kw)


def _rate(key, variable, review=OPT, target=OPT, **kw) -> Field:
    return _f(key, variable, "%", "rate", review, target, **kw)


def _growth(key, variable, review=OPT, target=OPT, **kw) -> Field:
    return _f(key, variable, "%", "growth", review, target, **kw)


_GDP = (
    r"(?<!单位)(?<!人均)(?<!万元)(?:地区生产总值|GDP)(?!能耗)|(?:(?<=全区)|(?<![区均位]))生产总值(?!能耗)"
    r"|(?<=全区)增加值"  # a Shanghai district's headline (全区增加值完成2488.4亿元)
    r"|国内生产总值(?!能耗)|(?<!人均)(?<!单位)(?<!国内|地区)(?:国内|地区)?生产毛额"
)
_VA = "Value Added|{}|Real Growth"
_IN = r"(?:常住)?(?:居民)?的?年?(?:人均)?可支配收入"  # 农村居民的人均可支配收入 (news)

SUBJECTS: tuple[Subject, ...] = (
    _s(
        "gdp",
        _GDP
        + r"|(?<!工业)(?<!农业)(?<!数字)经济总量|(?<!数字)(?<!民营)(?<!实体)(?<!海洋)经济(?=增速|增长|实际增长)",
        _level("gdp_level", "GDP", review=REQ, target=OPT),
        _growth("gdp_growth", "GDP|Real Growth", REQ, REQ, covered=True),
    ),
    _s(
        "primary",
        r"第一产业(?:增加值)?|一产",
        _growth("primary_growth", _VA.format("Primary"), REQ, REQ, covered=True),
        _f("primary_share", "Share|Primary", "%", "share", OPT, None),
        _level("primary_level", "Value Added|Primary"),
        enum=r"第?一(?:产|产业|次产业)?",
        head=r"产",
    ),
    _s(
        "secondary",
        r"第二产业(?:增加值)?|二产",
        _growth("secondary_growth", _VA.format("Secondary"), REQ, REQ, covered=True),
        _f("secondary_share", "Share|Secondary", "%", "share", OPT, None),
        _level("secondary_level", "Value Added|Secondary"),
        enum=r"第?二(?:产|产业|次产业)?",
        head=r"产",
    ),
    _s(
        "tertiary",
        r"第三产业(?:增加值)?|(?<![一二])三产|服务业增加值|服务业(?=完成增加值|实现增加值)",
        _growth("tertiary_growth", _VA.format("Tertiary"), REQ, REQ, covered=True),
        _f("tertiary_share", "Share|Tertiary", "%", "share", OPT, None),
        _level("tertiary_level", "Value Added|Tertiary"),
        enum=r"第?三(?:产|产业|次产业)?|服务业",
        head=r"产|服务业",
    ),
    _s(
        "industry_share",
        r"(?<!规上)(?<!以上)(?<!规模)工业(?:经济|增加值)?(?=占)",
        _f("industry_share", "Share|Industry", "%", "share", REQ, None),
    ),
    _s(
        "industry_above_scale",
        r"(?:规模以上|规上|规模)(?:企业)?工业(?:企业)?增加值|(?:规模以上|规上|规模)工业(?!企业|利润|总?产值|营业收入|营收|用电)",
        _growth(
            "industry_above_scale_growth",
            _VA.format("Industry Above Scale"),
            REQ,
            REQ,
            covered=True,
        ),
        _level("industry_above_scale_level", "Value Added|Industry Above Scale"),
    ),
    _s(
        "revenue",
        r"(?:地方)?一般公共预算收入|公共财政(?:预算)?收入|地方级(?:财政)?收入|地方财政收入|"
        r"(?:地方)?(?:财政)?一般预算收入|一般公共预算地方(?:级)?收入",
        _level("revenue_level", "Revenue|General Public Budget", review=REQ, target=OPT),
        _growth("revenue_growth", "Revenue|General Public Budget|Growth", REQ, REQ, covered=True),
    ),
    _s(
        "fiscal_total",
        r"财政总收入|一般公共预算总收入|(?<![方级共])财政收入",
        _level("fiscal_total_level", "Revenue|Fiscal Total", target=OPT),
        _growth("fiscal_total_growth", "Revenue|Fiscal Total|Growth"),
    ),
    _s(
        "tax",
        # not 非税占比 (the non-tax share) or 钢铁产业税收占45% (one industry's)
        r"(?<!产业)(?<!行业)(?:税收收入|税收(?=占|增长|比重|完成|实现|达到?|\d))|(?<![非个])税(?=占比)",
        _f("tax_growth", "Revenue|Tax|Growth", "%", "growth", REQ, None),
        _f("tax_share", "Revenue|Tax|Share", "%", "share", REQ, None),
        _f("tax_share_change", "Revenue|Tax|Share|Change", "pp", "pp_change", OPT, None),
    ),
    _s(
        "energy_intensity",
        r"单位\s*(?:地区生产总值|GDP|生产总值|国内生产总值)\s*能耗"
        r"|万元\s*(?:地区生产总值|GDP|生产总值)\s*能耗"
        r"|能耗强度",
        _growth(
            "energy_intensity", "Energy Intensity|Change", REQ, REQ, sense="lower", covered=True
        ),
    ),
    _s(
        "coal",
        r"原煤(?:总)?产量|煤炭(?:总)?产量|(?:生产|产)原煤",
        _level("coal_output", "Production|Coal", "10k t", REQ, OPT, covered=True),
        _f("coal_growth", "Production|Coal|Growth", "%", "growth", REQ, None),
    ),
    _s(
        "coal_capacity",
        r"(?:新增)?释放(?:煤炭|煤矿)?产能",
        _level("coal_capacity_released", "Capacity|Coal|Released", "10k t/yr", OPT, OPT),
    ),
    _s(
        "generation",
        r"(?<!用)发电量",
        _level("power_generation", "Electricity|Generation", "100m kWh", REQ, OPT, covered=True),
        _f("generation_growth", "Electricity|Generation|Growth", "%", "growth", REQ, None),
    ),
    _s(
        "electricity_use",
        r"全社会用电量|全市用电量|全省用电量",
        _level("electricity_use", "Electricity|Consumption", "100m kWh", OPT, OPT),
        _growth("electricity_use_growth", "Electricity|Consumption|Growth"),
    ),
    _s(
        "capacity",
        r"电力装机(?:容量|规模|总量)?|发电装机(?:容量)?|装机总量|总装机(?:容量)?",
        _level("power_capacity", "Capacity|Electricity", "10k kW", REQ, OPT),
    ),
    _s(
        "capacity_added",
        r"新增[^，。；,;\d]{0,20}?装机(?:容量)?",
        _level(
            "power_capacity_added", "Capacity|Electricity|Added", "10k kW", OPT, OPT, covered=True
        ),
    ),
    _s(
        "coal_power_retrofit",
        r"改造煤电机组(?:装机)?|煤电机组(?:节能降碳|灵活性|“三改联动”)?改造(?:升级)?",
        _level("coal_power_retrofit", "Capacity|Electricity|Coal Retrofitted", "10k kW", None, OPT),
    ),
    _s(
        "grain",
        r"粮食(?:总产量|产量|总产)?",
        _level("grain_output", "Agriculture|Grain|Output", "10k t", REQ, OPT),
    ),
    _s(
        "urban_income",
        # 城市居民, but not 宜城市居民 (a city named …城's residents: all of them, not the urban)
        r"城镇"
        + _IN
        + r"|(?<![^全本我该市省县区州和及与而但并则其另中内外、，,。；;\s(（:：])城市居民的?(?:人均)?可支配收入"
        r"|城镇(?:常住)?居民(?:人均)?收入",
        _growth("urban_income_growth", "Income|Disposable|Urban|Growth", REQ, REQ),
        _level("urban_income_level", "Income|Disposable|Urban", "CNY"),
        enum=r"城镇(?:常住)?(?:居民)?|城市(?:居民)?|城",
        head=r"收入",
    ),
    _s(
        "rural_income",
        r"农村"
        + _IN
        + r"|农民人均可支配收入|农村人均可支配收入|(?<!城)乡村?(?:常住)?居民(?:人均)?可支配收入"
        + r"|农村(?:常住)?居民(?:人均)?收入|农民(?:人均)?收入|农牧民(?:人均)?(?:可支配)?收入"
        + r"|农村牧区(?:常住)?(?:居民)?(?:人均)?(?:可支配)?收入"
        + r"|(?:农区|牧区|农牧区)(?:常住)?(?:居民)?(?:人均)?(?:可支配)?收入",
        _growth("rural_income_growth", "Income|Disposable|Rural|Growth", REQ, REQ),
        _level("rural_income_level", "Income|Disposable|Rural", "CNY"),
        enum=r"农村(?:牧区)?(?:常住)?(?:居民)?|农民|农牧民|农区|牧区|农牧区",
        head=r"收入",
    ),
    _s(
        "resident_income",
        r"(?<![镇村乡民市、])(?:全体|全市|全省|全县)?居民人均可支配收入",
        _growth("resident_income_growth", "Income|Disposable|All|Growth"),
        _level("resident_income_level", "Income|Disposable|All", "CNY"),
    ),
    _s(
        "jobs",
        r"城镇新增就业(?:人数)?|新增了?城镇就业(?:人数)?",
        _level("urban_new_jobs", "Employment|Urban|New", "10k persons", REQ, REQ),
    ),
    _s(
        "unemployment_surveyed",
        r"城镇调查失业率|调查失业率",
        _rate("unemployment_surveyed", "Unemployment|Urban Surveyed", sense="lower"),
    ),
    _s(
        "unemployment_registered",
        r"城镇登记失业率|登记失业率",
        _rate("unemployment_registered", "Unemployment|Urban Registered", sense="lower"),
    ),
    _s(
        "fai",
        r"固定资产投资",
        _growth("fixed_investment_growth", "Investment|Fixed Assets|Growth", OPT, REQ),
        _level("fixed_investment_level", "Investment|Fixed Assets"),
    ),
    _s(
        "retail",
        r"社会消费品零售总额|社会消费品零售额|社零(?:总额)?",
        _growth("retail_sales_growth", "Retail Sales|Growth", OPT, REQ),
        _level("retail_sales_level", "Retail Sales"),
    ),
    _s(
        "cpi",
        r"居民消费价格(?:总水平)?(?:指数)?(?:涨幅)?|CPI(?:涨幅)?|消费者物价指数(?:涨幅|升幅)?",
        _growth("cpi", "Price|Consumer|Change", OPT, REQ, sense="lower", covered=True),
    ),
    _s(
        "urbanisation",
        r"(?:常住人口)?城镇化率",
        _f("urbanisation_rate", "Population|Urbanisation Rate", "%", "rate", OPT, REQ),
    ),
    _s(
        "major_projects",
        r"重大(?:工程)?项目",
        _level("major_project_investment", "Investment|Major Projects", target=OPT),
    ),
    _s(
        "rd",
        r"(?<!企业)(?:研究与试验发展|研发|R&D)(?:\(R&D\))?经费(?:支出|投入)?",
        _growth("rd_spending_growth", "R&D|Expenditure|Growth"),
    ),
    _s(
        "tourism",
        r"旅游(?:及相关)?产业增加值",
        _growth("tourism_value_added_growth", "Value Added|Tourism|Growth"),
    ),
    _s(
        "industry_funds",
        r"(?:新增)?产业到位资金",
        _level("industry_investment_funds", "Investment|Industrial Funds Arrived", target=OPT),
    ),
    # subjects that carry no field: they stop a number from being read as a nearer field's
    _s(
        "blockers",
        r"民间投资|工业投资|产业投资|交通投资|水利投资|火电装机|水电装机|电煤|单井|企业研发|"
        r"一般公共预算支出|财政支出|存贷款余额|贷款余额|存款余额|进出口总额|出口总额|进口总额|"
        r"实际利用外资|工业总产值|人均地区生产总值|人均生产总值|全员劳动生产率|"
        r"新兴产业增加值|高技术制造业增加值|高技术产业增加值|战略性新兴产业|装备制造业增加值|"
        r"工业企业|营业收入|利润总额|GDP产出|投资GDP|新能源发电量|新能源装机|并网新能源装机|"
        r"风电装机|光伏装机|外送电量|(?:火电|火力|水电|水力|风电|风力|光伏|清洁能源|可再生能源)发电量|"
        r"生产性服务业|现代服务业|数字经济核心产业|每平方公里(?:地区)?生产总值|地均(?:地区)?生产总值|工业(?:销售)?产值|销售产值|"
        r"工业用电量|居民用电量|煤电装机|清洁能源装机|可再生能源装机|粮食(?:综合)?生产能力|"
        r"单位(?:国内|地区)?生产毛额|"
        # a part's revenue (市区地方级财政收入: the urban districts), not the region's
        r"(?:市区|中心城区|[市县区]本级)(?:地方级财政收入|(?:地方)?一般公共预算收入|财政总?收入)|"
        r"(?:推介|签约|招引)?(?:重大|重点)?项目总投资|"  # planned totals, not investment done
        # counted regions (三县区GDP突破百亿元, 三个一般公共预算地方收入过10亿元): not the region's
        r"[一二三四五六七八九十两](?:个(?:县市区|县区|区县|县市|县|区)?|县市区|县区|区县|县市|县|区)"
        r"(?:GDP|地区生产总值|生产总值|一般公共预算(?:地方)?收入|地方(?:一般公共预算|财政)?收入)",
    ),
)
BLOCKERS = next(s for s in SUBJECTS if s.name == "blockers")

RATIO_CONTEXT = re.compile(r"三次产业|产业结构|三产结构|产业比例")
RATIO_FIELDS = ("primary_share", "secondary_share", "tertiary_share")


def all_fields() -> list[Field]:
    return [f for s in SUBJECTS for f in s.fields]


def field_by_key(key: str) -> Field:
    return next(f for f in all_fields() if f.key == key)
