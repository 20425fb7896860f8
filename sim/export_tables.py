"""The hand-over tables of one scenario in the planner's language: what the workbook, the table
CSV and the briefing show. Pure functions of a ``Case``; no file format here.

A number cell is a ``Num``: the full-precision value with the decimals it is shown with (the
variable's ``decimals`` in params/variables.toml, an input's step, a figure's own digits), an
optional unit suffix and sign. Units are the planners' (亿元, 万吨, 万吨标准煤, 百分点; in English
written out: 100 million yuan, 10,000 t), from params/text_export.toml.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np

from . import MODEL_NAME
from .baseline import Baseline
from .checks import consistency
from .headlines import CARDS
from .i18n import has_key, region_label, t, unit_label
from .iamc import variable_meta
from .metadata import MODE_ID, ParamSet, load_parameters
from .model import Projection
from .sanitize import clean_text
from .scenarios import sparse_diff
from .targets import Target, TargetSet, scoreboard, status_of

# China keeps one time zone without daylight saving: UTC+8 is exact, and needs no tz database.
BEIJING = timezone(timedelta(hours=8), "CST")
# Checks that are internal identities: shown only when they fail.
IDENTITY_CHECKS = ("identity", "shares")


@dataclass(frozen=True)
class Num:
    """A number cell: ``value`` at full precision, shown with ``dec`` decimals, then ``suffix``
    (a unit); ``sign`` shows a leading + for gaps."""

    value: float
    dec: int = 2
    suffix: str = ""
    sign: bool = False

    def text(self, lang: str = "zh") -> str:
        """As shown: thousands separators in English only (Chinese reports write 1557.64亿元)."""
        if not math.isfinite(self.value):
            return "—"
        sep = "," if lang == "en" else ""
        body = f"{self.value:{'+' if self.sign else ''}{sep}.{self.dec}f}"
        return (
            f"{body} {self.suffix}".rstrip() if self.suffix not in ("", "%") else body + self.suffix
        )


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list]  # cells: str | Num | int | None


@dataclass(frozen=True)
class Case:
    """One scenario run as it is handed over."""

    name: str
    values: Mapping[str, object]
    proj: Projection
    base: Baseline
    targets: TargetSet
    pset: ParamSet | None = None
    description: str = ""
    created: datetime | None = None  # default: now
    reasons: Mapping[str, str] = field(default_factory=dict)  # input id -> why it was changed
    checks: Mapping[str, float] | None = None  # the [[check]] inputs (None: their defaults)

    def __post_init__(self):  # a name is one line; no text may hold a control character
        object.__setattr__(self, "name", clean_text(self.name or "", lines=False))
        object.__setattr__(self, "description", clean_text(self.description or ""))
        reasons = {k: clean_text(str(v)).strip() for k, v in (self.reasons or {}).items()}
        object.__setattr__(self, "reasons", {k: v for k, v in reasons.items() if v})

    @property
    def params(self) -> ParamSet:
        return self.pset or load_parameters()

    @property
    def year(self) -> int:
        return self.proj.years[1]

    def created_text(self) -> str:
        when = self.created or datetime.now(BEIJING)
        when = when.replace(tzinfo=BEIJING) if when.tzinfo is None else when.astimezone(BEIJING)
        return when.strftime("%Y-%m-%d %H:%M")


def unit_text(code: str, lang: str) -> str:
    """A unit as planners write it; a unit without an export label keeps the app's label."""
    key = "xpu:" + code
    return t(key, lang) if has_key(key) else unit_label(code, lang)


def digits(x: float, most: int = 4) -> int:
    """The decimals a stated figure needs (3.2 -> 1, 1557.64 -> 2, 8000 -> 0), at most ``most``."""
    if not math.isfinite(x):
        return 0
    for d in range(most + 1):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return most


def var_decimals(variable: str) -> int:
    return int(variable_meta().get(variable, {}).get("decimals", 2))


def var_label(variable: str, lang: str) -> str:
    meta = variable_meta().get(variable, {})
    return meta.get("label_zh" if lang == "zh" else "label_en", variable)


def kind_text(kind: str, lang: str) -> str:
    key = "xp_kind_" + str(kind)
    return t(key, lang) if has_key(key) else str(kind)


def input_cell(p, v, lang: str):
    """An input's value: a choice as its label, a number with its step's decimals."""
    if p.type == "choice":
        return p.choice_label(str(v), lang)
    if p.type == "int":
        return Num(float(v), 0)
    return Num(float(v), digits(float(p.step or 0.01)))


def basis(p, lang: str) -> str:
    """Why an input has its default: the report's sentence for a target, else the reason."""
    return p.quote or p.reason(lang) or p.description(lang)


def changed_params(case: Case) -> list:
    diff = sparse_diff(case.values, case.params)
    return [p for p in case.params.params if p.id in diff]


