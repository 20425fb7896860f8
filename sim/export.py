"""Exports of one scenario: IAMC CSV, an Excel workbook and the scenario file itself.

Pure functions returning bytes or text, so the app, scripts and tests share them. Text that a
spreadsheet would run as a formula (a cell starting with ``=``, ``+``, ``-`` or ``@``, also tab
or carriage return) gets a leading apostrophe through ``neutralise``, in the CSV and in Excel
alike; numbers stay numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd

from .baseline import Baseline
from .iamc import to_iamc, variable_meta, wide
from .metadata import ParamSet, load_parameters
from .model import Projection
from .scenarios import MAX_TEXT, Scenario, scenario_to_toml, sparse_diff
from .targets import TargetSet, scoreboard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEETS = ("inputs", "results", "scoreboard", "provenance")
PROVENANCE_COLUMNS = [
    "section",
    "id",
    "label_zh",
    "label_en",
    "year",
    "value",
    "unit",
    "kind",
    "source",
    "quote",
    "reason",
]


def neutralise(value):
    """A text cell that would start a formula gets a leading apostrophe; anything else is
    returned unchanged (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell passed through ``neutralise`` (headers included)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def iamc_frame(proj: Projection, scenario: str) -> pd.DataFrame:
    """The command line's IAMC rows (``sim.iamc.to_iamc``) with text cells neutralised."""
    return neutralise_frame(to_iamc(proj, scenario))


def iamc_csv_bytes(proj: Projection, scenario: str) -> bytes:
    """IAMC long rows as CSV, UTF-8 with BOM so Excel shows Chinese correctly."""
    # CRLF as Excel writes it; the csv module then quotes any field holding a bare CR or LF,
    # so a user text cannot start a new row that begins with a formula.
    text = iamc_frame(proj, scenario).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def safe_scenario_id(text: str) -> str:
    """A scenario id the scenario file accepts (letters, digits, _ and -), from any name."""
    sid = re.sub(r"[^A-Za-z0-9_\-]+", "_", text or "").strip("_-")[:64]
    return sid or "custom"


def scenario_toml(
    values: Mapping[str, object],
    name: str,
    title_zh: str = "",
    title_en: str = "",
    description: str = "",
    pset: ParamSet | None = None,
) -> str:
    """The current inputs as a scenario file (a sparse diff against the defaults) that
    ``sim.scenarios.parse_scenario_bytes`` reads back."""
    title_zh = (title_zh or name or "custom")[:MAX_TEXT]
    title_en = (title_en or name or "custom")[:MAX_TEXT]
    scn = Scenario(
        id=safe_scenario_id(name),
        title_zh=title_zh,
        title_en=title_en,
        description_zh=description[:MAX_TEXT],
        description_en=description[:MAX_TEXT],
        source="LPS-Sim app export",
        values=sparse_diff(values, pset),
    )
    return scenario_to_toml(scn)


def inputs_frame(values: Mapping[str, object], pset: ParamSet) -> pd.DataFrame:
    rows = [
        {
            "id": p.id,
            "label_zh": p.label_zh,
            "label_en": p.label_en,
            "value": values.get(p.id, p.default),
            "default": p.default,
            "unit": p.unit,
            "kind": p.kind,
        }
        for p in pset.params
    ]
    return pd.DataFrame(rows)


def results_frame(proj: Projection, scenario: str) -> pd.DataFrame:
    """One row per variable, a column per year, with both labels."""
    w = wide(to_iamc(proj, scenario))
    meta = variable_meta()
    w.insert(4, "label_zh", w["variable"].map(lambda v: meta[v]["label_zh"]))
    w.insert(5, "label_en", w["variable"].map(lambda v: meta[v]["label_en"]))
    w.columns = [str(c) for c in w.columns]
    return w


def scoreboard_frame(proj: Projection, targets: TargetSet) -> pd.DataFrame:
    year = proj.years[1]
    rows = [
        {
            "target": r.target.id,
            "label_zh": r.target.label_zh,
            "label_en": r.target.label_en,
            "variable": r.target.variable,
            "year": year,
            "projected": r.projected,
            "target_value": r.target.value,
            "qualifier": r.target.qualifier,
            "unit": r.target.unit,
            "gap": r.gap,
            "status": r.status,
            "quote": r.target.quote,
        }
        for r in scoreboard(proj, targets)
    ]
    return pd.DataFrame(rows)


def provenance_frame(base: Baseline, values: Mapping[str, object], pset: ParamSet) -> pd.DataFrame:
    """Every baseline row with its source and quote, then every parameter with its quote (a
    target of the report) or the reason for its value (an assumption or a policy switch)."""
    meta = variable_meta()
    rows = []
    for rec in base.frame.to_dict("records"):
        var = str(rec.get("variable", ""))
        rows.append(
            {
                "section": "baseline",
                "id": var,
                "label_zh": meta.get(var, {}).get("label_zh", ""),
                "label_en": meta.get(var, {}).get("label_en", ""),
                "year": rec.get("year"),
                "value": rec.get("value"),
                "unit": rec.get("unit", ""),
                "kind": rec.get("kind", ""),
                "source": rec.get("source", ""),
                "quote": rec.get("quote", ""),
                "reason": "",
            }
        )
    for p in pset.params:
        rows.append(
            {
                "section": "parameter",
                "id": p.id,
                "label_zh": p.label_zh,
                "label_en": p.label_en,
                "year": None,
                "value": values.get(p.id, p.default),
                "unit": p.unit,
                "kind": p.kind,
                "source": "params/parameters.toml",
                "quote": p.quote,
                "reason": p.reason_en or ("" if p.quote else p.description_en),
            }
        )
    df = pd.DataFrame(rows, columns=PROVENANCE_COLUMNS)
    for col in ("source", "quote", "reason", "kind", "unit"):
        df[col] = df[col].fillna("").astype(str)
    return df


def workbook_bytes(
    values: Mapping[str, object],
    proj: Projection,
    base: Baseline,
    targets: TargetSet,
    scenario: str,
    pset: ParamSet | None = None,
) -> bytes:
    """An .xlsx with the sheets inputs, results (by year), scoreboard and provenance."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    pset = pset or load_parameters()
    frames = {
        "inputs": inputs_frame(values, pset),
        "results": results_frame(proj, scenario),
        "scoreboard": scoreboard_frame(proj, targets),
        "provenance": provenance_frame(base, values, pset),
    }
    wb = Workbook()
    wb.remove(wb.active)
    for name in SHEETS:
        df = neutralise_frame(frames[name])
        ws = wb.create_sheet(name)
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, col in enumerate(df.columns, start=1):
            longest = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)])
            letter = ws.cell(row=1, column=i).column_letter
            ws.column_dimensions[letter].width = min(max(8, longest * 1.1 + 2), 60)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v):
    """Plain Python values for openpyxl: NaN becomes an empty cell, numpy scalars plain numbers.
    Strings are set as text explicitly by openpyxl unless they start with '=' (neutralised)."""
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v
