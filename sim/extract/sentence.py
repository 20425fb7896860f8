"""What the reader (report.py) works with inside one sentence: a figure read (``Hit``), the
sentence with its clause boundaries (``Sentence``), and the field a phrase selects by its measure,
unit and the part of the report it stands in."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import fields as F
from . import wording as W
from .grammar import Phrase


@dataclass(frozen=True)
class Hit:
    field: F.Field
    section: str  # review | target
    value: float
    high: float | None
    start: int  # normalised span of the quote
    end: int
    kind: str  # actual | estimate | target
    qualifier: str | None
    second_basis: bool = False  # 同口径/剔除…因素: a second reading beside the headline figure
    detail: bool = False  # inside a numbered subsection ((一)试验区建设…): a part's figure


def key_of(field: F.Field, section: str) -> str:
    return f"review:{field.variable}" if section == "review" else f"target:{field.key}"


def role(field: F.Field, section: str) -> str | None:
    """The field's role in ``section``; none in a sentence about another year (``other``)."""
    return {"review": field.review, "target": field.target}.get(section)


def field_for(fields, meas: str, p: Phrase, section: str) -> F.Field | None:
    """The field among ``fields`` with this measure and unit class, active in ``section``."""
    ok = (f for f in fields if f.measure == meas and f.unit_class == p.unit_class)
    if p.factor >= 1 and p.unit_class == "money":  # 亿元 or more is no one's income (元, 万元)
        ok = (f for f in ok if f.unit != "CNY")
    return next((f for f in ok if role(f, section)), None)


class Sentence:
    """One sentence [ss, se) of the normalised text: its phrases and clause boundaries."""

    def __init__(self, t: str, ss: int, se: int, phrases: list[Phrase]):
        self.t, self.ss, self.se, self.phrases = t, ss, se, phrases
        self.starts = [p.start for p in phrases]
        self.bounds = [ss] + [m.end() for m in W.CLAUSE.finditer(t, ss, se)]
        self.clauses = list(zip(self.bounds, [*self.bounds[1:], se], strict=True))
        self.consumed: set[int] = set()

    def clause_index(self, pos: int) -> int:
        return bisect.bisect_right(self.bounds, pos) - 1

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos``, after leading blanks."""
        a = self.bounds[self.clause_index(pos)]
        while a < pos and self.t[a].isspace():
            a += 1
        return a
