"""From the reader's hits to an Extraction: one value per field, or every reading when they
differ (ambiguous), the missing required fields, the source line of each figure, and the words
nearest to each row the model needs but the report does not give."""

from __future__ import annotations

import bisect
import re

from . import fields as F
from .normalise import Normalised
from .results import QUALIFIER_NOTE, Candidate, Extraction, Figure, Target

_HEADING = re.compile(r"(?m)^[ \t]*([一二三四五六七八九十]+、[^\n。]{1,30})")
_TITLE = re.compile(r"\s*(?:——)?((?<=——)[^。\n]{1,30}|\([一二三四五六七八九十]+\)[^。\n]{1,40})。")
_CONTEXT = {  # where to look for the words nearest to a row the model needs
    "GDP": re.compile(r"地区生产总值|生产总值|GDP|经济总量"),
    "Share|Primary": re.compile(r"三次产业|产业结构|第一产业|一产"),
    "Share|Secondary": re.compile(r"三次产业|产业结构|第二产业|二产"),
    "Share|Tertiary": re.compile(r"三次产业|产业结构|第三产业|三产|服务业"),
}


class _Sources:
    """``<region> <year> government work report (政府工作报告), section <heading> — <title>``,
    heading and title copied from the original text; headings found once."""

    def __init__(self, norm: Normalised, region: str, year: int):
        self.norm, self.region, self.year = norm, region, year
        self.heads = [m.span(1) for m in _HEADING.finditer(norm.text)]
        self.starts = [a for a, _ in self.heads]

    def __call__(self, pos: int, qual: str | None) -> str:
        text = self.norm.text
        src = f"{self.region} {self.year} government work report (政府工作报告)"
        i = bisect.bisect_left(self.starts, pos) - 1
        if i >= 0:
            src += f", section {self.norm.quote(*self.heads[i])[0]}"
        para = text.rfind("\n", 0, pos) + 1
        m = _TITLE.match(text, para)
        if m:
            src += f" — {self.norm.quote(*m.span(1))[0]}"
        if qual:
            src += f"; {QUALIFIER_NOTE[qual]}"
        return src


def _context(norm: Normalised, pattern: re.Pattern[str], plan_start: int) -> str:
    """The review sentence that first names the pattern (original text), or ''."""
    t = norm.text
    m = pattern.search(t, 0, plan_start)
    if not m:
        return ""
    a = max(t.rfind("。", 0, m.start()), t.rfind("\n", 0, m.start())) + 1
    ends = [e for e in (t.find("。", m.end()), t.find("\n", m.end())) if e >= 0]
    b = min([*ends, len(t)])
    return norm.quote(a, min(b + 1, a + 200, len(t)))[0]


def _drop_thresholds(found: list) -> list:
    """``突破3万亿元，达到30256.8亿元``: a bound written before the figure itself (突破/超过/迈上,
    以上/以内) is dropped when a plain figure (or one 左右) for the same field agrees with it
    (``迈上五千亿台阶，预计达到5800亿元左右``)."""
    plain = [h.value for h in found if h.qualifier in (None, "about")]
    if not plain or len(plain) == len(found):
        return found
    lo, hi = min(plain), max(plain)
    bounds = [h for h in found if h.qualifier not in (None, "about")]
    agree = all(
        (h.qualifier == "at_least" and h.value <= lo)
        or (h.qualifier == "at_most" and h.value >= hi)
        for h in bounds
    )
    return [h for h in found if h.qualifier in (None, "about")] if agree else found


def assemble(norm: Normalised, years, hits: dict, region: str) -> Extraction:
    year = years.report_year
    ex = Extraction(
        region=region,
        report_year=year,
        notes=list(years.notes),
        source=f"{region} {year} government work report (政府工作报告)",
    )
    sources = _Sources(norm, region, year)
    for field in F.all_fields():
        for section in ("review", "target"):
            role = field.review if section == "review" else field.target
            if role is None:
                continue
            key = f"review:{field.variable}" if section == "review" else f"target:{field.key}"
            found = hits.get(key, [])
            if not found:
                if role == F.REQ:
                    ex.missing.append(key)
                continue
            if section == "review":
                found = _drop_thresholds(found)
                found = [h for h in found if not h.detail] or found  # the headline paragraph's
            headline = [h for h in found if not h.second_basis]
            found = headline or found  # 下降2%(剔除减税降费因素同口径增长9.2%): the headline
            cands: dict[tuple, Candidate] = {}
            for h in found:
                quote, pos = norm.quote(h.start, h.end)
                ident = (round(h.value, 9), None if h.high is None else round(h.high, 9), pos)
                cands.setdefault(ident, Candidate(h.value, quote, pos, h.high))
            if len({(v, hi) for v, hi, _ in cands}) > 1:
                ex.ambiguous[key] = list(cands.values())
                continue
            h, c = found[0], next(iter(cands.values()))
            kinds = {x.kind for x in found}
            kind = "estimate" if "estimate" in kinds else h.kind
            quals = [x.qualifier for x in found if x.qualifier]
            qual = quals[0] if quals else None
            if section == "review":
                ex.figures.append(
                    Figure(
                        field.variable,
                        h.value,
                        field.unit,
                        year - 1,
                        kind,
                        c.quote,
                        c.position,
                        sources(h.start, qual),
                        qual,
                        h.high,
                    )
                )
            else:
                ex.targets.append(
                    Target(
                        field.key,
                        field.variable,
                        field.label_zh,
                        field.label_en,
                        h.value,
                        field.unit,
                        qual or "about",
                        field.sense,
                        field.covered,
                        c.quote,
                        c.position,
                        high=h.high,
                    )
                )
    have = {f.variable for f in ex.figures}
    for var, pattern in _CONTEXT.items():
        if var not in have:
            ex.contexts[var] = _context(norm, pattern, years.plan_start)
    return ex
