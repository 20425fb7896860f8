"""Read a government work report: grammar (grammar.py) + field table (fields.py) -> Extraction.

The report is cut into two parts: the review of last year (before the heading of this year's
targets, e.g. ``二、2024年主要目标和重点任务``, or the sentence ``主要预期目标是：``) and the plan for
this year (from there on). Each part is cut into sentences (。；！？ and line ends) and clauses
(，and colons). In a sentence, three readers run in turn, each claiming its numbers:

1. structure ratios ``三次产业结构…a:b:c`` (the last triple after 调整为/优化为 wins);
2. enumerations ``X、Y、Z分别增长a、b、c``, item i of the subjects matched against the table;
3. every other number: its subject is the nearest keyword before it in its clause; a clause
   that starts with a bare predicate (``，占比63.7%``) takes the subject of the clause before.

The subject plus the number's measure (level in a unit, growth, share, rate) select one field.
A field found with two different values is ambiguous and reported with every quote; a required
field not found is reported missing. Nothing is guessed.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import fields as F
from .grammar import Phrase, find_enumerations, find_phrases, find_ratios, measure, qualifier
from .normalise import Normalised, normalise
from .results import QUALIFIER_NOTE, Candidate, Extraction, Figure, Target

_SENTENCE = re.compile(r"[。！？；;!?\n]")
_CLAUSE = re.compile(r"，|(?<!\d),|,(?!\d)|(?<!\d):|:(?!\d)")
_REVIEW_HEAD = re.compile(
    r"(?m)^[ \t]*[一二三四五六七八九十]+、\s*(20\d{2})年[^\n。]{0,12}?工作回顾"
)
_PLAN_HEAD = re.compile(
    r"(?m)^[ \t]*[一二三四五六七八九十]+、\s*(20\d{2})年[^\n。]{0,20}?(?:目标|任务|安排)"
)
_TARGETS = re.compile(r"(?:(20\d{2})年[^。\n:]{0,20}?)?主要(?:预期)?目标(?:是|为)?:")
_HEADING = re.compile(r"(?m)^[ \t]*([一二三四五六七八九十]+、[^\n。]{1,30})")
_TITLE = re.compile(r"\s*(?:——)?((?<=——)[^。\n]{1,30}|\([一二三四五六七八九十]+\)[^。\n]{1,40})。")
_PREDICATE = re.compile(
    r"其中|同比|比上年|较上年|比去年|全年|年均|分别|均|预计|力争|约|近|超过|达到|达|完成|实现|为|是|"
    r"增长|增加|提高|提升|上升|上涨|下降|降低|减少|回落|占比|占|比重|涨幅|增速|增幅|降幅|保持在?|"
    r"突破|以上|左右|到|至|了|和|全市|累计|[、,，:\s]"
)


@dataclass(frozen=True)
class _Hit:
    field: F.Field
    section: str  # review | target
    value: float
    start: int  # normalised span of the quote
    end: int
    kind: str
    qualifier: str | None


def _key(field: F.Field, section: str) -> str:
    return f"review:{field.variable}" if section == "review" else f"target:{field.key}"


def _role(field: F.Field, section: str) -> str | None:
    return field.review if section == "review" else field.target


def detect_years(text: str, fallback: int | None) -> tuple[int, int, list[str]]:
    """(report year, start of the plan part, notes) from normalised text.

    The year comes from the plan heading (``二、2024年主要目标…``), else the targets sentence
    (``2024年…主要预期目标是：``), else the review heading (``一、2023年…工作回顾`` + 1), else
    ``fallback``. Raises ValueError when there is none.
    """
    notes: list[str] = []
    review = _REVIEW_HEAD.search(text)
    plan = next(
        (m for m in _PLAN_HEAD.finditer(text) if not _REVIEW_HEAD.match(text, m.start())), None
    )
    targets = _TARGETS.search(text)
    plan_start = plan.start() if plan else (targets.start() if targets else len(text))
    if plan:
        year = int(plan.group(1))
    elif targets and targets.group(1):
        year = int(targets.group(1))
    elif review:
        year = int(review.group(1)) + 1
    elif fallback is not None:
        return fallback, plan_start, notes
    else:
        raise ValueError(
            "cannot find the report year in the text (no '2024年主要目标' heading or "
            "'2023年工作回顾'): give the report year explicitly"
        )
    if fallback is not None and fallback != year:
        notes.append(f"the text says the report year is {year}, not {fallback}; using {year}")
    if plan is None and targets is None:
        notes.append("no targets part found (主要预期目标): all targets are missing")
    return year, plan_start, notes


def _predicate_only(s: str) -> bool:
    return _PREDICATE.sub("", s) == ""


def _field_for(fields, meas: str, p: Phrase, section: str) -> F.Field | None:
    """The field among ``fields`` with this measure and unit class, active in ``section``."""
    ok = (f for f in fields if f.measure == meas and f.unit_class == p.unit_class)
    return next((f for f in ok if _role(f, section)), None)


class _Sentence:
    """One sentence [ss, se) of the normalised text: its phrases and clause boundaries."""

    def __init__(self, t: str, ss: int, se: int, phrases: list[Phrase], section: str):
        self.t, self.ss, self.se, self.phrases, self.section = t, ss, se, phrases, section
        self.bounds = [ss] + [m.end() for m in _CLAUSE.finditer(t, ss, se)]
        self.clauses = list(zip(self.bounds, [*self.bounds[1:], se], strict=True))
        self.consumed: set[int] = set()

    def clause_index(self, pos: int) -> int:
        return bisect.bisect_right(self.bounds, pos) - 1

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos``, after leading blanks."""
        a = self.bounds[self.clause_index(pos)]
        return a + len(self.t[a:pos]) - len(self.t[a:pos].lstrip())

    def kind(self, pos: int) -> str:
        return "estimate" if "预计" in self.t[self.ss : pos] else "actual"


