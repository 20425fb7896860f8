"""Exports of one scenario for machines and for re-import: the IAMC CSV and the scenario file.
The hand-over workbook, table CSV and briefing are in sim/workbook.py and sim/briefing/.

Pure functions returning bytes or text, so the app, scripts and tests share them. Every text
goes through the one sanitiser, sim.sanitize: control characters dropped, and text a
spreadsheet would run as a formula (a cell starting with ``=``, ``+``, ``-`` or ``@``, also tab
or carriage return) gets a leading apostrophe (``neutralise``); numbers stay numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from .iamc import to_iamc
from .metadata import ParamSet
from .model import Projection
from .sanitize import (  # noqa: F401 (neutralise and FORMULA_STARTS re-exported)
    FORMULA_STARTS,
    clean_text,
    neutralise,
    neutralise_frame,
    toml_file_bytes,
)
from .scenarios import MAX_TEXT, Scenario, scenario_to_toml, sparse_diff


def iamc_frame(proj: Projection, scenario: str) -> pd.DataFrame:
    """The command line's IAMC rows (``sim.iamc.to_iamc``), the scenario name on one line and
    every text cell sanitised."""
    return neutralise_frame(to_iamc(proj, clean_text(scenario, lines=False)))


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
    reasons: Mapping[str, str] | None = None,
) -> str:
    """The current inputs as a scenario file (a sparse diff against the defaults, with the
    reasons given for the changed ones) that ``sim.scenarios.parse_scenario_bytes`` reads back."""
    name = clean_text(name or "", lines=False)
    title_zh = (clean_text(title_zh, lines=False) or name or "custom")[:MAX_TEXT]
    title_en = (clean_text(title_en, lines=False) or name or "custom")[:MAX_TEXT]
    description = clean_text(description)
    scn = Scenario(
        id=safe_scenario_id(name),
        title_zh=title_zh,
        title_en=title_en,
        description_zh=description[:MAX_TEXT],
        description_en=description[:MAX_TEXT],
        source="LPS-Sim app export",
        values=sparse_diff(values, pset),
        reasons={k: clean_text(str(v)).strip()[:MAX_TEXT] for k, v in (reasons or {}).items()},
    )
    return scenario_to_toml(scn)


def scenario_toml_bytes(values: Mapping[str, object], name: str, **kw) -> bytes:
    """``scenario_toml`` as the download writes it (sim.sanitize.toml_file_bytes: UTF-8 with a
    byte-order mark, so a short title reads back as written)."""
    return toml_file_bytes(scenario_toml(values, name, **kw))
