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
    r"(?:主要|发展)(?:预期|奋斗)?目标(?:任务)?(?:是|为|如下)\s*[:：]?"
    r"|主要(?:预期)?目标\s*(?:[:：]|——)|(?:主要)?预期目标\s*(?=\n)"
)
_TARGETS_BAD = re.compile(r"(?:完成|确定的?|实现|超额|下达的?)[^。\n]{0,12}$")
_PLAN_HEAD = re.compile(
    rf"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.]|■|●)?\s*(?:{_Y}|今年)[^\n。]{{0,16}}?"
    r"(?:主要目标|预期目标|工作安排|工作任务|重点任务|政府工作的?建议|目标任务|总体要求|目标)[^\n。]{0,12}$"
)
_YEAR_TARGETS = re.compile(
    rf"{_Y}[^。\n;；]{{0,24}}?(?:主要(?:预期)?目标|预期目标)|{_Y}(?:政府)?(?:的)?(?:主要)?工作(?:安排|任务)"
)
_REVIEW_HEAD = re.compile(
    rf"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.])?[^\n。]{{0,12}}?{_Y}"
    r"(?:及“?十[三四五]五”?(?:时期)?)?(?:政府)?工作的?回顾|回[顾望]了?\s*" + _Y
)
_TITLE = re.compile(rf"{_Y}[^\n。]{{0,24}}政府工作报告|政府工作报告[(（]{_Y}")
_MEETING = re.compile(rf"{_Y}(\d{{1,2}})月\d{{1,2}}日在[^\n。]{{0,40}}(?:人民代表大会|人大)")
_YEAR_IS = re.compile(rf"{_Y}是")
_FYP = re.compile(r"“?十([三四五])五”?(?:规划)?(?:的)?(?:良好)?开局")
_AHEAD = re.compile(r"奋力|确保|努力|力争|为|开好局")
_FYP_START = {"三": 2016, "四": 2021, "五": 2026}
_DATE = re.compile(r"(20\d{2})(?:-|/|年)(\d{1,2})(?:-|/|月)\d{1,2}")
_SUBJECTISH = re.compile(r"生产总值|GDP|增长|亿元|%")
_FUTURE = re.compile(r"将(?!近)|力争|计划|预期目标|主要目标|工作安排")

_SENT = re.compile(r"[。！？!?\n]")
_CLAUSE_YEAR = re.compile(
    rf"(?:^|[，,:：\n。；;\s])\s*(?:报告指出|初步预计|预计|其中)?[，,]?\s*{_Y}(?![底末以前后初\d])"
)
_REVIEW_WORD = re.compile(r"(?:去年|过去一年|过去的一年)(?!同期)")
_PLAN_WORD = re.compile(r"(?:今年|新的一年)(?!是|以来|以前)")
_NEXT_YEAR = re.compile(r"明年(?!以后)")
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
            ev.append((5, int(m.group(1) or m.group(2)), "targets"))
    ev += [(5, int(m.group(1)), "plan heading") for m in _PLAN_HEAD.finditer(t) if m.group(1)]
    for m in _REVIEW_HEAD.finditer(t):
        ev.append((5, int(m.group(1) or m.group(2)) + 1, "review heading"))
    head = t[:300]
    ev += [(5, int(m.group(1) or m.group(2)), "title") for m in _TITLE.finditer(head)]
    for m in _MEETING.finditer(t):
        # a session held in November or December plans the next year, whatever a reposting
        # site's title says (``2020年12月23日在谷城县…会议上`` opens the 2021 report)
        late = int(m.group(2)) >= 11
        ev.append((6 if late else 4, int(m.group(1)) + late, "meeting"))
    for m in _YEAR_IS.finditer(t):
        ev.append((3, int(m.group(1)) + (m.start() < plan_start), "XXXX年是"))
    for m in _CLAUSE_YEAR.finditer(t):
        end = _SENT.search(t, m.end())
        sentence = t[m.end() : end.start() if end else len(t)]
        ahead = _FUTURE.search(sentence) or m.start() >= plan_start
        strength = 2 if _SUBJECTISH.search(sentence) else 1
        ev.append((strength, int(m.group(1)) + (not ahead), "sentence"))
    for m in _FYP.finditer(t):
        before = t[max(0, m.start() - 6) : m.start()]
        if "了" in before or ("实现" in before and not _AHEAD.search(before)):
            past = "了" in before
        else:
            past = m.start() < plan_start and not _AHEAD.search(before)
        ev.append((2, _FYP_START[m.group(1)] + past, "five-year plan"))
    for m in _DATE.finditer(t[:400]):
        if 1 <= int(m.group(2)) <= 12:
            ev.append((1, int(m.group(1)), "date"))
    return ev


def plan_start(t: str) -> int:
    """Start of the plan part: the first plan heading or targets phrase (not one that says the
    last year's targets were met), else the end of the text."""
    starts = [m.start() for m in _PLAN_HEAD.finditer(t)]
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
    if start == len(t):
        notes.append(
            "no targets part found (主要预期目标): targets are read only where a sentence names the report year"
        )
    years = Years(year, start, notes)
    late = any(what == "meeting" and s == 6 and y == year for s, y, what in ev)
    _anchors(t, years, late)
    return years


def _anchors(t: str, y: Years, late: bool = False) -> None:
    """Sentences opening on the review or report year (or 去年/今年) and the paragraph ends that
    close their scope; every named year, for ``other_year``. In a report given in November or
    December (``late``) 今年 is the year under review and 明年 the year planned."""
    marks: list[tuple[int, str | None]] = [(m.start(), None) for m in re.finditer("\n", t)]
    for m in _CLAUSE_YEAR.finditer(t):
        yr = int(m.group(1))
        part = {y.review_year: "review", y.report_year: "target"}.get(yr)
        if part:
            marks.append((m.start(1), part))
    first = t.split("\n", 1)[0]
    if len(first) <= 60 and _HEADLINE_PLAN.search(first) and not _REVIEW_WORD.search(first):
        marks.append((0, "target"))  # a headline announcing this year's targets
    review_word, plan_word = (_PLAN_WORD, _NEXT_YEAR) if late else (_REVIEW_WORD, _PLAN_WORD)
    marks += [(m.end(), "review") for m in review_word.finditer(t)]
    marks += [(m.end(), "target") for m in plan_word.finditer(t)]
    marks.sort(key=lambda x: x[0])
    y._anchor_pos = [p for p, _ in marks]
    y._anchor_part = [k for _, k in marks]
    for m in _OTHER_YEAR.finditer(t):
        y._years_pos.append(m.end())
        y._years_val.append(int(m.group(1)))
