"""What an extraction returns, and its three outputs: a baseline frame, a targets TOML, a summary.

Units are the project's (``100m CNY``, ``10k t``, ``100m kWh``, ``10k kW``, ``10k persons``,
``%``, ``pp``). Positions are character offsets in the ORIGINAL text (not the normalised one),
and ``text[position:position + len(quote)] == quote``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..targets import Target  # the same record as params/targets.toml, with position

BASELINE_COLUMNS = ["region", "variable", "unit", "year", "value", "kind", "source", "quote"]
QUALIFIER_NOTE = {
    "about": "about (左右)",
    "at_least": "at least (以上)",
    "at_most": "at most (以内)",
}


@dataclass(frozen=True)
class Candidate:
    """One reading of a field: the value in the field's unit, its quote and position."""

    value: float
    quote: str
    position: int


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
    qualifier: str | None = None  # only when the report writes one (左右, 以上…)


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
                "source": f.source,
                "quote": f.quote,
                "position": f.position,
            }
            for f in self.figures
        ]
        frame = pd.DataFrame(rows, columns=[*BASELINE_COLUMNS, "position"])
        return frame.astype({"year": "int64", "value": "float64", "position": "int64"})

    def targets_toml(self) -> str:
        """The targets as a TOML document in the format of ``params/targets.toml``."""
        lines = [
            f"# Targets read from the {self.region} {self.report_year} government work report "
            "by sim.extract.",
            "# Check every value against its quote before running; position = character offset "
            "of the quote.",
        ]
        lines += [f"# missing: {k}" for k in self.missing if k.startswith("target:")]
        for key, cands in self.ambiguous.items():
            if key.startswith("target:"):
                alts = " | ".join(f"{_num(c.value)} «{c.quote}»" for c in cands)
                lines.append(f"# ambiguous, not written: {key}: {alts}".replace("\n", " "))
        lines += [
            "",
            "[meta]",
            f"region = {_toml_str(self.region)}",
            f"year = {self.report_year}",
            f"source = {_toml_str(self.source)}",
            "about_tolerance = 0.1",
        ]
        for t in self.targets:
            lines += ["", "[[target]]"]
            for key in ("id", "variable", "label_zh", "label_en"):
                lines.append(f"{key} = {_toml_str(getattr(t, key))}")
            lines.append(f"value = {float(t.value)!r}")
            for key in ("unit", "qualifier", "sense"):
                lines.append(f"{key} = {_toml_str(getattr(t, key))}")
            lines.append(f"covered = {'true' if t.covered else 'false'}")
            lines.append(f"quote = {_toml_str(t.quote)}")
            lines.append(f"position = {int(t.position)}")
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """A plain-text report of what was found, missing and ambiguous, with quotes."""
        out = [
            f"{self.region}: report year {self.report_year}, review year {self.review_year}",
            f"Figures for {self.review_year} ({len(self.figures)}):",
        ]
        for f in self.figures:
            q = f" {f.qualifier}" if f.qualifier else ""
            out.append(
                f"  {f.variable} = {_num(f.value)} {f.unit}{q} [{f.kind}] "
                f"«{_oneline(f.quote)}» @{f.position}"
            )
        out.append(f"Targets for {self.report_year} ({len(self.targets)}):")
        for t in self.targets:
            out.append(
                f"  {t.id}: {t.variable} {t.qualifier} {_num(t.value)} {t.unit} "
                f"«{_oneline(t.quote)}» @{t.position}"
            )
        out.append(f"Missing ({len(self.missing)}): " + (", ".join(self.missing) or "none"))
        out.append(f"Ambiguous ({len(self.ambiguous)}):" + ("" if self.ambiguous else " none"))
        for key, cands in self.ambiguous.items():
            out.append(f"  {key}:")
            out += [f"    {_num(c.value)} «{_oneline(c.quote)}» @{c.position}" for c in cands]
        out += [f"Note: {n}" for n in self.notes]
        return "\n".join(out)


def _num(x: float) -> str:
    return f"{x:.10g}"


def _oneline(s: str) -> str:
    return " ".join(s.split())


def _toml_str(s: str) -> str:
    """A TOML basic string (escapes backslash, double quote and control characters)."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
