"""Read a government work report: grammar (grammar.py) + field table (fields.py) -> Extraction.

The report year and the part of the report each sentence belongs to (review of last year, plan
for this year) come from years.py. Each part is cut into sentences (。；！？ and line ends) and
clauses (，and colons). In a sentence, three readers run in turn, each claiming its numbers:

1. structure ratios ``三次产业结构…a:b:c`` (the last triple after 调整为/优化为 wins);
2. lists ``X、Y、Z分别增长a、b、c`` (item i of the subjects matched against the table), a
   subject naming two series (``城乡居民人均可支配收入a、b``, ``…均增长7%``), two series and two
   figures without 分别, and a second list right after a list (``…a元、b元，增长c%、d%``);
3. every other number: its subject is the nearest keyword before it in its clause; a clause
   that starts with a bare predicate (``，占比63.7%``, ``总量居全省第三``) takes the subject of
   the clause before. Not read as the subject's: a later item's figure once the subject has
   one, an attribute (``超10亿元的县``), a start value (``由…增加到``), a margin (``超额完成…``),
   a task (``投资任务200亿元``), a size threshold (``500万元以上固定资产投资``), a sum over years
   or an average. ``占地区生产总值比重`` gives the share of the subject before 占.

Among several readings of one field (assemble.py) the headline figure wins over a bound written
before it (``突破3万亿元，达到…``, ``迈上五千亿台阶，预计达到…左右``), a second basis
(``同口径``, ``剔除…因素``) and a numbered subsection's figure. A sentence opening on a zone of
the region (``天易经开区实现…``) is the zone's and is not read. Words around figures are in
wording.py, a figure read and its sentence's clauses in sentence.py.

The subject plus the number's measure (level in a unit, growth, share, rate) select one field.
A field found with two different values is ambiguous and reported with every quote; a required
field not found is reported missing. Nothing is guessed. Every step is linear in the length of
the text (binary search over sorted positions, no rescans), so a long paste costs seconds.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from decimal import Decimal

from . import fields as F
from . import wording as W
from .assemble import assemble
from .grammar import (
    Enumeration,
    Phrase,
    find_enumerations,
    find_phrases,
    find_ratios,
    list_at,
    measure,
    qualifier,
    written_qualifier,
)
from .normalise import check_size, normalise
from .results import Extraction
from .sentence import Hit, Sentence, field_for, key_of, role
from .spans import since_earlier_year, zone_spans
from .years import Years, detect_years


class _Reader:
    """Reads one normalised report; collects hits per key."""

    def __init__(self, t: str, years: Years):
        self.t, self.years = t, years
        self.phrases = find_phrases(t)
        self.starts = [p.start for p in self.phrases]
        subj = [(m.start(), m.end(), s) for s in F.SUBJECTS for m in s.pattern.finditer(t)]
        subj = W.outside_blockers(subj)
        # by end, then a blocker before a field subject ending there, then length
        self.subjects = sorted(subj, key=lambda x: (x[1], not x[2].fields, x[1] - x[0]))
        self.subject_ends = [s[1] for s in self.subjects]
        self.estimates = [m.start() for m in W.ESTIMATE.finditer(t)]
        self.periods = [m.start() for m in W.PERIOD.finditer(t)]
        self.newlines = [m.start() for m in re.finditer("\n", t)]  # paragraph ends
        # ；完成…/；实现… items (start, end), searched by bisection in _estimate_scope
        self.outcome_items = [m.span() for m in W.OUTCOME_ITEM.finditer(t)]
        self.item_marks = [m.start() for m in W.ITEM_END.finditer(t)]
        self.subsections = [m.start() for m in W.SUBSECTION.finditer(t)]
        self.parts = [m.start() for m in W.PART.finditer(t)]
        self.clause_marks = [m.start() for m in W.CLAUSE_MARK.finditer(t)]
        self.estimate_end = [self._estimate_scope(p) for p in self.estimates]
        # 地区生产总值增长7.7%(预计数,下同): the figure the marker follows is covered too
        self.estimate_on = [
            W.before(self.item_marks, m.start()) + 1 for m in W.ESTIMATE_ON.finditer(t)
        ]
        self.since_pos = since_earlier_year(t, years.review_year)
        self.hits: dict[str, list[Hit]] = defaultdict(list)
        self.carried = None  # the last subject of the sentence before, if it ended with 。

    def _estimate_scope(self, pos: int) -> int:
        """Where the 预计 at ``pos`` stops: the end of its sentence when nothing but a time, a
        place or 据统计 stands before it in its clause (``2022年预计…；…。``), else the end of its
        own item (``居民收入预计4.6万元，增长10%；城镇登记失业率为2.3%``: the rate is an actual;
        also after a noun of no field, ``外贸进出口总额预计…``). A paragraph's later sentences
        are not covered (预计 is a sentence's adverb)."""
        head = W.before(self.clause_marks, pos) + 1
        i = bisect.bisect_right(self.subject_ends, pos) - 1
        opens = not (i >= 0 and self.subjects[i][0] >= head and self.subjects[i][2].fields)
        prefix = self.t[head:pos].strip()
        opens = opens and (len(prefix) <= 3 or bool(W.ESTIMATE_OPENER.fullmatch(prefix)))
        marks = self.periods if opens else self.item_marks
        k = bisect.bisect_left(marks, pos)
        end = marks[k] if k < len(marks) else len(self.t)
        # 预计地区生产总值增长5.2%；完成区级财政收入…: an item stating its own outcome, after one
        # that did not, is an actual; 预计全年，实现…；完成…: the items run parallel, all estimates
        if opens and not W.OUTCOME_OPEN.match(self.t, pos):
            k = bisect.bisect_left(self.outcome_items, (pos,))
            if k < len(self.outcome_items) and self.outcome_items[k][1] <= end:
                end = self.outcome_items[k][0]
        return end

    def _since_earlier(self, pos: int) -> bool:
        """A ``比2016年`` (a base before the year under review) earlier in ``pos``'s paragraph:
        its changes, and the bare ones after it, are over several years (a five-year review)."""
        j = bisect.bisect_right(self.since_pos, pos) - 1
        return j >= 0 and self.since_pos[j] > W.before(self.newlines, pos)

    def run(self, region: str = "") -> None:
        zones = zone_spans(self.t, region)
        zone_starts = [a for a, _ in zones]
        pos = 0
        for m in [*W.SENTENCE.finditer(self.t), None]:
            end = m.start() if m else len(self.t)
            lo, hi = bisect.bisect_left(self.starts, pos), bisect.bisect_left(self.starts, end)
            z = bisect.bisect_right(zone_starts, pos) - 1
            if z >= 0 and pos < zones[z][1]:
                hi = lo  # a zone's figures
            if hi > lo:
                sent = Sentence(self.t, pos, end, self.phrases[lo:hi])
                self._ratios(sent)
                self._enumerations(sent)
                self._numbers(sent)
            i = bisect.bisect_right(self.subject_ends, end) - 1
            last = self.subjects[i] if i >= 0 and self.subjects[i][0] >= pos else None
            self.carried = last if (m is not None and m.group() == "。" and last) else None
            pos = end + 1

    def kind(self, section: str, pos: int) -> str:
        """target in the plan; estimate after 预计 in the same sentence (or a 预计数，下同 earlier in
        the paragraph); else actual."""
        if section == "target":
            return "target"
        j = bisect.bisect_left(self.estimates, pos) - 1
        if j >= 0 and pos < self.estimate_end[j]:
            return "estimate"
        k = bisect.bisect_left(self.estimate_on, pos) - 1
        para = W.before(self.newlines, pos)
        return "estimate" if k >= 0 and self.estimate_on[k] > para else "actual"

    def _add(
        self,
        field: F.Field,
        sent: Sentence,
        p: Phrase,
        sign: int,
        span: tuple[int, int],
        lead: str,
        qual_head: str,
    ) -> None:
        """Record a hit; qualifiers are kept for targets, and for figures only when written."""
        section = self.years.part(p.start)
        if not role(field, section):
            return
        if self.years.other_year(sent.clause_start(p.start), p.start, section):
            return
        change = field.measure in ("growth", "pp_change")
        if change and section == "review" and self._since_earlier(p.start):
            return  # 比2016年增长35.2%，…增长26.4%: over several years
        scale = Decimal(field.scale)
        value = float(p.value * p.factor * sign * scale)  # Decimal arithmetic, then float
        high = float(p.high * p.factor * sign * scale) if p.high is not None else None
        if high is not None and sign < 0:
            value, high = high, value
        if section == "target":
            qual = qualifier(p, qual_head, field.sense)
        else:
            qual = written_qualifier(p, lead)
        lo = max(min(span[0], sent.clause_start(p.start)), p.start - W.BASIS_REACH)
        basis = bool(W.SECOND_BASIS.search(self.t, lo, p.start))
        kind = self.kind(section, p.start)
        detail = W.before(self.subsections, p.start) > W.before(self.parts, p.start)
        hit = Hit(field, section, value, high, *span, kind, qual, basis, detail)
        self.hits[key_of(field, section)].append(hit)

    def _ratios(self, sent: Sentence) -> None:
        """``三次产业结构(占比)为a:b:c`` / ``由a:b:c优化为d:e:f``: the last triple wins."""
        t, ss = self.t, sent.ss
        found = find_ratios(t[ss : sent.se])
        for r0, r1, _ in found:
            lo = bisect.bisect_left(sent.starts, ss + r0)
            hi = bisect.bisect_left(sent.starts, ss + r1)
            sent.consumed.update(sent.starts[lo:hi])
        reach = 80  # 三次产业结构由a:b:c调整为d:e:f: the words stand just before the triples
        found = [
            r for r in found if F.RATIO_CONTEXT.search(t, max(ss, ss + r[0] - reach), ss + r[0])
        ]
        if not found or self.years.part(ss + found[-1][0]) != "review":
            return
        r0, r1, values = found[-1]
        ctx = list(F.RATIO_CONTEXT.finditer(t, max(ss, ss + r0 - reach), ss + r0))[-1]
        span = (sent.clause_start(ctx.start()), ss + r1)
        for key, v in zip(F.RATIO_FIELDS, values, strict=True):
            p = Phrase(ss + r0, ss + r1, v, "%", "percent", Decimal(1), None, False)
            self._add(F.field_by_key(key), sent, p, 1, span, "", "")

    def _enumerations(self, sent: Sentence) -> None:
        """``A、B、C分别增长a、b、c``; a list with no subjects of its own (``，分别增长a、b``)
        takes those of the list before it in the sentence; ``城乡…`` names two series."""
        prev = None
        found = find_enumerations(self.t, sent.phrases, sent.clause_start, sent.ss, sent.se)
        taken = {p.start for en in found for p in en.phrases}
        for m in W.PAIR_SUBJECT.finditer(self.t, sent.ss, sent.se):
            both = W.BOTH.match(
                self.t, m.end()
            )  # 城乡居民人均可支配收入均增长7%: one figure, two series
            if both:
                k = bisect.bisect_left(sent.starts, both.end())
                if k < len(sent.phrases) and sent.starts[k] == both.end():
                    p = sent.phrases[k]
                    found.append(W.pair_list(m.start(), m.group() + both.group(), [p, p]))
                continue
            items = list_at(self.t, sent.phrases, sent.starts, m.end())
            if len(items) == 2 and items[0].start not in taken:
                subject = m.group().split("分别")[0]
                found.append(W.pair_list(m.start(), subject, items))
        found += self._follow_on(sent, found)
        for en in sorted(found, key=lambda e: e.start):
            sent.consumed.update(p.start for p in en.phrases)
            subjects, group, start = en.subjects, en.group, en.start
            if prev and W.predicate_only(en.group):
                subjects, group, start = prev.subjects, prev.group + en.group, prev.start
            elif W.predicate_only(en.group):
                subjects, start = self._clause_subjects(sent, en.start, len(en.phrases), start)
            prev = en if en.subjects else prev
            subjects = W.expand_pairs(subjects, len(en.phrases))
            if len(subjects) != len(en.phrases):
                continue
            for item, p in zip(subjects, en.phrases, strict=True):
                meas, sign = measure(group + en.verb, p)
                field = self._enum_field(item, group, meas, p, self.years.part(p.start))
                if field:
                    lead = en.verb + self.t[max(start, p.start - 4) : p.start]
                    self._add(field, sent, p, sign, (start, en.end), lead, self.t[start : p.start])

    def _follow_on(self, sent: Sentence, found: list) -> list:
        """``…分别达到39098元、16340元，增长4.7%、5.1%``: a list of as many figures right after a
        list, behind a bare change verb, belongs to the same subjects (``均增长8.5%``: one figure
        for all of them)."""
        taken = {p.start for en in found for p in en.phrases}
        out = []
        for en in found:
            k = bisect.bisect_left(sent.starts, en.end)
            if k >= len(sent.phrases) or sent.starts[k] in taken:
                continue
            gap = self.t[en.end : sent.starts[k]]
            if len(gap) > 8 or not W.predicate_only(gap) or not W.CHANGE.search(gap):
                continue
            items = list_at(self.t, sent.phrases, sent.starts, sent.starts[k])
            if len(items) == 1 and W.BOTH.search(gap):  # …分别达到a元、b元，均增长8.5%
                items = items * len(en.phrases)
            if len(items) == len(en.phrases):
                end = items[-1].end
                out.append(Enumeration(en.start, end, en.subjects, en.group, gap, tuple(items)))
                taken.update(p.start for p in items)
        return out

    def _clause_subjects(self, sent: Sentence, pos: int, n: int, start: int):
        """``城镇居民…4.6万元，农村居民…2.1万元，分别增长4.5%、6.6%``: a list with no subjects
        takes one subject from each of the ``n`` clauses before it; () when any has none."""
        here = sent.clause_index(pos)
        if here < n:
            return (), start
        subjects = []
        for cs, ce in sent.clauses[here - n : here]:
            i = bisect.bisect_right(self.subject_ends, ce) - 1
            if i < 0 or self.subjects[i][0] < cs or not self.subjects[i][2].fields:
                return (), start
            a, b, _ = self.subjects[i]
            subjects.append(self.t[a:b])
        if len(set(subjects)) < n:
            return (), start
        return tuple(subjects), sent.clause_start(sent.clauses[here - n][0])

    def _numbers(self, sent: Sentence) -> None:
        """Every other number: nearest subject before it, then the field by measure and unit."""
        t = self.t
        used: set[int] = set()  # subjects that have taken a figure in this sentence
        for k, p in enumerate(sent.phrases):
            if p.start in sent.consumed:
                continue
            found = self._subject(sent, p.start)
            if not found:
                continue
            (a, b, subject), cj = found
            whole = None  # the end of 占地区生产总值 when the figure is a share of GDP
            if W.SHARE_OF.search(t, max(sent.ss, a - 4), a):  # 占地区生产总值比重: a denominator
                whole = b
                found = self._numerator(sent, a, subject)
                if not found:
                    continue
                (a, b, subject), cj = found
            prev_end = sent.phrases[k - 1].end if k else max(sent.ss, b)
            lead = "占" + t[whole : p.start] if whole else t[max(b, prev_end) : p.start]
            attribute = self.t.startswith("的", p.end) and p.unit_class != "percent"
            if attribute or W.FROM.search(lead) or W.AVERAGE.search(lead):
                continue  # 超10亿元的县 (an attribute), 由1090亿元 (the start), 平均增速 (an average)
            if "分别" in lead:
                continue  # a list the list reader could not pair: its items are not this subject's
            if a in used and prev_end > b and not whole and not W.predicate_only(lead):
                continue  # 收入增长6%、计划实施项目2900个、完成投资2400亿元: another item's figure
            if W.CUMULATIVE.search(t, max(sent.clause_start(a), a - W.BASIS_REACH), a):
                continue  # 5年累计完成固定资产投资2676.8亿元: a sum over years
            # (a window as long as the pattern: a search from the clause start is quadratic)
            if W.TARGET_NAMED.search(t, max(sent.clause_start(a), a - 8), a):
                continue  # 会议上提出的当年地区生产总值增长8.5%: a target, not the outcome
            if W.MARGIN.search(lead) or W.TASK.search(lead) or W.APPROACH.search(lead):
                used.add(a)  # its figure, though not one to keep: the next ones are others'
                continue  # 超额完成年度任务2.1亿元: the margin over the plan; 投资任务200亿元
            if p.qual == "以上" and W.SCOPE_AFTER.match(t, p.end):
                continue  # 500万元以上固定资产投资: the statistic's size threshold
            meas, sign = measure(t[a:b] + lead, p)
            field = field_for(subject.fields, meas, p, self.years.part(p.start))
            if field is None:
                continue
            qstart = a if cj is None else sent.clause_start(sent.clauses[cj][0])
            if cj is not None and bisect.bisect_left(sent.starts, a) > bisect.bisect_left(
                sent.starts, qstart
            ):
                qstart = a  # another figure before it in the clause: quote from the subject
            self._add(field, sent, p, sign, (qstart, p.end), lead, t[qstart : p.start])
            if p.qual or written_qualifier(p, lead) != "at_least":
                used.add(a)  # 突破2000亿元大关，达到2112亿元，增长9.2%: a milestone leaves it free

    def _numerator(self, sent: Sentence, a: int, denominator):
        """``第三产业增加值占地区生产总值比重达58%``: the subject before 占, when the whole is GDP
        (a share of another total, 占服务业比重, is no field's)."""
        if denominator.name != "gdp":
            return None
        i = bisect.bisect_right(self.subject_ends, a - 1) - 1
        cs = sent.clause_start(a)
        if i < 0 or self.subjects[i][0] < cs or not self.subjects[i][2].fields:
            # ``服务业完成增加值157.2亿元，增长12.2%，占GDP的23.5%``: a clause opening on 占
            return self._subject(sent, cs) if W.predicate_only(self.t[cs : a - 1]) else None
        return self.subjects[i], sent.clause_index(a)

    def _subject(self, sent: Sentence, pos: int):
        """Nearest keyword before ``pos`` in its clause, or in one of the clauses before when
        this clause starts with a bare predicate (at most ``W.BACK`` clauses back, so a run of
        predicates costs constant time each); ((start, end, Subject), clause index) or None."""
        here = sent.clause_index(pos)
        for j in range(here, max(here - W.BACK, 0) - 1, -1):
            cs, ce = sent.clauses[j]
            limit = min(pos, ce)
            i = bisect.bisect_right(self.subject_ends, limit) - 1
            if i >= 0 and self.subjects[i][0] >= cs:
                best = self.subjects[i]
                return (best, j) if best[2].fields else None
            k = bisect.bisect_left(sent.starts, cs)
            first = sent.starts[k] if k < len(sent.starts) and sent.starts[k] < limit else limit
            if not W.predicate_only(self.t[cs:first]):
                return None
            count = first < limit and sent.phrases[k].unit_class == "other"
            if count and not W.predicate_only(self.t[sent.phrases[k].end : limit]):
                return None  # 。339个省市重点项目完成投资2200亿元: a count opens its own subject
            if j == 0 and self.carried and self.carried[2].fields:
                return self.carried, None  # 。比上年增长4%: the subject of the sentence before
        return None

    def _enum_field(self, item: str, group: str, meas: str, p: Phrase, section: str):
        """The field for one enumeration item (``一`` with ``产`` in the group, or a keyword)."""
        item = re.sub(r"(?:增加值|增速|增幅)$", "", item)
        if F.BLOCKERS.pattern.search(item):
            return None  # 规上工业企业营业收入: a part or another measure of the subject
        for s in F.SUBJECTS:
            by_enum = s.enum and s.enum.fullmatch(item) and s.enum_head.search(group)
            if by_enum or s.pattern.search(item):
                if not s.fields:
                    return None
                field = field_for(s.fields, meas, p, section)
                if field:
                    return field
        return None


def extract_report(text: str, region: str, report_year: int | None = None) -> Extraction:
    """Read a report's text (simplified or traditional script, any width of digits) into
    figures, targets, missing, ambiguous.

    Values come out in the project's units: 亿元 -> ``100m CNY`` (万亿元 x 10000), 万吨 -> ``10k t``
    (亿斤 x 5), 亿千瓦时 -> ``100m kWh``, 万千瓦 -> ``10k kW``, 万人 -> ``10k persons``, 元 -> ``CNY``,
    ``%`` and ``pp``; declines (下降/降低/减少) are negative; a range (5%-6%) keeps both ends.
    Review figures are for ``report_year - 1``. ``report_year`` is used only when the text does
    not state it. Raises ValueError when the year can be found neither in the text nor in
    ``report_year``, and for a text over the size limit.
    """
    check_size(text)
    norm = normalise(text)
    years = detect_years(norm.text, report_year)
    reader = _Reader(norm.text, years)
    reader.run(region)
    return assemble(norm, years, reader.hits, region)