def changed_table(case: Case, lang: str) -> Table:
    """The inputs changed from the defaults: value, default, unit, the planner's reason for the
    change (when given) and the basis of the default."""
    cols = ["xp_col_input", "xp_col_value", "xp_col_default", "xp_col_unit"]
    cols += ["xp_col_why", "xp_col_basis"]
    rows = [
        [
            p.label(lang),
            input_cell(p, case.values.get(p.id, p.default), lang),
            input_cell(p, p.default, lang),
            unit_text(p.unit, lang),
            case.reasons.get(p.id, ""),
            basis(p, lang),
        ]
        for p in changed_params(case)
    ]
    return Table([t(c, lang) for c in cols], rows)


def cover_rows(case: Case, lang: str) -> list[tuple[str, object]]:
    proj, pset = case.proj, case.params
    region = region_label(proj.region, lang)
    rules = t("xp_rule_sep", lang).join(
        t(
            "xp_rule",
            lang,
            label=p.label(lang),
            value=p.choice_label(str(case.values.get(p.id, p.default)), lang),
        )
        for p in pset.params
        if p.type == "choice" and p.kind == "policy" and p.id != MODE_ID  # the mode has a row
    )
    rows = [
        ("xp_cover_name", case.name),
        ("xp_cover_description", case.description),
        ("xp_cover_region", region),
        ("xp_cover_base_year", case.base.year),
        ("xp_cover_target_year", case.year),
        ("xp_cover_horizon", horizon_text(proj.years, lang)),
        ("xp_cover_mode", proj.mode_label(lang)),
        (
            "xp_cover_rules",
            rules if lang == "zh" else rules.replace("；", "; ").replace("：", ": "),
        ),
        ("xp_cover_created", case.created_text()),
        ("xp_cover_model", MODEL_NAME),
    ]
    return [(t(k, lang), v) for k, v in rows if k == "xp_cover_name" or v not in ("", None)]


def horizon_text(years: list[int], lang: str) -> str:
    if years[-1] == years[1]:
        return t("xp_year", lang, year=years[1])
    return t("xp_horizon", lang, first=years[1], last=years[-1])


def title(case: Case, lang: str) -> str:
    return t("xp_title", lang, region=region_label(case.proj.region, lang), year=case.year)


def inputs_table(case: Case, lang: str) -> Table:
    cols = ["xp_col_group", "xp_col_input", "xp_col_value", "xp_col_default", "xp_col_unit"]
    cols += ["xp_col_kind", "xp_col_changed", "xp_col_basis"]
    changed = {p.id for p in changed_params(case)}
    groups = {g.id: g.label(lang) for g in case.params.groups}
    rows = [
        [
            groups.get(p.group, p.group),
            p.label(lang),
            input_cell(p, case.values.get(p.id, p.default), lang),
            input_cell(p, p.default, lang),
            unit_text(p.unit, lang),
            kind_text(p.kind, lang),
            t("xp_yes" if p.id in changed else "xp_no", lang),
            basis(p, lang),
        ]
        for p in case.params.params
    ]
    return Table([t(c, lang) for c in cols], rows)


def results_table(case: Case, lang: str) -> Table:
    """Every output variable (in params/variables.toml order), a column per year; base-year
    cells the baseline does not state, or that are assumed splits, are empty."""
    proj = case.proj
    years = proj.years
    cols = [t("xp_col_indicator", lang), t("xp_col_unit", lang)]
    cols += [t("xp_year", lang, year=y) for y in years] + [t("xp_col_code", lang)]
    rows = []
    for var, meta in variable_meta().items():
        if var not in proj.series:
            continue
        arr = proj.series[var][0]
        dec = var_decimals(var)
        first = 1 if meta.get("base_year") == "assumed" else 0
        cells = [
            Num(float(arr[j]), dec) if j >= first and np.isfinite(arr[j]) else None
            for j in range(len(years))
        ]
        rows.append([var_label(var, lang), unit_text(meta["unit"], lang), *cells, var])
    return Table(cols, rows)


def target_text(tg: Target, lang: str) -> str:
    """'5.5%左右' / 'about 5.5%'; '8000万吨以上' / 'at least 8,000 10,000 t'."""
    unit = unit_text(tg.unit, lang)
    value = Num(tg.value, digits(tg.value)).text(lang)
    qual = t("qual_" + tg.qualifier, lang)
    if tg.qualifier == "range" and tg.high is not None:
        value = f"{value}-{Num(tg.high, digits(tg.high)).text(lang)}"
        qual = "" if lang == "zh" else qual
    if lang == "zh":
        return f"{value}{unit}{qual}"
    sep = "" if tg.unit == "%" else " "
    return f"{qual} {value}{sep}{unit}".strip()


def gap_cell(gap: float, tg: Target, lang: str) -> Num:
    """A gap in the target's unit; percentages become percentage points."""
    unit = "pp" if tg.unit in ("%", "pp") else tg.unit
    return Num(gap, max(var_decimals(tg.variable), 1), unit_text(unit, lang), sign=True)