class _Reader:
    """Reads one normalised report; collects hits per key."""

    def __init__(self, norm: Normalised, plan_start: int):
        self.t = norm.text
        self.plan_start = plan_start
        self.phrases = find_phrases(self.t)
        self.starts = [p.start for p in self.phrases]
        subj = [(m.start(), m.end(), s) for s in F.SUBJECTS for m in s.pattern.finditer(self.t)]
        self.subjects = sorted(subj, key=lambda x: (x[0], x[1]))
        self.subject_starts = [s[0] for s in self.subjects]
        self.hits: dict[str, list[_Hit]] = defaultdict(list)

    def run(self) -> None:
        pos = 0
        for m in [*_SENTENCE.finditer(self.t), None]:
            end = m.start() if m else len(self.t)
            lo, hi = bisect.bisect_left(self.starts, pos), bisect.bisect_left(self.starts, end)
            if hi > lo:
                section = "review" if pos < self.plan_start else "target"
                sent = _Sentence(self.t, pos, end, self.phrases[lo:hi], section)
                self._ratios(sent)
                self._enumerations(sent)
                self._numbers(sent)
            pos = end + 1

    def _add(self, field: F.Field, sent: _Sentence, p: Phrase, sign: int, span: tuple[int, int],
             qual: str | None, kind: str | None = None) -> None:  # fmt: skip
        """Record a hit; qualifiers are kept for targets, and for figures only when written."""
        if not _role(field, sent.section):
            return
        value = float(p.value * p.factor * sign)  # Decimal arithmetic, then float
        keep = qual if (p.qual or sent.section == "target") else None
        hit = _Hit(field, sent.section, value, *span, kind or sent.kind(p.start), keep)
        self.hits[_key(field, sent.section)].append(hit)

    def _ratios(self, sent: _Sentence) -> None:
        """``三次产业结构(占比)为a:b:c`` / ``由a:b:c优化为d:e:f``: the last triple wins."""
        t, ss = self.t, sent.ss
        found = find_ratios(t[ss : sent.se])
        for r0, r1, _ in found:
            sent.consumed.update(p.start for p in sent.phrases if ss + r0 <= p.start < ss + r1)
        found = [r for r in found if F.RATIO_CONTEXT.search(t[ss : ss + r[0]])]
        if not found or sent.section != "review":
            return
        r0, r1, values = found[-1]
        ctx = list(F.RATIO_CONTEXT.finditer(t, ss, ss + r0))[-1]
        span = (sent.clause_start(ctx.start()), ss + r1)
        for key, v in zip(F.RATIO_FIELDS, values, strict=True):
            p = Phrase(ss + r0, ss + r1, v, "%", "percent", Decimal(1), None, False)
            self._add(F.field_by_key(key), sent, p, 1, span, None, sent.kind(ss + r0))

    def _enumerations(self, sent: _Sentence) -> None:
        """``A、B、C分别增长a、b、c``; a list with no subjects of its own (``，分别增长a、b``)
        takes those of the list before it in the sentence."""
        prev = None
        for en in find_enumerations(self.t, sent.phrases, sent.clause_start, sent.ss, sent.se):
            sent.consumed.update(p.start for p in en.phrases)
            subjects, group, start = en.subjects, en.group, en.start
            if prev and _predicate_only(en.group):
                subjects, group, start = prev.subjects, prev.group + en.group, prev.start
            prev = en if en.subjects else prev
            if len(subjects) != len(en.phrases):
                continue
            for item, p in zip(subjects, en.phrases, strict=True):
                meas, sign = measure(group + en.verb, p)
                field = self._enum_field(item, group, meas, p, sent.section)
                if field:
                    qual = qualifier(p, self.t[start : p.start], field.sense)
                    self._add(field, sent, p, sign, (start, en.end), qual)

    def _numbers(self, sent: _Sentence) -> None:
        """Every other number: nearest subject before it, then the field by measure and unit."""
        t = self.t
        for k, p in enumerate(sent.phrases):
            if p.start in sent.consumed:
                continue
            found = self._subject(sent, p.start)
            if not found:
                continue
            (a, b, subject), cj = found
            prev_end = max([q.end for q in sent.phrases[:k]] + [sent.ss])
            meas, sign = measure(t[a:b] + t[max(b, prev_end) : p.start], p)
            field = _field_for(subject.fields, meas, p, sent.section)
            if field is None:
                continue
            qstart = sent.clause_start(sent.clauses[cj][0])
            if any(qstart <= q.start < a for q in sent.phrases):  # another figure before it
                qstart = a
            qual = qualifier(p, t[qstart : p.start], field.sense)
            self._add(field, sent, p, sign, (qstart, p.end), qual)

    def _subject(self, sent: _Sentence, pos: int):
        """Nearest keyword before ``pos`` in its clause, or in the clause before when this
        clause starts with a bare predicate; ((start, end, Subject), clause index) or None."""
        for j in range(sent.clause_index(pos), -1, -1):
            cs, ce = sent.clauses[j]
            limit = min(pos, ce)
            i = bisect.bisect_left(self.subject_starts, cs)
            best = None
            while i < len(self.subjects) and self.subjects[i][0] < limit:
                a, b, s = self.subjects[i]
                if b <= limit and (best is None or (b, b - a) > (best[1], best[1] - best[0])):
                    best = (a, b, s)
                i += 1
            if best:
                return (best, j) if best[2].fields else None
            first = next((q.start for q in sent.phrases if cs <= q.start < limit), limit)
            if not _predicate_only(self.t[cs:first]):
                return None
        return None

    def _enum_field(self, item: str, group: str, meas: str, p: Phrase, section: str):
        """The field for one enumeration item (``一`` with ``产`` in the group, or a keyword)."""
        item = re.sub(r"(?:增加值|增速|增幅)$", "", item)
        for s in F.SUBJECTS:
            by_enum = s.enum and s.enum.fullmatch(item) and s.enum_head.search(group)
            if by_enum or s.pattern.search(item):
                field = _field_for(s.fields, meas, p, section)
                if field:
                    return field
        return None


