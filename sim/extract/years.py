"""Which year a report is for, where its plan for that year begins, and which part each sentence
belongs to, all read from the text's own phrases (normalised text, see normalise.py).

Evidence for the report year, strongest first (a report reviews ``year - 1`` and plans ``year``):

5. the plan's opening (``2024年主要目标和任务``, ``2023年经济社会发展的主要预期目标是``), a plan
   heading (``2019年工作安排``), the review's opening (``一、2023年工作回顾``, ``回顾2023年``) and
   a title (``2020年遵义市人民政府工作报告``);
4. the line giving the meeting (``2019年1月12日在六盘水市第八届人民代表大会…上``); a session
   held in November or December plans the next year and outranks every other clue;
3. ``XXXX年是…`` (the review year before the plan begins, the report year after it);
2. a sentence opening on a year and stating figures (news: ``2019年，成都实现地区生产总值…``),
   and the five-year plan's first year (``实现“十四五”良好开局``);
1. a page date (``2018-01-24``).

The highest level with evidence decides; years found at that level that disagree are noted.
The plan begins at the first plan opening or plan heading; before it is the review. A sentence
opening on the review year (or 去年/过去一年) or the report year (or 今年) overrides its position
until the end of its paragraph, so a news page that mixes both is read right.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

_Y = r"(20\d{2})\s*年"
_TARGETS = re.compile(
    r"(?:主要|发展)(?:预期|奋斗)?目标(?:任务)?(?:是|为|如下)\s*[:：]?|发展预期目标\s*[,，]"
    r"|(?<=报告)[^。\n]{0,30}?(?:安排部署|工作安排)[^。\n]{0,6}?提出\s*[:：]"  # 报告对全年工作进行安排部署,并提出:
    r"|(?<=目标)[^。“”\n]{0,12}[！!。:：]\s*“(?=[^”\n]{0,12}\d)"  # 明确目标，再出发！“生产总值增长6%…”
    r"|展望(?:未来|新的一年|今年|20\d\d\s*年)[，,:：]"
    r"|主要(?:预期)?目标\s*(?:[:：]|——)|(?:主要)?预期目标\s*(?=\n)"
    r"|主要预期(?:经济)?(?:和|与)?社会(?:发展)?目标\s*[:：]"  # 主要预期经济和社会目标:
)
_TARGETS_BAD = re.compile(r"(?:完成|确定的?|实现|超额|下达的?)[^。\n]{0,12}$")
_PLAN_HEAD = re.compile(
    rf"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.]|■|●)?\s*(?:{_Y}|今年)[^\n。]{{0,16}}?"
    r"(?:主要目标|预期目标|工作安排|工作任务|重点任务|政府工作的?建议|目标任务|总体要求|目标)[^\n。]{0,12}$"
)
_PLAN_HEAD_NUMBERED = re.compile(  # 二、奋进2023年：矢志赶超、开创新局 (not the first part)
    rf"(?m)^[ \t]*[二三四五六七八九]、(?![^\n]*(?:回顾|过去|成就|成绩|总结|十[三四五]五))"
    rf"[^\n。\d]{{0,8}}{_Y}[^\n。]{{0,24}}(?<![;；、,，])$"  # not a contents line (…;)
)
# an infographic page's headings with the year bare (2021重点回顾 … 2022主要任务)
_BARE_PLAN = re.compile(r"(?<![\d.])(20\d{2})(?=主要任务|重点任务|主要目标|预期目标)")
_BARE_REVIEW = re.compile(
    r"(?<![\d.])(20\d{2})(?=重点回顾|工作回顾)|(?<=回顾)(20\d{2})(?![\d年.%])"
)
# a news page on a year's sessions (聚焦2023内蒙古两会): they meet early in the year they plan
_SESSIONS_OF = re.compile(r"(?<![\d.])(20\d{2})\s*年?(?:全国|[^\d\s。，,:：]{1,6})?两会")
_YEAR_TARGETS = re.compile(  # not across a review or a five-year plan (2025年工作回顾,“十五五”时期主要目标)
    rf"{_Y}(?:(?!回顾|十[三四五]五|实现|完成|超额)[^。\n;；]){{0,24}}?(?:主要(?:预期)?目标|预期目标|增长目标)"
    rf"|{_Y}(?:政府)?(?:的)?(?:主要|重点)?工作(?:安排|任务)|{_Y}重点工作"
)
_REVIEW_HEAD = re.compile(
    rf"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.])?[^\n。]{{0,12}}?{_Y}"
    r"(?:[及和]“?十[三四五]五”?(?:时期)?)?(?:政府)?工作的?回顾"
    r"|^[^\n。]{0,12}?"
    + _Y
    + r"工作[及和]“?十[三四五]五”?(?:发展)?回顾"  # 2020年工作和十三五发展回顾
    + r"|回[顾望]了?\s*"
    + _Y
    + rf"|一、\s*{_Y}(?:政府)?工作的?回顾"  # inline, in a copy that lost its line breaks
    + rf"|{_Y}(?:的)?工作(?:进行了?|作了?)(?:全面)?回顾|过去的\s*{_Y}"  # news: 报告对2019年工作进行了回顾
)
_NAMED_YEAR = re.compile(rf"(今年|明年|去年)[(（]\s*{_Y}\s*[)）]")  # 今年(2024年)
# ``今年是“十三五”规划收官之年`` = 2020; ``“十三五”圆满收官`` looks back: the report is for 2021
_FYP_CLOSE = re.compile(r"“?十([三四五])五”?(?:规划)?(?:的)?(圆满|胜利|顺利|完美|全面)?收官")
_TITLE = re.compile(rf"{_Y}[^\n。]{{0,24}}政府工作报告|政府工作报告[(（]{_Y}")
_MEETING = re.compile(rf"{_Y}(\d{{1,2}})月\d{{1,2}}日在[^。]{{0,40}}(?:人民代表大会|人大)")
_MEETING_NEWS = re.compile(  # 2022年4月8日上午,南京市十六届人大五次会议开幕
    rf"{_Y}(\d{{1,2}})月\d{{1,2}}日(?:上午|下午|晚)?[,，]?[^。\n]{{0,24}}?(?:人民代表大会|人大)"
    r"[^。\n]{0,16}?会议(?:开幕|召开|隆重开幕)"
)
_MEETING_AFTER = re.compile(  # ——在…人民代表大会第四次会议上 县长某某 (2020年1月8日)
    rf"(?:人民代表大会|人大)[^\n。(（]{{0,20}}会议上[^\n。(（]{{0,16}}[(（]{_Y}(\d{{1,2}})月\d{{1,2}}日[)）]"
)
_LEAD_IN = 300  # characters a 'XXXX年是…' sentence may run before the plan it leads into
_FIGURE = re.compile(r"\d\s*(?:%|亿|万|元)")  # a figure, not 40周年
_YEAR_IS = re.compile(rf"{_Y}[，,]?\s*是")
_FYP = re.compile(r"“?十([三四五])五”?(?:规划)?(?:的)?(?:良好)?开局")
_AHEAD = re.compile(r"奋力|确保|努力|力争|为|开好局")
_FYP_START = {"三": 2016, "四": 2021, "五": 2026}
_SESSION = re.compile(r"人民代表大会|人大|政府工作报告|两会")
_NEWS_REVIEW = re.compile(rf"{_Y}[^。，,]{{0,10}}?(?:交出?(?:的)?答卷|“?成绩单)")
_NEWS_PLAN = re.compile(rf"{_Y}[^。\n，,]{{0,8}}(?:“?新目标|任务书|预期增长)")
_DATE = re.compile(r"(20\d{2})(?:-|/|年)(\d{1,2})(?:-|/|月)\d{1,2}")
_SUBJECTISH = re.compile(r"生产总值|GDP|增长|亿元|%")
# a sentence that looks back, even in the plan part
_PAST = re.compile(r"了|交出|截至|以来")
_FUTURE = re.compile(r"将(?!近)|力争|计划|预期目标|主要目标|工作安排")

_SENT = re.compile(r"[。！？!?\n]")
_CLAUSE_YEAR = re.compile(
    rf"(?:^|[，,:：\n。；;\s])\s*(?:报告指出|初步预计|预计|其中)?[，,]?\s*{_Y}(?![底末以前后初\d])"
)
_REVIEW_WORD = re.compile(r"(?:去年|过去一年|过去的一年)(?!同期)")
_PLAN_WORD = re.compile(r"(?:今年|新的一年)(?!是|以来|以前)")
_LOOKING_BACK = re.compile(  # 20年来 / 建区以来 in the plan's preamble: levels reached so far
    r"(?:\d+|[一二三四五六七八九十两]+)年来|(?:建区|建市|建县|设市|设区|建州|成立)以来"
)
_NEXT_YEAR = re.compile(r"明年(?!以后)")
_AHEAD_WORDS = r"将(?!近)|力争|计划|预期|目标|确保|努力|争取|要"
_AHEAD_AT = re.compile(rf"(?=(?:{_AHEAD_WORDS}))")  # every place one starts, overlaps too
# 地区生产总值预期目标增长6%左右 (an infographic line): a target wherever it stands, not after
# 高于/完成 (高于预期目标0.5个百分点, 完成预期目标增长…: the review)
_TARGET_WORD = re.compile(
    r"(?:预期|主要)目标(?=(?:为|是)?\s*(?:增长|下降|降低|提高|控制在|达到)\s*\d)"
)
_TARGET_WORD_BAD = re.compile(r"(?:高于|低于|超过|超出|完成|实现|达到|好于)[^，,。；;\n]{0,6}$")
_HEADLINE_PLAN = re.compile(r"今年|预期目标|主要目标")
_OTHER_YEAR = re.compile(rf"{_Y}(?:的|底|末|以来|起)?")


@dataclass
class Years:
    """The report year, where the plan begins, and the part each position belongs to."""

    report_year: int
    plan_start: int
    notes: list[str] = field(default_factory=list)
    _anchor_pos: list[int] = field(default_factory=list)
    _anchor_part: list[str | None] = field(default_factory=list)
    _years_pos: list[int] = field(default_factory=list)
    _years_val: list[int] = field(default_factory=list)

    @property
    def review_year(self) -> int:
        return self.report_year - 1

    def part(self, pos: int) -> str:
        """``review`` or ``target`` for the figure at ``pos``."""
        i = bisect.bisect_right(self._anchor_pos, pos) - 1
        if i >= 0 and self._anchor_part[i] is not None:
            return self._anchor_part[i]
        return "target" if pos >= self.plan_start else "review"

    def other_year(self, clause_start: int, pos: int, part: str) -> bool:
        """True when a year other than the part's own is named in the clause before ``pos``
        (``从2011年的…``, ``到2025年``): the figure is for that year, not this report's."""
        i = bisect.bisect_right(self._years_pos, pos) - 1
        if i < 0 or self._years_pos[i] < clause_start:
            return False
        own = self.review_year if part == "review" else self.report_year
        return self._years_val[i] != own


