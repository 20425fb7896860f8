"""What an extraction returns, and its outputs: a baseline frame, the rows the planner must still
supply, a targets TOML (written with tomli-w, never by hand) and a summary.

Units are the project's (``100m CNY``, ``10k t``, ``100m kWh``, ``10k kW``, ``10k persons``,
``CNY``, ``%``, ``pp``). Positions are character offsets in the ORIGINAL text (not the normalised
one), and ``text[position:position + len(quote)] == quote``. Quotes written to files are cleaned
of control characters (``clean``, sim.sanitize): a form feed, ESC or DEL becomes a space, a CR a newline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import tomli_w

from ..baseline import REQUIRED_ROWS
from ..sanitize import clean_text
from ..targets import Target  # the same record as params/targets.toml, with position

BASELINE_COLUMNS = ["region", "variable", "unit", "year", "value", "kind", "source", "quote"]
QUALIFIER_NOTE = {
    "about": "about (左右)",
    "at_least": "at least (以上/突破/超过)",
    "at_most": "at most (以内)",
    "range": "a range (区间)",
}


def clean(s: str) -> str:
    """Text safe for a TOML string, a CSV cell or a one-line message: the one sanitiser of every
    export (sim.sanitize.clean_text), control characters (form feed, ESC, DEL, C1) becoming
    spaces; newlines and tabs stay, a CR becomes a newline."""
    return clean_text(s, fill=" ")


@dataclass(frozen=True)
class Candidate:
    """One reading of a field: the value in the field's unit, its quote and position."""

    value: float
    quote: str
    position: int
    high: float | None = None  # upper end of a range


@dataclass(frozen=True)
class Figure:
    """A figure of the review year: a baseline row. kind is actual or estimate (预计)."""

    variable: str
    value: float
    unit: str
    year: int
    kind: str
    quote: str
    position: int
    source: str = ""
    qualifier: str | None = None  # only when the report writes one (左右, 以上, 突破…)
    high: float | None = None


@dataclass(frozen=True)
class Need:
    """A row the model needs that the report does not state: the planner types its value."""

    variable: str
    unit: str
    year: int
    context: str  # the report's words nearest to it (may be empty)


@dataclass
class Extraction:
    """Everything read from one report.

    ``missing``: keys of required fields not found, ``review:<variable>`` for last year's
    figures and ``target:<id>`` for this year's targets. ``ambiguous``: the same keys mapped to
    every distinct reading; such a field is in neither ``figures`` nor ``targets`` until the user
    picks one. ``notes``: anything else the user should know (e.g. year detection).
    """

    region: str
    report_year: int
    figures: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[Candidate]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    contexts: dict[str, str] = field(default_factory=dict)  # variable -> nearby words

    @property
    def review_year(self) -> int:
        return self.report_year - 1

    def figure(self, variable: str) -> Figure | None:
        return next((f for f in self.figures if f.variable == variable), None)

    def target(self, target_id: str) -> Target | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def baseline_frame(self) -> pd.DataFrame:
        """The review-year figures in the columns of ``data/baseline_2023.csv`` plus position."""
        rows = [
            {
                "region": self.region,
                "variable": f.variable,
                "unit": f.unit,
                "year": f.year,
                "value": f.value,
                "kind": f.kind,
                "source": clean(f.source),
                "quote": clean(f.quote),
                "position": f.position,
            }
            for f in self.figures
        ]
        frame = pd.DataFrame(rows, columns=[*BASELINE_COLUMNS, "position"])
        return frame.astype({"year": "int64", "value": "float64", "position": "int64"})

    def needs(self) -> list[Need]:
        """Rows the model requires (GDP and the three structure shares) that were not read."""
        have = {f.variable for f in self.figures}
        return [
            Need(v, u, self.review_year, clean(self.contexts.get(v, "")))
            for v, u in REQUIRED_ROWS.items()
            if v not in have
        ]

    def needs_csv(self) -> str:
        """The rows to add, as CSV lines in the baseline's columns with the value left empty."""
        lines = [",".join(BASELINE_COLUMNS)]
        for n in self.needs():
            lines.append(f"{_csv(self.region)},{n.variable},{n.unit},{n.year},,planner,,")
        return "\n".join(lines)

    def targets_doc(self) -> dict:
        """The targets as a document in the format of ``params/targets.toml``."""
        doc: dict = {
            "meta": {
                "region": clean(self.region),
                "year": self.report_year,
                "source": clean(self.source),
                "about_tolerance": 0.1,
            },
            "target": [],
        }
        for t in self.targets:
            row = {
                "id": t.id,
                "variable": t.variable,
                "label_zh": t.label_zh,
                "label_en": t.label_en,
                "value": float(t.value),
                "unit": t.unit,
                "qualifier": t.qualifier,
                "sense": t.sense,
                "covered": bool(t.covered),
                "quote": clean(t.quote),
            }
            if t.high is not None:
                row["high"] = float(t.high)
            if t.position is not None:
                row["position"] = int(t.position)
            doc["target"].append(row)
        return doc

    def targets_toml(self) -> str:
        """``targets_doc`` serialised with tomli-w, after comment lines listing what is missing
        and ambiguous (cleaned to one line each, so no input can end a comment early)."""
        lines = [
            f"# Targets read from the {_line(self.region)} {self.report_year} government work "
            "report by sim.extract.",
            "# Check every value against its quote before running; position = character offset "
            "of the quote.",
        ]
        lines += [f"# missing: {k}" for k in self.missing if k.startswith("target:")]
        for key, cands in self.ambiguous.items():
            if key.startswith("target:"):
                alts = " | ".join(f"{_num(c.value)} «{c.quote}»" for c in cands)
                lines.append(_line(f"# ambiguous, not written: {key}: {alts}"))
        return "\n".join(lines) + "\n\n" + tomli_w.dumps(self.targets_doc())

    def summary(self) -> str:
        """A plain-text report of what was found, missing and ambiguous, with quotes."""
        out = [
            f"{_line(self.region)}: report year {self.report_year}, review year {self.review_year}",
            f"Figures for {self.review_year} ({len(self.figures)}):",
        ]
        for f in self.figures:
            q = f" {f.qualifier}" if f.qualifier else ""
            out.append(
                f"  {f.variable} = {_value(f.value, f.high)} {f.unit}{q} [{f.kind}] "
                f"«{_line(f.quote)}» @{f.position}"
            )
        out.append(f"Targets for {self.report_year} ({len(self.targets)}):")
        for t in self.targets:
            out.append(
                f"  {t.id}: {t.variable} {t.qualifier} {_value(t.value, t.high)} {t.unit} "
                f"«{_line(t.quote)}» @{t.position}"
            )
        out.append(f"Missing ({len(self.missing)}): " + (", ".join(self.missing) or "none"))
        out.append(f"Ambiguous ({len(self.ambiguous)}):" + ("" if self.ambiguous else " none"))
        for key, cands in self.ambiguous.items():
            out.append(f"  {key}:")
            out += [
                f"    {_value(c.value, c.high)} «{_line(c.quote)}» @{c.position}" for c in cands
            ]
        out += [f"Note: {_line(n)}" for n in self.notes]
        return "\n".join(out)


def _num(x: float) -> str:
    return f"{x:.10g}"


def _value(x: float, high: float | None) -> str:
    return _num(x) if high is None else f"{_num(x)}-{_num(high)}"


def _line(s: str) -> str:
    """One line: every run of whitespace and control characters becomes one space."""
    return " ".join(clean(s).split())


def _csv(s: str) -> str:
    s = _line(s)
    return f'"{s}"' if any(c in s for c in ',"') else s
