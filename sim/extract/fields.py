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

REQ, OPT = "required", "optional"

# measure -> unit classes it accepts (see grammar.UNITS)
UNIT_CLASS = {
    "100m CNY": "money",
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


@dataclass(frozen=True)
class Subject:
    name: str
    pattern: re.Pattern[str]
    fields: tuple[Field, ...]
    enum: re.Pattern[str] | None = None
    enum_head: re.Pattern[str] | None = None


def _s(name, pattern, *fields, enum=None, head=None) -> Subject:
    enum_re, head_re = (re.compile(enum) if enum else None), (re.compile(head) if head else None)
    return Subject(name, re.compile(pattern), fields, enum_re, head_re)


def _f(key, variable, unit, measure, review=None, target=None, **kw) -> Field:
    zh, en = LABELS.get(key, ("", ""))
    return Field(key, variable, unit, measure, review, target, zh, en, **kw)


_GDP = r"(?<!单位)(?<!人均)(?<!万元)(?:地区生产总值|GDP)(?!能耗)|(?<![区均位])生产总值(?!能耗)"
_VA = "Value Added|{}|Real Growth"

# target id -> (label_zh, label_en)
LABELS: dict[str, tuple[str, str]] = {
    "gdp_level": ("地区生产总值", "GDP"),
    "gdp_growth": ("地区生产总值增长", "GDP real growth"),
    "primary_growth": ("第一产业增加值增长", "Primary sector real growth"),
    "secondary_growth": ("第二产业增加值增长", "Secondary sector real growth"),
    "tertiary_growth": ("第三产业增加值增长", "Tertiary sector real growth"),
    "industry_above_scale_growth": (
        "规上工业增加值增长",
        "Industry above designated size, real growth",
    ),
    "revenue_level": ("一般公共预算收入", "General public budget revenue"),
    "revenue_growth": ("一般公共预算收入增长", "General public budget revenue growth"),
    "energy_intensity": ("单位地区生产总值能耗变化", "Energy use per unit of GDP, change"),
    "coal_output": ("原煤产量", "Raw coal output"),
    "coal_capacity_released": ("新增释放煤炭产能", "Coal mining capacity newly released"),
    "power_generation": ("发电量", "Electricity generation"),
    "power_capacity": ("电力装机", "Generating capacity"),
    "power_capacity_added": ("新增电力装机", "New generating capacity"),
    "coal_power_retrofit": ("改造煤电机组装机", "Coal power units retrofitted"),
    "grain_output": ("粮食产量", "Grain output"),
    "urban_income_growth": (
        "城镇居民人均可支配收入增长",
        "Urban disposable income per capita growth",
    ),
    "rural_income_growth": (
        "农村居民人均可支配收入增长",
        "Rural disposable income per capita growth",
    ),
    "urban_new_jobs": ("城镇新增就业", "New urban jobs"),
    "fixed_investment_growth": ("固定资产投资增长", "Fixed-asset investment growth"),
    "retail_sales_growth": ("社会消费品零售总额增长", "Retail sales growth"),
    "cpi": ("居民消费价格涨幅", "Consumer price inflation"),
    "urbanisation_rate": ("常住人口城镇化率", "Urbanisation rate of resident population"),
    "major_project_investment": ("重大工程项目完成投资", "Investment completed in major projects"),
    "rd_spending_growth": ("全社会研究与试验发展经费支出增长", "R&D expenditure growth"),
    "tourism_value_added_growth": (
        "旅游及相关产业增加值增长",
        "Tourism and related industries value added growth",
    ),
    "industry_investment_funds": ("新增产业到位资金", "New industrial investment funds arrived"),
}

SUBJECTS: tuple[Subject, ...] = (
    _s(
        "gdp",
        _GDP + r"|经济总量|(?<!数字)(?<!民营)(?<!实体)经济(?=增速|增长)",
        _f("gdp_level", "GDP", "100m CNY", "level", REQ, OPT),
        _f("gdp_growth", "GDP|Real Growth", "%", "growth", REQ, REQ, covered=True),
    ),
    _s(
        "primary",
        r"第一产业|一产",
        _f("primary_growth", _VA.format("Primary"), "%", "growth", REQ, REQ, covered=True),
        _f("primary_share", "Share|Primary", "%", "share", OPT, None),
        enum=r"第?一(?:产|产业|次产业)?",
        head=r"产",
    ),
    _s(
        "secondary",
        r"第二产业|二产",
        _f("secondary_growth", _VA.format("Secondary"), "%", "growth", REQ, REQ, covered=True),
        _f("secondary_share", "Share|Secondary", "%", "share", OPT, None),
        enum=r"第?二(?:产|产业|次产业)?",
        head=r"产",
    ),
    _s(
        "tertiary",
        r"第三产业|三产|服务业增加值",
        _f("tertiary_growth", _VA.format("Tertiary"), "%", "growth", REQ, REQ, covered=True),
        _f("tertiary_share", "Share|Tertiary", "%", "share", OPT, None),
        enum=r"第?三(?:产|产业|次产业)?|服务业",
        head=r"产|服务业",
    ),
    _s(
        "industry_share",
        r"(?<!规上)(?<!以上)工业(?:经济|增加值)?(?=占)",
        _f("industry_share", "Share|Industry", "%", "share", REQ, None),
    ),
    _s(
        "industry_above_scale",
        r"规模以上工业(?:增加值)?|规上工业(?:增加值)?",
        _f(
            "industry_above_scale_growth",
            _VA.format("Industry Above Scale"),
            "%",
            "growth",
            REQ,
            REQ,
            covered=True,
        ),
    ),
    _s(
        "revenue",
        r"(?:地方)?一般公共预算收入|公共财政(?:预算)?收入",
        _f("revenue_level", "Revenue|General Public Budget", "100m CNY", "level", REQ, OPT),
        _f(
            "revenue_growth",
            "Revenue|General Public Budget|Growth",
            "%",
            "growth",
            REQ,
            REQ,
            covered=True,
        ),
    ),
    _s(
        "tax",
        r"税收收入|税收(?=占|增长|比重)",
        _f("tax_growth", "Revenue|Tax|Growth", "%", "growth", REQ, None),
        _f("tax_share", "Revenue|Tax|Share", "%", "share", REQ, None),
        _f("tax_share_change", "Revenue|Tax|Share|Change", "pp", "pp_change", OPT, None),
    ),
    _s(
        "energy_intensity",
        r"单位(?:地区生产总值|GDP|生产总值)能耗|万元(?:地区生产总值|GDP)能耗|能耗强度",
        _f(
            "energy_intensity",
            "Energy Intensity|Change",
            "%",
            "growth",
            REQ,
            REQ,
            sense="lower",
            covered=True,
        ),
    ),
    _s(
        "coal",
        r"原煤(?:总)?产量|煤炭(?:总)?产量",
        _f("coal_output", "Production|Coal", "10k t", "level", REQ, OPT, covered=True),
        _f("coal_growth", "Production|Coal|Growth", "%", "growth", REQ, None),
    ),
    _s(
        "coal_capacity",
        r"(?:新增)?释放(?:煤炭|煤矿)?产能",
        _f("coal_capacity_released", "Capacity|Coal|Released", "10k t/yr", "level", OPT, OPT),
    ),
    _s(
        "generation",
        r"发电量",
        _f(
            "power_generation",
            "Electricity|Generation",
            "100m kWh",
            "level",
            REQ,
            OPT,
            covered=True,
        ),
        _f("generation_growth", "Electricity|Generation|Growth", "%", "growth", REQ, None),
    ),
    _s(
        "capacity",
        r"电力装机(?:容量|规模|总量)?|发电装机(?:容量)?|装机总量|总装机(?:容量)?",
        _f("power_capacity", "Capacity|Electricity", "10k kW", "level", REQ, OPT),
    ),
    _s(
        "capacity_added",
        r"新增[^，。；,;\d]{0,20}?装机(?:容量)?",
        _f(
            "power_capacity_added",
            "Capacity|Electricity|Added",
            "10k kW",
            "level",
            OPT,
            OPT,
            covered=True,
        ),
    ),
    _s(
        "coal_power_retrofit",
        r"改造煤电机组(?:装机)?",
        _f(
            "coal_power_retrofit",
            "Capacity|Electricity|Coal Retrofitted",
            "10k kW",
            "level",
            None,
            OPT,
        ),
    ),
    _s(
        "grain",
        r"粮食(?:总)?(?:产量)?",
        _f("grain_output", "Agriculture|Grain|Output", "10k t", "level", REQ, OPT),
    ),
    _s(
        "urban_income",
        r"城镇(?:常住)?居民(?:人均)?可支配收入",
        _f("urban_income_growth", "Income|Disposable|Urban|Growth", "%", "growth", REQ, REQ),
        enum=r"城镇(?:常住)?(?:居民)?",
        head=r"可支配收入",
    ),
    _s(
        "rural_income",
        r"农村(?:常住)?居民(?:人均)?可支配收入|农民人均可支配收入|农村人均可支配收入",
        _f("rural_income_growth", "Income|Disposable|Rural|Growth", "%", "growth", REQ, REQ),
        enum=r"农村(?:常住)?(?:居民)?|农民",
        head=r"可支配收入",
    ),
    _s(
        "jobs",
        r"城镇新增就业(?:人数)?|新增城镇就业(?:人数)?",
        _f("urban_new_jobs", "Employment|Urban|New", "10k persons", "level", REQ, REQ),
    ),
    _s(
        "fai",
        r"固定资产投资",
        _f("fixed_investment_growth", "Investment|Fixed Assets|Growth", "%", "growth", OPT, REQ),
    ),
    _s(
        "retail",
        r"社会消费品零售总额",
        _f("retail_sales_growth", "Retail Sales|Growth", "%", "growth", OPT, REQ),
    ),
    _s(
        "cpi",
        r"居民消费价格(?:总水平)?(?:指数)?(?:涨幅)?|CPI(?:涨幅)?",
        _f("cpi", "Price|Consumer|Change", "%", "growth", OPT, REQ, sense="lower", covered=True),
    ),
    _s(
        "urbanisation",
        r"(?:常住人口)?城镇化率",
        _f("urbanisation_rate", "Population|Urbanisation Rate", "%", "rate", OPT, REQ),
    ),
    _s(
        "major_projects",
        r"重大(?:工程)?项目",
        _f("major_project_investment", "Investment|Major Projects", "100m CNY", "level", OPT, OPT),
    ),
    _s(
        "rd",
        r"(?:研究与试验发展|研发|R&D)(?:\(R&D\))?经费(?:支出|投入)?",
        _f("rd_spending_growth", "R&D|Expenditure|Growth", "%", "growth", OPT, OPT),
    ),
    _s(
        "tourism",
        r"旅游(?:及相关)?产业增加值",
        _f("tourism_value_added_growth", "Value Added|Tourism|Growth", "%", "growth", OPT, OPT),
    ),
    _s(
        "industry_funds",
        r"(?:新增)?产业到位资金",
        _f(
            "industry_investment_funds",
            "Investment|Industrial Funds Arrived",
            "100m CNY",
            "level",
            OPT,
            OPT,
        ),
    ),
    # subjects that carry no field: they stop a number from being read as a nearer field's
    _s(
        "blockers",
        r"民间投资|工业投资|产业投资|交通投资|水利投资|火电装机|水电装机|电煤|单井",
    ),
)

RATIO_CONTEXT = re.compile(r"三次产业|产业结构|三产结构|产业比例")
RATIO_FIELDS = ("primary_share", "secondary_share", "tertiary_share")


def all_fields() -> list[Field]:
    return [f for s in SUBJECTS for f in s.fields]


def field_by_key(key: str) -> Field:
    return next(f for f in all_fields() if f.key == key)