def _evidence(t: str, plan_start: int) -> list[tuple[int, int, str]]:
    """(strength, report year, what) for every clue in the text."""
    ev: list[tuple[int, int, str]] = []
    for m in _YEAR_TARGETS.finditer(t):
        if not _TARGETS_BAD.search(t[max(0, m.start() - 20) : m.start()]):
            ev.append((5, int(next(g for g in m.groups() if g)), "targets"))
    ev += [(5, int(m.group(1)), "plan heading") for m in _PLAN_HEAD.finditer(t) if m.group(1)]
    ev += [(5, int(m.group(1)), "plan heading") for m in _PLAN_HEAD_NUMBERED.finditer(t)]
    ev += [(5, int(m.group(1)), "plan heading") for m in _BARE_PLAN.finditer(t)]
    ev += [
        (5, int(m.group(1) or m.group(2)) + 1, "review heading") for m in _BARE_REVIEW.finditer(t)
    ]
    ev += [(4, int(m.group(1)), "sessions") for m in _SESSIONS_OF.finditer(t)]
    for m in _REVIEW_HEAD.finditer(t):
        ev.append((5, int(next(g for g in m.groups() if g)) + 1, "review heading"))
    head = t[:300]
    # a title may be a reposting site's, named for the year reviewed: below the text's own
    ev += [(4, int(m.group(1) or m.group(2)), "title") for m in _TITLE.finditer(head)]
    for m in [*_MEETING.finditer(t), *_MEETING_AFTER.finditer(t), *_MEETING_NEWS.finditer(t)]:
        # the session's date decides, whatever a reposting site's title says; a session held
        # in November or December plans the next year (``2020年12月23日在谷城县…会议上``)
        y, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        late = int(month) >= 11
        ev.append((6, int(y) + late, "late meeting" if late else "meeting"))
    for m in _NAMED_YEAR.finditer(t):
        word, y = m.group(1), int(m.group(2))
        ev.append((5, y + (word == "去年"), "named year"))
    for m in _FYP_CLOSE.finditer(t):
        window = t[max(0, m.start() - 120) : m.start()]
        sentence = window[max(window.rfind(c) for c in "。！？\n") + 1 :]
        if m.group(2) or "今年" in sentence:
            ev.append((2, _FYP_START[m.group(1)] + 4 + bool(m.group(2)), "five-year plan"))
    for m in _YEAR_IS.finditer(t):
        between = t[m.end() : plan_start] if plan_start - m.end() <= _LEAD_IN else "\n"
        # 2018年是…的开局之年。今年…主要预期目标是: nothing reviewed before the plan opens
        leads_in = "\n" not in between and not _FIGURE.search(between)
        ev.append((3, int(m.group(1)) + (m.start() < plan_start and not leads_in), "XXXX年是"))
    for m in _CLAUSE_YEAR.finditer(t):
        end = _SENT.search(t, m.end())
        sentence = t[m.end() : end.start() if end else len(t)]
        ahead = _FUTURE.search(sentence) or (m.start() >= plan_start and not _PAST.search(sentence))
        strength = 2 if _SUBJECTISH.search(sentence) or not ahead else 1
        ev.append((strength, int(m.group(1)) + (not ahead), "sentence"))
    for m in _FYP.finditer(t):
        before = t[max(0, m.start() - 6) : m.start()]
        if "了" in before or ("实现" in before and not _AHEAD.search(before)):
            past = "了" in before
        else:
            past = m.start() < plan_start and not _AHEAD.search(before)
        ev.append((2, _FYP_START[m.group(1)] + past, "five-year plan"))
    # a news page dated in the months sessions meet, about the session or its report: its year
    session = _SESSION.search(t[:800]) is not None
    for m in _DATE.finditer(t[:400]):
        month = int(m.group(2))
        if 1 <= month <= 12:
            ev.append((3 if session and month <= 3 else 1, int(m.group(1)), "date"))
    for m in _NEWS_REVIEW.finditer(t):  # 2020年湖南交答卷 / 2025年“成绩单”
        ev.append((4, int(m.group(1)) + 1, "news review"))
    for m in _NEWS_PLAN.finditer(t):  # 2026年“新目标” / 2020年北京GDP预期增长6%左右
        ev.append((4, int(m.group(1)), "news plan"))
    return ev