def _source(norm: Normalised, pos: int, region: str, year: int, qual: str | None) -> str:
    """``<region> <year> government work report (政府工作报告), section <heading> — <title>``,
    heading and title copied from the original text."""
    text = norm.text
    heads = list(_HEADING.finditer(text, 0, pos))
    src = f"{region} {year} government work report (政府工作报告)"
    if heads:
        src += f", section {norm.quote(*heads[-1].span(1))[0]}"
    para = text.rfind("\n", 0, pos) + 1
    m = _TITLE.match(text, para)
    if m:
        src += f" — {norm.quote(*m.span(1))[0]}"
    if qual:
        src += f"; {QUALIFIER_NOTE[qual]}"
    return src


def extract_report(text: str, region: str, report_year: int | None = None) -> Extraction:
    """Read a report's text (str, any width of digits) into figures, targets, missing, ambiguous.

    Values come out in the project's units: 亿元 -> ``100m CNY`` (万亿元 x 10000), 万吨 -> ``10k t``,
    亿千瓦时 -> ``100m kWh``, 万千瓦 -> ``10k kW``, 万人 -> ``10k persons``, ``%`` and ``pp``;
    declines (下降/降低/减少) are negative. Review figures are for ``report_year - 1``.
    ``report_year`` is used only when the text does not state it. Raises ValueError when the
    year can be found neither in the text nor in ``report_year``.
    """
    norm = normalise(text)
    year, plan_start, notes = detect_years(norm.text, report_year)
    reader = _Reader(norm, plan_start)
    reader.run()
    ex = Extraction(
        region=region,
        report_year=year,
        notes=notes,
        source=f"{region} {year} government work report (政府工作报告)",
    )
    for field in F.all_fields():
        for section in ("review", "target"):
            role = _role(field, section)
            if role is None:
                continue
            key = _key(field, section)
            hits = reader.hits.get(key, [])
            if not hits:
                if role == F.REQ:
                    ex.missing.append(key)
                continue
            cands: dict[tuple[float, int], Candidate] = {}
            for h in hits:
                quote, pos = norm.quote(h.start, h.end)
                cands.setdefault((round(h.value, 9), pos), Candidate(h.value, quote, pos))
            if len({v for v, _ in cands}) > 1:
                ex.ambiguous[key] = list(cands.values())
                continue
            h, c = hits[0], next(iter(cands.values()))
            f = h.field
            if section == "review":
                src = _source(norm, h.start, region, year, h.qualifier)
                ex.figures.append(
                    Figure(
                        f.variable,
                        h.value,
                        f.unit,
                        year - 1,
                        h.kind,
                        c.quote,
                        c.position,
                        src,
                        h.qualifier,
                    )
                )
            else:
                ex.targets.append(
                    Target(
                        f.key,
                        f.variable,
                        f.label_zh,
                        f.label_en,
                        h.value,
                        f.unit,
                        h.qualifier or "about",
                        f.sense,
                        f.covered,
                        c.quote,
                        c.position,
                    )
                )
    return ex