def value_cell(variable: str, value: float, lang: str) -> Num:
    unit = variable_meta().get(variable, {}).get("unit", "")
    return Num(value, var_decimals(variable), unit_text(unit, lang))


def status_word(status: str, lang: str, by_input: bool = False) -> str:
    """达到 / 基本达到 / 未达到 (met / about met / missed), marked when the value is an input."""
    word = t("status_" + status, lang)
    return t("xp_by_input", lang, status=word, note=t("status_input", lang)) if by_input else word


def targets_table(case: Case, lang: str) -> Table:
    cols = ["xp_col_indicator", "xp_col_projected", "xp_col_target", "xp_col_gap"]
    cols += ["xp_col_status", "xp_col_quote"]
    rows = [
        [
            r.target.label(lang),
            value_cell(r.target.variable, r.projected, lang),
            target_text(r.target, lang),
            gap_cell(r.gap, r.target, lang),
            status_word(r.status, lang, r.set_by_input),
            r.target.quote,
        ]
        for r in scoreboard(case.proj, case.targets)
    ]
    return Table([t(c, lang) for c in cols], rows)


def headline_table(case: Case, lang: str) -> Table:
    """The app's six cards: projected value, target, gap and status of the first year."""
    cols = ["xp_col_indicator", "xp_col_projected", "xp_col_target", "xp_col_gap"]
    cols += ["xp_col_status"]
    proj, rows = case.proj, []
    for key, var, target_var in CARDS:
        if var not in proj.series:
            continue
        tg = case.targets.by_variable(target_var) if target_var else None
        tg = tg if tg is not None and tg.covered and tg.variable in proj.series else None
        row = [t(key, lang), value_cell(var, proj.value(var), lang), "", "", ""]
        if tg is not None:
            judged = proj.value(tg.variable)
            status = str(status_of(np.array([judged]), tg, case.targets.tolerance)[0])
            row[2:] = [target_text(tg, lang), gap_cell(judged - tg.value, tg, lang)]
            row.append(status_word(status, lang, tg.variable in proj.inputs))
            if tg.variable != var:  # revenue: the level shown, judged by its growth
                row[2] = t("xp_growth_of", lang, target=row[2])
        rows.append(row)
    return Table([t(c, lang) for c in cols], rows)


def findings(case: Case, lang: str) -> list[tuple[str, str]]:
    """(level word, sentence) of every consistency check and model note worth telling a
    planner: the internal identities only when they fail."""
    out = []
    for c in consistency(case.proj, case.targets, case.base, case.checks):
        if c.id in IDENTITY_CHECKS and c.level == "ok":
            continue
        out.append((t("xp_level_" + c.level, lang), c.text(lang)))
    out += [(t("xp_level_info", lang), n.text(lang)) for n in case.proj.notes]
    return out


def report_source(case: Case, lang: str) -> str:
    region = region_label(case.targets.region or case.proj.region, lang)
    return t("xp_report_source", lang, region=region, year=case.targets.year)


def sources_table(case: Case, lang: str) -> Table:
    """Where every figure comes from: each report target with its sentence, each baseline row
    with its source and quote, each input with the report's sentence or the reason for it."""
    cols = ["xp_col_section", "xp_col_indicator", "xp_col_year", "xp_col_value", "xp_col_unit"]
    cols += ["xp_col_kind", "xp_col_source", "xp_col_quote"]
    rows, report = [], report_source(case, lang)
    for tg in case.targets.targets:
        value = Num(tg.value, digits(tg.value))
        unit, kind = unit_text(tg.unit, lang), kind_text("target", lang)
        section = t("xp_section_target", lang)
        rows.append([section, tg.label(lang), case.targets.year, value, unit, kind])
        rows[-1] += [tg.source or report, tg.quote]
    for rec in case.base.frame.to_dict("records"):
        var, value = str(rec.get("variable", "")), rec.get("value")
        num = float(value) if isinstance(value, int | float) else math.nan
        cell = Num(num, digits(num)) if math.isfinite(num) else None
        unit, kind = unit_text(str(rec.get("unit", "")), lang), kind_text(rec.get("kind", ""), lang)
        section = t("xp_section_baseline", lang)
        rows.append([section, var_label(var, lang), _int(rec.get("year")), cell, unit, kind])
        rows[-1] += [_text(rec.get("source")), _text(rec.get("quote"))]
    for p in case.params.params:
        source = report if p.kind == "target" else t("xp_params_source", lang)
        cell = input_cell(p, case.values.get(p.id, p.default), lang)
        unit, kind = unit_text(p.unit, lang), kind_text(p.kind, lang)
        rows.append([t("xp_section_param", lang), p.label(lang), None, cell, unit, kind])
        rows[-1] += [source, basis(p, lang)]
    return Table([t(c, lang) for c in cols], rows)


def _int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)