_HEADING_LINE = re.compile(
    r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+)"
)
_CONTENTS = re.compile(r"提纲|目录")


def _in_contents(t: str, m: re.Match, last: dict[str, int]) -> bool:
    """A heading that stands again later in the text (``last``: each heading's last start), or
    in a run of headings: a line of the contents (提纲), not the part itself."""
    line = m.group().strip()
    if len(line) >= 6 and last.get(line, -1) > m.start():
        return True
    before = t[max(0, m.start() - 200) : m.start()].rstrip().rsplit("\n", 1)[-1].strip()
    after = t[m.end() : m.end() + 200].lstrip().split("\n", 1)[0].strip()
    # a run of headings with no text between them (二、…\n三、2026年工作安排\n(一)…)
    return bool(_HEADING_LINE.match(after)) and bool(
        _HEADING_LINE.match(before) or _CONTENTS.search(before)
    )


def plan_start(t: str, year: int | None = None) -> int:
    """Start of the plan part: the first plan heading (not a contents line) or targets phrase
    (not one that says the last year's targets were met), or once the report ``year`` is known
    the first ``<year>年…预期目标``, else the end of the text."""
    heads = [*_PLAN_HEAD.finditer(t), *_PLAN_HEAD_NUMBERED.finditer(t)]
    last = {m.group().strip(): m.start() for m in sorted(heads, key=lambda m: m.start())}
    starts = [m.start() for m in heads if not _in_contents(t, m, last)]
    starts += [m.start() for m in _BARE_PLAN.finditer(t)][:1]
    if year is not None:
        for m in _YEAR_TARGETS.finditer(t):
            bad = _TARGETS_BAD.search(t[max(0, m.start() - 20) : m.start()])
            if m.group(1) and int(m.group(1)) == year and not bad:  # 预期目标, not a heading
                starts.append(m.start())
                break
    for m in _TARGETS.finditer(t):
        if not _TARGETS_BAD.search(t[max(0, m.start() - 20) : m.start()]):
            starts.append(m.start())
            break
    return min(starts, default=len(t))


