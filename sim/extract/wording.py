"""The words of a report that stand around its figures, for the reader (report.py): sentence and
clause marks, the bare predicates that may stand between a subject and its figure (增长, 比上年,
总量居全省第三…), and the markers that make a figure an estimate, a second reading, a margin,
a sum over years or a share of another total; and the words naming two series at once (城乡)."""

from __future__ import annotations

import bisect
import re

from . import fields as F
from .grammar import DOWN, UP, Enumeration, Phrase

SENTENCE = re.compile(r"[。！？；;!?\n]")
PERIOD = re.compile(r"[。！？!?\n]")
CLAUSE = re.compile(r"，|(?<!\d),|,(?!\d)|(?<!\d):|:(?!\d)")
ESTIMATE = re.compile(r"预计|预测|初步测算")
_OUTCOME = r"(?:全年|全市|全区|全县|全省)?[，,\s]*(?:完成|实现)"
OUTCOME_ITEM = re.compile(rf"[；;]\s*{_OUTCOME}")
OUTCOME_OPEN = re.compile(rf"(?:{ESTIMATE.pattern})\s*{_OUTCOME}")
ESTIMATE_ON = re.compile(r"预计数?[,，\s]*(?:同比[,，\s]*)?下同")  # (预计,同比,下同)
# what may stand before a 预计 that opens its sentence (据统计, 2024年末, 全区, 主要指标…): a
# time, a place or a list's name; any other noun (农林牧渔业总产值预计…) makes it its item's alone
ESTIMATE_OPENER = re.compile(
    r"[^\w]*(?:据统计|经?初步(?:测算|统计)?|全年|全[市区县省州盟旗]|[\u4e00-\u9fff]{0,4}\d{4}年(?:末|底)?"
    r"|主要(?:经济)?指标(?:增幅|增速)?|\s)*"
)
SHARE_OF = re.compile(r"占(?:全市|全省|全县|全区|全国)?$")
CUMULATIVE = re.compile(r"累计|年均|\d+年来|[五十]年来")
MARGIN = re.compile(r"超额|超出(?:年度|全年)?(?:任务|目标|计划)")
# a sentence opening on a zone inside the region (天易经开区实现…；完成地区生产总值430亿元；…):
# its figures are the zone's, not the region's
SUB_AREA = re.compile(
    r"[ \t—-]*(?P<name>[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|经济开发区|经开区|高新区|开发区|工业园区|产业园区?"
    r"|综保区|片区))(?=实现|完成|GDP|地区生产总值|规模|规上|[，,])"
)
APPROACH = re.compile(
    r"(?:趋近|逼近)$"
)  # 收入趋近百亿元: a milestone not reached (接近6万亿元 reads as about)
SINCE_YEAR = re.compile(r"(?:比|较|与)(20\d\d)\s*年(?:末|底)?(?:相比)?")  # 比2016年增长35.2%
TASK = re.compile(r"任务$")  # 调增固定资产投资任务200亿元: the task set, not the outcome
# 500万元以上固定资产投资 / 5000万元以上项目: the size a statistic counts from, not a figure
SCOPE_AFTER = re.compile(r"的?(?:项目|固定资产|工业|企业|产业|投资|重点|重大|在建)")
SUBSECTION = re.compile(r"(?m)^[ \t]*[(（][一二三四五六七八九十]+[)）]")
PART = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+、")
ITEM_END = re.compile(r"[。！？!?\n；;]")
CLAUSE_MARK = re.compile(r"[。！？!?\n；;，,]")
CHANGE = re.compile(rf"{UP}|{DOWN}")
BASIS_REACH = 60  # characters before a figure (or its subject) where 同口径/剔除/累计 can stand
SECOND_BASIS = re.compile(r"同口径|可比口径|剔除|扣除|按可比口径")
BACK = 3  # clauses a bare predicate may reach back for its subject (，占比…，提高…)
BOTH = re.compile(r"均(?:同比)?(?:增长|提高)")
AVERAGE = re.compile(r"平均(?:增速|增长|增幅)")  # not 失业率平均为5.1% (the year's mean rate)
FROM = re.compile(
    r"[由从](?:20\d\d年(?:底|末)?的?)?$"
)  # 由1090亿元增加到1909亿元, 从557.55亿元: the figure it started from
# 超过年初…会议上提出的当年地区生产总值增长8.5%: last year's target named in the review
TARGET_NAMED = re.compile(r"(?:提出|确定|下达|制定)的(?:当年|年度|全年)?$")
PAIR_SUBJECT = re.compile(
    r"城乡(?:常住)?居民(?:人均)?(?:可支配)?收入(?:分别)?(?:为|达到?|是|(?:实际)?增长|提高)?"
)
PREDICATE = re.compile(
    r"占计划的|其中|同比|比上年|较上年|比去年|全年|年均|分别|均|预计|力争|约|近|超过|达到|达|完成|实现|为|是|"
    r"增长|增加|提高|提升|上升|上涨|下降|降低|减少|回落|占比|占|比重|涨幅|增速|增幅|保持在?|"
    r"突破|以上|左右|到|至|了|和|全市|累计|增产|减产|再|又|总产量|总产|产量|同口径|按?可比口径|可比|总量|"
    r"[(（](?:预计数?|初步核算数?)?\s*下同[)）]|[(（]预计数?[)）]|自然|超额完成(?:年度|全年)?(?:任务|目标|计划)?|净增加?|大关|(?:新)?台阶|关口|历史(?:上)?首次|首次|"
    r"(?:稳居|位居|居于?|排名?|位列|列)?[^，,。；;、\d]{0,12}?(?:第[一二三四五六七八九十]+位?|前列|首位|前茅)|"
    r"按(?:可比|不变)价(?:格)?计算|初步核算|(?:增长)?目标(?:为|是|定在)|定在|将(?!近)|率先|20\d\d年(?:底|末)?|"
    r"在[^，,。；;\d]{0,12}(?:情况|背景|形势)下|在全[省国市区][^，,。；;\d]{0,8}中|"  # 在大幅减税降费情况下增长1.5%
    r"[、,，:\s]"
)


def predicate_only(s: str) -> bool:
    return PREDICATE.sub("", s) == ""


def outside_blockers(subj: list) -> list:
    """Drop field subjects that begin inside a blocker (生产性服务业增加值: not 服务业增加值)."""
    blocks = sorted((a, b) for a, b, s in subj if not s.fields)
    starts = [a for a, _ in blocks]
    out = []
    for a, b, s in subj:
        i = bisect.bisect_left(starts, a) - 1  # a blocker starting strictly before this subject
        if s.fields and i >= 0 and blocks[i][1] > a:
            continue
        out.append((a, b, s))
    return out


def before(marks: list[int], pos: int) -> int:
    """The last of the sorted ``marks`` before ``pos``, or -1."""
    k = bisect.bisect_left(marks, pos) - 1
    return marks[k] if k >= 0 else -1


def pair_list(start: int, subject: str, items: list[Phrase]) -> Enumeration:
    """One subject naming two series followed by their two figures, as a list."""
    return Enumeration(start, items[-1].end, (subject,), subject, "", tuple(items))


def expand_pairs(subjects: tuple[str, ...], n: int) -> tuple[str, ...]:
    """One subject naming two series (城乡…) with two values: one subject per series."""
    if len(subjects) == 1 and n == 2:
        for word, (a, b) in F.PAIRS.items():
            if word in subjects[0]:
                return (subjects[0].replace(word, a), subjects[0].replace(word, b))
    return subjects
