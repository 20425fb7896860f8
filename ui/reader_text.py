"""The report reader's findings in the planner's language: field names, notes, a summary table
and the review tables' column headers (the tables keep their data keys; only labels change)."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from sim.i18n import t, unit_label

from .provenance import row_label

BASELINE_COLUMNS = ("region", "variable", "unit", "year", "value", "kind", "source", "quote")
TARGET_COLUMNS = ("id", "label", "value", "high", "unit", "qualifier", "sense", "quote")
# The reader's notes (sim/extract/years.py) are English sentences with a year in them.
NOTES = (
    (
        re.compile(
            r"^the text also points to report year (?P<others>[\d, ]+); using (?P<year>\d+)$"
        ),
        "rdr_note_other_years",
    ),
    (
        re.compile(r"^the text says the report year is (?P<year>\d+), not (?P<given>\d+); using"),
        "rdr_note_year_given",
    ),
    (re.compile(r"^no targets part found"), "rdr_note_no_targets"),
)


def _fields() -> dict[str, object]:
    from sim.extract import fields as F

    out = {}
    for f in F.all_fields():
        out[f"review:{f.variable}"] = f
        out[f"target:{f.key}"] = f
    return out


def field_label(key: str, lang: str) -> str:
    """'review:Share|Industry' -> '工业占地区生产总值比重（上年）'; unknown keys unchanged."""
    part, _, name = key.partition(":")
    f = _fields().get(key)
    label = (getattr(f, f"label_{lang}", "") if f else "") or row_label(name or key, lang)
    kind = t("rdr_part_review" if part == "review" else "rdr_part_target", lang)
    return t("rdr_field", lang, label=label, part=kind)


def note_text(note: str, lang: str) -> str:
    if lang != "zh":
        return note
    for pattern, key in NOTES:
        m = pattern.match(note)
        if m:
            return t(key, "zh", **m.groupdict())
    return t("rdr_note_other", "zh")


def summary(ex, lang: str) -> None:
    """Counts, then the figures found with their quotes (the expander's body)."""
    st.caption(
        t(
            "rdr_summary",
            lang,
            year=ex.review_year,
            n=len(ex.figures),
            targets=len(ex.targets),
            missing=len(ex.missing),
            ambiguous=len(ex.ambiguous),
        )
    )
    rows = [
        {
            t("app_col_label", lang): row_label(f.variable, lang),
            t("app_col_value", lang): f.value if f.high is None else f"{f.value:g}-{f.high:g}",
            t("app_col_unit", lang): unit_label(f.unit, lang),
            t("app_col_quote", lang): f.quote,
        }
        for f in ex.figures
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def column_config(columns: tuple[str, ...], lang: str, extra: dict | None = None) -> dict:
    """Localised headers for a review table whose data keys stay as they are."""
    cfg = {c: st.column_config.Column(t(f"rdr_col_{c}", lang)) for c in columns}
    cfg.update(extra or {})
    return cfg