def detect_years(t: str, fallback: int | None = None) -> Years:
    """Read the report year and the parts from normalised text ``t``; ``fallback`` is used only
    when the text states no year. Raises ValueError when there is neither."""
    start = plan_start(t)
    ev = _evidence(t, start)
    notes: list[str] = []
    if ev:
        top = max(s for s, _, _ in ev)
        counts = Counter(y for s, y, _ in ev if s == top)
        year = max(counts, key=lambda y: (counts[y], y))
        if len(counts) > 1:
            others = ", ".join(str(y) for y in sorted(counts) if y != year)
            notes.append(f"the text also points to report year {others}; using {year}")
        if fallback is not None and fallback != year:
            notes.append(f"the text says the report year is {year}, not {fallback}; using {year}")
    elif fallback is not None:
        year = fallback
    else:
        raise ValueError(
            "cannot find the report year in the text (no '2024年主要目标', '2023年工作回顾', "
            "title or meeting date): give the report year explicitly"
        )
    start = plan_start(t, year)
    if start == len(t):
        notes.append(
            "no targets part found (主要预期目标): targets are read only where a sentence names the report year"
        )
    years = Years(year, start, notes)
    late = any(what == "late meeting" and y == year for _, y, what in ev)
    _anchors(t, years, late)
    return years


