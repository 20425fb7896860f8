"""The grammar of number phrases in a government work report (on normalised text).

A *phrase* is a number with an optional unit, per-suffix and qualifier:
``1557.64亿元``, ``5.5%左右``, ``600万吨/年``, ``2.7个百分点``, ``8000万吨``. What a phrase measures
is read from the words just before it (its *lead*): a change verb (增长/提高/下降/降低/减少/涨幅…)
makes it a growth rate, with 下降/降低/减少 giving a negative value; 占/占比/比重 makes it a share;
otherwise it is a level. Units are converted to the project's units:

- money: 亿元 = 1, 万亿元 = 10000, 万元 = 0.0001 (``100m CNY``)
- weight: 万吨 = 1, 亿吨 = 10000, 吨 = 0.0001 (``10k t``); 万吨/年 (``10k t/yr``)
- energy: 亿千瓦时 = 亿度 = 1, 万千瓦时 = 0.0001 (``100m kWh``)
- power: 万千瓦 = 1, 千瓦 = 0.0001 (``10k kW``)
- persons: 万人 = 1, 人 = 0.0001 (``10k persons``)
- percent: % (``%``); percentage points: 个百分点 (``pp``)

Two compound forms are parsed here too: enumerations (``一、二、三产分别增长a、b、c``,
``城镇和农村居民…分别增长a和b``) and structure ratios (``a:b:c``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

# canonical unit -> (regex, unit class, factor to the project unit of that class)
_KWH = r"(?:千瓦[·•]?时|千瓦小时|kWh|kW[·•]h)"
UNITS: dict[str, tuple[str, str, Decimal]] = {
    "万亿元": (
        "万亿元|兆元|万亿(?![斤吨度千立方人美])",
        "money",
        Decimal(10000),
    ),  # 兆 = 万亿 (Taiwan)
    "亿元": ("亿元|亿(?![斤吨度千立方人美元股件只支次户亩])", "money", Decimal(1)),  # 突破3000亿
    "万元": ("万元", "money", Decimal("0.0001")),
    "元": ("元", "money", Decimal("0.00000001")),
    "亿千瓦时": (f"亿{_KWH}|亿度", "energy", Decimal(1)),
    "万千瓦时": (f"万{_KWH}|万度", "energy", Decimal("0.0001")),
    "千瓦时": (f"{_KWH}", "energy", Decimal("0.00000001")),
    "亿千瓦": ("亿千瓦(?![·•]?时|小时)", "power", Decimal(10000)),
    "万千瓦": ("万千瓦(?![·•]?时|小时)", "power", Decimal(1)),
    "吉瓦": ("吉瓦|GW", "power", Decimal(100)),
    "兆瓦": ("兆瓦|MW", "power", Decimal("0.1")),
    "千瓦": ("千瓦(?![·•]?时|小时)", "power", Decimal("0.0001")),
    "亿吨": ("亿吨", "weight", Decimal(10000)),
    "万吨": ("万吨(?!级)", "weight", Decimal(1)),
    "吨": ("吨", "weight", Decimal("0.0001")),
    "万亿斤": ("万亿斤|兆斤", "weight", Decimal(50000)),  # 1斤 = 0.5 kg: 1亿斤 = 5万吨
    "亿斤": ("亿斤", "weight", Decimal(5)),
    "万斤": ("万斤", "weight", Decimal("0.0005")),
    "万人": ("万人(?!次)", "persons", Decimal(1)),
    "人": ("人(?!次)", "persons", Decimal("0.0001")),
    "个百分点": ("个?百分点", "pp", Decimal(1)),
    "%": ("%", "percent", Decimal(1)),
}
# counted things the table does not convert: read so that a list like 42000户、18000户 parses
_OTHER = "万亩 亩 公斤 万户 户 万人次 人次 万平方米 平方米 公里 个 家 所 场 项 座 处 条 名 套 台 辆 倍 美元 万美元 亿美元 立方米 亿立方米"
UNITS.update({u: (u, "other", Decimal(1)) for u in _OTHER.split()})
_UNIT_KEYS = sorted(UNITS, key=len, reverse=True)  # longest first: 万亩 before 亩
_UNIT_RE = "|".join(f"(?P<u{i}>{UNITS[k][0]})" for i, k in enumerate(_UNIT_KEYS))

NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_RANGE_SEP = r"(?:-|—|–|~|至|到)"
PHRASE_RE = re.compile(
    rf"(?<![\d.×xX*/])(?P<num>{NUMBER})(?![\d])"
    rf"(?:\s*(?P<pct1>%)?\s*{_RANGE_SEP}\s*(?P<num2>{NUMBER[2:]})(?![\d]))?"
    rf"\s*(?:{_UNIT_RE})?"
    r"(?P<per>/(?:年|月|人|亩|户|天|日))?\s*(?P<qual>左右|以上|以内|以下|上下|之内|内)?"
)
RATIO_RE = re.compile(rf"(?<![\d.])({NUMBER})\s*:\s*({NUMBER})\s*:\s*({NUMBER})(?![\d.])")
SEPARATORS = "、和与及"

UP = "增长|增加|提高|提升|上升|上涨|涨幅|升幅|增速|增幅|增产|(?<!新)增"
DOWN = "下降|降低|减少|回落|下滑|降幅|减幅|减产"
_FILLER = r"(?:了|为|达到?|约|近|不?超过|不高于|在|是|控制在?|保持在?|的|预期|目标定?|:|\s)*$"  # 增长的预期目标为5%
_CHANGE_RE = re.compile(rf"(?:(?P<up>{UP})|(?P<down>{DOWN})){_FILLER}")
_SHARE_RE = re.compile(r"(?<!计划的)占(?!计划)|比重")
_AT_LEAST = re.compile(r"不低于|不少于|超过|突破|达到|力争|超")
_WRITTEN_AT_LEAST = re.compile(
    r"(?:突破|超过|超|不低于|不少于|[迈跨站跃登][上过入]|跨越)(?:了|\s)*$"
)  # 迈上五千亿台阶, 跨越千亿大关
_AVERAGE = re.compile(r"年均|平均每年|累计")
_AT_MOST = re.compile(r"控制在|不超过|不高于")
QUALIFIER_SUFFIX = {
    "左右": "about",
    "上下": "about",
    "以上": "at_least",
    "以内": "at_most",
    "以下": "at_most",
    "之内": "at_most",
    "内": "at_most",
}


@dataclass(frozen=True)
class Phrase:
    """A number phrase at [start, end) of the normalised text. ``value`` is as written."""

    start: int
    end: int
    value: Decimal
    unit: str | None
    unit_class: str  # money | weight | weight_per_year | energy | power | persons | percent
    # | pp | none (no unit) | other (元, 万亩, 个…, or per-unit such as 元/人)
    factor: Decimal
    qual: str | None
    bare: bool  # no unit and followed by a separator: takes the unit of the last item in a list
    high: Decimal | None = None  # upper end of a range (5%-6%), as written


def find_phrases(text: str) -> list[Phrase]:
    """All number phrases in normalised ``text``, skipping years and dates (2023年, 5月)."""
    out = []
    for m in PHRASE_RE.finditer(text):
        unit = next((k for i, k in enumerate(_UNIT_KEYS) if m.group(f"u{i}")), None)
        nxt = text[m.end() : m.end() + 1]
        if unit is None and nxt in ("年", "月", "日", "号", "时", "季", "届", "次", "期", "版"):
            continue
        per = m.group("per")
        if unit is None:
            uclass, factor = ("other" if per else "none"), Decimal(1)
        else:
            _, uclass, factor = UNITS[unit]
            if per:
                uclass = "weight_per_year" if (unit == "万吨" and per == "/年") else "other"
        num = m.group("num").replace(",", "")
        high = m.group("num2")
        if high is not None and (m.group("pct1") and unit != "%"):
            high = None  # 5%-6万吨: not a range
        qual = m.group("qual")
        if qual == "内" and not text[m.start() - 3 : m.start()].endswith(("控制在", "在")):
            qual = None
        bare = unit is None and not per and qual is None and (nxt in SEPARATORS)
        hi = Decimal(high.replace(",", "")) if high is not None else None
        if hi is not None and hi < Decimal(num):
            continue  # 2015-2019 or a dash between unrelated numbers: not a range
        out.append(Phrase(m.start(), m.end(), Decimal(num), unit, uclass, factor, qual, bare, hi))
    return out


def measure(lead: str, phrase: Phrase) -> tuple[str, int]:
    """(measure, sign) of a phrase from the words before it.

    measure: growth | share | rate (a % level) | pp_change | level | level_change | average
    | none. sign: -1 after 下降/降低/减少…, else +1. ``提高到``/``增长至`` mark a level, not a
    change; ``年均``/``累计`` an average or a cumulative figure, which no field takes.
    """
    text = lead.replace("增加值", "").replace("新增", "")
    text = re.sub("价格(?:总水平)?指数|价格总水平", "价格涨幅", text)  # CPI控制在3%以内: a change
    if _AVERAGE.search(text):
        return "average", 1
    m = _CHANGE_RE.search(text)
    change = m is not None
    sign = -1 if (m and m.group("down")) else 1
    uc = phrase.unit_class
    if uc == "percent":
        if change:
            return "growth", sign
        return ("share" if _SHARE_RE.search(text) else "rate"), 1
    if uc == "pp":
        return ("pp_change", sign) if change else ("none", 1)
    if uc in ("none", "other"):
        return "none", 1
    return ("level_change", sign) if change else ("level", 1)


def written_qualifier(phrase: Phrase, lead: str) -> str | None:
    """The qualifier the text writes for a figure: a range, a suffix (左右, 以上…), or
    突破/超过 just before the number; None when it writes none."""
    if phrase.high is not None:
        return "range"
    if phrase.qual:
        return QUALIFIER_SUFFIX[phrase.qual]
    if _WRITTEN_AT_LEAST.search(lead):
        return "at_least"
    return None


def qualifier(phrase: Phrase, clause_head: str, sense: str) -> str:
    """range / about / at_least / at_most: a range or a suffix (左右/以上/以内) first, then
    力争/达到/突破/控制在 before the number, else the default for a target of that sense
    (higher -> at_least)."""
    if phrase.high is not None or phrase.qual:
        return written_qualifier(phrase, "")
    if _AT_MOST.search(clause_head):
        return "at_most"
    if _AT_LEAST.search(clause_head):
        return "at_least"
    return "at_least" if sense == "higher" else "at_most"


@dataclass(frozen=True)
class Enumeration:
    """``subjects 分别 verb v1、v2…``: subjects split on 、/和; phrases in the same order."""

    start: int  # start of the subject text
    end: int  # end of the last phrase
    subjects: tuple[str, ...]
    group: str  # the whole subject text
    verb: str
    phrases: tuple[Phrase, ...]


_ENUM_VERB = re.compile(
    rf"分别(?P<verb>(?:同比|比上年|较上年)?(?:实际)?(?:{UP}|{DOWN})(?:了|到|至)?|达到?了?|为|完成了?|实现了?|占|突破|超过|是)?"
)
_LIST_VERB = re.compile(  # a list without 分别; or right after 收入 (…收入44178元、25396元)
    rf"(?<!分别)(?P<verb>(?:同比)?(?:{UP}|{DOWN}))|(?<=可支配收入)(?P<bare>)(?=\s*\d)"
)
_AFTER_ITEM = re.compile(rf"(?:以上|左右|以内|以下|[{SEPARATORS}\s])*")
_THREE_SECTORS = re.compile(r"一二(三(?:次)?产)")  # 一二三产业增加值分别增长a、b、c
_SUBJECT_PREFIX = re.compile(
    r"^(?:其中|全[市省区县州]|全年|预计|20\d\d年|该(?:地区|[市省区县])|我[市省区县]|\s)+"
)


def list_at(text: str, phrases: list[Phrase], starts: list[int], pos: int) -> list[Phrase]:
    """The list of phrases starting right at ``pos`` (``a、b和c``): each item separated from the
    one before by one or two separators only; a bare item takes the unit of the last one."""
    items: list[Phrase] = []
    while (k := bisect.bisect_left(starts, pos)) < len(phrases):
        gap = text[pos : phrases[k].start].strip()
        if not items:
            ok = gap == ""
        elif gap == "":  # 4.4%5.9%5.8%: a copy that lost its 、 between percentages
            ok = items[-1].unit_class == "percent" and phrases[k].unit_class == "percent"
        else:
            ok = len(gap) <= 2 and all(c in SEPARATORS for c in gap)
        if not ok:
            break
        items.append(phrases[k])
        pos = phrases[k].end
    if len(items) < 2:
        return items
    last = items[-1]
    return [
        replace(p, unit=last.unit, unit_class=last.unit_class, factor=last.factor) if p.bare else p
        for p in items
    ]


def find_enumerations(
    text: str, phrases: list[Phrase], clause_start: Callable[[int], int], lo: int, hi: int
) -> list[Enumeration]:
    """Enumerations in ``text[lo:hi]`` (a sentence) whose numbers are among ``phrases``;
    ``clause_start(pos)`` gives the start of the clause holding ``pos``."""
    out = []
    taken: set[int] = set()  # phrases already in a list
    starts = [p.start for p in phrases]
    verbs = [(m, True) for m in _ENUM_VERB.finditer(text, lo, hi)]
    verbs += [(m, False) for m in _LIST_VERB.finditer(text, lo, hi)]
    for m, fenbie in sorted(verbs, key=lambda x: x[0].start()):
        items = list_at(text, phrases, starts, m.end())
        if len(items) < 2 or (not fenbie and items[0].start in taken):
            continue
        cs = clause_start(m.start())
        k = bisect.bisect_left(starts, m.start()) - 1
        if k >= 0 and phrases[k].end > cs:  # ``…增长7%以上、城镇和农村…分别增长a和b``
            cs = phrases[k].end + len(_AFTER_ITEM.match(text, phrases[k].end).group())
        group = text[cs : m.start()]
        stripped = _THREE_SECTORS.sub(r"一、二、\1", _SUBJECT_PREFIX.sub("", group))
        subjects = tuple(s.strip() for s in re.split(f"[{SEPARATORS}]", stripped) if s.strip())
        start = cs + (len(group) - len(group.lstrip()))
        if not fenbie and (len(subjects) != len(items) or "分别" in text[start : m.end()]):
            continue  # without 分别 only ``城镇和农村…收入增长2%和6%``: as many subjects as figures
        out.append(
            Enumeration(start, items[-1].end, subjects, group, m.group("verb") or "", tuple(items))
        )
        taken.update(p.start for p in items)
    return out


def find_ratios(text: str) -> list[tuple[int, int, tuple[Decimal, Decimal, Decimal]]]:
    """All ``a:b:c`` triples in normalised ``text`` as (start, end, values)."""
    return [
        (m.start(), m.end(), tuple(Decimal(g.replace(",", "")) for g in m.groups()))
        for m in RATIO_RE.finditer(text)
    ]