def _anchors(t: str, y: Years, late: bool = False) -> None:
    """Sentences opening on the review or report year (or 去年/今年) and the paragraph ends that
    close their scope; every named year, for ``other_year``. In a report given in November or
    December (``late``) 今年 is the year under review and 明年 the year planned."""
    marks: list[tuple[int, str | None]] = [(m.start(), None) for m in re.finditer("\n", t)]
    for m in _CLAUSE_YEAR.finditer(t):
        yr = int(m.group(1))
        # a sentence opening on another year (2021年，全市地区生产总值835.37亿元) is that year's
        part = {y.review_year: "review", y.report_year: "target"}.get(yr, "other")
        marks.append((m.start(1), part))
    first = t.split("\n", 1)[0]
    if len(first) <= 60 and _HEADLINE_PLAN.search(first) and not _REVIEW_WORD.search(first):
        marks.append((0, "target"))  # a headline announcing this year's targets
    review_word, plan_word = (_PLAN_WORD, _NEXT_YEAR) if late else (_REVIEW_WORD, _PLAN_WORD)
    marks += [(m.end(), "review") for m in review_word.finditer(t)]
    review_head = next(_REVIEW_HEAD.finditer(t), None)
    # sorted positions, searched by bisection: a scan per 今年 to its sentence end is quadratic
    sent_ends = [m.start() for m in _SENT.finditer(t)]
    ahead = [m.start() for m in _AHEAD_AT.finditer(t)]
    newlines = [m.start() for m in re.finditer("\n", t)]
    for m in plan_word.finditer(t):
        # 一、2022年工作回顾 … 今年继续保持较快增长 (a report written as the year ends): inside a
        # review part 今年 is the year under review unless its sentence looks ahead
        if not late and review_head and review_head.end() <= m.start() < y.plan_start:
            k = bisect.bisect_left(sent_ends, m.end())
            end = sent_ends[k] if k < len(sent_ends) else len(t)
            a = bisect.bisect_left(ahead, m.end())
            if not (a < len(ahead) and ahead[a] < end):
                continue
        marks.append((m.end(), "target"))
    marks += [(m.end(), "review") for m in _LOOKING_BACK.finditer(t)]
    for m in _TARGET_WORD.finditer(t):
        if not _TARGET_WORD_BAD.search(t[max(0, m.start() - 12) : m.start()]):
            k = bisect.bisect_left(newlines, m.start()) - 1
            marks.append((newlines[k] + 1 if k >= 0 else 0, "target"))
    marks.sort(key=lambda x: x[0])
    y._anchor_pos = [p for p, _ in marks]
    y._anchor_part = [k for _, k in marks]
    for m in _OTHER_YEAR.finditer(t):
        y._years_pos.append(m.end())
        y._years_val.append(int(m.group(1)))
